-- A running job's lease: the node running it renews it while the handler works; once it has run out (the node died,
-- or lost the database), another node takes the job over. Jobs running when this migration applies keep the old
-- rule: 15 minutes from their claim.
ALTER TABLE job ADD COLUMN lease_until timestamptz;
UPDATE job SET lease_until = locked_at + interval '15 minutes' WHERE status = 'running';
CREATE INDEX job_running_lease_idx ON job(lease_until) WHERE status = 'running';
