-- The bureau whose allocation it is: the incident's, fixed when the allocation is made (its picks carry their own
-- warehouses' bureaus, which differ for stock lent by mutual aid). Allocations made before are given their incident's.
ALTER TABLE allocation ADD COLUMN jurisdiction text;
UPDATE allocation a SET jurisdiction = substr(i.area_code, 1, 6) FROM incident i WHERE i.id = a.incident_id;
