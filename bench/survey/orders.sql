-- pgbench: the SQL transaction of one invited order, statement for statement as OrderService runs it (known store,
-- new customer, no webhook), with the same round trips: BEGIN and one statement for the store, the contact row and
-- the replay check in one pipeline; then one statement writing the order, the invitation, the contact's last
-- invitation and the two events (OrderCompleted, InvitationCreated: each the stored order's segment, returned by its
-- INSERT, joined with the event's own fields by jsonb_build_object, as OrderService builds them); then COMMIT. The
-- order number comes from a sequence (one extra round trip), together with the segment: a variable, so that it travels
-- as a parameter and is parsed on every execution (once) as the service's is (a literal would be folded once into the
-- prepared plan).
SELECT nextval('pgb_order_seq') AS k,
       '{"storeId": "BENCH", "regionId": null, "advisorId": "A1", "technicianId": "T1", "serviceType": "MAINTENANCE", "paymentType": "SELF_PAY", "visitKind": "ROUTINE", "tenure": "OLD", "locality": "LOCAL", "regionCode": "310000", "spendBand": "MID", "ageBand": null, "gender": null, "occupation": null, "amountCents": 68000}' AS segment \gset
\startpipeline
BEGIN;
WITH store_created AS (INSERT INTO store (id, name, status, created_at, updated_at) VALUES ('BENCH', 'BENCH', 'UNCONFIGURED', now(), now())
                       ON CONFLICT (id) DO NOTHING RETURNING id),
     contact_row AS (INSERT INTO contact (customer_key, do_not_survey) VALUES (md5('PGB-' || :k::text), FALSE)
                     ON CONFLICT (customer_key) DO UPDATE SET do_not_survey = contact.do_not_survey OR EXCLUDED.do_not_survey
                     RETURNING last_invited_at, opted_out_at, do_not_survey)
SELECT e.known, e.payload, e.invited, e.suppressed_by, e.next_eligible_at, e.id, e.token, e.expires_at,
       c.last_invited_at, c.opted_out_at, c.do_not_survey,
       EXISTS (SELECT 1 FROM store_created) AS store_created, (SELECT region_id FROM store WHERE id = 'BENCH') AS region_id
  FROM contact_row c LEFT JOIN (SELECT o.order_id AS known, o.payload, o.invited, o.suppressed_by, o.next_eligible_at,
       i.id, i.token, i.expires_at FROM service_order o LEFT JOIN invitation i ON i.order_id = o.order_id
       WHERE o.order_id = 'PGB-' || :k::text) e ON TRUE;
\endpipeline
\startpipeline
WITH stored AS (INSERT INTO service_order (order_id, store_id, source, payload, closed_at, customer_key, plate_key, customer_id, customer_phone,
       customer_name, segment, invited, suppressed_by, next_eligible_at, received_at)
VALUES ('PGB-' || :k::text, 'BENCH', 'API', '{"orderId": "PGB-' || :k::text || '","storeId": "BENCH","advisorId": "A1","technicianId": "T1","closedAt": "2026-11-23T10:00:00+08:00","serviceType": "MAINTENANCE","paymentType": "SELF_PAY","visitKind": "ROUTINE","amountCents": 68000,"customer": {"id": "C1","phone": "13900000000","name": "张三","tenureMonths": 14,"regionCode": "310000","locality": "LOCAL","ageBand": null,"gender": null,"occupation": null,"plate": "沪A00001","doNotSurvey": null}}',
       '2026-11-23T10:00:00+08:00', md5('PGB-' || :k::text), md5('plate' || :k::text), 'C1', '13900000000', '张三',
       :segment::text::jsonb,
       TRUE, NULL, NULL, now()) RETURNING segment),
     invited AS (INSERT INTO invitation (id, token, order_id, store_id, customer_key, status, created_at, expires_at)
VALUES (gen_random_uuid(), 'pgbo' || lpad(:k::text, 28, '0'), 'PGB-' || :k::text, 'BENCH', md5('PGB-' || :k::text), 'PENDING', now(),
        now() + interval '14 days')),
     contacted AS (UPDATE contact SET last_invited_at = now() WHERE customer_key = md5('PGB-' || :k::text))
INSERT INTO feed_event (event_id, type, occurred_at, data)
  SELECT gen_random_uuid(), 'OrderCompleted', now(), s.segment
     || jsonb_build_object('orderId', ('PGB-' || :k::text)::text, 'closedAt', '2026-11-23T10:00:00+08:00'::text, 'customerKey', md5('PGB-' || :k::text)::text,
                           'plateKey', md5('plate' || :k::text)::text, 'invited', TRUE::boolean) FROM stored s
  UNION ALL
  SELECT gen_random_uuid(), 'InvitationCreated', now(), s.segment
     || jsonb_build_object('invitationId', gen_random_uuid(), 'orderId', ('PGB-' || :k::text)::text, 'expiresAt', '2026-12-07T10:00:00+08:00'::text,
                           'createdAt', '2026-11-23T10:00:00+08:00'::text, 'customerKey', md5('PGB-' || :k::text)::text) FROM stored s;
\endpipeline
COMMIT;
