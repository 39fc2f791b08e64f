-- Written consents, assessment agreements (clause v), requests for information,
-- and the disclosure log of every outbound attempt, allowed or refused.

CREATE TABLE consent (
    id            INTEGER PRIMARY KEY,
    family_id     INTEGER NOT NULL REFERENCES family (id) ON DELETE CASCADE,
    given_by      INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    recipient     TEXT NOT NULL,
    recipient_kind TEXT NOT NULL CHECK (recipient_kind IN ('person', 'agency',
                                                           'childrens_services', 'police')),
    items         TEXT NOT NULL,               -- comma-separated: address,telephone,...
    signed_on     TEXT NOT NULL,
    paper_kept_at TEXT NOT NULL,
    expires_on    TEXT,
    withdrawn_on  TEXT,
    withdrawn_how TEXT NOT NULL DEFAULT '',
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);
CREATE INDEX consent_family ON consent (family_id);

CREATE TABLE agreement (
    id            INTEGER PRIMARY KEY,
    agency        TEXT NOT NULL,
    family_id     INTEGER REFERENCES family (id) ON DELETE CASCADE,  -- NULL: any family
    valid_from    TEXT NOT NULL,
    valid_to      TEXT NOT NULL,
    paper_kept_at TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);

-- Every request for information, recorded as it arrives, whatever goes out.
CREATE TABLE info_request (
    id               INTEGER PRIMARY KEY,
    received_at      TEXT NOT NULL,
    requester_name   TEXT NOT NULL,
    requester_agency TEXT NOT NULL DEFAULT '',
    asked_for        TEXT NOT NULL,
    family_id        INTEGER REFERENCES family (id) ON DELETE CASCADE,
    about_person_id  INTEGER REFERENCES person (id) ON DELETE SET NULL,
    consent_sought   TEXT NOT NULL CHECK (consent_sought IN ('obtained', 'refused',
                                                             'not_sought')),
    decision         TEXT NOT NULL DEFAULT '',
    basis            TEXT NOT NULL DEFAULT '',
    without_consent_reason TEXT NOT NULL DEFAULT '',
    subject_told     TEXT NOT NULL DEFAULT 'not_yet' CHECK (subject_told IN ('yes', 'no',
                                                                             'not_yet')),
    subject_told_on  TEXT,
    not_told_reason  TEXT NOT NULL DEFAULT '',
    recorded_by      TEXT NOT NULL
);
CREATE INDEX info_request_family ON info_request (family_id);

-- Append-only, like the audit log.
CREATE TABLE disclosure_log (
    seq              INTEGER PRIMARY KEY,
    at               TEXT NOT NULL,
    actor            TEXT NOT NULL,
    action           TEXT NOT NULL,
    family_id        INTEGER,
    family_reference TEXT NOT NULL DEFAULT '',
    about_person_id  INTEGER,
    recipient        TEXT NOT NULL,
    recipient_kind   TEXT NOT NULL,
    items            TEXT NOT NULL DEFAULT '',
    allowed          INTEGER NOT NULL CHECK (allowed IN (0, 1)),
    clause           TEXT NOT NULL,
    basis            TEXT NOT NULL DEFAULT '',
    sentence         TEXT NOT NULL,
    info_request_id  INTEGER
);
CREATE INDEX disclosure_log_family ON disclosure_log (family_id, seq);

-- The one change allowed: when a family's records are disposed of (clause viii), its
-- rows keep what happened and on what basis, and lose who it was about and to whom.
CREATE TRIGGER disclosure_log_refuses_update BEFORE UPDATE ON disclosure_log
WHEN NOT (NEW.seq = OLD.seq AND NEW.at = OLD.at AND NEW.actor = OLD.actor
          AND NEW.action = OLD.action AND NEW.allowed = OLD.allowed
          AND NEW.clause = OLD.clause AND NEW.basis = OLD.basis
          AND NEW.family_reference = OLD.family_reference
          AND NEW.family_id IS NULL AND NEW.about_person_id IS NULL
          AND NEW.recipient = '(disposed of)' AND NEW.sentence = '(disposed of)'
          AND NEW.items = '' AND NEW.info_request_id IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'the disclosure log is append-only');
END;

CREATE TRIGGER disclosure_log_refuses_delete BEFORE DELETE ON disclosure_log
BEGIN
    SELECT RAISE(ABORT, 'the disclosure log is append-only');
END;
