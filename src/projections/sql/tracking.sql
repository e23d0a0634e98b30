-- Every read model's tracking table, created first in its schema (see Projection.ddl).

CREATE TABLE tracking (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    position bigint NOT NULL DEFAULT 0,
    updated_at timestamptz,
    error text,
    failed_at timestamptz
);
COMMENT ON TABLE tracking IS
    'One row: the last event-log position (notification id) applied to this schema; '
    'error and failed_at: why and when applying the events after it last failed (null '
    'once a batch succeeds).';
INSERT INTO tracking (position) VALUES (0);
