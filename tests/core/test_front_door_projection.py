"""``core.projection`` takes the caller's ProjectionCache; without one it still reads the
projection saved beside the version; ``zorgnet.core`` imports its names when used."""

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import zorgnet.graph.projection
from zorgnet import core
from zorgnet.graph import projection_cache, saved_projection
from zorgnet.graph.analyses._example import example_graph
from zorgnet.graph.projection import project
from zorgnet.graph.store import Store


def _same(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> None:
    assert dict(G.nodes(data=True)) == dict(H.nodes(data=True))
    assert sorted(G.edges(keys=True, data=True)) == sorted(H.edges(keys=True, data=True))


def test_without_a_cache_the_projection_is_read_from_the_saved_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(tmp_path / "db") as store:
        store.replace(example_graph())
        expected = project(store.graph())
        first = core.projection(store)
        assert saved_projection.read(store.derived_path(saved_projection.NAME)) is not None

        def no_projection(graph: object) -> nx.MultiDiGraph:
            raise AssertionError("projected again instead of reading the saved file")

        monkeypatch.setattr(zorgnet.graph.projection, "project", no_projection)
        again = core.projection(store)
    # Each call without a cache has its own: the second read the file the first saved.
    assert again is not first
    _same(again, expected)
    assert again.nodes["huisarts"]["label"] == expected.nodes["huisarts"]["label"]


def test_with_a_cache_the_projection_is_held_between_calls() -> None:
    store, cache = Store(), core.ProjectionCache()
    store.replace(example_graph())
    G = core.projection(store, cache)
    assert core.projection(store, cache) is G
    assert cache.held(store, store.version) is G
    assert core.projection(store, core.ProjectionCache()) is not G


def test_the_graph_package_keeps_no_process_wide_cache() -> None:
    assert projection_cache.__all__ == ["ProjectionCache"]
    assert core.ProjectionCache is projection_cache.ProjectionCache


def test_every_name_of_the_front_door_can_be_used() -> None:
    for name in core.__all__:
        assert getattr(core, name) is not None, name


def test_asking_the_projection_loads_no_editing_loaders_or_sparql_engine() -> None:
    code = (
        "import json, sys\n"
        "from zorgnet import core\n"
        "core.projection, core.ProjectionCache\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = set(json.loads(done.stdout))
    assert "zorgnet.graph.projection_cache" in modules
    unwanted = ("zorgnet.core.editing", "zorgnet.core.sparql", "zorgnet.core.loading")
    assert [m for m in unwanted if m in modules] == []
    assert [m for m in modules if m.startswith("zorgnet.loaders")] == []
