-- Passkeys (WebAuthn) as a second factor beside the authenticator app. The credential id and public key are kept as
-- base64url text; the signature counter is checked and moved on at every use.
CREATE TABLE user_passkey (
  credential_id text PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  public_key    text NOT NULL,
  counter       bigint NOT NULL DEFAULT 0,
  -- Comma-separated hints from the authenticator (internal, usb, hybrid, ...), given back in allowCredentials.
  transports    text NOT NULL DEFAULT '',
  name          text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz
);
CREATE INDEX user_passkey_user ON user_passkey (user_id);

-- The challenge of a passkey ceremony under way, one per session and purpose: short-lived, and deleted when used.
CREATE TABLE webauthn_challenge (
  session_hash text NOT NULL REFERENCES user_session(token_hash) ON DELETE CASCADE,
  purpose      text NOT NULL CHECK (purpose IN ('register', 'authenticate')),
  challenge    text NOT NULL,
  expires_at   timestamptz NOT NULL,
  PRIMARY KEY (session_hash, purpose)
);
