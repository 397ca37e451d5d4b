-- Every change of a feed cursor is a new data version of the rollups (they are written in the same transaction).
-- Each replica LISTENs on this channel and keys its query caches by a local counter bumped per notification
-- (io.npsloop.analytics.query.DataVersion), so a cached answer costs no database round trip. NOTIFY is delivered at
-- commit, and identical notifications of one transaction are folded into one by PostgreSQL.
-- Row-level for INSERT: the consumer's "INSERT ... ON CONFLICT DO NOTHING" on every poll inserts nothing, and a
-- statement-level trigger would fire for it anyway.
CREATE FUNCTION notify_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('npsloop_analytics_data', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER feed_cursor_changed AFTER INSERT OR UPDATE OR DELETE ON feed_cursor
    FOR EACH ROW EXECUTE FUNCTION notify_data_version();
CREATE TRIGGER feed_cursor_truncated AFTER TRUNCATE ON feed_cursor
    FOR EACH STATEMENT EXECUTE FUNCTION notify_data_version();
