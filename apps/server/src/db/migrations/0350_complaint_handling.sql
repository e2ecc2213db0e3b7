-- Complaint handling: who handles a complaint, its deadline on the authority calendar, its state, the
-- authority's reconsideration of a decision, the forwarding to the appeal body and that body's outcome, and the
-- answer to a complaint about the procedure. The complaint's steps are also events on its case's event log.
ALTER TABLE complaint
  ADD COLUMN unit_id                 uuid REFERENCES unit(id),
  ADD COLUMN decision_event_id       bigint REFERENCES case_event(id),
  ADD COLUMN handler_id              uuid REFERENCES app_user(id),
  ADD COLUMN registered_by           uuid REFERENCES app_user(id),
  ADD COLUMN received_at             timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN state                   text NOT NULL DEFAULT 'received'
    CHECK (state IN ('received', 'forwarded', 'changed_by_authority', 'appeal_decided', 'answered')),
  ADD COLUMN response_deadline       date,
  ADD COLUMN warn_date               date,
  ADD COLUMN reclassified_reason     text CHECK (length(reclassified_reason) <= 2000),
  ADD COLUMN reconsidered_at         timestamptz,
  ADD COLUMN reconsideration         text CHECK (reconsideration IN ('upheld', 'changed', 'partly_changed')),
  ADD COLUMN reconsideration_reasons text CHECK (length(reconsideration_reasons) <= 20000),
  ADD COLUMN forwarded_at            timestamptz,
  ADD COLUMN appeal_body             text,
  ADD COLUMN forwarding_letter       text CHECK (length(forwarding_letter) <= 20000),
  ADD COLUMN appeal_outcome          text CHECK (appeal_outcome IN ('upheld', 'changed', 'reversed', 'remitted', 'dismissed')),
  ADD COLUMN appeal_decided_on       date,
  ADD COLUMN appeal_reasons          text CHECK (length(appeal_reasons) <= 20000),
  ADD COLUMN answered_at             timestamptz,
  ADD COLUMN answer_letter           text CHECK (length(answer_letter) <= 20000),
  ADD COLUMN procedure_outcome       text CHECK (procedure_outcome IN ('justified', 'partly_justified', 'not_justified')),
  ADD COLUMN procedure_cause         text CHECK (procedure_cause IN ('waiting_time', 'conduct', 'information', 'notes_not_recorded', 'guidance', 'other')),
  ADD COLUMN version                 integer NOT NULL DEFAULT 1;

ALTER TABLE complaint ADD CONSTRAINT complaint_channel_check
  CHECK (channel IN ('digital', 'counter', 'phone', 'letter', 'email'));

-- Complaints filed before this migration: the unit and handler of their case, received when filed.
UPDATE complaint c SET unit_id = f.unit_id, handler_id = f.assignee_id, received_at = c.created_at
  FROM case_file f WHERE f.id = c.case_id;
ALTER TABLE complaint ALTER COLUMN unit_id SET NOT NULL;

CREATE INDEX complaint_unit_idx ON complaint(unit_id, received_at);
CREATE INDEX complaint_complainant_idx ON complaint(complainant_id) WHERE complainant_id IS NOT NULL;

-- The response deadline per kind of complaint, set by an administrator; 4 weeks when no row says otherwise.
CREATE TABLE complaint_deadline (
  kind    text PRIMARY KEY CHECK (kind IN ('procedure', 'decision')),
  amount  integer NOT NULL CHECK (amount BETWEEN 1 AND 365),
  unit    text NOT NULL CHECK (unit IN ('calendar_days', 'working_days', 'weeks', 'months'))
);

-- The citizens' advisor's findings: from a complaint, an own-initiative investigation or the annual report.
CREATE TABLE advisor_finding (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source               text NOT NULL CHECK (source IN ('complaint', 'own_initiative', 'annual_report')),
  report_year          integer CHECK (report_year BETWEEN 2000 AND 2100),
  complaint_id         uuid REFERENCES complaint(id),
  title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  recommendation       text NOT NULL CHECK (length(recommendation) BETWEEN 1 AND 10000),
  unit_ids             uuid[] NOT NULL DEFAULT '{}',
  case_type_ids        uuid[] NOT NULL DEFAULT '{}',
  responsible_id       uuid REFERENCES app_user(id),
  status               text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'closed')),
  found_on             date NOT NULL,
  closed_at            timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE advisor_action (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  finding_id  uuid NOT NULL REFERENCES advisor_finding(id),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  due_date    date NOT NULL,
  done_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX advisor_action_finding_idx ON advisor_action(finding_id);
