"""A throwaway local PostgreSQL server, started from the installed binaries (initdb, pg_ctl),
for the tests and `sitroom bench store`. Never used by a real store.

It lives in a fresh folder under the system temp dir, listens on a unix socket in that folder
only (no TCP port), trusts local connections, and is built for speed, not durability (fsync
off): everything is deleted by `stop()`. initdb refuses to run as root, so as root the server
runs as the `postgres` system user (made by Debian's postgresql package), through `runuser`.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from sitroom.errors import StoreError

OPTIONS = (
    "-c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c max_connections=300 -c shared_buffers=64MB"
)


class Unavailable(StoreError):
    """No local PostgreSQL server can be started here (no binaries, no non-root user...)."""


def bin_dir() -> Path:
    """The folder of initdb/pg_ctl: $SITROOM_PG_BIN, PATH, or the newest /usr/lib/postgresql."""
    env = os.environ.get("SITROOM_PG_BIN")
    if env:
        return Path(env)
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2] or 0))
    if not dirs:
        raise Unavailable("no PostgreSQL binaries (initdb) found: install Debian's postgresql")
    return Path(dirs[-1])


class LocalServer:
    """A running throwaway server. `url(db)` is a sitroom store URL for one database."""

    def __init__(self) -> None:
        self.bin = bin_dir()
        if not (self.bin / "initdb").exists():
            raise Unavailable(f"no initdb in {self.bin}")
        self.user = None if os.geteuid() != 0 else "postgres"
        if self.user:
            try:
                pw = pwd.getpwnam(self.user)
            except KeyError as exc:
                raise Unavailable(
                    "running as root and there is no 'postgres' user to run the server "
                    "(install Debian's postgresql package, or run as a normal user)"
                ) from exc
        self.dir = Path(tempfile.mkdtemp(prefix="sitroom-pg-"))
        self.data = self.dir / "data"
        if self.user:
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        try:
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                      "--encoding=UTF8", "--locale=C", "-N")  # fmt: skip
            self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "log"), "-w",
                      "-t", "60", "-o", f"-k {self.dir} {OPTIONS}", "start")  # fmt: skip
        except Unavailable:
            shutil.rmtree(self.dir, ignore_errors=True)
            raise
        atexit.register(self.stop)  # a run that ends without calling stop leaves no server

    def _run(self, prog: str, *args: str) -> None:
        cmd = [str(self.bin / prog), *args]
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise Unavailable(f"{prog} failed: {exc}") from exc
        if done.returncode != 0:
            log = self.dir / "log"
            tail = log.read_text(errors="replace")[-500:] if log.exists() else ""
            raise Unavailable(f"{prog} failed: {(done.stderr or done.stdout).strip()} {tail}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.dir}"

    def new_database(self, prefix: str = "t") -> str:
        """Create an empty database; its store URL."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(host=str(self.dir), user="postgres", dbname="postgres") as conn:
            conn.autocommit = True
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        atexit.unregister(self.stop)
        if self.data.exists():
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            except Unavailable:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> LocalServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
