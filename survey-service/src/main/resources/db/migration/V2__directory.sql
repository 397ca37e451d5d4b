-- The chain's directory: regions and stores. An order from an unknown store creates it UNCONFIGURED.
CREATE TABLE region (
    id         TEXT PRIMARY KEY,
    name       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE store (
    id               TEXT PRIMARY KEY,
    name             TEXT        NOT NULL,
    city             TEXT,
    region_id        TEXT REFERENCES region (id),
    status           TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'UNCONFIGURED')),
    networks         CIDR[]      NOT NULL DEFAULT '{}',
    alert_recipients JSONB       NOT NULL DEFAULT '{}',
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX store_region ON store (region_id);
CREATE INDEX store_status ON store (status);
