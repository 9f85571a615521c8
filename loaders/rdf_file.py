"""Reading Turtle, N-Triples and JSON-LD files without ever touching the network.

rdflib's parsers keep no source positions; the line of each subject is found by
looking for its IRI (or prefixed name) in the text, which is enough for a user to find
the statement.

Reading a file reads that file and nothing else. rdflib's JSON-LD parser fetches every
context a document names (``"@context": "http://..."``, ``file:`` and relative
references, ``@import``, contexts nested in objects and in term definitions), so a
JSON-LD document may only hold its contexts inline or name zorgnet's own published
context, which is put in its place from the package; anything else is refused before
rdflib sees the document. Turtle and N-Triples never make rdflib fetch: ``@prefix``,
``@base`` and ``owl:imports`` are only names (tests/loaders/test_rdf_fetches.py).

Every literal and IRI is held to :func:`zorgnet.loaders.text.character_problem`, as
the text of YAML records is.
"""

import json
import re
from pathlib import Path
from typing import Any

from rdflib import XSD, Graph, Literal, URIRef

from zorgnet.loaders.messages import json_message
from zorgnet.loaders.rdf_checks import jsonld_problems, rdf_syntax_problem, term_problems
from zorgnet.loaders.report import Position, Problem
from zorgnet.loaders.text import SINGLE_LINE_PATHS, character_problem
from zorgnet.ontology.namespace import ID, ZN
from zorgnet.ontology.schema import record_kinds

__all__ = ["JSONLD_CONTEXT_URL", "MAX_JSON_DEPTH", "RDF_SUFFIXES", "read_rdf"]

RDF_SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}
JSONLD_CONTEXT_URL = "https://w3id.org/zorgnet/context.jsonld"
MAX_JSON_DEPTH = 64
"""How deep objects and arrays of a JSON-LD document may nest (zorgnet's need 6)."""

_TOO_DEEP = "te diep in elkaar genest"
_NESTING_HINT = "zorgnet-gegevens hebben maar een paar niveaus; controleer het bestand"


def _json_problem(document: Any) -> tuple[tuple[str, Any] | None, bool]:
    """The first key and value that would make rdflib fetch or recurse too deep, and
    whether the document names zorgnet's context.

    The key and value are ``("@import", value)`` or ``("@context", value)`` for a context
    that is not inline or zorgnet's own, ``(_TOO_DEEP, None)`` for nesting beyond
    :data:`MAX_JSON_DEPTH`, or None.
    """
    # (value, depth, whether the value stands where a context does)
    stack: list[tuple[Any, int, bool]] = [(document, 1, False)]
    zorgnet = False
    while stack:
        node, depth, is_context = stack.pop()
        if is_context and not isinstance(node, dict | list):
            if node == JSONLD_CONTEXT_URL:
                zorgnet = True
            elif node is not None:
                return ("@context", node), zorgnet
            continue
        if not isinstance(node, dict | list):
            continue
        if depth > MAX_JSON_DEPTH:
            return (_TOO_DEEP, None), zorgnet
        if isinstance(node, list):
            stack.extend((item, depth + 1, is_context) for item in reversed(node))
            continue
        for key, value in node.items():
            if key == "@import":
                return ("@import", value), zorgnet
            stack.append((value, depth + 1, key == "@context"))
    return None, zorgnet


def _line_of(text: str, value: Any) -> int | None:
    needle = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else None
    index = text.find(needle) if needle else -1
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def _depth_line(text: str) -> int | None:
    """The line where *text* (JSON) first nests deeper than :data:`MAX_JSON_DEPTH`."""
    depth, in_string, escaped = 0, False, False
    for index, char in enumerate(text):
        if in_string:
            escaped = not escaped and char == "\\"
            in_string = escaped or char != '"'
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return text.count("\n", 0, index) + 1
        elif char in "]}":
            depth -= 1
    return None


def _jsonld_refusal(found: tuple[str, Any], text: str, name: str) -> Problem:
    key, value = found
    if key == _TOO_DEEP:
        return Problem.at(
            Position(name, _depth_line(text)),
            f"objecten en lijsten staan {_TOO_DEEP} (meer dan {MAX_JSON_DEPTH} niveaus)",
            hint=_NESTING_HINT,
            rule="json-diepte",
        )
    shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:77] + "..."
    what = (
        f"@import {shown} wordt niet opgehaald"
        if key == "@import"
        else f"externe @context {shown} wordt niet opgehaald"
        if isinstance(value, str)
        else f"@context {shown} is geen context"
    )
    return Problem.at(
        Position(name, _line_of(text, value) or _line_of(text, key)),
        what + ": zorgnet leest bij het laden geen andere bestanden of adressen",
        hint="neem de context zelf op in het bestand (zonder @import) of gebruik "
        + JSONLD_CONTEXT_URL,
        field=key,
        rule="jsonld-context",
    )


def _field_names() -> dict[URIRef, str]:
    names: dict[URIRef, str] = {}
    for kind in record_kinds().values():
        for spec in kind.fields.values():
            names.setdefault(spec.path, spec.name)
    return names


def _term_problem(
    term: object, at: Position, record: str | None, field: str | None, *, multiline: bool
) -> Problem | None:
    if not isinstance(term, URIRef | Literal):
        return None
    literal = isinstance(term, Literal)
    return character_problem(
        str(term),
        at,
        multiline=multiline and literal,
        record=record,
        field=field,
        noun="tekst" if literal else "adres (IRI)",
    )


def _character_problems(
    graph: Graph, positions: dict[URIRef, Position], name: str
) -> list[Problem]:
    """A problem for the first bad character in each subject's IRIs and literals."""
    fields = _field_names()
    problems: dict[object, Problem] = {}
    for s, p, o in graph:
        if s in problems:
            continue
        at = positions.get(s, Position(name)) if isinstance(s, URIRef) else Position(name)
        record = str(s)[len(ID) :].split("/", 1)[-1] if str(s).startswith(ID) else None
        field = fields.get(p) or re.split(r"[#/]", str(p))[-1]  # type: ignore[arg-type]
        problem = (
            _term_problem(s, at, None, None, multiline=False)
            or _term_problem(p, at, record, None, multiline=False)
            or _term_problem(o, at, record, field, multiline=p not in SINGLE_LINE_PATHS)
        )
        if problem is not None:
            problems[s] = problem
    return list(problems.values())


def _subject_lines(text: str, graph: Graph, display: str) -> dict[URIRef, Position]:
    lines = text.splitlines()
    positions: dict[URIRef, Position] = {}
    prefixes = [(str(ns), prefix) for prefix, ns in graph.namespaces() if prefix]
    for subject in {s for s in graph.subjects() if isinstance(s, URIRef)}:
        needles = [f"<{subject}>", f'"{subject}"']
        needles += [f"{p}:{subject[len(ns) :]}" for ns, p in prefixes if subject.startswith(ns)]
        pattern = re.compile("|".join(re.escape(n) for n in needles))
        line = next((i + 1 for i, row in enumerate(lines) if pattern.search(row)), None)
        positions[subject] = Position(display, line)
    return positions


def read_rdf(
    path: Path, display: str | None = None
) -> tuple[Graph, dict[URIRef, Position], list[Problem]]:
    """Parse an RDF file; return its graph, the line of each subject, and problems.

    Parameters
    ----------
    path : Path
        A ``.ttl``, ``.nt`` or ``.jsonld`` file.
    display : str, optional
        How to name the file in messages.
    """
    name = display or str(path)
    graph = Graph()
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return (
            graph,
            {},
            [
                Problem.at(
                    Position(name, line),
                    "geen geldige UTF-8-tekst",
                    hint="sla het bestand op als UTF-8",
                    rule="codering",
                )
            ],
        )
    if not text.strip():
        return (
            graph,
            {},
            [
                Problem.at(
                    Position(name),
                    "bestand is leeg",
                    hint="vul het bestand of verwijder het",
                    rule="leeg",
                )
            ],
        )
    rdf_format = RDF_SUFFIXES[path.suffix]
    source = text  # what rdflib parses: a JSON-LD document with zorgnet's context inline
    if rdf_format == "json-ld":
        try:
            document = json.loads(text)
        except RecursionError:
            return graph, {}, [_jsonld_refusal((_TOO_DEEP, None), text, name)]
        except json.JSONDecodeError as exc:
            return (
                graph,
                {},
                [
                    Problem.at(
                        Position(name, exc.lineno),
                        f"JSON-syntaxfout: {json_message(exc)}",
                        hint="controleer haakjes, komma's en aanhalingstekens",
                        rule="json-syntax",
                    )
                ],
            )
        refused, zorgnet = _json_problem(document)
        if refused is not None:
            return graph, {}, [_jsonld_refusal(refused, text, name)]
        if shape := jsonld_problems(document, text, name):
            return graph, {}, shape
        if zorgnet:
            from zorgnet.ontology.context import context_document

            source = json.dumps(_inline_context(document, context_document()["@context"]))
    try:
        graph.parse(data=source, format=rdf_format, publicID=path.resolve().as_uri())
    except RecursionError:
        return Graph(), {}, [_too_deep(name, None)]
    except Exception as exc:  # a parser's refusal, whatever its kind: never a traceback
        return Graph(), {}, [rdf_syntax_problem(exc, text, rdf_format, name)]
    positions = _subject_lines(text, graph, name)
    problems = _character_problems(graph, positions, name) or term_problems(
        graph, text, name, positions, rdf_format=rdf_format
    )
    if problems:
        return Graph(), {}, problems
    _type_register_strings(graph)
    return graph, positions, []


# The source register's strings, which the loaders write as "x"^^xsd:string
# (loaders/sources.py, loaders/records.py).
_TYPED_STRINGS = (ZN.fileName, ZN.sectionNumber, ZN.locator)


def _type_register_strings(graph: Graph) -> None:
    """Give the register's plain strings in *graph* the xsd:string type they are stored with.

    RDF 1.1 makes "x" and "x"^^xsd:string one term, and Oxigraph stores them as one;
    rdflib keeps them apart. A file re-imported over the stored register (an export
    that writes the plain form) would otherwise give a section two numbers in the check.
    """
    for predicate in _TYPED_STRINGS:
        for subject, value in list(graph.subject_objects(predicate)):
            if isinstance(value, Literal) and value.datatype is None and not value.language:
                graph.remove((subject, predicate, value))
                graph.add((subject, predicate, Literal(str(value), datatype=XSD.string)))


def _too_deep(name: str, line: int | None) -> Problem:
    return Problem.at(
        Position(name, line),
        f"blokken, lijsten of objecten staan {_TOO_DEEP}",
        hint=_NESTING_HINT,
        rule="rdf-diepte",
    )


def _inline_context(node: Any, context: Any, is_context: bool = False) -> Any:
    """*node* with zorgnet's context in place of each reference to it.

    Only a value that stands where a context does (under ``@context``, or in a list
    there) is a reference: a term defined as the context's URL is left alone.
    """
    if isinstance(node, dict):
        return {
            key: _inline_context(value, context, key == "@context") for key, value in node.items()
        }
    if isinstance(node, list):
        return [_inline_context(item, context, is_context) for item in node]
    return context if is_context and node == JSONLD_CONTEXT_URL else node
