-- Admins rename and retire specializations (api/rest/admin-specializations.ts). Ids stay
-- permanent: doctors' profiles (events) name specializations by id, and the name is read from
-- this table wherever it is shown.

-- A retired specialization stays on the profiles that have it, but is no longer offered for new
-- profile edits nor listed in the public catalog. Restoring clears it.
ALTER TABLE specializations ADD COLUMN retired_at timestamptz;

-- Names are unique whatever their case ("Sleep medicine" and "sleep Medicine" are one entry),
-- retired entries included: reusing a name means restoring its entry.
ALTER TABLE specializations DROP CONSTRAINT specializations_name_key;
CREATE UNIQUE INDEX specializations_name_unique ON specializations (lower(name));
