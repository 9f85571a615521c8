"""Which characters text in zorgnet may hold: the one check every reader calls.

A control character (``"A\\x04B"``) is accepted by YAML, JSON, Turtle and spreadsheets
alike, and then breaks every XML export (GraphML, GEXF, SPARQL XML, xlsx). So each
door refuses it (the YAML and RDF file loaders, the HSDS and workbook importers and the
edit API) through :func:`character_problem`.

Refused everywhere: C0 control characters except tab, line feed and carriage return,
DEL, the C1 controls U+0080-U+009F, the non-characters U+FFFE and U+FFFF, and lone
surrogates. Names and other one-line values (ids, references, vocabulary values,
citations, labels, titles) may not hold tab, line feed or carriage return either, other
than around the value (where reading drops them).

Examples
--------
>>> bad_character("Buurtteam Oost") is None
True
>>> bad_character("A\\x04B")
'een stuurteken (U+0004) op positie 2'
>>> bad_character("regel 1\\nregel 2") is None, bad_character("regel 1\\nregel 2", multiline=False)
(True, 'een regeleinde (U+000A) op positie 8')
"""

import re

from rdflib import DCTERMS, RDFS, SKOS, URIRef

from zorgnet.loaders.report import Position, Problem

__all__ = ["SINGLE_LINE_PATHS", "bad_character", "character_problem"]

SINGLE_LINE_PATHS: frozenset[URIRef] = frozenset(
    {SKOS.prefLabel, SKOS.altLabel, RDFS.label, DCTERMS.title}
)
"""Text properties whose values are names: one line, no tab."""

_NEVER = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff"
_ANYWHERE = re.compile(f"[{_NEVER}]")
_ONE_LINE = re.compile(f"[{_NEVER}\t\n\r]")
_AROUND = " \t\n\r"
_NAMES = {"\t": "tab", "\n": "regeleinde", "\r": "regeleinde"}


def _kind(char: str) -> str:
    if char in _NAMES:
        return _NAMES[char]
    if "\ud800" <= char <= "\udfff":
        return "losse surrogaathelft"
    if char in "\ufffe\uffff":
        return "ongeldig teken"
    return "stuurteken"


def _first(text: str, multiline: bool) -> re.Match[str] | None:
    if multiline:
        return _ANYWHERE.search(text)
    # Spaces and line ends around a value are dropped when it is read (the record
    # models strip them): only those inside a one-line value are wrong.
    start = len(text) - len(text.lstrip(_AROUND))
    return _ONE_LINE.search(text, start, max(start, len(text.rstrip(_AROUND))))


def _described(match: re.Match[str]) -> str:
    char = match.group()
    return f"een {_kind(char)} (U+{ord(char):04X}) op positie {match.start() + 1}"


def bad_character(text: str, *, multiline: bool = True) -> str | None:
    """What is wrong with the first character *text* may not hold, in Dutch; or None.

    Parameters
    ----------
    text : str
        The value as read.
    multiline : bool
        Whether tab, line feed and carriage return are allowed (descriptions, readings).
    """
    match = _first(text, multiline)
    return None if match is None else _described(match)


def character_problem(
    text: str,
    at: Position,
    *,
    multiline: bool = True,
    record: str | None = None,
    field: str | None = None,
    noun: str = "tekst",
) -> Problem | None:
    """The problem of *text* at *at* holding a character it may not hold, or None.

    *noun* names what *text* is in the message (``tekst``, ``adres``).
    """
    match = _first(text, multiline)
    if match is None:
        return None
    hint = (
        "zet de waarde op één regel, zonder tab"
        if match.group() in _NAMES
        else "haal het onzichtbare teken weg; het breekt de exports (xlsx, GraphML, GEXF)"
    )
    return Problem.at(
        at,
        f"{noun} bevat {_described(match)}",
        hint=hint,
        record=record,
        field=field,
        rule="teken",
    )
