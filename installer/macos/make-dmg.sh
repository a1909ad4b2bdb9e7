#!/bin/sh
# Packs dist/Flowtally.app (built by installer/build.py on macOS) into a compressed disk image
# with a link to /Applications, as users expect to drag it there.
#   installer/macos/make-dmg.sh DIST_FOLDER VERSION
# Signing and notarising need the maintainer's Apple identity: set FLOWTALLY_SIGN_IDENTITY to
# sign the app (codesign) before it is packed; notarise the .dmg with `xcrun notarytool`.
set -eu
dist="$1"
version="$2"
app="$dist/Flowtally.app"
[ -d "$app" ] || { echo "make-dmg.sh: $app is missing (run installer/build.py first)" >&2; exit 1; }
/usr/libexec/PlistBuddy -c "Print :LSUIElement" "$app/Contents/Info.plist" | grep -qx true \
    || { echo "make-dmg.sh: LSUIElement is not set in Info.plist" >&2; exit 1; }
if [ -n "${FLOWTALLY_SIGN_IDENTITY:-}" ]; then
    codesign --force --deep --options runtime --sign "$FLOWTALLY_SIGN_IDENTITY" "$app"
fi
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
hdiutil create -volname "Flowtally $version" -srcfolder "$stage" -ov -format UDZO \
    "$dist/Flowtally-$version.dmg"
echo "$dist/Flowtally-$version.dmg"
