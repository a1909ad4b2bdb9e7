#!/bin/sh
# Removes what install.sh put under PREFIX (default ~/.local) and the login entry.
# Your data (the database, settings and logs) stays where it is.
set -eu
prefix="${PREFIX:-$HOME/.local}"
app_id=io.github.flowtally.Flowtally
if [ -L "$prefix/bin/flowtally" ]; then rm -f "$prefix/bin/flowtally"; fi
rm -rf "$prefix/lib/flowtally"
rm -f "$prefix/share/applications/$app_id.desktop" "$prefix/share/metainfo/$app_id.metainfo.xml"
find "$prefix/share/icons/hicolor" -name "$app_id.*" -delete 2>/dev/null || true
rm -f "${XDG_CONFIG_HOME:-$HOME/.config}/autostart/flowtally.desktop"
echo "Flowtally removed from $prefix (your data is kept)"
