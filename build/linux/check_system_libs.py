"""Which system libraries the Linux one-folder build needs, and that the README names them.

    python build/linux/check_system_libs.py [build/out/MesaDesktop]

Reads every ELF file's DT_NEEDED entries (readelf), leaves out what the build carries, finds
the Debian package of each remaining library (dpkg -S) and checks it is one of the packages
the README lists or among their dependencies (apt-cache depends --recurse) or glibc. Prints
the packages; exit 1 naming any library outside that set or missing on this machine.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

# The README's list ("Installing", Linux): what a bare Debian 12 needs for the frozen app.
README_PACKAGES = (
    "libegl1 libgl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3 "
    "libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 "
    "libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1"
).split()
BASE = {
    "libc6",
    "libuuid1",
    "libgcc-s1",
    "libstdc++6",
    "zlib1g",
    "libbz2-1.0",
    "liblzma5",
    "libzstd1",
    "libtinfo6",
}


def needed(path: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def package_of(soname: str) -> str | None:
    out = subprocess.run(["dpkg", "-S", f"*/{soname}"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        package = line.split(":")[0]
        if not package.endswith("-dev"):
            return package
    return None


def allowed_packages() -> set[str]:
    out = subprocess.run(
        ["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts"]
        + ["--no-breaks", "--no-replaces", "--no-enhances", *README_PACKAGES],
        capture_output=True,
        text=True,
    ).stdout
    names = {line.strip() for line in out.splitlines() if line and not line.startswith(" ")}
    names |= {m.group(1) for m in re.finditer(r"Depends: <?([^\s>]+)>?", out)}
    return {n.split(":")[0] for n in names} | set(README_PACKAGES) | BASE


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "build/out/MesaDesktop")
    files = [p for p in root.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p)]
    carried = {p.name for p in root.rglob("*")}
    external = sorted({name for f in files for name in needed(f)} - carried)
    allowed = allowed_packages()
    problems, packages = [], set()
    for soname in external:
        package = package_of(soname)
        if package is None:
            problems.append(f"{soname}: no está en este sistema")
        elif package.split(":")[0] not in allowed:
            problems.append(f"{soname}: lo da {package}, que la lista del README no incluye")
        else:
            packages.add(package.split(":")[0])
    print(f"{len(files)} binarios; bibliotecas del sistema: {len(external)}, de {' '.join(sorted(packages))}")
    for line in problems:
        print(f"✗ {line}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
