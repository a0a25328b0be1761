"""Write every document from the sample data into a folder, with PNG previews, for review.

    python tools/render_documents.py [--out artifacts/documents] [--dpi 80] [--all-pages]

PDFs, the convocation's .ics and .eml, and the Excel exports are written; each PDF's first
page (or every page with --all-pages) is rendered to PNG with poppler's pdftoppm when it is
installed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mesa_desktop.documents.acta import write_acta  # noqa: E402 - after the checkout is put on sys.path
from mesa_desktop.documents.attendance_sheet import write_attendance_sheet  # noqa: E402 - after the checkout is put on sys.path
from mesa_desktop.documents.convocation import write_convocation  # noqa: E402 - after the checkout is put on sys.path
from mesa_desktop.documents.excel import (  # noqa: E402 - after the checkout is put on sys.path
    write_action_plan_xlsx,
    write_attendance_xlsx,
    write_commitments_xlsx,
)
from mesa_desktop.documents.periodic_report import write_periodic_report  # noqa: E402 - after the checkout is put on sys.path
from mesa_desktop.documents.progress_report import write_progress_report  # noqa: E402 - after the checkout is put on sys.path
from tests.support import samples  # noqa: E402 - after the checkout is put on sys.path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "documents")
    parser.add_argument("--dpi", type=int, default=80)
    parser.add_argument("--all-pages", action="store_true")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    jobs = {
        "acta-borrador.pdf": lambda p: write_acta(samples.acta(), p),
        "acta-aprobada.pdf": lambda p: write_acta(samples.acta(approved=True), p),
        "listado-asistencia.pdf": lambda p: write_attendance_sheet(
            samples.attendance_sheet(), p, blank_rows=5
        ),
        "informe-avance.pdf": lambda p: write_progress_report(samples.action_plan(), p),
        "informe-periodico.pdf": lambda p: write_periodic_report(samples.periodic_report(), p),
        "asistencia.xlsx": lambda p: write_attendance_xlsx([samples.attendance_sheet()], p),
        "compromisos.xlsx": lambda p: write_commitments_xlsx(samples.commitments(), p, mesa=samples.MESA),
        "plan-de-accion.xlsx": lambda p: write_action_plan_xlsx(samples.action_plan(), p),
    }
    for name, job in jobs.items():
        started = time.perf_counter()
        job(out / name)
        print(f"{name:28} {1000 * (time.perf_counter() - started):7.0f} ms")
    files = write_convocation(samples.convocation(), out)
    print(f"{files.pdf.name}, {files.ics.name}, {files.eml.name}")

    if shutil.which("pdftoppm") is None:
        print("pdftoppm no está instalado (poppler-utils): no se generan las vistas previas PNG.")
        return 0
    for pdf in sorted(out.glob("*.pdf")):
        pages = [] if args.all_pages else ["-f", "1", "-l", "1"]
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(args.dpi), *pages, str(pdf), str(out / pdf.stem)],
            check=True,
        )
    print(f"Vistas previas en {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
