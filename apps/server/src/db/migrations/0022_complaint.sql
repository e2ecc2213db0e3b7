-- Complaints from applicants, about the procedure (service, delays, conduct) or about the decision itself. The
-- complaints capability handles them (forwarding, outcome); the portal only files them.
CREATE TABLE complaint (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id         uuid NOT NULL REFERENCES case_file(id),
  complainant_id  uuid REFERENCES app_user(id),
  kind            text NOT NULL CHECK (kind IN ('procedure', 'decision')),
  text            text NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
  channel         text NOT NULL DEFAULT 'digital',
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaint_case_idx ON complaint(case_id);
CREATE INDEX complaint_created_idx ON complaint(created_at);
