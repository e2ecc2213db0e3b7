-- A second factor for staff sign-in. A session whose password was right but whose second factor is still owed is
-- "pending": it may only prove the factor (or enrol one) and sign out.
ALTER TABLE user_session ADD COLUMN mfa_pending boolean NOT NULL DEFAULT false;

-- One authenticator app (TOTP, RFC 6238) per user. Unconfirmed until the user has typed a code from it; the last
-- time step used is kept so a code cannot be used twice.
CREATE TABLE user_totp (
  user_id        uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
  secret         text NOT NULL,
  confirmed_at   timestamptz,
  last_used_step bigint,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Ten one-time recovery codes per user, given when the authenticator is confirmed; only their sha256 is kept.
CREATE TABLE user_recovery_code (
  user_id    uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  code_hash  text NOT NULL,
  used_at    timestamptz,
  PRIMARY KEY (user_id, code_hash)
);
