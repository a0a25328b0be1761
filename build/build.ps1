# One-folder build on Windows, then the installer (needs Inno Setup's iscc on PATH).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
if (-not (Test-Path .venv)) { py -3.11 -m venv .venv }
.venv\Scripts\python -m pip install -q -r requirements\dev.lock -r requirements\build.lock
.venv\Scripts\python -m pip install -q --no-deps -e .
.venv\Scripts\pyinstaller --noconfirm --clean --distpath build\out --workpath build\work build\mesa-desktop.spec
iscc build\installer.iss
