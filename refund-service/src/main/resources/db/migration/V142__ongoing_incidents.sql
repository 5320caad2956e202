-- An outage still going on is recorded without its end, and closed later.
ALTER TABLE incidents ALTER COLUMN ended_at DROP NOT NULL;
