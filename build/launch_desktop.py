"""Frozen entry point of the desktop app (and, on Linux, of `mesa`: a symlink to the same
executable, so the one-folder build carries its Python modules once, not twice)."""

import sys
from pathlib import Path

if Path(sys.argv[0]).stem == "mesa":
    from mesa_desktop.cli.main import main
else:
    from ui.app import main

sys.exit(main())
