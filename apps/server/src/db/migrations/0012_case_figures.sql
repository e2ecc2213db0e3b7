-- Monthly roll-ups of the clock rows, so the service-goal figures over a million decided cases read a few thousand
-- rows instead of scanning case_clock. They are derived like case_clock itself and kept exact by statement
-- triggers on case_clock, in the same transaction as every change; the figures add the part-months at the edges of
-- a period straight from case_clock.

-- Decided cases that count for or against the goal (withdrawn cases, goal_met null, count for neither).
CREATE TABLE case_figures_decided (
  unit_id          uuid NOT NULL,
  case_type_id     uuid NOT NULL,
  month            date NOT NULL,
  processing_days  integer NOT NULL,
  goal_met         boolean NOT NULL,
  cases            integer NOT NULL,
  PRIMARY KEY (unit_id, case_type_id, month, processing_days, goal_met)
);

-- Received cases, and how many of them were screened and found fully informed on receipt.
CREATE TABLE case_figures_received (
  unit_id       uuid NOT NULL,
  case_type_id  uuid NOT NULL,
  month         date NOT NULL,
  received      integer NOT NULL,
  screened      integer NOT NULL,
  informed      integer NOT NULL,
  PRIMARY KEY (unit_id, case_type_id, month)
);

-- One function for the three triggers: a statement's old rows count -1 and its new rows +1, summed per key, so an
-- update that leaves a case's figures as they were writes nothing. Keys are written in order, so concurrent
-- transactions lock roll-up rows in the same order. (Transition tables exist per trigger event, hence the source
-- is chosen by TG_OP and the statements are dynamic.)
CREATE FUNCTION case_figures_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT *, -1 AS sign FROM old_rows'
    ELSE 'SELECT *, -1 AS sign FROM old_rows UNION ALL SELECT *, 1 AS sign FROM new_rows'
  END;
BEGIN
  EXECUTE format($q$
    INSERT INTO case_figures_decided AS f (unit_id, case_type_id, month, processing_days, goal_met, cases)
    SELECT unit_id, case_type_id, date_trunc('month', decided_date::timestamp)::date, processing_days, goal_met, sum(sign)
    FROM (%s) d
    WHERE goal_met IS NOT NULL AND decided_date IS NOT NULL AND processing_days IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (unit_id, case_type_id, month, processing_days, goal_met) DO UPDATE SET cases = f.cases + EXCLUDED.cases
  $q$, src);
  EXECUTE format($q$
    INSERT INTO case_figures_received AS f (unit_id, case_type_id, month, received, screened, informed)
    SELECT unit_id, case_type_id, month, sum(sign), sum(sign * screened), sum(sign * informed)
    FROM (
      SELECT unit_id, case_type_id, date_trunc('month', received_date::timestamp)::date AS month, sign,
             (fully_informed_on_receipt IS NOT NULL)::int AS screened, (fully_informed_on_receipt IS TRUE)::int AS informed
      FROM (%s) s
    ) d
    GROUP BY 1, 2, 3 HAVING sum(sign) <> 0 OR sum(sign * screened) <> 0 OR sum(sign * informed) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT (unit_id, case_type_id, month) DO UPDATE SET received = f.received + EXCLUDED.received,
      screened = f.screened + EXCLUDED.screened, informed = f.informed + EXCLUDED.informed
  $q$, src);
  RETURN NULL;
END;
$$;

CREATE TRIGGER case_figures_on_insert AFTER INSERT ON case_clock REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_figures_apply();
CREATE TRIGGER case_figures_on_update AFTER UPDATE ON case_clock REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_figures_apply();
CREATE TRIGGER case_figures_on_delete AFTER DELETE ON case_clock REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_figures_apply();

-- Installations that already have cases start with their roll-ups complete.
INSERT INTO case_figures_decided (unit_id, case_type_id, month, processing_days, goal_met, cases)
SELECT unit_id, case_type_id, date_trunc('month', decided_date::timestamp)::date, processing_days, goal_met, count(*)
FROM case_clock WHERE goal_met IS NOT NULL AND decided_date IS NOT NULL AND processing_days IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
INSERT INTO case_figures_received (unit_id, case_type_id, month, received, screened, informed)
SELECT unit_id, case_type_id, date_trunc('month', received_date::timestamp)::date, count(*), count(fully_informed_on_receipt),
       count(*) FILTER (WHERE fully_informed_on_receipt)
FROM case_clock GROUP BY 1, 2, 3;
