-- Integration messages already applied. A row is written in the same transaction as the commands the
-- message caused, so a redelivered message (same CloudEvents id) is recognised and has no second effect.
CREATE TABLE inbox (
    message_id  VARCHAR(255)             NOT NULL,
    topic       VARCHAR(255)             NOT NULL,
    type        VARCHAR(255)             NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (message_id)
);
CREATE INDEX inbox_received_at_idx ON inbox (received_at);
