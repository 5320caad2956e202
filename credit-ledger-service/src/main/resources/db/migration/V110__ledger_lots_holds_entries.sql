-- The ledger's read model beyond the ledgers table, fed by the ledger-projection in the command's transaction.
ALTER TABLE ledgers ADD COLUMN role VARCHAR(16);
ALTER TABLE ledgers ADD COLUMN overdrawn BIGINT NOT NULL DEFAULT 0;
CREATE INDEX ledgers_parent_idx ON ledgers (parent_account_id);

CREATE TABLE ledger_lots (
    lot_id          VARCHAR(64)              NOT NULL PRIMARY KEY,
    account_id      VARCHAR(64)              NOT NULL REFERENCES ledgers (account_id),
    unit            VARCHAR(8)               NOT NULL,
    source          VARCHAR(32)              NOT NULL,
    granted         BIGINT                   NOT NULL,
    remaining       BIGINT                   NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE,
    reference       VARCHAR(255),
    charge_id       VARCHAR(64),
    subscription_id VARCHAR(64),
    closed_as       VARCHAR(16),
    granted_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    seq             BIGSERIAL                NOT NULL
);
CREATE INDEX ledger_lots_account_idx ON ledger_lots (account_id, seq);

CREATE TABLE ledger_holds (
    hold_id     VARCHAR(64)              NOT NULL PRIMARY KEY,
    account_id  VARCHAR(64)              NOT NULL REFERENCES ledgers (account_id),
    amount      BIGINT                   NOT NULL,
    captured    BIGINT                   NOT NULL DEFAULT 0,
    status      VARCHAR(16)              NOT NULL,
    reference   VARCHAR(255),
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    placed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    settled_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ledger_holds_account_idx ON ledger_holds (account_id);

-- What an operation created, so a repeated request (same operation id) can answer with the first result.
CREATE TABLE ledger_consumptions (
    consumption_id VARCHAR(64)              NOT NULL PRIMARY KEY,
    account_id     VARCHAR(64)              NOT NULL REFERENCES ledgers (account_id),
    amount         BIGINT                   NOT NULL,
    reference      VARCHAR(255),
    allocations    JSONB                    NOT NULL,
    balance_after  BIGINT                   NOT NULL,
    consumed_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE ledger_cash_balances (
    account_id VARCHAR(64) NOT NULL REFERENCES ledgers (account_id),
    currency   VARCHAR(3)  NOT NULL,
    amount     BIGINT      NOT NULL,
    version    BIGINT      NOT NULL,
    PRIMARY KEY (account_id, currency)
);

CREATE TABLE ledger_withdrawals (
    withdrawal_id VARCHAR(64)              NOT NULL PRIMARY KEY,
    account_id    VARCHAR(64)              NOT NULL REFERENCES ledgers (account_id),
    amount        BIGINT                   NOT NULL,
    currency      VARCHAR(3)               NOT NULL,
    status        VARCHAR(16)              NOT NULL,
    paid          BIGINT                   NOT NULL DEFAULT 0,
    restored      BIGINT                   NOT NULL DEFAULT 0,
    failure_code  VARCHAR(64),
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    settled_at    TIMESTAMP WITH TIME ZONE
);

CREATE TABLE ledger_transfers (
    transfer_id     VARCHAR(64)              NOT NULL PRIMARY KEY,
    from_account_id VARCHAR(64)              NOT NULL REFERENCES ledgers (account_id),
    to_account_id   VARCHAR(64)              NOT NULL,
    amount          BIGINT                   NOT NULL,
    transferred_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The statement: one row per movement of one lot (or of the overdraft), in the order they happened.
CREATE TABLE ledger_entries (
    seq         BIGSERIAL                NOT NULL PRIMARY KEY,
    entry_id    VARCHAR(64)              NOT NULL UNIQUE,
    account_id  VARCHAR(64)              NOT NULL REFERENCES ledgers (account_id),
    type        VARCHAR(32)              NOT NULL,
    unit        VARCHAR(8)               NOT NULL,
    amount      BIGINT                   NOT NULL,
    lot_id      VARCHAR(64),
    reference   VARCHAR(255),
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ledger_entries_account_idx ON ledger_entries (account_id, seq);

-- The sequence number of the last ledger event projected, so a replayed event changes nothing.
ALTER TABLE ledgers ADD COLUMN version BIGINT NOT NULL DEFAULT -1;
