-- A payment webhook that finds no running workflow is not always money to give back: the
-- workflow may have recorded (and refunded) that payment before it completed, when closing the
-- checkout at cancellation found it paid, or it may report a failure, which owes nothing.
-- accounted_for: the appointment's history already has the payment, or nothing is owed;
-- unmatched: money was taken that no appointment history shows, for finance to refund.
ALTER TABLE payment_webhook_events DROP CONSTRAINT payment_webhook_events_status_check;
ALTER TABLE payment_webhook_events
  ADD CONSTRAINT payment_webhook_events_status_check CHECK (status IN ('signalled', 'unmatched', 'accounted_for'));
