-- Audits record the date "as at" which the law was applied, the engine version that made their
-- suggestions, and the checklist snapshot they were last upgraded from.

ALTER TABLE audits ADD COLUMN as_at TEXT NOT NULL DEFAULT '';
ALTER TABLE audits ADD COLUMN engine_version TEXT NOT NULL DEFAULT '1';
ALTER TABLE audits ADD COLUMN upgraded_from_snapshot_id INTEGER REFERENCES checklist_snapshots(id);

-- Audits made before dates were recorded applied the law as the checklist stood when they were made.
UPDATE audits SET as_at = substr(created_at, 1, 10);
