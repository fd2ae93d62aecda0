"""Colours, icons and the style sheet: the app follows the system light or dark scheme."""
