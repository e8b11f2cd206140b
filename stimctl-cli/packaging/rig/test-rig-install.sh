#!/usr/bin/env bash
# test-rig-install.sh: proves the rig installs as a service: runs install-rig.sh for real (root), checks the user
# and its groups, the files, the unit (systemd-analyze verify), then runs what the unit runs, as the unit's user:
# `stimctl rig safe` and `stimctl serve` on the mock platform with a stand-in for systemd's notify socket
# (notify-listener.py), and checks READY=1, the watchdog heartbeats and STOPPING=1 on SIGTERM. Removes what it
# installed at the end. Needs root, a built tree (mvn -B -DskipTests package), python3 and systemd's tools
# (systemd-notify, systemd-analyze). CI runs it (.ci/run). No systemd needs to be running.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
user=dorsal-rig
passed=0
failed=0
check() {
  local what="$1"; shift
  if "$@" >/dev/null 2>&1; then
    passed=$((passed + 1)); echo "rig install test: ok: $what"
  else
    failed=$((failed + 1)); echo "rig install test: FAILED: $what" >&2
  fi
}
for tool in python3 systemd-notify systemd-analyze runuser; do
  command -v "$tool" >/dev/null 2>&1 || { echo "rig install test: $tool is missing (apt-get install -y python3 systemd util-linux)" >&2; exit 3; }
done
[[ "$(id -u)" -eq 0 ]] || { echo "rig install test: needs root" >&2; exit 3; }

created_groups=()
for group in gpio spi; do getent group "$group" >/dev/null || created_groups+=("$group"); done
had_user=false; id "$user" >/dev/null 2>&1 && had_user=true
tmp="$(mktemp -d)"; chmod 755 "$tmp"
serve_pid=""
cleanup() {
  [[ -n "$serve_pid" ]] && kill "$serve_pid" 2>/dev/null || true
  rm -rf "$tmp" /opt/dorsal /etc/dorsal /etc/default/dorsal-rig /etc/systemd/system/dorsal-rig.service \
    /etc/udev/rules.d/60-dorsal-rig.rules /var/lib/dorsal-rig
  [[ "$had_user" == true ]] || userdel "$user" 2>/dev/null || true
  for group in "${created_groups[@]}"; do groupdel "$group" 2>/dev/null || true; done
}
trap cleanup EXIT

bash "$here/install-rig.sh"
check "the user $user exists" id "$user"
check "$user is in the gpio group" bash -c "id -nG $user | tr ' ' '\n' | grep -qx gpio"
check "$user is in the spi group" bash -c "id -nG $user | tr ' ' '\n' | grep -qx spi"
check "$user cannot log in" bash -c "getent passwd $user | grep -q nologin"
check "the unit is installed" test -f /etc/systemd/system/dorsal-rig.service
check "the udev rules are installed" test -f /etc/udev/rules.d/60-dorsal-rig.rules
check "the pin map is in /etc/dorsal" test -f /etc/dorsal/rig-pins.json
check "the unit verifies (systemd-analyze verify)" \
  bash -c "out=\$(systemd-analyze verify /etc/systemd/system/dorsal-rig.service 2>&1); echo \"\$out\"; [[ -z \"\$out\" ]]"
check "the unit is a notify service with a watchdog that stops it with SIGTERM" \
  bash -c "grep -qx 'Type=notify' /etc/systemd/system/dorsal-rig.service && grep -qx 'WatchdogSec=30s' /etc/systemd/system/dorsal-rig.service && grep -qx 'WatchdogSignal=SIGTERM' /etc/systemd/system/dorsal-rig.service"
check "stimctl --version runs as $user" runuser -u "$user" -- /opt/dorsal/stimctl --version
check "rig safe (ExecStartPre/ExecStopPost) runs as $user" \
  runuser -u "$user" -- /opt/dorsal/stimctl rig safe --pins /etc/dorsal/rig-pins.json --mock

# stimctl serve as the unit runs it, with a stand-in notify socket and a 2 s watchdog (a heartbeat every 0.5 s)
install -d -o "$user" -g "$user" -m 700 /var/lib/dorsal-rig
python3 "$here/notify-listener.py" "$tmp/notify.sock" "$tmp/notify.log" 40 &
listener=$!
for _ in $(seq 1 50); do [[ -S "$tmp/notify.sock" ]] && break; sleep 0.1; done
runuser -u "$user" -- env NOTIFY_SOCKET="$tmp/notify.sock" WATCHDOG_USEC=2000000 \
  /opt/dorsal/stimctl serve --pins /etc/dorsal/rig-pins.json --mock --port 7461 \
  --identity /var/lib/dorsal-rig/identity --audit /var/lib/dorsal-rig/audit.log \
  --therapy /opt/dorsal/examples/rig-tonic.json >"$tmp/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 300); do
  [[ "$(grep -c '^WATCHDOG=1$' "$tmp/notify.log" 2>/dev/null || true)" -ge 3 ]] && break
  sleep 0.1
done
check "serve says READY=1 once serving" grep -qx "READY=1" "$tmp/notify.log"
check "serve's status line says what it serves" grep -q "^STATUS=serving " "$tmp/notify.log"
check "serve sends watchdog heartbeats while the real-time loop turns" \
  bash -c "[[ \$(grep -c '^WATCHDOG=1\$' '$tmp/notify.log') -ge 3 ]]"
serve_java="$(pgrep -u "$user" -f 'stimctl.jar serve' | head -n1 || true)"
[[ -n "$serve_java" ]] && kill -TERM "$serve_java"
wait "$serve_pid" && serve_rc=0 || serve_rc=$?
serve_pid=""
# 143: the JVM's exit after its shutdown hook ran on SIGTERM, which the unit counts as success (SuccessExitStatus)
check "SIGTERM (what the watchdog sends) stops serve through its shutdown hook (exit $serve_rc)" test "$serve_rc" -eq 143
check "the unit counts that exit as a clean stop" grep -qx "SuccessExitStatus=143" /etc/systemd/system/dorsal-rig.service
check "serve says STOPPING=1 on its way out" grep -qx "STOPPING=1" "$tmp/notify.log"
check "the audit log records the stop with every line safe" \
  grep -q "every line at its safe level" /var/lib/dorsal-rig/audit.log
kill "$listener" 2>/dev/null || true
[[ "$failed" -eq 0 ]] || { echo "--- serve's output:" >&2; cat "$tmp/serve.log" >&2; }

echo "rig install test: $passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
