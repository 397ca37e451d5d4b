-- response_tally's shard was the inserting backend's pid modulo 32. Two live backends whose pids share a residue
-- (likely with a pool of 20 connections opened at different times) updated the same counter row, so one
-- submission waited for the other's commit: under load, INSERT INTO response spent most of its time waiting on a
-- transaction lock. The shard is now the pid itself: no two live backends share one, so concurrent submissions
-- never touch the same row. A day holds one row per backend that answered on it (tens for a pooled service);
-- the rule's sum over the window reads them by primary key range as before.
ALTER TABLE response_tally ALTER COLUMN shard TYPE INTEGER;

CREATE OR REPLACE FUNCTION response_tally_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Ordered by day so that a multi-day batch locks its rows in a fixed order.
    INSERT INTO response_tally (day, shard, n, tens)
    SELECT (answered_at AT TIME ZONE 'UTC')::date, pg_backend_pid(), count(*), count(*) FILTER (WHERE score = 10)
      FROM new_rows GROUP BY 1 ORDER BY 1
    ON CONFLICT (day, shard) DO UPDATE SET n = response_tally.n + EXCLUDED.n, tens = response_tally.tens + EXCLUDED.tens;
    RETURN NULL;
END
$$;
