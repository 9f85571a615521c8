"""A private Virtuoso 7 server for tests and benchmarks.

It runs from a throw-away folder on free loopback ports, with a configuration derived
from the packaged ``virtuoso.ini``: every database file in the folder, both ports bound
to 127.0.0.1, no admin add-ons (an empty ``VADInstallDir``), and no ``ResultSetMaxRows``
cut-off. Updates go through a dedicated user with a random password (HTTP Digest on
``/sparql-auth``); the anonymous ``/sparql`` endpoint stays read-only.

Used by the ``virtuoso`` session fixture in ``tests/backends_conftest.py`` and by
``bench/backends.py``::

    with VirtuosoServer() as server:
        url = server.store_url        # sparql+http://127.0.0.1:PORT/sparql
        env = server.credentials_env  # ZORGNET_SPARQL_USER / ZORGNET_SPARQL_PASSWORD
"""

import configparser
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

import httpx

__all__ = ["VIRTUOSO", "VirtuosoServer", "virtuoso_available"]

VIRTUOSO = Path("/usr/bin/virtuoso-t")
ISQL = Path("/usr/bin/isql-vt")
PACKAGED_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
USER = "zorgnet"


def virtuoso_available() -> bool:
    """Whether the Debian Virtuoso 7 package is installed here."""
    return VIRTUOSO.exists() and ISQL.exists() and PACKAGED_INI.exists()


def _free_ports() -> tuple[int, int]:
    """Two free loopback ports, different from each other (both held while chosen)."""
    with socket.socket() as first, socket.socket() as second:
        first.bind(("127.0.0.1", 0))
        second.bind(("127.0.0.1", 0))
        return int(first.getsockname()[1]), int(second.getsockname()[1])


class VirtuosoServer:
    """A Virtuoso process of our own; ``start()``/``stop()`` or use it as a context manager.

    Parameters
    ----------
    folder : Path, optional
        Where the database lives; a new temporary folder (removed on stop) by default.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._own_folder = folder is None
        self.folder = folder or Path(tempfile.mkdtemp(prefix="zorgnet-virtuoso-"))
        self.sql_port, self.http_port = _free_ports()
        self.password = secrets.token_hex(16)
        # A leading letter: SET PASSWORD reads a leading digit as a number.
        self._dba_password = "z" + secrets.token_hex(16)
        self.process: subprocess.Popen[bytes] | None = None
        self._dba_set = False
        # Started again on its own folder after a kill: the database was recovered.
        self.recovered = False

    @property
    def endpoint(self) -> str:
        """The plain-HTTP SPARQL endpoint."""
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def store_url(self) -> str:
        """The ``--store`` value that selects this server."""
        return f"sparql+http://127.0.0.1:{self.http_port}/sparql"

    @property
    def credentials_env(self) -> dict[str, str]:
        """Environment variables that give zorgnet the update user."""
        return {"ZORGNET_SPARQL_USER": USER, "ZORGNET_SPARQL_PASSWORD": self.password}

    def _write_ini(self) -> Path:
        ini = configparser.ConfigParser(
            strict=False, interpolation=None, inline_comment_prefixes=(";",)
        )
        ini.optionxform = str  # type: ignore[assignment,method-assign]
        ini.read(PACKAGED_INI)
        db = self.folder / "db"
        db.mkdir(exist_ok=True)
        vad = self.folder / "vad"
        vad.mkdir(exist_ok=True)
        for section, prefix in (("Database", "virtuoso"), ("TempDatabase", "virtuoso-temp")):
            ini[section]["DatabaseFile"] = str(db / f"{prefix}.db")
            ini[section]["TransactionFile"] = str(db / f"{prefix}.trx")
        ini["Database"]["ErrorLogFile"] = str(db / "virtuoso.log")
        ini["Database"]["LockFile"] = str(db / "virtuoso.lck")
        ini["Database"]["xa_persistent_file"] = str(db / "virtuoso.pxa")
        params = ini["Parameters"]
        params["ServerPort"] = f"127.0.0.1:{self.sql_port}"
        params["DirsAllowed"] = f"., {self.folder}"
        params["VADInstallDir"] = str(vad)
        # Enough buffers for a million triples without thrashing (about 700 MB at most).
        params["NumberOfBuffers"] = "85000"
        params["MaxDirtyBuffers"] = "65000"
        # Paged reads sort (ORDER BY ... OFFSET); the default refuses beyond 10,000 rows.
        params["MaxSortedTopRows"] = "10000000"
        ini["HTTPServer"]["ServerPort"] = f"127.0.0.1:{self.http_port}"
        ini["HTTPServer"]["ServerRoot"] = str(self.folder)
        ini["HTTPServer"]["MaxClientConnections"] = "24"
        ini["HTTPServer"]["ServerThreads"] = "24"
        # The default 10,000 silently truncates results; zorgnet pages anyway.
        ini["SPARQL"].pop("ResultSetMaxRows", None)
        ini["URIQA"]["DefaultHost"] = f"127.0.0.1:{self.http_port}"
        for section in ("Plugins", "Striping", "Replication"):
            ini.remove_section(section)
        path = self.folder / "virtuoso.ini"
        with path.open("w") as handle:
            ini.write(handle)
        return path

    def start(self, timeout: float = 60.0) -> "VirtuosoServer":
        """Start the server and wait until its SPARQL endpoint answers; then add the user."""
        ini = self._write_ini()
        # The child keeps its own copy of the file descriptor.
        with (self.folder / "stdout.log").open("wb") as log:
            self.process = subprocess.Popen(
                [str(VIRTUOSO), "+foreground", "+configfile", str(ini)],
                cwd=self.folder,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"virtuoso-t stopped at start-up: {(self.folder / 'stdout.log').read_text()}"
                )
            try:
                if httpx.get(self.endpoint, params={"query": "ASK {}"}, timeout=2).is_success:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("virtuoso-t did not answer within the time limit")
            time.sleep(0.2)
        self.sql(
            f"DB.DBA.USER_CREATE('{USER}', '{self.password}');",
            f'GRANT SPARQL_UPDATE TO "{USER}";',
            f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET('{USER}', 3);",
            # Nobody else may log in as dba with the well-known password.
            f"SET PASSWORD dba {self._dba_password};",
            # Into the database file: replaying SET PASSWORD from the log after a crash
            # fails (SR005 in set_user_struct), which would lock us out after kill().
            "checkpoint;",
        )
        return self

    def sql(self, *statements: str) -> str:
        """Run SQL statements through ``isql-vt`` as dba; return its output."""
        password = self._dba_password if self._dba_set else "dba"
        result = subprocess.run(
            [str(ISQL), f"127.0.0.1:{self.sql_port}", "dba", password],
            input="\n".join(statements) + "\n",
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if result.returncode != 0 or "*** Error" in result.stdout:
            raise RuntimeError(f"isql-vt failed: {result.stdout}\n{result.stderr}")
        if any(s.startswith("SET PASSWORD dba") for s in statements):
            self._dba_set = True
        return result.stdout

    def crash_report(self) -> str | None:
        """What the server said last, if it stopped without being asked to; else None."""
        if self.process is None or self.process.poll() is None:
            return None
        log = (self.folder / "stdout.log").read_text(errors="replace").splitlines()
        return (
            f"virtuoso-t stopped by itself (exit code {self.process.returncode}); "
            "its last lines:\n" + "\n".join(log[-5:])
        )

    def kill(self) -> None:
        """Kill the server process at once (as a crash would)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)

    def restart(self, timeout: float = 60.0) -> None:
        """Start the server again on the same folder and ports (after ``kill``)."""
        self.recovered = True
        with (self.folder / "stdout.log").open("ab") as log:
            self.process = subprocess.Popen(
                [str(VIRTUOSO), "+foreground", "+configfile", str(self.folder / "virtuoso.ini")],
                cwd=self.folder,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.endpoint, params={"query": "ASK {}"}, timeout=2).is_success:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("virtuoso-t did not come back within the time limit")

    def stop(self) -> None:
        """Stop the server (a clean shutdown, else a kill) and remove its folder."""
        if self.process is not None and self.process.poll() is None:
            password = self._dba_password if self._dba_set else "dba"
            subprocess.run(
                [str(ISQL), f"127.0.0.1:{self.sql_port}", "dba", password, "-K"],
                capture_output=True,
                timeout=60,
                check=False,
            )
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None
        if self._own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)

    def renew(self) -> None:
        """Stop the server and start a new one with an empty database, on new ports.

        Virtuoso 7 recovered from a kill has aborted under the next heavy load
        (``malloc_consolidate(): invalid chunk size``, seen with the suite on two
        workers): a test that only needs an empty server gets a new one instead.
        """
        self.stop()
        self.folder = Path(tempfile.mkdtemp(prefix="zorgnet-virtuoso-"))
        self._own_folder = True
        self.sql_port, self.http_port = _free_ports()
        self._dba_set = False
        self.recovered = False
        self.start()

    def __enter__(self) -> "VirtuosoServer":
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


if __name__ == "__main__":  # a manual check: python tests/virtuoso.py
    with VirtuosoServer() as server:
        print(server.store_url, os.getpid())
