"""Data that looks like Rich markup: does the terminal show it as it is?"""

from pathlib import Path

import pytest
from rdflib import SKOS, Literal
from typer.testing import CliRunner

from zorgnet.api.cli import app
from zorgnet.graph.analyses._example import example_graph
from zorgnet.graph.store import Store
from zorgnet.ontology.namespace import ID

LABEL = "[link=http://x]klik[/link] [red]huisarts"
# Wide enough that no table cell is wrapped over two lines.
runner = CliRunner(env={"COLUMNS": "250"})


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    graph = example_graph()
    huisarts = ID["actor/huisarts"]
    assert (huisarts, SKOS.prefLabel, None) in graph
    graph.remove((huisarts, SKOS.prefLabel, None))
    graph.add((huisarts, SKOS.prefLabel, Literal(LABEL, lang="nl")))
    path = tmp_path / "store"
    with Store(path) as store:
        store.replace(graph)
    return path


@pytest.mark.slow
def test_a_label_with_markup_is_printed_with_its_brackets_in_the_tables(store_dir: Path) -> None:
    brokers = runner.invoke(app, ["brokers", "--store", str(store_dir)])
    assert brokers.exit_code == 0, brokers.output
    assert LABEL in brokers.output
    route = runner.invoke(app, ["route", "huisarts", "jeugd-ggz", "--store", str(store_dir)])
    assert route.exit_code == 0, route.output
    assert LABEL in route.output


@pytest.mark.slow
def test_an_error_about_a_name_with_markup_shows_the_name_as_typed(store_dir: Path) -> None:
    name = "[bold]onbekend[/bold]-team"
    result = runner.invoke(app, ["team", name, "--store", str(store_dir)])
    assert result.exit_code == 2
    assert result.output.startswith("fout: ")
    assert name in result.output


def test_the_red_word_fout_is_colour_not_text(store_dir: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "[red]x", "--store", str(store_dir)])
    assert result.exit_code == 2
    assert result.output.startswith("fout: onbekend formaat '[red]x'")


def test_a_problem_in_a_data_file_quotes_the_value_with_its_brackets(tmp_path: Path) -> None:
    fixture = Path(__file__).parent.parent / "loaders" / "fixture-bronnen.yaml"
    (tmp_path / "bronnen.yaml").write_text(fixture.read_text())
    (tmp_path / "a.yaml").write_text(
        "actors:\n  - id: x\n    label: X\n    type: '[red]buurtteem'\n"
        '    scale: lokaal\n    source: "003 §4"\n'
    )
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 1
    line = next(line for line in result.output.splitlines() if "a.yaml:4" in line)
    assert line.startswith("fout ") and "[red]buurtteem" in line
