-- Detractor recovery cases (the 24-hour SOP). One case per detractor response, opened in the response's
-- transaction. Contact data is NOT copied here: it is joined from service_order when a caller may see it.
CREATE TABLE recovery_case (
    seq                 BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id                  UUID PRIMARY KEY,
    response_id         UUID        NOT NULL UNIQUE REFERENCES response (id),
    order_id            TEXT        NOT NULL,
    store_id            TEXT        NOT NULL,
    customer_key        TEXT,
    score               SMALLINT    NOT NULL CHECK (score BETWEEN 0 AND 6),
    stage               TEXT        NOT NULL CHECK (stage IN ('FIRST_CONTACT', 'ANALYSIS', 'REMEDY', 'GM_FOLLOW_UP', 'DONE')),
    status              TEXT        NOT NULL CHECK (status IN ('OPEN', 'RECOVERED', 'ABANDONED')),
    owner_role          TEXT        NOT NULL,
    opened_at           TIMESTAMPTZ NOT NULL,
    due_first_contact   TIMESTAMPTZ NOT NULL,
    due_analysis        TIMESTAMPTZ NOT NULL,
    due_remedy          TIMESTAMPTZ NOT NULL,
    due_gm_follow_up    TIMESTAMPTZ NOT NULL,
    -- the deadline of the stage the case is in (NULL once DONE or closed): what the escalation pass scans
    current_due         TIMESTAMPTZ GENERATED ALWAYS AS (CASE WHEN status <> 'OPEN' THEN NULL
                            WHEN stage = 'FIRST_CONTACT' THEN due_first_contact
                            WHEN stage = 'ANALYSIS' THEN due_analysis
                            WHEN stage = 'REMEDY' THEN due_remedy
                            WHEN stage = 'GM_FOLLOW_UP' THEN due_gm_follow_up END) STORED,
    escalated_stages    TEXT[]      NOT NULL DEFAULT '{}',
    first_contact_at    TIMESTAMPTZ,
    first_contact_by    TEXT,
    first_contact_notes TEXT,
    analysis_at         TIMESTAMPTZ,
    analysis_by         TEXT,
    problem_type        TEXT CHECK (problem_type IN ('TECHNICAL', 'ATTITUDE')),
    problem_scope       TEXT CHECK (problem_scope IN ('INDIVIDUAL', 'MULTIPLE')),
    analysis_plan       TEXT,
    remedy_at           TIMESTAMPTZ,
    remedy_by           TEXT,
    apology             TEXT,
    compensation        TEXT,
    compensation_cents  BIGINT CHECK (compensation_cents >= 0),
    process_fix         TEXT,
    gm_follow_up_at     TIMESTAMPTZ,
    gm_follow_up_by     TEXT,
    gm_follow_up_notes  TEXT,
    gm_satisfied        BOOLEAN,
    closed_at           TIMESTAMPTZ,
    closed_by           TEXT,
    outcome             TEXT CHECK (outcome IN ('RECOVERED', 'ABANDONED')),
    close_reason        TEXT,
    updated_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX recovery_case_due ON recovery_case (current_due) WHERE current_due IS NOT NULL;
CREATE INDEX recovery_case_store ON recovery_case (store_id, seq);
CREATE INDEX recovery_case_customer ON recovery_case (customer_key);

-- One row per (case, stage) that missed its deadline: the primary key makes CaseEscalated exactly-once.
CREATE TABLE case_escalation (
    case_id      UUID        NOT NULL REFERENCES recovery_case (id),
    stage        TEXT        NOT NULL,
    from_role    TEXT        NOT NULL,
    to_role      TEXT        NOT NULL,
    escalated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (case_id, stage)
);

-- Every disclosure of a customer's name/phone (case or passive task) to a person: who, when, what.
CREATE TABLE contact_disclosure (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor        TEXT        NOT NULL,
    actor_roles  TEXT[]      NOT NULL,
    subject_kind TEXT        NOT NULL CHECK (subject_kind IN ('CASE', 'PASSIVE')),
    subject_id   UUID        NOT NULL,
    store_id     TEXT        NOT NULL,
    via          TEXT        NOT NULL,
    disclosed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX contact_disclosure_subject ON contact_disclosure (subject_id);

-- Passive (7-8) activation worklist.
CREATE TABLE passive_task (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id           UUID PRIMARY KEY,
    response_id  UUID        NOT NULL UNIQUE REFERENCES response (id),
    order_id     TEXT        NOT NULL,
    store_id     TEXT        NOT NULL,
    customer_key TEXT,
    score        SMALLINT    NOT NULL CHECK (score IN (7, 8)),
    passive_type TEXT        NOT NULL CHECK (passive_type IN ('RATIONAL', 'ECONOMIC', 'EMOTIONAL', 'LAZY')),
    action       TEXT        NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('OPEN', 'DONE')),
    created_at   TIMESTAMPTZ NOT NULL,
    done_at      TIMESTAMPTZ,
    done_by      TEXT
);
CREATE INDEX passive_task_store ON passive_task (store_id, seq);

-- Alerts to the responsible role's recipient (CaseOpened, CaseEscalated): a signed webhook outbox, claimed
-- with FOR UPDATE SKIP LOCKED under a lease, retried with back-off, never deleted, never resent once SENT.
CREATE TABLE case_alert (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key TEXT        NOT NULL UNIQUE,
    kind            TEXT        NOT NULL CHECK (kind IN ('CASE_OPENED', 'CASE_ESCALATED')),
    case_id         UUID        NOT NULL REFERENCES recovery_case (id),
    role            TEXT        NOT NULL,
    recipient       TEXT        NOT NULL,
    payload         JSONB       NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('PENDING', 'SENT')),
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ
);
CREATE INDEX case_alert_due ON case_alert (next_attempt_at) WHERE status = 'PENDING';

-- Follow-up survey of a RECOVERED case's customer, created by the re-survey job when due.
CREATE TABLE resurvey (
    case_id       UUID PRIMARY KEY REFERENCES recovery_case (id),
    order_id      TEXT        NOT NULL,
    due_at        TIMESTAMPTZ NOT NULL,
    status        TEXT        NOT NULL CHECK (status IN ('PENDING', 'INVITED', 'SKIPPED')),
    invitation_id UUID,
    done_at       TIMESTAMPTZ
);
CREATE INDEX resurvey_due ON resurvey (due_at) WHERE status = 'PENDING';

-- Erased customers (right to erasure): makes DELETE idempotent and tells later readers why contact data is gone.
CREATE TABLE erased_customer (
    customer_id  TEXT PRIMARY KEY,
    customer_keys TEXT[]     NOT NULL,
    erased_at    TIMESTAMPTZ NOT NULL,
    erased_by    TEXT        NOT NULL
);
