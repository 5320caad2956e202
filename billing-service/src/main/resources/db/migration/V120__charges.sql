-- Read model of charges, fed by the charge-projection from the Charge event streams (API.md, Charges).
CREATE TABLE charges (
    seq                  BIGSERIAL                NOT NULL UNIQUE,
    id                   VARCHAR(64)              NOT NULL PRIMARY KEY,
    tenant               VARCHAR(64)              NOT NULL,
    account_id           VARCHAR(64)              NOT NULL,
    status               VARCHAR(32)              NOT NULL,
    amount               BIGINT                   NOT NULL,
    currency             CHAR(3)                  NOT NULL,
    amount_refunded      BIGINT                   NOT NULL DEFAULT 0,
    lost_in_dispute      BIGINT                   NOT NULL DEFAULT 0,
    description          VARCHAR(1000),
    subscription_id      VARCHAR(64),
    billing_period_start TIMESTAMP WITH TIME ZONE,
    purchase_id          VARCHAR(64),
    intentional          BOOLEAN                  NOT NULL DEFAULT FALSE,
    processor            VARCHAR(64)              NOT NULL,
    processor_charge_id  VARCHAR(255),
    failure_code         VARCHAR(255),
    duplicate_of         VARCHAR(64),
    dispute_id           VARCHAR(64),
    dispute_status       VARCHAR(32),
    dispute_reason       VARCHAR(255),
    dispute_amount       BIGINT,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX charges_tenant_account_idx ON charges (tenant, account_id, seq);
CREATE INDEX charges_tenant_seq_idx ON charges (tenant, seq);
CREATE UNIQUE INDEX charges_processor_charge_idx ON charges (processor, processor_charge_id);

