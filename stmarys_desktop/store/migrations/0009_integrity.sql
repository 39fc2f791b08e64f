-- Issue 16, integrity holes (docs/decisions.md D120-D139).

-- A login whose member of staff was disposed of stays disabled and never reaches
-- families again: account.staff_id is set to NULL by the disposal, so this keeps the fact.
ALTER TABLE account ADD COLUMN staff_disposed_at TEXT;

-- A break in the audit log found at sign-in or by verify (rows cut from the end, or the
-- row the key file's anchor names changed), kept as evidence for ever; the manager
-- records what happened, and only then does the anchor move on.
CREATE TABLE audit_finding (
    id            INTEGER PRIMARY KEY,
    found_at      TEXT NOT NULL,
    anchor_seq    INTEGER NOT NULL,
    anchor_hmac   TEXT NOT NULL,
    tail_seq      INTEGER NOT NULL,
    problem       TEXT NOT NULL,
    explained_at  TEXT,
    explained_by  TEXT,
    what_happened TEXT
);
CREATE INDEX audit_finding_open ON audit_finding (id) WHERE explained_at IS NULL;
