-- The replicas of this service that are running: each writes its heartbeat every few seconds, so every replica knows
-- how many share the event processors' segments (a replica whose heartbeat is older than the token claim timeout is
-- gone). The node is the name a replica claims tokens under (tokenentry.owner).
CREATE TABLE service_replicas (
    node         TEXT                     NOT NULL PRIMARY KEY,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
