"""Many editors and readers at once: does the API lose an edit it acknowledged?

For each store backend (the embedded Oxigraph store and a private Virtuoso server) the
real app runs in uvicorn on a loopback port, filled with the shipped dataset. Fifty
client threads then use it over HTTP for a bounded time: most read (the actor list, one
actor, a referral route, the history), a few add relations and change the ones they
added. Every answer is recorded. Afterwards the API and the store itself, reopened after
the server stopped, must hold every acknowledged edit, and nothing else may differ from
the shipped data.
"""

import threading
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from conftest import serve
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node
from virtuoso import VirtuosoServer

from zorgnet.api.settings import Settings
from zorgnet.graph.backends import open_store
from zorgnet.graph.rdf_records import record_fields
from zorgnet.loaders.dataset import Dataset
from zorgnet.loaders.records import record_iri
from zorgnet.ontology.namespace import ID
from zorgnet.ontology.schema import record_kinds

TOKEN = "token-van-de-gelijktijdige-test"
CLIENTS = 50
WRITERS = 4
# Seconds of load per backend: all clients run for LOAD_SECONDS (longer while an edit is
# still answered); writers send new edits during the first WRITE_SECONDS only, because
# each edit (SHACL over the whole dataset, one at a time) takes seconds under this load.
LOAD_SECONDS = 30
WRITE_SECONDS = 10
ROUTE = {"van": "huisarts", "naar": "jeugd-ggz", "gemeente": "huizen"}
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
RELATIONS_COUNT = "SELECT (COUNT(?r) AS ?n) WHERE { ?r a <https://w3id.org/zorgnet/def#Relation> }"


@dataclass
class Tally:
    """Every answer the clients got, shared by the client threads."""

    reads: Counter[str] = field(default_factory=Counter)
    writes: list[dict[str, Any]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    writing: int = WRITERS
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail(self, what: str) -> None:
        with self.lock:
            self.refused.append(what)


def _relation(writer: int, step: int) -> dict[str, Any]:
    return {
        "id": f"gelijktijdig-w{writer}-{step}",
        "from": "veilig-thuis",
        "to": "huisarts",
        "kind": "verwijst",
        "source": ["003 §4"],
        "description": f"Schrijver {writer}, stap {step}.",
    }


def _writer(base: str, writer: int, stop: float, tally: Tally) -> None:
    """Add a relation, then change it; again and again until *stop*."""
    try:
        _write(base, writer, stop, tally)
    finally:
        with tally.lock:
            tally.writing -= 1


def _write(base: str, writer: int, stop: float, tally: Tally) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=base, timeout=180, headers=auth) as client:
        step = 0
        while time.monotonic() < stop:
            record = _relation(writer, step)
            body = {"registratie": record, "reden": f"Gelijktijdige test, stap {step}."}
            try:
                if step % 2 == 0:
                    answer = client.post("/api/edits/relations", json=body)
                else:
                    record = {**record, "id": f"gelijktijdig-w{writer}-{step - 1}"}
                    body["registratie"] = record
                    answer = client.put(f"/api/edits/relations/{record['id']}", json=body)
            except httpx.HTTPError as exc:
                tally.fail(f"schrijver {writer} stap {step}: {exc!r}")
                return
            if not answer.is_success:
                tally.fail(f"schrijver {writer} stap {step}: {answer.status_code} {answer.text}")
                return
            with tally.lock:
                tally.writes.append({**answer.json(), "sent": record})
            step += 1


def _reader(base: str, number: int, stop: float, actors: list[str], tally: Tally) -> None:
    """Read the list, an actor, a route and the history in turn until *stop*, and
    for as long as an edit is still on its way. Edits add relations only, so every
    list must count all *actors*."""
    requests: list[tuple[str, dict[str, Any]]] = [
        ("/api/actors", {"limit": 20, "offset": number % 100}),
        ("/api/routes", ROUTE),
        ("/api/edits", {}),
    ]
    with httpx.Client(base_url=base, timeout=180) as client:
        turn = number
        while time.monotonic() < stop or tally.writing:
            actor = actors[turn % len(actors)]
            path, params = (f"/api/actors/{actor}", {}) if turn % 4 == 3 else requests[turn % 4 % 3]
            try:
                answer = client.get(path, params=params)
            except httpx.HTTPError as exc:
                tally.fail(f"lezer {number} {path}: {exc!r}")
                return
            if answer.status_code != 200:
                tally.fail(f"lezer {number} {path}: {answer.status_code} {answer.text[:300]}")
                return
            if path == "/api/actors" and answer.json()["total"] != len(actors):
                tally.fail(f"lezer {number}: {answer.json()['total']} actoren")
                return
            with tally.lock:
                tally.reads[path.rsplit("/", 1)[0] if path.count("/") > 2 else path] += 1
            turn += 1


def _run_clients(base: str, actors: list[str]) -> Tally:
    tally = Tally()
    start = time.monotonic()
    stop = start + LOAD_SECONDS
    targets: list[tuple[Callable[..., None], tuple[Any, ...]]] = [
        (_writer, (base, n, start + WRITE_SECONDS, tally)) for n in range(WRITERS)
    ]
    targets += [(_reader, (base, n, stop, actors, tally)) for n in range(CLIENTS - WRITERS)]
    threads = [threading.Thread(target=t, args=a, daemon=True) for t, a in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        # An edit sent just before its writer's stop may wait for the ones queued before.
        thread.join(LOAD_SECONDS + 180)
        assert not thread.is_alive(), "a client did not finish"
    return tally


def _count(client: httpx.Client) -> dict[str, Any]:
    """What the API says it holds: actors, relations, edits, triples."""
    answers = [
        client.get("/api/actors", params={"limit": 500}),
        client.get(
            "/sparql",
            params={"query": RELATIONS_COUNT},
            headers={"Accept": "application/sparql-results+json"},
        ),
        client.get("/api/edits"),
        client.get("/health"),
    ]
    assert all(a.status_code == 200 for a in answers), [a.text[:300] for a in answers]
    actors, relations, edits, health = (a.json() for a in answers)
    assert actors["total"] == len(actors["items"])
    return {
        "actors": {a["id"]: a for a in actors["items"]},
        "relations": int(relations["results"]["bindings"][0]["n"]["value"]),
        "edits": {e["id"]: e for e in edits},
        "triples": health["triples"],
    }


def _final_state(writes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The record each created relation must hold: the last acknowledged write to it."""
    final: dict[str, dict[str, Any]] = {}
    for write in writes:
        # The answer's "after" is the record as stored (with defaults such as asOf).
        assert write["after"] == {**write["after"], **write["sent"]}
        final[write["record"]] = write["after"]
    return final


def _simple(triple: tuple[Node, Node, Node]) -> tuple[Node, Node, Node]:
    # RDF 1.1: "x"^^xsd:string is the simple literal "x"; stores return the typed form.
    s, p, o = triple
    if isinstance(o, Literal) and o.datatype == XSD_STRING:
        return s, p, Literal(str(o))
    return s, p, o


def _without_edits(graph: Graph, created: set[str]) -> set[tuple[Node, Node, Node]]:
    """*graph* without the edit history and the records the clients created."""
    kind = record_kinds()["relations"]
    subjects = {str(record_iri(kind, record_id)) for record_id in created}
    history = (str(ID["edit/"]), str(ID["agent/"]))
    return {
        _simple(triple)
        for triple in graph
        if not str(triple[0]).startswith(history)
        and str(triple[0]).split("/bron/", 1)[0] not in subjects
    }


def _under_load(settings: Settings) -> tuple[dict[str, Any], Tally, dict[str, Any] | None]:
    """The counts before, every answer the clients got, the counts after (None when the
    API could not count any more)."""
    with serve(settings) as base, httpx.Client(base_url=base, timeout=60) as client:
        before = _count(client)
        tally = _run_clients(base, sorted(before["actors"]))
        try:
            after = _count(client)
        except AssertionError:
            after = None
    return before, tally, after


def _aborted_server(request: pytest.FixtureRequest, store: str) -> VirtuosoServer | None:
    """The test's Virtuoso server if it is *store* and stopped by itself."""
    if not store.startswith("sparql+"):
        return None
    server: VirtuosoServer = request.getfixturevalue("empty_virtuoso")
    return server if server.crash_report() is not None else None


@pytest.mark.slow
def test_concurrent_clients_lose_no_acknowledged_edit(
    any_store: str,
    make_settings: Callable[..., Settings],
    shipped: Dataset,
    request: pytest.FixtureRequest,
) -> None:
    settings = make_settings(any_store, token=TOKEN)
    before, tally, after = _under_load(settings)
    server = _aborted_server(request, any_store)
    if server is not None and all(": 503 " in refusal for refusal in tally.refused):
        # Virtuoso 7.2.5 itself aborted once in about ten suite runs under this load
        # (glibc: "malloc_consolidate(): unaligned fastbin chunk detected"), on a new
        # server too, and zorgnet answered every request after it with its 503. What
        # this test checks is zorgnet, so it runs once more on a new server, and says so.
        warnings.warn(f"tweede poging op een nieuwe server: {server.crash_report()}", stacklevel=1)
        server.renew()
        settings = make_settings(server.store_url, token=TOKEN)
        before, tally, after = _under_load(settings)
    assert after is not None, "the API still counts what it holds after the load"
    writes = tally.writes
    created = {w["record"] for w in writes if w["action"] == "aanmaken"}
    print(
        f"\n{any_store.split(':', 1)[0]}: {sum(tally.reads.values())} reads "
        f"{dict(tally.reads)}, {len(writes)} writes acknowledged "
        f"({len(created)} added, {len(writes) - len(created)} changed), "
        f"{len(tally.refused)} refused"
    )

    assert tally.refused == []
    assert len(created) >= WRITERS, "every writer got at least one edit through"
    assert sum(tally.reads.values()) > len(writes)
    # Counted through the API before and after: exactly the acknowledged edits were added.
    assert after["relations"] == before["relations"] + len(created)
    assert before["edits"] == {}
    assert set(after["edits"]) == {w["id"] for w in writes}
    assert after["actors"] == before["actors"]
    assert after["triples"] > before["triples"]

    # The store itself, reopened after the server stopped: the same, and durable.
    with open_store(settings.store) as store:
        stored = store.snapshot()
    for record_id, record in _final_state(writes).items():
        assert record_fields(stored, "relations", record_id) == record
    assert _without_edits(stored, created) == {_simple(t) for t in shipped.graph}
    assert len(stored) == after["triples"]
