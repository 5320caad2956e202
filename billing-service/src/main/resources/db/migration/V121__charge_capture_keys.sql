-- Duplicate detection (ADR 0006). The first capture to claim a key is the original; a later capture with the same
-- key is its duplicate. The unique key makes "first" race-free and replays idempotent.
CREATE TABLE charge_capture_keys (
    tenant      VARCHAR(64)  NOT NULL,
    capture_key VARCHAR(400) NOT NULL,
    charge_id   VARCHAR(64)  NOT NULL,
    PRIMARY KEY (tenant, capture_key)
);

-- Ad-hoc captures, in the order the detector saw them, for the same account + amount + description window.
CREATE TABLE charge_window_captures (
    seq         BIGSERIAL                NOT NULL UNIQUE,
    charge_id   VARCHAR(64)              NOT NULL PRIMARY KEY,
    tenant      VARCHAR(64)              NOT NULL,
    account_id  VARCHAR(64)              NOT NULL,
    amount      BIGINT                   NOT NULL,
    currency    CHAR(3)                  NOT NULL,
    description VARCHAR(1000)            NOT NULL,
    captured_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX charge_window_captures_match_idx
    ON charge_window_captures (tenant, account_id, amount, currency, description, captured_at);
