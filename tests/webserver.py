"""A real `sitroom serve` for tests: a subprocess on a free loopback port over a copy of a store."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
from conftest import ROOT

SITROOM = str(ROOT / ".venv" / "bin" / "sitroom")


def copy_store(src: str, dst: Path) -> str:
    """A consistent copy of a store (SQLite backup API: WAL content included)."""
    with sqlite3.connect(src) as a, sqlite3.connect(str(dst)) as b:
        a.backup(b)
    return str(dst)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: str, *args: str, headers: dict | None = None, config: str | None = None):
    """Yield the base URL of `sitroom serve` on `db`; the server is stopped on exit."""
    port = free_port()
    cmd = [SITROOM, "--db", db] + (["--config", config] if config else [])
    cmd += ["serve", "--port", str(port), *args]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-2000:]}")
            try:
                httpx.get(base + "/static/web.css", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
