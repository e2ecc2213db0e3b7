-- An audit log nobody erases unnoticed. Every row carries a hash chained to the row before it:
--   hash = sha256(prev_hash || audit_log_content(row)), the first row's prev_hash 32 zero bytes,
-- numbered without gaps by chain_no. A single-row head remembers the last number and hash, so a range cut off the end
-- is told from a log that simply ends there. The chain is appended by a trigger that runs with the owner's rights, so
-- the application role needs (and gets, see `npm run db:grant`) no right on the head, and cannot forge a hash.

ALTER TABLE audit_log ADD COLUMN chain_no bigint;
ALTER TABLE audit_log ADD COLUMN prev_hash bytea;
ALTER TABLE audit_log ADD COLUMN hash bytea;

CREATE TABLE audit_chain_head (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  chain_no bigint NOT NULL,
  hash     bytea NOT NULL
);

-- The canonical content of a row: a JSON array (jsonb's text form is the same on every engine and escapes what it
-- must), the time in UTC to the microsecond so no session time zone can change it.
CREATE FUNCTION audit_log_content(r audit_log) RETURNS bytea LANGUAGE sql STABLE AS $$
  SELECT convert_to(jsonb_build_array(
    r.chain_no, r.id, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.actor_user_id, r.action,
    r.subject_user_id, r.entity_type, r.entity_id, r.purpose, r.request_id, r.ip, r.details
  )::text, 'UTF8')
$$;

-- Appends are serialised by the head row's lock, held to the end of the inserting transaction: two concurrent
-- inserts can never take the same place in the chain.
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  head audit_chain_head;
BEGIN
  SELECT * INTO STRICT head FROM audit_chain_head FOR UPDATE;
  NEW.chain_no := head.chain_no + 1;
  NEW.prev_hash := head.hash;
  NEW.hash := sha256(NEW.prev_hash || audit_log_content(NEW));
  UPDATE audit_chain_head SET chain_no = NEW.chain_no, hash = NEW.hash;
  RETURN NEW;
END;
$$;

-- Existing rows join the chain in the order they were written.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
DO $$
DECLARE
  r audit_log;
  prev bytea := decode(repeat('00', 32), 'hex');
  n bigint := 0;
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    n := n + 1;
    r.chain_no := n;
    r.prev_hash := prev;
    r.hash := sha256(prev || audit_log_content(r));
    UPDATE audit_log SET chain_no = r.chain_no, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
    prev := r.hash;
  END LOOP;
  INSERT INTO audit_chain_head (chain_no, hash) VALUES (n, prev);
END;
$$;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;

ALTER TABLE audit_log ALTER COLUMN chain_no SET NOT NULL;
ALTER TABLE audit_log ALTER COLUMN prev_hash SET NOT NULL;
ALTER TABLE audit_log ALTER COLUMN hash SET NOT NULL;
CREATE UNIQUE INDEX audit_log_chain_no_idx ON audit_log (chain_no);

CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

-- The row trigger of 0001 does not fire for TRUNCATE, which emptied the log: a statement trigger refuses it.
CREATE FUNCTION audit_log_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: TRUNCATE refused', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_truncate();

-- The head moves only with an append (the chain trigger's own update runs one trigger level down).
CREATE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_chain_head moves only when an audit row is appended';
END;
$$;
CREATE TRIGGER audit_chain_head_guard BEFORE UPDATE OR DELETE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_truncate();
