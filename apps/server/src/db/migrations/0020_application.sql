-- Guided applications: a draft the applicant fills in step by step, which becomes a case on submission, and the
-- documents applicants send (with the application, or later in answer to an information request).

CREATE TABLE application (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  applicant_id          uuid NOT NULL REFERENCES app_user(id),
  case_type_id          uuid NOT NULL REFERENCES case_type(id),
  -- The version the applicant started on; the questions asked must be the ones the case is screened against.
  case_type_version_id  uuid NOT NULL REFERENCES case_type_version(id),
  answers               jsonb NOT NULL DEFAULT '{}'::jsonb,
  status                text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
  -- Sent with the submit form: a second click or a retried request finds the case the first one made.
  idempotency_key       uuid NOT NULL UNIQUE,
  case_id               uuid UNIQUE REFERENCES case_file(id),
  case_reference        text,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  submitted_at          timestamptz,
  CHECK ((status = 'submitted') = (case_id IS NOT NULL))
);
CREATE INDEX application_applicant_idx ON application(applicant_id, status, updated_at);

CREATE TABLE applicant_document (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id    uuid REFERENCES application(id),
  case_id           uuid REFERENCES case_file(id),
  -- Which requirement of the case type it documents; null for a free attachment to an answer.
  requirement_code  text,
  -- The information request (case_event seq) it answers, when sent in answer to one.
  answers_event_seq integer,
  file_name         text NOT NULL,
  -- Detected from the content, never taken from the browser.
  media_type        text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
  size_bytes        integer NOT NULL CHECK (size_bytes > 0),
  -- sha256 of the content; also the file's name in storage (config.fileDir), outside the web root.
  sha256            text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by       uuid NOT NULL REFERENCES app_user(id),
  uploaded_at       timestamptz NOT NULL DEFAULT now(),
  removed_at        timestamptz,
  CHECK (application_id IS NOT NULL OR case_id IS NOT NULL)
);
CREATE INDEX applicant_document_application_idx ON applicant_document(application_id) WHERE application_id IS NOT NULL;
CREATE INDEX applicant_document_case_idx ON applicant_document(case_id) WHERE case_id IS NOT NULL;
