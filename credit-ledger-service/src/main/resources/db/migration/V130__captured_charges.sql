-- Billing's captured charges, as its charge-captured facts name them: a cash lot may only name a charge of its own
-- account, in its currency, for no more than the charge took.
CREATE TABLE captured_charges (
    charge_id   VARCHAR(64)              NOT NULL PRIMARY KEY,
    tenant      VARCHAR(64)              NOT NULL,
    account_id  VARCHAR(64)              NOT NULL,
    amount      BIGINT                   NOT NULL,
    currency    VARCHAR(3)               NOT NULL,
    captured_at TIMESTAMP WITH TIME ZONE NOT NULL
);
