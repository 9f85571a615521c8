"""Adding a record whose id is already stored: refused, or with --vervang replaced whole.

`zorgnet load --add` and `zorgnet import` used to merge such a record into the stored
one: its domains, areas and help were added to the stored ones, and conflicting values
gave misleading errors ("te veel waarden").
"""

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from zorgnet.api.cli import app
from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.graph.backends import open_store
from zorgnet.graph.projection import project
from zorgnet.graph.projection_cache import ProjectionCache
from zorgnet.loaders.dataset import read_dataset
from zorgnet.ontology.namespace import ZN

# Each test loads the shipped data into a store and runs the CLI on it.
pytestmark = pytest.mark.slow

runner = CliRunner()
VEILIG_THUIS = URIRef("https://w3id.org/zorgnet/id/actor/veilig-thuis")
CITATION = URIRef(f"{VEILIG_THUIS}/bron/1")

# The stored Veilig Thuis, with another name, area and domain.
OTHER_VEILIG_THUIS = """\
actors:
  - id: veilig-thuis
    label: Veilig Thuis (nieuwe naam)
    type: veilig-thuis
    scale: regionaal
    area: hilversum
    domain: [wmo]
    description: Een nieuwe beschrijving.
    source: "003 §4, afspraak 2"
"""


def _load_shipped(store: str) -> None:
    result = runner.invoke(app, ["load", str(SHIPPED_DATASET), "--store", store])
    assert result.exit_code == 0, result.output


def _folder(tmp_path: Path, name: str, text: str) -> Path:
    """A folder with the shipped source register and one data file *name*."""
    folder = tmp_path / "extra"
    folder.mkdir(exist_ok=True)
    (folder / "bronnen.yaml").write_text(
        (SHIPPED_DATASET / "bronnen.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def _stored(store: str) -> Graph:
    with open_store(store) as opened:
        return opened.snapshot()


def _about(graph: Graph, *subjects: URIRef) -> set[tuple[object, object, object]]:
    return {(s, p, o) for s in subjects for p, o in graph.predicate_objects(s)}


def _without(graph: Graph, *subjects: URIRef) -> Graph:
    rest = Graph()
    for triple in graph:
        if triple[0] not in subjects:
            rest.add(triple)
    return rest


def test_adding_an_actor_that_is_already_stored_is_refused_and_names_the_line(
    any_store: str, tmp_path: Path
) -> None:
    _load_shipped(any_store)
    before = _stored(any_store)
    extra = _folder(tmp_path, "veilig-thuis.yaml", OTHER_VEILIG_THUIS)
    result = runner.invoke(app, ["load", str(extra), "--add", "--store", any_store])
    assert result.exit_code == 1, result.output
    assert "veilig-thuis.yaml:2 veilig-thuis id – id 'veilig-thuis' bestaat al in de opslag" in (
        result.output
    )
    assert "--vervang" in result.output
    # Not the misleading messages of a merge.
    assert "te veel waarden" not in result.output
    assert "Niets geladen" in result.output
    assert isomorphic(_stored(any_store), before)


def test_the_same_record_again_is_refused_too_instead_of_merged(
    any_store: str, tmp_path: Path
) -> None:
    """Even with values that would merge without complaint: one more domain."""
    _load_shipped(any_store)
    before = _stored(any_store)
    text = (SHIPPED_DATASET / "wettelijke-verwijzers.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: veilig-thuis\n")
    record = text[start : text.index("  - id: raad-voor-de-kinderbescherming", start)]
    extra = _folder(
        tmp_path,
        "nog-eens.yaml",
        "actors:\n" + record.replace("domain: [jeugd, veiligheid]", "domain: [jeugd, wmo]"),
    )
    result = runner.invoke(app, ["load", str(extra), "--add", "--store", any_store])
    assert result.exit_code == 1, result.output
    assert "nog-eens.yaml:2 veilig-thuis id – id 'veilig-thuis' bestaat al in de opslag" in (
        result.output
    )
    assert isomorphic(_stored(any_store), before)


def test_vervang_replaces_the_stored_actor_as_a_whole(any_store: str, tmp_path: Path) -> None:
    _load_shipped(any_store)
    before = _stored(any_store)
    extra = _folder(tmp_path, "veilig-thuis.yaml", OTHER_VEILIG_THUIS)
    result = runner.invoke(app, ["load", str(extra), "--add", "--vervang", "--store", any_store])
    assert result.exit_code == 0, result.output
    assert "1 vervangen" in result.output
    after = _stored(any_store)
    new = read_dataset(extra.parent / "veilig-thuis.yaml", base=before).graph
    # Exactly the new record's triples: none of the old name, area, domains or text.
    assert _about(after, VEILIG_THUIS, CITATION) == _about(new, VEILIG_THUIS, CITATION)
    domains = {str(o) for o in after.objects(VEILIG_THUIS, ZN.domain)}
    assert domains == {"https://w3id.org/zorgnet/vocab/domains/wmo"}
    # Everything else is as it was, references to Veilig Thuis included.
    assert isomorphic(
        _without(after, VEILIG_THUIS, CITATION), _without(before, VEILIG_THUIS, CITATION)
    )


def test_after_vervang_the_projection_shows_the_new_record(
    tmp_path: Path,
) -> None:
    cache = ProjectionCache()
    store = str(tmp_path / "store")
    _load_shipped(store)
    extra = _folder(tmp_path, "veilig-thuis.yaml", OTHER_VEILIG_THUIS)
    result = runner.invoke(app, ["load", str(extra), "--add", "--vervang", "--store", store])
    assert result.exit_code == 0, result.output
    with open_store(store) as opened:
        G = cache.get(opened)
        fresh = project(opened.graph())
    assert G.nodes["veilig-thuis"]["label"] == "Veilig Thuis (nieuwe naam)"
    assert dict(G.nodes["veilig-thuis"]) == dict(fresh.nodes["veilig-thuis"])
    assert sorted(G.edges(keys=True)) == sorted(fresh.edges(keys=True))


def test_vervang_does_not_turn_an_actor_into_another_kind_of_record(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    _load_shipped(store)
    before = _stored(store)
    extra = _folder(
        tmp_path,
        "relatie.yaml",
        "relations:\n  - id: veilig-thuis\n    from: huisarts\n"
        '    to: raad-voor-de-kinderbescherming\n    kind: meldt\n    source: "003 §4"\n',
    )
    result = runner.invoke(app, ["load", str(extra), "--add", "--vervang", "--store", store])
    assert result.exit_code == 1, result.output
    assert "relatie.yaml:2 veilig-thuis id – id 'veilig-thuis' bestaat al in de opslag" in (
        result.output
    )
    assert "als actor" in result.output
    assert isomorphic(_stored(store), before)


def test_vervang_without_add_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    _load_shipped(store)
    before = _stored(store)
    extra = _folder(tmp_path, "veilig-thuis.yaml", OTHER_VEILIG_THUIS)
    result = runner.invoke(app, ["load", str(extra), "--vervang", "--store", store])
    assert result.exit_code == 2, result.output
    assert "--vervang" in result.output and "--add" in result.output
    assert isomorphic(_stored(store), before)


def test_a_turtle_file_about_a_stored_actor_is_refused(tmp_path: Path) -> None:
    """A file that only adds a value to a stored record merges just the same."""
    store = str(tmp_path / "store")
    _load_shipped(store)
    before = _stored(store)
    extra = tmp_path / "meer.ttl"
    extra.write_text(
        "@prefix zn: <https://w3id.org/zorgnet/def#> .\n\n"
        f"<{VEILIG_THUIS}> zn:domain <https://w3id.org/zorgnet/vocab/domains/wmo> .\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["load", str(extra), "--add", "--store", store])
    assert result.exit_code == 1, result.output
    assert "meer.ttl:3 veilig-thuis id – id 'veilig-thuis' bestaat al in de opslag" in (
        result.output
    )
    # Nor may --vervang replace the whole actor by one loose value.
    result = runner.invoke(app, ["load", str(extra), "--add", "--vervang", "--store", store])
    assert result.exit_code == 1, result.output
    assert "meer.ttl:3 veilig-thuis id" in result.output
    assert "hele registratie" in result.output
    assert isomorphic(_stored(store), before)


@pytest.mark.parametrize("fmt", ["xlsx", "jsonld"])
def test_importing_the_stored_data_again_is_refused_and_with_vervang_changes_nothing(
    fmt: str, tmp_path: Path
) -> None:
    store = str(tmp_path / "store")
    _load_shipped(store)
    before = _stored(store)
    exported = tmp_path / f"kaart.{fmt}"
    result = runner.invoke(app, ["export", "--format", fmt, "-o", str(exported), "--store", store])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["import", "--format", fmt, str(exported), "--store", store])
    assert result.exit_code == 1, result.output
    where = "kaart.xlsx[actoren]:" if fmt == "xlsx" else "kaart.jsonld:"
    assert where in result.output
    assert "id 'veilig-thuis' bestaat al in de opslag" in result.output
    assert isomorphic(_stored(store), before)
    result = runner.invoke(
        app, ["import", "--format", fmt, "--vervang", str(exported), "--store", store]
    )
    assert result.exit_code == 0, result.output
    assert isomorphic(_stored(store), before)


def test_an_hsds_import_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    # HSDS is an upsert (tests/formats/test_hsds_exchange.py): no --vervang needed.
    from zorgnet.formats.hsds import hsds_schema_dir

    examples = hsds_schema_dir().parent / "examples" / "csv"
    store = str(tmp_path / "store")
    _load_shipped(store)
    command = ["import", "--format", "hsds", str(examples), "--store", store]
    first = runner.invoke(app, command)
    assert first.exit_code == 0, first.output
    once = _stored(store)
    again = runner.invoke(app, command)
    assert again.exit_code == 0, again.output
    assert "waarvan 2 vervangen" in again.output
    assert isomorphic(_stored(store), once)
    replaced = runner.invoke(app, [*command, "--vervang"])
    assert replaced.exit_code == 0, replaced.output
    assert isomorphic(_stored(store), once)


def test_the_help_of_load_and_import_explains_vervang() -> None:
    for command in (["load", "--help"], ["import", "--help"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0
        assert "--vervang" in result.output
        assert "geheel" in result.output
