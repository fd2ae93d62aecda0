-- Version 6: how each status was decided (by a person, or a suggestion accepted in bulk),
-- workspace settings, the reason a sign-off overrode its gates, and the signatures of sign-offs.

ALTER TABLE assessments ADD COLUMN decision TEXT NOT NULL DEFAULT ''
    CHECK (decision IN ('', 'person', 'bulk'));
-- Statuses set before this version keep '' (not recorded): they need a person's decision again
-- before a sign-off without an override, since nothing says whether a person made them.

ALTER TABLE audits ADD COLUMN override_reason TEXT NOT NULL DEFAULT '';

CREATE TABLE settings (
    id     INTEGER PRIMARY KEY,
    key    TEXT NOT NULL UNIQUE,
    value  TEXT NOT NULL
);
-- Four eyes (the approver differs from everyone who decided items) holds unless a row says 'off':
-- on for a new workspace, while one that already holds audits keeps working as before until
-- someone turns it on.
INSERT INTO settings (key, value) SELECT 'four_eyes', 'off' WHERE EXISTS (SELECT 1 FROM audits);

-- One row per sign-off: the Ed25519 signature over `digest`, the sha256 of `payload` (canonical
-- JSON of the audit's content and the trail head). Reopening and signing again adds a row.
CREATE TABLE signatures (
    id           INTEGER PRIMARY KEY,
    audit_id     INTEGER NOT NULL REFERENCES audits(id),
    trail_seq    INTEGER NOT NULL,          -- the sign-off event
    signer       TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    public_key   TEXT NOT NULL,             -- raw Ed25519 public key, hex
    payload      TEXT NOT NULL,
    digest       TEXT NOT NULL,
    signature    TEXT NOT NULL,             -- hex
    signed_at    TEXT NOT NULL
);
CREATE INDEX signatures_audit ON signatures (audit_id, id);

CREATE TRIGGER signatures_no_update BEFORE UPDATE ON signatures
BEGIN
    SELECT RAISE(ABORT, 'signatures are append-only: a signature cannot be changed');
END;

CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures
BEGIN
    SELECT RAISE(ABORT, 'signatures are append-only: a signature cannot be deleted');
END;
