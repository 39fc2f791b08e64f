-- Clause viii: legal holds, and the register of what was disposed of (no personal content).

CREATE TABLE legal_hold (
    id         INTEGER PRIMARY KEY,
    family_id  INTEGER REFERENCES family (id) ON DELETE CASCADE,
    staff_id   INTEGER REFERENCES staff (id) ON DELETE CASCADE,
    reason     TEXT NOT NULL CHECK (reason != ''),
    placed_by  TEXT NOT NULL,
    placed_at  TEXT NOT NULL,
    lifted_by  TEXT NOT NULL DEFAULT '',
    lifted_at  TEXT,
    CHECK ((family_id IS NULL) != (staff_id IS NULL))
);

CREATE TABLE disposal_register (
    id            INTEGER PRIMARY KEY,
    reference     TEXT NOT NULL,      -- the family reference, or "staff record N"
    category      TEXT NOT NULL CHECK (category IN ('family', 'staff')),
    counts        TEXT NOT NULL,      -- what it contained: counts only, as JSON
    last_used_on  TEXT NOT NULL,
    disposed_at   TEXT NOT NULL,
    authorised_by TEXT NOT NULL,
    batch         INTEGER NOT NULL
);

CREATE TRIGGER disposal_register_refuses_update BEFORE UPDATE ON disposal_register
BEGIN
    SELECT RAISE(ABORT, 'the disposal register is append-only');
END;

CREATE TRIGGER disposal_register_refuses_delete BEFORE DELETE ON disposal_register
BEGIN
    SELECT RAISE(ABORT, 'the disposal register is append-only');
END;
