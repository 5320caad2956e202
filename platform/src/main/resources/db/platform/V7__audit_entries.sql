-- Who did what to which resource, and when: the operator actions a service records (a review, a remedy completed,
-- a lot granted or voided, an incident), written from the aggregate's event in the command's transaction and read
-- through GET /api/v1/audit. An event is recorded once, however often it is handled.
CREATE TABLE audit_entries (
    seq          BIGSERIAL                NOT NULL,
    event_id     VARCHAR(255)             NOT NULL,
    tenant       VARCHAR(64)              NOT NULL,
    resource_id  VARCHAR(64)              NOT NULL,
    account_id   VARCHAR(64),
    action       VARCHAR(64)              NOT NULL,
    key_id       VARCHAR(255),
    request_id   VARCHAR(255),
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    detail       TEXT,
    PRIMARY KEY (seq),
    UNIQUE (event_id)
);
CREATE INDEX audit_entries_resource_idx ON audit_entries (tenant, resource_id, seq);
CREATE INDEX audit_entries_account_idx ON audit_entries (tenant, account_id, seq);
