-- Refills of delivery orders asked for by refund cases' remedies, and how far the delivering system got with each.
CREATE TABLE purchase_refills (
    refill_id     VARCHAR(64)              NOT NULL PRIMARY KEY,
    purchase_id   VARCHAR(64)              NOT NULL REFERENCES purchases (id),
    case_id       VARCHAR(64)              NOT NULL,
    quantity      BIGINT                   NOT NULL,
    delivered     BIGINT                   NOT NULL,
    status        VARCHAR(32)              NOT NULL,
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX purchase_refills_purchase_idx ON purchase_refills (purchase_id, requested_at);
