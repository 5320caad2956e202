-- Read model of accounts, fed by the account-projection from the Account event streams.
CREATE TABLE accounts (
    id                     VARCHAR(64)              NOT NULL PRIMARY KEY,
    tenant                 VARCHAR(64)              NOT NULL,
    external_ref           VARCHAR(255)             NOT NULL,
    role                   VARCHAR(32)              NOT NULL,
    parent_account_id      VARCHAR(64),
    email                  VARCHAR(320),
    default_payment_method VARCHAR(255),
    status                 VARCHAR(32)              NOT NULL,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX accounts_tenant_idx ON accounts (tenant, created_at, id);
CREATE INDEX accounts_parent_idx ON accounts (parent_account_id);
