#!/usr/bin/env bash
# Writes screenshots of the programmer's main screens to docs/images/ (for docs/user-guide.md): starts the app
# under Xvfb at 1280x800 with the worn-contacts example (so that the impedance check has flags to show), walks
# the screens and quits. Needs: xvfb-run (apt-get install -y xvfb xauth libgtk-3-0) and a built programmer
# (mvn -B -DskipTests package). Not part of CI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/docs/images}"
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "screenshots: xvfb-run is missing; install it with: apt-get install -y xvfb xauth libgtk-3-0" >&2
  exit 3
fi
mkdir -p "$out"
cd "$root"
xvfb-run -a -s "-screen 0 1280x800x24" ./programmer --clinician "dr-demo" \
  --file examples/worn-contacts.json --screenshots "$out"
ls -l "$out"/*.png
