-- Billing's view of each account's cash balance per currency (the ledger's REFUND_BALANCE lots), from the ledger's
-- cash-balance-changed facts; version is the ledger's, so an older fact never overwrites a newer one (ADR 0010).
CREATE TABLE account_cash_balances (
    account_id VARCHAR(64) NOT NULL,
    currency   CHAR(3)     NOT NULL,
    amount     BIGINT      NOT NULL,
    version    BIGINT      NOT NULL,
    PRIMARY KEY (account_id, currency)
);
