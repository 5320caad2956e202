-- Idempotency-Key store (API.md, Conventions): the first response to a key is replayed for the same request.
CREATE TABLE idempotency_keys (
    tenant                text         NOT NULL,
    idempotency_key       varchar(255) NOT NULL,
    request_method        text         NOT NULL,
    request_path          text         NOT NULL,
    -- SHA-256 of method, path and body
    request_hash          bytea        NOT NULL,
    state                 text         NOT NULL CHECK (state IN ('IN_PROGRESS', 'COMPLETED')),
    -- which execution owns the row; a stale attempt that was taken over can no longer complete or release it
    attempt               uuid         NOT NULL,
    response_status       integer,
    response_content_type text,
    response_body         bytea,
    -- start of the current attempt: an IN_PROGRESS row older than the takeover timeout may be taken over
    created_at            timestamptz  NOT NULL,
    expires_at            timestamptz  NOT NULL,
    PRIMARY KEY (tenant, idempotency_key),
    CHECK (state = 'IN_PROGRESS' OR (response_status IS NOT NULL AND response_body IS NOT NULL))
);

CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
