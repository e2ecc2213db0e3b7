-- The process navigator: uploaded logs from other systems, analyses (run as background jobs) and their stored
-- results, with one row per analysed case for drill-down and replay.

CREATE TABLE navigator_log (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  format      text NOT NULL CHECK (format IN ('xes', 'csv')),
  -- The file as uploaded (gzip-compressed when it was not already): analyses re-read it, so results can be redone.
  content     bytea NOT NULL,
  case_count  integer NOT NULL,
  event_count integer NOT NULL,
  activities  jsonb NOT NULL,
  created_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE navigator_analysis (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL DEFAULT '',
  model_id      uuid NOT NULL REFERENCES process_model(id) ON DELETE CASCADE,
  model_version integer NOT NULL,
  population    jsonb NOT NULL,
  population_label text NOT NULL DEFAULT '',
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed', 'cancelled')),
  progress      jsonb,
  error         text,
  job_id        bigint,
  created_by    uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  finished_at   timestamptz,
  -- Written together with the case rows, in the one transaction that marks the analysis done.
  summary       jsonb,
  result        jsonb,
  -- Per-person figures, kept apart: only team leads and analysts may read them.
  people        jsonb
);
CREATE INDEX navigator_analysis_model_idx ON navigator_analysis(model_id, created_at DESC);

CREATE TABLE navigator_case (
  analysis_id   uuid NOT NULL REFERENCES navigator_analysis(id) ON DELETE CASCADE,
  ord           integer NOT NULL,
  case_key      text NOT NULL,
  case_id       uuid,
  unit          text,
  variant       integer NOT NULL,
  fitness       double precision NOT NULL,
  state         text NOT NULL,
  started_at    timestamptz,
  ended_at      timestamptz,
  passed        text[] NOT NULL,
  skipped       text[] NOT NULL,
  out_of_order  text[] NOT NULL,
  extra         text[] NOT NULL,
  over_deadline text[] NOT NULL,
  flows         text[] NOT NULL,
  outside       text[] NOT NULL,
  deviations    jsonb NOT NULL,
  -- [task index or -1, minutes since the analysis' first event] pairs, for the replay.
  path          integer[] NOT NULL,
  PRIMARY KEY (analysis_id, ord)
);
CREATE INDEX navigator_case_case_idx ON navigator_case(case_id) WHERE case_id IS NOT NULL;
