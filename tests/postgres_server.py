"""A throwaway PostgreSQL server for the tests.

``NEWSGRAPH_TEST_POSTGRES_URL`` (a server URL without a database, e.g.
``postgresql://user@127.0.0.1:5432``) names one to use. Otherwise, where PostgreSQL's ``initdb``
and ``pg_ctl`` exist (Debian: package ``postgresql``), a cluster is made in a temporary folder,
started on a free loopback port, and removed at the end. As root, the server runs as the
``postgres`` user (PostgreSQL refuses to run as root). Without either, the tests that need it are
skipped with the reason, except in CI (``CI=true``), where that is a failure.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ENV = "NEWSGRAPH_TEST_POSTGRES_URL"


def _bindir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def unavailable(reason: str) -> None:
    message = f"PostgreSQL tests need a server: {reason}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {message}")
    pytest.skip(message)


@contextmanager
def server() -> Iterator[str]:
    """The URL of a running server (no database part), for as long as the block runs."""
    if os.environ.get(ENV):
        yield os.environ[ENV].rstrip("/")
        return
    bindir = _bindir()
    if bindir is None:
        unavailable(f"set {ENV}, or install PostgreSQL (Debian: apt-get install postgresql)")
        return
    run_as: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="newsgraph-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", _free_port()
    log = folder / "server.log"

    def run(*args: str) -> None:
        subprocess.run([*run_as, *args], check=True, capture_output=True, timeout=120)

    try:
        run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "newsgraph", "-E", "UTF8", "--no-sync")
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start")
    except (subprocess.CalledProcessError, OSError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        detail = getattr(exc, "stderr", b"") or b""
        unavailable(f"could not start a throwaway cluster with {bindir}: {exc} {detail.decode(errors='replace')}")
        return
    try:
        yield f"postgresql://newsgraph@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def database(server_url: str) -> Iterator[str]:
    """A new, empty database on the server, dropped afterwards."""
    import psycopg

    name = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server_url}/{name}"
    finally:
        with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
