-- A scheduled job runs once per due time however many replicas fire it: the replica whose insert wins runs it.
CREATE TABLE job_runs (
    job        TEXT                     NOT NULL,
    due_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (job, due_at)
);

-- What the last processor reconciliation found, by tenant and kind: every replica's gauge shows it, whichever ran it.
CREATE TABLE reconciliation_differences (
    tenant      TEXT                     NOT NULL,
    kind        TEXT                     NOT NULL,
    differences BIGINT                   NOT NULL,
    found_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, kind)
);
