-- The processor a waiting call goes to: the tenant's processor when a capture was asked for, the processor that
-- captured the charge for a refund. A call made again after a crash goes where the first one went, even if the
-- tenant has changed processor since.
ALTER TABLE payment_calls ADD COLUMN processor TEXT NOT NULL DEFAULT 'sandbox';
ALTER TABLE payment_calls ALTER COLUMN processor DROP DEFAULT;

-- The sandbox processor's answers by idempotency key, kept like a real processor keeps them: a repeated key gets the
-- first answer back after a restart too, instead of moving money again.
CREATE TABLE sandbox_payments (
    idempotency_key     TEXT PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('CAPTURE', 'REFUND')),
    processor_charge_id TEXT,
    processor_refund_id TEXT,
    failure_code        TEXT,
    amount              BIGINT NOT NULL,
    currency            TEXT NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX sandbox_payments_refunds ON sandbox_payments (processor_charge_id) WHERE kind = 'REFUND';

-- A charge billing makes by itself (a subscription's period) is made off session: the customer is not there.
ALTER TABLE payment_calls ADD COLUMN off_session BOOLEAN NOT NULL DEFAULT false;
