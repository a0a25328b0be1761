#!/bin/sh
# Installs Mesa Desktop for this user, without administrator rights:
#   ./install.sh            into ~/.local/opt/MesaDesktop, with `mesa-desktop` and `mesa` in
#                           ~/.local/bin and an entry in the applications menu
# Running it again from a newer tarball upgrades: the program folder is replaced; the store
# (~/.local/share/MesaDesktop) is another folder and is never touched here. The app migrates
# it on its first start, after a backup copy.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
dest=${MESA_INSTALL_DIR:-$HOME/.local/opt/MesaDesktop}
mkdir -p "$(dirname "$dest")" "$HOME/.local/bin" "$data/applications" "$data/icons/hicolor/256x256/apps"
rm -rf "$dest.new"
cp -a "$here" "$dest.new"
rm -rf "$dest"
mv "$dest.new" "$dest"
ln -sfn "$dest/mesa-desktop" "$HOME/.local/bin/mesa-desktop"
ln -sfn "$dest/mesa" "$HOME/.local/bin/mesa"
sed "s|^Exec=.*|Exec=$dest/mesa-desktop|" "$here/mesa-desktop.desktop" > "$data/applications/mesa-desktop.desktop"
cp "$here/mesa-desktop.png" "$data/icons/hicolor/256x256/apps/mesa-desktop.png"
echo "Mesa Desktop instalado en $dest (menú de aplicaciones, o «mesa-desktop» en una terminal)."
