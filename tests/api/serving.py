"""``zorgnet serve`` and other ``zorgnet`` commands in processes of their own, as a user
starts them on a store, for the tests of one writer beside readers.

(``conftest.serve`` runs the app in uvicorn in a thread instead, for tests that need a
real HTTP server but not the command.)
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from conftest import free_port

ZORGNET = Path(sys.executable).parent / "zorgnet"


class ServedProcess:
    """A running ``zorgnet serve ARGS --store STORE`` on a free loopback port; made by
    :meth:`CliStore.serving`, which waits until it answers."""

    def __init__(self, command: list[str], env: dict[str, str], token: str) -> None:
        self.token = token
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [*command, "--port", str(self.port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert self.process.stdout is not None
        # What it says it serves, e.g. "... draait op http://... (wijzigen met token)".
        self.started = self.process.stdout.readline()

    def wait_until_it_answers(self) -> None:
        assert "draait op" in self.started, (
            self.process.stderr.read() if self.process.stderr else ""
        )
        deadline = time.monotonic() + 60
        while not self._answers():
            assert time.monotonic() < deadline, "the server does not answer"
            time.sleep(0.1)

    def _answers(self) -> bool:
        try:
            return httpx.get(f"{self.url}/health", timeout=10).status_code == 200
        except httpx.TransportError:
            return False

    def get(self, path: str) -> dict:
        """The JSON answer to GET *path*, which must be 200."""
        answer = httpx.get(f"{self.url}{path}", timeout=60)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def add_relation(self, relation: str, reason: str) -> httpx.Response:
        """POST the new relation *relation* with the write token: ca-team refers to
        veilig-thuis (003 §4)."""
        return httpx.post(
            f"{self.url}/api/edits/relations",
            json={
                "registratie": {
                    "id": relation,
                    "from": "ca-team",
                    "to": "veilig-thuis",
                    "kind": "verwijst",
                    "source": "003 §4",
                },
                "reden": reason,
            },
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=120,
        )

    def stop(self) -> str:
        """Stop the server as Ctrl+C does; its error output."""
        self.process.send_signal(signal.SIGINT)
        _, err = self.process.communicate(timeout=60)
        assert self.process.returncode == 0, err
        return err


@dataclass(frozen=True)
class CliStore:
    """A store folder that ``zorgnet`` processes use, with their cache folder and the
    write token they know (from ``ZORGNET_TOKEN``)."""

    store: Path
    cache: Path
    token: str

    def env(self) -> dict[str, str]:
        # 200 columns: the console does not wrap a Dutch message in the middle.
        return {
            **os.environ,
            "ZORGNET_CACHE": str(self.cache),
            "COLUMNS": "200",
            "ZORGNET_TOKEN": self.token,
        }

    def zorgnet(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """``zorgnet ARGS --store STORE`` in a process of its own, run to its end."""
        return subprocess.run(
            [str(ZORGNET), *args, "--store", str(self.store)],
            capture_output=True,
            text=True,
            env=self.env(),
            timeout=timeout,
        )

    @contextmanager
    def serving(self, *args: str) -> Iterator[ServedProcess]:
        """``zorgnet serve ARGS`` on the store, once it answers; stopped afterwards,
        without a traceback in what it wrote."""
        command = [str(ZORGNET), "serve", *args, "--store", str(self.store)]
        server = ServedProcess(command, self.env(), self.token)
        try:
            server.wait_until_it_answers()
        except BaseException:
            server.process.kill()
            server.process.communicate(timeout=60)
            raise
        try:
            yield server
        finally:
            assert "Traceback" not in server.stop()
