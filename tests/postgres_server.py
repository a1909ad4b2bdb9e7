"""A private PostgreSQL server for the test session, from Debian's postgresql package.

initdb refuses to run as root, so as root the cluster is created and run as the ``postgres``
system user; it listens on a Unix socket in a temporary folder only (no TCP port).
"""

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL


def find_bindir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresServer:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="flowtally-pg-"))
        self.datadir = self.root / "data"
        self.socketdir = self.root
        self.port = 5432
        self.as_postgres = os.geteuid() == 0
        self.user = "postgres" if self.as_postgres else os.environ.get("USER", "postgres")

    def _run(self, *args: str | Path) -> None:
        command = [str(a) for a in args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        if self.as_postgres:
            shutil.chown(self.root, "postgres")
        self.root.chmod(0o755)
        self._run(
            self.bindir / "initdb",
            "-D",
            self.datadir,
            "-A",
            "trust",
            "-U",
            self.user,
            "--no-sync",
            "-E",
            "UTF8",
        )
        # The test's own superuser is trusted over the private socket; every other role
        # signs in with its password, as on a real server (a team member's join URL).
        hba = self.datadir / "pg_hba.conf"
        hba.write_text(f"local all {self.user} trust\nlocal all all scram-sha-256\n")
        self._run(
            self.bindir / "pg_ctl",
            "-D",
            self.datadir,
            "-w",
            "-l",
            self.root / "log",
            "-o",
            f"-k {self.socketdir} -c listen_addresses='' -p {self.port} -c fsync=off",
            "start",
        )

    def stop(self) -> None:
        try:
            self._run(self.bindir / "pg_ctl", "-D", self.datadir, "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> URL:
        return URL.create(
            "postgresql+psycopg",
            username=self.user,
            database=database,
            query={"host": str(self.socketdir), "port": str(self.port)},
        )

    @contextmanager
    def database(self, name: str | None = None) -> Iterator[str]:
        """A fresh, empty database (called ``name``, or something random); its URL as a
        string for ``--db``."""
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        admin = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            yield self.url(name).render_as_string(hide_password=False)
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        finally:
            admin.dispose()
