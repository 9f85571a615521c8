"""While ``zorgnet serve`` runs on a store, can I still ask the CLI about that store?

A real server (a ``zorgnet serve`` subprocess on a free loopback port) holds the store
to write; the questions are asked by other processes. Reading takes no lock, so each
answer is the one the same command gave before the server started. A second writer is
told in Dutch which process writes, and the server goes on answering. After an edit
through the web app, the next read sees the new version.
"""

import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest
from serving import CliStore, ServedProcess

from zorgnet.graph.projection_cache import ProjectionCache
from zorgnet.graph.store import Store

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


def _cli(tmp_path_factory: pytest.TempPathFactory, loaded_store: Path) -> CliStore:
    """A fresh copy of the shipped data for zorgnet processes."""
    base = tmp_path_factory.mktemp("serve-en-lees")
    cli = CliStore(base / "store", base / "cache", TOKEN)
    shutil.copytree(loaded_store, cli.store)
    return cli


@dataclass
class Served:
    server: ServedProcess
    cli: CliStore
    # Each question's answer from before the server started.
    before: dict[str, subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, loaded_store: Path) -> Iterator[Served]:
    """A server on a copy of the shipped data, and each question's answer from before."""
    cli = _cli(tmp_path_factory, loaded_store)
    before = {name: cli.zorgnet(*args) for name, args in QUESTIONS.items()}
    for name, answer in before.items():
        assert answer.returncode == 0, (name, answer.stderr)
    with cli.serving() as server:
        yield Served(server, cli, before)


@pytest.mark.parametrize("question", list(QUESTIONS))
@pytest.mark.slow
def test_each_question_gets_the_same_answer_while_the_server_runs(
    served: Served, question: str
) -> None:
    answer = served.cli.zorgnet(*QUESTIONS[question])
    assert answer.returncode == 0, answer.stderr
    assert answer.stderr == ""
    assert answer.stdout == served.before[question].stdout
    if question == "actor":
        assert json.loads(answer.stdout)["label"].startswith("Regionaal Consultatie")
    if question == "route":
        assert "Route 1" in answer.stdout and "huisarts" in answer.stdout


@pytest.mark.slow
def test_a_map_and_a_workbook_template_are_drawn_while_the_server_runs(
    served: Served, tmp_path: Path
) -> None:
    drawn = served.cli.zorgnet("map", "--gemeente", "huizen", "-o", str(tmp_path / "k.html"))
    assert drawn.returncode == 0, drawn.stderr
    assert "Huizen" in (tmp_path / "k.html").read_text(encoding="utf-8")
    template = served.cli.zorgnet("template", "-o", str(tmp_path / "s.xlsx"))
    assert template.returncode == 0, template.stderr
    assert (tmp_path / "s.xlsx").read_bytes()[:2] == b"PK"


@pytest.mark.slow
def test_a_second_writer_is_told_who_writes_and_the_server_goes_on(served: Served) -> None:
    server, cli = served.server, served.cli
    loaded = cli.zorgnet("load", str(DATA))
    assert loaded.returncode == 2
    message = " ".join(loaded.stderr.split())
    assert message.startswith(
        "fout: De opslag is in gebruik door een ander proces dat erin schrijft "
        f"(zorgnet serve, proces {server.process.pid}): hij kan niet worden geopend"
    )
    assert "wijzig dan via de webapp" in message and "Lezen kan wel" in message
    assert message.endswith(f"Map van de opslag: {cli.store}.")
    assert "Traceback" not in message and "Resource temporarily" not in message
    assert loaded.stdout == ""
    # The server still answers, on the data it had.
    assert server.get("/api/actors/ca-team")["label"].startswith("Regionaal Consultatie")
    assert cli.zorgnet("info").stdout == served.before["info"].stdout


@pytest.mark.slow
def test_after_an_edit_in_the_web_app_a_new_read_sees_the_new_version(
    tmp_path_factory: pytest.TempPathFactory, loaded_store: Path
) -> None:
    projections = ProjectionCache()
    cli = _cli(tmp_path_factory, loaded_store)
    relation = "test-ca-team-verwijst-veilig-thuis"
    before = json.loads(cli.zorgnet("actor", "ca-team", "--json").stdout)
    assert relation not in json.dumps(before)
    with cli.serving() as server:
        # A reader that stays open, as a second web-app worker would.
        with Store(cli.store, read_only=True) as worker:
            version = worker.version
            assert not _relation_in(projections.get(worker), relation)
            edit = server.add_relation(relation, "Test: lezen terwijl de server draait.")
            assert edit.status_code == 201, edit.text
            after = cli.zorgnet("actor", "ca-team", "--json")
            assert after.returncode == 0, after.stderr
            out = json.loads(after.stdout)["relations_out"]
            found = [r for r in out if r["id"] == relation]
            assert [(r["source"], r["target"], r["kind"]) for r in found] == [
                ("ca-team", "veilig-thuis", "verwijst")
            ]
            # The open reader follows too: its next question is on the new version.
            assert worker.version != version
            assert _relation_in(projections.get(worker), relation)
        assert relation in json.dumps(server.get("/api/actors/ca-team"))


def _relation_in(G: nx.MultiDiGraph, relation: str) -> bool:
    iri = f"https://w3id.org/zorgnet/id/relation/{relation}"
    return any(data.get("iri") == iri for _, _, data in G.edges(data=True))
