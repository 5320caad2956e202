-- A reviewer may approve a case with a remedy (service credits, an extension, ...) instead of money.
ALTER TABLE refund_cases ADD COLUMN review_remedy JSONB;
