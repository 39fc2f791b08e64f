-- The search index keys each family by its id negated, so that FTS5's forward
-- walk gives the newest families first. Walking the index backwards (ORDER BY
-- rowid DESC) allocates memory for every leaf page it reads, and with
-- cipher_memory_security every allocation is locked and wiped: two system
-- calls each. A one-letter search among 50,000 families went from 0.7 ms to
-- 0.1 ms (docs/decisions.md, D78).
CREATE VIRTUAL TABLE family_search_newest_first USING fts5 (
    names, referrer, tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3 4 5 6 7 8 9 10 11 12'
);
INSERT INTO family_search_newest_first (rowid, names, referrer)
    SELECT -rowid, names, referrer FROM family_search ORDER BY rowid DESC;
DROP TABLE family_search;
ALTER TABLE family_search_newest_first RENAME TO family_search;
INSERT INTO family_search (family_search) VALUES ('optimize');
