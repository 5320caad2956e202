-- A dispute lost after a refund: the processor took back more than was left, so the customer got this much twice.
ALTER TABLE charges ADD COLUMN double_payout BIGINT NOT NULL DEFAULT 0;
