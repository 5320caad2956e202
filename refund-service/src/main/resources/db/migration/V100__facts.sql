-- What refund-service knows of billing's and the ledger's facts, kept from their integration events so that a
-- decision never calls another service (issue: refund-service, Facts).
CREATE TABLE fact_charges (
    charge_id            VARCHAR(64)              NOT NULL PRIMARY KEY,
    account_id           VARCHAR(64)              NOT NULL,
    tenant               VARCHAR(64)              NOT NULL,
    amount               BIGINT                   NOT NULL,
    currency             VARCHAR(3)               NOT NULL,
    paid_from_balance    BIGINT                   NOT NULL DEFAULT 0,
    refunded             BIGINT                   NOT NULL DEFAULT 0,
    subscription_id      VARCHAR(64),
    billing_period_start TIMESTAMP WITH TIME ZONE,
    purchase_id          VARCHAR(64),
    duplicate_of         VARCHAR(64),
    dispute_state        VARCHAR(8)               NOT NULL DEFAULT 'NONE',
    captured_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX fact_charges_account_idx ON fact_charges (account_id);

CREATE TABLE fact_subscriptions (
    subscription_id    VARCHAR(64)              NOT NULL PRIMARY KEY,
    account_id         VARCHAR(64)              NOT NULL,
    tenant             VARCHAR(64)              NOT NULL,
    plan_id            VARCHAR(64)              NOT NULL,
    status             VARCHAR(32)              NOT NULL,
    period_start       TIMESTAMP WITH TIME ZONE NOT NULL,
    period_end         TIMESTAMP WITH TIME ZONE NOT NULL,
    list_price         BIGINT                   NOT NULL,
    price              BIGINT                   NOT NULL,
    currency           VARCHAR(3)               NOT NULL,
    coupon_percent_off INTEGER,
    included_credits   BIGINT                   NOT NULL,
    latest_charge_id   VARCHAR(64)
);
CREATE INDEX fact_subscriptions_account_idx ON fact_subscriptions (account_id);

CREATE TABLE fact_purchases (
    purchase_id          VARCHAR(64)              NOT NULL PRIMARY KEY,
    account_id           VARCHAR(64)              NOT NULL,
    tenant               VARCHAR(64)              NOT NULL,
    product_id           VARCHAR(64)              NOT NULL,
    kind                 VARCHAR(16)              NOT NULL,
    charge_id            VARCHAR(64)              NOT NULL,
    amount               BIGINT                   NOT NULL,
    currency             VARCHAR(3)               NOT NULL,
    ordered              BIGINT                   NOT NULL,
    delivered            BIGINT                   NOT NULL DEFAULT 0,
    current_count        BIGINT                   NOT NULL DEFAULT 0,
    fulfilment           VARCHAR(16)              NOT NULL,
    completed_at         TIMESTAMP WITH TIME ZONE,
    purchased_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    refill_window_s      BIGINT,
    max_delivery_time_s  BIGINT
);
CREATE INDEX fact_purchases_account_idx ON fact_purchases (account_id);

-- Credits used (consumptions and captured holds), the "used" of DOMAIN.md's templates.
CREATE TABLE fact_usage (
    operation_id VARCHAR(128)             NOT NULL PRIMARY KEY,
    account_id   VARCHAR(64)              NOT NULL,
    amount       BIGINT                   NOT NULL,
    used_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX fact_usage_account_idx ON fact_usage (account_id, used_at);
