"""Consolidación nacional (the ministry's side): import the territories' bundles, look after the
quarantine and the key changes, read the national view (DESIGN §7; ``mesa bundle import``,
``accept-key``, ``report national``).

The writes return ``Changed`` with no topics: what they change (the consolidated data, the
pinned keys) is shown only by the consolidation page, which reloads itself after each.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mesa_desktop import territories
from mesa_desktop.bundle import encryption, importer, installation, keys, mail, quarantine
from mesa_desktop.bundle.national import NationalView, national_view
from mesa_desktop.errors import Conflict
from mesa_desktop.services import store_role
from mesa_desktop.services.changes import Changed, changed
from mesa_desktop.store import Store

__all__ = ["national_view"]  # the national view, as the page and its reports read it

SUMMARY_NOTES = 4  # refused or held files listed in the summary; the page's tabs list them all


# --- what the page reads ------------------------------------------------------------------------------


def consolidation_role(store: Store) -> store_role.StoreRole:
    """``CONSOLIDATION`` when the importer accepts this store; a focal point's own store (one
    that has a mesa of its own or has exported) is ``TERRITORIAL``, with its mesa if known."""
    with store.reading():
        try:
            importer.refuse_territorial_store(store)
        except Conflict:
            return store_role.StoreRole(store_role.TERRITORIAL, store_role.store_role(store).mesa)
    return store_role.StoreRole(store_role.CONSOLIDATION)


@dataclass(frozen=True)
class QuarantineEntry:
    file: str
    reason: str
    reason_label: str
    message: str
    received_at: datetime | None
    copy: Path


def read_quarantine(folder: Path) -> list[QuarantineEntry]:
    """The refused files of the quarantine folder, newest first, from their ``.motivo.json``."""
    entries = []
    for record in folder.glob("*.motivo.json") if folder.is_dir() else ():
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
            at = data.get("at")
            moment = datetime.fromisoformat(at.replace("Z", "+00:00")) if at else None
            reason = str(data.get("reason", ""))
            entries.append(
                QuarantineEntry(
                    file=str(data.get("file") or record.name),
                    reason=reason,
                    reason_label=str(
                        data.get("reason_label") or quarantine.REASON_LABELS.get(reason, reason)
                    ),
                    message=str(data.get("message", "")),
                    received_at=moment,
                    copy=folder / str(data.get("copy") or record.name),
                )
            )
        except (OSError, ValueError, AttributeError):
            continue  # a hand-edited or half-copied record must not hide the others
    return sorted(
        entries, key=lambda e: (e.received_at is not None, e.received_at or datetime.min), reverse=True
    )


@dataclass(frozen=True)
class PendingKey:
    territory_code: str
    territory_name: str
    pinned_key_id: str
    pinned_at: datetime
    new_key_id: str  # "" for a pinned key still unverified (no bundles held)

    @property
    def unverified(self) -> bool:
        return not self.new_key_id


def pending_keys(store: Store) -> list[PendingKey]:
    """Key changes waiting for a person, then territories whose key nobody confirmed yet."""
    found, unverified = [], []
    for status in importer.key_statuses(store):
        name = territories.get(status.territory_code).full_name
        for key_id in status.pending_key_ids:
            found.append(PendingKey(status.territory_code, name, status.key_id, status.pinned_at, key_id))
        if not status.verified and not status.pending_key_ids:
            unverified.append(PendingKey(status.territory_code, name, status.key_id, status.pinned_at, ""))
    return found + unverified


@dataclass(frozen=True)
class MinistryView:
    role: store_role.StoreRole
    national: NationalView | None = None  # None for a focal point's store
    keys: tuple[PendingKey, ...] = ()
    quarantine_dir: Path | None = None
    quarantined: tuple[QuarantineEntry, ...] = ()

    @property
    def consolidation(self) -> bool:
        return self.role.role == store_role.CONSOLIDATION


def ministry_view(store: Store) -> MinistryView:
    """The store's role and, for a consolidation store, the national view, the keys waiting
    for a person and the quarantine, from one snapshot."""
    with store.reading():
        role = consolidation_role(store)
        if role.role != store_role.CONSOLIDATION:
            return MinistryView(role)
        national = national_view(store)
        waiting = tuple(pending_keys(store))
        folder = quarantine.default_folder(store)
    return MinistryView(role, national, waiting, folder, tuple(read_quarantine(folder)))


# --- what the page does ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    summary: importer.ImportSummary
    quarantine_dir: Path


def import_bundles(
    store: Store,
    paths: list[str],
    identity: str,
    progress: Callable[[int, int, importer.ImportOutcome], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Changed[ImportReport]:
    """``mesa bundle import``: the ministry's identity, the installation's receipt key, the
    quarantine beside the store, receipts beside each bundle.

    Not one transaction: each bundle is imported in its own, so a cancelled or failed batch
    keeps the bundles imported before it (``cancelled`` is checked between bundles)."""
    identities = encryption.load_identities(identity)
    receipt_key = keys.receipt_signing_key(identity, installation.signing_key(store))
    work = importer.Importer(store, identities=identities, signing_key=receipt_key)
    summary = work.import_paths(paths, progress=progress, cancelled=cancelled)
    return changed(ImportReport(summary, work.quarantine_dir))


def write_receipt_emails(store: Store, receipts: list[str]) -> list[mail.DraftFile]:
    """One ``.eml`` draft beside each receipt, to its territory's focal point."""
    return [mail.write_receipt_draft(store, path) for path in receipts]


def accept_key(store: Store, territory_code: str, key_id: str) -> Changed[importer.KeyDecision]:
    """Pin a territory's new key; the files it held are returned to be imported."""
    with store.transaction():
        decision = importer.accept_key(store, territory_code, key_id)
    return changed(decision)


def confirm_key(store: Store, territory_code: str, fingerprint: str) -> Changed[importer.KeyConfirmation]:
    """Mark a territory's key verified against the fingerprint printed on its oficio."""
    with store.transaction():
        confirmation = importer.confirm_key(store, territory_code, fingerprint)
    return changed(confirmation)


# --- what the page says ------------------------------------------------------------------------------


def _plural(n: int, singular: str, many: str) -> str:
    return f"{n} {singular if n == 1 else many}"


def summary_text(summary: importer.ImportSummary) -> str:
    """The import's result in Spanish: counts by outcome, then the files that need a person."""
    count = summary.count
    parts = [_plural(count(importer.IMPORTED), "importado", "importados")]
    for status, one, many in (
        (importer.DUPLICATE, "ya estaba importado (sin cambios)", "ya estaban importados (sin cambios)"),
        (
            importer.SUPERSEDED,
            "anterior al que ya había (sin cambios)",
            "anteriores a los que ya había (sin cambios)",
        ),
        (importer.REJECTED, "en cuarentena", "en cuarentena"),
        (importer.KEY_CHANGE_PENDING, "retenido por cambio de llave", "retenidos por cambio de llave"),
    ):
        if count(status):
            parts.append(_plural(count(status), one, many))
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} y {parts[-1]}"
    text = f"{_plural(len(summary.outcomes), 'paquete revisado', 'paquetes revisados')}: {listed}."
    if summary.cancelled:
        text = "Importación detenida: lo ya importado quedó guardado. " + text
    notes = []
    for outcome in summary.outcomes:
        if outcome.status == importer.REJECTED:
            label = quarantine.REASON_LABELS.get(outcome.reason or "", outcome.reason or "")
            notes.append(f"• {outcome.file}: {label}. {outcome.message}")
        elif outcome.status == importer.KEY_CHANGE_PENDING:
            name = (
                territories.get(outcome.territory_code).full_name
                if outcome.territory_code
                else "su territorio"
            )
            notes.append(f"• {outcome.file}: retenido hasta que acepte la llave nueva de {name}.")
    shown = notes[:SUMMARY_NOTES]
    if len(notes) > len(shown):
        shown.append(
            f"• … y {len(notes) - len(shown)} más: vea «Cuarentena» y «Cambios de llave pendientes»."
        )
    text += "".join(f"\n{note}" for note in shown)
    if count(importer.IMPORTED) + count(importer.SUPERSEDED) + count(importer.DUPLICATE):
        text += (
            "\nLos acuses de recibo (.acuse) quedaron junto a cada paquete: devuélvalos a cada punto "
            "focal con «Enviar acuse por correo»."
        )
    return text
