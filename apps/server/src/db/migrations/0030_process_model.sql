-- Workflow models (BPMN 2.0) per case type, versioned, with guidance per step and the tie between the event log's
-- activities and the model's steps.

CREATE TABLE process_model (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name            text NOT NULL,
  topic           text NOT NULL DEFAULT '',
  -- The case type's code, not a foreign key: a model may be drawn before its case type exists, and it outlives
  -- case-type versions.
  case_type_code  text,
  description     text NOT NULL DEFAULT '',
  current_version integer NOT NULL DEFAULT 1,
  created_by      uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX process_model_case_type_idx ON process_model(case_type_code);

-- A version's diagram never changes once saved; a new drawing is a new version.
CREATE TABLE process_model_version (
  model_id    uuid NOT NULL REFERENCES process_model(id) ON DELETE CASCADE,
  version     integer NOT NULL CHECK (version > 0),
  bpmn_xml    text NOT NULL,
  source      text NOT NULL CHECK (source IN ('modeler', 'import', 'discovered')),
  comment     text NOT NULL DEFAULT '',
  warnings    jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (model_id, version)
);

-- One row per step (task) of a version; guidance is carried forward to the next version by element id.
CREATE TABLE process_model_task (
  model_id      uuid NOT NULL,
  version       integer NOT NULL,
  element_id    text NOT NULL,
  name          text NOT NULL,
  element_type  text NOT NULL,
  guidance      text NOT NULL DEFAULT '',
  legal_refs    jsonb NOT NULL DEFAULT '[]'::jsonb,
  checklist     jsonb NOT NULL DEFAULT '[]'::jsonb,
  links         jsonb NOT NULL DEFAULT '[]'::jsonb,
  deadline_days numeric CHECK (deadline_days IS NULL OR deadline_days > 0),
  PRIMARY KEY (model_id, version, element_id),
  FOREIGN KEY (model_id, version) REFERENCES process_model_version(model_id, version) ON DELETE CASCADE
);

-- Activities whose name differs from the step's: tied by hand. element_id NULL marks an activity that is not
-- part of the workflow (it is then neither a deviation nor a step).
CREATE TABLE process_model_mapping (
  model_id    uuid NOT NULL REFERENCES process_model(id) ON DELETE CASCADE,
  activity    text NOT NULL,
  element_id  text,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (model_id, activity)
);
