-- Issue 19: attendance that says what happened, repeating series, closure dates and
-- the end of a family's contact arrangement.

-- A session nobody completed: who did not come ('visiting_parent', 'children' or
-- 'visiting_parent_and_children'), and when that (or a cancellation) became known.
ALTER TABLE contact_session ADD COLUMN did_not_come TEXT NOT NULL DEFAULT ''
    CHECK (did_not_come IN ('', 'visiting_parent', 'children',
                            'visiting_parent_and_children'));
ALTER TABLE contact_session ADD COLUMN outcome_known_at TEXT;

-- Who made each check-in and check-out (only they may undo it the same day), and why a
-- check-in long after the start was late.
ALTER TABLE attendance ADD COLUMN arrived_by TEXT;
ALTER TABLE attendance ADD COLUMN left_by TEXT;
ALTER TABLE attendance ADD COLUMN late_reason TEXT NOT NULL DEFAULT '';

-- Every check-in, check-out, undo and correction, in the order it was made; nothing
-- here is changed or removed, so the chronology shows what was first recorded too.
CREATE TABLE attendance_change (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES contact_session (id) ON DELETE CASCADE,
    person_id  INTEGER REFERENCES person (id) ON DELETE SET NULL,
    made_at    TEXT NOT NULL,
    made_by    TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('check_in', 'check_out', 'undo_check_in',
                                               'undo_check_out', 'correction')),
    detail     TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attendance_change_session ON attendance_change (session_id);
CREATE INDEX attendance_change_person ON attendance_change (person_id)
    WHERE person_id IS NOT NULL;

-- A repeating series: the sessions it booked carry its id.
CREATE TABLE booking_series (
    id          INTEGER PRIMARY KEY,
    family_id   INTEGER NOT NULL REFERENCES family (id) ON DELETE CASCADE,
    every_weeks INTEGER NOT NULL CHECK (every_weeks BETWEEN 1 AND 8),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);
CREATE INDEX booking_series_family ON booking_series (family_id);
ALTER TABLE contact_session ADD COLUMN series_id INTEGER
    REFERENCES booking_series (id) ON DELETE SET NULL;
CREATE INDEX contact_session_series ON contact_session (series_id, on_date)
    WHERE series_id IS NOT NULL;

-- Days the centre is closed (bank holidays, a closed week): a setting kept by the manager.
CREATE TABLE closure (
    on_date TEXT PRIMARY KEY,
    reason  TEXT NOT NULL
) WITHOUT ROWID;

-- The last day of the family's contact arrangement, when it has one.
ALTER TABLE family ADD COLUMN arrangement_ends_on TEXT;

-- Before this version one adult's check-in marked a session "attended". Where the
-- visiting parent (the one arriving second) or a child named on the family's latest
-- referral never arrived, a past session becomes "did not attend", saying who (the time
-- it was known was not recorded), and one today goes back to "booked". Sessions with no
-- check-ins at all (imported or demonstration history) are left as they were.
CREATE TEMP TABLE wrongly_attended AS
SELECT s.id,
       NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id
                   AND a.person_id = s.second_arriving_id AND a.arrived_at IS NOT NULL)
           AS parent_missing,
       EXISTS (SELECT 1 FROM referral_named_person n JOIN person p ON p.id = n.person_id
               WHERE n.referral_id = (SELECT r.id FROM referral r WHERE r.family_id = s.family_id
                                      ORDER BY r.referred_on DESC, r.id DESC LIMIT 1)
                 AND p.kind = 'child'
                 AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id
                                 AND a.person_id = p.id AND a.arrived_at IS NOT NULL))
           AS child_missing,
       s.on_date < date('now', 'localtime') AS past
FROM contact_session s
WHERE s.status = 'attended' AND EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id);
DELETE FROM wrongly_attended WHERE NOT parent_missing AND NOT child_missing;
UPDATE contact_session SET
    status = CASE WHEN w.past THEN 'no_show' ELSE 'booked' END,
    did_not_come = CASE WHEN NOT w.past THEN ''
                        WHEN w.parent_missing AND w.child_missing
                            THEN 'visiting_parent_and_children'
                        WHEN w.parent_missing THEN 'visiting_parent'
                        ELSE 'children' END,
    version = version + 1
FROM wrongly_attended w WHERE w.id = contact_session.id;
DROP TABLE wrongly_attended;
