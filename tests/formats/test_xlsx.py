"""A policy advisor fills in the spreadsheet template and loads it."""

from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rdflib.compare import isomorphic

from zorgnet.formats.xlsx import EXPLANATION_SHEET, SHEETS, read_xlsx, workbook_bytes
from zorgnet.loaders.dataset import Dataset


@pytest.fixture(scope="module")
def shipped_workbook(shipped: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "sociale-kaart.xlsx"
    path.write_bytes(workbook_bytes(shipped.graph))
    return path


def _edit(source: Path, target: Path, sheet: str, cell: str, value: object) -> Path:
    book = load_workbook(source)
    book[sheet][cell] = value
    book.save(target)
    return target


@pytest.mark.slow
def test_the_shipped_data_survives_a_round_trip_through_the_workbook(
    shipped: Dataset, shipped_workbook: Path
) -> None:
    dataset = read_xlsx(shipped_workbook)
    assert dataset.report.ok, dataset.report
    assert isomorphic(dataset.graph, shipped.graph)


def test_the_template_has_a_sheet_per_kind_dropdowns_and_a_dutch_explanation(
    shipped: Dataset,
) -> None:
    book = load_workbook(BytesIO(workbook_bytes(shipped.graph, empty=True)))
    for sheet in ("actoren", "routes", "mandaten", "lidmaatschappen"):
        assert sheet in book.sheetnames
        assert book[sheet].max_row == 1  # headers only
    actors = book["actoren"]
    header = [c.value for c in actors[1]]
    type_column = header.index("type") + 1
    lists = [v for v in actors.data_validations.dataValidation if v.type == "list"]
    assert any(f"{chr(64 + type_column)}2" in str(v.sqref) for v in lists)
    explanation = [tuple(c.value for c in row) for row in book[EXPLANATION_SHEET].iter_rows()]
    assert ("actoren", "type", "ja", "nee", "keuze uit lijst") in [r[:5] for r in explanation]
    assert book["bronnen"].max_row > 10  # citations can be picked from the register


def test_an_empty_template_loads_as_nothing(shipped: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "leeg.xlsx"
    path.write_bytes(workbook_bytes(shipped.graph, empty=True))
    dataset = read_xlsx(path)
    assert dataset.report.ok, dataset.report
    assert dataset.record_count == 0


@pytest.mark.slow
def test_a_bad_dropdown_value_names_sheet_row_and_column(
    shipped_workbook: Path, tmp_path: Path
) -> None:
    book = load_workbook(shipped_workbook, read_only=True)
    header = [c.value for c in next(book["actoren"].iter_rows(max_row=1))]
    column = chr(65 + header.index("type"))
    path = _edit(shipped_workbook, tmp_path / "fout.xlsx", "actoren", f"{column}5", "buurtteem")
    dataset = read_xlsx(path, display="fout.xlsx")
    assert not dataset.report.ok
    error = dataset.report.errors[0]
    assert (error.file, error.line, error.field) == ("fout.xlsx[actoren]", 5, "type")
    assert "buurtteam" in error.hint


@pytest.mark.slow
def test_an_unknown_reference_is_refused_with_its_place(
    shipped_workbook: Path, tmp_path: Path
) -> None:
    book = load_workbook(shipped_workbook, read_only=True)
    header = [c.value for c in next(book["routes"].iter_rows(max_row=1))]
    column = chr(65 + header.index("to"))
    path = _edit(shipped_workbook, tmp_path / "fout.xlsx", "routes", f"{column}3", "niemand")
    dataset = read_xlsx(path, display="fout.xlsx")
    errors = [(e.file, e.line, e.field, e.rule) for e in dataset.report.errors]
    assert errors == [("fout.xlsx[routes]", 3, "to", "verwijzing")]


@pytest.mark.slow
def test_a_wrong_sheet_name_is_refused(shipped_workbook: Path, tmp_path: Path) -> None:
    book = load_workbook(shipped_workbook)
    book["actoren"].title = "acteuren"
    book.save(tmp_path / "fout.xlsx")
    dataset = read_xlsx(tmp_path / "fout.xlsx", display="fout.xlsx")
    assert not dataset.report.ok
    assert any(
        e.file == "fout.xlsx[acteuren]" and "actoren" in e.hint for e in dataset.report.errors
    )


def test_a_file_that_is_no_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kaart.xlsx"
    path.write_text("geen werkboek", encoding="utf-8")
    dataset = read_xlsx(path)
    assert not dataset.report.ok
    assert len(dataset.graph) == 0


def test_every_record_kind_has_a_sheet() -> None:
    from zorgnet.ontology.schema import record_kinds

    assert set(SHEETS) == set(record_kinds())
