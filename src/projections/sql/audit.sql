-- Tamper evidence for the event log: the hash chain's links and its seals.
-- Both tables are append-only: triggers refuse UPDATE, DELETE and TRUNCATE.

CREATE SCHEMA IF NOT EXISTS audit;
COMMENT ON SCHEMA audit IS 'Hash chain over the stored events and its seals (append-only).';

CREATE TABLE IF NOT EXISTS audit.chain_links (
    position bigint PRIMARY KEY,
    hash bytea NOT NULL
);
COMMENT ON TABLE audit.chain_links IS
    'One link per stored event, at its position (notification id): sha256 of the previous '
    'link, the position, aggregate id, version, topic and stored state bytes.';

CREATE TABLE IF NOT EXISTS audit.seals (
    seal_id bigserial PRIMARY KEY,
    position bigint NOT NULL,
    hash bytea NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE audit.seals IS
    'The chain''s link at a position, recorded by `oms audit seal` or periodically: '
    'a later rewrite of the chain before that position no longer matches it.';

CREATE OR REPLACE FUNCTION audit.refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit.% is append-only', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE OR REPLACE TRIGGER chain_links_append_only
    BEFORE UPDATE OR DELETE ON audit.chain_links
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
CREATE OR REPLACE TRIGGER chain_links_no_truncate
    BEFORE TRUNCATE ON audit.chain_links
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
CREATE OR REPLACE TRIGGER seals_append_only
    BEFORE UPDATE OR DELETE ON audit.seals
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
CREATE OR REPLACE TRIGGER seals_no_truncate
    BEFORE TRUNCATE ON audit.seals
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
