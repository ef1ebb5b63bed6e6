#!/usr/bin/env bash
# Builds the Debian package from build/ (after packaging/build.sh) and checks
# it as a user gets it: the file name, the Depends (every one installed here),
# the payload, then installs it with `dpkg -i` (as root or with sudo; else it
# unpacks it into a scratch root) and runs the installed `fabkit --version`,
# `fabkit-cli --version`, a demo workspace and a headless yield report.
# The package is removed again afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^project(fabkit VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
arch=$(dpkg --print-architecture)
deb="build/fabkit_${version}_${arch}.deb"
rm -f "$deb"
(cd build && cpack -G DEB >/dev/null)
[ -f "$deb" ] || { echo "test-deb: $deb was not made" >&2; exit 1; }

fail() { echo "test-deb: $*" >&2; exit 1; }
depends=$(dpkg-deb -f "$deb" Depends)
echo "test-deb: $deb ($(du -h "$deb" | cut -f1)), Depends: $depends"
for lib in libqt6widgets6 libqt6printsupport6 libsqlite3-0 libtorch qt6-qpa-plugins; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib"
done
for dep in $(tr ',' '\n' <<<"$depends" | sed 's/(.*//; s/|.*//' | tr -d ' '); do
  dpkg-query -W -f='${Status}' "$dep" 2>/dev/null | grep -q "install ok installed" || fail "dependency $dep is not installed"
done
payload=$(dpkg-deb -c "$deb")
for path in ./usr/bin/fabkit ./usr/bin/fabkit-cli ./usr/lib/fabkit/fabkit-cli-models ./usr/share/applications/fabkit.desktop \
  ./usr/share/icons/hicolor/scalable/apps/fabkit.svg ./usr/share/mime/packages/fabkit.xml; do
  grep -q " $path\$" <<<"$payload" || fail "the package lacks $path"
done

work=$(mktemp -d)
installed=""
cleanup() {
  [ -n "$installed" ] && "${sudo_cmd[@]}" dpkg -r fabkit >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo -n true 2>/dev/null && sudo_cmd=(sudo -n)
if [ "$(id -u)" -eq 0 ] || [ ${#sudo_cmd[@]} -gt 0 ]; then
  "${sudo_cmd[@]}" dpkg -i "$deb" >/dev/null
  installed=yes
  root=""
  echo "test-deb: installed with dpkg -i"
else
  dpkg-deb -x "$deb" "$work/root"
  root="$work/root"
  echo "test-deb: not root: unpacked into $root"
fi

cli="$root/usr/bin/fabkit-cli"
[ "$("$cli" --version)" = "fabkit-cli $version" ] || fail "fabkit-cli --version printed '$("$cli" --version)'"
[ "$("$root/usr/bin/fabkit" --version)" = "fabkit $version" ] || fail "fabkit --version failed"
export QT_QPA_PLATFORM=offscreen
"$cli" demo --workspace "$work/demo.fabdb" >/dev/null
"$cli" report --workspace "$work/demo.fabdb" --type yield --out "$work/yield.pdf" >/dev/null
head -c 5 "$work/yield.pdf" | grep -q '%PDF-' || fail "the installed fabkit-cli wrote no PDF"
pages=$(pdfinfo "$work/yield.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
echo "test-deb: installed fabkit-cli $version wrote a ${pages:-?}-page yield report; package OK"
