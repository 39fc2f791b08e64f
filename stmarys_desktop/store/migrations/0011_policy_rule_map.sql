-- Which passage of each policy version states each rule the product enforces (issue 20).
-- One row per version and rule. passage_index NULL: the version has no passage for the
-- rule, and the manager recorded that the centre keeps it in force. Like the version it
-- maps, a published map is never changed.

CREATE TABLE policy_rule_map (
    version_id    INTEGER NOT NULL REFERENCES policy_version (id),
    rule          TEXT NOT NULL CHECK (rule IN ('4a', '4b', 'i', 'ii', 'iii', 'iv', 'v', 'vi',
                                                'vii', 'viii', 'ix', 'review')),
    passage_index INTEGER CHECK (passage_index IS NULL OR passage_index >= 1),
    label         TEXT NOT NULL,
    passage       TEXT NOT NULL DEFAULT '',
    mapped_by     TEXT NOT NULL,
    mapped_at     TEXT NOT NULL,
    PRIMARY KEY (version_id, rule)
);

CREATE TRIGGER policy_rule_map_refuses_update BEFORE UPDATE ON policy_rule_map
BEGIN
    SELECT RAISE(ABORT, 'the rule map of a published policy version is never changed');
END;
CREATE TRIGGER policy_rule_map_refuses_delete BEFORE DELETE ON policy_rule_map
BEGIN
    SELECT RAISE(ABORT, 'the rule map of a published policy version is never changed');
END;
