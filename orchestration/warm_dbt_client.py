"""The `dbt` that dagster-dbt starts when a warm dbt server runs (see orchestration/warm_dbt.py).

Installed as the console script ``readout-dbt``; standard library only, so it starts in
milliseconds. It hands
its argv, environment, working directory and standard file descriptors to the server,
forwards signals to the dbt process the server forked, and exits with that process's
status. Without a reachable server it becomes the real dbt (``exec``), so a command
never depends on the server.
"""

import contextlib
import json
import os
import signal
import socket
import sys
import time

SOCKET_VARIABLE = "READOUT_WARM_DBT_SOCKET"
PID_VARIABLE = "READOUT_WARM_DBT_PID"
WARM_UP_SECONDS = 60.0  # how long to wait for a server that is still importing dbt


def real_dbt() -> None:
    """Replace this process with the dbt installed beside this interpreter."""
    dbt = os.path.join(os.path.dirname(sys.executable), "dbt")
    os.execv(dbt, [dbt, *sys.argv[1:]])


def server_alive() -> bool:
    pid = os.environ.get(PID_VARIABLE)
    if not pid:
        return False
    try:
        os.kill(int(pid), 0)
    except (OSError, ValueError):
        return False
    return True


def connect(path: str) -> "socket.socket | None":
    """The server's socket, waiting while a live server is still warming up."""
    deadline = time.monotonic() + WARM_UP_SECONDS
    while not os.path.exists(path):
        if not server_alive() or time.monotonic() > deadline:
            return None
        time.sleep(0.05)
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    try:
        conn.connect(path)
    except OSError:
        conn.close()
        return None
    return conn


def main() -> int:
    path = os.environ.get(SOCKET_VARIABLE)
    conn = connect(path) if path else None
    if conn is None:
        real_dbt()
    header = json.dumps({"argv": sys.argv[1:], "env": dict(os.environ), "cwd": os.getcwd()}).encode()
    socket.send_fds(conn, [header], [0, 1, 2])
    reply = conn.recv(64).decode().split()
    if len(reply) != 2 or reply[0] != "pid":
        print(f"warm dbt: unexpected reply {reply!r}", file=sys.stderr)
        return 1
    child = int(reply[1])

    def forward(signum, _frame):
        with contextlib.suppress(OSError):
            os.kill(child, signum)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, forward)
    while True:
        try:
            reply = conn.recv(64).decode().split()
            break
        except InterruptedError:
            continue
    if len(reply) != 2 or reply[0] != "exit":
        print("warm dbt: the server went away before dbt finished", file=sys.stderr)
        return 1
    code = int(reply[1])
    return 128 - code if code < 0 else code


if __name__ == "__main__":
    sys.exit(main())
