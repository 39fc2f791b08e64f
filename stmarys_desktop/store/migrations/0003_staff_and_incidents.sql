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
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('welfare_concern', 'violence_concern',
                                                'accident', 'other')),
    family_id     INTEGER REFERENCES family (id) ON DELETE CASCADE,
    occurred_at   TEXT NOT NULL,
    place         TEXT NOT NULL DEFAULT '',
    description   TEXT NOT NULL,
    action_taken  TEXT NOT NULL DEFAULT '',
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'recorded'
                  CHECK (status IN ('recorded', 'awaiting_confirmation', 'confirmed', 'closed')),
    supersedes_id INTEGER REFERENCES incident (id)
);
CREATE INDEX incident_family ON incident (family_id, occurred_at);

-- The accident book: kept for ever, each entry complete in itself (names as
-- written at the time), so it reads the same after a family's records go.
CREATE TABLE accident_book (
    number        INTEGER PRIMARY KEY,
    incident_id   INTEGER REFERENCES incident (id) ON DELETE SET NULL,
    occurred_at   TEXT NOT NULL,
    place         TEXT NOT NULL,
    people        TEXT NOT NULL,
    what_happened TEXT NOT NULL,
    injuries      TEXT NOT NULL DEFAULT '',
    action_taken  TEXT NOT NULL DEFAULT '',
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);
