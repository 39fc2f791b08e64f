-- Issue 16, integrity holes (docs/decisions.md D120-D139).

-- A login whose member of staff was disposed of stays disabled and never reaches
-- families again: account.staff_id is set to NULL by the disposal, so this keeps the fact.
ALTER TABLE account ADD COLUMN staff_disposed_at TEXT;

-- Where the audit log's history was replaced: a cut found at sign-in or by verify (rows
-- cut from the end, or the row the key file's anchor names changed), kept for ever as
-- evidence until and after the manager records what happened (only then does the anchor
-- move on); and a restore, which replaces everything after the backup's head. Backups
-- made before an explained break, holding rows past its fork, belong to the old history.
CREATE TABLE audit_break (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('cut', 'restore')),
    found_at      TEXT NOT NULL,
    anchor_seq    INTEGER NOT NULL,
    anchor_hmac   TEXT NOT NULL,
    fork_seq      INTEGER NOT NULL,
    problem       TEXT NOT NULL,
    explained_at  TEXT,
    explained_by  TEXT,
    what_happened TEXT
);
CREATE INDEX audit_break_open ON audit_break (id) WHERE explained_at IS NULL;
