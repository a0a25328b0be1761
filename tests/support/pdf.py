"""Reading back the PDFs the app writes."""

from __future__ import annotations

import subprocess
from pathlib import Path


def fonts_of(pdf: Path) -> list[tuple[str, str]]:
    """``(name, emb)`` for each font row of ``pdffonts``."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    header, rule, *rows = out.splitlines()
    emb_at = header.index("emb")
    return [(row.split()[0], row[emb_at : emb_at + 3].strip()) for row in rows if row.strip()]
