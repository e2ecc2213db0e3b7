-- The expected-decision forecast as data. It needs, per case type, the most recent decided cases: how long each
-- took and which phases it passed through. Both are derived from the event log like the rest of the clock row, in
-- the same transaction as each event, so a page reads one index range instead of the event log of 500 cases. (The
-- open cases' ages for a survival estimate are in the same rows: received_date where decided_date is null.)

-- Every phase the case was in, in the order first entered: its first phase and each phase it changed to.
ALTER TABLE case_clock ADD COLUMN phases text[] NOT NULL DEFAULT '{}';

UPDATE case_clock k SET phases = p.phases
FROM (
  SELECT case_id, array_agg(phase ORDER BY first_seq) AS phases
  FROM (
    SELECT case_id, COALESCE(attributes->>'to', attributes->>'phase') AS phase, min(seq) AS first_seq
    FROM case_event
    WHERE activity IN ('received', 'phase_changed') AND COALESCE(attributes->>'to', attributes->>'phase') IS NOT NULL
    GROUP BY 1, 2
  ) entered
  GROUP BY case_id
) p
WHERE p.case_id = k.case_id;

-- The forecast's read: one case type's decided cases, newest first (the case id breaks ties, so the 500 are
-- always the same 500), with what the forecast needs in the index itself.
CREATE INDEX case_clock_forecast_idx ON case_clock (case_type_id, decided_date DESC, case_id DESC)
  INCLUDE (received_date, phases) WHERE decided_date IS NOT NULL;

-- One number per case type that moves in the transaction of every change to its decided cases' dates or phases.
-- An app node that keeps a case type's history in memory compares it with one indexed read per page, so several
-- nodes on one database never show a forecast older than the last decision.
CREATE TABLE case_forecast_version (
  case_type_id  uuid PRIMARY KEY,
  version       bigint NOT NULL
);

CREATE FUNCTION case_forecast_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Transition tables exist per trigger event: each branch reads only the ones its event has.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO case_forecast_version AS v (case_type_id, version)
    SELECT DISTINCT case_type_id, 1 FROM new_rows WHERE decided_date IS NOT NULL ORDER BY 1
    ON CONFLICT (case_type_id) DO UPDATE SET version = v.version + 1;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO case_forecast_version AS v (case_type_id, version)
    SELECT DISTINCT case_type_id, 1 FROM old_rows WHERE decided_date IS NOT NULL ORDER BY 1
    ON CONFLICT (case_type_id) DO UPDATE SET version = v.version + 1;
  ELSE
    INSERT INTO case_forecast_version AS v (case_type_id, version)
    SELECT DISTINCT t.case_type_id, 1
    FROM new_rows n JOIN old_rows o ON o.case_id = n.case_id
    CROSS JOIN LATERAL (VALUES (n.case_type_id), (o.case_type_id)) AS t(case_type_id)
    WHERE (n.decided_date IS NOT NULL OR o.decided_date IS NOT NULL)
      AND (n.case_type_id, n.received_date, n.decided_date, n.phases)
          IS DISTINCT FROM (o.case_type_id, o.received_date, o.decided_date, o.phases)
    ORDER BY 1
    ON CONFLICT (case_type_id) DO UPDATE SET version = v.version + 1;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER case_forecast_on_insert AFTER INSERT ON case_clock REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_forecast_bump();
CREATE TRIGGER case_forecast_on_update AFTER UPDATE ON case_clock REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_forecast_bump();
CREATE TRIGGER case_forecast_on_delete AFTER DELETE ON case_clock REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_forecast_bump();

INSERT INTO case_forecast_version (case_type_id, version)
SELECT DISTINCT case_type_id, 1 FROM case_clock WHERE decided_date IS NOT NULL;
