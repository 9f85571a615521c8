"""Write the bad workbooks of this corpus: the zorgnet template, filled in wrongly.

Each workbook starts as what ``zorgnet template`` writes for the shipped data (its
``bronnen`` sheet holds the shipped source register) and then gets one mistake a policy
advisor makes when filling it in by hand. The .xlsx files are committed, so the tests
read real files; run this again after the template changes:

    .venv/bin/python tests/loaders/bad-input/make_workbooks.py
"""

from collections.abc import Callable
from datetime import datetime
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook, load_workbook

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.formats.xlsx import columns, workbook_bytes
from zorgnet.loaders.dataset import read_dataset

HERE = Path(__file__).parent
_FIXED = datetime(2025, 3, 1, 9, 0)

ACTOR = {
    "id": "jongerenwerk-huizen",
    "label": "Jongerenwerk Huizen",
    "type": "welzijnsorganisatie",
    "scale": "lokaal",
    "area": "huizen",
    "domain": "jeugd",
    "asOf": 2024,
    "description": "Jongerenwerk in de wijken van Huizen.",
    "source": "003 §4",
}
ROUTE = {
    "id": "jongerenwerk-huizen-verwijst-buurtteam",
    "from": "jongerenwerk-huizen",
    "to": "buurtteams-hilversum",
    "kind": "verwijst",
    "domain": "jeugd",
    "source": "003 §4",
}
FIGURE = {
    "id": "jongeren-bereikt-huizen",
    "measure": "jongeren bereikt door het jongerenwerk",
    "value": 120,
    "unit": "jongeren",
    "area": "huizen",
    "asOf": 2024,
    "source": "003 §4",
}


def _template() -> Workbook:
    graph = read_dataset(SHIPPED_DATASET).graph
    return load_workbook(BytesIO(workbook_bytes(graph, empty=True)))


def _row(book: Workbook, sheet: str, key: str, values: dict[str, object]) -> None:
    """Append *values* to *sheet* under the template's columns of *key*."""
    book[sheet].append([values.get(column) for column in columns(key)])


def _save(book: Workbook, name: str) -> None:
    book.properties.created = book.properties.modified = _FIXED
    book.save(HERE / name)


def unknown_sheet(book: Workbook) -> None:
    # A sheet of its own for one gemeente, next to the template's sheets.
    sheet = book.create_sheet("actoren Huizen")
    sheet.append(columns("actors"))
    sheet.append([ACTOR.get(column) for column in columns("actors")])


def missing_column(book: Workbook) -> None:
    # The column 'scale' deleted because nobody knew what to fill in.
    sheet = book["actoren"]
    sheet.delete_cols(columns("actors").index("scale") + 1)
    sheet.append([ACTOR.get(c) for c in columns("actors") if c != "scale"])


def wrong_enum(book: Workbook) -> None:
    _row(book, "actoren", "actors", {**ACTOR, "scale": "gemeentelijk"})


def two_values_in_one_cell(book: Workbook) -> None:
    _row(book, "actoren", "actors", {**ACTOR, "type": "welzijnsorganisatie; jongerenwerk"})


def dangling_reference(book: Workbook) -> None:
    _row(book, "routes", "relations", {**ROUTE, "from": "jongerenwerk-huizen"})


def duplicate_id_across_sheets(book: Workbook) -> None:
    _row(book, "actoren", "actors", ACTOR)
    _row(book, "routes", "relations", {**ROUTE, "id": "jongerenwerk-huizen"})


def date_as_year(book: Workbook) -> None:
    # Excel turned "1-3-2024" into a date cell.
    _row(book, "actoren", "actors", {**ACTOR, "asOf": datetime(2024, 3, 1)})


def number_with_words(book: Workbook) -> None:
    _row(book, "cijfers", "figures", {**FIGURE, "value": "ongeveer 120"})


def decimal_comma(book: Workbook) -> None:
    _row(book, "cijfers", "figures", {**FIGURE, "value": "12,5", "unit": "procent"})


def age_with_unit(book: Workbook) -> None:
    _row(book, "actoren", "actors", ACTOR)
    _row(book, "routes", "relations", {**ROUTE, "to": "veilig-thuis", "ageMin": "12 jaar"})


def negative_age(book: Workbook) -> None:
    _row(book, "actoren", "actors", ACTOR)
    _row(book, "routes", "relations", {**ROUTE, "to": "veilig-thuis", "ageMin": -4})


def number_as_label(book: Workbook) -> None:
    # A wijk named by its postcode, typed as a number.
    area = {"id": "huizen-1271", "label": 1271, "type": "wijk", "partOf": "huizen"}
    _row(book, "gebieden", "areas", {**area, "source": "003 §4"})


def bad_id(book: Workbook) -> None:
    _row(book, "actoren", "actors", {**ACTOR, "id": "Jongerenwerk Huizen"})


def unknown_column(book: Workbook) -> None:
    # 'omschrijving' typed over the header 'description'.
    sheet = book["actoren"]
    sheet.cell(1, columns("actors").index("description") + 1, "omschrijving")
    _row(book, "actoren", "actors", ACTOR)


def title_row_above_header(book: Workbook) -> None:
    sheet = book["actoren"]
    sheet.insert_rows(1)
    sheet["A1"] = "Sociale kaart Huizen, stand maart 2025"
    _row(book, "actoren", "actors", ACTOR)


def unknown_source(book: Workbook) -> None:
    _row(book, "actoren", "actors", {**ACTOR, "source": "007 §2"})


def missing_sources_sheet(book: Workbook) -> None:
    del book["bronnen"]
    _row(book, "actoren", "actors", ACTOR)


def bad_source_year(book: Workbook) -> None:
    # A document added at the top of the register, with a period instead of one year.
    sources = book["bronnen"]
    sources.insert_rows(2)
    row = ["010", "beleidsplan-huizen.pdf", "Beleidsplan Huizen", "2024-2025", "3", "Jeugd"]
    for column, value in enumerate(row, start=1):
        sources.cell(2, column, value)
    _row(book, "actoren", "actors", {**ACTOR, "source": "010 §3"})


WORKBOOKS: dict[str, Callable[[Workbook], None]] = {
    "xlsx-unknown-sheet.xlsx": unknown_sheet,
    "xlsx-missing-column.xlsx": missing_column,
    "xlsx-wrong-enum.xlsx": wrong_enum,
    "xlsx-two-values-in-one-cell.xlsx": two_values_in_one_cell,
    "xlsx-dangling-reference.xlsx": dangling_reference,
    "xlsx-duplicate-id-across-sheets.xlsx": duplicate_id_across_sheets,
    "xlsx-date-as-year.xlsx": date_as_year,
    "xlsx-number-with-words.xlsx": number_with_words,
    "xlsx-decimal-comma.xlsx": decimal_comma,
    "xlsx-age-with-unit.xlsx": age_with_unit,
    "xlsx-negative-age.xlsx": negative_age,
    "xlsx-number-as-label.xlsx": number_as_label,
    "xlsx-bad-id.xlsx": bad_id,
    "xlsx-unknown-column.xlsx": unknown_column,
    "xlsx-title-row-above-header.xlsx": title_row_above_header,
    "xlsx-unknown-source.xlsx": unknown_source,
    "xlsx-missing-sources-sheet.xlsx": missing_sources_sheet,
    "xlsx-bad-source-year.xlsx": bad_source_year,
}


def main() -> None:
    template = BytesIO()
    _template().save(template)
    for name, mistake in WORKBOOKS.items():
        book = load_workbook(BytesIO(template.getvalue()))
        mistake(book)
        _save(book, name)
    # Not a workbook at all: a CSV export saved under the workbook's name ...
    (HERE / "xlsx-csv-with-xlsx-name.xlsx").write_text(
        "id;label;type;scale\njongerenwerk-huizen;Jongerenwerk Huizen;welzijnsorganisatie;lokaal\n",
        encoding="utf-8",
    )
    # ... and a workbook whose download stopped halfway.
    whole = (HERE / "xlsx-wrong-enum.xlsx").read_bytes()
    (HERE / "xlsx-truncated.xlsx").write_bytes(whole[: len(whole) // 2])


if __name__ == "__main__":
    main()
