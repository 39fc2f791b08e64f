-- The authorities the centre deals with (clause 4): the local Children's Services
-- departments and police forces, kept by a manager. A share under an exception goes only
-- to one of them, chosen from this list. An entry taken off the list keeps its row, so
-- the disclosure log's past shares still name a real entry.

CREATE TABLE authority (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('childrens_services', 'police')),
    contact_point TEXT NOT NULL,
    added_by      TEXT NOT NULL,
    added_at      TEXT NOT NULL,
    removed_by    TEXT,
    removed_at    TEXT
);
