"""Informes periódicos (guideline 2.6 e): drafts, issuing (frozen, numbered, PDF and hash kept)
and sending to the ministry; and how often the mesa owes one."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mesa_desktop import clock
from mesa_desktop.errors import Conflict, InvalidInput, NotFound
from mesa_desktop.formatting import long_date
from mesa_desktop.models import MeetingSession, PeriodicReport
from mesa_desktop.models.periodic_reports import REPORT_FREQUENCIES
from mesa_desktop.services.lookup import the_mesa
from mesa_desktop.store import Store
from mesa_desktop.vocabulary import SessionStatus

FREQUENCY_LABELS = {"semestral": "Semestral", "trimestral": "Trimestral", "anual": "Anual"}
STATUS_LABELS = {"draft": "Borrador", "issued": "Emitido", "sent": "Enviado al Ministerio"}
TEXT_FIELDS = ("progress", "challenges", "opportunities", "articulations", "psychosocial")
SECTION_NAMES = (
    "Avances",
    "Desafíos",
    "Oportunidades",
    "Articulaciones requeridas",
    "Estrategia psicosocial",
)
_HELD = (SessionStatus.HELD.value, SessionStatus.ACTA_APPROVED.value)


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


def _began(db: Session) -> date | None:
    """The day the mesa began, as compliance reads it: its registration in the app, or its first
    held session if that is earlier (a mesa older than the app, its past sessions typed in)."""
    mesa = the_mesa(db)
    began = clock.local(mesa.created_at).date() if mesa.created_at else None
    first = db.scalar(
        select(func.min(MeetingSession.date)).where(
            MeetingSession.mesa_id == mesa.id, MeetingSession.status.in_(_HELD)
        )
    )
    days = [d for d in (began, first) if d is not None]
    return min(days) if days else None


def mesa_began(store: Store) -> date | None:
    with store.reading() as db:
        return _began(db)


def _refuse_unissuable(db: Session, report: PeriodicReport, on: date) -> None:
    """An informe reports a finished period of the mesa, once, with something written in it."""
    today = clock.today()
    if on > today:
        raise InvalidInput(
            f"La fecha de emisión {long_date(on)} aún no ha llegado: emita el informe con la fecha de hoy "
            "o una pasada."
        )
    if on <= report.period_end:
        raise InvalidInput(
            f"El periodo del informe termina el {long_date(report.period_end)}: emítalo a partir del "
            f"{long_date(report.period_end + timedelta(days=1))}, cuando el periodo haya terminado y sus "
            "datos estén completos."
        )
    began = _began(db)
    if began is not None and report.period_end < began:
        raise InvalidInput(
            f"El periodo del informe termina el {long_date(report.period_end)}, antes de que la mesa "
            f"existiera (figura desde el {long_date(began)}). Elija un periodo en que la mesa ya "
            "funcionaba; si sesionó antes, registre primero esas sesiones."
        )
    if not any((getattr(report, name) or "").strip() for name in TEXT_FIELDS):
        raise InvalidInput(
            f"Las cinco secciones del informe están vacías ({', '.join(SECTION_NAMES)}): escriba al "
            "menos una (o pulse «Rellenar vacías») antes de emitirlo."
        )
    other = db.scalars(
        select(PeriodicReport).where(
            PeriodicReport.mesa_id == report.mesa_id,
            PeriodicReport.id != report.id,
            PeriodicReport.status != "draft",
            PeriodicReport.period_start <= report.period_end,
            PeriodicReport.period_end >= report.period_start,
        )
    ).first()
    if other is not None:
        raise Conflict(
            f"Ya se emitió el informe {other.number} para el periodo del {long_date(other.period_start)} "
            f"al {long_date(other.period_end)}, que se cruza con el de este borrador. Cambie el periodo "
            "del borrador o elimínelo: un informe emitido no se reemplaza."
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
        _refuse_unissuable(db, report, on)
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
        if on > clock.today():
            raise InvalidInput(
                f"La fecha de envío {long_date(on)} aún no ha llegado: márquelo como enviado el día en que "
                "lo envíe, con esa fecha o una pasada."
            )
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
