-- The shared area loader (AreaReference) writes each area's illustrative centre and radius as well; intake flags
-- reports far outside their area with them. Nullable: the reference file need not give every area a circle.
ALTER TABLE area ADD COLUMN latitude  DOUBLE PRECISION CHECK (latitude BETWEEN -90 AND 90);
ALTER TABLE area ADD COLUMN longitude DOUBLE PRECISION CHECK (longitude BETWEEN -180 AND 180);
ALTER TABLE area ADD COLUMN radius_km DOUBLE PRECISION CHECK (radius_km > 0);
