"""The script PyInstaller freezes into the `qdesk` programs; everything it does is in qdesk/frozen.py."""

from qdesk.frozen import main

raise SystemExit(main())
