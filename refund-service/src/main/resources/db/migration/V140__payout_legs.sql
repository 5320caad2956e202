-- Where a case's payout went: to the payment method and to the account's cash balance (a charge the balance partly
-- paid is refunded to both). NULL until the case is paid out.
ALTER TABLE refund_cases ADD COLUMN paid_to_payment_method BIGINT;
ALTER TABLE refund_cases ADD COLUMN paid_to_balance BIGINT;
