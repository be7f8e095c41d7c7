"""``python -m rejectkit`` runs the command-line interface."""

from rejectkit.cli import main

raise SystemExit(main())
