"""The store keeps either the old data or the new, never half of a load."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from zorgnet.graph.store import Store
from zorgnet.ontology.exceptions import StoreError


def _graph(n: int, tag: str) -> Graph:
    graph = Graph()
    for i in range(n):
        graph.add((URIRef(f"urn:x:{tag}:{i}"), URIRef("urn:x:p"), Literal(i)))
    return graph


def test_replace_makes_the_new_data_current_and_drops_the_old(tmp_path: Path) -> None:
    with Store(tmp_path / "db") as store:
        store.replace(_graph(10, "a"))
        first = store.version
        store.replace(_graph(5, "b"))
        assert len(store) == 5
        assert store.version != first
        assert {str(s).split(":")[2] for s in store.graph().subjects()} == {"b"}


@pytest.mark.slow
def test_data_persists_across_restarts(tmp_path: Path) -> None:
    with Store(tmp_path / "db") as store:
        store.replace(_graph(7, "a"))
    with Store(tmp_path / "db") as store:
        assert len(store) == 7


def test_a_second_open_of_the_same_store_is_a_clear_error(tmp_path: Path) -> None:
    with Store(tmp_path / "db"):
        code = (
            "from pathlib import Path; from zorgnet.graph.store import Store; "
            f"Store(Path({str(tmp_path / 'db')!r}))"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0
    # The message names the process that writes: this one, which holds the store.
    message = result.stderr.splitlines()[-1]
    assert "De opslag is in gebruik door een ander proces dat erin schrijft" in message
    assert f"proces {os.getpid()})" in message
    assert "wijzig dan via de webapp" in message and "Lezen kan wel" in message


def test_store_error_is_a_zorgnet_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("geen map")
    with pytest.raises(StoreError, match="kan niet worden geopend"):
        Store(blocker / "db")


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from rdflib import Graph, Literal, URIRef
    from zorgnet.graph.store import Store

    store = Store(Path(sys.argv[1]))
    graph = Graph()
    for i in range(int(sys.argv[2])):
        graph.add((URIRef(f"urn:x:new:{i}"), URIRef("urn:x:p"), Literal(i)))
    print("schrijven", flush=True)
    store.replace(graph)
    print("klaar", flush=True)
    """
)


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.2, 0.5])
@pytest.mark.slow
def test_a_load_killed_midway_leaves_the_old_data(tmp_path: Path, delay: float) -> None:
    old_size, new_size = 1000, 150_000
    with Store(tmp_path / "db") as store:
        store.replace(_graph(old_size, "old"))
    script = tmp_path / "writer.py"
    script.write_text(_WRITER)
    process = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path / "db"), str(new_size)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "schrijven"
    time.sleep(delay)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with Store(tmp_path / "db") as store:
        size = len(store)
        assert size in (old_size, new_size), f"half geladen: {size} triples"
        tags = {str(s).split(":")[2] for s in store.graph().subjects()}
        assert tags == ({"old"} if size == old_size else {"new"})
        # The version a killed writer left behind is cleaned up when the store is opened.
        assert len(list((tmp_path / "db" / "versions").iterdir())) == 1


def test_old_versions_are_deleted_and_a_view_of_the_last_one_still_reads(tmp_path: Path) -> None:
    with Store(tmp_path / "db") as store:
        store.replace(_graph(3, "a"))
        view = store.graph()
        store.replace(_graph(4, "b"))
        # A request that began before the load still reads the version it began with.
        assert len(view) == 3
        store.replace(_graph(5, "c"))
        assert len(list((tmp_path / "db" / "versions").iterdir())) == 2
    assert len(list((tmp_path / "db" / "versions").iterdir())) == 1


@pytest.mark.slow
def test_a_store_of_the_one_database_layout_is_moved_into_a_version_folder(
    tmp_path: Path,
) -> None:
    import pyoxigraph as ox

    folder = tmp_path / "db"
    old = ox.Store(str(folder))
    version = ox.NamedNode("urn:zorgnet:version:0b6e1c2e-1d7c-4d0e-9a55-2f4f0c1d2e3f")
    for i in range(6):
        old.add(
            ox.Quad(ox.NamedNode(f"urn:x:a:{i}"), ox.NamedNode("urn:x:p"), ox.Literal(i), version)
        )
    old.add(
        ox.Quad(
            ox.NamedNode("urn:zorgnet:store"),
            ox.NamedNode("urn:zorgnet:currentVersion"),
            version,
            ox.NamedNode("urn:zorgnet:meta"),
        )
    )
    old.flush()
    del old
    with Store(folder) as store:
        assert len(store) == 6
        assert str(store.version) == version.value
    assert sorted(p.name for p in folder.iterdir()) == ["current", "versions", "zorgnet.lock"]
    with Store(folder) as store:
        assert len(store) == 6


@pytest.mark.slow
def test_a_version_written_with_its_triples_in_a_named_graph_still_reads_and_edits(
    tmp_path: Path,
) -> None:
    # The layout before versions kept their triples in the default graph.
    import pyoxigraph as ox

    folder = tmp_path / "db"
    name = "0b6e1c2e1d7c4d0e9a552f4f0c1d2e3f"
    (folder / "versions").mkdir(parents=True)
    old = ox.Store(str(folder / "versions" / name))
    graph = ox.NamedNode(f"urn:zorgnet:version:{name}")
    for i in range(6):
        old.add(
            ox.Quad(ox.NamedNode(f"urn:x:a:{i}"), ox.NamedNode("urn:x:p"), ox.Literal(i), graph)
        )
    old.flush()
    del old
    (folder / "current").write_text(f"{name}\n")
    with Store(folder) as store:
        assert len(store) == 6
        assert (URIRef("urn:x:a:5"), URIRef("urn:x:p"), Literal(5)) in store.graph()
        store.apply(_triple("a", 5, 5), _triple("b", 0, 0))
        assert len(store) == 6
    with Store(folder) as store:
        assert {str(s) for s in store.graph().subjects()} == {
            *(f"urn:x:a:{i}" for i in range(5)),
            "urn:x:b:0",
        }
        store.replace(_graph(2, "c"))
        assert (folder / "current").read_text().split()[1:] == ["default"]
    with Store(folder) as store:
        assert len(store) == 2


def _triple(tag: str, i: int, value: object) -> Graph:
    graph = Graph()
    graph.add((URIRef(f"urn:x:{tag}:{i}"), URIRef("urn:x:p"), Literal(value)))
    return graph


@pytest.mark.parametrize("on_disk", [True, False])
def test_an_edit_changes_only_its_triples_in_a_new_version(tmp_path: Path, on_disk: bool) -> None:
    with Store(tmp_path / "db" if on_disk else None) as store:
        store.replace(_graph(10, "a"))
        first = store.version
        view = store.graph()
        store.apply(_triple("a", 3, 3), _triple("a", 3, 33) + _triple("b", 0, 0))
        assert store.version != first
        assert len(store) == 11
        assert (URIRef("urn:x:a:3"), URIRef("urn:x:p"), Literal(33)) in store.graph()
        assert (URIRef("urn:x:a:3"), URIRef("urn:x:p"), Literal(3)) not in store.graph()
        # A request that began before the edit still reads the version it began with.
        assert (URIRef("urn:x:a:3"), URIRef("urn:x:p"), Literal(3)) in view
        assert store.changes_since(first) == {"urn:x:a:3", "urn:x:b:0"}


@pytest.mark.slow
def test_edits_persist_and_each_leaves_one_version_folder(tmp_path: Path) -> None:
    with Store(tmp_path / "db") as store:
        store.replace(_graph(10, "a"))
        for i in range(3):
            store.apply(_triple("a", i, i), Graph())
    with Store(tmp_path / "db") as store:
        assert len(store) == 7
        assert {str(s) for s in store.graph().subjects()} == {f"urn:x:a:{i}" for i in range(3, 10)}
        store.apply(Graph(), _triple("c", 0, 0))
        assert len(store) == 8
    assert len(list((tmp_path / "db" / "versions").iterdir())) == 1


def test_changes_are_known_along_a_chain_of_edits_and_not_across_a_load() -> None:
    with Store() as store:
        store.replace(_graph(5, "a"))
        first = store.version
        store.apply(_triple("a", 0, 0), Graph())
        store.apply(Graph(), _triple("b", 0, 0))
        assert store.changes_since(first) == {"urn:x:a:0", "urn:x:b:0"}
        store.replace(_graph(5, "c"))
        assert store.changes_since(first) is None


def test_an_edit_cannot_remove_blank_nodes() -> None:
    with Store() as store:
        store.replace(_graph(2, "a"))
        blank = Graph()
        blank.add((BNode(), URIRef("urn:x:p"), Literal(1)))
        with pytest.raises(StoreError, match="lege knopen"):
            store.apply(blank, Graph())
        assert len(store) == 2
