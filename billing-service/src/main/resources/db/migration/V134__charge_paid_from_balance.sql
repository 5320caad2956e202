-- A charge may be paid partly or wholly from the account's cash balance (ADR 0010). While it waits for the ledger's
-- answer it is PENDING and no processor has been chosen yet.
ALTER TABLE charges ADD COLUMN paid_from_balance BIGINT NOT NULL DEFAULT 0;
ALTER TABLE charges ALTER COLUMN processor DROP NOT NULL;
