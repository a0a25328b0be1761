"""The `mesa` verbs of the sync bundle and the ministry's consolidation (DESIGN §7, §8)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mesa_desktop.cli.groups import Group, Verb, Verbs, arg, report_group
from mesa_desktop.cli.output import emit, table
from mesa_desktop.cli.parsing import parse_date, parse_int
from mesa_desktop.errors import InvalidInput, MesaError
from mesa_desktop.formatting import number

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from mesa_desktop.bundle import reader
    from mesa_desktop.bundle.importer import Importer, ImportOutcome, ImportSummary, Progress
    from mesa_desktop.store import Store

STATUS_LABELS = {
    "imported": "importado",
    "superseded": "sin cambios (había uno más reciente)",
    "duplicate": "ya importado",
    "key_change_pending": "retenido (llave nueva)",
    "rejected": "rechazado",
}


def register(verbs: Verbs) -> None:
    verbs.add(*VERBS)


# --- keys ------------------------------------------------------------------------------------


def cmd_keys_new(args: argparse.Namespace, _store: Store | None) -> None:
    from mesa_desktop.bundle import keys

    files = keys.create_ministry_keys(args.out)
    emit(
        args,
        {
            "identity": str(files.identity_path),
            "receipt_secret_key": str(files.receipt_secret_path),
            "recipient_file": str(files.public_path),
            "recipient": files.recipient,
            "receipt_key": files.receipt_key.base64,
        },
        f"Llave secreta: {files.identity_path} (guárdela en un lugar seguro; con ella se abren los paquetes)\n"
        f"Llave de firma de acuses: {files.receipt_secret_path} (guárdela junto a la anterior)\n"
        f"Llave pública: {files.public_path} ({files.recipient}); distribúyala a los puntos focales.",
    )


# --- export and verification -----------------------------------------------------------------


def cmd_export(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.bundle import export, mail
    from mesa_desktop.operations import exchange as exchange_ops

    # A bad address is refused before anything is written, the bundle included.
    to_address = mail.check_ministry_email(args.to_address)
    result = export.export_bundle(store, args.output, to=args.to, include_actas=args.with_actas)
    rows = sum(result.rows.values())
    text = (
        f"Paquete {result.file_name}: exportación n.º {result.sequence}, {rows} registros, "
        f"{result.size_bytes / 1024:.0f} KB, cifrado para el Ministerio.\n"
        f"Guardado en {result.path}. Envíelo por correo al Ministerio."
    )
    for note in result.notes if args.with_actas else ():
        text += f"\n{note}"
    data = {**_plain(result), "path": str(result.path)}
    if args.eml or to_address:
        draft = exchange_ops.write_bundle_email(store, result, to_address)
        data |= {"eml": str(draft.path), "eml_to": draft.to, "test_key": draft.test_key}
        text += f"\nBorrador de correo: {draft.path} " + (
            f"(para {draft.to}). Ábralo con su programa de correo y envíelo."
            if draft.to
            else "(sin destinatario: escriba el correo del Ministerio). Ábralo y envíelo."
        )
        if draft.test_key:
            text += f"\n{mail.TEST_KEY_WARNING} {mail.TEST_KEY_ADVICE}"
    emit(args, data, text)


def cmd_verify(args: argparse.Namespace, _store: Store | None) -> None:
    from mesa_desktop.bundle import encryption, reader

    if args.identity:
        verdict = reader.verify_file(args.file, encryption.load_identities(args.identity))
    else:
        verdict = _verify_without_identity(args)
    data = _plain(verdict)
    if verdict.ok:
        emit(args, data, verdict.message)
        return
    emit(args, data)
    raise MesaError(f"Paquete rechazado: {verdict.message}")


def _verify_without_identity(args: argparse.Namespace) -> reader.Verdict:
    """Without the ministry's key only the envelope can be checked, and the file compared
    with this installation's export history."""
    from mesa_desktop.bundle import export, reader
    from mesa_desktop.bundle.encryption import looks_like_age
    from mesa_desktop.bundle.manifest import sha256_hex

    data = reader.read_file(args.file)
    name = Path(args.file).name
    sha = sha256_hex(data)
    if not looks_like_age(data):
        return reader.Verdict(
            file=name,
            ok=False,
            reason="not_a_bundle",
            sha256=sha,
            message=(
                "El archivo no es un paquete cifrado de Mesa (formato age). Confirme que es el archivo .mesa correcto."
            ),
        )
    store = _local_store(args)
    match = export.find_export(store, sha) if store is not None else None
    if store is not None:
        store.close()
    if match is not None:
        message = (
            f"El archivo es idéntico a la exportación n.º {match.sequence} de esta mesa "
            f"({match.exported_at:%Y-%m-%d %H:%M} UTC): llegó completo y sin cambios. Está "
            "cifrado para el Ministerio; la firma y los datos los comprueba el Ministerio con su llave."
        )
        return reader.Verdict(file=name, ok=True, sha256=sha, sequence=match.sequence, message=message)
    return reader.Verdict(
        file=name,
        ok=True,
        sha256=sha,
        message=(
            "Es un paquete cifrado (age). Para comprobar la firma, la integridad y el esquema se necesita "
            "la llave secreta del Ministerio: repita con --identity PREFIJO.key."
        ),
    )


def _local_store(args: argparse.Namespace) -> Store | None:
    from mesa_desktop.store import Store, default_store_path

    if args.db or os.environ.get("MESA_DB") or default_store_path().exists():
        return Store(args.db)
    return None


# --- consolidation ---------------------------------------------------------------------------


def _importer(args: argparse.Namespace, store: Store) -> Importer:
    from mesa_desktop.bundle import encryption, installation, keys
    from mesa_desktop.bundle.importer import Importer

    identities = encryption.load_identities(args.identity)
    receipt_key = keys.receipt_signing_key(args.identity, installation.signing_key(store))
    return Importer(
        store,
        identities=identities,
        signing_key=receipt_key,
        quarantine_dir=Path(args.quarantine) if args.quarantine else None,
        receipts_dir=Path(args.receipts) if args.receipts else None,
    )


def cmd_import(args: argparse.Namespace, store: Store) -> None:
    importer = _importer(args, store)
    summary = importer.import_paths(args.paths, progress=_line_printer(args))
    _report_summary(args, summary, importer)


def _line_printer(args: argparse.Namespace) -> Progress | None:
    if args.json:
        return None

    def show(_index: int, _total: int, outcome: ImportOutcome) -> None:
        if outcome.status == "rejected":
            from mesa_desktop.bundle.quarantine import REASON_LABELS

            label = REASON_LABELS.get(outcome.reason or "", outcome.reason)
            print(f"{outcome.file}: rechazado ({label}). {outcome.message}", flush=True)
        else:
            print(f"{outcome.file}: {outcome.message}", flush=True)

    return show


def _report_summary(args: argparse.Namespace, summary: ImportSummary, importer: Importer) -> None:
    counts = {status: summary.count(status) for status in STATUS_LABELS}
    total = len(summary.outcomes)
    text = (
        f"{total} {'paquete' if total == 1 else 'paquetes'} en {summary.seconds:.1f} s: "
        f"{counts['imported']} importados, "
        f"{counts['superseded']} sin cambios por ser anteriores, {counts['duplicate']} ya importados, "
        f"{counts['key_change_pending']} retenidos por cambio de llave, {counts['rejected']} rechazados."
    )
    if counts["rejected"] or counts["key_change_pending"]:
        text += f"\nCuarentena: {importer.quarantine_dir} (cada archivo lleva su motivo en un .motivo.txt)."
    emit(
        args,
        {
            "counts": counts,
            "seconds": round(summary.seconds, 3),
            "quarantine": str(importer.quarantine_dir),
            "bundles": [_plain(outcome) for outcome in summary.outcomes],
        },
        text,
    )
    if counts["rejected"]:
        raise MesaError(
            f"{counts['rejected']} paquete(s) rechazado(s); vea el motivo en {importer.quarantine_dir}."
        )


def cmd_accept_key(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.bundle.importer import accept_key

    decision = accept_key(store, args.territory.strip(), args.key)
    data: dict[str, Any] = {
        "territory": decision.territory_code,
        "key_id": decision.key_id,
        "previous_key_id": decision.previous_key_id,
        "held_files": list(decision.held_files),
    }
    text = f"Llave {decision.key_id} aceptada para {decision.territory_code}" + (
        f" (reemplaza a {decision.previous_key_id})." if decision.previous_key_id else "."
    )
    if args.identity:
        summary = _importer(args, store).import_paths(decision.held_files, progress=_line_printer(args))
        data["imported"] = [_plain(outcome) for outcome in summary.outcomes]
    elif decision.held_files:
        text += (
            "\nImporte ahora los paquetes retenidos:\n  mesa bundle import "
            + " ".join(f'"{path}"' for path in decision.held_files)
            + " --identity LLAVE.key"
        )
    emit(args, data, text)


def cmd_confirm_key(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.bundle.importer import confirm_key

    done = confirm_key(store, args.territory, args.fingerprint)
    data: dict[str, Any] = {
        "territory": done.territory_code,
        "key_id": done.key_id,
        "fingerprint": done.fingerprint,
        "held_files": list(done.held_files),
    }
    text = f"Llave {done.key_id} de {done.territory_code} verificada con la huella del oficio."
    if done.held_files and args.identity:
        summary = _importer(args, store).import_paths(done.held_files, progress=_line_printer(args))
        data["imported"] = [_plain(outcome) for outcome in summary.outcomes]
    elif done.held_files:
        text += (
            "\nImporte ahora los paquetes retenidos:\n  mesa bundle import "
            + " ".join(f'"{path}"' for path in done.held_files)
            + " --identity LLAVE.key"
        )
    emit(args, data, text)


def cmd_keys_list(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.bundle.importer import key_statuses

    statuses = key_statuses(store)
    rows = [
        [
            s.territory_code,
            s.key_id,
            f"{s.pinned_at:%Y-%m-%d}",
            "sí" if s.verified else "NO",
            ", ".join(s.pending_key_ids) or "—",
        ]
        for s in statuses
    ]
    emit(
        args,
        [_plain(s) for s in statuses],
        table(rows, ["territorio", "llave fijada", "desde", "verificada", "llaves nuevas pendientes"])
        if rows
        else "Aún no hay llaves fijadas: se fijan al importar el primer paquete de cada territorio.",
    )


# --- the focal point's receipts and history ---------------------------------------------------


def cmd_receipt(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.bundle.receipts import import_receipt

    info = import_receipt(store, args.file)
    prefix = "Acuse registrado" if info.changed else "Este acuse ya estaba registrado"
    emit(
        args,
        _plain(info),
        f"{prefix}: exportación n.º {info.sequence} ({info.bundle_file}), {info.verdict_label}.",
    )


def cmd_history(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.bundle.receipts import history, verdict_label
    from mesa_desktop.clock import local

    entries = history(store)
    rows = [
        [
            str(e.sequence),
            f"{local(e.exported_at):%Y-%m-%d %H:%M}",
            e.file_name,
            f"{e.size_bytes / 1024:.0f} KB",
            verdict_label(e.receipt_verdict).split(":")[0] + f" el {local(e.ministry_imported_at):%Y-%m-%d}"
            if e.receipt_verdict and e.ministry_imported_at
            else "sin acuse",
        ]
        for e in entries
    ]
    emit(
        args,
        [_plain(e) for e in entries],
        table(rows, ["n.º", "exportado", "archivo", "tamaño", "Ministerio"])
        if rows
        else "Aún no se ha exportado ningún paquete. Use «mesa bundle export -o CARPETA».",
    )


# --- reports ---------------------------------------------------------------------------------


def cmd_report_national(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.bundle.national import national_view
    from mesa_desktop.bundle.national_report import write_national_report

    view = national_view(
        store,
        year=parse_int(args.year, "El año") if args.year else None,
        today=parse_date(args.today, "fecha de corte") if args.today else None,
        only_reported=args.only_reported,
    )
    if not args.output.lower().endswith((".pdf", ".xlsx")):
        raise InvalidInput(f"El reporte nacional se genera como .pdf o .xlsx, no «{args.output}».")
    path = write_national_report(view, args.output)
    emit(
        args,
        {
            "path": str(path),
            "year": view.year,
            "territories": len(view.lines),
            "reported": view.reported,
            "stale": sum(line.stale for line in view.lines),
        },
        f"Consolidado nacional {view.year}: {number(view.reported)} de {number(len(view.lines))} territorios "
        "con paquete. "
        f"Guardado en {path}.",
    )


def _plain(value: DataclassInstance) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(value)


# --- the verbs (read by ``register``; the handlers are above) ------------------------------------

VERBS = (
    Group(
        "keys",
        "llaves del Ministerio",
        (
            Verb(
                "new",
                cmd_keys_new,
                "crear las llaves del Ministerio (paquetes y acuses)",
                (
                    arg(
                        "--out",
                        required=True,
                        metavar="PREFIJO",
                        help="escribe PREFIJO.key, PREFIJO-acuses.key y PREFIJO.pub",
                    ),
                ),
                needs_store=False,
            ),
        ),
    ),
    Group(
        "bundle",
        "paquete de sincronización con el Ministerio",
        (
            Verb(
                "export",
                cmd_export,
                "exportar la mesa en un paquete .mesa cifrado",
                (
                    arg("-o", "--output", required=True, help="carpeta de destino o archivo .mesa"),
                    arg(
                        "--to",
                        metavar="PREFIJO.pub",
                        help="cifrar para esta llave en vez de la del Ministerio",
                    ),
                    arg("--with-actas", action="store_true", help="incluir el PDF de las actas aprobadas"),
                    arg(
                        "--eml",
                        action="store_true",
                        help="escribir también el borrador de correo (.eml) para el Ministerio",
                    ),
                    arg(
                        "--to-address",
                        metavar="CORREO",
                        help="destinatario del borrador en vez del correo del Ministerio (implica --eml)",
                    ),
                ),
            ),
            Verb(
                "verify",
                cmd_verify,
                "comprobar firma, integridad y esquema de un paquete",
                (
                    arg("file"),
                    arg("--identity", metavar="PREFIJO.key", help="llave secreta del Ministerio"),
                ),
                needs_store=False,
            ),
            Verb(
                "import",
                cmd_import,
                "(Ministerio) consolidar paquetes recibidos",
                (
                    arg("paths", nargs="+", metavar="ARCHIVO|CARPETA"),
                    arg(
                        "--identity",
                        required=True,
                        metavar="PREFIJO.key",
                        help="llave secreta del Ministerio",
                    ),
                    arg("--quarantine", metavar="CARPETA", help="cuarentena (por defecto, junto al almacén)"),
                    arg(
                        "--receipts",
                        metavar="CARPETA",
                        help="acuses de recibo (por defecto, junto a cada paquete)",
                    ),
                ),
            ),
            Verb(
                "accept-key",
                cmd_accept_key,
                "(Ministerio) aceptar la llave nueva de un territorio",
                (
                    arg("territory", metavar="TERRITORIO"),
                    arg("--key", metavar="ID", help="identificador de la llave, si hay varias pendientes"),
                    arg(
                        "--identity",
                        metavar="PREFIJO.key",
                        help="importar enseguida los paquetes retenidos con esta llave del Ministerio",
                    ),
                    arg("--quarantine", metavar="CARPETA"),
                    arg("--receipts", metavar="CARPETA"),
                ),
            ),
            Verb(
                "confirm-key",
                cmd_confirm_key,
                "(Ministerio) confirmar la huella de la llave de un territorio según su oficio",
                (
                    arg("territory", metavar="TERRITORIO"),
                    arg(
                        "fingerprint",
                        metavar="HUELLA",
                        help="la huella impresa en el oficio (10 grupos de 4)",
                    ),
                    arg(
                        "--identity",
                        metavar="PREFIJO.key",
                        help="importar enseguida los paquetes que estaban retenidos con esa llave",
                    ),
                    arg("--quarantine", metavar="CARPETA"),
                    arg("--receipts", metavar="CARPETA"),
                ),
            ),
            Verb("keys", cmd_keys_list, "(Ministerio) llaves fijadas y cambios pendientes"),
            Verb("receipt", cmd_receipt, "registrar un acuse de recibo del Ministerio", (arg("file"),)),
            Verb("history", cmd_history, "exportaciones y acuses del Ministerio"),
        ),
    ),
    report_group(
        Verb(
            "national",
            cmd_report_national,
            "(Ministerio) consolidado nacional en PDF o XLSX",
            (
                arg("-o", "--output", required=True, help="archivo .pdf o .xlsx"),
                arg("--year"),
                arg("--today", help="fecha de corte AAAA-MM-DD (por defecto, hoy)"),
                arg("--only-reported", action="store_true", help="solo territorios que enviaron paquetes"),
            ),
        )
    ),
)
