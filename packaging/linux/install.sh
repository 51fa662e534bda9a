#!/bin/sh
# Add artdesk to your desktop menu and open .ora pictures with it. Installs into your home only
# (no root needed); the app stays in this folder, so run this again if you move the folder.
# Undo with ./uninstall.sh.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
BIN="$HOME/.local/bin"
APP="$HERE/artdesk"
if [ ! -x "$APP" ]; then
  echo "install.sh: $APP is missing; run this script from the unpacked artdesk folder." >&2
  exit 1
fi
# The Exec line quotes the path (it may hold spaces or any UTF-8); inside the quotes the desktop
# entry spec wants \\\\ for a backslash and \\ before " ` $.
ESCAPED=$(printf '%s' "$APP" | sed -e 's/\\/\\\\\\\\/g' -e 's/["`$]/\\\\&/g')
mkdir -p "$DATA/applications" "$DATA/icons/hicolor/256x256/apps" "$DATA/mime/packages" "$BIN"
while IFS= read -r line; do
  case "$line" in
    Exec=*) printf 'Exec="%s" %%f\n' "$ESCAPED" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < "$HERE/share/artdesk.desktop.in" > "$DATA/applications/artdesk.desktop"
cp "$HERE/share/artdesk.png" "$DATA/icons/hicolor/256x256/apps/artdesk.png"
cp "$HERE/share/openraster.xml" "$DATA/mime/packages/artdesk-openraster.xml"
ln -sfn "$APP" "$BIN/artdesk"
# Refresh the desktop's caches where the tools exist (they are optional).
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$DATA/mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$DATA/applications" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" >/dev/null 2>&1 || true
command -v xdg-mime >/dev/null 2>&1 && xdg-mime default artdesk.desktop image/openraster >/dev/null 2>&1 || true
echo "artdesk is in your applications menu; .ora pictures open with it. Command line: $BIN/artdesk"
