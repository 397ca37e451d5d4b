-- Where each consumed feed stands; advanced in the same transaction as the rollups it fed (exactly once).
CREATE TABLE feed_cursor (
    source     TEXT PRIMARY KEY,
    position   BIGINT      NOT NULL DEFAULT 0,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
