"""Frozen entry point of the desktop app and of `mesa` (a symlink to the same executable on
Linux, its console twin mesa.exe on Windows): the one-folder build carries its modules once."""

import sys
from pathlib import Path

if Path(sys.argv[0]).stem == "mesa":
    from mesa_desktop.cli.main import main
else:
    from ui.app import main

sys.exit(main())
