-- Clause vi: DBS checks, identity and references before anyone takes up post (issue 7).
-- Only what may be kept (DESIGN.md section 2): there are no columns for a copy of a
-- certificate or for conviction details. Free-text notes on a check are cleared six
-- months after the recruitment decision (decisions.md D52).

-- The check each role at the centre needs, set by a manager with the reason.
-- The children's barred list only where the role is regulated activity.
CREATE TABLE role_requirement (
    centre_role        TEXT PRIMARY KEY CHECK (centre_role IN ('coordinator', 'staff', 'volunteer',
                                                               'safeguarding_lead', 'manager')),
    dbs_level          TEXT NOT NULL CHECK (dbs_level IN ('basic', 'standard', 'enhanced')),
    regulated_activity INTEGER NOT NULL DEFAULT 0 CHECK (regulated_activity IN (0, 1)),
    barred_list        INTEGER NOT NULL DEFAULT 0 CHECK (barred_list IN (0, 1)),
    justification      TEXT NOT NULL CHECK (justification != ''),
    set_by             TEXT NOT NULL,
    set_at             TEXT NOT NULL,
    CHECK (barred_list = 0 OR (regulated_activity = 1 AND dbs_level = 'enhanced'))
) WITHOUT ROWID;

-- One row per certificate seen; the newest (by issue date) is the one that counts.
CREATE TABLE dbs_check (
    id                   INTEGER PRIMARY KEY,
    staff_id             INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    dbs_level            TEXT NOT NULL CHECK (dbs_level IN ('basic', 'standard', 'enhanced')),
    barred_list          INTEGER NOT NULL DEFAULT 0 CHECK (barred_list IN (0, 1)),
    certificate_number   TEXT NOT NULL UNIQUE
                         CHECK (length(certificate_number) = 12
                                AND certificate_number NOT GLOB '*[^0-9]*'),
    issued_on            TEXT NOT NULL,
    seen_on              TEXT NOT NULL CHECK (seen_on >= issued_on),
    seen_by              TEXT NOT NULL,
    outcome              TEXT NOT NULL CHECK (outcome IN ('clear', 'information_disclosed')),
    -- The recruitment decision: made when a clear check is recorded, or by a manager
    -- after information was disclosed.
    decision             TEXT NOT NULL DEFAULT ''
                         CHECK (decision IN ('', 'proceed', 'do_not_proceed')),
    decided_by           TEXT NOT NULL DEFAULT '',
    decided_on           TEXT,
    update_service       INTEGER NOT NULL DEFAULT 0 CHECK (update_service IN (0, 1)),
    last_status_check_on TEXT,
    status_check_result  TEXT NOT NULL DEFAULT ''
                         CHECK (status_check_result IN ('', 'no_change', 'new_information')),
    notes                TEXT NOT NULL DEFAULT '',
    notes_cleared_on     TEXT,
    recorded_by          TEXT NOT NULL,
    recorded_at          TEXT NOT NULL,
    CHECK (outcome = 'information_disclosed' OR decision != 'do_not_proceed'),
    CHECK (decision = '' OR decided_on IS NOT NULL)
);
CREATE INDEX dbs_check_by_staff ON dbs_check (staff_id, issued_on);
CREATE INDEX dbs_check_notes_due ON dbs_check (decided_on) WHERE notes != '';

-- Identity seen: which documents (their names, never their numbers), by whom, when.
CREATE TABLE identity_check (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    documents   TEXT NOT NULL CHECK (documents != ''),
    seen_by     TEXT NOT NULL,
    seen_on     TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX identity_check_by_staff ON identity_check (staff_id);

-- References: from whom, received when, satisfactory or not; never their text.
CREATE TABLE staff_reference (
    id           INTEGER PRIMARY KEY,
    staff_id     INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    referee      TEXT NOT NULL CHECK (referee != ''),
    received_on  TEXT NOT NULL,
    satisfactory INTEGER NOT NULL CHECK (satisfactory IN (0, 1)),
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX staff_reference_by_staff ON staff_reference (staff_id);

CREATE TABLE safeguarding_training (
    id             INTEGER PRIMARY KEY,
    staff_id       INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    completed_on   TEXT NOT NULL,
    renewal_due_on TEXT NOT NULL CHECK (renewal_due_on > completed_on),
    course         TEXT NOT NULL DEFAULT '',
    recorded_by    TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
);
CREATE INDEX safeguarding_training_by_staff ON safeguarding_training (staff_id);

-- A lapsed re-check took the person off future sessions: kept for the alert until
-- the person is cleared again.
CREATE TABLE staff_lapse (
    id               INTEGER PRIMARY KEY,
    staff_id         INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    noticed_on       TEXT NOT NULL,
    sessions_removed INTEGER NOT NULL DEFAULT 0,
    resolved_on      TEXT
);
CREATE INDEX staff_lapse_open ON staff_lapse (staff_id) WHERE resolved_on IS NULL;

-- A login may belong to a member of staff; it is given only once they are cleared.
ALTER TABLE account ADD COLUMN staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL;
CREATE UNIQUE INDEX account_by_staff ON account (staff_id) WHERE staff_id IS NOT NULL;
