"""`python -m qdesk` runs the command line."""

from qdesk.cli import main

raise SystemExit(main())
