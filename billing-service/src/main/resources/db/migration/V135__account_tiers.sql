-- Resellers' tiers as the ledger publishes them (seed 000 §5); they gate creating sub-resellers.
CREATE TABLE account_tiers (
    account_id            VARCHAR(64) NOT NULL PRIMARY KEY,
    tier                  VARCHAR(32) NOT NULL,
    sub_resellers_allowed BOOLEAN     NOT NULL,
    lifetime_purchased    BIGINT      NOT NULL
);
