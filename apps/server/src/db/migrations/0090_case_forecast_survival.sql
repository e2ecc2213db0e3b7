-- The survival forecast counts the cases still open, censored at their age: its data are, per case type, the cases
-- decided within the window of experience and the open cases' receipt dates. Both are clock rows; this index makes
-- the open ones one range per case type (the decided ones are a range of case_clock_forecast_idx).
CREATE INDEX case_clock_open_forecast_idx ON case_clock (case_type_id, received_date, case_id)
  WHERE decided_date IS NULL;

-- The version now moves when a case type's open cases change too (a case received, withdrawn or moved to another
-- type), since each open case is part of the estimate. Phases are no longer part of the forecast.
CREATE OR REPLACE FUNCTION case_forecast_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Transition tables exist per trigger event: each branch reads only the ones its event has.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO case_forecast_version AS v (case_type_id, version)
    SELECT DISTINCT case_type_id, 1 FROM new_rows ORDER BY 1
    ON CONFLICT (case_type_id) DO UPDATE SET version = v.version + 1;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO case_forecast_version AS v (case_type_id, version)
    SELECT DISTINCT case_type_id, 1 FROM old_rows ORDER BY 1
    ON CONFLICT (case_type_id) DO UPDATE SET version = v.version + 1;
  ELSE
    INSERT INTO case_forecast_version AS v (case_type_id, version)
    SELECT DISTINCT t.case_type_id, 1
    FROM new_rows n JOIN old_rows o ON o.case_id = n.case_id
    CROSS JOIN LATERAL (VALUES (n.case_type_id), (o.case_type_id)) AS t(case_type_id)
    WHERE (n.case_type_id, n.received_date, n.decided_date) IS DISTINCT FROM (o.case_type_id, o.received_date, o.decided_date)
    ORDER BY 1
    ON CONFLICT (case_type_id) DO UPDATE SET version = v.version + 1;
  END IF;
  RETURN NULL;
END;
$$;

INSERT INTO case_forecast_version AS v (case_type_id, version)
SELECT DISTINCT case_type_id, 1 FROM case_clock ORDER BY 1
ON CONFLICT (case_type_id) DO UPDATE SET version = v.version + 1;

-- The calibration of each case type's forecast (how often its promises held, by calendar snapshots of its own
-- history), kept until the forecast's version or the day moves, so a page view reads it instead of recomputing it.
CREATE TABLE case_forecast_calibration (
  case_type_id      uuid PRIMARY KEY,
  forecast_version  bigint NOT NULL,
  as_of_date        date NOT NULL,
  figures           jsonb NOT NULL,
  computed_at       timestamptz NOT NULL DEFAULT now()
);
