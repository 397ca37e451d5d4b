-- pgbench: the SQL transaction of one accepted survey response, statement for statement as ResponseService runs it
-- for a score of 8 (so no advisor-outlier sub-select), with the same round trips: BEGIN, the generic-plan setting
-- and the one read in a pipeline, then the writes in a pipeline (the response with its invitation's status and its
-- ResponseSubmitted event in one statement, then the passive worklist row that RecoveryListener adds for a 7-8),
-- then COMMIT. The token comes
-- from a sequence (one extra round trip pgbench needs to use each invitation once; the HTTP side needs none).
SELECT nextval('pgb_seq') AS k \gset
\startpipeline
BEGIN;
SET LOCAL plan_cache_mode = force_generic_plan;
SELECT i.id, i.status, i.expires_at, i.order_id, i.store_id, i.customer_key, o.closed_at, o.segment::text AS segment,
       o.plate_key, o.customer_name, o.customer_id, r.id AS response_id, r.answer_hash, r.score AS stored_score,
       s.networks::text[] AS networks,
       (SELECT count(DISTINCT x.customer_key) FROM response x WHERE x.device_hash = md5('dev' || :k)
           AND x.answered_at > now() - interval '7 days' AND x.customer_key IS DISTINCT FROM i.customer_key) AS shared_n,
       (i.customer_key IS NOT NULL AND EXISTS (SELECT 1 FROM recovery_case c WHERE c.customer_key = i.customer_key
           AND c.status = 'RECOVERED')) AS again
  FROM invitation i JOIN service_order o ON o.order_id = i.order_id LEFT JOIN response r ON r.invitation_id = i.id
  LEFT JOIN store s ON s.id = i.store_id
 WHERE i.token = 'pgbbench' || lpad(:k::text, 10, '0') FOR UPDATE OF i;
\endpipeline
\startpipeline
WITH answered AS (UPDATE invitation SET status = 'ANSWERED', answered_at = now() WHERE token = 'pgbbench' || lpad(:k::text, 10, '0')),
     submitted AS (INSERT INTO feed_event (event_id, type, occurred_at, data)
VALUES (gen_random_uuid(), 'ResponseSubmitted', now(), '{"responseId": "x", "invitationId": "x", "orderId": "x", "storeId": "BENCH", "regionId": null, "advisorId": "A1", "serviceType": "MAINTENANCE", "paymentType": "SELF_PAY", "visitKind": "ROUTINE", "spendBand": "MID", "amountCents": 68000, "customerKey": "x", "plateKey": null, "score": 8, "category": "PASSIVE", "ratings": {"care": 4}, "reasons": ["PRICE"], "comment": "bench", "channel": "LINK", "closedAt": "x", "answeredAt": "x", "secondsSinceClose": 7200, "flags": [], "resurvey": false}'::jsonb))
INSERT INTO response (id, invitation_id, order_id, store_id, advisor_id, customer_key, score, comment, comment_masked,
       ratings, reasons, channel, answered_at, closed_at, seconds_since_close, network_hash, device_hash, answer_hash, resurvey)
SELECT md5('r' || :k)::uuid, i.id, i.order_id, 'BENCH', 'A1', md5('cpgb' || :k), 8, 'bench', 'bench', '{"care": 4}'::jsonb,
       '{PRICE}', 'LINK', now(), now() - interval '2 hours', 7200, md5('net' || :k), md5('dev' || :k), md5('a'), FALSE
  FROM invitation i WHERE i.token = 'pgbbench' || lpad(:k::text, 10, '0');
INSERT INTO passive_task (id, response_id, order_id, store_id, customer_key, score, passive_type, action, status, created_at)
VALUES (gen_random_uuid(), md5('r' || :k)::uuid, 'pgb' || :k, 'BENCH', md5('cpgb' || :k), 8, 'ECONOMIC',
        'ADDED_VALUE_SERVICE', 'OPEN', now())
ON CONFLICT (response_id) DO NOTHING;
\endpipeline
COMMIT;
