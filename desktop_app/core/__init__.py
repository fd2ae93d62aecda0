"""Pure-Python domain core: no Qt, no database, no PDF library is imported here."""
