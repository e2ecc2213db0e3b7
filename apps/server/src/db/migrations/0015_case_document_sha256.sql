-- The orphan-file sweep and the discard of a failed upload ask which stored files (by sha256) a document names.
CREATE INDEX case_document_sha256_idx ON case_document(sha256);
