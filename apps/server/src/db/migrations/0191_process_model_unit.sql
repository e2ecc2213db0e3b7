-- A workflow belongs to a unit: that unit's analysts (or those of a unit above it) and the authority's
-- administrators edit it. Existing workflows go to the authority's root unit (the oldest root, when there are more).
ALTER TABLE process_model ADD COLUMN unit_id uuid REFERENCES unit(id);
UPDATE process_model
   SET unit_id = (SELECT id FROM unit WHERE parent_id IS NULL ORDER BY created_at, id LIMIT 1)
 WHERE unit_id IS NULL;
CREATE INDEX process_model_unit_idx ON process_model(unit_id);
