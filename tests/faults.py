"""Helpers for the fault tests: run the real CLI in a subprocess, hold a store's write lock from
another process, read a store directly with sqlite3, run a command inside a private mount
namespace (for a tmpfs or a read-only bind mount without touching the host)."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
CLI = [sys.executable, "-m", "sitroom.cli"]


def sitroom(
    *args: str, timeout: float = 300, env: dict | None = None
) -> subprocess.CompletedProcess:  # noqa: E501
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout, env=env or ENV
    )


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*CLI, *args],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def one_line_error(proc: subprocess.CompletedProcess, code: int) -> str:
    """The error line of a failed command, after checking its exit code and that it is one line."""
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("sitroom: error:"), proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    return lines[0]


HOLD_LOCK = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.execute("COMMIT")
"""


def hold_write_lock(db: str, seconds: float) -> subprocess.Popen:
    """Another process holding the store's write lock for `seconds` (returns once it holds it)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, db, str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "locked"
    return proc


def snapshot(db: str) -> dict:
    """What a store holds: row counts, document, claim and source ids, integrity."""
    con = sqlite3.connect(db)
    try:
        out = {"integrity": con.execute("pragma integrity_check").fetchone()[0]}
        for table in ("documents", "claims", "sources", "failures"):
            out[table] = sorted(r[0] for r in con.execute(f"select id from {table}"))
        out["status"] = sorted(con.execute("select id, status from documents").fetchall())
        return out
    finally:
        con.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def namespace_ok() -> bool:
    """Whether this machine lets us mount inside a private user+mount namespace."""
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
    )
    return probe.returncode == 0


def in_namespace(script: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run a shell script as root of a private mount namespace (mounts vanish with it)."""
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=ENV,
        timeout=timeout,
    )


def wait_for(predicate, timeout: float, step: float = 0.1) -> bool:  # noqa: ANN001
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False
