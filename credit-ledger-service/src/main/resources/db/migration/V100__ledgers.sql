-- Read model of credit ledgers, fed by the ledger-projection.
CREATE TABLE ledgers (
    account_id        VARCHAR(64)              NOT NULL PRIMARY KEY,
    tenant            VARCHAR(64)              NOT NULL,
    parent_account_id VARCHAR(64),
    balance           BIGINT                   NOT NULL,
    frozen            BOOLEAN                  NOT NULL,
    tier              VARCHAR(32),
    opened_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ledgers_tenant_idx ON ledgers (tenant);
