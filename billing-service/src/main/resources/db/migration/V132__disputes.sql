-- Read model of disputes, fed by the dispute-projection from the Dispute event streams.
CREATE TABLE disputes (
    id                   VARCHAR(64)              NOT NULL PRIMARY KEY,
    tenant               VARCHAR(64)              NOT NULL,
    processor            VARCHAR(16)              NOT NULL,
    processor_dispute_id VARCHAR(255)             NOT NULL,
    charge_id            VARCHAR(64)              NOT NULL,
    account_id           VARCHAR(64)              NOT NULL,
    amount               BIGINT                   NOT NULL,
    currency             CHAR(3)                  NOT NULL,
    reason               VARCHAR(255),
    status               VARCHAR(16)              NOT NULL,
    due_by               TIMESTAMP WITH TIME ZONE,
    outcome              VARCHAR(8),
    funds_withdrawn      BOOLEAN                  NOT NULL DEFAULT FALSE,
    opened_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at            TIMESTAMP WITH TIME ZONE
);
CREATE INDEX disputes_charge_idx ON disputes (charge_id);
CREATE INDEX disputes_account_idx ON disputes (account_id);
