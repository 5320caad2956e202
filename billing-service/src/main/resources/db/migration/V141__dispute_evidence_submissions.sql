-- What became of a dispute's evidence at the processor: SUBMITTED, FOR_OPERATOR (the processor takes none through its
-- API) or REFUSED, with the processor's code or the reason.
ALTER TABLE disputes ADD COLUMN evidence_submission VARCHAR(16);
ALTER TABLE disputes ADD COLUMN evidence_detail TEXT;
ALTER TABLE disputes ADD COLUMN evidence_submitted_at TIMESTAMP WITH TIME ZONE;

-- The disputes whose evidence is compiled and not yet sent: written with the compilation, removed with the answer or
-- the close. A submission a crash left unmade is made again under the same key.
CREATE TABLE dispute_submissions (
    dispute_id   VARCHAR(64)              NOT NULL PRIMARY KEY,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    attempted_at TIMESTAMP WITH TIME ZONE
);
