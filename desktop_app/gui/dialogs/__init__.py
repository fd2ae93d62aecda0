"""Dialogs; each returns its answer through a classmethod `ask(...)` (tests monkeypatch it)."""
