"""The analysis commands: Dutch tables, JSON, and exit code 2 on an unknown name."""

import json

import pytest
from typer.testing import CliRunner

from zorgnet.api.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    "command",
    [
        ["route", "huisarts", "jeugd-ggz", "--gemeente", "hilversum"],
        ["gaps", "--gemeente", "hilversum"],
        ["overlaps"],
        ["team", "buurtteam"],
        ["team"],
        ["brokers"],
        ["brokers", "--regio", "hilversum"],
        ["mandates"],
        ["mandates", "-g", "hilversum", "--escalatie"],
        ["diff", "2021", "2025"],
    ],
)
@pytest.mark.slow
def test_every_analysis_command_answers_as_table_and_as_json(store_path, command):
    table = runner.invoke(app, [*command, "--store", str(store_path)])
    assert table.exit_code == 0, table.output
    as_json = runner.invoke(app, [*command, "--store", str(store_path), "--json"])
    assert as_json.exit_code == 0, as_json.output
    json.loads(as_json.stdout)


@pytest.mark.slow
def test_a_route_from_a_gp_names_the_referrer(store_path):
    result = runner.invoke(
        app, ["route", "huisarts", "jeugd-ggz", "--store", str(store_path), "--json"]
    )
    assert json.loads(result.stdout)["routes"][0]["referrer"] == "huisarts"


def test_an_unknown_help_kind_exits_2_with_suggestions(store_path):
    result = runner.invoke(app, ["route", "huisarts", "jeugd-gz", "--store", str(store_path)])
    assert result.exit_code == 2
    assert "jeugd-ggz" in result.output


@pytest.mark.slow
def test_brokers_of_one_gemeente_are_only_actors_that_hold_there(store_path):
    everywhere = runner.invoke(
        app, ["brokers", "--top", "500", "--store", str(store_path), "--json"]
    )
    huizen = runner.invoke(
        app, ["brokers", "--top", "500", "--regio", "huizen", "--store", str(store_path), "--json"]
    )
    assert huizen.exit_code == 0, huizen.output
    report = json.loads(huizen.stdout)
    assert report["region"] == "huizen"
    actors = {row["actor"] for row in report["rows"]}
    assert actors < {row["actor"] for row in json.loads(everywhere.stdout)["rows"]}
    assert "gemeente-hilversum" not in actors


def test_brokers_of_an_unknown_region_exit_2_with_suggestions(store_path):
    result = runner.invoke(app, ["brokers", "--regio", "hilversm", "--store", str(store_path)])
    assert result.exit_code == 2
    assert "hilversum" in result.output


def _table(store_path, *command: str) -> str:
    result = runner.invoke(app, [*command, "--store", str(store_path)], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result.output


def test_does_the_overlaps_command_group_by_kind_with_dutch_labels(store_path):
    output = _table(store_path, "overlaps")
    real = output.index("Overlap: zelfde taak zonder afspraak over de verdeling (1)")
    meant = output.index("Overlap: parallel bedoeld door de wet (1)")
    assert real < meant
    assert "zelfde-taak-zonder-afspraak" not in output
    assert "Elk van hen is wettelijk verwijzer met een eigen grondslag (Jeugdwet)" in output
    assert "Voert regie op het proces van de hulp aan een gezin. [bron: 003 §4]" in output


def test_does_the_ladder_command_name_each_rung_with_its_mandate(store_path):
    output = _table(store_path, "mandates", "-g", "hilversum", "--escalatie")
    assert "Escalatieladder Hilversum (laag naar hoog)" in output
    assert "doorbraak forceren (geen wet genoemd)" in output
    assert output.index("doorbraakregisseur") < output.index("doorbraaktafel")
    assert "Bovenregionaal: de bronnen noemen voor Hilversum geen trede." in output
    assert "Vastgelopen casussen gaan ook naar de doorbraakregisseur." in output


def test_does_the_mandate_matrix_show_labels_instead_of_ids(store_path):
    output = _table(store_path, "mandates")
    assert "doorbraak forceren" in output and "Jeugdwet" in output
    assert "jeugdwet" not in output


def test_does_the_diff_command_show_a_changed_arrangement_with_both_states(store_path):
    output = _table(store_path, "diff", "2021", "2025")
    assert "Gewijzigd 2021 → 2025 (1)" in output
    assert "Vastgelopen casussen gaan naar de doorbraaktafel." in output
    assert "Vastgelopen casussen gaan ook naar de doorbraakregisseur." in output
    assert "gekoppeld: zelfde gebied en aspect" in output
    ended = output[output.index("Beëindigd 2021 → 2025 (1)") :]
    assert "hilversum-poh-pilot" in ended and "hilversum-escalatie" not in ended
