-- The double-entry journal: every ledger entry posts lines that sum to zero (debits positive, credits negative).
CREATE TABLE journal_lines (
    posting_id      VARCHAR(64)              NOT NULL,
    line            SMALLINT                 NOT NULL,
    account_id      VARCHAR(64)              NOT NULL,
    tenant          VARCHAR(64)              NOT NULL,
    journal_account VARCHAR(32)              NOT NULL,
    unit            VARCHAR(8)               NOT NULL,
    amount          BIGINT                   NOT NULL,
    posted_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (posting_id, line)
);
CREATE INDEX journal_lines_tenant_unit_idx ON journal_lines (tenant, unit);
CREATE INDEX journal_lines_account_idx ON journal_lines (account_id, journal_account);
