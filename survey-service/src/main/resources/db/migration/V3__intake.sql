-- Contact rules per customer (customerKey = HMAC of the normalised phone): quiet period and opt-out.
CREATE TABLE contact (
    customer_key    TEXT PRIMARY KEY,
    last_invited_at TIMESTAMPTZ,
    opted_out_at    TIMESTAMPTZ,
    do_not_survey   BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX contact_opted_out ON contact (opted_out_at) WHERE opted_out_at IS NOT NULL;

-- Completed service orders as the order system reported them (contact data stays in this service).
CREATE TABLE service_order (
    order_id         TEXT PRIMARY KEY,
    store_id         TEXT        NOT NULL REFERENCES store (id),
    source           TEXT        NOT NULL CHECK (source IN ('API', 'IMPORT')),
    payload          TEXT        NOT NULL,
    closed_at        TIMESTAMPTZ NOT NULL,
    customer_key     TEXT,
    plate_key        TEXT,
    customer_id      TEXT,
    customer_phone   TEXT,
    customer_name    TEXT,
    segment          JSONB       NOT NULL,
    invited          BOOLEAN     NOT NULL,
    suppressed_by    TEXT CHECK (suppressed_by IN ('QUIET_PERIOD', 'OPTED_OUT')),
    next_eligible_at TIMESTAMPTZ,
    received_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX service_order_customer ON service_order (customer_key);

-- Single-use invitations: the token is the customer's only credential.
CREATE TABLE invitation (
    id          UUID PRIMARY KEY,
    token       TEXT        NOT NULL UNIQUE,
    order_id    TEXT        NOT NULL UNIQUE REFERENCES service_order (order_id),
    store_id    TEXT        NOT NULL,
    customer_key TEXT,
    status      TEXT        NOT NULL CHECK (status IN ('PENDING', 'OPENED', 'ANSWERED', 'EXPIRED')),
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    opened_at   TIMESTAMPTZ,
    open_channel TEXT,
    reminded_at TIMESTAMPTZ,
    answered_at TIMESTAMPTZ,
    expired_at  TIMESTAMPTZ
);
CREATE INDEX invitation_store ON invitation (store_id, created_at);
CREATE INDEX invitation_open ON invitation (expires_at) WHERE status IN ('PENDING', 'OPENED');
CREATE INDEX invitation_remind ON invitation (created_at) WHERE reminded_at IS NULL AND status IN ('PENDING', 'OPENED');

-- Responses: one per order (and per invitation); the raw comment stays here, the feed gets the masked one.
CREATE TABLE response (
    id                 UUID PRIMARY KEY,
    invitation_id      UUID UNIQUE REFERENCES invitation (id),
    order_id           TEXT        NOT NULL UNIQUE REFERENCES service_order (order_id),
    store_id           TEXT        NOT NULL,
    advisor_id         TEXT,
    customer_key       TEXT,
    score              SMALLINT    NOT NULL CHECK (score BETWEEN 0 AND 10),
    comment            TEXT,
    comment_masked     TEXT,
    ratings            JSONB       NOT NULL DEFAULT '{}',
    reasons            TEXT[]      NOT NULL DEFAULT '{}',
    channel            TEXT        NOT NULL CHECK (channel IN ('LINK', 'QR_IN_STORE', 'IMPORT')),
    answered_at        TIMESTAMPTZ NOT NULL,
    closed_at          TIMESTAMPTZ NOT NULL,
    seconds_since_close BIGINT     NOT NULL,
    network_hash       TEXT,
    device_hash        TEXT,
    answer_hash        TEXT        NOT NULL,
    resurvey           BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX response_device ON response (device_hash, answered_at) WHERE device_hash IS NOT NULL;
CREATE INDEX response_advisor ON response (advisor_id, answered_at);
CREATE INDEX response_answered ON response (answered_at);
CREATE INDEX response_customer ON response (customer_key);

-- Authenticity flags with their reasons; nothing is deleted.
CREATE TABLE response_flag (
    response_id UUID        NOT NULL REFERENCES response (id),
    rule        TEXT        NOT NULL,
    detail      TEXT        NOT NULL,
    flagged_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (response_id, rule)
);

-- Outbound webhook deliveries (invitations and reminders): claimed with FOR UPDATE SKIP LOCKED, retried with
-- back-off, never deleted; a SENT row is never sent again.
CREATE TABLE delivery (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            TEXT        NOT NULL CHECK (kind IN ('INVITATION', 'REMINDER')),
    invitation_id   UUID        NOT NULL REFERENCES invitation (id),
    idempotency_key TEXT        NOT NULL UNIQUE,
    payload         JSONB       NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('PENDING', 'SENT')),
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
