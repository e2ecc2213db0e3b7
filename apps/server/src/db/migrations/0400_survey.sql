-- Satisfaction surveys: versioned definitions, invitations with one-time links, anonymous responses, follow-ups.

-- A definition is never changed once published: a change is a new version, and every response names the version
-- it answered, so old answers keep their questions.
CREATE TABLE survey_definition (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL,
  version     integer NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('after_contact', 'after_decision', 'annual_user', 'annual_staff')),
  definition  jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (code, version)
);

-- Who was asked, about what. The person and the case are here only to send the invitation, keep the quarantine and
-- show a signed-in citizen their open surveys; the response row below does not point back to this one.
CREATE TABLE survey_invitation (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  definition_id      uuid NOT NULL REFERENCES survey_definition(id),
  -- Null only in history brought in from before (the person is not kept).
  recipient_user_id  uuid REFERENCES app_user(id),
  case_id            uuid REFERENCES case_file(id),
  contact_ref        text,
  -- What the figures are broken down by, copied when the invitation is made.
  unit_id            uuid REFERENCES unit(id),
  case_type_id       uuid,
  outcome            text,
  channel            text,
  waited_days        integer,
  status             text NOT NULL DEFAULT 'scheduled'
                     CHECK (status IN ('scheduled', 'sent', 'answered', 'declined', 'skipped')),
  -- sha256 of the link's token (hex): a stolen database yields no usable links.
  token_hash         text UNIQUE,
  send_at            timestamptz NOT NULL,
  sent_at            timestamptz,
  expires_at         timestamptz,
  closed_at          timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now()
);
-- One invitation per case and survey: a decision replayed or a job retried never asks twice.
CREATE UNIQUE INDEX survey_invitation_case_idx ON survey_invitation(definition_id, case_id) WHERE case_id IS NOT NULL;
CREATE INDEX survey_invitation_recipient_idx ON survey_invitation(recipient_user_id, created_at);
CREATE INDEX survey_invitation_definition_idx ON survey_invitation(definition_id, send_at);

-- A person who declined is not asked again before `until`.
CREATE TABLE survey_quarantine (
  user_id  uuid PRIMARY KEY REFERENCES app_user(id),
  until    timestamptz NOT NULL
);

-- An answer, without the person: only the breakdowns the figures need.
CREATE TABLE survey_response (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  definition_id  uuid NOT NULL REFERENCES survey_definition(id),
  unit_id        uuid REFERENCES unit(id),
  case_type_id   uuid,
  outcome        text,
  channel        text,
  waited_days    integer,
  answered_at    timestamptz NOT NULL DEFAULT now(),
  answers        jsonb NOT NULL
);
CREATE INDEX survey_response_definition_idx ON survey_response(definition_id, answered_at);

-- A very unhappy answer asks the unit to act: the satisfaction-to-action loop.
CREATE TABLE survey_follow_up (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  response_id    uuid NOT NULL UNIQUE REFERENCES survey_response(id),
  unit_id        uuid NOT NULL REFERENCES unit(id),
  score          integer NOT NULL,
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  note           text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  closed_at      timestamptz,
  closed_by      uuid REFERENCES app_user(id)
);
CREATE INDEX survey_follow_up_unit_idx ON survey_follow_up(unit_id, status);
