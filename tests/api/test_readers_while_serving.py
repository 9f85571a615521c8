"""While ``zorgnet serve`` runs on a store, can I still ask the CLI about that store?

A real server (a ``zorgnet serve`` subprocess on a free loopback port) holds the store
to write; the questions are asked by other processes. Reading takes no lock, so each
answer is the one the same command gave before the server started. A second writer is
told in Dutch which process writes, and the server goes on answering. After an edit
through the web app, the next read sees the new version.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import networkx as nx
import pytest

from zorgnet.graph.projection_cache import ProjectionCache
from zorgnet.graph.store import Store

ZORGNET = Path(sys.executable).parent / "zorgnet"
DATA = Path(__file__).parents[2] / "data" / "gooi-en-vechtstreek"
TOKEN = "lezen-tijdens-serve"

# The questions, each asked before the server starts and while it runs.
QUESTIONS = {
    "info": ["info"],
    "route": ["route", "huisarts", "jeugd-ggz", "--gemeente", "huizen"],
    "actor": ["actor", "ca-team", "--json"],
    "gaps": ["gaps", "--json"],
    "gemeente": ["gemeente", "huizen", "--json"],
    "mandates": ["mandates", "--gemeente", "hilversum", "--escalatie"],
    "overlaps": ["overlaps", "--json"],
    "bronnen": ["bronnen", "--json"],
    "kwesties": ["kwesties"],
    "diff": ["diff", "2021", "2025", "--json"],
    "export": ["export", "--format", "turtle"],
}


def _env(cache: Path) -> dict[str, str]:
    return {**os.environ, "ZORGNET_CACHE": str(cache), "COLUMNS": "200", "ZORGNET_TOKEN": TOKEN}


def _zorgnet(store: Path, cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``zorgnet ARGS --store STORE`` in a process of its own."""
    return subprocess.run(
        [str(ZORGNET), *args, "--store", str(store)],
        capture_output=True,
        text=True,
        env=_env(cache),
        timeout=300,
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """A running ``zorgnet serve`` on *store*."""

    def __init__(self, store: Path, cache: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(ZORGNET), "serve", "--store", str(store), "--port", str(self.port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(cache),
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert "draait op" in line, self.process.stderr.read() if self.process.stderr else ""
        deadline = time.monotonic() + 60
        while not self._answers():
            assert time.monotonic() < deadline, "the server does not answer"
            time.sleep(0.1)

    def _answers(self) -> bool:
        try:
            return httpx.get(f"{self.url}/api/actors", timeout=10).status_code == 200
        except httpx.TransportError:
            return False

    def actor(self, actor_id: str) -> dict:
        answer = httpx.get(f"{self.url}/api/actors/{actor_id}", timeout=30)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def stop(self) -> str:
        """Stop the server as Ctrl+C does; its error output."""
        self.process.send_signal(signal.SIGINT)
        _, err = self.process.communicate(timeout=60)
        assert self.process.returncode == 0, err
        return err


def _store(tmp_path_factory: pytest.TempPathFactory, loaded_store: Path) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("serve-en-lees")
    shutil.copytree(loaded_store, base / "store")
    return base / "store", base / "cache"


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory, loaded_store: Path
) -> Iterator[tuple[Server, Path, Path, dict[str, subprocess.CompletedProcess[str]]]]:
    """A server on a copy of the shipped data, and each question's answer from before."""
    store, cache = _store(tmp_path_factory, loaded_store)
    before = {name: _zorgnet(store, cache, *args) for name, args in QUESTIONS.items()}
    for name, answer in before.items():
        assert answer.returncode == 0, (name, answer.stderr)
    server = Server(store, cache)
    try:
        yield server, store, cache, before
    finally:
        err = server.stop()
        assert "Traceback" not in err


@pytest.mark.parametrize("question", list(QUESTIONS))
@pytest.mark.slow
def test_each_question_gets_the_same_answer_while_the_server_runs(
    served: tuple[Server, Path, Path, dict], question: str
) -> None:
    _, store, cache, before = served
    answer = _zorgnet(store, cache, *QUESTIONS[question])
    assert answer.returncode == 0, answer.stderr
    assert answer.stderr == ""
    assert answer.stdout == before[question].stdout
    if question == "actor":
        assert json.loads(answer.stdout)["label"].startswith("Regionaal Consultatie")
    if question == "route":
        assert "Route 1" in answer.stdout and "huisarts" in answer.stdout


@pytest.mark.slow
def test_a_map_and_a_workbook_template_are_drawn_while_the_server_runs(
    served: tuple[Server, Path, Path, dict], tmp_path: Path
) -> None:
    _, store, cache, _ = served
    drawn = _zorgnet(store, cache, "map", "--gemeente", "huizen", "-o", str(tmp_path / "k.html"))
    assert drawn.returncode == 0, drawn.stderr
    assert "Huizen" in (tmp_path / "k.html").read_text(encoding="utf-8")
    template = _zorgnet(store, cache, "template", "-o", str(tmp_path / "s.xlsx"))
    assert template.returncode == 0, template.stderr
    assert (tmp_path / "s.xlsx").read_bytes()[:2] == b"PK"


@pytest.mark.slow
def test_a_second_writer_is_told_who_writes_and_the_server_goes_on(
    served: tuple[Server, Path, Path, dict],
) -> None:
    server, store, cache, before = served
    loaded = _zorgnet(store, cache, "load", str(DATA))
    assert loaded.returncode == 2
    message = " ".join(loaded.stderr.split())
    assert message.startswith(
        "fout: De opslag is in gebruik door een ander proces dat erin schrijft "
        f"(zorgnet serve, proces {server.process.pid}): hij kan niet worden geopend"
    )
    assert "wijzig dan via de webapp" in message and "Lezen kan wel" in message
    assert message.endswith(f"Map van de opslag: {store}.")
    assert "Traceback" not in message and "Resource temporarily" not in message
    assert loaded.stdout == ""
    # The server still answers, on the data it had.
    assert server.actor("ca-team")["label"].startswith("Regionaal Consultatie")
    assert _zorgnet(store, cache, "info").stdout == before["info"].stdout


@pytest.mark.slow
def test_after_an_edit_in_the_web_app_a_new_read_sees_the_new_version(
    tmp_path_factory: pytest.TempPathFactory, loaded_store: Path
) -> None:
    projections = ProjectionCache()
    store, cache = _store(tmp_path_factory, loaded_store)
    relation = "test-ca-team-verwijst-veilig-thuis"
    before = json.loads(_zorgnet(store, cache, "actor", "ca-team", "--json").stdout)
    assert relation not in json.dumps(before)
    server = Server(store, cache)
    try:
        # A reader that stays open, as a second web-app worker would.
        with Store(store, read_only=True) as worker:
            version = worker.version
            assert not _relation_in(projections.get(worker), relation)
            edit = httpx.post(
                f"{server.url}/api/edits/relations",
                json={
                    "registratie": {
                        "id": relation,
                        "from": "ca-team",
                        "to": "veilig-thuis",
                        "kind": "verwijst",
                        "source": "003 §4",
                    },
                    "reden": "Test: lezen terwijl de server draait.",
                },
                headers={"Authorization": f"Bearer {TOKEN}"},
                timeout=120,
            )
            assert edit.status_code == 201, edit.text
            after = _zorgnet(store, cache, "actor", "ca-team", "--json")
            assert after.returncode == 0, after.stderr
            out = json.loads(after.stdout)["relations_out"]
            found = [r for r in out if r["id"] == relation]
            assert [(r["source"], r["target"], r["kind"]) for r in found] == [
                ("ca-team", "veilig-thuis", "verwijst")
            ]
            # The open reader follows too: its next question is on the new version.
            assert worker.version != version
            assert _relation_in(projections.get(worker), relation)
        assert relation in json.dumps(server.actor("ca-team"))
    finally:
        server.stop()


def _relation_in(G: nx.MultiDiGraph, relation: str) -> bool:
    iri = f"https://w3id.org/zorgnet/id/relation/{relation}"
    return any(data.get("iri") == iri for _, _, data in G.edges(data=True))
