"""Frozen entry point of the `mesa` command."""

import sys

from mesa_desktop.cli.main import main

sys.exit(main())
