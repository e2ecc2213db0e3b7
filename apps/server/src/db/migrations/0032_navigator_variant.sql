-- What is the same for every case of a variant (its verdicts against the model, the flows it takes, its steps) is
-- stored once per variant; a case row keeps only what is its own (times, deadlines, state). This cuts what an
-- analysis of 100,000 cases writes by an order of magnitude.

CREATE TABLE navigator_variant (
  analysis_id   uuid NOT NULL REFERENCES navigator_analysis(id) ON DELETE CASCADE,
  variant       integer NOT NULL,
  fitness       double precision NOT NULL,
  -- Per event of the variant that the replay shows: the task index, or -1 for an activity outside the model.
  steps         integer[] NOT NULL,
  passed        text[] NOT NULL,
  skipped       text[] NOT NULL,
  out_of_order  text[] NOT NULL,
  extra         text[] NOT NULL,
  flows         text[] NOT NULL,
  outside       text[] NOT NULL,
  deviations    jsonb NOT NULL,
  PRIMARY KEY (analysis_id, variant)
);

DELETE FROM navigator_case;
ALTER TABLE navigator_case
  DROP COLUMN passed, DROP COLUMN skipped, DROP COLUMN out_of_order, DROP COLUMN extra, DROP COLUMN flows,
  DROP COLUMN outside, DROP COLUMN deviations, DROP COLUMN path, DROP COLUMN fitness,
  -- Minutes since the analysis' first event, one per entry of the variant's steps.
  ADD COLUMN minutes integer[] NOT NULL DEFAULT '{}';
-- Analyses stored in the old shape cannot be read in the new one; they are marked for re-running.
UPDATE navigator_analysis SET status = 'failed', error = 'Stored in an earlier format: run the analysis again.', result = NULL, summary = NULL, people = NULL
  WHERE status = 'done';
