#!/usr/bin/env bash
# One-folder build of Mesa Desktop with PyInstaller, into build/out/MesaDesktop.
set -euo pipefail
cd "$(dirname "$0")/.."
./run mesa --version >/dev/null          # makes sure .venv exists with the locked dependencies
.venv/bin/python -m pip install -q -r requirements/build.lock
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath build/out --workpath build/work build/mesa-desktop.spec
# `mesa` is the same executable under another name (build/launch_desktop.py).
ln -sfn mesa-desktop build/out/MesaDesktop/mesa
echo "Listo: build/out/MesaDesktop (mesa-desktop y mesa)"
