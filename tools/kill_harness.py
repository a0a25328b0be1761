"""SIGKILL harness: kill every writer at a random moment and check the store survives.

For each writer (first open of a new store, migration of each old fixture store, ``mesa
demo``, backup, restore, export, check-ins, acta approval) it starts the real ``mesa``
command (or a small driver over the services) on a fresh copy of a store, kills it with
SIGKILL after a random delay within the time an uninterrupted run takes, then checks:

* the store opens with the current code (not bricked) and ``PRAGMA integrity_check`` is ok;
* every acknowledged write is there (check-ins whose line was printed; an approval or a
  restore the command reported) and all-or-nothing writers left all or nothing;
* no temp file or secret-key copy is left once the store is opened again (and, for writers
  with an output folder, once the same writer has run again there);
* export sequence numbers are never reused.

    python tools/kill_harness.py                 # short mode (the suite's, a few dozen kills)
    python tools/kill_harness.py --trials 1000   # long mode, spread over the writers
    python tools/kill_harness.py --json

POSIX only (SIGKILL). Prints a report; exits 1 if any store was bricked, any acknowledged
write lost, any partial write or leftover found.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures" / "stores"
MINISTRY_PUB = ROOT / "tests" / "fixtures" / "keys" / "ministerio-prueba.pub"
SHORT_TRIALS_PER_WRITER = 3
# What a leftover looks like: any hidden temp/staging file, whatever its format.
_LEFTOVER = re.compile(r"^\..*\.(tmp|new)(-journal|-wal|-shm)?$")

_CHECKIN_DRIVER = """
import sys
from mesa_desktop.services import attendance
from mesa_desktop.store import Store
store = Store(sys.argv[1])
for name in sys.argv[3:]:
    attendance.check_in(store, sys.argv[2], name)
    print(name, flush=True)  # printed only once the check-in is committed: acknowledged
"""

# Opening is what the app and every command do first: it creates or upgrades the schema.
_OPEN_DRIVER = """
import sys
from mesa_desktop.store import Store
store = Store(sys.argv[1])
print(store.revision(), flush=True)
store.close()
"""

NEW_SESSION = "006-2026"


@dataclass
class Report:
    trials: int = 0
    killed: int = 0
    bricked: int = 0
    lost_acknowledged: int = 0
    partial: int = 0
    leftovers: int = 0
    reused_sequences: int = 0
    acknowledged_checkins: int = 0
    per_writer: Counter = field(default_factory=Counter)
    interrupted: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (
            self.bricked or self.lost_acknowledged or self.partial or self.leftovers or self.reused_sequences
        )


def mesa_command(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "mesa_desktop.cli.main", "--db", str(db), *args]


def open_command(db: Path) -> list[str]:
    return [sys.executable, "-c", _OPEN_DRIVER, str(db)]


def run_ok(command: list[str]) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} falló: {done.stderr.strip()[-500:]}")
    return done


def _query(db: Path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(sql, params).fetchall()


# --- templates: built once, copied per trial ----------------------------------------------


class Templates:
    def __init__(self, root: Path):
        self.root = root
        self.empty = self._store("vacio", [])
        self.demo = self._store("demo", [["demo"]])
        self.open_session = self._copy_then(
            self.demo,
            "sesion-abierta",
            [
                [
                    "session",
                    "new",
                    "--date",
                    "2026-12-01",
                    "--kind",
                    "extraordinary",
                    "--modality",
                    "virtual",
                    "--link",
                    "https://reunion.example.gov.co",
                    "--convened-on",
                    "2026-11-24",
                ],
                ["session", "open", NEW_SESSION, "--at", "09:00"],
            ],
        )
        heads = [
            n
            for (n,) in _query(
                self.open_session,
                "SELECT full_name FROM person WHERE role = 'head' "
                "AND dependency_id IS NOT NULL ORDER BY full_name",
            )
        ]
        self.quorate = self._copy_then(self.open_session, "con-quorum", [])
        run_ok([sys.executable, "-c", _CHECKIN_DRIVER, str(self.quorate), NEW_SESSION, *heads])
        self.people = [
            n for (n,) in _query(self.open_session, "SELECT full_name FROM person ORDER BY full_name")
        ]
        self.demo_sessions = _session_ids(self.demo)
        restored = root / "restaurada" / "mesa.sqlite"
        restored.parent.mkdir(parents=True)
        shutil.copy(FIXTURES / "v0003-demo.sqlite", restored)
        run_ok(mesa_command(restored, "check"))
        self.fixture_sessions = _session_ids(restored)

    def _store(self, name: str, commands: list[list[str]]) -> Path:
        db = self.root / name / "mesa.sqlite"
        db.parent.mkdir(parents=True)
        run_ok(open_command(db))
        for command in commands:
            run_ok(mesa_command(db, *command))
        return db

    def _copy_then(self, source: Path, name: str, commands: list[list[str]]) -> Path:
        db = self.root / name / "mesa.sqlite"
        db.parent.mkdir(parents=True)
        _copy_store(source, db)
        for command in commands:
            run_ok(mesa_command(db, *command))
        return db


def _copy_store(source: Path, target: Path) -> None:
    shutil.copy(source, target)  # templates are closed: no WAL beside them
    if (source.parent / "firma-instalacion.key").exists():
        for name in ("firma-instalacion.key", "firma-instalacion.pub"):
            shutil.copy(source.parent / name, target.parent / name)


def _session_ids(db: Path) -> list[str]:
    return [i for (i,) in _query(db, "SELECT id FROM meeting_session ORDER BY id")]


# --- writers ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trial:
    folder: Path
    db: Path
    out: Path


class Writer:
    name = ""
    output_folder = False

    def prepare(self, trial: Trial, templates: Templates) -> None:
        pass

    def command(self, trial: Trial, templates: Templates) -> list[str]:
        raise NotImplementedError

    def verify(self, trial: Trial, templates: Templates, stdout: str, report: Report) -> None:
        """Writer-specific checks on the reopened store (the common ones run elsewhere)."""

    def rerun(self, trial: Trial, templates: Templates) -> list[str] | None:
        """The same write again, to be acknowledged (it also clears its output folder)."""
        return None


class FirstOpen(Writer):
    name = "primera-apertura"

    def command(self, trial, templates):
        return open_command(trial.db)


class Migration(Writer):
    def __init__(self, fixture: Path):
        self.fixture = fixture
        self.name = f"migracion-{fixture.stem}"

    def prepare(self, trial, templates):
        shutil.copy(self.fixture, trial.db)

    def command(self, trial, templates):
        return mesa_command(trial.db, "check")

    def verify(self, trial, templates, stdout, report):
        before = _query(self.fixture, "SELECT count(*) FROM attendance")[0][0]
        after = _query(trial.db, "SELECT count(*) FROM attendance")[0][0]
        if before != after:
            report.lost_acknowledged += 1
            report.problems.append(f"{self.name}: {before} asistencias antes, {after} después")


class Demo(Writer):
    name = "demo"

    def prepare(self, trial, templates):
        _copy_store(templates.empty, trial.db)

    def command(self, trial, templates):
        return mesa_command(trial.db, "demo")

    def verify(self, trial, templates, stdout, report):
        sessions = len(_session_ids(trial.db))
        if sessions not in (0, len(templates.demo_sessions)):
            report.partial += 1
            report.problems.append(f"demo a medias: {sessions} sesiones")
        if "Demostración cargada" in stdout and sessions == 0:
            report.lost_acknowledged += 1


class Backup(Writer):
    name = "copia"
    output_folder = True

    def prepare(self, trial, templates):
        _copy_store(templates.demo, trial.db)

    def command(self, trial, templates):
        return mesa_command(trial.db, "backup", "-o", str(trial.out / "copia.sqlite"))

    def rerun(self, trial, templates):
        return mesa_command(trial.db, "backup", "-o", str(trial.out / "otra.sqlite"))

    def verify(self, trial, templates, stdout, report):
        from mesa_desktop.store.backup import validate_backup

        copy = trial.out / "copia.sqlite"
        if copy.exists():
            try:
                validate_backup(copy)
            except Exception as error:
                report.partial += 1
                report.problems.append(f"copia inválida: {error}")


class Restore(Writer):
    name = "restauracion"

    def prepare(self, trial, templates):
        _copy_store(templates.demo, trial.db)
        shutil.copy(FIXTURES / "v0003-demo.sqlite", trial.out / "candidata.sqlite")

    def command(self, trial, templates):
        return mesa_command(trial.db, "restore", str(trial.out / "candidata.sqlite"))

    def verify(self, trial, templates, stdout, report):
        sessions = _session_ids(trial.db)
        if sessions not in (templates.demo_sessions, templates.fixture_sessions):
            report.partial += 1
            report.problems.append("restauración a medias")
        elif stdout.strip() and sessions != templates.fixture_sessions:
            report.lost_acknowledged += 1
            report.problems.append("restauración confirmada y perdida")


class Export(Writer):
    name = "exportacion"
    output_folder = True

    def prepare(self, trial, templates):
        _copy_store(templates.demo, trial.db)

    def command(self, trial, templates):
        return mesa_command(trial.db, "bundle", "export", "-o", str(trial.out), "--to", str(MINISTRY_PUB))

    def rerun(self, trial, templates):
        return self.command(trial, templates)

    def verify(self, trial, templates, stdout, report):
        sequences = [
            int(m.group(1)) for p in trial.out.glob("*.mesa") if (m := re.search(r"-(\d+)\.mesa$", p.name))
        ]
        if len(sequences) != len(set(sequences)):
            report.reused_sequences += 1
            report.problems.append(f"secuencia repetida: {sorted(sequences)}")
        recorded = [s for (s,) in _query(trial.db, "SELECT sequence FROM export_record")]
        if len(recorded) != len(set(recorded)):
            report.reused_sequences += 1


class Checkins(Writer):
    name = "llegadas"

    def prepare(self, trial, templates):
        _copy_store(templates.open_session, trial.db)

    def command(self, trial, templates):
        return [sys.executable, "-c", _CHECKIN_DRIVER, str(trial.db), NEW_SESSION, *templates.people]

    def verify(self, trial, templates, stdout, report):
        acknowledged = [line for line in stdout.splitlines() if line.strip()]
        present = {
            n
            for (n,) in _query(
                trial.db,
                """
            SELECT p.full_name FROM attendance a JOIN person p ON p.id = a.person_id
            JOIN meeting_session s ON s.id = a.session_id WHERE s.number = 6""",
            )
        }
        report.acknowledged_checkins += len(acknowledged)
        lost = [n for n in acknowledged if n not in present]
        if lost:
            report.lost_acknowledged += len(lost)
            report.problems.append(f"llegadas confirmadas y perdidas: {lost[:3]}")


class ActaApproval(Writer):
    name = "aprobacion-acta"

    def prepare(self, trial, templates):
        _copy_store(templates.quorate, trial.db)

    def command(self, trial, templates):
        return mesa_command(trial.db, "acta-approve", "005-2026", "--in", NEW_SESSION)

    def verify(self, trial, templates, stdout, report):
        rows = _query(
            trial.db,
            """SELECT a.status, a.approved_at FROM acta a
            JOIN meeting_session s ON s.id = a.session_id WHERE s.number = 5 ORDER BY a.version""",
        )
        status, approved_at = rows[-1]
        if status == "approved" and approved_at is None:
            report.partial += 1
        if "aprobada" in stdout and status != "approved":
            report.lost_acknowledged += 1
            report.problems.append("aprobación confirmada y perdida")


def writers() -> list[Writer]:
    return [
        FirstOpen(),
        *(Migration(f) for f in sorted(FIXTURES.glob("*.sqlite"))),
        Demo(),
        Backup(),
        Restore(),
        Export(),
        Checkins(),
        ActaApproval(),
    ]


# --- one trial ----------------------------------------------------------------------------------


def leftovers(*folders: Path) -> list[Path]:
    found = []
    for folder in folders:
        if folder.is_dir():
            found += [p for p in folder.iterdir() if _LEFTOVER.match(p.name)]
    return found


def new_trial(root: Path, index: int) -> Trial:
    folder = root / f"prueba-{index:05d}"
    (folder / "datos").mkdir(parents=True)
    (folder / "salida").mkdir()
    return Trial(folder, folder / "datos" / "mesa.sqlite", folder / "salida")


def kill_trial(
    writer: Writer, trial: Trial, templates: Templates, duration: float, rng: random.Random, report: Report
) -> None:
    from mesa_desktop.store import Store

    writer.prepare(trial, templates)
    env = dict(os.environ, MESA_DATA_DIR=str(trial.db.parent))
    child = subprocess.Popen(
        writer.command(trial, templates),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
        env=env,
    )
    time.sleep(rng.uniform(0.0, duration))
    child.send_signal(signal.SIGKILL)
    stdout, _ = child.communicate()
    report.trials += 1
    report.per_writer[writer.name] += 1
    if child.returncode == -signal.SIGKILL:
        report.killed += 1
    try:
        store = Store(trial.db)
        try:
            with store.engine.connect() as conn:
                check = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
        finally:
            store.close()
    except Exception as error:
        report.bricked += 1
        report.problems.append(f"{writer.name}: no abre: {str(error)[:200]}")
        return
    if check != "ok":
        report.bricked += 1
        report.problems.append(f"{writer.name}: integrity_check {check}")
        return
    writer.verify(trial, templates, stdout, report)
    again = writer.rerun(trial, templates)
    if again is not None:
        done = subprocess.run(
            again, capture_output=True, text=True, timeout=300, cwd=ROOT, env=env, check=False
        )
        if done.returncode != 0:
            report.bricked += 1
            report.problems.append(f"{writer.name}: no se pudo repetir: {done.stderr.strip()[-200:]}")
        writer.verify(trial, templates, "", report)
    left = leftovers(
        trial.db.parent, trial.db.parent / "copias", *([trial.out] if writer.output_folder else [])
    )
    if left:
        report.leftovers += len(left)
        report.problems.append(f"{writer.name}: quedaron {[p.name for p in left]}")


def measure(writer: Writer, templates: Templates, root: Path) -> float:
    """An uninterrupted run: it must succeed, and its length bounds the kill delay."""
    trial = new_trial(root, 0)
    writer.prepare(trial, templates)
    env = dict(os.environ, MESA_DATA_DIR=str(trial.db.parent))
    started = time.monotonic()
    done = subprocess.run(
        writer.command(trial, templates),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env=env,
        check=False,
    )
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        raise RuntimeError(f"{writer.name} falla sin interrupción: {done.stderr.strip()[-300:]}")
    shutil.rmtree(trial.folder)
    return elapsed


def run(trials: int, seed: int, only: list[str] | None = None, log=None) -> Report:
    rng = random.Random(seed)
    report = Report()
    with tempfile.TemporaryDirectory(prefix="mesa-kill-") as temp:
        root = Path(temp)
        try:
            templates = Templates(root / "plantillas")
            chosen = [w for w in writers() if not only or w.name in only]
            durations = {w.name: measure(w, templates, root) for w in chosen}
            for index in range(trials):
                writer = chosen[index % len(chosen)]
                trial = new_trial(root, index + 1)
                kill_trial(writer, trial, templates, durations[writer.name], rng, report)
                shutil.rmtree(trial.folder, ignore_errors=True)
                if log and (index + 1) % 50 == 0:
                    log(f"{index + 1}/{trials} pruebas; problemas: {len(report.problems)}")
        except KeyboardInterrupt:
            report.interrupted = True
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=None, help="total de muertes (por defecto, modo corto)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--writer", action="append", help="solo este escritor (repetible)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    # Stopped early (Ctrl+C, or SIGTERM/SIGINT to a background run, where a shell ignores
    # SIGINT), it still reports the trials done so far.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    count = args.trials or SHORT_TRIALS_PER_WRITER * len(
        [w for w in writers() if not args.writer or w.name in args.writer]
    )
    started = time.monotonic()
    report = run(count, args.seed, args.writer, log=lambda m: print(m, file=sys.stderr, flush=True))
    summary = asdict(report) | {
        "per_writer": dict(report.per_writer),
        "seconds": round(time.monotonic() - started, 1),
        "ok": report.ok,
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        print(
            f"{report.trials} pruebas ({report.killed} procesos muertos a mitad), "
            f"{report.bricked} almacenes inservibles, {report.lost_acknowledged} escrituras "
            f"confirmadas perdidas, {report.partial} escrituras a medias, {report.leftovers} "
            f"archivos temporales sobrantes, {report.reused_sequences} secuencias repetidas; "
            f"{report.acknowledged_checkins} llegadas confirmadas; {summary['seconds']} s."
        )
        for problem in report.problems[:20]:
            print(f"  - {problem}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
