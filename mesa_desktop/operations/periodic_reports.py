"""The informe periódico screen's actions and read-model (guideline 2.6 e)."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from mesa_desktop import clock
from mesa_desktop.documents import common
from mesa_desktop.documents.data import PeriodicReportData
from mesa_desktop.services import document_data, periodic_reports
from mesa_desktop.services.changes import Changed, Topic, changed
from mesa_desktop.services.periodic_reports import ReportInfo
from mesa_desktop.store import Store

_MONTHS = {"trimestral": 3, "semestral": 6, "anual": 12}


@dataclass(frozen=True)
class PeriodicView:
    reports: tuple[ReportInfo, ...]
    frequency: str
    suggested_start: date
    suggested_end: date


def period_containing(day: date, frequency: str) -> tuple[date, date]:
    """The reporting period (quarter, semester or year) that holds ``day``."""
    months = _MONTHS[frequency]
    first = (day.month - 1) // months * months + 1
    start = date(day.year, first, 1)
    after = date(day.year + 1, 1, 1) if first + months > 12 else date(day.year, first + months, 1)
    return start, after - timedelta(days=1)


def last_closed_period(today: date, frequency: str) -> tuple[date, date]:
    """The most recent period that has already ended: the one a report is due for."""
    start, _ = period_containing(today, frequency)
    return period_containing(start - timedelta(days=1), frequency)


def suggested_period(today: date, frequency: str, began: date | None) -> tuple[date, date]:
    """The last closed period, unless the mesa did not exist yet then: its first period instead
    (a draft can be prepared while it runs; it is issued once the period ends)."""
    start, end = last_closed_period(today, frequency)
    if began is not None and end < began:
        return period_containing(min(began, today), frequency)
    return start, end


def periodic_view(store: Store) -> PeriodicView:
    with store.reading():
        frequency = periodic_reports.frequency(store)
        began = periodic_reports.mesa_began(store)
        start, end = suggested_period(clock.today(), frequency, began)
        return PeriodicView(tuple(periodic_reports.list_reports(store)), frequency, start, end)


def preview(store: Store, start: date, end: date, texts: dict[str, str] | None = None) -> PeriodicReportData:
    """The report's data for a period, with the given texts (a draft's or none)."""
    texts = texts or {}
    with store.reading():
        return document_data.periodic_report_data(
            store,
            start=start,
            end=end,
            progress=texts.get("progress", ""),
            challenges=texts.get("challenges", ""),
            opportunities=texts.get("opportunities", ""),
            articulations=texts.get("articulations", ""),
            psychosocial=texts.get("psychosocial", ""),
        )


def drafts(store: Store, start: date, end: date) -> dict[str, str]:
    """Factual drafts of the editable sections from the period's data."""
    return document_data.periodic_drafts(preview(store, start, end))


def new_draft(store: Store, start: date, end: date) -> Changed[ReportInfo]:
    """A draft for the period, its sections pre-filled with the data's factual drafts."""
    texts = drafts(store, start, end)
    with store.transaction():
        report = periodic_reports.save_draft(store, start=start, end=end, texts=texts)
    return changed(report, Topic.PERIODIC_REPORTS)


def save_draft(
    store: Store, report_id: uuid.UUID, start: date, end: date, texts: dict[str, str]
) -> Changed[ReportInfo]:
    with store.transaction():
        report = periodic_reports.save_draft(store, start=start, end=end, report_id=report_id, texts=texts)
    return changed(report, Topic.PERIODIC_REPORTS)


def delete_draft(store: Store, report_id: uuid.UUID) -> Changed[None]:
    with store.transaction():
        periodic_reports.delete_draft(store, report_id)
    return changed(None, Topic.PERIODIC_REPORTS)


def issue(store: Store, report_id: uuid.UUID, on: date | None = None) -> Changed[ReportInfo]:
    with store.transaction():
        report = periodic_reports.issue(store, report_id, on=on)
    return changed(report, Topic.PERIODIC_REPORTS)


def mark_sent(store: Store, report_id: uuid.UUID, on: date | None = None) -> Changed[ReportInfo]:
    with store.transaction():
        report = periodic_reports.mark_sent(store, report_id, on=on)
    return changed(report, Topic.PERIODIC_REPORTS)


def set_frequency(store: Store, value: str) -> Changed[str]:
    with store.transaction():
        periodic_reports.set_frequency(store, value)
    return changed(value, Topic.PERIODIC_REPORTS, Topic.MESA)


def save_pdf(store: Store, report_id: uuid.UUID, target: str | os.PathLike[str]) -> Path:
    """Write the issued report's kept PDF (or a draft's preview) to ``target``."""
    from mesa_desktop.documents.periodic_report import periodic_report_pdf

    report = periodic_reports.get_report(store, report_id)
    if report.editable:
        pdf = periodic_report_pdf(preview(store, report.period_start, report.period_end, report.texts))
    else:
        pdf = periodic_reports.pdf_of(store, report_id)
    return common.save(target, pdf)
