-- ADVISOR_TEN_OUTLIER compares an advisor's share of 10s with the whole chain's over a 90-day window. Counting the
-- chain from `response` read every response of the window for each 10 answered (a sequential scan growing with the
-- history). The chain side now reads per-day totals kept by a trigger in the inserting transaction, plus the one
-- partial day at the window's start from the index below; the advisor side is an index-only range scan.
--
-- Rows are sharded by the inserting backend so that concurrent submissions do not queue on one counter row until
-- commit; the rule sums the shards. Days are UTC dates of answered_at. Responses are never deleted and their score
-- never changes, so inserts are the only thing to count.
CREATE TABLE response_tally (
    day   DATE     NOT NULL,
    shard SMALLINT NOT NULL,
    n     BIGINT   NOT NULL,
    tens  BIGINT   NOT NULL,
    PRIMARY KEY (day, shard)
);

CREATE FUNCTION response_tally_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Ordered by day so that two multi-day batches on one shard lock their rows in the same order (no deadlock).
    INSERT INTO response_tally (day, shard, n, tens)
    SELECT (answered_at AT TIME ZONE 'UTC')::date, (pg_backend_pid() % 32)::smallint, count(*),
           count(*) FILTER (WHERE score = 10)
      FROM new_rows GROUP BY 1 ORDER BY 1
    ON CONFLICT (day, shard) DO UPDATE SET n = response_tally.n + EXCLUDED.n, tens = response_tally.tens + EXCLUDED.tens;
    RETURN NULL;
END
$$;

CREATE TRIGGER response_tally AFTER INSERT ON response REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION response_tally_add();

INSERT INTO response_tally (day, shard, n, tens)
SELECT (answered_at AT TIME ZONE 'UTC')::date, 0, count(*), count(*) FILTER (WHERE score = 10) FROM response GROUP BY 1;

-- Index-only scans for the rule (score carried in the index).
DROP INDEX response_advisor;
CREATE INDEX response_advisor ON response (advisor_id, answered_at) INCLUDE (score);
DROP INDEX response_answered;
CREATE INDEX response_answered ON response (answered_at) INCLUDE (score);
