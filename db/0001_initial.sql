-- Policy Auditor schema, version 1: policies and their versions, checklist snapshots,
-- audits with per-item assessments and evidence, reviewers, and the hash-chained trail.

CREATE TABLE policies (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);

CREATE TABLE policy_versions (
    id              INTEGER PRIMARY KEY,
    policy_id       INTEGER NOT NULL REFERENCES policies(id),
    version         INTEGER NOT NULL,
    file_name       TEXT NOT NULL,
    source_path     TEXT NOT NULL DEFAULT '',
    source_format   TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    text            TEXT NOT NULL,
    title           TEXT NOT NULL DEFAULT '',
    organisation    TEXT NOT NULL DEFAULT '',
    effective_date  TEXT NOT NULL DEFAULT '',
    jurisdictions   TEXT NOT NULL DEFAULT '[]',  -- JSON list of {id, reason}
    clauses         TEXT NOT NULL DEFAULT '[]',  -- JSON list of {ref, heading, start, end, text}
    removed         TEXT NOT NULL DEFAULT '[]',  -- JSON list of {start, end, text, reason}
    defects         TEXT NOT NULL DEFAULT '[]',  -- JSON list of {kind, start, end, text, message}
    imported_at     TEXT NOT NULL,
    imported_by     TEXT NOT NULL DEFAULT '',
    UNIQUE (policy_id, version)
);

-- A checklist exactly as an audit was assessed against it; a changed file gets a new row.
CREATE TABLE checklist_snapshots (
    id            INTEGER PRIMARY KEY,
    checklist_id  TEXT NOT NULL,
    version       TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    body          TEXT NOT NULL,                  -- JSON from checklist_to_dict
    stored_at     TEXT NOT NULL,
    UNIQUE (checklist_id, content_hash)
);

CREATE TABLE reviewers (
    name        TEXT PRIMARY KEY,
    first_seen  TEXT NOT NULL
);

CREATE TABLE audits (
    id                     INTEGER PRIMARY KEY,
    policy_version_id      INTEGER NOT NULL REFERENCES policy_versions(id),
    checklist_snapshot_id  INTEGER NOT NULL REFERENCES checklist_snapshots(id),
    state                  TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'signed-off')),
    created_at             TEXT NOT NULL,
    created_by             TEXT NOT NULL DEFAULT '',
    signed_off_by          TEXT NOT NULL DEFAULT '',
    signed_off_at          TEXT NOT NULL DEFAULT '',
    previous_audit_id      INTEGER REFERENCES audits(id),
    UNIQUE (policy_version_id, checklist_snapshot_id)
);

CREATE TABLE assessments (
    id                INTEGER PRIMARY KEY,
    audit_id          INTEGER NOT NULL REFERENCES audits(id),
    item_id           TEXT NOT NULL,
    position          INTEGER NOT NULL,
    suggested_status  TEXT NOT NULL,
    confidence        REAL NOT NULL,
    reason            TEXT NOT NULL DEFAULT '',
    status            TEXT CHECK (status IS NULL OR status IN
                          ('satisfied', 'partial', 'missing', 'not-applicable')),
    reviewer          TEXT NOT NULL DEFAULT '',
    reviewed_at       TEXT NOT NULL DEFAULT '',
    note              TEXT NOT NULL DEFAULT '',
    needs_rereview    INTEGER NOT NULL DEFAULT 0,
    updated_at        TEXT NOT NULL,
    UNIQUE (audit_id, item_id)
);

CREATE TABLE evidence (
    id             INTEGER PRIMARY KEY,
    assessment_id  INTEGER NOT NULL REFERENCES assessments(id),
    ref            TEXT NOT NULL DEFAULT '',
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    quote          TEXT NOT NULL,
    source         TEXT NOT NULL CHECK (source IN ('auto', 'manual')),
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX evidence_assessment ON evidence (assessment_id);

-- Append-only: hash = sha256(prev_hash + canonical JSON of the other columns); digests holds a
-- short sha256 of each field so that verification can name the field an edit changed.
CREATE TABLE trail (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    audit_id   INTEGER,
    item_id    TEXT NOT NULL DEFAULT '',
    before     TEXT NOT NULL DEFAULT '',
    after      TEXT NOT NULL DEFAULT '',
    prev_hash  TEXT NOT NULL,
    digests    TEXT NOT NULL,
    hash       TEXT NOT NULL
);

-- The last seq and hash, so that removing events from the end of the chain is noticed too.
CREATE TABLE trail_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL,
    hash  TEXT NOT NULL
);
INSERT INTO trail_head (id, seq, hash) VALUES (1, 0, '');
