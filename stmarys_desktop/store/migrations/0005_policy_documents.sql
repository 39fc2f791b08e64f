-- The centre's policies (clause ix and the annual review): each document's versions,
-- the reviews of them, and who acknowledged which version, when and how.

CREATE TABLE policy_document (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL UNIQUE CHECK (kind IN ('confidentiality', 'data_protection')),
    created_at TEXT NOT NULL
);

-- A published version is never changed: a correction is the next version.
CREATE TABLE policy_version (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES policy_document (id),
    number        INTEGER NOT NULL CHECK (number >= 1),
    body          TEXT NOT NULL CHECK (length(trim(body)) > 0),
    effective_on  TEXT NOT NULL,
    review_due_on TEXT NOT NULL,
    published_by  TEXT NOT NULL,
    published_at  TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    UNIQUE (document_id, number)
);

CREATE TRIGGER policy_version_refuses_update BEFORE UPDATE ON policy_version
BEGIN
    SELECT RAISE(ABORT, 'a published policy version is never changed');
END;
CREATE TRIGGER policy_version_refuses_delete BEFORE DELETE ON policy_version
BEGIN
    SELECT RAISE(ABORT, 'earlier policy versions stay readable');
END;

CREATE TABLE policy_review (
    id          INTEGER PRIMARY KEY,
    version_id  INTEGER NOT NULL REFERENCES policy_version (id),
    reviewed_on TEXT NOT NULL,
    reviewed_by TEXT NOT NULL,              -- names as written (a committee, trustees)
    changes     TEXT NOT NULL DEFAULT '',   -- empty: reviewed, no changes needed
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX policy_review_version ON policy_review (version_id, reviewed_on);

-- One row per person and version. A member of staff and a parent are rows of their
-- own tables (and go with them when those are disposed of, clause viii); a referrer
-- is a name and an agency as written on the signed sheet.
CREATE TABLE policy_acknowledgement (
    id              INTEGER PRIMARY KEY,
    version_id      INTEGER NOT NULL REFERENCES policy_version (id),
    grp             TEXT NOT NULL CHECK (grp IN ('staff', 'parent', 'referrer')),
    staff_id        INTEGER REFERENCES staff (id) ON DELETE CASCADE,
    person_id       INTEGER REFERENCES person (id) ON DELETE CASCADE,
    referrer_name   TEXT NOT NULL DEFAULT '',
    agency          TEXT NOT NULL DEFAULT '',
    acknowledged_on TEXT NOT NULL,
    how             TEXT NOT NULL CHECK (how IN ('group_sheet', 'personal_sheet',
                                                 'intake_form')),
    kept_at         TEXT NOT NULL CHECK (length(trim(kept_at)) > 0),
    recorded_by     TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    CHECK ((grp = 'staff') = (staff_id IS NOT NULL)),
    CHECK ((grp = 'parent') = (person_id IS NOT NULL)),
    CHECK ((grp = 'referrer') = (referrer_name != ''))
);
CREATE UNIQUE INDEX policy_ack_staff ON policy_acknowledgement (version_id, staff_id)
    WHERE staff_id IS NOT NULL;
CREATE UNIQUE INDEX policy_ack_person ON policy_acknowledgement (version_id, person_id)
    WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX policy_ack_referrer ON policy_acknowledgement
    (version_id, referrer_name COLLATE NOCASE, agency COLLATE NOCASE)
    WHERE grp = 'referrer';
CREATE INDEX policy_ack_staff_id ON policy_acknowledgement (staff_id) WHERE staff_id IS NOT NULL;
CREATE INDEX policy_ack_person_id ON policy_acknowledgement (person_id)
    WHERE person_id IS NOT NULL;
