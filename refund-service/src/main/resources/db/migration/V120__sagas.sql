-- Where every saga instance stands (SagaProgress): a wait that outlives its due time is overdue, and shows in
-- fairbill_saga_overdue.
CREATE TABLE saga_progress (
    saga       VARCHAR(32)              NOT NULL,
    saga_key   VARCHAR(64)              NOT NULL,
    step       VARCHAR(64)              NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    overdue_at TIMESTAMP WITH TIME ZONE,
    ended_at   TIMESTAMP WITH TIME ZONE,
    outcome    VARCHAR(16),
    PRIMARY KEY (saga, saga_key)
);
CREATE INDEX saga_progress_open_idx ON saga_progress (saga, due_at) WHERE ended_at IS NULL;

-- The account hierarchy (seed 000): a disputed reseller's sub-resellers are frozen with it.
CREATE TABLE fact_accounts (
    account_id        VARCHAR(64) NOT NULL PRIMARY KEY,
    tenant            VARCHAR(64) NOT NULL,
    role              VARCHAR(16) NOT NULL,
    parent_account_id VARCHAR(64)
);
CREATE INDEX fact_accounts_parent_idx ON fact_accounts (parent_account_id);

ALTER TABLE refund_cases ADD COLUMN refund_id VARCHAR(64);
ALTER TABLE refund_cases ADD COLUMN payout_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE refund_cases ADD COLUMN failure_code VARCHAR(64);
ALTER TABLE refund_cases ADD COLUMN remedy_note TEXT;
ALTER TABLE refund_cases ADD COLUMN settled_at TIMESTAMP WITH TIME ZONE;
