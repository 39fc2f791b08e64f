-- Staff and volunteers, who is on duty at a session, and incidents.
-- Vetting (clause vi) and the detail of incidents and concerns grow in later migrations.

CREATE TABLE staff (
    id                INTEGER PRIMARY KEY,
    full_name         TEXT NOT NULL,
    centre_role       TEXT NOT NULL CHECK (centre_role IN ('coordinator', 'staff', 'volunteer',
                                                           'safeguarding_lead', 'manager')),
    status            TEXT NOT NULL DEFAULT 'applicant'
                      CHECK (status IN ('applicant', 'active', 'suspended', 'left')),
    start_on          TEXT,
    end_on            TEXT,
    address           TEXT NOT NULL DEFAULT '',
    telephone         TEXT NOT NULL DEFAULT '',
    emergency_contact TEXT NOT NULL DEFAULT '',
    last_used_at      TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE session_staff (
    session_id INTEGER NOT NULL REFERENCES contact_session (id) ON DELETE CASCADE,
    staff_id   INTEGER NOT NULL REFERENCES staff (id),
    PRIMARY KEY (session_id, staff_id)
) WITHOUT ROWID;
CREATE INDEX session_staff_by_staff ON session_staff (staff_id);

-- Never edited in place: a correction is a new row naming the row it supersedes.
CREATE TABLE incident (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('welfare_concern', 'violence_concern',
                                                     'accident', 'other')),
    family_id          INTEGER REFERENCES family (id) ON DELETE CASCADE,
    occurred_at        TEXT NOT NULL,
    place              TEXT NOT NULL DEFAULT '',
    people_involved    TEXT NOT NULL DEFAULT '',   -- names as written at the time
    seen_and_heard     TEXT NOT NULL,              -- a child's own words kept as said
    injuries           TEXT NOT NULL DEFAULT '',
    body_map           TEXT NOT NULL DEFAULT '[]', -- JSON marks on the front/back outline
    action_taken       TEXT NOT NULL DEFAULT '',
    who_was_told       TEXT NOT NULL DEFAULT '',
    referred_to        TEXT NOT NULL DEFAULT '' CHECK (referred_to IN ('', 'childrens_services',
                                                                       'police', 'both')),
    referral_reference TEXT NOT NULL DEFAULT '',
    follow_up          TEXT NOT NULL DEFAULT '',
    recorded_by        TEXT NOT NULL,
    recorded_at        TEXT NOT NULL,
    status             TEXT NOT NULL DEFAULT 'recorded'
                       CHECK (status IN ('recorded', 'awaiting_confirmation', 'confirmed',
                                         'not_confirmed')),
    decided_by         TEXT NOT NULL DEFAULT '',
    decided_at         TEXT NOT NULL DEFAULT '',
    decision_note      TEXT NOT NULL DEFAULT '',
    supersedes_id      INTEGER UNIQUE REFERENCES incident (id) ON DELETE CASCADE
);
CREATE INDEX incident_family ON incident (family_id, occurred_at);
CREATE INDEX incident_status ON incident (status) WHERE status = 'awaiting_confirmation';

-- Clause 4: a confirmed concern opens an exception on the family while it lasts.
CREATE TABLE exception (
    id           INTEGER PRIMARY KEY,
    family_id    INTEGER NOT NULL REFERENCES family (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('welfare', 'violence')),
    incident_id  INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    confirmed_by TEXT NOT NULL,
    opened_at    TEXT NOT NULL,
    closed_at    TEXT,
    closed_by    TEXT NOT NULL DEFAULT '',
    close_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX exception_family ON exception (family_id) WHERE closed_at IS NULL;

-- The accident book: kept for ever, each entry complete in itself (names as
-- written at the time), so it reads the same after a family's records go.
CREATE TABLE accident_book (
    number          INTEGER PRIMARY KEY,
    incident_id     INTEGER REFERENCES incident (id) ON DELETE SET NULL,
    occurred_at     TEXT NOT NULL,
    place           TEXT NOT NULL,
    people          TEXT NOT NULL,
    what_happened   TEXT NOT NULL,
    injuries        TEXT NOT NULL DEFAULT '',
    action_taken    TEXT NOT NULL DEFAULT '',
    recorded_by     TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    corrects_number INTEGER REFERENCES accident_book (number)
);

-- The accident book is never edited and never deleted (clause viii: kept indefinitely).
CREATE TRIGGER accident_book_refuses_update BEFORE UPDATE ON accident_book
WHEN NOT (OLD.incident_id IS NOT NULL AND NEW.incident_id IS NULL
          AND NEW.number = OLD.number AND NEW.what_happened = OLD.what_happened)
BEGIN
    SELECT RAISE(ABORT, 'the accident book is never edited');
END;
CREATE TRIGGER accident_book_refuses_delete BEFORE DELETE ON accident_book
BEGIN
    SELECT RAISE(ABORT, 'the accident book is kept for ever');
END;
