-- Read model of one-time purchases, fed by the purchase-projection (API.md, Charges and purchases).
CREATE TABLE purchases (
    id                   VARCHAR(64)              NOT NULL PRIMARY KEY,
    tenant               VARCHAR(64)              NOT NULL,
    account_id           VARCHAR(64)              NOT NULL,
    product_id           VARCHAR(64)              NOT NULL,
    kind                 VARCHAR(32)              NOT NULL,
    amount               BIGINT                   NOT NULL,
    currency             CHAR(3)                  NOT NULL,
    charge_id            VARCHAR(64)              NOT NULL,
    status               VARCHAR(32)              NOT NULL,
    fulfilment_status    VARCHAR(32)              NOT NULL,
    ordered              BIGINT                   NOT NULL,
    delivered            BIGINT                   NOT NULL,
    current_count        BIGINT                   NOT NULL,
    max_delivery_time_s  BIGINT,
    refill_window_s      BIGINT,
    completed_at         TIMESTAMP WITH TIME ZONE,
    purchased_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX purchases_tenant_account_idx ON purchases (tenant, account_id);
