"""The audit store: SQLite through sqlite-utils, with migrations and a hash-chained trail."""
