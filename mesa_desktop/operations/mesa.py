"""The mesa itself: set it up (first run), its settings, the ministry's key, the store's role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mesa_desktop import clock
from mesa_desktop.email_address import is_valid_email
from mesa_desktop.errors import InvalidInput, MesaError, NotFound
from mesa_desktop.rules.calendar import add_business_days
from mesa_desktop.rules.compliance import DELEGATION_NOTICE_BUSINESS_DAYS, FOCAL_POINT_REPORT_BUSINESS_DAYS
from mesa_desktop.services import conformation, demo, store_role
from mesa_desktop.services.changes import Changed, Topic, changed
from mesa_desktop.services.conformation import MesaInfo
from mesa_desktop.store import Store

# --- first run -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MesaChoices:
    """What the first-run wizard collected: the new mesa's territory, preset and acto."""

    territory_code: str
    kind: str | None
    preset: str
    quorum_rule: str
    focal_point_name: str | None
    focal_point_email: str | None
    acto_number: str | None
    acto_date: date | None
    acto_authority: str | None


def set_up(store: Store, choices: MesaChoices) -> Changed[MesaInfo]:
    """The mesa with its preset members, then the rest of the wizard's answers: one transaction."""
    with store.transaction():
        conformation.init_mesa(
            store,
            territory_code=choices.territory_code,
            kind=choices.kind,
            preset=choices.preset,
            quorum_rule=choices.quorum_rule,
        )
        mesa = conformation.update_mesa(
            store,
            focal_point_name=choices.focal_point_name,
            focal_point_email=choices.focal_point_email,
            acto_number=choices.acto_number,
            acto_date=choices.acto_date,
            acto_authority=choices.acto_authority,
        )
    return changed(mesa, Topic.MESA, Topic.MEMBERS)


def load_demo(store: Store) -> Changed[MesaInfo]:
    """The demonstration mesa in an empty store.

    Not wrapped in a transaction here: ``build_demo`` is all or nothing on its own (a SQLite
    store gets it built aside and copied in at once)."""
    demo.build_demo(store)
    return changed(conformation.get_mesa(store), Topic.MESA, Topic.MEMBERS, Topic.SESSIONS)


def make_consolidation_store(store: Store) -> Changed[store_role.StoreRole]:
    """An empty store becomes the ministry's national consolidation store."""
    with store.transaction():
        role = store_role.make_consolidation_store(store)
    return changed(role, Topic.STORE)


# --- the shell -------------------------------------------------------------------------------------


def role(store: Store) -> store_role.StoreRole:
    """What the store is for, with its mesa when it is a focal point's."""
    return store_role.store_role(store)


def mesa_or_none(store: Store) -> MesaInfo | None:
    """The store's mesa, or None when it has none yet (first run) or holds many (the ministry's)."""
    try:
        return conformation.get_mesa(store)
    except (NotFound, InvalidInput):
        return None


# --- settings --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyInfo:
    """The ministry's public key the next bundle is encrypted to."""

    path: Path
    shipped: bool  # the key that came with the application
    recipient: str | None  # "age1…" or None when unreadable
    problem: str | None
    receipt_key_id: str | None = None  # None: an old-format file, receipts cannot be verified


@dataclass(frozen=True)
class SettingsView:
    mesa: MesaInfo
    key: KeyInfo


def ministry_key(store: Store) -> KeyInfo:
    """The key the next bundle is encrypted to, and whether it is usable (a replacement may be
    named in the store's settings)."""
    from mesa_desktop.bundle import installation
    from mesa_desktop.bundle.keys import default_ministry_key_path, load_ministry_key

    path = installation.ministry_key_path(store)
    shipped = path == default_ministry_key_path()
    try:
        text = path.read_text(encoding="utf-8")
        recipient = next(
            (line.strip() for line in text.splitlines() if line.strip().startswith("age1")), None
        )
        receipt_key = load_ministry_key(path).receipt_key
        return KeyInfo(path, shipped, recipient, None, receipt_key.key_id if receipt_key else None)
    except (OSError, MesaError) as error:
        return KeyInfo(path, shipped, None, str(error))


def settings_view(store: Store) -> SettingsView:
    with store.reading():
        return SettingsView(conformation.get_mesa(store), ministry_key(store))


def settings_problem(changes: dict[str, Any]) -> str | None:
    """Why these edits of the mesa cannot be saved (a Spanish sentence), or None."""
    if "name" in changes and not changes["name"]:
        return "El nombre de la mesa no puede quedar vacío."
    if "entity_name" in changes and not changes["entity_name"]:
        return "Escriba el nombre de la entidad."
    email = changes.get("focal_point_email")
    if email and not is_valid_email(email.strip()):
        return "El correo del punto focal no es válido."
    acto_date = changes.get("acto_date")
    if acto_date and acto_date > clock.today():
        return "La fecha del acto administrativo no puede ser futura."
    return None


def update(store: Store, **changes: Any) -> Changed[MesaInfo]:
    """Save the edited settings of the mesa."""
    with store.transaction():
        mesa = conformation.update_mesa(store, **changes)
    return changed(mesa, Topic.MESA)


def replace_ministry_key(store: Store, source: str | Path) -> Changed[KeyInfo]:
    """Install the key file the ministry sent: the next bundles are encrypted to it."""
    from mesa_desktop.bundle import installation

    installation.install_ministry_key(store, source)
    return changed(ministry_key(store), Topic.EXPORTS)


def delegation_notice_due(guideline_communicated_on: date) -> date:
    """The last day the dependencies notify their delegates (10 business days, numeral 2.5)."""
    return add_business_days(guideline_communicated_on, DELEGATION_NOTICE_BUSINESS_DAYS)


def focal_point_report_due(resolution_effective_on: date) -> date:
    """The last day the focal point and the mesa are reported (20 business days, numeral 2.6)."""
    return add_business_days(resolution_effective_on, FOCAL_POINT_REPORT_BUSINESS_DAYS)
