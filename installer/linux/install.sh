#!/bin/sh
# Installs this Flowtally bundle for the current user (or under PREFIX):
#   ./install.sh               the app, its menu entry, icons and metainfo into ~/.local
#   ./install.sh --autostart   the same, and start Flowtally at login
#   PREFIX=/opt/flowtally-root ./install.sh   somewhere else (as root for a system-wide one)
# Running it again replaces the installed bundle; ./uninstall.sh removes it all again.
# Your data (the database, settings and logs) is never touched by either script.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${PREFIX:-$HOME/.local}"
app_id=io.github.flowtally.Flowtally
autostart=no
for arg in "$@"; do
    case "$arg" in
        --autostart) autostart=yes ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
    esac
done

target="$prefix/lib/flowtally"
mkdir -p "$prefix/lib" "$prefix/bin"
rm -rf "$target.new"
cp -R "$here/flowtally" "$target.new"
rm -rf "$target"
mv "$target.new" "$target"
ln -sf "$target/flowtally" "$prefix/bin/flowtally"

mkdir -p "$prefix/share/applications" "$prefix/share/metainfo"
sed "s|^Exec=flowtally|Exec=$target/flowtally|" \
    "$here/share/applications/$app_id.desktop" > "$prefix/share/applications/$app_id.desktop"
cp "$here/share/metainfo/$app_id.metainfo.xml" "$prefix/share/metainfo/"
(cd "$here/share" && find icons -type f) | while read -r icon; do
    mkdir -p "$prefix/share/$(dirname "$icon")"
    cp "$here/share/$icon" "$prefix/share/$icon"
done

if [ "$autostart" = yes ]; then
    config="${XDG_CONFIG_HOME:-$HOME/.config}/autostart"
    mkdir -p "$config"
    # The same file the app's "Start at login" setting writes, so either can turn it off.
    { sed -n '/^\[Desktop Action/q;p' "$prefix/share/applications/$app_id.desktop" \
        | grep -v '^Actions='; echo "X-GNOME-Autostart-enabled=true"; } > "$config/flowtally.desktop"
fi

command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database -q "$prefix/share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 \
    && gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
echo "Flowtally installed in $target; run it from your menu or with $prefix/bin/flowtally"
