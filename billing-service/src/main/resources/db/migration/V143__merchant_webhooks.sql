-- Merchants' webhook endpoints: where a tenant wants to hear of its accounts' events, and the secrets it verifies
-- them with. A deleted endpoint keeps its row (and its deliveries' history) with deleted_at set.
CREATE TABLE merchant_endpoints (
    id                    TEXT                     PRIMARY KEY,
    tenant                TEXT                     NOT NULL,
    url                   TEXT                     NOT NULL,
    description           TEXT,
    enabled_events        TEXT[]                   NOT NULL,
    low_balance_threshold BIGINT,
    status                TEXT                     NOT NULL,
    disabled_reason       TEXT,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at            TIMESTAMP WITH TIME ZONE
);
CREATE INDEX merchant_endpoints_by_tenant ON merchant_endpoints (tenant, created_at, id) WHERE deleted_at IS NULL;

-- An endpoint's signing secrets: the current one (expires_at null) and, after a rotation, the previous one until
-- its overlap ends.
CREATE TABLE merchant_endpoint_secrets (
    endpoint_id TEXT                     NOT NULL REFERENCES merchant_endpoints (id),
    secret      TEXT                     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (endpoint_id, created_at)
);

-- The events merchants can hear of, taken from the services' event topics once each (the id is the message's).
CREATE TABLE merchant_events (
    id          TEXT                     PRIMARY KEY,
    tenant      TEXT                     NOT NULL,
    account_id  TEXT                     NOT NULL,
    type        TEXT                     NOT NULL,
    body        BYTEA                    NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One event sent to one endpoint: pending until the endpoint answers 2xx, retried with growing waits, given up after
-- the retry window. seq orders one account's deliveries to one endpoint.
CREATE TABLE merchant_deliveries (
    id              TEXT                     PRIMARY KEY,
    seq             BIGSERIAL                NOT NULL UNIQUE,
    endpoint_id     TEXT                     NOT NULL REFERENCES merchant_endpoints (id),
    event_id        TEXT                     NOT NULL REFERENCES merchant_events (id),
    tenant          TEXT                     NOT NULL,
    account_id      TEXT                     NOT NULL,
    status          TEXT                     NOT NULL,
    attempts        INTEGER                  NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_until   TIMESTAMP WITH TIME ZONE,
    first_attempt_at TIMESTAMP WITH TIME ZONE,
    last_attempt_at TIMESTAMP WITH TIME ZONE,
    last_status     INTEGER,
    last_error      TEXT,
    delivered_at    TIMESTAMP WITH TIME ZONE,
    replay_of       TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX merchant_deliveries_due ON merchant_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX merchant_deliveries_in_order ON merchant_deliveries (endpoint_id, account_id, seq) WHERE status = 'PENDING';
CREATE INDEX merchant_deliveries_by_endpoint ON merchant_deliveries (endpoint_id, seq);
