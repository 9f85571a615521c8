"""One writer, many readers, with real servers: ``zorgnet serve`` writes a store, a second
``zorgnet serve --alleen-lezen`` serves the same store beside it, and the CLI reads it.

Each runs in a process of its own on a free loopback port. The reader answers reads and
refuses edits with a Dutch 503; a second writer is told which process writes and how
to start a reader instead; an edit through the writer is seen by the reader's next
request and by the next CLI command.
"""

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import free_port
from serving import CliStore, ServedProcess

from zorgnet.graph.store import Store
from zorgnet.graph.summary import summarize

pytestmark = pytest.mark.slow

DATA = Path(__file__).parents[2] / "data" / "gooi-en-vechtstreek"
# Both servers know the token: --alleen-lezen must refuse edits all the same.
TOKEN = "een-schrijver-veel-lezers"
RELATION = "test-tweede-server-ca-team-veilig-thuis"
REASON = "Test: een schrijver en een lezer naast elkaar."


def _said(text: str) -> str:
    """Output without the line breaks the console wraps long messages at."""
    return " ".join(text.split())


@dataclass
class Servers:
    writer: ServedProcess
    reader: ServedProcess
    cli: CliStore
    summary: dict


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory, loaded_store: Path) -> Iterator[Servers]:
    """A writing and a read-only server on one copy of the shipped data."""
    base = tmp_path_factory.mktemp("schrijver-en-lezer")
    cli = CliStore(base / "store", base / "cache", TOKEN)
    shutil.copytree(loaded_store, cli.store)
    with Store(cli.store, read_only=True) as opened:
        summary = summarize(opened.graph()).__dict__
    with cli.serving() as writer, cli.serving("--alleen-lezen") as reader:
        yield Servers(writer, reader, cli, summary)


def test_the_reader_says_it_only_reads_beside_the_writer(servers: Servers) -> None:
    assert "(alleen lezen, naast de server die schrijft)" in servers.reader.started
    assert "(wijzigen met token)" in servers.writer.started
    reader, writer = servers.reader.get("/health"), servers.writer.get("/health")
    assert (reader["alleen_lezen"], writer["alleen_lezen"]) == (True, False)
    assert reader["version"] == writer["version"]
    assert reader["triples"] == writer["triples"] > 1000


def test_the_cli_answers_while_both_servers_run(servers: Servers) -> None:
    info = servers.cli.zorgnet("info", "--json")
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout) == servers.summary
    route = servers.cli.zorgnet("route", "huisarts", "jeugd-ggz", "--gemeente", "huizen")
    assert route.returncode == 0, route.stderr
    assert route.stderr == ""
    # The routes the reading server gives over HTTP, each explained the same.
    answered = servers.reader.get("/api/routes?van=huisarts&naar=jeugd-ggz&gemeente=huizen")
    routes = answered["routes"]
    assert routes and "huisarts mag hier verwijzen (Jeugdwet)" in routes[0]["explanation"]
    assert re.findall(r"Route (\d+) \(kosten", route.stdout) == [
        str(n) for n in range(1, len(routes) + 1)
    ]
    for answer in routes:
        assert _said(answer["explanation"]) in _said(route.stdout)


def test_the_reader_answers_reads_and_refuses_edits(servers: Servers) -> None:
    actor = servers.reader.get("/api/actors/ca-team")
    assert actor["label"].startswith("Regionaal Consultatie")
    refused = servers.reader.add_relation(RELATION, REASON)
    assert refused.status_code == 503
    assert refused.json()["fout"].startswith("Deze server leest alleen mee")
    assert RELATION not in json.dumps(servers.writer.get("/api/actors/ca-team"))


def test_a_second_writer_is_told_who_writes_and_how_to_read_beside_it(servers: Servers) -> None:
    second = servers.cli.zorgnet("serve", "--port", str(free_port()), timeout=120)
    assert second.returncode == 2
    assert "draait op" not in second.stdout
    message = _said(second.stderr)
    assert message.startswith(
        "fout: De opslag is in gebruik door een ander proces dat erin schrijft "
        f"(zorgnet serve, proces {servers.writer.process.pid})"
    )
    assert "zorgnet serve --alleen-lezen --port <een andere poort>" in message
    assert message.endswith(f"Map van de opslag: {servers.cli.store}.")
    loaded = servers.cli.zorgnet("load", str(DATA))
    assert loaded.returncode == 2
    assert f"(zorgnet serve, proces {servers.writer.process.pid})" in _said(loaded.stderr)
    assert "Traceback" not in second.stderr + loaded.stderr
    # Both servers go on answering.
    assert servers.reader.get("/health")["version"] == servers.writer.get("/health")["version"]


def test_an_edit_through_the_writer_is_seen_by_the_next_read_of_the_reader_and_the_cli(
    servers: Servers,
) -> None:
    before = servers.reader.get("/health")["version"]
    made = servers.writer.add_relation(RELATION, REASON)
    assert made.status_code == 201, made.text
    after = servers.writer.get("/health")["version"]
    assert after != before
    # The reader's next request reads the version the writer made: no wait, no restart.
    assert servers.reader.get("/health")["version"] == after
    out = servers.reader.get("/api/actors/ca-team")["relations_out"]
    assert [(r["source"], r["target"]) for r in out if r["id"] == RELATION] == [
        ("ca-team", "veilig-thuis")
    ]
    actor = servers.cli.zorgnet("actor", "ca-team", "--json")
    assert actor.returncode == 0, actor.stderr
    assert RELATION in [r["id"] for r in json.loads(actor.stdout)["relations_out"]]
    info = json.loads(servers.cli.zorgnet("info", "--json").stdout)
    assert info["records"]["relations"] == servers.summary["records"]["relations"] + 1
