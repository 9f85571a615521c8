"""Blank nodes added to stored data: refused before anything is stored, never a crash.

`zorgnet load b.nt --add` of ``_:a <urn:p> _:b .`` used to store the triple, make the
new version current, and only then crash in the reprojection; every run added a copy.
"""

from pathlib import Path

import pytest
from rdflib import BNode, Graph, URIRef
from typer.testing import CliRunner

from zorgnet.api.cli import app
from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.graph.analyses._example import example_graph
from zorgnet.graph.backends import open_store
from zorgnet.graph.projection import project
from zorgnet.graph.projection_cache import ProjectionCache

runner = CliRunner()


def _state(store: str) -> tuple[str | None, int]:
    with open_store(store) as opened:
        version = opened.version
        return (None if version is None else str(version)), len(opened)


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("b.nt", "_:a <urn:p> _:b .\n", 1),
        (
            "b.ttl",
            "@prefix zn: <https://w3id.org/zorgnet/def#> .\n\n"
            '<urn:x:a> zn:note [ zn:text "iets" ] .\n',
            3,
        ),
    ],
)
@pytest.mark.slow
def test_adding_a_file_with_blank_nodes_twice_is_refused_and_stores_nothing(
    any_store: str, tmp_path: Path, name: str, text: str, line: int
) -> None:
    loaded = runner.invoke(app, ["load", str(SHIPPED_DATASET), "--store", any_store])
    assert loaded.exit_code == 0, loaded.output
    before = _state(any_store)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    for _ in range(2):
        result = runner.invoke(app, ["load", str(path), "--add", "--store", any_store])
        assert result.exit_code == 1, result.output
        assert isinstance(result.exception, SystemExit), result.exception  # no traceback
        assert f"{name}:{line}" in result.output
        assert "lege knopen (blank nodes)" in result.output
        assert "Niets geladen" in result.output
        assert _state(any_store) == before


@pytest.mark.slow
def test_importing_json_ld_with_blank_nodes_is_refused(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    path = tmp_path / "b.jsonld"
    path.write_text(
        '{\n  "@id": "urn:x:a",\n  "urn:x:p": {"urn:x:q": "zonder id"}\n}\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["import", "--format", "jsonld", str(path), "--store", store])
    assert result.exit_code == 1, result.output
    assert "b.jsonld:2" in result.output
    assert "lege knopen (blank nodes)" in result.output
    assert _state(store) == (None, 0)


@pytest.mark.slow
def test_loading_a_file_with_blank_nodes_in_place_of_the_data_twice_gives_one_copy(
    tmp_path: Path,
) -> None:
    """Without --add the file replaces the data: its blank nodes are then well defined."""
    store = str(tmp_path / "store")
    path = tmp_path / "b.nt"
    path.write_text("_:a <urn:p> _:b .\n", encoding="utf-8")
    for _ in range(2):
        result = runner.invoke(app, ["load", str(path), "--store", store])
        assert result.exit_code == 0, result.output
        assert _state(store)[1] == 1


@pytest.mark.slow
def test_an_edit_that_adds_blank_nodes_is_projected_like_a_new_projection(
    any_store: str,
) -> None:
    """The store says which subjects changed; a blank node is no record to project."""
    cache = ProjectionCache()
    with open_store(any_store) as store:
        store.replace(example_graph())
        cache.get(store)
        added = Graph()
        added.add((BNode(), URIRef("urn:x:p"), BNode()))
        store.apply(Graph(), added)
        G = cache.get(store)
        fresh = project(store.graph())
        assert sorted(G.nodes) == sorted(fresh.nodes)
        assert sorted(G.edges(keys=True)) == sorted(fresh.edges(keys=True))
