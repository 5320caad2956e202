-- Accounts attached to a test clock (a tenant's integration tests), and the time each one is at. Business time for such
-- an account comes from here, not from the wall clock.
CREATE TABLE test_clock_accounts (
    account_id TEXT                     NOT NULL PRIMARY KEY,
    clock_id   TEXT                     NOT NULL,
    tenant     TEXT                     NOT NULL,
    now_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX test_clock_accounts_clock_idx ON test_clock_accounts (clock_id);

-- Deadlines of accounts on a test clock (renewals, dunning retries, lot expiries, hold time-outs, review deadlines):
-- they fire when the clock is advanced past them, in time order, never by the wall clock.
CREATE TABLE test_clock_deadlines (
    id            BIGSERIAL                NOT NULL PRIMARY KEY,
    account_id    TEXT                     NOT NULL,
    due_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    deadline_name TEXT                     NOT NULL,
    schedule_id   TEXT                     NOT NULL,
    scope_type    TEXT                     NOT NULL,
    scope_data    BYTEA                    NOT NULL,
    payload_type  TEXT,
    payload_data  BYTEA
);
CREATE INDEX test_clock_deadlines_due_idx ON test_clock_deadlines (account_id, due_at, id);
