-- The centre itself, accounts and their roles, and the audit chain.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE account (
    id           INTEGER PRIMARY KEY,
    user_name    TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    slot_tag     TEXT NOT NULL UNIQUE,
    disabled     INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at   TEXT NOT NULL,
    password_set_at TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE account_role (
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('front_desk', 'coordinator', 'safeguarding_lead', 'manager')),
    PRIMARY KEY (account_id, role)
) WITHOUT ROWID;

-- Append-only: each row's HMAC covers its content and the previous HMAC.
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL DEFAULT '',
    detail    TEXT NOT NULL DEFAULT '',
    outcome   TEXT NOT NULL DEFAULT 'done' CHECK (outcome IN ('done', 'refused', 'failed')),
    prev_hmac TEXT NOT NULL,
    hmac      TEXT NOT NULL
);

CREATE TRIGGER audit_refuses_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_refuses_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
