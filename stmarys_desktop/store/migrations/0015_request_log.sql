-- A complete request log (issue 20, docs/decisions.md D310-D329).
--
-- The request table is rebuilt (SQLite cannot change a CHECK in place) so that consent
-- may be "sought", awaiting an answer, beside obtained / refused / not sought; it keeps
-- when it was recorded beside when it was received. Every change to a request after it
-- was recorded is a row of info_request_change: the field, what it said, what it says
-- now, why, who and when. Changes are never edited; they go with the request, and the
-- request with its family, when the family's records are disposed of (clause viii).

-- Safe to run again (a test re-runs the migrations after an earlier one): the changes, if
-- any, are set aside in the encrypted database while the request table is rebuilt, so the
-- rebuild's implicit delete cannot cascade them away.
DROP TRIGGER IF EXISTS info_request_change_refuses_update;
DROP TRIGGER IF EXISTS info_request_change_refuses_delete;
CREATE TABLE IF NOT EXISTS info_request_change (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL,
    field       TEXT NOT NULL,
    was         TEXT NOT NULL,
    now         TEXT NOT NULL,
    reason      TEXT NOT NULL,
    changed_by  TEXT NOT NULL,
    changed_at  TEXT NOT NULL
);
CREATE TABLE info_request_change_kept AS SELECT * FROM info_request_change;
DROP TABLE info_request_change;

CREATE TABLE info_request_rebuilt (
    id               INTEGER PRIMARY KEY,
    received_at      TEXT NOT NULL,
    requester_name   TEXT NOT NULL,
    requester_agency TEXT NOT NULL DEFAULT '',
    asked_for        TEXT NOT NULL,
    family_id        INTEGER REFERENCES family (id) ON DELETE CASCADE,
    about_person_id  INTEGER REFERENCES person (id) ON DELETE SET NULL,
    consent_sought   TEXT NOT NULL CHECK (consent_sought IN ('sought', 'obtained', 'refused',
                                                             'not_sought')),
    decision         TEXT NOT NULL DEFAULT '',
    basis            TEXT NOT NULL DEFAULT '',
    without_consent_reason TEXT NOT NULL DEFAULT '',
    subject_told     TEXT NOT NULL DEFAULT 'not_yet' CHECK (subject_told IN ('yes', 'no',
                                                                             'not_yet')),
    subject_told_on  TEXT,
    not_told_reason  TEXT NOT NULL DEFAULT '',
    recorded_by      TEXT NOT NULL,
    recorded_at      TEXT NOT NULL DEFAULT ''
);
INSERT INTO info_request_rebuilt (id, received_at, requester_name, requester_agency, asked_for,
    family_id, about_person_id, consent_sought, decision, basis, without_consent_reason,
    subject_told, subject_told_on, not_told_reason, recorded_by, recorded_at)
SELECT id, received_at, requester_name, requester_agency, asked_for, family_id,
    about_person_id, consent_sought, decision, basis, without_consent_reason, subject_told,
    subject_told_on, not_told_reason, recorded_by, received_at
FROM info_request;
DROP TABLE info_request;
ALTER TABLE info_request_rebuilt RENAME TO info_request;
CREATE INDEX info_request_family ON info_request (family_id);
CREATE INDEX info_request_about_person ON info_request (about_person_id)
    WHERE about_person_id IS NOT NULL;

CREATE TABLE info_request_change (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES info_request (id) ON DELETE CASCADE,
    field       TEXT NOT NULL,
    was         TEXT NOT NULL,
    now         TEXT NOT NULL,
    reason      TEXT NOT NULL,
    changed_by  TEXT NOT NULL,
    changed_at  TEXT NOT NULL
);
INSERT INTO info_request_change SELECT * FROM info_request_change_kept;
DROP TABLE info_request_change_kept;
CREATE INDEX info_request_change_request ON info_request_change (request_id, id);

CREATE TRIGGER info_request_change_refuses_update BEFORE UPDATE ON info_request_change
BEGIN
    SELECT RAISE(ABORT, 'a change to a request is never edited');
END;

-- Only with its request (a family disposed of); never one change on its own.
CREATE TRIGGER info_request_change_refuses_delete BEFORE DELETE ON info_request_change
WHEN EXISTS (SELECT 1 FROM info_request WHERE id = OLD.request_id)
BEGIN
    SELECT RAISE(ABORT, 'a change to a request is never deleted');
END;

-- Which disclosures answer a request, read by request.
CREATE INDEX IF NOT EXISTS disclosure_log_request ON disclosure_log (info_request_id)
    WHERE info_request_id IS NOT NULL;
