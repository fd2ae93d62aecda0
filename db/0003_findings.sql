-- Version 3: the remediation plan. A row holds what a person decided about the finding on one
-- item (an item with a partial or missing status, or one a reviewer promoted); items with no row
-- still have a finding with default values. NULL risk or recommendation: the default applies.

CREATE TABLE findings (
    id                INTEGER PRIMARY KEY,
    audit_id          INTEGER NOT NULL REFERENCES audits(id),
    item_id           TEXT NOT NULL,
    risk              TEXT CHECK (risk IS NULL OR risk IN ('high', 'medium', 'low')),
    recommendation    TEXT,
    response          TEXT NOT NULL DEFAULT '',
    owner             TEXT NOT NULL DEFAULT '',
    due               TEXT NOT NULL DEFAULT '',
    state             TEXT NOT NULL DEFAULT 'open' CHECK (state IN
                          ('open', 'in-progress', 'done', 'risk-accepted')),
    closing_evidence  TEXT NOT NULL DEFAULT '',
    carried_from      INTEGER REFERENCES findings(id),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (audit_id, item_id)
);
CREATE INDEX findings_open ON findings (state, due);
