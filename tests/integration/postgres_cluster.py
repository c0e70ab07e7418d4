"""Throw-away PostgreSQL servers of a test's own: a primary and its streaming standby.

Each lives in a temporary folder, listens on a free port of 127.0.0.1 and runs
as the ``postgres`` OS user when the test runs as root (the postmaster
refuses root, and CI runs as root). The binaries are the newest under
``/usr/lib/postgresql/*/bin`` (Debian's layout), else those on the PATH.
"""

import glob
import os
import shutil
import subprocess
from pathlib import Path

from bench.run import free_port

START_SECONDS = 60


def binaries() -> Path:
    """Return the folder of the server binaries (initdb, pg_ctl, pg_basebackup)."""
    folders = glob.glob("/usr/lib/postgresql/*/bin")
    if folders:
        return Path(max(folders, key=lambda folder: int(Path(folder).parent.name.split(".")[0])))
    initdb = shutil.which("initdb")
    assert initdb, "PostgreSQL's server binaries (initdb, pg_ctl) are not installed"
    return Path(initdb).parent


def as_server_user() -> list[str]:
    """Return the command prefix that runs a program as the OS user the servers run as."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


class Cluster:
    """One PostgreSQL server: its data folder, port and log."""

    def __init__(self, folder: Path, name: str):
        self.bin = binaries()
        self.folder = folder
        self.data = folder / name
        self.log = folder / f"{name}.log"
        self.port = free_port()

    def run(self, program: str, *args: str) -> None:
        command = [*as_server_user(), str(self.bin / program), *args]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        assert result.returncode == 0, f"{program} failed: {result.stdout}{result.stderr}"

    def configure(self, **values: str) -> None:
        with (self.data / "postgresql.conf").open("a") as conf:
            for name, value in values.items():
                conf.write(f"{name} = '{value}'\n")

    def init_primary(self) -> None:
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")
        self.configure(
            listen_addresses="127.0.0.1",
            port=str(self.port),
            unix_socket_directories=str(self.folder),
            wal_level="replica",
            max_wal_senders="4",
            hot_standby="on",
            fsync="off",  # a test's server: speed over durability
        )

    def init_standby_of(self, primary: "Cluster") -> None:
        """Copy ``primary`` with pg_basebackup -R: standby.signal and the primary's conninfo."""
        self.run(
            "pg_basebackup",
            *("-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres"),
            *("-D", str(self.data), "-R", "-X", "stream", "--no-sync", "--checkpoint=fast"),
        )
        assert (self.data / "standby.signal").exists()
        self.configure(port=str(self.port))

    def start(self) -> None:
        self.run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", str(START_SECONDS),
            "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def createdb(self, database: str) -> None:
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", database)
