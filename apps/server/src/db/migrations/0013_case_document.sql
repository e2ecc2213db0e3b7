-- The case file's documents with their content: what a caseworker attaches (a letter sent, papers received, an
-- internal memo) and what the applicant sent (with the application, or later in an answer). The bytes live in the
-- file store under their sha256 (config.fileDir, outside the web root). A document added to a case is also a
-- document_added event in the log (event_id); documents that came with the application are covered by the
-- received event and have none.

CREATE TABLE case_document (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id        uuid NOT NULL REFERENCES case_file(id),
  event_id       bigint REFERENCES case_event(id),
  source         text NOT NULL CHECK (source IN ('casework', 'application', 'answer')),
  title          text NOT NULL,
  document_type  text NOT NULL CHECK (document_type IN ('application', 'evidence', 'letter', 'decision', 'hearing', 'other')),
  direction      text NOT NULL CHECK (direction IN ('incoming', 'outgoing', 'internal')),
  file_name      text NOT NULL,
  -- Detected from the content, never taken from the browser.
  media_type     text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
  size_bytes     integer NOT NULL CHECK (size_bytes > 0),
  sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  added_by       uuid REFERENCES app_user(id),
  added_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_document_case_idx ON case_document(case_id, added_at);

-- A database made before this file existed already holds applicants' documents on cases (0020 ran first): they
-- are listed here too, an answer's document with the document_added event that recorded it (same case and file
-- name, nearest in time). On a new database applicant_document does not exist yet, and there is nothing to copy.
DO $$
BEGIN
  IF to_regclass('applicant_document') IS NOT NULL THEN
    INSERT INTO case_document (case_id, event_id, source, title, document_type, direction, file_name, media_type, size_bytes, sha256, added_by, added_at)
    SELECT d.case_id,
           CASE WHEN d.application_id IS NULL THEN (
             SELECT e.id FROM case_event e
             WHERE e.case_id = d.case_id AND e.activity = 'document_added' AND e.attributes->>'fileName' = d.file_name
             ORDER BY abs(extract(epoch FROM e.occurred_at - d.uploaded_at)), e.id LIMIT 1) END,
           CASE WHEN d.application_id IS NULL THEN 'answer' ELSE 'application' END,
           d.file_name, 'evidence', 'incoming', d.file_name, d.media_type, d.size_bytes, d.sha256, d.uploaded_by, d.uploaded_at
    FROM applicant_document d
    WHERE d.case_id IS NOT NULL AND d.removed_at IS NULL;
  END IF;
END $$;
