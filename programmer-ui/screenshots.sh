#!/usr/bin/env bash
# Writes screenshots of the programmer's main screens to docs/images/ (for docs/user-guide.md): starts the app
# under Xvfb with the worn-contacts example (so that the impedance check has flags to show), walks the screens and
# quits; four times: light at 1280x800 (every screen), then dark at 1280x800 and light and dark at 1920x1080 (the
# screens that show the look: main window, an unsafe edit, and in dark the patient view, the pump and the closed
# loop), named main-window-dark.png, main-window-1920x1080.png, main-window-dark-1920x1080.png and so on; and the
# main window with touch-sized controls (main-window-touch.png). For "Connect to rig" it serves a mock rig (stimctl serve --mock, identities in a
# temporary folder, port 7459), opens a pairing code and lets the tour connect to it. Needs: xvfb-run
# (apt-get install -y xvfb xauth libgtk-3-0) and a built programmer and stimctl (mvn -B -DskipTests package).
# Not part of CI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/docs/images}"
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "screenshots: xvfb-run is missing; install it with: apt-get install -y xvfb xauth libgtk-3-0" >&2
  exit 3
fi
mkdir -p "$out"
cd "$root"

tmp="$(mktemp -d)"
port=7459
./stimctl serve --pins examples/rig-pins.json --mock --therapy examples/rig-tonic.json --identity "$tmp/rig" \
  --audit "$tmp/audit.log" --port "$port" >"$tmp/serve.log" 2>&1 &
rig=$!
trap 'kill "$rig" 2>/dev/null || true; wait "$rig" 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do
  grep -q '^serving' "$tmp/serve.log" && break
  kill -0 "$rig" 2>/dev/null || { cat "$tmp/serve.log" >&2; exit 1; }
  sleep 0.2
done
code="$(./stimctl pair --identity "$tmp/rig" --role clinician | sed -n 's/^pairing code \([^ ]*\).*/\1/p')"

tour() {
  # tour DIR [--theme dark] [--size WxH]: one walk of the screens, into DIR
  local dir="$1"; shift
  DORSAL_TOUR_RIG="127.0.0.1:$port" DORSAL_TOUR_IDENTITY="$tmp/programmer" DORSAL_TOUR_CODE="$code" \
    xvfb-run -a -s "-screen 0 1920x1080x24" ./programmer --clinician "dr-demo" \
    --file examples/worn-contacts.json --screenshots "$dir" "$@"
}
tour "$out"
for look in "--theme dark" "--size 1920x1080" "--theme dark --size 1920x1080" "--touch"; do
  # the rig pairs once: later walks connect with the identity the first one paired
  code=""
  mkdir -p "$tmp/shots"
  # shellcheck disable=SC2086
  tour "$tmp/shots" $look
  cp "$tmp"/shots/main-window-*.png "$out"/
  [[ "$look" == "--touch" ]] || cp "$tmp"/shots/unsafe-edit-*.png "$out"/
  if [[ "$look" == "--theme dark" ]]; then
    cp "$tmp"/shots/patient-view-dark.png "$tmp"/shots/pump-workspace-dark.png "$tmp"/shots/ecap-workspace-dark.png "$out"/
  fi
  rm -rf "$tmp/shots"
done
ls -l "$out"/*.png
