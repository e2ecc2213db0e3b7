-- The orphan-file sweep and the discard of a failed upload ask which stored files (by sha256) an upload names.
CREATE INDEX applicant_document_sha256_idx ON applicant_document(sha256);
