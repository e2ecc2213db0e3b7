-- Least privilege on case files. Staff with a working need (the case's caseworkers, team leads and front line)
-- read a case file through their role on its unit; anyone else reads it only through a grant here, for one case, one
-- person and a limited time. Break the glass writes one (purpose 'break_glass', with the reason given); supervision
-- and complaints write theirs for the sampled or complained-of cases ('supervision', 'complaint').
CREATE TABLE case_access_grant (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES case_file(id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  purpose     text NOT NULL CHECK (purpose ~ '^[a-z_]{1,40}$'),
  reason      text NOT NULL DEFAULT '',
  granted_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  CHECK (expires_at > granted_at),
  CHECK (purpose <> 'break_glass' OR length(trim(reason)) > 0)
);
CREATE INDEX case_access_grant_lookup_idx ON case_access_grant(case_id, user_id, expires_at);
