-- A first report states the situation and the measures already taken (先期处置), which incident and incident_report
-- already hold for follow-ups, and the reporter's number to call back on. The number is kept with the report that
-- gave it: it is the reporter's, not the incident's, and personal data shown only to those who may see the incident.
ALTER TABLE incident_report
    ADD COLUMN contact_phone TEXT CHECK (char_length(contact_phone) <= 32);
