-- The process working on an IN_PROGRESS key: its liveness lock tells whether the claim died with it.
ALTER TABLE idempotency_keys ADD COLUMN owner integer NOT NULL DEFAULT 0;
