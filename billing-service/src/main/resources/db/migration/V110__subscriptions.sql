-- Read model of subscriptions, fed by the subscription-projection from the Subscription event streams.
CREATE TABLE subscriptions (
    id                 VARCHAR(64)              NOT NULL PRIMARY KEY,
    tenant             VARCHAR(64)              NOT NULL,
    account_id         VARCHAR(64)              NOT NULL,
    plan_id            VARCHAR(64)              NOT NULL,
    next_plan_id       VARCHAR(64),
    status             VARCHAR(32)              NOT NULL,
    period_start       TIMESTAMP WITH TIME ZONE NOT NULL,
    period_end         TIMESTAMP WITH TIME ZONE NOT NULL,
    trial_ends_at      TIMESTAMP WITH TIME ZONE,
    cancel_at          TIMESTAMP WITH TIME ZONE,
    latest_charge_id   VARCHAR(64),
    currency           CHAR(3)                  NOT NULL,
    list_price_amount  BIGINT                   NOT NULL,
    price_amount       BIGINT                   NOT NULL,
    coupon_percent_off INTEGER,
    payment_method     VARCHAR(255),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX subscriptions_account_idx ON subscriptions (account_id);
CREATE INDEX subscriptions_tenant_idx ON subscriptions (tenant, created_at, id);

-- The holds that keep a subscription suspended, mirrored from its account (seed 000 §9).
CREATE TABLE subscription_holds (
    subscription_id VARCHAR(64)  NOT NULL REFERENCES subscriptions (id),
    reason          VARCHAR(32)  NOT NULL,
    reference       VARCHAR(255) NOT NULL,
    PRIMARY KEY (subscription_id, reason, reference)
);
