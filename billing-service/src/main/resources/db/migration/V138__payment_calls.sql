-- The calls to the payment processor that a charge asked for and whose answer is not recorded yet: a capture (keyed
-- by the charge id) or a refund (keyed by the refund id). A row is written in the transaction that records the
-- request and deleted in the one that records the answer, so a call a crash interrupted is found and made again,
-- under the same idempotency key.
CREATE TABLE payment_calls (
    call_key            TEXT PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('CAPTURE', 'REFUND')),
    charge_id           TEXT NOT NULL,
    tenant              TEXT NOT NULL,
    amount              BIGINT NOT NULL CHECK (amount > 0),
    currency            TEXT NOT NULL,
    payment_method      TEXT NOT NULL,
    description         TEXT,
    processor_charge_id TEXT,
    requested_at        TIMESTAMPTZ NOT NULL,
    attempted_at        TIMESTAMPTZ
);

CREATE INDEX payment_calls_by_age ON payment_calls (requested_at);
