"""Reading a filled spreadsheet (the ``zorgnet template`` workbook) as zorgnet records.

Each record sheet's rows become the same dicts a YAML data file holds, with the row
number as line, so :func:`zorgnet.loaders.records.build_records` and SHACL check them
exactly as they check YAML. A problem names the workbook and sheet as its file
(``kaart.xlsx[actoren]``), the row as its line and the column header as its field.
"""

import difflib
import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from rdflib import Graph

from zorgnet.graph.exports.xlsx import (
    EXPLANATION_SHEET,
    LISTS_SHEET,
    SHEETS,
    SOURCE_COLUMNS,
    SOURCES_SHEET,
    TEXT_SEPARATOR,
    columns,
)
from zorgnet.loaders.dataset import Dataset, add_records
from zorgnet.loaders.messages import shown, workbook_message
from zorgnet.loaders.report import Position, Problem
from zorgnet.loaders.sources import SourceRegister
from zorgnet.loaders.text import character_problem
from zorgnet.loaders.yaml_file import LinedDict
from zorgnet.ontology.schema import FieldSpec, ValueKind, record_kinds

__all__ = ["read_xlsx"]

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
            record[column] = _value(raw, specs.get(column))
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
