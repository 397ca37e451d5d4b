-- Improvement initiatives (io.npsloop.analytics.initiative): what was done where, when, for how much.
-- Effects are computed on demand from the daily store rollups (rollup_dim, dim 'ALL').
CREATE TABLE initiative (
    id          TEXT        PRIMARY KEY,
    name        TEXT        NOT NULL,
    category    TEXT        NOT NULL CHECK (category IN ('BASIC_SERVICE', 'EMOTIONAL_CONNECTION', 'ENVIRONMENT', 'INCENTIVE')),
    store_ids   TEXT[]      NOT NULL,
    start_date  DATE        NOT NULL,
    end_date    DATE,
    cost_cents  BIGINT      NOT NULL CHECK (cost_cents >= 0),
    created_by  TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX initiative_dates ON initiative (start_date, end_date);
