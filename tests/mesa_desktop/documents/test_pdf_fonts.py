"""Every PDF the app writes embeds all its fonts (no stray Helvetica from ReportLab's canvas)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.support import samples
from tests.support.pdf import fonts_of


def _acta(target: Path) -> Path:
    from mesa_desktop.documents.acta import write_acta

    return write_acta(samples.acta(approved=True), target)


def _draft_acta(target: Path) -> Path:
    from mesa_desktop.documents.acta import write_acta

    return write_acta(samples.acta(), target)


def _attendance(target: Path) -> Path:
    from mesa_desktop.documents.attendance_sheet import write_attendance_sheet

    return write_attendance_sheet(samples.attendance_sheet(20), target, blank_rows=2)


def _convocation(target: Path) -> Path:
    from mesa_desktop.documents.convocation import write_convocation

    return write_convocation(samples.convocation(), target.parent).pdf


def _progress(target: Path) -> Path:
    from mesa_desktop.documents.progress_report import write_progress_report

    return write_progress_report(samples.action_plan(), target)


def _periodic(target: Path) -> Path:
    from mesa_desktop.documents.periodic_report import write_periodic_report

    return write_periodic_report(samples.periodic_report(), target)


def _national(target: Path) -> Path:
    from mesa_desktop.bundle.national import national_view
    from mesa_desktop.bundle.national_report import write_national_report
    from mesa_desktop.store import Store

    store = Store(target.parent / "ministerio.sqlite")
    try:
        view = national_view(store, year=2026, today=date(2026, 11, 22))
    finally:
        store.close()
    return write_national_report(view, target)


@pytest.mark.parametrize(
    "make",
    [_acta, _draft_acta, _attendance, _convocation, _progress, _periodic, _national],
    ids=lambda f: f.__name__.strip("_"),
)
@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_every_font_is_embedded(make, tmp_path):
    pdf = make(tmp_path / "documento.pdf")
    fonts = fonts_of(pdf)
    assert fonts, "pdffonts no listó ninguna fuente"
    assert [name for name, emb in fonts if emb != "yes"] == []
    assert not any("Helvetica" in name for name, _ in fonts)
