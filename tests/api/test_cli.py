"""The zorgnet command as a policy advisor uses it."""

import json
from pathlib import Path

import pytest
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import zorgnet.graph.projection
from zorgnet.api.cli import app
from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.graph.store import Store

runner = CliRunner()


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    result = runner.invoke(app, ["load", str(SHIPPED_DATASET), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.slow
def test_a_load_leaves_the_projection_ready_for_the_first_question(any_store: str) -> None:
    from zorgnet.graph import saved_projection
    from zorgnet.graph.backends import open_store
    from zorgnet.graph.projection import project

    result = runner.invoke(app, ["load", str(SHIPPED_DATASET), "--store", any_store])
    assert result.exit_code == 0, result.output
    with open_store(any_store) as store:
        saved = store.derived_path(saved_projection.NAME)
        assert saved is not None and saved.exists()
        fresh = project(store.graph())
        again = saved_projection.read(saved)
        assert again is not None
        assert sorted(again.nodes) == sorted(fresh.nodes)
        assert sorted(again.edges(keys=True)) == sorted(fresh.edges(keys=True))


@pytest.mark.slow
def test_check_of_the_shipped_data_is_in_order() -> None:
    result = runner.invoke(app, ["check", str(SHIPPED_DATASET)])
    assert result.exit_code == 0, result.output
    assert "in orde" in result.output


def test_check_exits_1_and_names_file_and_line_for_bad_data(tmp_path: Path) -> None:
    (tmp_path / "bronnen.yaml").write_text(
        (Path(__file__).parent.parent / "loaders" / "fixture-bronnen.yaml").read_text()
    )
    (tmp_path / "a.yaml").write_text(
        "actors:\n  - id: x\n    label: X\n    type: buurtteem\n"
        '    scale: lokaal\n    source: "003 §4"\n'
    )
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert "a.yaml:4" in result.output
    assert "buurtteam" in result.output  # the suggestion


def test_check_json_lists_problems_for_machines(tmp_path: Path) -> None:
    (tmp_path / "bronnen.yaml").write_text(
        (Path(__file__).parent.parent / "loaders" / "fixture-bronnen.yaml").read_text()
    )
    (tmp_path / "a.yaml").write_text(
        "actors:\n  - id: x\n    label: X\n    type: buurtteam\n"
        '    scale: lokaal\n    source: "003 §7"\n'
    )
    result = runner.invoke(app, ["check", str(tmp_path), "--json"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert problems[0]["bestand"].endswith("a.yaml")
    assert problems[0]["regel"] == 6
    assert problems[0]["controle"] == "bron-onbekend"


@pytest.mark.slow
def test_info_counts_what_was_loaded(store_dir: Path, shipped) -> None:
    result = runner.invoke(app, ["info", "--store", str(store_dir), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["triples"] == len(shipped.graph)
    assert summary["records"]["actors"] >= 18
    assert "Hilversum" in summary["actors_per_area"]


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
@pytest.mark.slow
def test_export_round_trips_without_loss(store_dir: Path, tmp_path: Path, fmt: str) -> None:
    """Exported data loaded into a store again gives the same store content.

    (Compared through the store because Turtle writes the decimal 9 as ``9.0`` while
    the store keeps the canonical ``9``: the same value.)
    """
    out = tmp_path / ("export.ttl" if fmt == "turtle" else "export.jsonld")
    result = runner.invoke(
        app, ["export", "--format", fmt, "-o", str(out), "--store", str(store_dir)]
    )
    assert result.exit_code == 0, result.output
    reload_dir = tmp_path / "reloaded"
    result = runner.invoke(app, ["load", str(out), "--store", str(reload_dir)])
    assert result.exit_code == 0, result.output
    with Store(store_dir) as original, Store(reload_dir) as reloaded:
        assert len(reloaded) > 1000
        assert isomorphic(original.snapshot(), reloaded.snapshot())


@pytest.mark.slow
def test_jsonld_export_uses_readable_keys(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "export.jsonld"
    runner.invoke(app, ["export", "--format", "jsonld", "-o", str(out), "--store", str(store_dir)])
    text = out.read_text(encoding="utf-8")
    assert '"prefLabel"' in text and '"actorType"' in text


@pytest.mark.slow
def test_an_unknown_export_format_is_refused(store_dir: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "xml", "--store", str(store_dir)])
    assert result.exit_code == 2
    assert "onbekend formaat" in result.output


@pytest.mark.slow
def test_load_add_appends_a_file_that_refers_to_existing_actors(
    store_dir: Path, tmp_path: Path, shipped, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "bronnen.yaml").write_text(
        (SHIPPED_DATASET / "bronnen.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (extra / "nieuw.yaml").write_text(
        "relations:\n  - id: test-veilig-thuis-meldt-raad\n    from: veilig-thuis\n"
        '    to: raad-voor-de-kinderbescherming\n    kind: meldt\n    source: "003 §4"\n',
        encoding="utf-8",
    )

    def no_projection(graph: object) -> None:
        raise AssertionError("de projectie had uit de bewaarde projectie gemaakt moeten worden")

    # The projection of the new version comes from the one saved with the loaded
    # version, plus the added record: not from the whole store again.
    monkeypatch.setattr(zorgnet.graph.projection, "project", no_projection)
    result = runner.invoke(
        app, ["load", str(extra / "nieuw.yaml"), "--add", "--store", str(store_dir)]
    )
    assert result.exit_code == 0, result.output
    info = json.loads(runner.invoke(app, ["info", "--store", str(store_dir), "--json"]).stdout)
    assert (
        info["records"]["relations"]
        == shipped.graph.query(
            "SELECT (COUNT(?r) AS ?n) WHERE { ?r a <https://w3id.org/zorgnet/def#Relation> }"
        )
        .bindings[0]["n"]
        .toPython()
        + 1
    )


@pytest.mark.slow
def test_start_loads_checks_and_summarises_the_shipped_data(tmp_path: Path) -> None:
    result = runner.invoke(app, ["start", "--zonder-server", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "Gooi en Vechtstreek is geladen" in result.output
    assert "draait op" not in result.output


@pytest.mark.slow
def test_bronnen_counts_citations_per_section_and_lists_uncited_ones(store_dir: Path) -> None:
    """A reader sees at a glance what the data covers: 003 §4 is cited by the legal
    referrers and their mandates."""
    result = runner.invoke(app, ["bronnen", "--store", str(store_dir), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    by_section = {(s["document"], s["section"]): s["records"] for s in report["paragrafen"]}
    assert by_section[("003", "4")] >= 30
    uncited = {(s["document"], s["section"]) for s in report["niet_geciteerd"]}
    assert uncited == {key for key, count in by_section.items() if count == 0}
