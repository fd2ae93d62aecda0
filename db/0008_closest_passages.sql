-- Version 8: for an item suggested missing or not applicable, the passages nearest to it, kept
-- apart from evidence: canonical JSON of [{"ref", "start", "end", "quote"}], nearest first.
-- They are for the reviewer to check and never count as evidence. Assessments stored before this
-- version hold none ('[]'), which is also what their seals in the trail are checked against.

ALTER TABLE assessments ADD COLUMN closest TEXT NOT NULL DEFAULT '[]';
