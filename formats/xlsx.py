"""Excel workbooks: the template to fill in, the store as a workbook, and reading one back.

One sheet per kind of record (``actoren``, ``routes``, ``mandaten``,
``lidmaatschappen``, ``gebieden`` and the other kinds), one column per field of the
SHACL shapes, dropdowns (data validation lists) with the Dutch labels of each vocabulary
field that refuse any other value with a Dutch message, a ``bronnen`` sheet with the
source register and a ``toelichting`` sheet that explains every column in Dutch from the
shapes' ``zn:fieldHint``. Multi-valued cells hold their values separated by ``; ``;
their concepts are written as labels too, but Excel cannot check a list of choices in
one cell, so the import checks them.

:func:`workbook_bytes` writes it; :func:`read_xlsx` reads a filled one: each record
sheet's rows become the same dicts a YAML data file holds (a vocabulary value chosen by
its label, or typed as its notation, becomes its notation), with the row number as line,
so :func:`zorgnet.loaders.records.build_records` and SHACL check them exactly as they
check YAML. A problem names the workbook and sheet as its file (``kaart.xlsx[actoren]``),
the row as its line and the column header as its field.
"""

import difflib
import re
from datetime import date, datetime, time
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from rdflib import DCTERMS, RDF, Graph, URIRef

from zorgnet.graph.rdf_records import Records, graph_records
from zorgnet.loaders.dataset import Dataset, add_records
from zorgnet.loaders.messages import shown, workbook_message
from zorgnet.loaders.report import Position, Problem
from zorgnet.loaders.sources import SourceRegister
from zorgnet.loaders.text import character_problem
from zorgnet.loaders.yaml_file import LinedDict
from zorgnet.ontology.namespace import ID, ZN
from zorgnet.ontology.schema import FieldSpec, ValueKind, record_kinds
from zorgnet.ontology.vocabulary import class_label, vocabulary

__all__ = [
    "EXPLANATION_SHEET",
    "LISTS_SHEET",
    "SEPARATOR",
    "SHEETS",
    "SOURCES_SHEET",
    "SOURCE_COLUMNS",
    "TEXT_SEPARATOR",
    "columns",
    "read_xlsx",
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


def _concept_classes() -> list[URIRef]:
    """Every vocabulary a field of some record kind takes its values from."""
    return sorted(
        {
            spec.target
            for kind in record_kinds().values()
            for spec in kind.fields.values()
            if spec.value_kind is ValueKind.CONCEPT
        }
    )


def _labels(concept_class: URIRef) -> dict[str, str]:
    """Notation → Dutch label of every concept of *concept_class*, in label order."""
    words = vocabulary()
    labels = {
        n: words.label(words.concept(concept_class, n)) for n in words.notations(concept_class)
    }
    return dict(sorted(labels.items(), key=lambda item: item[1].casefold()))


@cache
def _notations(concept_class: URIRef) -> dict[str, str]:
    """What a cell may hold for a concept (its Dutch label, in any case, or its notation)
    → the notation the records hold."""
    found = {label.casefold(): n for n, label in _labels(concept_class).items()}
    found.update({n: n for n in vocabulary().notations(concept_class)})
    return found


def _lists_sheet(book: Workbook) -> dict[URIRef, str]:
    """A hidden sheet with the Dutch labels of each vocabulary in a column of its own;
    returns concept class → the range formula of its labels."""
    sheet = book.create_sheet(LISTS_SHEET)
    ranges: dict[URIRef, str] = {}
    for index, target in enumerate(_concept_classes(), start=1):
        letter = get_column_letter(index)
        labels = list(_labels(target).values())
        sheet.cell(1, index, class_label(str(target)))
        for row, label in enumerate(labels, start=2):
            sheet.cell(row, index, label)
        ranges[target] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(labels) + 1}"
    sheet.sheet_state = "hidden"
    return ranges


def _dropdown(spec: FieldSpec, formula: str) -> DataValidation:
    """A list validation that offers the labels of *formula* and refuses anything else."""
    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=not spec.required,
        showErrorMessage=True,
        errorStyle="stop",
        showInputMessage=True,
    )
    # Excel allows 32 characters in a title and 255 in a message.
    validation.errorTitle = "Waarde niet in de lijst"
    validation.error = (
        f"Kies een waarde uit de keuzelijst van de kolom {spec.name}: klik op het pijltje "
        "naast de cel. Een andere waarde kan zorgnet niet lezen."
    )
    validation.promptTitle = spec.name[:32]
    validation.prompt = spec.hint[:255]
    return validation


def _shown_value(value: Any, spec: FieldSpec | None) -> Any:
    """A record's value as its cell shows it: a concept by its Dutch label."""
    if spec is None or spec.value_kind is not ValueKind.CONCEPT or value is None:
        return value
    labels = _labels(spec.target)
    if isinstance(value, list):
        return [labels.get(str(v), v) for v in value]
    return labels.get(str(value), value)


def _record_sheet(book: Workbook, key: str, rows: list[dict], ranges: dict[URIRef, str]) -> None:
    sheet = book.create_sheet(SHEETS[key])
    kind = record_kinds()[key]
    names = columns(key)
    sheet.append(names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    texts = {n for n, s in kind.fields.items() if s.value_kind is ValueKind.TEXT or n == "source"}
    for record in rows:
        values = [_shown_value(record.get(name), kind.fields.get(name)) for name in names]
        _append(sheet, [_cell(v, name in texts) for v, name in zip(values, names, strict=True)])
    for index, name in enumerate(names, start=1):
        spec = kind.fields.get(name)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 28 if name in ("label", "description") else 16
        if spec is None or spec.value_kind is not ValueKind.CONCEPT or spec.multiple:
            # A list validation only admits one value per cell; multi-valued cells are
            # checked on import instead.
            continue
        validation = _dropdown(spec, ranges[spec.target])
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


# Reading a filled workbook back: the record kind of each sheet, and the other sheets.
_KEYS = {sheet: key for key, sheet in SHEETS.items()}
_OTHER_SHEETS = {SOURCES_SHEET, EXPLANATION_SHEET, LISTS_SHEET}


def _where(display: str, sheet: str) -> str:
    return f"{display}[{sheet}]"


def _problem(at: Position, message: str, hint: str, rule: str, field: str | None = None) -> Problem:
    return Problem.at(at, message, hint=hint, rule=rule, field=field)


def _value(raw: Any, spec: FieldSpec | None) -> Any:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, datetime | date | time):
        # A cell Excel made a date of ("1-3-2024"): its text, which the checks then refuse.
        plain = isinstance(raw, datetime) and raw.time() == time()
        raw = raw.date().isoformat() if plain else raw.isoformat()
    multiple = spec is not None and spec.multiple
    if isinstance(raw, str):
        raw = raw.strip()
        if multiple:
            text = spec.value_kind is ValueKind.TEXT or spec.name == "source"
            parts = raw.split(TEXT_SEPARATOR) if text else re.split(r"[;\n]", raw)
            return [part.strip() for part in parts if part.strip()]
    return [raw] if multiple else raw


def _concepts(value: Any, spec: FieldSpec | None) -> Any:
    """The notations of a concept cell's values, chosen by label (or given as notation);
    a value that is neither stays as it is, for the checks to name."""
    if spec is None or spec.value_kind is not ValueKind.CONCEPT:
        return value
    notations = _notations(spec.target)

    def notation(item: Any) -> Any:
        text = str(item)
        return notations.get(text, notations.get(text.casefold(), item))

    return [notation(v) for v in value] if isinstance(value, list) else notation(value)


def _rows(sheet: Worksheet) -> list[tuple[int, list[Any]]]:
    return [
        (number, list(row))
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        if any(cell not in (None, "") for cell in row)
    ]


def _records(sheet: Worksheet, key: str, name: str, problems: list[Problem]) -> LinedDict:
    rows = _rows(sheet)
    document = LinedDict()
    document.line = 1
    document.key_lines = {key: 1}
    document[key] = []
    if not rows:
        return document
    header = [str(cell).strip() if cell is not None else "" for cell in rows[0][1]]
    allowed = columns(key)
    if "id" not in header:
        problems.append(_header_problem(rows, name, allowed))
        return document
    specs = record_kinds()[key].fields
    for index, column in enumerate(header):
        if column and column not in allowed:
            close = difflib.get_close_matches(column, allowed, n=3)
            problems.append(
                _problem(
                    Position(name, rows[0][0]),
                    f"onbekende kolom {column!r} (kolom {index + 1})",
                    f"bedoelde u: {', '.join(close)}?" if close else "zie het tabblad toelichting",
                    "onbekende-kolom",
                    column,
                )
            )
    for number, cells in rows[1:]:
        record = LinedDict()
        record.line = number
        record.key_lines = {}
        for column, raw in zip(header, cells, strict=False):
            if not column or raw in (None, "") or column not in allowed:
                continue
            record[column] = _concepts(_value(raw, specs.get(column)), specs.get(column))
            record.key_lines[column] = number
        document[key].append(record)
    return document


def _header_problem(rows: list[tuple[int, list[Any]]], name: str, allowed: list[str]) -> Problem:
    """The problem of a sheet whose first row has no column ``id``."""
    first = [str(cell).strip() for cell in rows[0][1] if cell is not None]
    later = next((n for n, cells in rows[1:6] if "id" in [str(c).strip() for c in cells]), None)
    if later is None and set(first) & set(allowed):
        message = "kolom 'id' ontbreekt"
        hint = "elke registratie heeft een id: zet de kolom id terug, als eerste kolom"
    else:
        message = "de eerste regel is niet de regel met de kolomnamen (id, label, ...)"
        hint = (
            f"de kolomnamen staan op regel {later}: haal de regels erboven weg"
            if later
            else "zet de kolomnamen van het sjabloon (zorgnet template) op de eerste regel"
        )
    return _problem(Position(name, rows[0][0]), message, hint, "kolomnamen", "id")


def _year(value: Any) -> int | None:
    """*value* as a year, or None when it is not one."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}\s*", value):
        value = int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _register(sheet: Worksheet | None, name: str, problems: list[Problem]) -> SourceRegister:
    register = SourceRegister()
    if sheet is None:
        problems.append(
            _problem(
                Position(name),
                f"tabblad {SOURCES_SHEET!r} ontbreekt",
                "begin met 'zorgnet template', dat de bronnen al bevat",
                "bronnenregister",
            )
        )
        return register
    rows = _rows(sheet)
    for number, cells in rows[1:]:
        row = dict(zip(SOURCE_COLUMNS, cells, strict=False))
        at = Position(name, number)
        texts = [(c, v) for c, v in row.items() if isinstance(v, str)]
        # (Record rows are checked with the records, in build_records.)
        problems += [
            p for c, v in texts if (p := character_problem(v, at, multiline=False, field=c))
        ]
        missing = [c for c in SOURCE_COLUMNS if row.get(c) in (None, "")]
        seed = str(row.get("document") or "")
        if missing or not re.fullmatch(r"\d{3}", seed):
            problems.append(
                _problem(
                    at,
                    "bronregel mist " + ", ".join(missing) if missing else f"document {seed!r}",
                    "vul document (drie cijfers), bestand, titel, peiljaar en paragraaf in",
                    "bronnenregister",
                    missing[0] if missing else "document",
                )
            )
            continue
        year = _year(row["peiljaar"])
        if year is None:
            problems.append(
                _problem(
                    at,
                    f"peiljaar {shown(row['peiljaar'])} is geen jaartal",
                    "vul één jaar in, zoals 2024: het jaar van de situatie in het document",
                    "bronnenregister",
                    "peiljaar",
                )
            )
            continue
        document = register.add_document(seed, str(row["bestand"]), str(row["titel"]), year)
        register.add_section(seed, str(row["paragraaf"]), str(row["paragraaftitel"]), document)
    return register


def read_xlsx(path: Path, *, base: Graph | None = None, display: str | None = None) -> Dataset:
    """Read and check a filled zorgnet workbook.

    Parameters
    ----------
    path : Path
        An ``.xlsx`` file in the form ``zorgnet template`` writes.
    base : Graph, optional
        Data already in the store that the workbook adds to.
    display : str, optional
        How to name the workbook in messages.

    Returns
    -------
    Dataset
        The records' graph and a report whose problems name workbook[sheet], row and
        column. Use the graph only when ``report.ok``.
    """
    name = display or str(path)
    dataset = Dataset(files=[name])
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl's refusal, whatever its kind: never a traceback
        dataset.report.extend(
            [
                _problem(
                    Position(name),
                    f"geen leesbaar Excel-werkboek: {workbook_message(exc)}",
                    "open het in Excel en sla het op als Excel-werkmap (.xlsx)",
                    "bestandstype",
                )
            ]
        )
        return dataset
    problems: list[Problem] = []
    documents = []
    for sheet_name in book.sheetnames:
        if sheet_name in _OTHER_SHEETS:
            continue
        if sheet_name not in _KEYS:
            close = difflib.get_close_matches(sheet_name, [*_KEYS], n=3)
            problems.append(
                _problem(
                    Position(_where(name, sheet_name)),
                    f"onbekend tabblad {sheet_name!r}",
                    f"bedoelde u: {', '.join(close)}?"
                    if close
                    else "toegestaan: " + ", ".join(_KEYS),
                    "onbekend-tabblad",
                )
            )
            continue
        where = _where(name, sheet_name)
        documents.append((where, _records(book[sheet_name], _KEYS[sheet_name], where, problems)))
    sources = book[SOURCES_SHEET] if SOURCES_SHEET in book.sheetnames else None
    register = _register(sources, _where(name, SOURCES_SHEET), problems)
    book.close()
    dataset.report.extend(problems)
    dataset.triples.add_graph(register.graph)
    return add_records(dataset, documents, register, base=base, display=name)
