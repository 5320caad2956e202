-- Inbound messages that name something this service does not know yet (a request for a ledger whose opening fact
-- has not arrived). They wait here, in arrival order per Kafka key, and are applied through the inbox once they can
-- be; a message still waiting after the configured time goes to its topic's dead-letter topic.
CREATE TABLE inbox_waiting (
    seq         BIGSERIAL                NOT NULL,
    message_id  VARCHAR(255)             NOT NULL,
    topic       VARCHAR(255)             NOT NULL,
    record_key  VARCHAR(255)             NOT NULL,
    type        VARCHAR(255)             NOT NULL,
    source      VARCHAR(255)             NOT NULL,
    subject     VARCHAR(255),
    event_time  TIMESTAMP WITH TIME ZONE,
    data        BYTEA,
    reason      TEXT                     NOT NULL,
    attempts    INTEGER                  NOT NULL,
    waiting_since   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (seq),
    UNIQUE (message_id)
);
CREATE INDEX inbox_waiting_key_idx ON inbox_waiting (topic, record_key, seq);
