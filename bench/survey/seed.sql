-- Bench invitations: :n for the HTTP run (tokens wrkbench…) and :n for pgbench (tokens pgbbench…), one store.
INSERT INTO store (id, name, city, status, created_at, updated_at) VALUES ('BENCH', 'Bench', 'Bench', 'UNCONFIGURED', now(), now())
  ON CONFLICT DO NOTHING;
INSERT INTO service_order (order_id, store_id, source, payload, closed_at, customer_key, customer_phone, customer_name, segment,
       invited, received_at)
SELECT p || g, 'BENCH', 'API', '{}', now() - interval '2 hours', md5('c' || p || g), '13800000000', '张三',
       '{"storeId": "BENCH", "regionId": null, "advisorId": "A1", "serviceType": "MAINTENANCE", "paymentType": "SELF_PAY", "visitKind": "ROUTINE", "spendBand": "MID", "amountCents": 68000}'::jsonb,
       TRUE, now()
  FROM generate_series(0, :n) g, (VALUES ('wrk'), ('pgb')) v(p);
INSERT INTO invitation (id, token, order_id, store_id, customer_key, status, created_at, expires_at)
SELECT gen_random_uuid(), p || 'bench' || lpad(g::text, 10, '0'), p || g, 'BENCH', md5('c' || p || g), 'PENDING', now(),
       now() + interval '14 days'
  FROM generate_series(0, :n) g, (VALUES ('wrk'), ('pgb')) v(p);
CREATE SEQUENCE IF NOT EXISTS pgb_seq START 1;
ANALYZE;
