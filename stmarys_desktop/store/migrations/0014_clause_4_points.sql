-- One way of naming clauses on every screen (issue 17): a passage is named by the number
-- its text gives it (D222), version 1 too. Version 1's two exceptions are unnumbered
-- points under its paragraph 4, so "clause 4, exception a/b" become "clause 4, point a/b",
-- as a version edited from version 1 already names them. Only the name changes: the
-- passage each rule is mapped to, and its words, stay as they were published.

DROP TRIGGER policy_rule_map_refuses_update;

UPDATE policy_rule_map SET label = 'clause 4, point a' WHERE label = 'clause 4, exception a';
UPDATE policy_rule_map SET label = 'clause 4, point b' WHERE label = 'clause 4, exception b';

CREATE TRIGGER policy_rule_map_refuses_update BEFORE UPDATE ON policy_rule_map
BEGIN
    SELECT RAISE(ABORT, 'the rule map of a published policy version is never changed');
END;
