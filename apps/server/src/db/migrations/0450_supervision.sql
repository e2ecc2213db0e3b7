-- Management supervision by sampling (ledelsestilsyn): programmes with a review checklist and a holistic score,
-- reproducible samples (the population's case ids and the seed are kept), reviews, improvement initiatives, and
-- the auditor's remarks with their action plans.
CREATE TABLE supervision_programme (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id          uuid NOT NULL REFERENCES unit(id),
  title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  focus_area       text NOT NULL CHECK (length(focus_area) BETWEEN 1 AND 2000),
  reason_kind      text NOT NULL CHECK (reason_kind IN ('audit_remark', 'complaints', 'citizens_advisor', 'legislation', 'other')),
  reason           text NOT NULL CHECK (length(reason) <= 4000),
  legal_basis      text NOT NULL CHECK (length(legal_basis) <= 2000),
  schedule         text NOT NULL CHECK (schedule IN ('monthly', 'quarterly', 'half_yearly', 'once')),
  -- The holistic quality score's levels, 1 to 4, each described: ["…", "…", "…", "…"].
  score_levels     jsonb NOT NULL,
  case_type_ids    uuid[] NOT NULL DEFAULT '{}',
  created_by       uuid REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_programme_unit_idx ON supervision_programme(unit_id);

CREATE TABLE supervision_criterion (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  programme_id     uuid NOT NULL REFERENCES supervision_programme(id) ON DELETE CASCADE,
  position         integer NOT NULL,
  code             text NOT NULL CHECK (code ~ '^[a-z0-9-]{1,40}$'),
  text             text NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
  guidance         text NOT NULL DEFAULT '' CHECK (length(guidance) <= 4000),
  allows_na        boolean NOT NULL DEFAULT false,
  UNIQUE (programme_id, code),
  UNIQUE (programme_id, position)
);

CREATE TABLE supervision_reviewer (
  programme_id     uuid NOT NULL REFERENCES supervision_programme(id) ON DELETE CASCADE,
  user_id          uuid NOT NULL REFERENCES app_user(id),
  PRIMARY KEY (programme_id, user_id)
);
CREATE INDEX supervision_reviewer_user_idx ON supervision_reviewer(user_id);

CREATE TABLE supervision_sample (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  programme_id     uuid NOT NULL REFERENCES supervision_programme(id),
  label            text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  -- The population as asked for (case types, units, period, states), kept with the snapshot below.
  population       jsonb NOT NULL,
  design           text NOT NULL CHECK (design IN ('simple', 'stratified')),
  stratify_by      text CHECK (stratify_by IN ('unit', 'case_type')),
  allocation       text CHECK (allocation IN ('proportional', 'equal')),
  size             integer NOT NULL CHECK (size > 0),
  margin           numeric,
  seed             text NOT NULL CHECK (length(seed) BETWEEN 1 AND 100),
  population_size  integer NOT NULL CHECK (population_size >= size),
  -- A follow-up sample measures whether an initiative lowered the error rate.
  follow_up_of     uuid REFERENCES supervision_sample(id),
  initiative_id    uuid,
  drawn_by         uuid REFERENCES app_user(id),
  drawn_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((design = 'stratified') = (stratify_by IS NOT NULL))
);
CREATE INDEX supervision_sample_programme_idx ON supervision_sample(programme_id, drawn_at);

-- The population snapshot: every case the sample was drawn from, with its stratum, so the draw can be redone.
CREATE TABLE supervision_population_case (
  sample_id        uuid NOT NULL REFERENCES supervision_sample(id) ON DELETE CASCADE,
  case_id          uuid NOT NULL REFERENCES case_file(id),
  stratum          text NOT NULL,
  unit_id          uuid NOT NULL REFERENCES unit(id),
  PRIMARY KEY (sample_id, case_id)
);

CREATE TABLE supervision_sample_case (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sample_id        uuid NOT NULL REFERENCES supervision_sample(id) ON DELETE CASCADE,
  case_id          uuid NOT NULL REFERENCES case_file(id),
  reference        text NOT NULL,
  stratum          text NOT NULL,
  unit_id          uuid NOT NULL REFERENCES unit(id),
  case_type_id     uuid NOT NULL,
  -- The caseworker the case was with when drawn, for per-person results, and everyone who recorded an event on it.
  assignee_id      uuid REFERENCES app_user(id),
  handler_ids      uuid[] NOT NULL DEFAULT '{}',
  replaced_at      timestamptz,
  replaced_reason  text,
  replaced_by      uuid REFERENCES app_user(id),
  replacement_for  uuid REFERENCES supervision_sample_case(id),
  UNIQUE (sample_id, case_id),
  CHECK ((replaced_at IS NULL) = (replaced_reason IS NULL)),
  CHECK (replaced_reason IS NULL OR length(trim(replaced_reason)) > 0)
);

CREATE TABLE supervision_review (
  sample_case_id   uuid PRIMARY KEY REFERENCES supervision_sample_case(id) ON DELETE CASCADE,
  reviewer_id      uuid NOT NULL REFERENCES app_user(id),
  holistic_score   integer NOT NULL CHECK (holistic_score BETWEEN 1 AND 4),
  follow_up        boolean NOT NULL DEFAULT false,
  follow_up_note   text NOT NULL DEFAULT '' CHECK (length(follow_up_note) <= 4000),
  reviewed_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE supervision_answer (
  sample_case_id   uuid NOT NULL REFERENCES supervision_review(sample_case_id) ON DELETE CASCADE,
  criterion_id     uuid NOT NULL REFERENCES supervision_criterion(id),
  answer           text NOT NULL CHECK (answer IN ('met', 'not_met', 'not_applicable')),
  comment          text NOT NULL DEFAULT '' CHECK (length(comment) <= 4000),
  PRIMARY KEY (sample_case_id, criterion_id)
);
CREATE INDEX supervision_answer_criterion_idx ON supervision_answer(criterion_id);

CREATE TABLE supervision_audit_remark (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id          uuid NOT NULL REFERENCES unit(id),
  year             integer NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  report           text NOT NULL CHECK (length(report) BETWEEN 1 AND 300),
  remark           text NOT NULL CHECK (length(remark) BETWEEN 1 AND 4000),
  created_by       uuid REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE supervision_initiative (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  programme_id     uuid REFERENCES supervision_programme(id),
  audit_remark_id  uuid REFERENCES supervision_audit_remark(id),
  criterion_id     uuid REFERENCES supervision_criterion(id),
  sample_id        uuid REFERENCES supervision_sample(id),
  kind             text NOT NULL CHECK (kind IN ('training', 'workflow', 'checklist_item', 'other')),
  title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  owner_id         uuid NOT NULL REFERENCES app_user(id),
  due_date         date NOT NULL,
  status           text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
  completed_on     date,
  created_by       uuid REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (programme_id IS NOT NULL OR audit_remark_id IS NOT NULL),
  CHECK ((status = 'done') = (completed_on IS NOT NULL))
);
CREATE INDEX supervision_initiative_programme_idx ON supervision_initiative(programme_id);
CREATE INDEX supervision_initiative_remark_idx ON supervision_initiative(audit_remark_id);
ALTER TABLE supervision_sample ADD FOREIGN KEY (initiative_id) REFERENCES supervision_initiative(id);
