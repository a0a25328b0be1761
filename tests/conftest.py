"""Top-level test settings: no display needed, UTF-8 everywhere."""

from __future__ import annotations

import os

# Must be set before any Qt import (PLATFORM.md): without it pytest aborts with a
# misleading message about libxcb-cursor0 on machines without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
