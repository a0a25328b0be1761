"""``./run installers``: build the Linux tarball and the Windows setup.exe, check both, and
print one table of sizes and start-up times.

    ./run installers [--skip-windows]

Linux: build/build.sh (PyInstaller one-folder), build/linux/package.sh (tarball), the system
libraries it needs against the README's list, then the tarball is unpacked and installed with
its install.sh into a throwaway home, where the installed `mesa-desktop --self-test -platform
offscreen` (no QT_* variable, as under Wine) and `mesa demo` must pass. Start-up: the frozen
app and the same app from source (.venv) each started 5 times on the same demo store, timed
from spawn to the first paint (MESA_EXIT_AFTER=paint, offscreen). Windows:
build/windows/build.sh builds and checks the setup.exe under Wine (skipped, with a line
saying so, where that script is absent). Exit 1 when a check fails.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "build" / "out" / "MesaDesktop"
RUNS = 5
LIMIT_FOLDER_MB = 130
LIMIT_ARCHIVE_MB = 50


def say(text: str) -> None:
    print(f"\033[1m==> {text}\033[0m", file=sys.stderr, flush=True)


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink()) / 1e6


def timed_run(command: list, **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, **kwargs)
    return time.perf_counter() - start


def no_qt_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    return env | extra


def check(label: str, command: list, failures: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)
    ok = result.returncode == 0
    print(f"{'✓' if ok else '✗'} {label}", flush=True)
    if not ok:
        failures.append(label)
        print((result.stdout + result.stderr).strip()[-3000:], flush=True)
    return result


def first_paint(command: list, store: Path) -> float:
    """Median seconds from spawn to the app's report of its first paint."""
    times = []
    env = no_qt_env(QT_QPA_PLATFORM="offscreen", MESA_EXIT_AFTER="paint")
    for _ in range(RUNS):
        start = time.perf_counter()
        process = subprocess.Popen(
            [*command, "--db", str(store)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        seen = None
        for line in process.stderr:
            if seen is None and line.startswith("mesa-desktop: first_paint"):
                seen = time.perf_counter() - start
        process.wait(timeout=120)
        if seen is None:
            raise RuntimeError(f"{command[0]} no informó su primera pintura")
        times.append(seen)
    return statistics.median(times)


def linux(failures: list[str], rows: list[tuple[str, str, str]]) -> None:
    say("Linux: compilación de una carpeta (build/build.sh)")
    t_build = timed_run(["build/build.sh"])
    say("Linux: archivo comprimido (build/linux/package.sh)")
    t_package = time.perf_counter()
    archive = Path(
        subprocess.run(["build/linux/package.sh"], check=True, cwd=ROOT, capture_output=True, text=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    t_package = time.perf_counter() - t_package
    archive = ROOT / archive
    say("Linux: comprobaciones")
    check(
        "Bibliotecas del sistema: solo las que nombra el README",
        [sys.executable, "build/linux/check_system_libs.py", str(FOLDER)],
        failures,
        cwd=ROOT,
    )
    with tempfile.TemporaryDirectory(prefix="mesa-instaladores-") as tmp:
        tmp = Path(tmp)
        with tarfile.open(archive) as tar:
            tar.extractall(tmp / "unpacked", filter="tar")
        [unpacked] = (tmp / "unpacked").iterdir()
        home = tmp / "home"
        home.mkdir()
        env = no_qt_env(HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"), TMPDIR=str(tmp))
        check(
            "install.sh en una carpeta personal nueva",
            ["sh", str(unpacked / "install.sh")],
            failures,
            env=env,
        )
        bin_dir = home / ".local" / "bin"
        result = check(
            "mesa-desktop --self-test -platform offscreen (instalado, sin variables QT_*)",
            [bin_dir / "mesa-desktop", "--self-test", "-platform", "offscreen"],
            failures,
            env=env,
        )
        print("\n".join("    " + line for line in result.stdout.splitlines()), flush=True)
        store = tmp / "demo.sqlite"
        check("mesa demo (instalado)", [bin_dir / "mesa", "--db", str(store), "demo"], failures, env=env)
        check(
            "Entrada del menú de aplicaciones e icono",
            ["test", "-s", str(home / ".local/share/applications/mesa-desktop.desktop"), "-a", "-s"]
            + [str(home / ".local/share/icons/hicolor/256x256/apps/mesa-desktop.png")],
            failures,
        )
        say(f"Arranque hasta la primera ventana (mediana de {RUNS}, offscreen)")
        frozen = first_paint([str(bin_dir / "mesa-desktop")], store)
        source = first_paint([str(ROOT / ".venv" / "bin" / "mesa-desktop")], store)
    folder_mb, archive_mb = size_mb(FOLDER), size_mb(archive)
    if archive_mb > LIMIT_ARCHIVE_MB:
        failures.append(f"{archive.name} pesa {archive_mb:.1f} MB (máximo {LIMIT_ARCHIVE_MB})")
    rows += [
        (
            "Linux: una carpeta (build/out/MesaDesktop)",
            f"{folder_mb:.1f} MB",
            f"objetivo ≤ {LIMIT_FOLDER_MB} MB",
        ),
        (f"Linux: {archive.name}", f"{archive_mb:.1f} MB", f"máximo {LIMIT_ARCHIVE_MB} MB"),
        ("Linux: compilación + archivo", f"{t_build:.0f} s + {t_package:.0f} s", ""),
        ("Arranque a la primera ventana, compilado", f"{1000 * frozen:.0f} ms", "offscreen, mediana"),
        ("Arranque a la primera ventana, desde el código", f"{1000 * source:.0f} ms", "misma ejecución"),
    ]


def windows(failures: list[str], rows: list[tuple[str, str, str]]) -> None:
    script = ROOT / "build" / "windows" / "build.sh"
    if not script.exists():
        print("✗ Windows: build/windows/build.sh no existe en esta copia; no se compiló el instalador")
        failures.append("Windows: falta build/windows/build.sh")
        return
    say("Windows: compilación, instalador y pruebas bajo Wine (build/windows/build.sh)")
    start = time.perf_counter()
    ok = subprocess.run([str(script)], cwd=ROOT).returncode == 0
    seconds = time.perf_counter() - start
    print(
        f"{'✓' if ok else '✗'} Windows: compilación, instalación, autoprueba, actualización y desinstalación"
    )
    if not ok:
        failures.append("Windows: build/windows/build.sh")
    version = subprocess.run(
        [sys.executable, "-c", "import mesa_desktop; print(mesa_desktop.__version__)"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout.strip()
    setup = ROOT / "dist" / f"MesaDesktop-Setup-{version}.exe"
    folder = (
        Path(os.environ.get("MESA_WIN_WORK", ROOT / "build" / "out" / "windows")) / "dist" / "MesaDesktop"
    )
    if folder.is_dir():
        rows.append(("Windows: una carpeta", f"{size_mb(folder):.1f} MB", f"objetivo ≤ {LIMIT_FOLDER_MB} MB"))
    if setup.is_file():
        rows.append((f"Windows: {setup.name}", f"{size_mb(setup):.1f} MB", f"máximo {LIMIT_ARCHIVE_MB} MB"))
        if size_mb(setup) > LIMIT_ARCHIVE_MB:
            failures.append(f"{setup.name} pesa más de {LIMIT_ARCHIVE_MB} MB")
    rows.append(("Windows: build/windows/build.sh", f"{seconds:.0f} s", ""))


def main(argv: list[str]) -> int:
    started = time.perf_counter()
    failures: list[str] = []
    rows: list[tuple[str, str, str]] = []
    linux(failures, rows)
    if "--skip-windows" in argv:
        print("Windows: omitido (--skip-windows)")
    else:
        windows(failures, rows)
    rows.append(("Tiempo total", f"{time.perf_counter() - started:.0f} s", ""))
    width = max(len(r[0]) for r in rows)
    value = max(len(r[1]) for r in rows)
    print()
    for name, figure, note in rows:
        print(f"{name:<{width}}  {figure:>{value}}  {note}".rstrip())
    if failures:
        print("\nFallaron: " + "; ".join(failures))
        return 1
    print("\nInstaladores listos y comprobados.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
