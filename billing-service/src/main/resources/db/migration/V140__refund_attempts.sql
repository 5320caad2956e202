-- A refund id can be asked for again after its refund was declined, or failed after the processor accepted it. Each
-- request is a new attempt, sent under an idempotency key of its own: a processor answers a repeated key with its
-- first answer, which would repeat the decline or report the failed refund as paid. A call made again after a crash
-- keeps its attempt, and so its key.
ALTER TABLE payment_calls ADD COLUMN attempt INT NOT NULL DEFAULT 1;

CREATE TABLE payment_call_attempts (
    call_key TEXT PRIMARY KEY,
    attempts INT  NOT NULL
);
