-- A refund the processor reverses names its refund id: the case that paid under it is found by that id.
CREATE INDEX refund_cases_refund_id ON refund_cases (refund_id) WHERE refund_id IS NOT NULL;
