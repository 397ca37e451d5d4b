-- pgbench: the SQL transaction of one accepted survey response, statement for statement as ResponseService runs
-- it (score 8, so no advisor-outlier query). The token comes from a sequence (one extra round trip pgbench needs
-- to use each invitation once; the HTTP side needs none).
SELECT nextval('pgb_seq') AS k \gset
BEGIN;
SELECT i.id, i.status, i.expires_at, i.order_id, i.store_id, i.customer_key, o.closed_at, o.segment::text AS segment,
       o.plate_key, o.customer_name, o.customer_id, r.id AS response_id, r.answer_hash, r.score AS stored_score
  FROM invitation i JOIN service_order o ON o.order_id = i.order_id LEFT JOIN response r ON r.invitation_id = i.id
 WHERE i.token = 'pgbbench' || lpad(:k::text, 10, '0') FOR UPDATE OF i;
SELECT count(DISTINCT customer_key) AS n FROM response
 WHERE device_hash = md5('dev' || :k) AND answered_at > now() - interval '7 days' AND customer_key IS DISTINCT FROM md5('c' || :k);
SELECT networks::text[] AS networks FROM store WHERE id = 'BENCH';
SELECT EXISTS (SELECT 1 FROM response WHERE customer_key = md5('c' || :k)) AS again;
INSERT INTO response (id, invitation_id, order_id, store_id, advisor_id, customer_key, score, comment, comment_masked,
       ratings, reasons, channel, answered_at, closed_at, seconds_since_close, network_hash, device_hash, answer_hash, resurvey)
SELECT gen_random_uuid(), i.id, i.order_id, 'BENCH', 'A1', md5('c' || :k), 8, 'bench', 'bench', '{"care": 4}'::jsonb,
       '{PRICE}', 'LINK', now(), now() - interval '2 hours', 7200, md5('net' || :k), md5('dev' || :k), md5('a'), FALSE
  FROM invitation i WHERE i.token = 'pgbbench' || lpad(:k::text, 10, '0');
UPDATE invitation SET status = 'ANSWERED', answered_at = now() WHERE token = 'pgbbench' || lpad(:k::text, 10, '0');
INSERT INTO feed_event (event_id, type, occurred_at, data)
VALUES (gen_random_uuid(), 'ResponseSubmitted', now(), '{"responseId": "x", "storeId": "BENCH", "score": 8, "segment": {"serviceType": "MAINTENANCE", "paymentType": "SELF_PAY", "visitKind": "ROUTINE", "spendBand": "MID"}, "ratings": {"care": 4}, "reasons": ["PRICE"], "comment": "bench", "channel": "LINK", "flags": []}'::jsonb);
COMMIT;
