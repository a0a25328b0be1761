"""The longest day, in one process: live attendance through the real screen and thread runner.

A mesa with hundreds of people, one session; each person is checked in by typing their name
and Enter in the live-attendance screen (real key events, the production ``ThreadRunner``),
some leave (a row selected, "Registrar salida") and come back, then the user walks through
every page, types in the acta (autosaved on focus-out) and saves its PDF. At the end the store
must hold every action, and the process must still be alive with its memory in bounds.

    python tools/soak_attendance.py --json          # the suite's mode (tests/ui/test_soak.py)
    python tools/soak_attendance.py --long --json   # 5,000 actions (./run bench)

Prints a JSON report: actions done, seconds, references to None/True/False and RSS at the
start and the end, and the problems found (empty when all went well).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import sys
import tempfile
import time
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

from mesa_desktop import clock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@dataclass(frozen=True)
class Plan:
    people: int
    checkins: int
    checkouts: int  # taken in turn among those checked in, round after round
    returns: int  # the first ``returns`` of those who leave come straight back
    page_rounds: int
    autosaves: int

    @property
    def actions(self) -> int:
        return self.checkins + self.checkouts + self.returns


SHORT = Plan(people=520, checkins=500, checkouts=100, returns=0, page_rounds=3, autosaves=30)
# A thousand people in the room, each leaving and coming back about twice: 5,000 actions.
LONG = Plan(people=1020, checkins=1000, checkouts=2050, returns=1950, page_rounds=10, autosaves=200)

FIRST = [
    "Abigail",
    "Baltasar",
    "Celmira",
    "Dagoberto",
    "Ernestina",
    "Filomena",
    "Gumersindo",
    "Herminia",
    "Isidoro",
    "Jacinta",
    "Leopoldo",
    "Maximina",
    "Nepomuceno",
    "Obdulia",
    "Pancracio",
    "Rosalba",
    "Saturnino",
    "Teodora",
    "Ulpiano",
    "Visitacion",
    "Wilfrido",
    "Xiomara",
    "Yolima",
    "Zacarias",
]
SURNAME = [
    "Contreras",
    "Jaimes",
    "Pabon",
    "Rincon",
    "Quintero",
    "Carrascal",
    "Vergel",
    "Mogollon",
    "Ramirez",
    "Suarez",
    "Gelvez",
    "Ortiz",
    "Acevedo",
    "Bautista",
    "Duarte",
    "Lizcano",
    "Niño",
    "Peñaranda",
    "Sepulveda",
    "Ibañez",
    "Cañas",
    "Leon",
    "Parada",
    "Sanchez",
    "Torrado",
]


def names(count: int) -> list[str]:
    """Distinct, realistic names; every word is unique enough that the full name finds one person."""
    out = []
    for i in range(count):
        first = FIRST[i % len(FIRST)]
        one = SURNAME[(i // len(FIRST)) % len(SURNAME)]
        two = SURNAME[(i // (len(FIRST) * len(SURNAME)) + 7) % len(SURNAME)]
        out.append(f"{first} {one} {two}")
    assert len(set(out)) == count, "not enough distinct names for the plan"
    return out


def ascii_keys(text: str) -> str:
    """What a focal point types: no accents (the search ignores them; QTest.keyClicks needs ASCII)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        resident_pages = int(statm.read().split()[1])
    return resident_pages * resource.getpagesize() / 2**20


def singleton_counts() -> dict[str, int]:
    gc.collect()
    return {"None": sys.getrefcount(None), "True": sys.getrefcount(True), "False": sys.getrefcount(False)}


def build_store(folder: Path, plan: Plan):
    from mesa_desktop.services import conformation, sessions
    from mesa_desktop.services.conformation import add_person_in
    from mesa_desktop.services.lookup import the_mesa
    from mesa_desktop.store import Store

    store = Store(folder / "mesa.sqlite")
    conformation.init_mesa(store, territory_code="54001", preset="territorial")
    members = [d for d in conformation.list_members(store) if not d.invited]
    with store.transaction() as db:
        mesa = the_mesa(db)
        from mesa_desktop.models import Dependency

        dependencies = [db.get(Dependency, d.id) for d in members]
        for i, name in enumerate(names(plan.people)):
            add_person_in(
                db,
                mesa,
                name,
                dependency=dependencies[i % len(dependencies)],
                role="delegate" if i < len(dependencies) else "alternate",
                consent_given=True,
            )
    session = sessions.new_session(store, on=clock.today(), kind="ordinary", modality="hybrid")
    return store, session


class Soak:
    def __init__(self, plan: Plan, folder: Path):
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from ui.context import AppContext
        from ui.main_window import MainWindow
        from ui.tasks import ThreadRunner
        from ui.widgets import dialogs

        self.plan, self.folder = plan, folder
        self.problems: list[str] = []
        # A modal message box would stop the run: errors are recorded as problems instead.
        dialogs.show_error = lambda _parent, message: self.problems.append(f"error shown: {message}")
        dialogs.confirm = lambda *_args, **_kwargs: True
        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        self.store, self.session = build_store(folder, plan)
        self.ctx = AppContext(self.store, ThreadRunner)
        self.busy = False
        self.ctx.runner.busy_changed.connect(self._busy)
        self.window = MainWindow(settings=QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
        self.window.resize(1366, 768)
        self.window.show()
        self.window.attach(self.ctx)
        self.settle()
        self.page = self.window.show_page("attendance", self.session.id)
        self.settle()
        self.people = {p.full_name: p.id for p in self.page.index.people}

    def _busy(self, busy: bool) -> None:
        self.busy = busy

    def settle(self, timeout: float = 30.0) -> None:
        """Process events until the runner has nothing in flight (results delivered, views refreshed)."""
        deadline = time.monotonic() + timeout
        quiet = 0
        while quiet < 2:
            self.app.processEvents()
            quiet = 0 if self.busy else quiet + 1
            if self.busy:
                time.sleep(0.0005)
            if time.monotonic() > deadline:
                raise TimeoutError("the runner did not finish in time")

    # -- actions, as a person does them --------------------------------------------------------
    def check_in(self, name: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.keyClicks(self.page.search, ascii_keys(name))
        top = self.page.results_people[0] if self.page.results_people else None
        if top is None or top.id != self.people[name]:
            self.problems.append(f"typing «{name}» did not put that person first")
        QTest.keyClick(self.page.search, Qt.Key.Key_Return)
        self.settle()

    def check_out(self, name: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from ui.pages.attendance import PERSON_ID

        table, person_id = self.page.table, self.people[name]
        row = next(
            (r for r in range(table.rowCount()) if table.item(r, 0).data(PERSON_ID) == person_id), None
        )
        if row is None:
            self.problems.append(f"{name} is not in the attendance table")
            return
        table.selectRow(row)
        QTest.mouseClick(self.page.check_out_button, Qt.MouseButton.LeftButton)
        self.settle()

    def warm_up(self) -> None:
        """Build every page once and render one PDF (ReportLab loads its fonts), so the memory
        measured afterwards is what the day adds, not what the app needs to have started."""
        from ui.pages import PAGES

        for spec in PAGES:
            self.window.show_page(spec.key)
            self.settle()
        page = self.window.show_page("acta", self.session.id)
        self.settle()
        page.choose_pdf_target = lambda _suggested: str(self.folder / "calentamiento.pdf")
        page.save_pdf()
        self.settle(timeout=120)
        self.window.show_page("attendance", self.session.id)
        self.settle()

    def walk_pages(self, rounds: int) -> None:
        from ui.pages import PAGES

        for _round in range(rounds):
            for spec in PAGES:
                self.window.show_page(spec.key)
                self.settle()
        self.window.show_page("attendance")
        self.settle()

    def type_acta(self) -> list[str]:
        from PySide6.QtTest import QTest

        page = self.window.show_page("acta", self.session.id)
        self.settle()
        editors = list(page.editors.values())
        typed = [""] * len(editors)
        for i in range(self.plan.autosaves):
            slot = i % len(editors)
            editor = editors[slot]
            editor.setFocus()
            note = f" Nota {i}."
            QTest.keyClicks(editor, note)
            typed[slot] += note
            editors[(slot + 1) % len(editors)].setFocus()  # focus-out: the autosave of a person moving on
            editor.flush()  # offscreen windows may not get focus events; same path as the timer
            self.settle()
        pdf = self.folder / "acta.pdf"
        page.choose_pdf_target = lambda _suggested: str(pdf)
        page.save_pdf()
        self.settle(timeout=120)
        if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
            self.problems.append("the acta PDF was not written")
        return typed

    # -- the run ---------------------------------------------------------------------------------
    def run(self) -> dict:
        plan = self.plan
        arrivals = list(self.people)[: plan.checkins]
        self.warm_up()
        start_counts, start_rss = singleton_counts(), rss_mb()
        started = time.perf_counter()
        done = 0
        for name in arrivals:
            self.check_in(name)
            done = self._progress(done)
        checked_in = time.perf_counter()
        for k in range(plan.checkouts):
            name = arrivals[k % len(arrivals)]
            self.check_out(name)
            done = self._progress(done)
            if k < plan.returns:
                self.check_in(name)
                done = self._progress(done)
        attendance_done = time.perf_counter()
        attendance_rss = rss_mb()
        self.walk_pages(plan.page_rounds)
        typed = self.type_acta()
        finished = time.perf_counter()
        end_counts, end_rss = singleton_counts(), rss_mb()
        self.window.close()
        self.ctx.runner.wait()
        gone = {arrivals[k % len(arrivals)] for k in range(plan.returns, plan.checkouts)}
        self.verify(arrivals, gone, typed)
        self.store.close()
        return {
            "plan": asdict(plan) | {"actions": plan.actions},
            "seconds": {
                "check_ins": round(checked_in - started, 2),
                "attendance": round(attendance_done - started, 2),
                "total": round(finished - started, 2),
                "per_action_ms": round(1000 * (attendance_done - started) / max(plan.actions, 1), 2),
            },
            "refcounts": {"start": start_counts, "end": end_counts},
            # "growth" is the whole day; "attendance_growth" the check-ins and check-outs alone
            # (the pages and the PDF of a large acta raise the allocator's high-water mark).
            "rss_mb": {
                "start": round(start_rss, 1),
                "after_attendance": round(attendance_rss, 1),
                "end": round(end_rss, 1),
                "growth": round(end_rss - start_rss, 1),
                "attendance_growth": round(attendance_rss - start_rss, 1),
            },
            "problems": self.problems,
        }

    def _progress(self, done: int) -> int:
        done += 1
        if done % 250 == 0:
            print(
                f"{done} de {self.plan.actions} acciones · RSS {rss_mb():.0f} MB · "
                f"None {sys.getrefcount(None):,}",
                file=sys.stderr,
                flush=True,
            )
        return done

    def verify(self, arrivals, gone_expected, typed) -> None:
        """Every action the screen confirmed is in the store."""
        from mesa_desktop.services import attendance, sessions

        rows = {a.full_name: a for a in attendance.list_attendance(self.store, self.session.id)}
        if set(rows) != set(arrivals):
            self.problems.append(f"{len(rows)} people in the store, {len(arrivals)} checked in")
        gone = {n for n, a in rows.items() if a.check_out_at is not None}
        if gone != gone_expected:
            self.problems.append(
                f"{len(gone)} people marked as gone in the store, {len(gone_expected)} expected"
            )
        agenda = sessions.get_session(self.store, self.session.id).agenda
        for item, text in zip(agenda, typed, strict=False):
            if text and (item.development or "") != text:
                self.problems.append(f"agenda item {item.position}: the autosaved text is not in the store")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--long", action="store_true", help="5.000 acciones (para el benchmark)")
    parser.add_argument("--json", action="store_true", help="solo el informe en JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mesa-soak-") as folder:
        report = Soak(LONG if args.long else SHORT, Path(folder)).run()
    print(json.dumps(report, indent=None if args.json else 2, ensure_ascii=False))
    return 1 if report["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
