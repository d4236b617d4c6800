"""A warm dbt: dbt-core imported once, ahead of time, and forked per command.

Every `dbt build` that dagster-dbt starts is a new Python process, and on this 2-core
machine importing dbt-core costs ~5 s of every run before dbt does anything (measured:
`import dbt.cli.main` 4.7 s). `make run` knows a dbt command will come, so it starts
this server first; the server imports dbt while Dagster imports and the extract step
runs, then waits on a Unix socket.

dagster-dbt is unchanged: it still starts "the dbt executable" as a subprocess and reads
its JSON log lines from stdout. That executable, ``readout-dbt`` (a console script of
this package, orchestration/warm_dbt_client.py), is a stdlib-only client that hands its
argv, environment, working directory and stdin/stdout/stderr descriptors to the server.
The server forks; the child becomes that dbt command (the entry point of the ``dbt``
console script, writing straight into dagster-dbt's pipe) and its exit status goes
back to the client, which exits with it.
Signals the client receives (dagster-dbt sends SIGINT on interruption) are forwarded.

When no server is running, or it cannot be reached, the client execs the real dbt: the
warm path is an optimisation, never a requirement. Dagster UI runs (no server) take
the plain path through the same client.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator

from orchestration import config

SOCKET_VARIABLE = "READOUT_WARM_DBT_SOCKET"
PID_VARIABLE = "READOUT_WARM_DBT_PID"
# Modules a dbt build imports after start-up (adapter, tasks); importing them in the
# server moves that cost out of the run too.
PRELOAD = ("dbt.cli.main", "dbt.adapters.duckdb", "dbt.task.build", "dbt.parser.manifest")


def _receive_request(conn: socket.socket) -> tuple[dict, list[int]]:
    """One request: a JSON header (argv, env, cwd) and the client's three standard fds."""
    message, fds, _flags, _addr = socket.recv_fds(conn, 1 << 20, 3)
    if not message:
        raise ValueError("the client closed the connection before sending a request")
    return json.loads(message.decode()), list(fds)


def _become_dbt(request: dict, fds: list[int]) -> int:
    """In the forked child: take the client's fds, environment and cwd, then run dbt's CLI."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    sys.stdin = os.fdopen(0, "r", closefd=False)
    sys.stdout = os.fdopen(1, "w", buffering=1, closefd=False)
    sys.stderr = os.fdopen(2, "w", buffering=1, closefd=False)
    sys.argv = ["dbt", *request["argv"]]
    from dbt.cli.main import cli

    try:
        cli(prog_name="dbt")
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except KeyboardInterrupt:
        code = 130
    with contextlib.suppress(Exception):
        sys.stdout.flush()
        sys.stderr.flush()
    return code


def _serve_one(conn: socket.socket, listener: socket.socket) -> None:
    request, fds = _receive_request(conn)
    pid = os.fork()
    if pid == 0:  # the dbt command
        listener.close()
        conn.close()
        code = _become_dbt(request, fds)
        # Exit handlers run (multiprocessing releases dbt's semaphores), but not the
        # interpreter's teardown of every dbt module, which costs ~0.8 s and frees nothing
        # the kernel would not free anyway.
        atexit._run_exitfuncs()
        os._exit(code)
    for fd in fds:  # the child holds them now; keeping them would keep dagster-dbt's pipe open
        os.close(fd)
    conn.send(f"pid {pid}".encode())
    _, status = os.waitpid(pid, 0)
    conn.send(f"exit {os.waitstatus_to_exitcode(status)}".encode())


def warm_up(project_dir: str) -> bool:
    """One ``dbt ls`` of the project in the server itself, before it forks any command.

    A dbt command's first invocation in a process fills caches (templates, schemas, the
    parsed project) that a second one reuses; forked from a server that ran one, every
    `dbt build` starts warm: 14.5-14.9 -> 11.1-11.4 s for the seeds' build (measured,
    in-process). ``ls`` reads the project and touches no database. It parses into a
    scratch target folder seeded with the build-time parse state (so the parse is
    partial) and prints nowhere; a failure only costs the speed-up (and says so).

    It parses without dbt's static parser (``--no-static-parser``): that parser keeps process
    state a fork does not carry over, and a command forked after it ran in the server hung as
    soon as it had to parse a model itself (a stale build-time parse). Only files that changed
    since ``make`` parsed the project are parsed here at all.
    """
    from pathlib import Path

    from dbt.cli.main import dbtRunner

    failure: object = None
    # Parse with the profile path this run's dbt build will have, so both reuse one parse state.
    os.environ.setdefault("READOUT_DBT_DATABASE", config.dbt_profile_path())
    with tempfile.TemporaryDirectory(prefix="readout-dbt-warm-") as scratch:
        config.seed_parse_state(Path(scratch), os.environ["READOUT_DBT_DATABASE"])
        saved = [os.dup(1), os.dup(2)]
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            result = dbtRunner().invoke(
                ["ls", "--quiet", "--no-static-parser", "--project-dir", project_dir, "--profiles-dir", project_dir]
                + ["--target-path", scratch, "--log-path", scratch]
            )
            if not result.success:
                failure = result.exception or "dbt ls did not succeed"
        except Exception as error:  # the warm-up is an optimisation: the server serves regardless
            failure = error
        finally:
            for target, fd in enumerate(saved, start=1):
                os.dup2(fd, target)
                os.close(fd)
            os.close(devnull)
    if failure is not None:
        print(f"warm dbt: warm-up skipped ({failure}); dbt commands start cold", file=sys.stderr)
    return failure is None


def serve(path: str, project_dir: str | None = None) -> None:
    """Import dbt (and warm it up on the project), then run each request in a fresh fork, one at a time."""
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    if project_dir:
        warm_up(project_dir)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    listener.bind(path + ".tmp")
    listener.listen(4)
    os.replace(path + ".tmp", path)  # the socket appears only once dbt is warm and we listen
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        conn, _ = listener.accept()
        with conn:
            try:
                _serve_one(conn, listener)
            except (OSError, ValueError) as error:  # a client that went away must not stop the server
                print(f"warm dbt: request failed: {error}", file=sys.stderr)


def _server_preexec() -> None:
    """The run, not Ctrl-C, stops the server; it warms up at a lower priority than ingest and extract."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(5)


@contextlib.contextmanager
def warm_dbt(wait_seconds: float = 0.0) -> Iterator[None]:
    """Run a warm dbt server for the length of a block (``readout-dbt`` commands then use it).

    The server's socket path and pid are exported (``READOUT_WARM_DBT_SOCKET`` / ``_PID``) for
    the launcher, which waits for a live server that is still importing dbt;
    ``wait_seconds`` > 0 blocks until the server listens (tests), else it warms up alongside.
    ``READOUT_WARM_DBT=0`` turns it off (every command then starts a cold dbt).
    """
    if os.environ.get("READOUT_WARM_DBT", "1").lower() in {"0", "false", "no"}:
        yield
        return
    with tempfile.TemporaryDirectory(prefix="readout-dbt-") as tmp:
        path = os.path.join(tmp, "warm.sock")
        server = subprocess.Popen(
            [sys.executable, "-m", "orchestration.warm_dbt", path, str(config.DBT_PROJECT_DIR)],
            stdin=subprocess.DEVNULL,
            preexec_fn=_server_preexec,
        )
        saved = {name: os.environ.get(name) for name in (SOCKET_VARIABLE, PID_VARIABLE)}
        os.environ[SOCKET_VARIABLE] = path
        os.environ[PID_VARIABLE] = str(server.pid)
        try:
            deadline = time.monotonic() + wait_seconds
            while wait_seconds and not os.path.exists(path) and time.monotonic() < deadline:
                time.sleep(0.05)
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
