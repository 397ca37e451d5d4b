-- Coverage outliers (io.npsloop.analytics.coverage): per ISO week (Monday, chain zone) x store x advisor, completed
-- orders (by closedAt) and the responses answered for them (by answeredAt) with their categories. advisor_id '' =
-- orders/responses without an advisor. Store and chain figures are sums of these rows.
CREATE TABLE coverage_week (
    week       DATE   NOT NULL,
    store_id   TEXT   NOT NULL,
    advisor_id TEXT   NOT NULL DEFAULT '',
    orders     BIGINT NOT NULL DEFAULT 0,
    answered   BIGINT NOT NULL DEFAULT 0,
    promoters  BIGINT NOT NULL DEFAULT 0,
    passives   BIGINT NOT NULL DEFAULT 0,
    detractors BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (week, store_id, advisor_id)
);
