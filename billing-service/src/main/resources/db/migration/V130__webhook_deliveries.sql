-- Verified processor webhook deliveries, stored before they are acknowledged and processed from here, so a restart
-- between acknowledging and processing loses nothing (ADR 0008). One row per processor event; a redelivery finds its
-- row and changes nothing.
CREATE TABLE webhook_deliveries (
    id           BIGSERIAL                PRIMARY KEY,
    processor    VARCHAR(16)              NOT NULL,
    tenant       VARCHAR(64)              NOT NULL,
    event_id     VARCHAR(255)             NOT NULL,
    type         VARCHAR(128)             NOT NULL,
    payload      TEXT                     NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    processed_at TIMESTAMP WITH TIME ZONE,
    attempts     INT                      NOT NULL DEFAULT 0,
    last_error   TEXT,
    CONSTRAINT webhook_deliveries_event_uq UNIQUE (processor, tenant, event_id)
);
CREATE INDEX webhook_deliveries_unprocessed_idx ON webhook_deliveries (id) WHERE processed_at IS NULL;
