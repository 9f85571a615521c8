"""A new process reads the projection saved with the version instead of rebuilding it."""

import threading
from pathlib import Path

import networkx as nx
import pytest
from rdflib import SKOS, Graph, Literal
from same_projection import assert_same
from virtuoso import VirtuosoServer

import zorgnet.graph.projection
from zorgnet.graph import saved_projection
from zorgnet.graph.analyses._example import example_graph
from zorgnet.graph.projection import project
from zorgnet.graph.projection_cache import ProjectionCache
from zorgnet.graph.sparql_store import SparqlStore
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import Dataset
from zorgnet.ontology.exceptions import StoreError


def test_the_saved_projection_of_the_region_reads_back_exactly(
    shipped: Dataset, tmp_path: Path
) -> None:
    G = project(shipped.graph)
    saved_projection.write(G, tmp_path / "p")
    again = saved_projection.read(tmp_path / "p")
    assert again is not None
    assert_same(G, again)
    assert nx.is_frozen(again)
    assert again.graph["memo"] == {}


@pytest.mark.slow
def test_a_new_process_reads_the_saved_projection_instead_of_rebuilding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ProjectionCache()
    with Store(tmp_path / "db") as store:
        store.replace(example_graph())
        built = cache.get(store)
        assert store.derived_path(saved_projection.NAME).exists()

    def no_projection(graph: object) -> nx.MultiDiGraph:
        raise AssertionError("de projectie had gelezen moeten worden, niet opnieuw gemaakt")

    monkeypatch.setattr(zorgnet.graph.projection, "project", no_projection)
    with Store(tmp_path / "db") as store:
        assert_same(built, ProjectionCache().get(store))


@pytest.mark.slow
def test_an_edit_in_a_new_process_is_reprojected_from_the_saved_projection_of_its_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As ``zorgnet load --add``: a new process edits the store, then asks for the projection.
    cache = ProjectionCache()
    with Store(tmp_path / "db") as store:
        store.replace(example_graph())
        cache.get(store)
    project_whole = zorgnet.graph.projection.project

    def no_projection(graph: object) -> nx.MultiDiGraph:
        raise AssertionError("alleen de gewijzigde registratie had opnieuw gemaakt moeten worden")

    with Store(tmp_path / "db") as store:
        huisarts = next(s for s in store.graph().subjects() if str(s).endswith("/huisarts"))
        old = Graph()
        for label in store.graph().objects(huisarts, SKOS.prefLabel):
            old.add((huisarts, SKOS.prefLabel, label))
        new = Graph().add((huisarts, SKOS.prefLabel, Literal("Huisartsenpost", lang="nl")))
        store.apply(old, new)
        monkeypatch.setattr(zorgnet.graph.projection, "project", no_projection)
        G = cache.get(store)
        assert G.nodes["huisarts"]["label"] == "Huisartsenpost"
        assert_same(G, project_whole(store.graph()))


def _ntriples(graph: Graph, path: Path) -> Path:
    graph.serialize(path, format="nt", encoding="utf-8")
    return path


@pytest.mark.slow
def test_a_loaded_file_is_projected_and_saved_with_the_version_the_load_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ProjectionCache()
    path = _ntriples(example_graph(), tmp_path / "data.nt")
    with Store(tmp_path / "db") as store:
        G = cache.load(store, path)
        assert cache.get(store) is G
        assert_same(G, project(store.graph()))
    monkeypatch.setattr(zorgnet.graph.projection, "project", None)  # read, not rebuilt
    with Store(tmp_path / "db") as store:
        assert_same(G, ProjectionCache().get(store))


def test_a_load_that_fails_reports_at_once_and_keeps_the_old_data_and_projection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ProjectionCache()
    broken = tmp_path / "kapot.nt"
    broken.write_text("<urn:x:kapot> dit is geen n-triples\n", encoding="utf-8")
    release, finished = threading.Event(), threading.Event()
    project_file = zorgnet.graph.projection.project_file

    def slow_projection(path: Path) -> nx.MultiDiGraph:
        release.wait(timeout=10)
        finished.set()
        return project_file(path)

    with Store(tmp_path / "db") as store:
        store.replace(example_graph())
        before, old = store.version, cache.get(store)
        monkeypatch.setattr(zorgnet.graph.projection, "project_file", slow_projection)
        try:
            # The error comes while the projection of the file still waits.
            with pytest.raises(StoreError, match=r"kapot\.nt, regel 1"):
                cache.load(store, broken)
            assert not finished.is_set()
        finally:
            release.set()
        assert store.version == before
        assert cache.get(store) is old
        saved = store.derived_path(saved_projection.NAME)
        assert [p.name for p in saved.parent.glob("*.marshal")] == [saved.name]


def test_the_saved_projection_goes_with_its_version(tmp_path: Path) -> None:
    cache = ProjectionCache()
    with Store(tmp_path / "db") as store:
        store.replace(example_graph())
        cache.get(store)
        first = store.derived_path(saved_projection.NAME)
        store.replace(example_graph())
        G = cache.get(store)
        second = store.derived_path(saved_projection.NAME)
    assert not first.exists()
    assert second.exists()
    assert G.number_of_nodes() == project(example_graph()).number_of_nodes()


def test_a_projection_saved_by_another_revision_of_zorgnet_is_deleted(tmp_path: Path) -> None:
    cache = ProjectionCache()
    with Store(tmp_path / "db") as store:
        store.replace(example_graph())
        path = store.derived_path(saved_projection.NAME)
        older = path.with_name(path.name.replace(saved_projection.NAME, "projection-0ld.marshal"))
        older.write_bytes(b"van een eerdere versie van zorgnet")
        cache.get(store)
        assert path.exists()
        assert not older.exists()


def test_a_damaged_file_is_ignored_and_the_projection_rebuilt(tmp_path: Path) -> None:
    cache = ProjectionCache()
    with Store(tmp_path / "db") as store:
        store.replace(example_graph())
        path = store.derived_path(saved_projection.NAME)
        path.write_bytes(b"\x00half geschreven")
        assert saved_projection.read(path) is None
        G = cache.get(store)
        assert G.number_of_nodes() == project(example_graph()).number_of_nodes()
        assert saved_projection.read(path) is not None


def test_a_store_in_memory_keeps_no_file() -> None:
    cache = ProjectionCache()
    store = Store()
    store.replace(example_graph())
    assert store.derived_path(saved_projection.NAME) is None
    assert cache.get(store).number_of_nodes() > 0


def test_a_version_dropped_while_its_projection_is_saved_is_no_error(tmp_path: Path) -> None:
    # With edits a second apart, a version's folder can go while its file is written.
    G = project(example_graph())
    gone = tmp_path / "versions-of-a-dropped-version" / "p"
    assert saved_projection.write(G, gone) is False
    assert not gone.parent.exists()
    assert saved_projection.write(G, tmp_path / "p") is True
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["p"]


def _remote(server: VirtuosoServer, cache: Path) -> SparqlStore:
    return SparqlStore(server.endpoint, user="zorgnet", password=server.password, cache=cache)


def test_a_new_process_on_a_remote_store_reads_the_projection_from_the_local_cache(
    empty_virtuoso: VirtuosoServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ProjectionCache()
    with _remote(empty_virtuoso, tmp_path) as store:
        store.replace(example_graph())
        built = cache.get(store)
        assert store.derived_path(saved_projection.NAME).exists()

    def no_read(self: SparqlStore) -> object:
        raise AssertionError("de projectie had uit de cache gelezen moeten worden")

    monkeypatch.setattr(SparqlStore, "_fetch", no_read)
    with _remote(empty_virtuoso, tmp_path) as store:
        assert_same(built, cache.get(store))


def test_a_projection_overtaken_by_another_load_is_not_saved_as_the_older_version(
    empty_virtuoso: VirtuosoServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another process loads while this one reads the store to project it.
    cache = ProjectionCache()
    with _remote(empty_virtuoso, tmp_path) as store, _remote(empty_virtuoso, tmp_path) as other:
        store.replace(example_graph())
        older = store.version
        newer = Graph()
        newer += example_graph()
        newer.remove((None, SKOS.prefLabel, None))
        read = SparqlStore.graph

        def overtaken(self: SparqlStore) -> Graph:
            if self is store and store.version == older:
                other.replace(newer)
            return read(self)

        monkeypatch.setattr(SparqlStore, "graph", overtaken)
        G = cache.get(store)
        assert store.version != older
        assert_same(G, project(newer))
        assert not store.derived_path(saved_projection.NAME, older).exists()
        monkeypatch.setattr(SparqlStore, "graph", read)
        assert_same(project(store.graph()), cache.get(store))


def test_a_load_overtaken_by_another_keeps_its_projection_with_its_own_version(
    empty_virtuoso: VirtuosoServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another process loads between this load's switch and the saving of its projection.
    cache = ProjectionCache()
    newer = Graph()
    newer += example_graph()
    newer.remove((None, SKOS.prefLabel, None))
    path = _ntriples(example_graph(), tmp_path / "data.nt")
    with _remote(empty_virtuoso, tmp_path) as store, _remote(empty_virtuoso, tmp_path) as other:
        load = SparqlStore.replace_from_file

        def overtaken(self: SparqlStore, path: Path) -> object:
            version = load(self, path)
            other.replace(newer)
            return version

        monkeypatch.setattr(SparqlStore, "replace_from_file", overtaken)
        G = cache.load(store, path)
        assert_same(G, project(example_graph()))
        mine = list(store.derived_path(saved_projection.NAME).parent.iterdir())
        assert len(mine) == 1
        assert_same(saved_projection.read(mine[0]), G)
        assert not store.derived_path(saved_projection.NAME).exists()
        assert_same(cache.get(store), project(newer))


def test_the_local_cache_keeps_the_projections_of_the_last_three_versions(
    empty_virtuoso: VirtuosoServer, tmp_path: Path
) -> None:
    cache = ProjectionCache()
    with _remote(empty_virtuoso, tmp_path) as store:
        saved = []
        for _ in range(5):
            store.replace(example_graph())
            cache.get(store)
            saved.append(store.derived_path(saved_projection.NAME))
    assert [path.exists() for path in saved] == [False, False, True, True, True]
    assert len(list(saved[-1].parent.iterdir())) == 3


def test_a_remote_store_without_a_cache_folder_keeps_no_file(
    empty_virtuoso: VirtuosoServer,
) -> None:
    cache = ProjectionCache()
    server = empty_virtuoso
    with SparqlStore(server.endpoint, user="zorgnet", password=server.password) as store:
        store.replace(example_graph())
        assert store.derived_path(saved_projection.NAME) is None
        assert cache.get(store).number_of_nodes() > 0


def test_a_cache_folder_that_cannot_be_used_is_a_clear_error(
    empty_virtuoso: VirtuosoServer, tmp_path: Path
) -> None:
    cache = ProjectionCache()
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("een bestand, geen map")
    with _remote(empty_virtuoso, not_a_folder) as store:
        store.replace(example_graph())
        with pytest.raises(StoreError, match="ZORGNET_CACHE") as error:
            cache.get(store)
    assert str(not_a_folder) in str(error.value)
