-- The organisation, people, roles, sessions, audit log and background jobs: what every capability builds on.

CREATE TABLE unit (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id   uuid REFERENCES unit(id),
  kind        text NOT NULL CHECK (kind IN ('authority', 'centre', 'team')),
  code        text NOT NULL UNIQUE,
  name_da     text NOT NULL,
  name_en     text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX unit_parent_idx ON unit(parent_id);

CREATE TABLE app_user (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind           text NOT NULL CHECK (kind IN ('staff', 'applicant')),
  username       text UNIQUE,
  display_name   text NOT NULL,
  email          text,
  password_hash  text,
  locale         text NOT NULL DEFAULT 'da' CHECK (locale IN ('da', 'en', 'sv')),
  -- For businesses acting through a named contact person.
  organisation_name text,
  organisation_cvr  text,
  active         boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Links to external identity providers (staff IdP, national eID broker).
CREATE TABLE user_identity (
  issuer     text NOT NULL,
  subject    text NOT NULL,
  user_id    uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);

CREATE TABLE role_grant (
  id       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id  uuid NOT NULL REFERENCES app_user(id),
  role     text NOT NULL CHECK (role IN ('applicant', 'frontline', 'caseworker', 'teamlead', 'quality', 'analyst', 'admin')),
  -- A staff role covers this unit and every unit below it; the applicant role has no unit.
  unit_id  uuid REFERENCES unit(id),
  UNIQUE (user_id, role, unit_id),
  CHECK ((role = 'applicant') = (unit_id IS NULL))
);
CREATE INDEX role_grant_user_idx ON role_grant(user_id);

CREATE TABLE user_session (
  -- sha256 of the cookie token: a stolen database does not yield usable sessions.
  token_hash   text PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES app_user(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  auth_method  text NOT NULL,
  active_unit_id uuid REFERENCES unit(id)
);
CREATE INDEX user_session_user_idx ON user_session(user_id);

-- Append-only: who read or changed whose personal data, when and why.
CREATE TABLE audit_log (
  id              bigserial PRIMARY KEY,
  at              timestamptz NOT NULL DEFAULT now(),
  actor_user_id   uuid REFERENCES app_user(id),
  action          text NOT NULL CHECK (action IN ('read', 'create', 'update', 'delete', 'export', 'denied', 'sign_in', 'sign_out', 'sign_in_failed')),
  subject_user_id uuid REFERENCES app_user(id),
  entity_type     text NOT NULL,
  entity_id       text,
  purpose         text NOT NULL,
  request_id      text,
  ip              text,
  details         jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_subject_idx ON audit_log(subject_user_id, at);
CREATE INDEX audit_log_actor_idx ON audit_log(actor_user_id, at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

-- Background work, claimed with FOR UPDATE SKIP LOCKED so several app nodes can share it.
CREATE TABLE job (
  id           bigserial PRIMARY KEY,
  kind         text NOT NULL,
  payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed', 'cancelled')),
  run_at       timestamptz NOT NULL DEFAULT now(),
  attempts     integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  locked_by    text,
  locked_at    timestamptz,
  last_error   text,
  progress     jsonb,
  result       jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);
CREATE INDEX job_pending_idx ON job(run_at) WHERE status = 'pending';
