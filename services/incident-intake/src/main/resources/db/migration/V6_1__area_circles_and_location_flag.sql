-- Each area's illustrative centre and radius (db/reference/areas.csv; R__Reference_areas fills them in), so that a
-- first report whose position lies far outside its area is flagged for the command centre. Nullable: an area the
-- reference file gives no circle is never flagged.
ALTER TABLE area ADD COLUMN latitude  DOUBLE PRECISION CHECK (latitude BETWEEN -90 AND 90);
ALTER TABLE area ADD COLUMN longitude DOUBLE PRECISION CHECK (longitude BETWEEN -180 AND 180);
ALTER TABLE area ADD COLUMN radius_km DOUBLE PRECISION CHECK (radius_km > 0);

-- The flag is taken, never refused: a report is about where it happened, whatever its area says.
ALTER TABLE incident ADD COLUMN location_outside_area BOOLEAN NOT NULL DEFAULT FALSE;

-- Each link keeps both incidents' areas (an incident's area never changes), so that an answer shows a duty officer
-- only the links to incidents they may see without reading the linked incidents back.
ALTER TABLE possible_duplicate ADD COLUMN incident_area  VARCHAR(12) REFERENCES area (code);
ALTER TABLE possible_duplicate ADD COLUMN candidate_area VARCHAR(12) REFERENCES area (code);
UPDATE possible_duplicate d SET incident_area = i.area_code FROM incident i WHERE i.id = d.incident_id;
UPDATE possible_duplicate d SET candidate_area = c.area_code FROM incident c WHERE c.id = d.candidate_id;
ALTER TABLE possible_duplicate ALTER COLUMN incident_area SET NOT NULL;
ALTER TABLE possible_duplicate ALTER COLUMN candidate_area SET NOT NULL;
