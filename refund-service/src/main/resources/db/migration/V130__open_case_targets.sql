-- One open refund case per target: a row while a case for the charge (or the purchase or subscription, when no
-- charge pays for it) is in review, approved or executing. The primary key makes a second case for the target fail
-- in the transaction that would open it, on every replica.
CREATE TABLE open_case_targets (
    tenant  VARCHAR(64)  NOT NULL,
    target  VARCHAR(100) NOT NULL,
    case_id VARCHAR(64)  NOT NULL,
    PRIMARY KEY (tenant, target)
);
CREATE INDEX open_case_targets_case_idx ON open_case_targets (case_id);

INSERT INTO open_case_targets (tenant, target, case_id)
SELECT DISTINCT ON (tenant, target) tenant, target, case_id
  FROM (SELECT tenant, case_id, seq,
               CASE WHEN charge_id IS NOT NULL THEN 'CHARGE:' || charge_id
                    ELSE target_kind || ':' || target_id END AS target
          FROM refund_cases WHERE status IN ('IN_REVIEW', 'APPROVED', 'EXECUTING')) open_cases
 ORDER BY tenant, target, seq;
