#!/usr/bin/env bash
# install-rig.sh: installs the bench rig as a service on a Raspberry Pi (or any systemd Linux machine, for a trial
# on the mock platform): stimctl in /opt/dorsal, a system user dorsal-rig in the gpio and spi groups, udev rules
# giving those groups the GPIO, SPI and PWM devices, /etc/default/dorsal-rig, the pin map in /etc/dorsal, and the
# dorsal-rig systemd unit (Type=notify, watchdog, every line safe before start and after stop). Run as root from a
# built checkout (mvn -B -DskipTests package). It enables nothing: it prints the commands that do.
#   --root DIR   install into DIR instead of / (a staging tree; no user, no udev reload, no systemctl)
# See docs/bench-rig.md, "The rig as a service".
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
root=""
if [[ "${1:-}" == "--root" ]]; then
  root="${2:?--root needs a folder}"
fi
user=dorsal-rig
jar="$repo/stimctl-cli/target/stimctl.jar"

if [[ -z "$root" && "$(id -u)" -ne 0 ]]; then
  echo "install-rig: run it as root (sudo $0)" >&2
  exit 3
fi
if [[ ! -f "$jar" || ! -d "$repo/stimctl-cli/target/lib" ]]; then
  echo "install-rig: stimctl is not built; build it first with: mvn -B -DskipTests package" >&2
  exit 3
fi

# stimctl: the launcher finds a JDK 21+ itself (JAVA_HOME, /usr/lib/jvm, /opt)
install -d -m 755 "$root/opt/dorsal/stimctl-cli/target/lib" "$root/opt/dorsal/docs" "$root/opt/dorsal/examples"
rm -f "$root"/opt/dorsal/stimctl-cli/target/lib/*.jar
install -m 755 "$repo/stimctl" "$root/opt/dorsal/stimctl"
install -m 644 "$jar" "$root/opt/dorsal/stimctl-cli/target/stimctl.jar"
install -m 644 "$repo"/stimctl-cli/target/lib/*.jar "$root/opt/dorsal/stimctl-cli/target/lib/"
install -m 644 "$repo/docs/bench-rig.md" "$root/opt/dorsal/docs/"
install -m 644 "$repo"/examples/rig-*.json "$root/opt/dorsal/examples/"

# configuration: kept if it is there already
install -d -m 755 "$root/etc/dorsal" "$root/etc/default" "$root/etc/udev/rules.d" "$root/etc/systemd/system"
[[ -f "$root/etc/dorsal/rig-pins.json" ]] || install -m 644 "$repo/examples/rig-pins.json" "$root/etc/dorsal/rig-pins.json"
[[ -f "$root/etc/default/dorsal-rig" ]] || install -m 644 "$here/dorsal-rig.default" "$root/etc/default/dorsal-rig"
install -m 644 "$here/60-dorsal-rig.rules" "$root/etc/udev/rules.d/60-dorsal-rig.rules"
install -m 644 "$here/dorsal-rig.service" "$root/etc/systemd/system/dorsal-rig.service"

if [[ -n "$root" ]]; then
  echo "install-rig: installed into $root (no user, udev or systemd changes in a staging tree)"
  exit 0
fi

# the groups and the user: a system user with no login and no home but its state folder
for group in gpio spi; do
  getent group "$group" >/dev/null || groupadd --system "$group"
done
if ! id "$user" >/dev/null 2>&1; then
  useradd --system --user-group --groups gpio,spi --home-dir /var/lib/dorsal-rig --no-create-home \
    --shell /usr/sbin/nologin --comment "Dorsal bench rig" "$user"
else
  usermod --append --groups gpio,spi "$user"
fi

if command -v udevadm >/dev/null 2>&1; then
  udevadm control --reload-rules || true
  udevadm trigger --subsystem-match=gpio --subsystem-match=spidev --subsystem-match=pwm || true
fi
if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
  systemctl daemon-reload
fi
cat <<TXT
install-rig: installed. Next:
  edit /etc/dorsal/rig-pins.json (your wiring) and /etc/default/dorsal-rig (bind address, --therapy)
  systemctl enable --now dorsal-rig          # start now and at boot
  systemctl status dorsal-rig                # "serving ..." and the watchdog
  journalctl -u dorsal-rig -f                # its log
  sudo -u $user /opt/dorsal/stimctl pair --identity /var/lib/dorsal-rig/identity   # pair a programmer
TXT
