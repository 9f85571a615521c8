"""The spreadsheet form of the data: a template to fill in, and the store as a workbook.

One sheet per kind of record (``actoren``, ``routes``, ``mandaten``,
``lidmaatschappen``, ``gebieden`` and the other kinds), one column per field of the
SHACL shapes, dropdowns (data validation lists) with the notations of each vocabulary
field, a ``bronnen`` sheet with the source register and a ``toelichting`` sheet that
explains every column in Dutch from the shapes' ``zn:fieldHint``. Multi-valued cells
hold their values separated by ``; ``. :mod:`zorgnet.loaders.xlsx` reads it back.
"""

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from rdflib import DCTERMS, RDF, Graph

from zorgnet.graph.rdf_records import Records, graph_records
from zorgnet.ontology.namespace import ID, ZN
from zorgnet.ontology.schema import FieldSpec, ValueKind, record_kinds
from zorgnet.ontology.vocabulary import vocabulary

__all__ = [
    "EXPLANATION_SHEET",
    "LISTS_SHEET",
    "SEPARATOR",
    "SHEETS",
    "SOURCES_SHEET",
    "SOURCE_COLUMNS",
    "TEXT_SEPARATOR",
    "columns",
    "workbook_bytes",
]

# Dutch sheet names for the record kinds; the first four are the ones advisors fill most.
SHEETS = {
    "actors": "actoren",
    "relations": "routes",
    "mandates": "mandaten",
    "memberships": "lidmaatschappen",
    "areas": "gebieden",
    "arrangements": "inrichting",
    "alignments": "kaders",
    "figures": "cijfers",
    "shortages": "tekorten",
    "issues": "kwesties",
}
SOURCES_SHEET = "bronnen"
SOURCE_COLUMNS = ("document", "bestand", "titel", "peiljaar", "paragraaf", "paragraaftitel")
EXPLANATION_SHEET = "toelichting"
LISTS_SHEET = "keuzelijsten"
SEPARATOR = "; "
# Texts may hold semicolons and line breaks, so several texts are kept apart by an empty line.
TEXT_SEPARATOR = "\n\n"
_MAX_ROWS = 2000
# A text starting with one of these is read by Excel as a formula (formula injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def columns(key: str) -> list[str]:
    """The column names of the sheet of record kind *key*: ``id`` and the fields."""
    return ["id", *record_kinds()[key].fields]


def _cell(value: Any, text: bool) -> Any:
    if isinstance(value, list):
        return (TEXT_SEPARATOR if text else SEPARATOR).join(str(v) for v in value)
    return value


def _append(sheet: Worksheet, values: list[Any]) -> None:
    """Append a row of data; a text that Excel would take for a formula stays text.

    openpyxl turns a string starting with ``=`` into a formula cell, and Excel computes
    ``+``, ``-`` and ``@`` too when the cell is edited. Such cells are written as strings
    with Excel's quote prefix (shown as text, not computed), so the text reads back as is.
    """
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True


def _lists_sheet(book: Workbook) -> dict[str, str]:
    """A hidden sheet with one column per vocabulary; returns class → range formula."""
    sheet = book.create_sheet(LISTS_SHEET)
    ranges: dict[str, str] = {}
    targets = sorted(
        {
            str(spec.target)
            for kind in record_kinds().values()
            for spec in kind.fields.values()
            if spec.value_kind is ValueKind.CONCEPT
        }
    )
    for index, target in enumerate(targets, start=1):
        letter = get_column_letter(index)
        notations = vocabulary().notations(target)  # type: ignore[arg-type]
        sheet.cell(1, index, target.rsplit("#", 1)[-1])
        for row, notation in enumerate(notations, start=2):
            sheet.cell(row, index, notation)
        ranges[target] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(notations) + 1}"
    sheet.sheet_state = "hidden"
    return ranges


def _record_sheet(book: Workbook, key: str, rows: list[dict], ranges: dict[str, str]) -> None:
    sheet = book.create_sheet(SHEETS[key])
    kind = record_kinds()[key]
    names = columns(key)
    sheet.append(names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    texts = {n for n, s in kind.fields.items() if s.value_kind is ValueKind.TEXT or n == "source"}
    for record in rows:
        _append(sheet, [_cell(record.get(name), name in texts) for name in names])
    for index, name in enumerate(names, start=1):
        spec = kind.fields.get(name)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 28 if name in ("label", "description") else 16
        if spec is None or spec.value_kind is not ValueKind.CONCEPT or spec.multiple:
            # A list validation only admits one value per cell; multi-valued cells are
            # checked on import instead.
            continue
        validation = DataValidation(
            type="list", formula1=ranges[str(spec.target)], allow_blank=not spec.required
        )
        validation.error = f"Kies een waarde uit de lijst ({spec.hint})"
        validation.errorTitle = "Onbekende waarde"
        validation.add(f"{letter}2:{letter}{_MAX_ROWS}")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = "B2"


def _multiple(spec: FieldSpec) -> str:
    if not spec.multiple:
        return "nee"
    if spec.value_kind is ValueKind.TEXT or spec.name == "source":
        return "ja, elke waarde als eigen alinea (een lege regel ertussen)"
    return f"ja, scheiden met '{SEPARATOR.strip()}'"


def _explanation_sheet(book: Workbook) -> None:
    sheet = book.create_sheet(EXPLANATION_SHEET, 0)
    sheet.append(["tabblad", "kolom", "verplicht", "meerdere waarden", "soort waarde", "uitleg"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    kinds_of_value = {
        ValueKind.TEXT: "tekst",
        ValueKind.LITERAL: "getal of jaartal",
        ValueKind.CONCEPT: "keuze uit lijst",
        ValueKind.REFERENCE: "id van een andere registratie",
    }
    for key, name in SHEETS.items():
        sheet.append([name, "id", "ja", "nee", "id", "Unieke id: kleine letters, cijfers, '-'."])
        for spec in record_kinds()[key].fields.values():
            kind = "bronvermelding" if spec.name == "source" else kinds_of_value[spec.value_kind]
            sheet.append(
                [
                    name,
                    spec.name,
                    "ja" if spec.required else "nee",
                    _multiple(spec),
                    kind,
                    spec.hint,
                ]
            )
    sheet.append([])
    sheet.append(
        [
            SOURCES_SHEET,
            "",
            "",
            "",
            "",
            "De brondocumenten en paragrafen die in de kolom 'source' genoemd mogen worden.",
        ]
    )
    sheet.column_dimensions["F"].width = 90


def _sources_sheet(book: Workbook, graph: Graph) -> None:
    sheet = book.create_sheet(SOURCES_SHEET)
    sheet.append(list(SOURCE_COLUMNS))
    rows = []
    for section in graph.subjects(RDF.type, ZN.SourceSection):
        document = graph.value(section, DCTERMS.isPartOf)
        rows.append(
            [
                str(document)[len(str(ID)) :].split("/", 1)[1],
                str(graph.value(document, ZN.fileName)),
                str(graph.value(document, DCTERMS.title)),
                int(str(graph.value(document, ZN.asOf))),
                str(graph.value(section, ZN.sectionNumber)),
                str(graph.value(section, DCTERMS.title)),
            ]
        )
    for row in sorted(rows, key=lambda r: (r[0], r[4])):
        _append(sheet, row)


def workbook_bytes(graph: Graph | None = None, *, empty: bool = False) -> bytes:
    """The workbook of *graph*'s records (or an empty template) as ``.xlsx`` bytes.

    Parameters
    ----------
    graph : Graph, optional
        The store's data. Its source register fills the ``bronnen`` sheet.
    empty : bool
        Write only the headers of the record sheets (the template), still with the
        source register of *graph* so that citations can be picked.

    Returns
    -------
    bytes
    """
    data = graph if graph is not None else Graph()
    records: Records = {} if empty else graph_records(data)
    book = Workbook()
    book.remove(book.active)
    ranges = _lists_sheet(book)
    for key in SHEETS:
        _record_sheet(book, key, records.get(key, []), ranges)
    _sources_sheet(book, data)
    _explanation_sheet(book)
    book.active = 0
    out = BytesIO()
    book.save(out)
    return out.getvalue()
