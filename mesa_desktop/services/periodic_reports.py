"""Informes periódicos (guideline 2.6 e): drafts, issuing (frozen, numbered, PDF and hash kept)
and sending to the ministry; and how often the mesa owes one."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mesa_desktop import clock
from mesa_desktop.errors import Conflict, InvalidInput, NotFound
from mesa_desktop.formatting import long_date
from mesa_desktop.models import PeriodicReport
from mesa_desktop.models.periodic_reports import REPORT_FREQUENCIES
from mesa_desktop.services.lookup import the_mesa
from mesa_desktop.store import Store

FREQUENCY_LABELS = {"semestral": "Semestral", "trimestral": "Trimestral", "anual": "Anual"}
STATUS_LABELS = {"draft": "Borrador", "issued": "Emitido", "sent": "Enviado al Ministerio"}
TEXT_FIELDS = ("progress", "challenges", "opportunities", "articulations", "psychosocial")


@dataclass(frozen=True)
class ReportInfo:
    id: uuid.UUID
    period_start: date
    period_end: date
    status: str
    progress: str
    challenges: str
    opportunities: str
    articulations: str
    psychosocial: str
    number: str | None
    issued_on: date | None
    pdf_sha256: str | None
    sent_on: date | None

    @property
    def editable(self) -> bool:
        return self.status == "draft"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def texts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in TEXT_FIELDS}


def _info(r: PeriodicReport) -> ReportInfo:
    return ReportInfo(
        r.id,
        r.period_start,
        r.period_end,
        r.status,
        r.progress,
        r.challenges,
        r.opportunities,
        r.articulations,
        r.psychosocial,
        r.number,
        r.issued_on,
        r.pdf_sha256,
        r.sent_on,
    )


def _get(db: Session, report_id: uuid.UUID) -> PeriodicReport:
    report = db.get(PeriodicReport, report_id)
    if report is None or report.mesa_id != the_mesa(db).id:
        raise NotFound("El informe periódico no existe.")
    return report


def _refuse_if_issued(report: PeriodicReport) -> None:
    if report.status != "draft":
        raise Conflict(
            f"El informe {report.number} ya fue emitido el {long_date(report.issued_on or clock.today())}: "
            "su contenido quedó congelado y no se puede modificar."
        )


def list_reports(store: Store) -> list[ReportInfo]:
    with store.reading() as db:
        mesa = the_mesa(db)
        query = (
            select(PeriodicReport)
            .where(PeriodicReport.mesa_id == mesa.id)
            .order_by(PeriodicReport.period_start.desc(), PeriodicReport.created_at.desc())
        )
        return [_info(r) for r in db.scalars(query)]


def get_report(store: Store, report_id: uuid.UUID) -> ReportInfo:
    with store.reading() as db:
        return _info(_get(db, report_id))


def save_draft(
    store: Store,
    *,
    start: date,
    end: date,
    report_id: uuid.UUID | None = None,
    texts: Mapping[str, str] | None = None,
) -> ReportInfo:
    """Create a draft (no ``report_id``) or update one; an issued report refuses."""
    texts = texts or {}
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise InvalidInput(f"Sección desconocida del informe: {', '.join(sorted(unknown))}.")
    if end < start:
        raise InvalidInput("La fecha final del periodo es anterior a la inicial.")
    with store.transaction() as db:
        if report_id is None:
            report = PeriodicReport(mesa_id=the_mesa(db).id, status="draft")
            for name in TEXT_FIELDS:
                setattr(report, name, "")
            db.add(report)
        else:
            report = _get(db, report_id)
            _refuse_if_issued(report)
        report.period_start, report.period_end = start, end
        for name, value in texts.items():
            setattr(report, name, (value or "").strip())
        db.flush()
        return _info(report)


def delete_draft(store: Store, report_id: uuid.UUID) -> None:
    with store.transaction() as db:
        report = _get(db, report_id)
        _refuse_if_issued(report)
        db.delete(report)


def issue(store: Store, report_id: uuid.UUID, *, on: date | None = None) -> ReportInfo:
    """Number the draft (IP-NNN-YYYY per mesa and year), render its PDF from the period's data
    and keep the PDF with its SHA-256: from now on the report is frozen."""
    from mesa_desktop.documents.periodic_report import periodic_report_pdf
    from mesa_desktop.services.document_data import periodic_report_data

    on = on or clock.today()
    with store.transaction() as db:
        report = _get(db, report_id)
        _refuse_if_issued(report)
        if on < report.period_start:
            raise InvalidInput("Un informe no puede emitirse antes de que empiece su periodo.")
        last = db.scalar(
            select(func.max(PeriodicReport.sequence)).where(
                PeriodicReport.mesa_id == report.mesa_id, PeriodicReport.year == on.year
            )
        )
        sequence = (last or 0) + 1
        number = f"IP-{sequence:03d}-{on.year}"
        data = periodic_report_data(
            store,
            start=report.period_start,
            end=report.period_end,
            number=number,
            report_date=on,
            progress=report.progress,
            challenges=report.challenges,
            opportunities=report.opportunities,
            articulations=report.articulations,
            psychosocial=report.psychosocial,
        )
        pdf = periodic_report_pdf(data)
        report.year, report.sequence, report.number = on.year, sequence, number
        report.issued_on, report.status = on, "issued"
        report.pdf, report.pdf_sha256 = pdf, hashlib.sha256(pdf).hexdigest()
        db.flush()
        return _info(report)


def mark_sent(store: Store, report_id: uuid.UUID, *, on: date | None = None) -> ReportInfo:
    on = on or clock.today()
    with store.transaction() as db:
        report = _get(db, report_id)
        if report.status == "draft":
            raise Conflict("Emita el informe antes de marcarlo como enviado al Ministerio.")
        if report.issued_on and on < report.issued_on:
            raise InvalidInput(
                f"La fecha de envío no puede ser anterior a la emisión ({long_date(report.issued_on)})."
            )
        report.status, report.sent_on = "sent", on
        db.flush()
        return _info(report)


def pdf_of(store: Store, report_id: uuid.UUID) -> bytes:
    """The PDF kept when the report was issued (byte for byte what its hash covers)."""
    with store.reading() as db:
        report = _get(db, report_id)
        if report.pdf is None:
            raise Conflict("El informe es un borrador: aún no tiene PDF emitido.")
        return report.pdf


def frequency(store: Store) -> str:
    with store.reading() as db:
        return the_mesa(db).periodic_report_frequency or "semestral"


def set_frequency(store: Store, value: str) -> str:
    if value not in REPORT_FREQUENCIES:
        raise InvalidInput(f"Periodicidad desconocida «{value}»; use: {', '.join(REPORT_FREQUENCIES)}.")
    with store.transaction() as db:
        the_mesa(db).periodic_report_frequency = value
    return value
