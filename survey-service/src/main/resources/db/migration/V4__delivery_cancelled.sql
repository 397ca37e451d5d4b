-- A queued reminder is cancelled (never sent) when the survey was answered or expired, or the customer opted out
-- before it went out; an invitation delivery likewise when the customer opted out meanwhile.
ALTER TABLE delivery DROP CONSTRAINT delivery_status_check;
ALTER TABLE delivery ADD CONSTRAINT delivery_status_check CHECK (status IN ('PENDING', 'SENT', 'CANCELLED'));
