-- SAML sign-in (NemLog-in / OIOSAML 3, and authorities' own SAML identity providers).

-- AuthnRequest and LogoutRequest ids we sent and still await an answer to: a response must answer one of them
-- (InResponseTo), once. In the database, not in memory, so any node may receive the answer.
CREATE TABLE saml_request (
  id          text PRIMARY KEY,
  provider_id text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX saml_request_created_idx ON saml_request (created_at);

-- Every assertion id accepted, kept until the assertion expires: the same assertion is never accepted twice.
CREATE TABLE saml_assertion_use (
  issuer       text NOT NULL,
  assertion_id text NOT NULL,
  expires_at   timestamptz NOT NULL,
  PRIMARY KEY (issuer, assertion_id)
);
CREATE INDEX saml_assertion_use_expires_idx ON saml_assertion_use (expires_at);

-- What single logout needs of a session signed in over SAML, and who acted when the session acts for a business.
CREATE TABLE saml_session (
  token_hash       text PRIMARY KEY REFERENCES user_session(token_hash) ON DELETE CASCADE,
  provider_id      text NOT NULL,
  name_id          text NOT NULL,
  name_id_format   text,
  session_index    text,
  assurance_level  text NOT NULL CHECK (assurance_level IN ('low', 'substantial', 'high')),
  -- The person who signed in, when the session's user is a business they act for.
  acting_user_id   uuid REFERENCES app_user(id),
  cvr              text
);
CREATE INDEX saml_session_name_id_idx ON saml_session (provider_id, name_id);

-- A person's CPR number, protected: a keyed hash to find the person again, and a masked form to show them.
CREATE TABLE person_cpr (
  user_id    uuid PRIMARY KEY REFERENCES app_user(id),
  cpr_hash   text NOT NULL UNIQUE,
  cpr_masked text NOT NULL
);
