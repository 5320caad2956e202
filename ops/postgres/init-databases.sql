-- Creates one database per service on the docker-compose PostgreSQL server.
-- The postgres image runs this once, when it initialises an empty data
-- directory (`docker compose down --volumes` starts over).
--
-- Each service gets its own login role that owns its database, so Flyway can
-- create every table, and no other role may connect to it: a service never
-- reads another service's database.
--
-- The passwords come from the container's environment (set in
-- docker-compose.yml); psql stops at the first error, so a missing variable
-- fails the initialisation instead of creating a role without a password.

\set ON_ERROR_STOP on

\getenv billing_password BILLING_DB_PASSWORD
\getenv ledger_password LEDGER_DB_PASSWORD
\getenv refund_password REFUND_DB_PASSWORD

CREATE ROLE billing LOGIN PASSWORD :'billing_password';
CREATE DATABASE billing OWNER billing;
REVOKE ALL ON DATABASE billing FROM PUBLIC;

CREATE ROLE ledger LOGIN PASSWORD :'ledger_password';
CREATE DATABASE ledger OWNER ledger;
REVOKE ALL ON DATABASE ledger FROM PUBLIC;

CREATE ROLE refund LOGIN PASSWORD :'refund_password';
CREATE DATABASE refund OWNER refund;
REVOKE ALL ON DATABASE refund FROM PUBLIC;
