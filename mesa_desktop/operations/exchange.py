"""Envío al Ministerio: the encrypted bundle, the oficio, the ministry's receipts (DESIGN §7)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mesa_desktop.bundle import export, mail, receipts
from mesa_desktop.operations.mesa import KeyInfo, ministry_key
from mesa_desktop.services.changes import Changed, Topic, changed
from mesa_desktop.store import Store


@dataclass(frozen=True)
class ExchangeView:
    territory_name: str
    counts: Mapping[str, int]
    approved_actas: int
    cases: int  # referrals counted in the totals (no row of a case leaves)
    key: KeyInfo
    history: list[receipts.HistoryEntry] = field(default_factory=list)
    ministry: mail.MinistryContact = mail.MinistryContact(None, None, False)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def exchange_view(store: Store) -> ExchangeView:
    """What the next bundle will contain, the key it goes to, and the export history."""
    with store.reading():
        snapshot = export.collect_snapshot(store)
        history = receipts.history(store)
        key = ministry_key(store)
        ministry = mail.ministry_contact(store, key.recipient)
    latest: dict[Any, dict[str, Any]] = {}
    for acta in snapshot.tables.get("acta", ()):
        current = latest.get(acta["session_id"])
        if current is None or acta["version"] > current["version"]:
            latest[acta["session_id"]] = acta
    approved = sum(1 for acta in latest.values() if acta["status"] == "approved")
    cases = sum(row["count"] for row in snapshot.tables.get("case_aggregate", ()))
    return ExchangeView(snapshot.territory_name, snapshot.row_counts, approved, cases, key, history, ministry)


def export_bundle(
    store: Store, folder: str | Path, *, include_actas: bool = False
) -> Changed[export.ExportResult]:
    """``mesa bundle export``: the encrypted bundle in ``folder``, recorded in the history.

    Not wrapped in a transaction here: the bundle is written to disk first and recorded once
    complete (the export's own transaction), so the store is never locked while it is written."""
    return changed(export.export_bundle(store, folder, include_actas=include_actas), Topic.EXPORTS)


def write_bundle_email(
    store: Store, result: export.ExportResult, to_address: str | None = None
) -> mail.DraftFile:
    """The ``.eml`` draft beside the bundle just exported, for the ministry's address (or
    ``to_address``, checked first: a bad one writes nothing; ``""`` leaves To empty)."""
    return mail.write_bundle_draft(
        store,
        result.path,
        sequence=result.sequence,
        created_at=result.created_at,
        sha256=result.sha256,
        recipient=result.recipient,
        to_address=to_address,
    )


def save_ministry_email(store: Store, email: str | None) -> Changed[mail.MinistryContact]:
    """The ministry's address for this store (empty: back to the one shipped with the key)."""
    mail.save_ministry_email(store, email)
    return changed(mail.ministry_contact(store, ministry_key(store).recipient), Topic.EXPORTS)


def record_receipt(store: Store, path: str | Path) -> Changed[receipts.ReceiptInfo]:
    """``mesa bundle receipt``: verified against the installed ministry key; a receipt signed
    with any other key is refused (a new ministry key is installed in settings, not here)."""
    with store.transaction():
        info = receipts.import_receipt(store, path)
    return changed(info, Topic.EXPORTS)


def write_oficio(store: Store, path: str | Path) -> tuple[Path, str]:
    """``mesa oficio -o FILE.pdf``: the letter of guideline 2.6 with the key fingerprint."""
    from mesa_desktop.documents.oficio import write_oficio as write
    from mesa_desktop.services import document_data

    data = document_data.oficio_data(store)
    return write(data, path), data.key_fingerprint
