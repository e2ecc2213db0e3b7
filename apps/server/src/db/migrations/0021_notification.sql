-- E-mails to applicants. The row is written in the same transaction as the case change it reports, together with
-- the job that sends it; a failed send is retried by the job runner and never undoes the change.
CREATE TABLE notification (
  id                bigserial PRIMARY KEY,
  case_id           uuid REFERENCES case_file(id),
  recipient_user_id uuid NOT NULL REFERENCES app_user(id),
  kind              text NOT NULL CHECK (kind IN ('receipt', 'information_request', 'phase_change', 'extension', 'decision')),
  -- Template values (case type name, dates, missing items); no free-text personal data beyond what the mail shows.
  template_values   jsonb NOT NULL DEFAULT '{}'::jsonb,
  status            text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'skipped', 'failed')),
  attempts          integer NOT NULL DEFAULT 0,
  message_id        text,
  last_error        text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  sent_at           timestamptz
);
CREATE INDEX notification_case_idx ON notification(case_id, created_at);
