"""Reading Turtle, N-Triples and JSON-LD files without ever touching the network.

rdflib's parsers keep no source positions; the line of each subject is found by
looking for its IRI (or prefixed name) in the text, which is enough for a user to find
the statement. JSON-LD documents may only use an inline ``@context`` or zorgnet's own
published context; a remote context would make parsing fetch a URL, so it is refused.
"""

import json
import re
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.exceptions import ParserError

from zorgnet.loaders.report import Position, Problem

__all__ = ["JSONLD_CONTEXT_URL", "RDF_SUFFIXES", "read_rdf"]

RDF_SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}
JSONLD_CONTEXT_URL = "https://w3id.org/zorgnet/context.jsonld"


def _remote_contexts(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                items = value if isinstance(value, list) else [value]
                found += [item for item in items if isinstance(item, str)]
            found += _remote_contexts(value)
    elif isinstance(node, list):
        for item in node:
            found += _remote_contexts(item)
    return found


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
        text = raw.decode("utf-8")
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
    if rdf_format == "json-ld":
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            return (
                graph,
                {},
                [
                    Problem.at(
                        Position(name, exc.lineno),
                        f"JSON-syntaxfout: {exc.msg}",
                        hint="controleer haakjes, komma's en aanhalingstekens",
                        rule="json-syntax",
                    )
                ],
            )
        remote = [c for c in _remote_contexts(document) if c != JSONLD_CONTEXT_URL]
        if remote:
            return (
                graph,
                {},
                [
                    Problem.at(
                        Position(name),
                        f"externe @context {remote[0]!r} wordt niet opgehaald",
                        hint=f"neem de context op in het bestand of gebruik {JSONLD_CONTEXT_URL}",
                        rule="jsonld-context",
                    )
                ],
            )
        if JSONLD_CONTEXT_URL in _remote_contexts(document):
            from zorgnet.ontology.context import context_document

            text = json.dumps(_inline_context(document, context_document()))
    try:
        graph.parse(data=text, format=rdf_format, publicID=path.resolve().as_uri())
    except (SyntaxError, ParserError, ValueError) as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return (
            Graph(),
            {},
            [
                Problem.at(
                    Position(name, line),
                    f"RDF-syntaxfout: {first[:300]}",
                    hint=f"controleer de {rdf_format}-syntaxis",
                    rule="rdf-syntax",
                )
            ],
        )
    return graph, _subject_lines(text, graph, name), []


def _inline_context(node: Any, context: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "@context":
                items = value if isinstance(value, list) else [value]
                items = [
                    context["@context"] if item == JSONLD_CONTEXT_URL else item for item in items
                ]
                out[key] = items[0] if len(items) == 1 else items
            else:
                out[key] = _inline_context(value, context)
        return out
    if isinstance(node, list):
        return [_inline_context(item, context) for item in node]
    return node
