"""Exports for the tools next to zorgnet: Gephi/Cytoscape, the CLI (FHIR: test_fhir.py,
reading GraphML/GEXF back: test_network_formats.py)."""

import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from zorgnet.api.cli import app
from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.formats import EXPORT_FORMATS, export_bytes
from zorgnet.formats.hsds import hsds_schema_dir
from zorgnet.formats.network import network, network_text
from zorgnet.graph.areas import area_scope
from zorgnet.graph.projection import project
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import Dataset
from zorgnet.ontology.exceptions import UnknownName

runner = CliRunner()
HSDS_EXAMPLES = hsds_schema_dir().parent / "examples"


def test_gexf_carries_the_map_colours_for_gephi(shipped: Dataset) -> None:
    text = network_text(network(shipped.graph), "gexf")
    assert "viz:color" in text


@pytest.mark.slow
def test_a_gemeente_subgraph_keeps_only_actors_working_there(shipped: Dataset) -> None:
    G = network(shipped.graph, gemeente="hilversum")
    assert "buurtteams-hilversum" in G
    assert 0 < G.number_of_nodes() < network(shipped.graph).number_of_nodes()
    scope = area_scope(project(shipped.graph), "hilversum")
    assert all(scope & set(d["areas"].split("; ")) for _, d in G.nodes(data=True))


def test_a_team_subgraph_is_the_team_and_its_network(shipped: Dataset) -> None:
    G = network(shipped.graph, team="buurtteams-hilversum")
    assert "buurtteams-hilversum" in G
    assert {d["kind"] for *_, d in G.edges(data=True)} >= {"heeft-netwerklid"}


def test_an_unknown_gemeente_is_named_with_a_suggestion(shipped: Dataset) -> None:
    with pytest.raises(UnknownName, match="hilversum"):
        network(shipped.graph, gemeente="hilverssum")


@pytest.mark.slow
def test_every_export_format_is_offered_by_one_function(shipped: Dataset) -> None:
    for fmt in EXPORT_FORMATS:
        assert export_bytes(shipped.graph, fmt)
    with pytest.raises(ValueError):
        export_bytes(shipped.graph, "turtle", gemeente="hilversum")


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    result = runner.invoke(app, ["load", str(SHIPPED_DATASET), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _triples(path: Path) -> int:
    with Store(path) as store:
        return len(store.snapshot())


@pytest.mark.slow
def test_cli_imports_hsds_adds_it_and_exports_it_again(store_dir: Path, tmp_path: Path) -> None:
    before = _triples(store_dir)
    result = runner.invoke(
        app,
        ["import", "--format", "hsds", str(HSDS_EXAMPLES / "csv"), "--store", str(store_dir)],
    )
    assert result.exit_code == 0, result.output
    assert _triples(store_dir) > before
    out = tmp_path / "kaart.hsds.json"
    result = runner.invoke(
        app, ["export", "--format", "hsds", "-o", str(out), "--store", str(store_dir)]
    )
    assert result.exit_code == 0, result.output
    names = {o["name"] for o in json.loads(out.read_text(encoding="utf-8"))["contents"]}
    assert "Example Organization Inc." in names


@pytest.mark.slow
def test_cli_refuses_a_broken_import_and_leaves_the_store_unchanged(
    store_dir: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "kapot.json"
    broken.write_text('{"id": "x", "name": ', encoding="utf-8")
    before = _triples(store_dir)
    result = runner.invoke(
        app, ["import", "--format", "hsds", str(broken), "--store", str(store_dir)]
    )
    assert result.exit_code == 1
    assert "kapot.json:1" in result.output
    assert _triples(store_dir) == before


@pytest.mark.slow
def test_cli_template_then_workbook_import(store_dir: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    template = tmp_path / "sociale-kaart.xlsx"
    result = runner.invoke(app, ["template", "-o", str(template), "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    book = load_workbook(template)
    book["actoren"].append(
        ["nieuw-inloophuis", "Inloophuis", None, "welzijnsorganisatie", "lokaal", "hilversum"]
    )
    header = [c.value for c in book["actoren"][1]]
    book["actoren"].cell(2, header.index("source") + 1, "002 §3.1")
    book.save(template)
    result = runner.invoke(
        app, ["import", "--format", "xlsx", str(template), "--store", str(store_dir)]
    )
    assert result.exit_code == 0, result.output
    with Store(store_dir) as store:
        assert "nieuw-inloophuis" in project(store.snapshot())


@pytest.mark.slow
def test_cli_export_of_a_network_to_a_file(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "hilversum.graphml"
    arguments = ["export", "--format", "graphml", "--gemeente", "hilversum", "-o", str(out)]
    result = runner.invoke(app, [*arguments, "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out).number_of_nodes() > 0


@pytest.mark.slow
def test_cli_export_names_the_formats_when_one_is_unknown(store_dir: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "pdf", "--store", str(store_dir)])
    assert result.exit_code == 2
    assert "gexf" in result.output


@pytest.mark.slow
def test_cli_imports_json_ld_into_an_empty_store_identically(
    store_dir: Path, tmp_path: Path
) -> None:
    from rdflib.compare import isomorphic

    exported = tmp_path / "kaart.jsonld"
    result = runner.invoke(
        app, ["export", "--format", "jsonld", "-o", str(exported), "--store", str(store_dir)]
    )
    assert result.exit_code == 0, result.output
    empty = tmp_path / "leeg"
    result = runner.invoke(
        app, ["import", "--format", "jsonld", str(exported), "--store", str(empty)]
    )
    assert result.exit_code == 0, result.output
    with Store(store_dir) as first, Store(empty) as second:
        assert isomorphic(first.snapshot(), second.snapshot())


@pytest.mark.slow
def test_cli_refuses_broken_json_ld_and_loads_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.jsonld"
    broken.write_text('{"@context": {}, "@graph": [', encoding="utf-8")
    empty = tmp_path / "leeg"
    result = runner.invoke(
        app, ["import", "--format", "jsonld", str(broken), "--store", str(empty)]
    )
    assert result.exit_code == 1
    assert "kapot.jsonld" in result.output
    assert _triples(empty) == 0
