-- Version 2: the app may only append to the trail, in sequence; lookups of an audit's history.

CREATE TRIGGER trail_no_update BEFORE UPDATE ON trail
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: events cannot be changed');
END;

CREATE TRIGGER trail_no_delete BEFORE DELETE ON trail
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: events cannot be deleted');
END;

CREATE TRIGGER trail_in_sequence BEFORE INSERT ON trail
WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM trail)
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: events must be added in sequence');
END;

CREATE TRIGGER trail_head_no_delete BEFORE DELETE ON trail_head
BEGIN
    SELECT RAISE(ABORT, 'the audit trail head cannot be deleted');
END;

CREATE INDEX trail_audit ON trail (audit_id, seq);
