-- Test clocks: a tenant's test-mode integration tests attach new accounts to one and advance it; everything
-- time-driven for those accounts happens as if that time had passed.
CREATE TABLE test_clocks (
    id            TEXT                     NOT NULL PRIMARY KEY,
    tenant        TEXT                     NOT NULL,
    name          TEXT,
    frozen_time   TIMESTAMP WITH TIME ZONE NOT NULL,
    status        TEXT                     NOT NULL,
    advancing_to  TIMESTAMP WITH TIME ZONE,
    billing_done  BOOLEAN                  NOT NULL DEFAULT TRUE,
    -- when billing's part of the advance under way ended; the other services have a while to report after it
    billing_done_at TIMESTAMP WITH TIME ZONE,
    claimed_until TIMESTAMP WITH TIME ZONE,
    failure       TEXT,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX test_clocks_tenant_idx ON test_clocks (tenant, created_at, id);
CREATE INDEX test_clocks_advancing_idx ON test_clocks (status) WHERE status = 'ADVANCING';

-- What the ledger and the refund service reported: each has fired an account's deadlines up to advanced_to.
CREATE TABLE test_clock_reports (
    clock_id    TEXT                     NOT NULL,
    account_id  TEXT                     NOT NULL,
    service     TEXT                     NOT NULL,
    advanced_to TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (clock_id, account_id, service)
);

ALTER TABLE accounts ADD COLUMN test_clock_id TEXT;
-- a subscription waits for the answer to the charge it asked for; a test clock moves on only once it came
ALTER TABLE subscriptions ADD COLUMN awaiting_charge BOOLEAN NOT NULL DEFAULT FALSE;
