"""The informe periódico's life: draft → issued (frozen, numbered, hash of the kept PDF) → sent."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from datetime import date

import pytest

from mesa_desktop import clock
from mesa_desktop.errors import Conflict, InvalidInput
from mesa_desktop.operations import periodic_reports as ops
from mesa_desktop.services import periodic_reports
from mesa_desktop.services.changes import Topic

START, END = date(2026, 1, 1), date(2026, 6, 30)


@pytest.mark.parametrize(
    ("day", "frequency", "period"),
    [
        (date(2026, 12, 2), "semestral", (date(2026, 1, 1), date(2026, 6, 30))),
        (date(2026, 7, 1), "semestral", (date(2026, 1, 1), date(2026, 6, 30))),
        (date(2026, 6, 30), "semestral", (date(2025, 7, 1), date(2025, 12, 31))),
        (date(2026, 12, 2), "trimestral", (date(2026, 7, 1), date(2026, 9, 30))),
        (date(2026, 2, 1), "trimestral", (date(2025, 10, 1), date(2025, 12, 31))),
        (date(2026, 12, 2), "anual", (date(2025, 1, 1), date(2025, 12, 31))),
    ],
)
def test_the_period_a_report_is_due_for(day, frequency, period):
    assert ops.last_closed_period(day, frequency) == period


def test_a_new_draft_is_prefilled_from_the_periods_data(demo_store):
    result = ops.new_draft(demo_store, START, END)
    assert result.topics == {Topic.PERIODIC_REPORTS}
    draft = result.value
    assert draft.status == "draft" and draft.number is None and draft.editable
    assert "2 sesiones en el periodo" in draft.progress
    assert "Migración Colombia" in draft.articulations
    assert draft.opportunities == "" and draft.psychosocial == ""


@pytest.mark.slow  # over a second: issuing renders the PDF
def test_draft_issued_sent_with_the_hash_of_the_kept_pdf(demo_store, tmp_path):
    draft = ops.new_draft(demo_store, START, END).value
    edited = ops.save_draft(
        demo_store,
        draft.id,
        START,
        END,
        {"opportunities": "Cofinanciación con la OIM.", "psychosocial": "Dos psicólogas contratadas."},
    ).value
    assert edited.opportunities == "Cofinanciación con la OIM." and edited.progress == draft.progress
    with pytest.raises(Conflict, match="Emita el informe"):
        ops.mark_sent(demo_store, draft.id, date(2026, 7, 10))

    issued = ops.issue(demo_store, draft.id, date(2026, 7, 8)).value
    assert issued.status == "issued" and issued.number == "IP-001-2026" and not issued.editable
    target = ops.save_pdf(demo_store, issued.id, tmp_path / "informe.pdf")
    kept = target.read_bytes()
    assert hashlib.sha256(kept).hexdigest() == issued.pdf_sha256
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
        text = re.sub(r"\s+", " ", text)
        assert "IP-001-2026" in text and "Cofinanciación con la OIM." in text

    # Frozen: the texts and the period refuse changes, in Spanish; the PDF stays byte for byte.
    with pytest.raises(Conflict, match="ya fue emitido.*no se puede modificar"):
        ops.save_draft(demo_store, issued.id, START, END, {"progress": "Otro texto."})
    with pytest.raises(Conflict, match="ya fue emitido"):
        ops.issue(demo_store, issued.id)
    with pytest.raises(Conflict, match="ya fue emitido"):
        ops.delete_draft(demo_store, issued.id)
    assert periodic_reports.get_report(demo_store, issued.id).progress == draft.progress

    with pytest.raises(InvalidInput, match="anterior a la emisión"):
        ops.mark_sent(demo_store, issued.id, date(2026, 7, 1))
    sent = ops.mark_sent(demo_store, issued.id, date(2026, 7, 15)).value
    assert sent.status == "sent" and sent.sent_on == date(2026, 7, 15)
    assert periodic_reports.pdf_of(demo_store, sent.id) == kept

    # The next report issued the same year takes the next number (a quarter that has ended).
    second = ops.new_draft(demo_store, date(2026, 7, 1), date(2026, 9, 30)).value
    ops.save_draft(demo_store, second.id, date(2026, 7, 1), date(2026, 9, 30), {"progress": "Avances."})
    with clock.pinned_today(date(2026, 12, 2)):
        assert ops.issue(demo_store, second.id, date(2026, 10, 5)).value.number == "IP-002-2026"


def test_the_frequency_is_a_setting_of_the_mesa(demo_store):
    assert ops.periodic_view(demo_store).frequency == "semestral"
    assert ops.set_frequency(demo_store, "trimestral").topics == {Topic.PERIODIC_REPORTS, Topic.MESA}
    view = ops.periodic_view(demo_store)
    assert view.frequency == "trimestral"
    assert (view.suggested_start.month, view.suggested_end.month) in {(m, m + 2) for m in (1, 4, 7, 10)}
    with pytest.raises(InvalidInput, match="Periodicidad desconocida"):
        ops.set_frequency(demo_store, "mensual")


def test_a_period_that_ends_before_it_starts_is_refused(demo_store):
    with pytest.raises(InvalidInput, match="termina antes de empezar"):
        ops.new_draft(demo_store, END, START)


@pytest.mark.slow  # over a second: issuing renders the PDF
def test_compliance_reads_the_issued_and_sent_reports_and_the_frequency(demo_store):
    from mesa_desktop.services import compliance

    def verdicts(today: date) -> dict[str, str]:
        findings = compliance.check(demo_store, year=2026, today=today)
        return {f.code: f.status for f in findings if f.rule == "periodic_report"}

    assert verdicts(date(2026, 8, 1))["periodic_report_2026-01-01"] == "missing"
    draft = ops.new_draft(demo_store, START, END).value
    ops.issue(demo_store, draft.id, date(2026, 7, 8))
    assert verdicts(date(2026, 7, 20))["periodic_report_2026-01-01"] == "pending"
    ops.mark_sent(demo_store, draft.id, date(2026, 7, 20))
    assert verdicts(date(2026, 8, 1))["periodic_report_2026-01-01"] == "ok"
    ops.set_frequency(demo_store, "trimestral")
    assert list(verdicts(date(2026, 8, 1))) == [f"periodic_report_2026-{m:02d}-01" for m in (1, 4, 7, 10)]


@pytest.mark.slow  # over a second: renders the preview PDF
def test_a_drafts_pdf_is_a_preview_and_is_not_kept(demo_store, tmp_path):
    draft = ops.new_draft(demo_store, START, END).value
    target = ops.save_pdf(demo_store, draft.id, tmp_path / "vista.pdf")
    assert target.read_bytes().startswith(b"%PDF")
    with pytest.raises(Conflict, match="borrador"):
        periodic_reports.pdf_of(demo_store, draft.id)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
        assert "Borrador (sin emitir)" in re.sub(r"\s+", " ", text)
    ops.delete_draft(demo_store, draft.id)
    assert periodic_reports.list_reports(demo_store) == []


def _written(store, start: date, end: date, text: str = "Avances del periodo."):
    draft = ops.new_draft(store, start, end).value
    return ops.save_draft(store, draft.id, start, end, {"progress": text}).value


@pytest.mark.slow  # over a second: issuing renders the PDF
def test_issuing_refuses_what_makes_no_sense(demo_store):
    with clock.pinned_today(date(2026, 12, 2)):
        empty = ops.new_draft(demo_store, START, END).value
        ops.save_draft(demo_store, empty.id, START, END, dict.fromkeys(periodic_reports.TEXT_FIELDS, " "))
        with pytest.raises(InvalidInput, match="cinco secciones del informe están vacías.*Rellenar vacías"):
            ops.issue(demo_store, empty.id, date(2026, 7, 8))
        ops.delete_draft(demo_store, empty.id)

        running = _written(demo_store, date(2026, 7, 1), date(2026, 12, 31))
        with pytest.raises(
            InvalidInput, match="termina el 31 de diciembre de 2026: emítalo a partir del 1 de enero"
        ):
            ops.issue(demo_store, running.id)
        ops.delete_draft(demo_store, running.id)

        before = _written(demo_store, date(2020, 1, 1), date(2020, 6, 30))
        with pytest.raises(InvalidInput, match="antes de que la mesa existiera"):
            ops.issue(demo_store, before.id, date(2026, 7, 8))
        ops.delete_draft(demo_store, before.id)

        first = _written(demo_store, START, END)
        with pytest.raises(InvalidInput, match="fecha de emisión 3 de diciembre de 2026 aún no ha llegado"):
            ops.issue(demo_store, first.id, date(2026, 12, 3))
        issued = ops.issue(demo_store, first.id, date(2026, 7, 8)).value
        assert issued.number == "IP-001-2026"

        # Once per period: the same semester, or one overlapping it, is refused.
        for start, end in ((START, END), (date(2026, 6, 1), date(2026, 9, 30))):
            again = _written(demo_store, start, end)
            with pytest.raises(
                Conflict, match="Ya se emitió el informe IP-001-2026 para el periodo del 1 de enero"
            ):
                ops.issue(demo_store, again.id, date(2026, 10, 5))
            ops.delete_draft(demo_store, again.id)
        assert [r.status for r in periodic_reports.list_reports(demo_store)] == ["issued"]

        with pytest.raises(InvalidInput, match="fecha de envío 1 de junio de 2027 aún no ha llegado"):
            ops.mark_sent(demo_store, issued.id, date(2027, 6, 1))
        assert ops.mark_sent(demo_store, issued.id, date(2026, 12, 2)).value.sent_on == date(2026, 12, 2)


@pytest.mark.parametrize(
    ("today", "began", "period"),
    [
        # Created on 2 Dec 2026: not the semester before it existed, but the one it began in.
        (date(2026, 12, 2), date(2026, 12, 2), (date(2026, 7, 1), date(2026, 12, 31))),
        (date(2026, 12, 2), date(2026, 3, 10), (date(2026, 1, 1), date(2026, 6, 30))),
        (date(2026, 12, 2), None, (date(2026, 1, 1), date(2026, 6, 30))),
        (date(2027, 1, 4), date(2026, 12, 2), (date(2026, 7, 1), date(2026, 12, 31))),
    ],
)
def test_the_suggested_period_is_never_before_the_mesa_existed(today, began, period):
    assert ops.suggested_period(today, "semestral", began) == period


def test_a_new_mesa_is_offered_its_current_period(territorial_store):
    view = ops.periodic_view(territorial_store)
    began = periodic_reports.mesa_began(territorial_store)
    assert began is not None and view.suggested_end >= began
    assert view.suggested_start <= clock.today() <= view.suggested_end
