#!/usr/bin/env bash
# The Linux tarball of the one-folder build (build/build.sh first):
#   build/out/MesaDesktop-<version>-linux-x86_64.tar.xz
# It unpacks into MesaDesktop-<version>/ with mesa-desktop, mesa, the .desktop entry, the
# icon and install.sh (a per-user install without administrator rights).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x build/out/MesaDesktop/mesa-desktop ] || { echo "Falta la compilación: ejecute build/build.sh" >&2; exit 1; }
version=$(.venv/bin/python -c "import mesa_desktop; print(mesa_desktop.__version__)")
name="MesaDesktop-$version"
stage=build/work/linux-package
rm -rf "$stage" && mkdir -p "$stage/$name"
cp -a build/out/MesaDesktop/. "$stage/$name/"
cp build/linux/mesa-desktop.desktop build/linux/install.sh "$stage/$name/"
cp resources/icons/mesa-desktop-256.png "$stage/$name/mesa-desktop.png"
chmod +x "$stage/$name/install.sh"
archive="build/out/$name-linux-x86_64.tar.xz"
# xz -9: a 64 MiB dictionary; same owner and dates for every file, so the archive depends on
# the build only.
tar -C "$stage" --owner=0 --group=0 --numeric-owner --sort=name -cf - "$name" | xz -9 -T1 > "$archive.tmp"
mv "$archive.tmp" "$archive"
rm -rf "$stage"
echo "$archive"
