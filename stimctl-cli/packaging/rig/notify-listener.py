#!/usr/bin/env python3
"""Stands in for systemd's notify socket in test-rig-install.sh: records every message stimctl serve sends
(through systemd-notify) to a file, one line per assignment, and answers systemd-notify's barrier by closing the
file descriptor it passes, as systemd does. Stops by itself after a time limit."""
import array
import os
import socket
import sys
import time

path, out, limit_s = sys.argv[1], sys.argv[2], float(sys.argv[3])
if os.path.exists(path):
    os.remove(path)
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
os.chmod(path, 0o777)
s.settimeout(0.5)
end = time.monotonic() + limit_s
with open(out, "a", buffering=1) as log:
    while time.monotonic() < end:
        try:
            data, ancdata, _, _ = s.recvmsg(4096, socket.CMSG_SPACE(16 * array.array("i").itemsize))
        except socket.timeout:
            continue
        for level, kind, payload in ancdata:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds = array.array("i")
                fds.frombytes(payload[: len(payload) - (len(payload) % fds.itemsize)])
                for fd in fds:
                    os.close(fd)
        for line in data.decode("utf-8", "replace").splitlines():
            log.write(line + "\n")
