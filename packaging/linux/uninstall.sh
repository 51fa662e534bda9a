#!/bin/sh
# Remove what install.sh added to your home (menu entry, icon, .ora association, command link).
# Your pictures, models and settings are kept. The app folder itself is left for you to delete.
set -eu
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
BIN="$HOME/.local/bin"
rm -f "$DATA/applications/artdesk.desktop" \
      "$DATA/icons/hicolor/256x256/apps/artdesk.png" \
      "$DATA/mime/packages/artdesk-openraster.xml"
if [ -L "$BIN/artdesk" ]; then rm -f "$BIN/artdesk"; fi
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$DATA/mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$DATA/applications" >/dev/null 2>&1 || true
echo "artdesk was removed from your menu. Delete this folder to remove the app itself."
