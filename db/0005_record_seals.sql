-- Version 5: each trail event also seals the rows its change touched (see
-- desktop_app/store/coverage.py), so that the hash chain covers every row an audit's meaning
-- depends on.

ALTER TABLE trail ADD COLUMN seals TEXT NOT NULL DEFAULT '';
