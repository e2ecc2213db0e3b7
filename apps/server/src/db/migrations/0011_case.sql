-- Cases, THE event log, and the derived clock row per case.

CREATE SEQUENCE case_reference_seq;

CREATE TABLE case_file (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference             text NOT NULL UNIQUE,
  case_type_id          uuid NOT NULL REFERENCES case_type(id),
  case_type_version_id  uuid NOT NULL REFERENCES case_type_version(id),
  unit_id               uuid NOT NULL REFERENCES unit(id),
  assignee_id           uuid REFERENCES app_user(id),
  applicant_id          uuid REFERENCES app_user(id),
  applicant_name        text NOT NULL,
  subject               text,
  channel               text NOT NULL CHECK (channel IN ('digital', 'paper', 'email', 'counter', 'phone')),
  state                 text NOT NULL CHECK (state IN ('received', 'in_progress', 'awaiting_applicant', 'awaiting_hearing', 'decided', 'closed')),
  phase_code            text,
  outcome               text CHECK (outcome IN ('granted', 'partly_granted', 'refused', 'withdrawn', 'dismissed')),
  received_at           timestamptz NOT NULL,
  -- Optimistic concurrency: every change bumps it; a change made against an older version is refused.
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_file_applicant_idx ON case_file(applicant_id) WHERE applicant_id IS NOT NULL;

-- Every change to a case appends one row here in the same transaction. The citizen's timeline, the clocks, the
-- figures and the process navigator all read this log.
CREATE TABLE case_event (
  id           bigserial PRIMARY KEY,
  case_id      uuid NOT NULL REFERENCES case_file(id),
  seq          integer NOT NULL,
  activity     text NOT NULL,
  occurred_at  timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  actor_id     uuid REFERENCES app_user(id),
  unit_id      uuid NOT NULL REFERENCES unit(id),
  attributes   jsonb NOT NULL DEFAULT '{}'::jsonb,
  UNIQUE (case_id, seq)
);
CREATE INDEX case_event_activity_idx ON case_event(activity, occurred_at);

-- Events are facts: they are never edited. (Deletion stays possible for data retention of whole cases.)
CREATE FUNCTION case_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_event is append-only';
END;
$$;
CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event
  FOR EACH ROW EXECUTE FUNCTION case_event_is_append_only();

-- Derived from a case's events (recomputable at any time), updated in the same transaction as each event, so the
-- work queue and the service-goal figures read one narrow row per case instead of replaying the log.
CREATE TABLE case_clock (
  case_id                    uuid PRIMARY KEY REFERENCES case_file(id),
  case_type_id               uuid NOT NULL,
  unit_id                    uuid NOT NULL,
  assignee_id                uuid,
  state                      text NOT NULL,
  phase_code                 text,
  received_at                timestamptz NOT NULL,
  received_date              date NOT NULL,
  fully_informed_at          timestamptz,
  fully_informed_on_receipt  boolean,
  clock_start_date           date,
  paused_since               timestamptz,
  paused_days                integer NOT NULL DEFAULT 0,
  -- The service-goal deadline (an open pause not yet added) and the day the 75% warning starts.
  deadline                   date,
  warn_date                  date,
  legal_deadline             date,
  -- What the work queue orders by: the deadline while the clock runs; null when paused, not started or decided.
  risk_date                  date,
  decided_at                 timestamptz,
  decided_date               date,
  outcome                    text,
  -- Calendar days from receipt to decision: what the applicant waited.
  processing_days            integer,
  -- Null for withdrawn cases: they count neither for nor against the goal.
  goal_met                   boolean,
  closed_at                  timestamptz,
  updated_at                 timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_clock_queue_idx ON case_clock(unit_id, risk_date, received_at) WHERE decided_at IS NULL;
CREATE INDEX case_clock_open_type_idx ON case_clock(case_type_id, unit_id) WHERE decided_at IS NULL;
CREATE INDEX case_clock_decided_idx ON case_clock(decided_date, case_type_id)
  INCLUDE (unit_id, processing_days, goal_met) WHERE decided_date IS NOT NULL;
CREATE INDEX case_clock_received_idx ON case_clock(received_date, case_type_id) INCLUDE (unit_id, fully_informed_on_receipt);
