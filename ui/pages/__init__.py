"""The page registry: every screen of the main window, in navigation order.

To plug a page in, add one ``PageSpec`` line (or point an existing one at your module).
The contract a page module fulfils is ``ui.pages.page_kit.Page`` (its docstring says it all):

* ``factory`` is ``"package.module:Name"`` (imported the first time the page is shown, so
  start-up stays fast) or a callable; either way it is called as ``factory(ctx)`` with the
  ``ui.context.AppContext`` and returns a ``QWidget`` — in practice a ``page_kit.Page``.
* The page reads through one read-model and writes through one operation per action, both
  in ``mesa_desktop.operations``: ``ctx.call(operations.x.action, ..., done=...)``. An
  operation returns ``Changed`` and the context announces its topics; the page declares the
  topics it shows in ``TOPICS`` and reloads (at once if visible, else when next shown).
* Optional: ``flush()`` (save pending edits before the window closes or the store changes),
  ``open_item(value)`` (the shell navigates to the page with an argument, e.g. a session id);
  ``refresh()`` (F5), ``navigate`` and ``loaded`` come with ``Page``. A page that reloads only
  a part for some topics overrides ``topic_changed(topic)`` and calls ``when_shown(key, action)``.

A page module that fails to import is an error, raised: only a ``PageSpec`` declared with
``built=False`` (a section not written yet) shows the "disponible próximamente" placeholder.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageSpec:
    key: str  # stable identifier, used for navigation and the remembered last page
    title: str  # navigation label (Spanish)
    icon: str  # a QStyle.StandardPixmap name, e.g. "SP_DirHomeIcon"
    factory: str | Callable[..., QWidget]  # "module:Name" or callable(ctx) -> QWidget
    hint: str = ""  # tooltip / placeholder text
    built: bool = True  # False: a section not written yet, shown as a placeholder


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "home",
        "Inicio",
        "SP_DirHomeIcon",
        "ui.pages.dashboard:DashboardPage",
        "Resumen de la mesa y accesos rápidos.",
    ),
    PageSpec(
        "conformation",
        "Conformación",
        "SP_FileDialogDetailedView",
        "ui.pages.conformation:ConformationPage",
        "Dependencias, delegados, suplentes y actores invitados.",
    ),
    PageSpec(
        "sessions",
        "Sesiones",
        "SP_FileDialogContentsView",
        "ui.pages.sessions.page:SessionsPage",
        "Sesiones, calendario, orden del día y convocatoria.",
    ),
    PageSpec(
        "attendance",
        "Asistencia en vivo",
        "SP_DialogApplyButton",
        "ui.pages.attendance:AttendancePage",
        "Registro de llegada y quórum en vivo.",
    ),
    PageSpec(
        "acta", "Acta", "SP_FileIcon", "ui.pages.acta.page:ActaPage", "Redacción, aprobación y PDF del acta."
    ),
    PageSpec(
        "commitments",
        "Compromisos",
        "SP_DialogYesButton",
        "ui.pages.commitments:CommitmentsPage",
        "Tablero de compromisos y su seguimiento.",
    ),
    PageSpec(
        "action_plan",
        "Plan de acción",
        "SP_FileDialogListView",
        "ui.pages.action_plan:ActionPlanPage",
        "Ejes, acciones, tareas y avance.",
    ),
    PageSpec(
        "compliance",
        "Cumplimiento",
        "SP_MessageBoxInformation",
        "ui.pages.compliance:CompliancePage",
        "Cumplimiento de los lineamientos en el año.",
    ),
    PageSpec(
        "cases",
        "Casos",
        "SP_FileDialogInfoView",
        "ui.pages.cases:CasesPage",
        "Casos remitidos (datos sensibles, Ley 1581).",
    ),
    PageSpec(
        "periodic_report",
        "Informe periódico",
        "SP_FileDialogNewFolder",
        "ui.pages.periodic_report:PeriodicReportPage",
        "Informe periódico de la secretaría técnica: borrador, emisión y envío al Ministerio (2.6 e).",
    ),
    PageSpec(
        "backup",
        "Copias de seguridad",
        "SP_DriveHDIcon",
        "ui.pages.backup:BackupPage",
        "Copias de seguridad y restauración del almacén.",
    ),
    PageSpec(
        "settings",
        "Configuración",
        "SP_ComputerIcon",
        "ui.pages.settings:SettingsPage",
        "Datos de la mesa, punto focal y preferencias.",
    ),
    PageSpec(
        "exchange",
        "Envío al Ministerio",
        "SP_ArrowUp",
        "ui.pages.exchange:ExchangePage",
        "Paquete cifrado para el Ministerio, historial de envíos y acuses de recibo.",
    ),
    PageSpec(
        "liaisons",
        "Enlaces del Plan",  # "Enlaces permanentes" does not fit the 212 px navigation
        "SP_FileDialogListView",
        "ui.pages.liaisons:LiaisonsPage",
        "(Mesa nacional) El enlace que cada dependencia designa por grupo de trabajo del Plan.",
    ),
    PageSpec(
        "ministry",
        "Consolidación",
        "SP_DriveNetIcon",
        "ui.pages.ministry.page:MinistryPage",
        "(Ministerio) Consolidación nacional: importar los paquetes de los territorios y ver el consolidado.",
    ),
)


# Pages a kind of mesa does not use. The enlaces permanentes (1.4) are the national mesa's
# only; the informe periódico (2.6 e) is the territorial secretaría técnica's, so the national
# mesa has none. «Envío al Ministerio» stays for it: its bundle carries its sessions and
# enlaces to the ministry's consolidation store.
NOT_FOR_KIND: dict[str, frozenset[str]] = {
    "national": frozenset({"ministry", "periodic_report"}),
}
NOT_FOR_TERRITORIAL = frozenset({"ministry", "liaisons"})


def hidden_for(kind: str) -> frozenset[str]:
    """The navigation keys a mesa of ``kind`` does not show (the consolidation screen among them)."""
    return NOT_FOR_KIND.get(kind, NOT_FOR_TERRITORIAL)


def spec(key: str) -> PageSpec:
    for page in PAGES:
        if page.key == key:
            return page
    raise KeyError(key)


def index_of(key: str) -> int:
    return [page.key for page in PAGES].index(key)


def build(page: PageSpec, ctx) -> QWidget:
    """The page's widget; a placeholder only for a section declared as not built yet.

    An import error is a bug and is raised. A page that fails while building its widget
    (bad data on screen) shows a placeholder asking for the diagnostics, so the shell stays up.
    """
    from ui.pages.placeholder import PlaceholderPage

    if not page.built:
        return PlaceholderPage(page.title, f"{page.hint}\n\nEsta sección estará disponible próximamente.")
    factory = page.factory
    if isinstance(factory, str):
        module_name, _, attribute = factory.partition(":")
        factory = getattr(importlib.import_module(module_name), attribute)
    try:
        return factory(ctx)
    except Exception:
        log.exception("Could not build page %s", page.key)
        return PlaceholderPage(
            page.title,
            "Esta sección no se pudo abrir. Los datos no se modificaron; "
            "use «Ayuda › Copiar diagnóstico» y envíelo al soporte.",
        )
