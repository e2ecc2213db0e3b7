-- One-time links by which a person sets their own password: the first administrator of a production installation
-- (made by `npm run admin:create`), and anyone an administrator sends a fresh link. Only the sha256 of the token is
-- kept, so a copy of the database does not yield usable links.
CREATE TABLE password_setup_token (
  token_hash  text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES app_user(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX password_setup_token_user_idx ON password_setup_token(user_id);
