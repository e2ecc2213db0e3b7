-- A case type may set its own window of experience for the expected decision date (forecastWindowMonths in its
-- definition). Publishing a new version of a type moves its forecast version, so every node builds the curves
-- again, over the new window, with the version check it already makes on each read.
CREATE FUNCTION case_forecast_bump_on_publish() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_forecast_version AS v (case_type_id, version) VALUES (NEW.id, 1)
  ON CONFLICT (case_type_id) DO UPDATE SET version = v.version + 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER case_forecast_on_publish AFTER UPDATE OF current_version ON case_type
  FOR EACH ROW WHEN (NEW.current_version IS DISTINCT FROM OLD.current_version)
  EXECUTE FUNCTION case_forecast_bump_on_publish();
