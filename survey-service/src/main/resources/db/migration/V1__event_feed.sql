-- The transactional outbox that is also the public event feed (/api/v1/events).
-- Writers insert with seq NULL in their business transaction; one relay (under an advisory lock) numbers
-- committed rows in id order, so readers paging by seq never skip an event that committed late.
CREATE TABLE feed_event (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    UUID        NOT NULL UNIQUE,
    type        TEXT        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    data        JSONB       NOT NULL,
    seq         BIGINT UNIQUE
);
CREATE INDEX feed_event_unnumbered ON feed_event (id) WHERE seq IS NULL;
