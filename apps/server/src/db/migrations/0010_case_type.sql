-- The case-type catalogue. A case type is a stable code; what it means is a published, immutable version, and a
-- case points at the version it was opened under so later changes never rewrite old cases' rules.

CREATE TABLE case_type (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code               text NOT NULL UNIQUE,
  current_version    integer NOT NULL DEFAULT 0,
  active             boolean NOT NULL DEFAULT true,
  created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE case_type_version (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_type_id  uuid NOT NULL REFERENCES case_type(id),
  version       integer NOT NULL CHECK (version > 0),
  -- The whole definition as published (the export format); the columns below are copies for queries.
  definition    jsonb NOT NULL,
  unit_id       uuid NOT NULL REFERENCES unit(id),
  goal_amount   integer NOT NULL CHECK (goal_amount > 0),
  goal_unit     text NOT NULL CHECK (goal_unit IN ('calendar_days', 'working_days', 'weeks', 'months')),
  -- The goal in calendar days, roughly: only for charts and the "goal" marker on distributions.
  goal_days     integer NOT NULL,
  target_share  numeric NOT NULL CHECK (target_share > 0 AND target_share <= 1),
  clock_start   text NOT NULL CHECK (clock_start IN ('on_receipt', 'when_fully_informed')),
  published_at  timestamptz NOT NULL DEFAULT now(),
  published_by  uuid REFERENCES app_user(id),
  UNIQUE (case_type_id, version)
);

CREATE FUNCTION case_type_version_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a published case-type version cannot be changed; publish a new version';
END;
$$;
CREATE TRIGGER case_type_version_no_update BEFORE UPDATE ON case_type_version
  FOR EACH ROW EXECUTE FUNCTION case_type_version_is_immutable();
