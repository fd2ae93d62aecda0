"""`python -m desktop_app` opens the GUI (or runs the CLI when given a sub-command)."""

from desktop_app.cli import main

raise SystemExit(main())
