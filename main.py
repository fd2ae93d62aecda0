"""Start Policy Auditor from a source checkout: `python main.py` opens the GUI."""

from desktop_app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
