"""The remote store on Virtuoso: all-or-nothing loads, paged reads, clear errors, concurrency."""

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from virtuoso import VirtuosoServer

from zorgnet.graph.sparql_store import SparqlStore
from zorgnet.loaders.dataset import Dataset
from zorgnet.ontology.exceptions import StoreError

XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")


def _graph(n: int, tag: str) -> Graph:
    graph = Graph()
    for i in range(n):
        graph.add((URIRef(f"urn:x:{tag}:{i}"), URIRef("urn:x:p"), Literal(i)))
    return graph


def _open(server: VirtuosoServer, **options: object) -> SparqlStore:
    return SparqlStore(server.endpoint, user="zorgnet", password=server.password, **options)  # type: ignore[arg-type]


def test_replace_makes_the_new_version_current_and_drops_the_old(
    empty_virtuoso: VirtuosoServer,
) -> None:
    with _open(empty_virtuoso) as store:
        store.replace(_graph(10, "a"))
        first = store.version
        store.replace(_graph(5, "b"))
        assert len(store) == 5
        assert store.version != first
        assert store.select(f"ASK {{ GRAPH <{first}> {{ ?s ?p ?o }} }}") is False


def test_reads_come_in_pages_and_miss_nothing(
    empty_virtuoso: VirtuosoServer, shipped: Dataset
) -> None:
    with _open(empty_virtuoso, page=1000) as store:
        store.replace(shipped.graph)
        assert isomorphic(store.snapshot(), shipped.graph)


def test_a_file_is_sent_as_read_and_a_broken_one_changes_nothing(
    empty_virtuoso: VirtuosoServer, shipped: Dataset, tmp_path: Path
) -> None:
    good = tmp_path / "regio.nt"
    with good.open("wb") as out:
        shipped.triples.write(out)
    broken = tmp_path / "kapot.nt"
    broken.write_bytes(good.read_bytes() + b"<urn:x:kapot> dit is geen n-triples\n")
    with _open(empty_virtuoso) as store:
        store.replace_from_file(good)
        assert isomorphic(store.snapshot(), shipped.graph)
        version = store.version
        with pytest.raises(StoreError, match=r"kapot\.nt kan niet worden gelezen"):
            store.replace_from_file(broken)
        assert store.version == version
        assert len(store) == len(shipped.graph)


def test_blank_nodes_and_literals_that_look_like_terms_come_back_unchanged(
    empty_virtuoso: VirtuosoServer,
) -> None:
    data = Graph()
    node, p = BNode("b1"), URIRef("urn:x:p")
    genid = "<https://w3id.org/zorgnet/.well-known/genid/b2> ."
    data.add((node, p, BNode("b2")))
    data.add((URIRef("urn:x:a"), p, node))
    data.add((URIRef("urn:x:a"), p, Literal(genid, lang="nl")))
    data.add((URIRef("urn:x:a"), p, Literal(f"regel 1\n{genid}", lang="nl")))
    data.add(
        (
            URIRef("urn:x:a"),
            p,
            Literal("75", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")),
        )
    )
    data.add((URIRef("urn:x:a"), p, Literal("Één café, \u2018zorg\u2019 ☂", lang="nl")))
    with _open(empty_virtuoso, page=2) as store:
        store.replace(data)
        assert isomorphic(store.snapshot(), data)


def test_a_server_that_scans_in_another_order_per_page_still_gives_all_data(
    empty_virtuoso: VirtuosoServer, shipped: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _open(empty_virtuoso, page=500) as store:
        store.replace(shipped.graph)
        # As if every page had repeated rows of another: the count check notices.
        monkeypatch.setattr(store, "_read_pages", lambda version, expected: ox.Store())
        assert isomorphic(store.snapshot(), shipped.graph)


def test_reading_by_subject_refuses_a_subject_larger_than_a_page(
    empty_virtuoso: VirtuosoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _graph(4, "a")
    for i in range(4):
        data.add((URIRef("urn:x:big"), URIRef("urn:x:q"), Literal(i)))
    with _open(empty_virtuoso, page=3) as store:
        store.replace(data)
        monkeypatch.setattr(store, "_read_pages", lambda version, expected: ox.Store())
        with pytest.raises(StoreError, match="meer dan 3 triples"):
            store.snapshot()


def test_inserts_in_chunks_give_the_same_data_as_the_graph_store_upload(
    empty_virtuoso: VirtuosoServer, shipped: Dataset
) -> None:
    with _open(empty_virtuoso, chunk=300) as store:
        store._use_graph_store = False
        store.replace(shipped.graph)
        assert isomorphic(store.snapshot(), shipped.graph)


def test_a_load_killed_half_way_by_a_server_crash_leaves_the_old_data(
    empty_virtuoso: VirtuosoServer,
) -> None:
    old = _graph(50, "old")
    with _open(empty_virtuoso, chunk=250) as store:
        store.replace(old)
        before = store.version
        # INSERT DATA in many small requests, so that the crash falls inside the load.
        store._use_graph_store = False
        failures: list[BaseException] = []

        def load() -> None:
            try:
                store.replace(_graph(100_000, "new"))
            except StoreError as exc:
                failures.append(exc)

        writer = threading.Thread(target=load)
        writer.start()
        time.sleep(1.5)
        empty_virtuoso.kill()
        writer.join(timeout=60)
    assert failures, "the load should have failed when the server died"
    assert "niet bereikbaar" in str(failures[0])
    empty_virtuoso.restart()
    with _open(empty_virtuoso) as store:
        assert store.version == before
        assert isomorphic(store.snapshot(), old)


def test_a_server_that_is_down_is_named_with_what_to_do() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(StoreError) as error:
        SparqlStore(f"http://127.0.0.1:{port}/sparql")
    message = str(error.value)
    assert f"http://127.0.0.1:{port}/sparql is niet bereikbaar" in message
    assert "of de server draait" in message


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never answers: a server that hangs."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield sock.getsockname()[1]


def test_a_slow_server_times_out_with_a_clear_message(silent_server: int) -> None:
    with pytest.raises(StoreError, match=r"antwoordde niet binnen 0\.5 seconden"):
        SparqlStore(f"http://127.0.0.1:{silent_server}/sparql", timeout=0.5)


def test_writing_without_the_update_user_is_refused_and_says_what_to_do(
    empty_virtuoso: VirtuosoServer,
) -> None:
    with SparqlStore(empty_virtuoso.endpoint) as anonymous:
        with pytest.raises(StoreError, match="ZORGNET_SPARQL_USER"):
            anonymous.replace(_graph(3, "a"))
        assert anonymous.version is None


def test_a_wrong_password_is_refused(empty_virtuoso: VirtuosoServer) -> None:
    with SparqlStore(empty_virtuoso.endpoint, user="zorgnet", password="fout") as store:
        with pytest.raises(StoreError, match="HTTP 401"):
            store.replace(_graph(3, "a"))
        assert store.version is None


def test_a_property_path_without_a_start_gets_a_dutch_explanation(
    empty_virtuoso: VirtuosoServer,
) -> None:
    with _open(empty_virtuoso) as store:
        store.replace(_graph(3, "a"))
        with pytest.raises(StoreError, match="vast beginpunt"):
            store.select(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{store.version}> "
                "{ ?a <urn:x:p>+ ?b } }"
            )


def test_a_writer_that_read_stale_data_is_refused_instead_of_overwriting(
    empty_virtuoso: VirtuosoServer,
) -> None:
    with _open(empty_virtuoso) as first, _open(empty_virtuoso) as second:
        first.replace(_graph(3, "a"))
        stale = first.snapshot()
        second.snapshot()
        second.replace(_graph(4, "b"))
        with pytest.raises(StoreError, match="intussen door een ander gewijzigd"):
            first.replace(stale + _graph(1, "c"))
        assert len(second) == 4


def test_a_read_in_another_thread_does_not_make_stale_data_look_current(
    empty_virtuoso: VirtuosoServer,
) -> None:
    # A web server shares one store between its threads: a reader that sees a newer
    # version must not vouch for the data an editor read before it.
    with _open(empty_virtuoso) as shared, _open(empty_virtuoso) as other:
        shared.replace(_graph(3, "a"))
        stale = shared.snapshot()
        other.replace(_graph(4, "b"))
        reader = threading.Thread(target=shared.graph)
        reader.start()
        reader.join()
        with pytest.raises(StoreError, match="intussen door een ander gewijzigd"):
            shared.replace(stale + _graph(1, "c"))
        assert len(other) == 4


def test_a_text_typed_as_string_and_the_same_plain_text_are_one_triple(
    empty_virtuoso: VirtuosoServer,
) -> None:
    XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
    data = Graph()
    data.add((URIRef("urn:x:a"), URIRef("urn:x:door"), Literal("redactie")))
    data.add((URIRef("urn:x:a"), URIRef("urn:x:door"), Literal("redactie", datatype=XSD_STRING)))
    with _open(empty_virtuoso) as store:
        store.replace(data)
        assert len(store) == 1
        again = store.snapshot()
        again.add((URIRef("urn:x:b"), URIRef("urn:x:door"), Literal("redactie")))
        store.replace(again)
        assert len(store.graph()) == 2


def _until_taken(write: Callable[[], None], stop: float, errors: list[BaseException]) -> bool:
    """Run *write* until the store takes it, again whenever another writer came first.

    False when time runs out, or on any other error (which goes into *errors*).
    """
    while time.monotonic() < stop:
        try:
            write()
        except StoreError as exc:
            if "intussen door een ander gewijzigd" not in str(exc):
                errors.append(exc)
                return False
            continue
        return True
    return False


def test_concurrent_readers_and_writers_lose_no_acknowledged_write(
    empty_virtuoso: VirtuosoServer,
) -> None:
    base = _graph(200, "base")
    with _open(empty_virtuoso) as store:
        store.replace(base)
        before = len(store)
    acknowledged: list[str] = []
    seen_counts: list[int] = []
    errors: list[BaseException] = []
    stop = time.monotonic() + 10

    def writer(n: int) -> None:
        with _open(empty_virtuoso) as own:
            for i in range(3):
                marker = f"w{n}-{i}"

                def write(own: SparqlStore = own, marker: str = marker) -> None:
                    data = own.snapshot()
                    data.add((URIRef(f"urn:x:marker:{marker}"), URIRef("urn:x:p"), Literal(1)))
                    own.replace(data)

                if not _until_taken(write, stop, errors):
                    return
                acknowledged.append(marker)

    def reader() -> None:
        with _open(empty_virtuoso) as own:
            while time.monotonic() < stop:
                try:
                    seen_counts.append(len(own.snapshot()))
                except StoreError as exc:
                    errors.append(exc)
                    return

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(10)]
    threads += [threading.Thread(target=reader) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert acknowledged
    with _open(empty_virtuoso) as store:
        after = store.snapshot()
    markers = {str(s).rsplit(":", 1)[1] for s in after.subjects() if "marker" in str(s)}
    assert markers == set(acknowledged)
    assert len(after) == before + len(acknowledged)
    # Readers saw whole versions only: the base plus some acknowledged markers.
    assert [n for n in seen_counts if not before <= n <= before + len(acknowledged)] == []


# -- edits (apply) -------------------------------------------------------------------


def _triple(tag: str, i: int, value: object) -> Graph:
    graph = Graph()
    graph.add((URIRef(f"urn:x:{tag}:{i}"), URIRef("urn:x:p"), Literal(value)))
    return graph


def _version_graphs(store: SparqlStore) -> set[str]:
    rows = store.select(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        'FILTER(STRSTARTS(STR(?g), "urn:zorgnet:version:")) }'
    )
    assert isinstance(rows, list)
    return {row["g"]["value"] for row in rows}


def test_an_edit_changes_only_its_triples_in_a_new_version(
    empty_virtuoso: VirtuosoServer,
) -> None:
    with _open(empty_virtuoso) as store:
        store.replace(_graph(10, "a"))
        first = store.version
        view = store.graph()
        store.apply(_triple("a", 3, 3), _triple("a", 3, 33) + _triple("b", 0, 0))
        assert store.version != first
        assert len(store) == 11
        expected = _graph(10, "a") - _triple("a", 3, 3) + _triple("a", 3, 33) + _triple("b", 0, 0)
        assert isomorphic(store.graph(), expected)
        # A request that began before the edit still reads the version it began with.
        assert (URIRef("urn:x:a:3"), URIRef("urn:x:p"), Literal(3)) in view
        assert store.changes_since(first) == {"urn:x:a:3", "urn:x:b:0"}
        # The base version is dropped, as after a load.
        assert _version_graphs(store) == {str(store.version)}
    with _open(empty_virtuoso) as fresh:
        assert isomorphic(fresh.snapshot(), expected)


def test_an_edit_counts_triples_it_removes_that_are_missing_and_adds_that_exist(
    empty_virtuoso: VirtuosoServer,
) -> None:
    with _open(empty_virtuoso) as store:
        store.replace(_graph(5, "a"))
        # Removing what is not there and adding what is already there change nothing;
        # removing and adding the same triple keeps it.
        store.apply(
            _triple("a", 9, 9) + _triple("a", 1, 1), _triple("a", 0, 0) + _triple("a", 1, 1)
        )
        assert isomorphic(store.snapshot(), _graph(5, "a"))


def test_an_edit_removes_a_text_typed_as_string_like_the_plain_text(
    empty_virtuoso: VirtuosoServer,
) -> None:
    XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
    typed = Graph()
    typed.add((URIRef("urn:x:a"), URIRef("urn:x:door"), Literal("redactie", datatype=XSD_STRING)))
    with _open(empty_virtuoso) as store:
        store.replace(typed + _graph(2, "b"))
        store.apply(typed, Graph())
        assert isomorphic(store.snapshot(), _graph(2, "b"))


def test_an_acknowledged_edit_survives_a_server_crash(empty_virtuoso: VirtuosoServer) -> None:
    with _open(empty_virtuoso) as store:
        store.replace(_graph(50, "a"))
        store.apply(_triple("a", 3, 3), _triple("b", 0, 0))
        after = store.version
    empty_virtuoso.kill()
    empty_virtuoso.restart()
    with _open(empty_virtuoso) as store:
        assert store.version == after
        assert isomorphic(
            store.snapshot(), _graph(50, "a") - _triple("a", 3, 3) + _triple("b", 0, 0)
        )


def test_the_copy_in_memory_follows_an_edit_without_reading_the_version_again(
    empty_virtuoso: VirtuosoServer,
    shipped: Dataset,
    relabelled: tuple[Graph, Graph],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = shipped.graph
    old, new = relabelled
    new.add((URIRef("urn:x:nieuw"), URIRef("urn:x:p"), Literal("75", datatype=XSD_DECIMAL)))
    with _open(empty_virtuoso) as store:
        store.replace(data)
        store.graph()

        def fetch() -> None:
            raise AssertionError("the edited version was read from the server again")

        monkeypatch.setattr(store, "_fetch", fetch)
        store.apply(old, new)
        local = store.graph()
        assert len(local) == len(data) + 1
        monkeypatch.undo()
    with _open(empty_virtuoso) as fresh:
        assert isomorphic(local, fresh.snapshot())
        assert isomorphic(local, data - old + new)


def test_an_edit_that_fails_half_way_leaves_the_old_data_and_no_new_graph(
    empty_virtuoso: VirtuosoServer,
) -> None:
    with _open(empty_virtuoso) as store:
        store.replace(_graph(10, "a"))
        before = store.version
        # The copy is made and the triple deleted from it; then the server refuses the
        # IRI with a space.
        bad = Graph()
        bad.add((URIRef("urn:x:a kapot"), URIRef("urn:x:p"), Literal(1)))
        with pytest.raises(StoreError, match="HTTP 400"):
            store.apply(_triple("a", 3, 3), bad)
        assert store.version == before
        assert isomorphic(store.snapshot(), _graph(10, "a"))
        assert _version_graphs(store) == {str(before)}


def test_an_edit_whose_switch_fails_leaves_the_old_data_and_no_new_graph(
    empty_virtuoso: VirtuosoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _open(empty_virtuoso) as store:
        store.replace(_graph(10, "a"))
        before = store.version
        store.graph()

        def broken_switch(expected: str | None, new: str) -> None:
            raise StoreError("De server viel weg.")

        monkeypatch.setattr(store, "_switch", broken_switch)
        with pytest.raises(StoreError, match="viel weg"):
            store.apply(_triple("a", 3, 3), _triple("b", 0, 0))
        monkeypatch.undo()
        assert store.version == before
        assert len(store) == 10
        assert isomorphic(store.graph(), _graph(10, "a"))
        assert _version_graphs(store) == {str(before)}
        assert store.changes_since(before) == frozenset()


def test_an_edit_that_counts_wrong_is_not_made_current(
    empty_virtuoso: VirtuosoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _open(empty_virtuoso) as store:
        store.replace(_graph(10, "a"))
        before = store.version
        # As if the server had lost an insert: the count check notices.
        monkeypatch.setattr(store, "_present", lambda graph, triples: set())
        with pytest.raises(StoreError, match="hield na de wijziging 10 triples over"):
            store.apply(_triple("a", 3, 3), _triple("a", 3, 3))
        assert store.version == before
        assert _version_graphs(store) == {str(before)}


def test_an_edit_based_on_stale_data_is_refused(empty_virtuoso: VirtuosoServer) -> None:
    with _open(empty_virtuoso) as first, _open(empty_virtuoso) as second:
        first.replace(_graph(3, "a"))
        first.snapshot()
        second.snapshot()
        second.apply(Graph(), _triple("b", 0, 0))
        with pytest.raises(StoreError, match="intussen door een ander gewijzigd"):
            first.apply(_triple("a", 0, 0), Graph())
        assert len(second) == 4
        assert _version_graphs(second) == {str(second.version)}


def test_a_read_in_another_thread_does_not_make_a_stale_edit_look_current(
    empty_virtuoso: VirtuosoServer,
) -> None:
    with _open(empty_virtuoso) as shared, _open(empty_virtuoso) as other:
        shared.replace(_graph(3, "a"))
        shared.snapshot()
        other.replace(_graph(4, "b"))
        reader = threading.Thread(target=shared.graph)
        reader.start()
        reader.join()
        with pytest.raises(StoreError, match="intussen door een ander gewijzigd"):
            shared.apply(_triple("a", 0, 0), Graph())
        assert len(other) == 4


def test_changes_are_known_along_a_chain_of_edits_and_not_across_a_load(
    empty_virtuoso: VirtuosoServer,
) -> None:
    with _open(empty_virtuoso) as store:
        store.replace(_graph(5, "a"))
        first = store.version
        store.apply(_triple("a", 0, 0), Graph())
        second = store.version
        store.apply(Graph(), _triple("b", 0, 0))
        assert isinstance(store.version, URIRef)
        assert store.changes_since(first) == {"urn:x:a:0", "urn:x:b:0"}
        assert store.changes_since(second) == {"urn:x:b:0"}
        assert store.changes_since(store.version) == frozenset()
        store.replace(_graph(5, "c"))
        assert store.changes_since(first) is None
        assert store.changes_since(second) is None


def test_an_edit_cannot_remove_blank_nodes(empty_virtuoso: VirtuosoServer) -> None:
    with _open(empty_virtuoso) as store:
        store.replace(_graph(2, "a"))
        blank = Graph()
        blank.add((BNode(), URIRef("urn:x:p"), Literal(1)))
        with pytest.raises(StoreError, match="lege knopen"):
            store.apply(blank, Graph())
        assert len(store) == 2


def test_an_edit_of_an_empty_store_loads_what_it_adds(empty_virtuoso: VirtuosoServer) -> None:
    with _open(empty_virtuoso) as store:
        store.apply(Graph(), _graph(3, "a"))
        assert isomorphic(store.snapshot(), _graph(3, "a"))


def test_concurrent_edits_lose_no_acknowledged_write(empty_virtuoso: VirtuosoServer) -> None:
    with _open(empty_virtuoso) as store:
        store.replace(_graph(100, "base"))
    acknowledged: list[str] = []
    errors: list[BaseException] = []
    stop = time.monotonic() + 20

    def writer(n: int) -> None:
        with _open(empty_virtuoso) as own:
            for i in range(2):
                marker = f"w{n}-{i}"

                def write(own: SparqlStore = own, i: int = i, marker: str = marker) -> None:
                    own.graph()
                    own.apply(Graph(), _triple("marker", n * 10 + i, marker))

                if not _until_taken(write, stop, errors):
                    return
                acknowledged.append(marker)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    with _open(empty_virtuoso) as store:
        after = store.snapshot()
        assert _version_graphs(store) == {str(store.version)}
    markers = {str(o) for o in after.objects() if str(o).startswith("w")}
    assert markers == set(acknowledged)
    assert len(acknowledged) == 8
    assert len(after) == 100 + 8


def test_an_edit_counts_only_the_version_it_writes_when_the_base_size_is_known(
    empty_virtuoso: VirtuosoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _open(empty_virtuoso) as store:
        store.replace(_graph(20, "a"))
        counted: list[str] = []
        count = store._count

        def spy(graph: str) -> int:
            counted.append(graph)
            return count(graph)

        monkeypatch.setattr(store, "_count", spy)
        first = str(store.version)
        store.apply(_triple("a", 0, 0), _triple("a", 0, 100))
        second = str(store.version)
        store.apply(_triple("a", 1, 1), Graph())
        # Each version is counted once, to check what was written; never again as a base.
        assert counted == [second, str(store.version)]
        assert first != second
        assert len(store) == 19


def test_an_edit_from_a_base_someone_else_dropped_is_refused(
    empty_virtuoso: VirtuosoServer,
) -> None:
    with _open(empty_virtuoso) as store:
        store.replace(_graph(20, "a"))
        base = str(store.version)
        # Another process empties the version behind this store's back: the size this
        # store remembers for it is now wrong, and the count check must catch it.
        store.update(f"DROP SILENT GRAPH <{base}>")
        with pytest.raises(StoreError):
            store.apply(_triple("a", 0, 0), Graph())
        assert str(store.version) == base
        assert _version_graphs(store) <= {base}


def _write_at_first_call(
    monkeypatch: pytest.MonkeyPatch,
    reader: SparqlStore,
    method: str,
    write: Callable[[], None],
    *,
    after: bool,
) -> list[str]:
    """Make *write* happen at the reader's first call of *method* (before or *after* it);
    the graphs of every call are returned."""
    original = getattr(reader, method)
    calls: list[str] = []

    def interrupted(graph: str, *args: Any) -> Any:
        first = not calls
        calls.append(graph)
        if first and not after:
            write()
        result = original(graph, *args)
        if first and after:
            write()
        return result

    monkeypatch.setattr(reader, method, interrupted)
    return calls


def test_a_complete_read_is_kept_when_an_edit_overtakes_it(
    empty_virtuoso: VirtuosoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _open(empty_virtuoso) as writer, _open(empty_virtuoso) as reader:
        writer.replace(_graph(20, "a"))

        def edit() -> None:
            writer.graph()
            writer.apply(Graph(), _triple("b", 0, 0))

        reads = _write_at_first_call(monkeypatch, reader, "_read_pages", edit, after=True)
        version, store = reader._fetch()
        assert reads == [version]
        assert len(store) == 20
        assert str(writer.version) != version


def test_a_version_dropped_before_it_is_counted_is_not_read_as_empty(
    empty_virtuoso: VirtuosoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _open(empty_virtuoso) as writer, _open(empty_virtuoso) as reader:
        writer.replace(_graph(20, "a"))
        # Another editor loads (and drops the version the reader is about to count)
        # between the reader's look at the pointer and its count.
        counted = _write_at_first_call(
            monkeypatch, reader, "_count", lambda: writer.replace(_graph(30, "b")), after=False
        )
        version, store = reader._fetch()
        assert counted[0] != version
        assert version == str(writer.version)
        assert len(store) == 30
