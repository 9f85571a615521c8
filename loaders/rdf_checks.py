"""What rdflib refuses, in Dutch, and what an RDF file may hold beyond being well-formed.

:func:`rdf_syntax_problem` turns a parser's refusal into a problem at the line (and
column) where it stopped, in the words of :mod:`zorgnet.loaders.messages`. rdflib's
N-Triples parser names no line, so the first line that is no triple is looked up.

rdflib reads many things a zorgnet store cannot use, and some it only logs (in English,
on stderr, once with a whole traceback):

- an address (IRI) with a space or another character IRIs may not hold, which rdflib
  keeps with a warning and the store's own parser later refuses;
- a relative address such as ``<jongerenwerk-huizen>``, which becomes a ``file:`` IRI
  of wherever the file happened to be;
- a class in zorgnet's namespace (``zn:``) that the ontology does not define, such as
  ``zn:Organisatie`` for ``zn:Organisation``: SHACL only checks the classes it knows,
  so such a record would be stored unchecked; and, on a node of a zorgnet class, a
  property of that namespace the ontology does not define (``zn:schaal``), which no
  shape reads;
- a file that gives no triples at all, such as JSON-LD without a ``@context``, whose
  keys rdflib then drops without a word;
- JSON-LD whose top level is not an object or a list, or whose ``@id`` or ``@type`` is
  not text, on which rdflib's parser breaks or makes nameless nodes.

:func:`quiet_rdflib` keeps rdflib's log lines about such terms off the screen; what
they were about is reported by these checks, or by SHACL (a literal that is not of its
datatype), in Dutch.
"""

import difflib
import logging
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from zorgnet.loaders.messages import ntriples_reason, turtle_position, turtle_reason
from zorgnet.loaders.report import Position, Problem
from zorgnet.ontology.files import ontology_graph
from zorgnet.ontology.namespace import ID, ZN
from zorgnet.ontology.schema import record_kinds

__all__ = ["jsonld_problems", "quiet_rdflib", "rdf_syntax_problem", "term_problems"]

_ZN = str(ZN)
# Characters no IRI may hold (RFC 3987), besides control characters.
_NOT_IN_IRI = re.compile(r'[\s<>"{}|\\^`]')
_CHARACTER_NAMES = {" ": "een spatie", "\t": "een tab", "\n": "een regeleinde"}


class _TermNoise(logging.Filter):
    """Drops rdflib's log lines about a term of the data, which zorgnet reports itself."""

    NOISE = ("does not look like a valid URI", "Failed to convert Literal lexical form")

    def filter(self, record: logging.LogRecord) -> bool:
        return not any(noise in str(record.msg) for noise in self.NOISE)


def quiet_rdflib() -> None:
    """Keep rdflib's warnings about terms (with a traceback for an ill-typed literal) off
    stderr: an address zorgnet cannot store is refused by :func:`term_problems`, a
    literal that is not of its datatype by SHACL, both in Dutch. Logged whenever rdflib
    makes such a term, also while SHACL's report is read, so the filter stays."""
    logger = logging.getLogger("rdflib.term")
    if not any(isinstance(f, _TermNoise) for f in logger.filters):
        logger.addFilter(_TermNoise())


quiet_rdflib()


_FORMAT_NAMES = {"turtle": "Turtle", "nt": "N-Triples", "json-ld": "JSON-LD"}


def _first_bad_line(text: str) -> tuple[int | None, str]:
    """The number and text of the first line of N-Triples *text* that is no triple."""
    lines = text.splitlines()
    for number, row in enumerate(lines, start=1):
        if not row.strip() or row.lstrip().startswith("#"):
            continue
        try:
            Graph().parse(data=row, format="nt")
        except Exception:  # whatever the parser raises, this is the line
            return number, row
    return None, ""


def _oxigraph_position(text: str, rdf_format: str) -> tuple[int | None, int | None]:
    """Where Oxigraph's parser stops in *text* (Turtle only), or ``(None, None)``."""
    from pyoxigraph import RdfFormat, parse

    if rdf_format != "turtle":
        return None, None
    try:
        for _ in parse(text, format=RdfFormat.TURTLE, base_iri="file:///bestand"):
            pass
    except SyntaxError as exc:
        return exc.lineno, exc.offset
    except Exception:  # no place to be had
        return None, None
    return None, None


def rdf_syntax_problem(exc: Exception, text: str, rdf_format: str, name: str) -> Problem:
    """The problem of rdflib refusing *text* (the file *name*) with *exc*, in Dutch.

    Only the place is kept of rdflib's message (its reason is translated, never quoted):
    the line and column for Turtle, the first line that is no triple for N-Triples.
    """
    column = None
    if isinstance(exc, BadSyntax):
        line, column = turtle_position(exc)
        reason = turtle_reason(str(getattr(exc, "_why", "")))
    elif rdf_format == "nt":
        line, row = _first_bad_line(text)
        reason = ntriples_reason(row) if line is not None else "het bestand is geen N-Triples"
    else:
        # A refusal without a place, such as an assertion of rdflib's Turtle parser:
        # Oxigraph's parser, which zorgnet stores with, finds the place.
        line, column = _oxigraph_position(text, rdf_format)
        reason = (
            turtle_reason(str(exc))
            if rdf_format == "turtle"
            else f"het bestand is niet te lezen als {_FORMAT_NAMES.get(rdf_format, rdf_format)}"
        )
    where = f" (kolom {column})" if column else ""
    return Problem.at(
        Position(name, line),
        f"RDF-syntaxfout: {reason}{where}",
        hint=f"controleer de {_FORMAT_NAMES.get(rdf_format, rdf_format)}-schrijfwijze hier",
        rule="rdf-syntax",
    )


@cache
def _defined() -> tuple[frozenset[str], frozenset[str]]:
    """The local names of the ontology's classes and of its properties."""
    graph = ontology_graph()
    classes = {str(s) for s in graph.subjects(RDF.type, OWL.Class)}
    classes |= {str(s) for s in graph.subjects(RDF.type, RDFS.Class)}
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
    properties = {str(s) for kind in kinds for s in graph.subjects(RDF.type, kind)}
    local = len(_ZN)
    return (
        frozenset(c[local:] for c in classes if c.startswith(_ZN)),
        frozenset(p[local:] for p in properties if p.startswith(_ZN)),
    )


@cache
def _field_names() -> dict[URIRef, str]:
    names: dict[URIRef, str] = {}
    for kind in record_kinds().values():
        for spec in kind.fields.values():
            names.setdefault(spec.path, spec.name)
    return names


def _record(subject: object) -> str | None:
    text = str(subject)
    if not isinstance(subject, URIRef) or not text.startswith(str(ID)):
        return None
    parts = text[len(str(ID)) :].split("/")
    return parts[1] if len(parts) > 1 else None


def _line(lines: list[str], needles: list[str]) -> int | None:
    for number, row in enumerate(lines, start=1):
        if any(needle in row for needle in needles):
            return number
    return None


def _suggestion(name: str, known: frozenset[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.6)
    return f"bedoelde u: {', '.join('zn:' + c for c in close)}?" if close else ""


def term_problems(
    graph: Graph,
    text: str,
    name: str,
    positions: Mapping[URIRef, Position],
    *,
    rdf_format: str,
) -> list[Problem]:
    """The problems with the terms of *graph*, parsed from *text* (the file *name*).

    Parameters
    ----------
    graph : Graph
        What rdflib parsed.
    text : str
        The file as read, to find the line of each term.
    name : str
        How to name the file.
    positions : dict
        The line of each subject.
    rdf_format : str
        ``turtle``, ``nt`` or ``json-ld``.
    """
    if len(graph) == 0:
        hint = (
            'begin het bestand met "@context": "https://w3id.org/zorgnet/context.jsonld"; '
            "zonder context worden de sleutels niet gelezen"
            if rdf_format == "json-ld"
            else "vul het bestand met gegevens of verwijder het"
        )
        return [
            Problem.at(
                Position(name), "bestand bevat geen gegevens (geen triples)", hint=hint, rule="leeg"
            )
        ]
    lines = text.splitlines()
    classes, properties = _defined()
    fields = _field_names()
    problems: dict[tuple[str, str], Problem] = {}

    def add(key: tuple[str, str], problem: Problem) -> None:
        problems.setdefault(key, problem)

    prefixes = [(str(ns), prefix) for prefix, ns in graph.namespaces() if prefix]
    typed = {s for s, o in graph.subject_objects(RDF.type) if str(o).startswith(_ZN)}

    def resolved(iri: str) -> bool:
        """Whether *iri* is a relative reference made absolute against the file's place:
        a ``file:`` IRI the file does not write out (nor under a prefix)."""
        if not iri.startswith("file:") or f"<{iri}>" in text or f'"{iri}"' in text:
            return False
        return not any(iri.startswith(ns) for ns, _ in prefixes if ns.startswith("file:"))

    def needles(iri: str) -> list[str]:
        found = [f"<{iri}>", f'"{iri}"']
        found += [f"{p}:{iri[len(ns) :]}" for ns, p in prefixes if iri.startswith(ns) and iri != ns]
        return found

    for s, p, o in graph:
        at = positions.get(s, Position(name)) if isinstance(s, URIRef) else Position(name)
        record = _record(s)
        field = fields.get(p)  # type: ignore[call-overload]
        for term, role in ((s, "subject"), (p, "property"), (o, "object")):
            if not isinstance(term, URIRef) or (str(term), "iri") in problems:
                continue
            iri = str(term)
            bad = _NOT_IN_IRI.search(iri)
            if bad is not None or resolved(iri):
                tail = iri.rsplit("/", 1)[-1]
                line = _line(lines, [tail] if bad is not None else [f"<{tail}>", f'"{tail}"'])
                where = Position(name, line or at.line)
                if bad is not None:
                    char = _CHARACTER_NAMES.get(bad.group(), f"het teken {bad.group()!r}")
                    message = f"adres (IRI) {iri!r} bevat {char}"
                    hint = "schrijf in een adres een koppelteken (-) in plaats van een spatie"
                else:
                    relative = iri.rsplit("/", 1)[-1]
                    message = f"adres (IRI) <{relative}> is niet volledig (een relatief adres)"
                    hint = f"schrijf het adres voluit, zoals <{ID}actor/{relative or 'naam'}>"
                add(
                    (iri, "iri"),
                    Problem.at(
                        where,
                        message,
                        hint=hint,
                        record=None if role == "subject" else record,
                        field=None if role != "object" else field,
                        rule="rdf-adres",
                    ),
                )
                continue
            if not iri.startswith(_ZN):
                continue
            local = iri[len(_ZN) :]
            if role == "object" and p == RDF.type and local not in classes:
                add(
                    (iri, "class"),
                    Problem.at(
                        Position(name, _line(lines, needles(iri)) or at.line),
                        f"onbekende klasse zn:{local}: de ontologie van zorgnet kent die niet",
                        hint=_suggestion(local, classes)
                        or "zie ontology/zorgnet.ttl voor de klassen",
                        record=record,
                        field="type",
                        rule="onbekende-klasse",
                    ),
                )
            elif role == "property" and s in typed and local not in properties:
                add(
                    (iri, "property"),
                    Problem.at(
                        Position(name, _line(lines, needles(iri)) or at.line),
                        f"onbekende eigenschap zn:{local}: de ontologie van zorgnet kent die niet",
                        hint=_suggestion(local, properties)
                        or "zie ontology/zorgnet.ttl voor de eigenschappen",
                        record=record,
                        field=local,
                        rule="onbekende-eigenschap",
                    ),
                )
    return sorted(problems.values(), key=lambda x: (x.line or 0, x.message))


_JSON_KINDS = {str: "een tekst", int: "een getal", float: "een getal", bool: "true of false"}


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    return _JSON_KINDS.get(type(value), "iets anders")


def jsonld_problems(document: Any, text: str, name: str) -> list[Problem]:
    """What in a JSON-LD *document* rdflib would break on or turn into nameless nodes."""
    if not isinstance(document, dict | list):
        return [
            Problem.at(
                Position(name, 1),
                f"een JSON-LD-bestand is een object {{ }} of een lijst [ ], maar dit bestand "
                f"bevat {_json_kind(document)}",
                hint="exporteer de gegevens opnieuw als JSON-LD, met @context en @graph",
                rule="jsonld-vorm",
            )
        ]
    problems: list[Problem] = []
    stack: list[Any] = [document]
    while stack and len(problems) < 20:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
            continue
        if not isinstance(node, dict):
            continue
        for key in ("@id", "@type"):
            value = node.get(key)
            values = value if key == "@type" and isinstance(value, list) else [value]
            wrong = [v for v in values if v is not None and not isinstance(v, str)]
            if wrong:
                example = f"{ID}actor/naam" if key == "@id" else "zn:Actor"
                needle = re.compile(
                    re.escape(f'"{key}"') + r"\s*:\s*" + re.escape(str(wrong[0])[:20])
                )
                match = needle.search(text)
                line = text.count("\n", 0, match.start()) + 1 if match else None
                problems.append(
                    Problem.at(
                        Position(name, line),
                        f"{key} is {_json_kind(wrong[0])} ({wrong[0]}), geen adres (IRI) als tekst",
                        hint=f'schrijf {key} als tekst tussen aanhalingstekens, zoals "{example}"',
                        field=key,
                        rule="jsonld-vorm",
                    )
                )
        stack.extend(value for key, value in node.items() if key != "@context")
    return problems
