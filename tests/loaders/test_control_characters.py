"""Can a control character get in through any door? Each reader refuses it, in Dutch,
with the file, line and field, and the store stays as it was."""

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rdflib import Graph
from typer.testing import CliRunner

from zorgnet.api.cli import app
from zorgnet.formats.hsds import hsds_schema_dir, read_hsds
from zorgnet.formats.xlsx import SOURCES_SHEET, read_xlsx, workbook_bytes
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import Dataset, read_dataset
from zorgnet.loaders.report import Problem
from zorgnet.loaders.text import bad_character

HERE = Path(__file__).parent
ACTOR = "https://w3id.org/zorgnet/id/actor/a"
LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
DESCRIPTION = "http://purl.org/dc/terms/description"

# Each kind of character that is never allowed, as a JSON escape.
NEVER = {
    "C0": "\\u0004",
    "escape": "\\u001b",
    "DEL": "\\u007f",
    "C1": "\\u0085",
    "non-character": "\\ufffe",
    "lone surrogate": "\\ud800",
}


def _yaml(label: str, description: str = "Een team.") -> str:
    return (
        "actors:\n"
        "  - id: a\n"
        f"    label: {label}\n"
        "    type: buurtteam\n"
        "    scale: lokaal\n"
        f"    description: {description}\n"
        '    source: "003 §4"\n'
    )


def _folder(tmp_path: Path, name: str, text: str) -> Path:
    shutil.copy(HERE / "fixture-bronnen.yaml", tmp_path / "bronnen.yaml")
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / name


def _only_error(dataset: Dataset) -> Problem:
    problems = dataset.report.errors
    assert len(problems) == 1, [str(p) for p in problems]
    [problem] = problems
    assert problem.rule == "teken", str(problem)
    assert problem.hint
    return problem


@pytest.mark.parametrize("kind", sorted(NEVER))
def test_a_json_ld_label_with_any_forbidden_character_is_refused(tmp_path: Path, kind: str) -> None:
    text = f'{{"@id": "{ACTOR}",\n "{LABEL}": "A{NEVER[kind]}B"}}\n'
    problem = _only_error(read_dataset(_folder(tmp_path, "a.jsonld", text)))
    assert problem.file.endswith("a.jsonld")
    assert (problem.line, problem.record, problem.field) == (1, "a", "label")
    assert "op positie 2" in problem.message


@pytest.mark.parametrize(
    ("name", "text", "line", "field"),
    [
        ("a.yaml", _yaml('"A\\x04B"'), 3, "label"),
        ("a.yaml", _yaml('"A\\u0085B"'), 3, "label"),
        ("a.yaml", _yaml("A\x04B"), 3, None),  # the raw byte: YAML's reader stops there
        ("a.yaml", _yaml("Team", '"Regel 1\\x1bRegel 2"'), 6, "description"),
        ("a.ttl", f'<{ACTOR}>\n  <{LABEL}> "A\\u0004B"@nl .\n', 1, "label"),
        ("a.nt", f'<{ACTOR}> <{DESCRIPTION}> "A\\u007fB"@nl .\n', 1, "description"),
    ],
)
def test_each_file_door_refuses_a_control_character_at_its_line(
    tmp_path: Path, name: str, text: str, line: int, field: str | None
) -> None:
    problem = _only_error(read_dataset(_folder(tmp_path, name, text)))
    assert (problem.file.endswith(name), problem.line, problem.field) == (True, line, field)
    assert "tekst bevat een stuurteken (U+00" in problem.message


def test_a_label_may_not_span_lines_but_a_description_may(tmp_path: Path) -> None:
    fine = read_dataset(_folder(tmp_path, "a.yaml", _yaml("Team", '"Regel 1\\n\\tRegel 2"')))
    assert fine.report.ok, str(fine.report)
    # Folded YAML ends a value with a line break, which reading drops, as around any value.
    assert read_dataset(_folder(tmp_path, "a.yaml", _yaml('"Team\\n"'))).report.ok
    problem = _only_error(read_dataset(_folder(tmp_path, "a.yaml", _yaml('"Team\\nOost"'))))
    assert (problem.line, problem.field) == (3, "label")
    assert "regeleinde (U+000A) op positie 5" in problem.message
    assert "één regel" in problem.hint


def test_a_label_in_turtle_may_not_span_lines_either(tmp_path: Path) -> None:
    text = f'<{ACTOR}> <{LABEL}> """Team\nOost"""@nl .\n'
    problem = _only_error(read_dataset(_folder(tmp_path, "a.ttl", text)))
    assert problem.field == "label"


def test_a_source_title_with_a_control_character_is_refused(tmp_path: Path) -> None:
    register = (HERE / "fixture-bronnen.yaml").read_text(encoding="utf-8")
    register = register.replace(
        "title: Regionale samenwerkingsafspraken", 'title: "Regionale\\x07 samenwerkingsafspraken'
    ).replace("jeugdhulp 2022-2025\n", 'jeugdhulp 2022-2025"\n', 1)
    (tmp_path / "bronnen.yaml").write_text(register, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(_yaml("Team"), encoding="utf-8")
    # A file that cannot be read leaves its sources unknown: the records' citations fail too.
    problem = read_dataset(tmp_path).report.errors[0]
    assert (problem.rule, problem.file, problem.line, problem.field) == (
        "teken",
        str(tmp_path / "bronnen.yaml"),
        4,
        "title",
    )


def test_an_hsds_organization_with_a_control_character_is_refused(
    tmp_path: Path, shipped: Dataset
) -> None:
    example = hsds_schema_dir().parent / "examples" / "organization_full.json"
    document = json.loads(example.read_text(encoding="utf-8"))
    document["name"] = "Example\x04 Organization"
    path = tmp_path / "organisatie.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    problem = _only_error(read_hsds(path, base=shipped.graph))
    assert problem.field == "label"
    assert problem.line is not None
    assert "U+0004" in problem.message


@pytest.fixture(scope="module")
def workbook(shipped: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "kaart.xlsx"
    path.write_bytes(workbook_bytes(shipped.graph))
    return path


@pytest.mark.slow
def test_a_workbook_cell_with_a_control_character_is_refused(
    workbook: Path, tmp_path: Path
) -> None:
    book = load_workbook(workbook)
    sheet = book["actoren"]
    column = [c.value for c in sheet[1]].index("label") + 1
    sheet.cell(row=2, column=column).value = "Naam\x85 met NEL"  # openpyxl writes C1 as is
    book.save(tmp_path / "kaart.xlsx")
    problem = _only_error(read_xlsx(tmp_path / "kaart.xlsx"))
    assert (problem.file, problem.line, problem.field) == (
        f"{tmp_path / 'kaart.xlsx'}[actoren]",
        2,
        "label",
    )
    assert "U+0085" in problem.message


@pytest.mark.slow
def test_a_workbook_source_title_with_a_control_character_is_refused(
    workbook: Path, tmp_path: Path
) -> None:
    book = load_workbook(workbook)
    sheet = book[SOURCES_SHEET]
    column = [c.value for c in sheet[1]].index("titel") + 1
    sheet.cell(row=2, column=column).value = "Titel\x9f"
    book.save(tmp_path / "kaart.xlsx")
    problem = _only_error(read_xlsx(tmp_path / "kaart.xlsx"))
    assert (problem.file, problem.line, problem.field) == (
        f"{tmp_path / 'kaart.xlsx'}[{SOURCES_SHEET}]",
        2,
        "titel",
    )


def _stored(store: Path) -> set:
    with Store(store) as opened:
        return set(opened.graph())


@pytest.mark.parametrize(
    ("command", "name", "text"),
    [
        (["load", "--add"], "a.yaml", _yaml('"A\\x04B"')),
        (["load"], "a.ttl", f'<{ACTOR}> <{LABEL}> "A\\u0004B"@nl .\n'),
        (
            ["import", "--format", "jsonld"],
            "a.jsonld",
            f'{{"@id": "{ACTOR}", "{LABEL}": "\\u0085"}}',
        ),
    ],
)
@pytest.mark.slow
def test_after_a_refusal_the_store_is_unchanged(
    tmp_path: Path, shipped: Dataset, command: list[str], name: str, text: str
) -> None:
    store = tmp_path / "store"
    with Store(store) as opened:
        opened.replace(shipped.graph)
    before = _stored(store)
    path = _folder(tmp_path, name, text)
    result = CliRunner().invoke(app, [command[0], *command[1:], str(path), "--store", str(store)])
    assert result.exit_code == 1, result.output
    assert "stuurteken" in result.output
    assert _stored(store) == before


def test_the_shipped_data_has_no_forbidden_character(shipped: Dataset) -> None:
    graph: Graph = shipped.graph
    assert all(bad_character(str(term)) is None for triple in graph for term in triple)
