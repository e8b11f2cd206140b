#!/usr/bin/env bash
# test-package.sh: proves the programmer installs and starts like real software. Builds the app image and the
# Debian package (package.sh), installs the .deb with apt-get (which brings its dependencies, GTK among them),
# checks the launcher, the menu entry and the build it carries (this commit), starts the installed programmer
# under Xvfb on its screenshot tour (the main window, every dialog, Help -> About, then it quits by itself), and
# removes the package again. Needs root (apt-get), a built tree (mvn -B -DskipTests package), and xvfb-run and
# fakeroot and unzip (apt-get install -y xvfb xauth fakeroot unzip). CI runs it (.ci/run).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
name="dorsal-programmer"
passed=0
failed=0

check() {
  # check DESCRIPTION COMMAND...: runs the command, counts and reports the result
  local what="$1"; shift
  if "$@" >/dev/null 2>&1; then
    passed=$((passed + 1)); echo "package test: ok: $what"
  else
    failed=$((failed + 1)); echo "package test: FAILED: $what" >&2
  fi
}

for tool in xvfb-run fakeroot apt-get unzip; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "package test: $tool is missing (apt-get install -y xvfb xauth fakeroot unzip)" >&2
    exit 3
  fi
done
if [[ "$(id -u)" -ne 0 ]]; then
  echo "package test: installing a package needs root (run it with sudo)" >&2
  exit 3
fi

tmp="$(mktemp -d)"
trap 'apt-get remove -y -qq "$name" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

bash "$here/package.sh"
deb="$(compgen -G "$root/programmer-ui/target/jpackage/${name}_*_amd64.deb" | head -n1)"
check "the .deb is built" test -f "$deb"

cp "$deb" "$tmp/"   # apt (the _apt user) must be able to read it
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends --reinstall "$tmp/$(basename "$deb")"
check "dpkg knows the package as installed" dpkg -s "$name"
launcher="/opt/$name/bin/$name"
check "the launcher is installed" test -x "$launcher"
desktop="/usr/share/applications/$name.desktop"
check "the menu entry is installed" test -f "$desktop"
check "the menu entry names the app" grep -qx "Name=Dorsal Programmer" "$desktop"
check "the menu entry's icon is installed" test -f "/usr/share/icons/hicolor/256x256/apps/$(sed -n 's/^Icon=//p' "$desktop").png"
check "the menu entry starts the installed launcher" grep -q "^Exec=$launcher$" "$desktop"
if command -v git >/dev/null 2>&1 && git -C "$root" rev-parse HEAD >/dev/null 2>&1; then
  commit="$(git -C "$root" rev-parse --short=10 HEAD)"
  core="$(compgen -G "/opt/$name/lib/app/stimulator-core-*.jar" | head -n1)"
  check "the installed build is commit $commit" \
    bash -c "unzip -p '$core' io/dorsal/core/build/build.properties | grep -qx 'git.commit.id.abbrev=$commit'"
fi

# start it: the screenshot tour walks the windows and dialogs, shoots each, then quits by itself
shots="$tmp/shots"
start=$(date +%s)
if timeout 300 xvfb-run -a -s "-screen 0 1280x800x24" "$launcher" --clinician package-test --screenshots "$shots" \
    >"$tmp/run.log" 2>&1; then
  check "the installed programmer starts and quits by itself ($(( $(date +%s) - start )) s)" true
else
  cat "$tmp/run.log" >&2
  check "the installed programmer starts and quits by itself" false
fi
for png in main-window unsafe-edit impedance patient-view about; do
  check "it showed $png (a real picture)" test "$(stat -c %s "$shots/$png.png" 2>/dev/null || echo 0)" -gt 5000
done
check "nothing went to stderr but its own lines" bash -c "! grep -v '^programmer: wrote' '$tmp/run.log' | grep -qiE 'exception|error'"

DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$name"
check "removing it takes the launcher away" test ! -e "$launcher"
check "removing it takes the menu entry away" test ! -e "$desktop"
check "removing it takes the icon away" test ! -e "/usr/share/icons/hicolor/256x256/apps/$name.png"

echo "package test: $passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
