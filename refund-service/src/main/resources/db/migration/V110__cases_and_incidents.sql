-- Read models of refund cases and incidents, kept in the command's transaction (ADR 0003).
CREATE TABLE refund_cases (
    case_id         VARCHAR(64)              NOT NULL PRIMARY KEY,
    tenant          VARCHAR(64)              NOT NULL,
    account_id      VARCHAR(64)              NOT NULL,
    target_kind     VARCHAR(16)              NOT NULL,
    target_id       VARCHAR(64)              NOT NULL,
    charge_id       VARCHAR(64),
    reason          VARCHAR(32)              NOT NULL,
    requested       BIGINT,
    currency        VARCHAR(3),
    explanation     TEXT,
    evidence        JSONB                    NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    decision        JSONB                    NOT NULL,
    amount          BIGINT,
    destination     VARCHAR(32),
    review_due_by   TIMESTAMP WITH TIME ZONE,
    escalated       BOOLEAN                  NOT NULL DEFAULT FALSE,
    review_note     TEXT,
    reviewer        VARCHAR(128),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at      TIMESTAMP WITH TIME ZONE,
    seq             BIGSERIAL                NOT NULL
);
CREATE INDEX refund_cases_tenant_status_idx ON refund_cases (tenant, status, seq);
CREATE INDEX refund_cases_charge_idx ON refund_cases (charge_id);

CREATE TABLE incidents (
    incident_id VARCHAR(64)              NOT NULL PRIMARY KEY,
    tenant      VARCHAR(64)              NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    scope       VARCHAR(64)              NOT NULL,
    description TEXT                     NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    seq         BIGSERIAL                NOT NULL
);
CREATE INDEX incidents_tenant_idx ON incidents (tenant, started_at);
