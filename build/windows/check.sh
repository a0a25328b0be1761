#!/usr/bin/env bash
# Checks a Windows setup.exe in a FRESH Wine prefix, as a focal point's laptop would see it:
# silent per-user install, the installed self-test and `mesa.exe demo`, an install over it
# (an upgrade) that keeps the store, an uninstall that keeps the store. Exits 1 on any failure.
#   build/windows/check.sh [dist/MesaDesktop-Setup-<version>.exe]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=build/windows/common.sh
. "$HERE/common.sh"

SETUP=${1:-$ROOT/dist/MesaDesktop-Setup-$(app_version).exe}
[ -f "$SETUP" ] || die "no existe $SETUP (primero build/windows/build.sh)"
# A private copy: a build running meanwhile may replace dist/'s.
cp "$SETUP" "$WORK/check-$(basename "$SETUP")"
SETUP="$WORK/check-$(basename "$SETUP")"
START=$(date +%s)
RESULTS="$WORK/check-results.txt"
: > "$RESULTS"
ok() { printf '  ok  %s\n' "$*" | tee -a "$RESULTS"; }
fail() { printf '  FALLA  %s\n' "$*" | tee -a "$RESULTS" >&2; die "$*"; }

say "Prefijo de Wine nuevo para probar"
export WINEPREFIX="$PREFIXES/prefix-test"
new_prefix "$WINEPREFIX"
WUSER=$(whoami)
LOCAL="$WINEPREFIX/drive_c/users/$WUSER/AppData/Local"
APP="$LOCAL/Programs/MesaDesktop"
STORE="$LOCAL/MesaDesktop/mesa.sqlite"
MENU="$WINEPREFIX/drive_c/users/$WUSER/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Mesa Desktop"

install_setup() {
  local log=$1; shift
  timeout 600 xvfb-run -a wine "$SETUP" /VERYSILENT /SUPPRESSMSGBOXES /CURRENTUSER /NORESTART \
    "/LOG=$(winepath -w "$WORK/$log")" "$@" </dev/null >/dev/null 2>&1 || return 1
  wineserver -w
}

# Rows per table of the store, one "table count" line each: the store's fingerprint.
store_rows() {
  python3 - "$STORE" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
    print(name, db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
EOF
}

run_installed() {
  local what=$1; shift
  local t0=$(date +%s)
  timeout 600 bash -c 'wine "$@" </dev/null 2>&1 | cat > "$LOG"; exit ${PIPESTATUS[0]}' _ "$@" \
    && { ok "$what ($(( $(date +%s) - t0 )) s)"; return 0; }
  tail -n 40 "$LOG" >&2
  fail "$what terminó con error (registro: $LOG)"
}

# --- 1. install ------------------------------------------------------------------
say "Instalación silenciosa por usuario"
t0=$(date +%s)
install_setup install.log || fail "el instalador terminó con error (registro: $WORK/install.log)"
for exe in mesa-desktop.exe mesa.exe unins000.exe; do
  [ -f "$APP/$exe" ] || fail "falta $APP/$exe tras instalar"
done
[ -f "$MENU/Mesa Desktop.lnk" ] || fail "falta el acceso directo del menú Inicio"
ok "instalado en %LOCALAPPDATA%\\Programs\\MesaDesktop ($(( $(date +%s) - t0 )) s, $(du -sm "$APP" | cut -f1) MB)"
ok "acceso directo en el menú Inicio"
wine_stand_ins "$(find "$APP" -name Qt6Core.dll | head -n 1)" "$WINEPREFIX"

# --- 2. the installed programs ---------------------------------------------------------
export LOG="$WORK/run.log"
# Wine drops QT_* variables: the platform comes from the command line.
LOG="$WORK/self-test.log" run_installed "mesa-desktop.exe --self-test -platform offscreen" \
  "$APP/mesa-desktop.exe" --self-test -platform offscreen
LOG="$WORK/demo.log" run_installed "mesa.exe demo" "$APP/mesa.exe" demo
[ -f "$STORE" ] || fail "mesa.exe demo no creó el almacén en %LOCALAPPDATA%\\MesaDesktop"
before=$(store_rows)
[ "$(echo "$before" | awk '{s += $2} END {print s}')" -gt 0 ] || fail "el almacén quedó vacío"
ok "almacén en %LOCALAPPDATA%\\MesaDesktop\\mesa.sqlite ($(echo "$before" | awk '{s += $2} END {print s}') filas)"

# --- 3. upgrade: the same setup over the installed one -------------------------------------
say "Actualización (instalar encima)"
install_setup upgrade.log /MERGETASKS=desktopicon || fail "la reinstalación terminó con error (registro: $WORK/upgrade.log)"
[ -f "$APP/mesa-desktop.exe" ] || fail "falta mesa-desktop.exe tras la actualización"
[ -f "$WINEPREFIX/drive_c/users/$WUSER/Desktop/Mesa Desktop.lnk" ] || fail "falta el acceso directo opcional del escritorio"
[ -f "$STORE" ] || fail "la actualización borró el almacén"
[ "$(store_rows)" = "$before" ] || fail "la actualización cambió el almacén"
ok "actualización: almacén intacto (mismas filas), acceso directo del escritorio creado"
LOG="$WORK/version.log" run_installed "mesa.exe --version tras la actualización" "$APP/mesa.exe" --version

# --- 4. uninstall ------------------------------------------------------------------------
say "Desinstalación silenciosa"
timeout 600 xvfb-run -a wine "$APP/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART \
  </dev/null >/dev/null 2>&1 || fail "el desinstalador terminó con error"
wineserver -w  # the uninstaller re-runs itself from a temporary copy
[ ! -f "$APP/mesa-desktop.exe" ] || fail "la desinstalación dejó mesa-desktop.exe"
[ ! -e "$MENU/Mesa Desktop.lnk" ] || fail "la desinstalación dejó el acceso directo del menú Inicio"
[ -f "$STORE" ] || fail "la desinstalación borró el almacén"
[ "$(store_rows)" = "$before" ] || fail "la desinstalación cambió el almacén"
ok "desinstalado: programa y accesos directos fuera, almacén intacto"

echo "Comprobación de Windows superada en $(( $(date +%s) - START )) s" | tee -a "$RESULTS"
