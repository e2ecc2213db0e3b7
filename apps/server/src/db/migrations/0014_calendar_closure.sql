-- The authority's own closure days (beyond weekends and public holidays): they are not working days for the
-- service-goal clocks. A change is followed by a recomputation of the clocks it touches.
CREATE TABLE calendar_closure (
  day         date PRIMARY KEY,
  reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
  created_by  uuid REFERENCES app_user(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
