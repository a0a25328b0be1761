"""Every writer, through the `mesa` command, on a target it cannot write: one Spanish line
naming the folder, exit 1, nothing left behind; outputs follow the umask."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.support.cli import MESA

CUT = "2026-09-30"


def writers(demo_db: Path) -> dict[str, tuple[list[str], str]]:
    """name → (arguments with {OUT} for the target, file name or '' for a folder target)."""
    listed = json.loads(mesa(demo_db, "session", "list", "--json").stdout)
    approved = next(s["number"] for s in listed if s["status"] == "acta_approved")
    return {
        "acta": (["acta", approved, "-o", "{OUT}"], "acta.pdf"),
        "attendance-sheet": (["attendance-sheet", approved, "-o", "{OUT}"], "lista.pdf"),
        "convocation": (["convocation", approved, "-o", "{OUT}"], ""),
        "report periodic": (
            ["report", "periodic", "--from", "2026-01-01", "--to", "2026-06-30", "-o", "{OUT}"],
            "informe.pdf",
        ),
        "report progress": (["report", "progress", "--cut", CUT, "-o", "{OUT}"], "avance.pdf"),
        "export attendance": (["export", "attendance", "-o", "{OUT}"], "asistencia.xlsx"),
        "export commitments": (["export", "commitments", "-o", "{OUT}"], "compromisos.xlsx"),
        "export plan": (["export", "plan", "--cut", CUT, "-o", "{OUT}"], "plan.xlsx"),
        "bundle export": (["bundle", "export", "-o", "{OUT}"], "envio.mesa"),
        "backup": (["backup", "-o", "{OUT}"], "copia.sqlite"),
        "badges": (["badges", "-o", "{OUT}"], "credenciales.pdf"),
    }


# A full disk cannot be made here; a file-size limit fails writes the same way (EFBIG). It is
# set once the store is open, so only what the command writes meets it.
FULL_DISK = """
import resource, signal, sys
from mesa_desktop.cli import main
from mesa_desktop.store import store

opened = store.Store.__init__
def open_then_fill(self, *args, **kwargs):
    opened(self, *args, **kwargs)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (@LIMIT@, @LIMIT@))
store.Store.__init__ = open_then_fill
sys.exit(main.main(sys.argv[1:]))
"""


def mesa(
    db: Path, *args: str, limit: int | None = None, umask: int | None = None
) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "MESA_DB"}
    command = [MESA] if limit is None else [sys.executable, "-c", FULL_DISK.replace("@LIMIT@", str(limit))]
    return subprocess.run(
        [*command, "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        preexec_fn=None if umask is None else lambda: os.umask(umask),
    )


def target_in(folder: Path, name: str) -> str:
    return str(folder / name) if name else f"{folder}{os.sep}"


def everything_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


WRITERS = [
    "acta",
    "attendance-sheet",
    "convocation",
    "report periodic",
    "report progress",
    "export attendance",
    "export commitments",
    "export plan",
    "bundle export",
    "backup",
    "badges",
]


@pytest.fixture
def demo_db(demo_store_file) -> Path:
    # Today's daily copy is made once here, so the limited runs only write their output.
    assert mesa(demo_store_file, "session", "list").returncode == 0
    return demo_store_file


def assert_one_spanish_line(result: subprocess.CompletedProcess, folder: Path) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("Error: ") and str(folder) in result.stderr, result.stderr


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_missing_folder_or_a_file_in_its_place(writer, demo_db, tmp_path):
    args, name = writers(demo_db)[writer]
    out = tmp_path / "salida"
    out.mkdir()
    (out / "archivo").write_text("no soy una carpeta")
    for folder in (out / "no-existe", out / "archivo"):
        result = mesa(demo_db, *[target_in(folder, name) if a == "{OUT}" else a for a in args])
        assert_one_spanish_line(result, folder)
        assert everything_under(out) == ["archivo"]


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_full_disk(writer, demo_db, tmp_path):
    args, name = writers(demo_db)[writer]
    out = tmp_path / "salida"
    out.mkdir()
    # Small enough for every output, large enough for the convocation's letter and .ics.
    limit = 6000
    if writer == "bundle export":
        limit = 24_000  # the export's own record in the store must fit; the bundle must not
    result = mesa(demo_db, *[target_in(out, name) if a == "{OUT}" else a for a in args], limit=limit)
    # openpyxl stages sheets in the temp folder: a full disk stops an Excel there or, when the
    # staged sheet is small enough, at the workbook itself; either way the line names the folder.
    if writer.startswith("export"):
        staged = str(Path(tempfile.gettempdir()))
        assert_one_spanish_line(result, staged if staged in result.stderr else out)
    else:
        assert_one_spanish_line(result, out)
    assert "espacio" in result.stderr
    assert everything_under(out) == []


@pytest.mark.parametrize("writer", ["acta", "convocation", "export plan", "backup", "bundle export"])
@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_outputs_follow_the_umask(writer, demo_db, tmp_path):
    args, name = writers(demo_db)[writer]
    out = tmp_path / "salida"
    out.mkdir()
    result = mesa(demo_db, *[target_in(out, name) if a == "{OUT}" else a for a in args], umask=0o022)
    assert result.returncode == 0, result.stderr
    made = list(out.rglob("*"))
    # Files 0o644; a folder of outputs (the convocation's personal drafts) 0o755.
    assert made and all(p.stat().st_mode & 0o777 == (0o755 if p.is_dir() else 0o644) for p in made), [
        oct(p.stat().st_mode) for p in made
    ]


def test_secret_keys_stay_private_whatever_the_umask(tmp_path):
    result = subprocess.run(
        [MESA, "keys", "new", "--out", str(tmp_path / "ministerio")],
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.umask(0o022),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ministerio.key").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "ministerio.pub").stat().st_mode & 0o777 == 0o644


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_convocation_is_all_three_files_or_none(demo_db, tmp_path):
    args, _ = writers(demo_db)["convocation"]
    out = tmp_path / "salida"
    out.mkdir()
    assert mesa(demo_db, *[target_in(out, "") if a == "{OUT}" else a for a in args]).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    personal = {p.relative_to(out): p.read_bytes() for p in out.rglob("*.eml") if p.parent != out}
    assert personal  # one draft per convened person with an address, in a folder of its own
    sizes = {p.suffix: len(data) for p, data in ((Path(n), d) for n, d in before.items())}
    assert set(sizes) == {".pdf", ".ics", ".eml"}
    # Room for the letter and the invitation, not for the e-mail that carries both: the
    # earlier two must not be published alone.
    limit = max(sizes[".pdf"], sizes[".ics"]) + 100
    assert limit < sizes[".eml"]
    fresh = tmp_path / "nueva"
    fresh.mkdir()
    result = mesa(demo_db, *[target_in(fresh, "") if a == "{OUT}" else a for a in args], limit=limit)
    assert_one_spanish_line(result, fresh)
    assert everything_under(fresh) == []
    result = mesa(demo_db, *[target_in(out, "") if a == "{OUT}" else a for a in args], limit=limit)
    assert_one_spanish_line(result, out)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*.eml") if p.parent != out} == personal


# Tests run as root, where a 0o555 folder does not stop writes: the refusal is simulated.
@pytest.mark.parametrize(
    "refusal", [PermissionError(13, "Permission denied"), OSError(30, "Read-only file system")]
)
def test_a_read_only_folder_is_one_spanish_line_and_leaves_nothing(
    refusal, tmp_path, demo_store, monkeypatch
):
    from mesa_desktop import atomic
    from mesa_desktop.errors import MesaError

    out = tmp_path / "salida"
    out.mkdir()

    def refuse(*_args, **_kwargs):
        raise refusal

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(MesaError) as refused:
        atomic.write_bytes(out / "acta.pdf", b"%PDF")
    assert str(refused.value) == f"No hay permiso para escribir en {out}. Elija otra carpeta."
    with pytest.raises(MesaError) as refused:
        atomic.write_all({out / "a.pdf": b"1", out / "a.ics": b"2"})
    assert str(out) in str(refused.value) and "permiso" in str(refused.value)
    with pytest.raises(MesaError) as refused:
        demo_store.backup_to(out / "copia.sqlite")
    assert str(refused.value) == f"No hay permiso para escribir en {out}. Elija otra carpeta."
    assert everything_under(out) == []


def test_outputs_of_the_atomic_writer_follow_the_umask_in_process(tmp_path):
    from mesa_desktop import atomic

    previous = os.umask(0o027)
    try:
        atomic.write_bytes(tmp_path / "informe.pdf", b"%PDF")
        atomic.write_bytes(tmp_path / "llave.key", b"secreto", mode=0o600)
        atomic.write_all({tmp_path / "c.ics": b"1"})
    finally:
        os.umask(previous)
    assert (tmp_path / "informe.pdf").stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "c.ics").stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "llave.key").stat().st_mode & 0o777 == 0o600
