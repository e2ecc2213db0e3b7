-- Goals, result contracts, hand-entered figures and the committee reports (the goals module).

-- A figure the authority keeps itself (economy, staff turnover): one value per unit and period, with who entered it.
CREATE TABLE goal_manual_value (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  indicator_id  text NOT NULL,
  unit_id       uuid NOT NULL REFERENCES unit(id),
  period        text NOT NULL,
  period_from   date NOT NULL,
  period_to     date NOT NULL,
  value         double precision NOT NULL,
  entered_by    uuid NOT NULL REFERENCES app_user(id),
  entered_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (indicator_id, unit_id, period)
);
CREATE INDEX goal_manual_value_period_idx ON goal_manual_value(indicator_id, period_from, period_to);

-- A target for one unit, indicator and period, under one of the four areas of a result contract.
CREATE TABLE goal (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id       uuid NOT NULL REFERENCES unit(id),
  indicator_id  text NOT NULL,
  case_type_id  uuid REFERENCES case_type(id),
  area          text NOT NULL CHECK (area IN ('employment', 'service', 'staff', 'economy')),
  period_kind   text NOT NULL CHECK (period_kind IN ('month', 'quarter', 'half', 'year')),
  period        text NOT NULL,
  period_from   date NOT NULL,
  period_to     date NOT NULL,
  target        double precision NOT NULL,
  baseline      double precision,
  created_by    uuid NOT NULL REFERENCES app_user(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX goal_one_per_period_idx ON goal(unit_id, indicator_id, coalesce(case_type_id::text, ''), period);
CREATE INDEX goal_period_idx ON goal(period_from, unit_id);

-- A centre's result contract for a year: its goals under the four areas. A version, once approved, never changes;
-- a change is a new version.
CREATE TABLE result_contract (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id      uuid NOT NULL REFERENCES unit(id),
  year         integer NOT NULL,
  version      integer NOT NULL,
  goal_ids     uuid[] NOT NULL,
  created_by   uuid NOT NULL REFERENCES app_user(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  approved_by  uuid REFERENCES app_user(id),
  approved_at  timestamptz,
  UNIQUE (unit_id, year, version)
);

-- A committee report: made by a background job, then frozen (its figures and files are kept as issued).
CREATE TABLE committee_report (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id       uuid NOT NULL REFERENCES unit(id),
  committee     text NOT NULL CHECK (committee IN ('committee', 'finance')),
  period        text NOT NULL,
  period_from   date NOT NULL,
  period_to     date NOT NULL,
  status        text NOT NULL CHECK (status IN ('queued', 'running', 'issued', 'failed')),
  progress      integer NOT NULL DEFAULT 0,
  figures       jsonb,
  fingerprint   text,
  xlsx          bytea,
  pdf           bytea,
  requested_by  uuid NOT NULL REFERENCES app_user(id),
  requested_at  timestamptz NOT NULL DEFAULT now(),
  issued_at     timestamptz
);
CREATE INDEX committee_report_unit_idx ON committee_report(unit_id, requested_at DESC);
