"""Can I read a store while another process writes it? (one writer, many readers)"""

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from zorgnet.graph.store import Store
from zorgnet.ontology.exceptions import StoreError


def _graph(n: int, tag: str) -> Graph:
    graph = Graph()
    for i in range(n):
        graph.add((URIRef(f"urn:x:{tag}:{i}"), URIRef("urn:x:p"), Literal(i)))
    return graph


def _tags(store: Store) -> set[str]:
    return {str(s).split(":")[2] for s in store.graph().subjects()}


def _files(folder: Path) -> dict[str, int]:
    """Every file under *folder* with its modification time."""
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")}


@pytest.mark.slow
def test_a_reader_opens_a_store_a_writer_holds_and_follows_its_loads(tmp_path: Path) -> None:
    with Store(tmp_path / "db") as writer:
        writer.replace(_graph(10, "a"))
        with Store(tmp_path / "db", read_only=True) as reader:
            assert len(reader) == 10 and _tags(reader) == {"a"}
            assert reader.version == writer.version
            writer.replace(_graph(4, "b"))
            # The next question sees the new version, without opening the store again.
            assert reader.version == writer.version
            assert len(reader) == 4 and _tags(reader) == {"b"}


@pytest.mark.slow
def test_a_reader_follows_an_edit_too(tmp_path: Path) -> None:
    with Store(tmp_path / "db") as writer:
        writer.replace(_graph(3, "a"))
        with Store(tmp_path / "db", read_only=True) as reader:
            writer.apply(_graph(1, "a"), _graph(0, "x") + _graph(2, "c"))
            assert len(reader) == 4 and _tags(reader) == {"a", "c"}


@pytest.mark.slow
def test_a_reader_keeps_reading_a_version_the_writer_deleted(tmp_path: Path) -> None:
    with Store(tmp_path / "db") as writer:
        writer.replace(_graph(50, "a"))
        reader = Store(tmp_path / "db", read_only=True)
        view = reader.graph()
        first = reader.version
        writer.replace(_graph(5, "b"))
        writer.replace(_graph(6, "c"))
        # The writer keeps one version before the current one: the reader's is gone.
        folder = tmp_path / "db" / "versions" / str(first).rsplit(":", 1)[1]
        assert not folder.exists()
        assert len(view) == 50 and {str(s).split(":")[2] for s in view.subjects()} == {"a"}
        assert len(reader) == 6
        reader.close()


@pytest.mark.slow
def test_a_reader_writes_nothing_into_the_store(tmp_path: Path) -> None:
    with Store(tmp_path / "db") as writer:
        writer.replace(_graph(10, "a"))
        before = _files(tmp_path / "db")
        with Store(tmp_path / "db", read_only=True) as reader:
            assert len(reader) == 10
        assert _files(tmp_path / "db") == before


def test_a_reader_of_a_missing_folder_sees_an_empty_store_and_makes_no_folder(
    tmp_path: Path,
) -> None:
    with Store(tmp_path / "nergens", read_only=True) as reader:
        assert reader.version is None and len(reader) == 0 and len(reader.graph()) == 0
    assert not (tmp_path / "nergens").exists()


@pytest.mark.slow
def test_a_reader_sees_the_first_load_of_a_store_that_was_empty(tmp_path: Path) -> None:
    with Store(tmp_path / "db", read_only=True) as reader:
        assert len(reader) == 0
        with Store(tmp_path / "db") as writer:
            writer.replace(_graph(3, "a"))
        assert len(reader) == 3


@pytest.mark.slow
def test_a_reader_refuses_to_write_in_dutch(tmp_path: Path) -> None:
    with Store(tmp_path / "db") as writer:
        writer.replace(_graph(3, "a"))
        with Store(tmp_path / "db", read_only=True) as reader:
            for write in (
                lambda: reader.replace(_graph(1, "b")),
                lambda: reader.apply(Graph(), _graph(1, "b")),
                lambda: reader.replace_from_file(tmp_path / "x.nt"),
            ):
                with pytest.raises(StoreError, match="geopend om alleen te lezen"):
                    write()
        assert len(writer) == 3


def test_a_reader_of_a_folder_that_is_a_file_says_so_in_dutch(tmp_path: Path) -> None:
    (tmp_path / "bestand").write_text("geen map")
    with pytest.raises(StoreError, match="is een bestand, geen map"):
        Store(tmp_path / "bestand" / "db", read_only=True)


def test_a_reader_reads_a_store_of_the_one_database_layout(tmp_path: Path) -> None:
    import pyoxigraph as ox

    old = ox.Store(str(tmp_path / "db"))
    version = ox.NamedNode("urn:zorgnet:version:oud")
    old.add(
        ox.Quad(
            ox.NamedNode("urn:zorgnet:store"),
            ox.NamedNode("urn:zorgnet:currentVersion"),
            version,
            ox.NamedNode("urn:zorgnet:meta"),
        )
    )
    old.add(ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:p"), ox.Literal("b"), version))
    old.flush()
    del old
    with Store(tmp_path / "db", read_only=True) as reader:
        assert str(reader.version) == "urn:zorgnet:version:oud"
        assert [str(o) for o in reader.graph().objects()] == ["b"]
    # Left as it was: only a writer moves it into version folders.
    assert (tmp_path / "db" / "CURRENT").exists() and not (tmp_path / "db" / "current").exists()


_EDITOR = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from rdflib import Graph, Literal, URIRef
    from zorgnet.graph.store import Store

    def graph(k):
        g = Graph()
        for i in range(2000):
            g.add((URIRef(f"urn:x:{i}"), URIRef("urn:x:p"), Literal(k)))
        return g

    with Store(Path(sys.argv[1])) as store:
        store.replace(graph(0))
        print("klaar", flush=True)
        k = 0
        # At least 8 edits, then on until the readers have opened enough times (they make
        # the stop file), however slow a busy machine makes either side.
        stop = Path(sys.argv[2])
        deadline = time.monotonic() + 300
        while k < 8 or (not stop.exists() and time.monotonic() < deadline):
            # Each version holds 2000 triples, all with the same number k.
            store.apply(graph(k), graph(k + 1))
            k += 1
        print(k, flush=True)
    """
)


@pytest.mark.slow
def test_readers_opening_while_another_process_edits_always_see_one_whole_version(
    tmp_path: Path,
) -> None:
    """Each edit makes a version and the writer drops the one before the last, while
    RocksDB compacts the current one in the background: a reader that opens at any of
    those moments still gets one complete version, never an error or half of one."""
    editor = subprocess.Popen(
        [sys.executable, "-c", _EDITOR, str(tmp_path / "db"), str(tmp_path / "genoeg")],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert editor.stdout is not None and editor.stdout.readline().strip() == "klaar"
    seen: set[str] = set()
    opened = 0
    while editor.poll() is None:
        with Store(tmp_path / "db", read_only=True) as reader:
            rows = reader.graph().query("SELECT DISTINCT ?o WHERE { ?s ?p ?o }")
            values = {str(row[0]) for row in rows}  # type: ignore[index]
            assert len(reader) == 2000 and len(values) == 1
            seen |= values
            opened += 1
        if opened >= 8 and len(seen) >= 2:
            (tmp_path / "genoeg").touch()
        time.sleep(0.01)
    edits = int(editor.stdout.read().strip())
    assert editor.returncode == 0
    # Enough to have met the writer at several moments.
    assert edits >= 8 and opened >= 8
    # The readers saw many of the versions, not only the first.
    assert len(seen) >= 2


@pytest.mark.slow
def test_a_projection_a_reader_saves_lives_beside_its_version_and_goes_with_it(
    tmp_path: Path,
) -> None:
    """A reader that projects a version saves the projection beside it (atomically, see
    saved_projection.write), as a writer does. When the writer dropped that version
    meanwhile, the file it leaves goes at the writer's next load."""
    from zorgnet.graph import saved_projection
    from zorgnet.graph.analyses._example import example_graph
    from zorgnet.graph.projection import project
    from zorgnet.graph.projection_cache import ProjectionCache

    cache = ProjectionCache()
    with Store(tmp_path / "db") as writer:
        writer.replace(example_graph())
        with Store(tmp_path / "db", read_only=True) as reader:
            G = cache.get(reader)
            saved = reader.derived_path(saved_projection.NAME)
            assert saved is not None and saved.parent == tmp_path / "db" / "versions"
            assert saved.name.startswith(str(reader.version).rsplit(":", 1)[1] + ".")
            again = saved_projection.read(saved)
            assert again is not None and sorted(again.nodes) == sorted(G.nodes)
            first = reader.version
            writer.replace(example_graph())
            writer.replace(example_graph())
            # Saved late, after the writer dropped the version: left behind for now.
            late = reader.derived_path(saved_projection.NAME, first)
            assert late is not None and saved_projection.write(project(example_graph()), late)
            writer.replace(example_graph())
        assert not late.exists()
        assert not [p for p in (tmp_path / "db" / "versions").iterdir() if p.suffix == ".tmp"]
