-- Every foreign key whose parent rows are deleted gets an index on its own column.
-- Deleting a row makes SQLite find the rows that point at it (to cascade, set
-- NULL or refuse); without an index on the pointing column that is a scan of the
-- whole table for every row deleted. Disposing of one family deletes its people,
-- so each person scanned contact_session (four columns) and attendance: about
-- 40 ms a family among 50,000 (docs/decisions.md, D201). Columns that are mostly
-- empty are indexed where they are set; a lookup by value can use those.
CREATE INDEX IF NOT EXISTS contact_session_first_arriving ON contact_session (first_arriving_id)
    WHERE first_arriving_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS contact_session_second_arriving ON contact_session (second_arriving_id)
    WHERE second_arriving_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS contact_session_first_leaving ON contact_session (first_leaving_id)
    WHERE first_leaving_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS contact_session_second_leaving ON contact_session (second_leaving_id)
    WHERE second_leaving_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS attendance_person ON attendance (person_id);
CREATE INDEX IF NOT EXISTS referral_named_person_person ON referral_named_person (person_id);
CREATE INDEX IF NOT EXISTS consent_given_by ON consent (given_by);
CREATE INDEX IF NOT EXISTS info_request_about_person ON info_request (about_person_id)
    WHERE about_person_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS agreement_family ON agreement (family_id) WHERE family_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS exception_by_family ON exception (family_id);
CREATE INDEX IF NOT EXISTS exception_incident ON exception (incident_id);
CREATE INDEX IF NOT EXISTS accident_book_incident ON accident_book (incident_id)
    WHERE incident_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS legal_hold_family ON legal_hold (family_id) WHERE family_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS legal_hold_staff ON legal_hold (staff_id) WHERE staff_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS staff_lapse_by_staff ON staff_lapse (staff_id);

-- The support log: what went wrong and where in the program, for whoever supports
-- the centre. Kind of error, file:line and the call stack as file:line function
-- names; never a value, a message or anything typed (docs/decisions.md, D205).
CREATE TABLE IF NOT EXISTS support_log (
    id           INTEGER PRIMARY KEY,
    reference    TEXT NOT NULL UNIQUE,
    occurred_at  TEXT NOT NULL,
    error_type   TEXT NOT NULL,
    location     TEXT NOT NULL,
    stack        TEXT NOT NULL,
    app_version  TEXT NOT NULL
);
