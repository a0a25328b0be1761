"""The `mesa` verbs that make documents: acta, attendance sheet, convocation, reports, Excel."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from mesa_desktop import clock
from mesa_desktop.cli.groups import Verb, Verbs, arg, report_group
from mesa_desktop.cli.output import emit, human_date
from mesa_desktop.cli.parsing import parse_date, parse_int
from mesa_desktop.errors import InvalidInput

if TYPE_CHECKING:
    from mesa_desktop.store import Store


def register(verbs: Verbs) -> None:
    verbs.add(*VERBS)


def _suffix(path: str, *allowed: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in allowed:
        raise InvalidInput(f"El archivo de salida debe terminar en {' o '.join(allowed)}, no «{path}».")
    return suffix


def cmd_acta(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.documents.acta import write_acta
    from mesa_desktop.services import actas, document_data, sessions

    if args.session == "sign" or args.signed_session or args.p12:
        if args.session != "sign" or not args.signed_session:
            raise InvalidInput("Para firmar el acta use «mesa acta sign SESIÓN -o ARCHIVO.pdf».")
        return cmd_acta_sign(args, store)
    _suffix(args.output, ".pdf")
    session = sessions.get_session(store, args.session)
    if actas.current_acta(store, session.id) is None:
        actas.ensure_draft(store, session.id)
    data = document_data.acta_data(store, session.id)
    path = write_acta(data, args.output)
    state = "borrador" if data.is_draft else "aprobada"
    emit(
        args,
        {"file": str(path), "number": session.number, "status": data.status},
        f"Acta {session.number} ({state}) guardada en {path}.",
    )


def cmd_acta_sign(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services.acta_signing import P12_PASSPHRASE_ENV, sign_acta

    _suffix(args.output, ".pdf")
    passphrase = os.environ.get(P12_PASSPHRASE_ENV) if args.p12 else None
    signed = sign_acta(store, args.signed_session, args.output, p12_path=args.p12, passphrase=passphrase)
    kind = "certificado propio de la instalación" if signed.self_signed else "certificado de quien firma"
    emit(
        args,
        {
            "path": str(signed.path),
            "number": signed.number,
            "signer": signed.signer,
            "fingerprint_sha256": signed.fingerprint_sha256,
            "self_signed": signed.self_signed,
        },
        f"Acta {signed.number} firmada por «{signed.signer}» ({kind}) en {signed.path}.",
    )


def cmd_attendance_sheet(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.documents.attendance_sheet import write_attendance_sheet
    from mesa_desktop.services import document_data, sessions

    _suffix(args.output, ".pdf")
    session = sessions.get_session(store, args.session)
    data = document_data.attendance_sheet_data(store, session.id)
    path = write_attendance_sheet(data, args.output, blank_rows=parse_int(args.blank_rows, "--blank-rows"))
    emit(
        args,
        {"file": str(path), "attendees": len(data.attendees)},
        f"Listado de asistencia de la sesión {session.number} ({len(data.attendees)} personas) en {path}.",
    )


def cmd_convocation(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.documents.convocation import (
        convocation_warning,
        without_email_warning,
        write_convocation,
    )
    from mesa_desktop.services import document_data, sessions

    folder = Path(args.output)
    if not folder.is_dir():
        raise InvalidInput(f"La carpeta «{folder}» no existe.")
    session = sessions.get_session(store, args.session)
    if session.start_time is None:
        raise InvalidInput(f"La sesión {session.number} no tiene hora de inicio; asígnela antes de convocar.")
    data = document_data.convocation_data(store, session.id)
    files = write_convocation(data, folder)
    warning = convocation_warning(data)
    unreachable = without_email_warning(data)
    text = f"Convocatoria de la sesión {session.number}: {files.pdf}, {files.ics}, {files.eml}."
    if files.personal_eml:
        text += (
            f"\nCorreos personales, con el código de cada persona: {len(files.personal_eml)} en "
            f"{files.personal_eml[0].parent}."
        )
    for line in (warning, unreachable):
        if line:
            text += f"\nAtención: {line}"
    emit(
        args,
        {
            "pdf": str(files.pdf),
            "ics": str(files.ics),
            "eml": str(files.eml),
            "warning": warning,
            "personal_eml": [str(path) for path in files.personal_eml],
            "without_email": list(files.without_email),
            "without_email_warning": unreachable,
        },
        text,
    )


def cmd_report_progress(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import document_data

    suffix = _suffix(args.output, ".pdf", ".xlsx")
    cut = parse_date(args.cut, "fecha de corte")
    year = parse_int(args.year, "El año") if args.year else None
    report = document_data.progress_report_data(store, cut, year)
    if suffix == ".pdf":
        from mesa_desktop.documents.progress_report import write_progress_report as write
    else:
        from mesa_desktop.documents.excel import write_action_plan_xlsx as write
    path = write(report, args.output)
    emit(
        args,
        {"file": str(path), "overall_progress": report.overall_progress},
        f"Informe de avance con corte {cut.isoformat()} (avance total {report.overall_progress} %) en {path}.",
    )


def cmd_report_periodic(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.documents.periodic_report import write_periodic_report
    from mesa_desktop.formatting import count
    from mesa_desktop.services import document_data

    _suffix(args.output, ".pdf")
    start, end = parse_date(args.start), parse_date(args.end)
    if end < start:
        raise InvalidInput("La fecha final del periodo es anterior a la inicial.")
    data = document_data.periodic_report_data(
        store,
        start=start,
        end=end,
        progress=args.progress,
        challenges=args.challenges,
        opportunities=args.opportunities,
        articulations=args.articulations,
        psychosocial=args.psychosocial,
    )
    path = write_periodic_report(data, args.output)
    emit(
        args,
        {"file": str(path), "sessions": len(data.sessions)},
        f"Informe periódico del {human_date(start)} al {human_date(end)} "
        f"({count(len(data.sessions), 'sesión', 'sesiones')}) en {path}.",
    )


def cmd_oficio(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.documents.oficio import write_oficio
    from mesa_desktop.services import document_data

    _suffix(args.output, ".pdf")
    data = document_data.oficio_data(store, parse_date(args.date, "fecha del oficio") if args.date else None)
    path = write_oficio(data, args.output)
    emit(
        args,
        {"file": str(path), "fingerprint": data.key_fingerprint, "key_id": data.key_id},
        f"Oficio al Ministerio en {path}. Huella de la llave de esta instalación: {data.key_fingerprint}.",
    )


def cmd_export(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.documents import excel
    from mesa_desktop.services import commitments, conformation, document_data, sessions

    _suffix(args.output, ".xlsx")
    if args.what == "attendance":
        chosen = (
            [sessions.get_session(store, args.session)] if args.session else sessions.list_sessions(store)
        )
        sheets = [document_data.attendance_sheet_data(store, s.id) for s in chosen]
        if not sheets:
            raise InvalidInput("No hay sesiones para exportar.")
        path = excel.write_attendance_xlsx(sheets, args.output)
    elif args.what == "commitments":
        rows = document_data.commitment_rows(commitments.list_commitments(store))
        path = excel.write_commitments_xlsx(
            rows, args.output, mesa=document_data.mesa_data(conformation.get_mesa(store))
        )
    else:
        cut = parse_date(args.cut, "fecha de corte") if args.cut else clock.today()
        path = excel.write_action_plan_xlsx(document_data.progress_report_data(store, cut), args.output)
    emit(args, {"file": str(path)}, f"Libro de Excel guardado en {path}.")


def cmd_badges(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.documents.badges import write_badges
    from mesa_desktop.services import document_data

    _suffix(args.output, ".pdf")
    sheet = document_data.badge_data(store)
    path = write_badges(sheet, args.output)
    emit(
        args,
        {"file": str(path), "badges": len(sheet.badges)},
        f"Credenciales de {len(sheet.badges)} personas, con su código QR, en {path}.",
    )


# --- the verbs (read by ``register``; the handlers are above) ------------------------------------

VERBS = (
    # `acta SESSION -o F` makes the PDF; `acta sign SESSION -o F` makes it signed.
    Verb(
        "acta",
        cmd_acta,
        "acta de una sesión en PDF (o firmada: acta sign)",
        (
            arg("session", metavar="SESIÓN"),
            arg("signed_session", nargs="?", help=argparse.SUPPRESS),
            arg("-o", "--output", required=True),
            arg(
                "--p12",
                help="certificado PKCS#12 de quien firma (contraseña en $MESA_P12_PASSPHRASE); sin él, el certificado propio de la instalación",
            ),
        ),
        parser_options={"usage": "mesa acta [sign] SESIÓN -o ARCHIVO.pdf [--p12 ARCHIVO]"},
    ),
    Verb(
        "badges",
        cmd_badges,
        "credenciales en PDF: una por persona, con su código QR de registro",
        (arg("-o", "--output", required=True),),
    ),
    Verb(
        "attendance-sheet",
        cmd_attendance_sheet,
        "listado de asistencia en PDF",
        (
            arg("session"),
            arg("-o", "--output", required=True),
            arg("--blank-rows", default="0", help="filas vacías para firmar a mano"),
        ),
    ),
    Verb(
        "convocation",
        cmd_convocation,
        "convocatoria: carta PDF, invitación .ics y borrador de correo .eml",
        (
            arg("session"),
            arg("-o", "--output", required=True, help="carpeta donde dejar los tres archivos"),
        ),
    ),
    report_group(
        Verb(
            "progress",
            cmd_report_progress,
            "informe de avance del plan de acción",
            (
                arg("--cut", required=True, help="fecha de corte AAAA-MM-DD"),
                arg("--year", help="año del plan (por defecto, el de la fecha de corte)"),
                arg("-o", "--output", required=True, help="archivo .pdf o .xlsx"),
            ),
        ),
        Verb(
            "periodic",
            cmd_report_periodic,
            "informe periódico de la mesa",
            (
                arg("--from", dest="start", required=True),
                arg("--to", dest="end", required=True),
                arg("--progress", default="", help="texto: principales avances"),
                arg("--challenges", default="", help="texto: desafíos"),
                arg("--opportunities", default="", help="texto: oportunidades"),
                arg("--articulations", default="", help="texto: articulaciones requeridas con otros actores"),
                arg("--psychosocial", default="", help="texto: estrategia de acompañamiento psicosocial"),
                arg("-o", "--output", required=True),
            ),
        ),
    ),
    Verb(
        "oficio",
        cmd_oficio,
        "oficio al Ministerio: punto focal, mesa y huella de la llave (lineamiento 2.6)",
        (
            arg("-o", "--output", required=True, help="archivo .pdf"),
            arg("--date", help="fecha del oficio AAAA-MM-DD (por defecto, hoy)"),
        ),
    ),
    Verb(
        "export",
        cmd_export,
        "exportar a Excel",
        (
            arg("what", choices=["attendance", "commitments", "plan"]),
            arg("--session", help="solo esta sesión (asistencia)"),
            arg("--cut", help="fecha de corte (plan)"),
            arg("-o", "--output", required=True, help="archivo .xlsx"),
        ),
    ),
)
