-- The identity of this database, written into the file store it owns: a node pointed at another database's files
-- (or at an empty or unmounted folder where the files should be) refuses to start or reports itself not ready.
CREATE TABLE file_store_identity (
  one_row boolean PRIMARY KEY DEFAULT true CHECK (one_row),
  database_id uuid NOT NULL DEFAULT gen_random_uuid()
);
INSERT INTO file_store_identity DEFAULT VALUES;
