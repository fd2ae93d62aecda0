-- Version 7: an audit can be archived: kept with its trail, but left out of the library and
-- the `audits` list unless they are asked to show everything.

ALTER TABLE audits ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1));
