-- What keeps a suspended account suspended (seed 000 §9, seed 001 §7): one row per (reason, reference) hold.
CREATE TABLE account_holds (
    account_id VARCHAR(64)              NOT NULL REFERENCES accounts (id),
    reason     VARCHAR(32)              NOT NULL,
    reference  VARCHAR(255)             NOT NULL,
    placed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, reason, reference)
);
