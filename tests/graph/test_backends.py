"""Both store backends answer the same: loading, checking, the CLI and the analyses.

Every test here runs twice through ``any_store``: on the embedded Oxigraph store and on a
private Virtuoso server, so that the two backends cannot drift apart.
"""

import json
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from zorgnet.api.cli import app
from zorgnet.api.settings import SHIPPED_DATASET, get_settings
from zorgnet.graph.analyses.gaps import coverage
from zorgnet.graph.backends import SparqlEndpoint, open_store, store_location
from zorgnet.graph.projection import project
from zorgnet.graph.projection_cache import ProjectionCache
from zorgnet.graph.sparql_store import SparqlStore
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import Dataset
from zorgnet.ontology.exceptions import StoreError

runner = CliRunner()

COMMANDS = [
    ["route", "huisarts", "jeugd-ggz", "--gemeente", "hilversum"],
    ["gaps", "--gemeente", "hilversum"],
    ["overlaps"],
    ["team", "buurtteams-hilversum"],
    ["team"],
    ["brokers"],
]


def _json(args: list[str]) -> object:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """What each command answers on the embedded store with the shipped data."""
    path = tmp_path_factory.mktemp("reference")
    assert runner.invoke(app, ["load", str(SHIPPED_DATASET), "--store", str(path)]).exit_code == 0
    return {" ".join(c): _json([*c, "--store", str(path)]) for c in [*COMMANDS, ["info"]]}


def test_a_folder_opens_the_embedded_store_and_a_sparql_url_the_remote_one(
    any_store: str,
) -> None:
    with open_store(any_store) as store:
        expected = SparqlStore if isinstance(store_location(any_store), SparqlEndpoint) else Store
        assert isinstance(store, expected)
        assert store.version is None
        assert len(store) == 0


@pytest.mark.slow
def test_loading_the_shipped_data_keeps_every_triple(any_store: str, shipped: Dataset) -> None:
    with open_store(any_store) as store:
        store.replace(shipped.graph)
        assert len(store) == len(shipped.graph)
        assert isomorphic(store.snapshot(), shipped.graph)


@pytest.mark.slow
def test_the_cli_loads_and_answers_like_the_embedded_store(
    any_store: str, reference: dict[str, object]
) -> None:
    loaded = runner.invoke(app, ["load", str(SHIPPED_DATASET), "--store", any_store])
    assert loaded.exit_code == 0, loaded.output
    for command in [*COMMANDS, ["info"]]:
        assert _json([*command, "--store", any_store]) == reference[" ".join(command)], command


@pytest.mark.slow
def test_a_load_with_errors_leaves_the_store_as_it_was(
    any_store: str, shipped: Dataset, tmp_path: Path
) -> None:
    with open_store(any_store) as store:
        store.replace(shipped.graph)
        before = store.version
    broken = tmp_path / "kapot.yaml"
    broken.write_text("actors:\n  - id: x\n    label: X\n    type: bestaat-niet\n")
    result = runner.invoke(app, ["load", str(broken), "--store", any_store])
    assert result.exit_code == 1
    assert "De opslag is ongewijzigd" in result.output
    with open_store(any_store) as store:
        assert store.version == before
        assert len(store) == len(shipped.graph)


@pytest.mark.slow
def test_analyses_on_the_projection_of_either_store_match_the_data(
    any_store: str, shipped: Dataset
) -> None:
    cache = ProjectionCache()
    with open_store(any_store) as store:
        store.replace(shipped.graph)
        G = cache.get(store)
        assert cache.get(store) is G
    direct = project(shipped.graph)
    assert sorted(G.edges(keys=True)) == sorted(direct.edges(keys=True))
    assert coverage(G) == coverage(direct)


def test_an_unreachable_sparql_server_is_a_clear_dutch_error() -> None:
    with pytest.raises(StoreError, match=r"127\.0\.0\.1:9/sparql is niet bereikbaar"):
        open_store("sparql+http://127.0.0.1:9/sparql")


def test_a_sparql_url_folded_by_a_path_still_selects_the_remote_store() -> None:
    folded = store_location(Path("sparql+http://example.org:8890/sparql"))
    assert isinstance(folded, SparqlEndpoint)
    assert folded.url == "http://example.org:8890/sparql"
    assert store_location("sparql+https://example.org/sparql") == SparqlEndpoint(
        url="https://example.org/sparql"
    )
    assert store_location("data/store") == Path("data/store")


@pytest.mark.slow
def test_zorgnet_store_in_the_environment_selects_the_backend(
    any_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZORGNET_STORE", any_store)
    get_settings.cache_clear()
    try:
        loaded = runner.invoke(app, ["load", str(SHIPPED_DATASET)])
        assert loaded.exit_code == 0, loaded.output
        info = _json(["info"])
    finally:
        get_settings.cache_clear()
    assert isinstance(info, dict)
    assert info["triples"] > 0


@pytest.mark.slow
def test_an_edit_gives_the_same_triples_on_either_store(
    any_store: str, shipped: Dataset, relabelled: tuple[Graph, Graph]
) -> None:
    data = shipped.graph
    old, new = relabelled
    subject = next(iter(old.subjects()))
    new.add((URIRef("urn:x:nieuw"), RDFS.label, Literal("nieuw", lang="nl")))
    expected = data - old + new
    with open_store(any_store) as store:
        store.replace(data)
        before = store.version
        store.graph()
        store.apply(old, new)
        assert store.version != before
        assert store.changes_since(before) == {str(subject), "urn:x:nieuw"}
        assert isomorphic(store.graph(), expected)
    with open_store(any_store) as store:
        assert isomorphic(store.graph(), expected)
