-- Consumer side of survey-service's feed: one cursor row per source, updated in the same transaction as the
-- effects of the events it covers (exactly-once). The row lock taken on it serialises replicas.
CREATE TABLE feed_cursor (
    source     TEXT PRIMARY KEY,
    position   BIGINT      NOT NULL DEFAULT 0,
    applied    BIGINT      NOT NULL DEFAULT 0,
    skipped    BIGINT      NOT NULL DEFAULT 0,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO feed_cursor (source) VALUES ('survey');

-- Stores as announced by StoreUpserted (names for posters and the landing page).
CREATE TABLE store (
    store_id   TEXT PRIMARY KEY,
    name       TEXT        NOT NULL,
    city       TEXT,
    region_id  TEXT,
    status     TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Customers known from OrderCompleted (a referee must be new) and the plates seen with them.
CREATE TABLE known_customer (
    customer_key   TEXT PRIMARY KEY,
    first_order_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE customer_plate (
    customer_key TEXT NOT NULL,
    plate_key    TEXT NOT NULL,
    PRIMARY KEY (customer_key, plate_key)
);
CREATE INDEX customer_plate_by_plate ON customer_plate (plate_key);

CREATE TABLE referral_code (
    code         TEXT PRIMARY KEY,
    customer_key TEXT,
    store_id     TEXT        NOT NULL,
    display_name TEXT,
    status       TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'REVOKED')),
    source       TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ
);
CREATE UNIQUE INDEX referral_code_one_per_customer_store ON referral_code (customer_key, store_id) WHERE status = 'ACTIVE';
CREATE INDEX referral_code_by_store ON referral_code (store_id, code);

CREATE TABLE click (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    click_id     UUID        NOT NULL UNIQUE,
    code         TEXT        NOT NULL,
    store_id     TEXT        NOT NULL,
    via          TEXT        NOT NULL CHECK (via IN ('QR', 'LINK')),
    visitor_hash TEXT        NOT NULL,
    clicked_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX click_by_visitor ON click (code, visitor_hash, clicked_at);
CREATE TABLE code_visitor (
    code         TEXT NOT NULL,
    visitor_hash TEXT NOT NULL,
    PRIMARY KEY (code, visitor_hash)
);

CREATE TABLE booking (
    id               UUID PRIMARY KEY,
    code             TEXT        NOT NULL REFERENCES referral_code (code),
    store_id         TEXT        NOT NULL,
    name             TEXT,
    phone            TEXT,
    referee_key      TEXT,
    plate_key        TEXT,
    preferred_time   TIMESTAMPTZ NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('PENDING', 'UNATTRIBUTED', 'CONVERTED')),
    via              TEXT        NOT NULL,
    clicked_at       TIMESTAMPTZ,
    discount_cents   BIGINT      NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ NOT NULL,
    converted_at     TIMESTAMPTZ,
    order_id         TEXT
);
CREATE INDEX booking_by_code ON booking (code, created_at);
CREATE INDEX booking_by_referee ON booking (referee_key);
-- A referee is referred at most once (the ALREADY_REFERRED rule, enforced under concurrency too).
CREATE UNIQUE INDEX booking_one_attributed_referee ON booking (referee_key) WHERE status IN ('PENDING', 'CONVERTED');

CREATE TABLE reward (
    id            UUID PRIMARY KEY,
    no            BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    booking_id    UUID        NOT NULL UNIQUE REFERENCES booking (id),
    code          TEXT        NOT NULL,
    store_id      TEXT        NOT NULL,
    promoter_key  TEXT,
    amount_cents  BIGINT      NOT NULL,
    status        TEXT        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'ISSUED', 'REJECTED')),
    reason        TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX reward_by_store ON reward (store_id, created_at, id);
CREATE INDEX reward_by_code ON reward (code);
CREATE TABLE reward_audit (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reward_id   UUID        NOT NULL REFERENCES reward (id),
    from_status TEXT,
    to_status   TEXT        NOT NULL,
    actor       TEXT        NOT NULL,
    reason      TEXT,
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX reward_audit_by_reward ON reward_audit (reward_id, id);
