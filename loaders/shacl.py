"""SHACL validation whose results read ``file:line field – message``.

SHACL engines know nothing of files and lines; the loaders keep a map from each
subject IRI to where it was written, and the focus node of every result is joined to
that map here.

Every shape targets a class and constrains only its focus node's own values, so what
SHACL can see of a record is its triples and the types of the nodes it refers to. So a
dataset is checked a part at a time (:func:`shacl_problems`), and one record on its own
as part of a stored dataset (:func:`record_problems`). tests/loaders/test_shacl.py holds
the shapes to that and both to SHACL over the whole dataset.

pySHACL is the reference engine. pyshacl-turbo, a Rust implementation of pySHACL's API
(the same report graph, several times faster, which is what makes checking a national
network feasible), is used instead when it is installed: ``pip install 'zorgnet[national]'``.
:data:`ENGINE` says which one checks; tests/loaders/test_shacl_engines.py holds the two to
the same report on the shipped data and on broken inputs, and tests/loaders/test_shacl.py
on every kind of constraint the shapes use.
"""

import os
import re
from collections import deque
from collections.abc import Collection
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from importlib.util import find_spec

from rdflib import DCTERMS, RDF, RDFS, SH, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection as RdfList
from rdflib.term import Node

from zorgnet.loaders.report import Position, Problem, Severity
from zorgnet.loaders.triples import Block, Triples, nt_line, nt_text
from zorgnet.ontology.files import ontology_graph, schema_graph, shapes_graph
from zorgnet.ontology.namespace import ID, ZN
from zorgnet.ontology.vocabulary import label_of

__all__ = ["ENGINE", "ENGINES", "PART_SIZE", "neighbourhood", "record_problems", "shacl_problems"]

ENGINES = ("pyshacl-turbo", "pyshacl")
"""The SHACL engines zorgnet can use: the accelerator and the reference."""
ENGINE = "pyshacl-turbo" if find_spec("pyshacl_turbo") is not None else "pyshacl"
"""The engine that checks: pyshacl-turbo when it is installed, else pySHACL."""

PART_SIZE = 50_000
"""About how many triples the engine checks at once: a national network in one go
takes ≈ 1 GB in the engine; parts much larger than this also check more slowly."""

# Parts checked at once. Each holds its text and report in memory: checking a national
# network two at a time peaks at 1.31 GB instead of 1.17 GB, and takes 43 s instead of 55.
_WORKERS = max(1, min(2, os.cpu_count() or 1))
_SHAPES_HINT = "zie ontology/shapes/zorgnet-shapes.ttl"
_SEVERITY = {SH.Violation: Severity.ERROR, SH.Warning: Severity.WARNING, SH.Info: Severity.WARNING}


def _record_id(node: Node) -> str | None:
    text = str(node)
    if not text.startswith(str(ID)):
        return None
    return text[len(str(ID)) :].split("/")[1]


def _field_name(shapes: Graph, source_shape: Node, path: Node | None) -> str | None:
    name = shapes.value(source_shape, ZN.field)
    if name is not None:
        return str(name)
    return label_of(shapes, path) if isinstance(path, URIRef) else None


def _dutch_message(shapes: Graph, shape: Node, component: Node, message: Node | None) -> str:
    """SHACL's own messages are English; the common constraint kinds get a Dutch one."""
    if isinstance(message, Literal) and message.language == "nl":
        return str(message)
    if component == SH.MinCountConstraintComponent:
        return "verplicht veld ontbreekt"
    if component == SH.MaxCountConstraintComponent:
        return f"te veel waarden (hoogstens {shapes.value(shape, SH.maxCount)})"
    if component == SH.ClassConstraintComponent:
        expected = shapes.value(shape, SH["class"])
        return (
            f"waarde is geen {label_of(ontology_graph(), expected)}"
            if expected
            else "waarde van de verkeerde soort"
        )
    if component == SH.DatatypeConstraintComponent:
        return f"waarde heeft niet het gegevenstype {shapes.value(shape, SH.datatype)}"
    if component == SH.LanguageInConstraintComponent:
        return "tekst moet Nederlands zijn (taalcode @nl)"
    if component == SH.OrConstraintComponent:
        members = list(RdfList(shapes, shapes.value(shape, SH["or"])))  # type: ignore[arg-type]
        classes = [c for m in members for c in shapes.objects(m, SH["class"])]
        kinds = [label_of(ontology_graph(), c) for c in classes if isinstance(c, URIRef)]
        if kinds:
            return "waarde is geen " + ", en ook geen ".join(kinds)
    if component == SH.LessThanOrEqualsConstraintComponent:
        other = shapes.value(shape, SH.lessThanOrEquals)
        names = {shapes.value(p, ZN.field) for p in shapes.subjects(SH.path, other)} - {None}
        if names:
            return f"waarde is groter dan die van {min(names)}"
    return (
        f"voldoet niet aan de vorm: {message}"
        if message is not None
        else "voldoet niet aan de vorm"
    )


@cache
def _schema_lines() -> str:
    # The vocabularies go with the data so that sh:class finds the concepts' types;
    # pySHACL's API only mixes in an ont_graph when it also runs inference.
    return nt_text(schema_graph())


def _results(text: str, focus: list[URIRef] | None) -> Graph:
    """SHACL's report graph for N-Triples *text*, about the *focus* nodes (default all).

    The engine is :data:`ENGINE`, read at each call; both are imported only when used.
    """
    options = {
        "data_graph_format": "nt",
        "shacl_graph": shapes_graph(),
        "inference": "none",
        "allow_warnings": True,
        "advanced": False,
        "focus_nodes": focus,
    }
    if ENGINE == "pyshacl-turbo":
        from pyshacl_turbo import validate
        from pyshacl_turbo.rdf import Input

        # The engine's own input type: N-Triples text given as a plain string is parsed
        # into an rdflib graph first, which took longer than the validation.
        _, results, _ = validate(Input(text + _schema_lines(), "nt", None, {}), **options)
    else:
        from pyshacl import validate

        data = Graph().parse(data=text + _schema_lines(), format="nt")
        _, results, _ = validate(data, **options)
        _add_ill_formed(data, focus, results)
    return results


# Lexical forms of the datatypes the shapes use that rdflib cannot read (XSD 1.1). pySHACL
# asks rdflib whether a literal is ill-formed, and rdflib knows no gYear, so pySHACL takes
# "voorjaar 2024"^^xsd:gYear for a year; SHACL says such a value breaks sh:datatype, and
# pyshacl-turbo reports it.
_LEXICAL = {
    XSD.gYear: re.compile(
        r"-?([1-9][0-9]{3,}|0[0-9]{3})(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
    ),
}


def _add_ill_formed(data: Graph, focus: list[URIRef] | None, results: Graph) -> None:
    """Add to pySHACL's *results* the ill-formed values of the datatypes in :data:`_LEXICAL`.

    Each is the sh:datatype result pyshacl-turbo gives for it (only the blank nodes differ).
    """
    shapes = shapes_graph()
    about = None if focus is None else set(focus)
    report = results.value(predicate=RDF.type, object=SH.ValidationReport)
    found = {
        (
            results.value(r, SH.focusNode),
            results.value(r, SH.resultPath),
            results.value(r, SH.value),
        )
        for r in results.subjects(SH.sourceConstraintComponent, SH.DatatypeConstraintComponent)
    }
    for shape, datatype in shapes.subject_objects(SH.datatype):
        pattern = _LEXICAL.get(datatype)
        path = shapes.value(shape, SH.path)
        if pattern is None or path is None:
            continue
        severity = shapes.value(shape, SH.severity) or SH.Violation
        targets = {
            c
            for node_shape in shapes.subjects(SH.property, shape)
            for target in shapes.objects(node_shape, SH.targetClass)
            for c in data.transitive_subjects(RDFS.subClassOf, target)
        }
        nodes = {n for c in targets for n in data.subjects(RDF.type, c)}
        for node in sorted(nodes if about is None else nodes & about):
            for value in data.objects(node, path):
                if (
                    not isinstance(value, Literal)
                    or value.datatype != datatype
                    or pattern.fullmatch(str(value))
                    or (node, path, value) in found
                ):
                    continue
                result = BNode()
                results.add((result, RDF.type, SH.ValidationResult))
                results.add((result, SH.focusNode, node))
                results.add((result, SH.resultPath, path))
                results.add((result, SH.value, value))
                results.add((result, SH.resultSeverity, severity))
                results.add((result, SH.sourceShape, shape))
                results.add((result, SH.sourceConstraintComponent, SH.DatatypeConstraintComponent))
                message = f"Value is not Literal with datatype {datatype}"
                results.add((result, SH.resultMessage, Literal(message)))
                if report is not None:
                    results.set((report, SH.conforms, Literal(False)))
                    results.add((report, SH.result, result))


def _problems(
    results: Graph,
    about: Collection[Node],
    source_map: dict[URIRef, Position],
    default_file: str,
) -> list[Problem]:
    """The results about the nodes in *about* (and blank nodes) as Problems."""
    shapes = shapes_graph()
    problems = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        node = results.value(result, SH.focusNode)
        if not isinstance(node, BNode) and node not in about:
            continue
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        severity = _SEVERITY.get(results.value(result, SH.resultSeverity), Severity.ERROR)
        value = results.value(result, SH.value)
        position = (
            source_map.get(node, Position(default_file))
            if isinstance(node, URIRef)
            else Position(default_file)
        )
        source_shape = results.value(result, SH.sourceShape)
        field = _field_name(shapes, source_shape, path)
        component = results.value(result, SH.sourceConstraintComponent)
        text = _dutch_message(shapes, source_shape, component, message)
        if value is not None:
            text += f" (waarde: {value})"
        problems.append(
            Problem.at(
                position,
                text,
                hint=str(shapes.value(source_shape, ZN.fieldHint) or _SHAPES_HINT),
                rule="shacl",
                record=_record_id(node) if node is not None else None,
                field=field,
                severity=severity,
            )
        )
    return problems


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.field or "", p.message))


class _Part:
    """Record blocks checked at once, with what SHACL needs to see around them."""

    def __init__(self, data: Triples, stored: Graph | None) -> None:
        self.data = data
        self.stored = stored
        self.lines: list[str] = []
        self.subjects: set[str] = set()
        self.references: set[str] = set()
        self.size = 0

    def add(self, block: Block) -> None:
        self.lines.append(block.text)
        self.size += block.text.count("\n")
        self.subjects.update(block.subjects)
        self.references.update(block.references)

    def text(self) -> str:
        """The blocks, the types of the nodes they refer to, and what is stored about them."""
        context = {
            self.data.types_of(iri) or self._stored_types(iri)
            for iri in self.references - self.subjects
        }
        if self.stored is not None:
            # A stored record that the new data adds to is checked with all its values.
            context.update(
                nt_line(t)  # type: ignore[arg-type]
                for s in self.subjects
                for t in self.stored.triples((URIRef(s), None, None))
            )
        return "".join(self.lines) + "".join(context)

    def _stored_types(self, iri: str) -> str:
        if self.stored is None:
            return ""
        return nt_text(self.stored.triples((URIRef(iri), RDF.type, None)))

    def problems(
        self, source_map: dict[URIRef, Position], default_file: str, *, focused: bool = True
    ) -> list[Problem]:
        """The problems about the part's subjects; unless *focused*, the engine checks
        every node of the part (and results about blank nodes are kept)."""
        about = {URIRef(s) for s in self.subjects}
        focus = list(about) if focused else None
        return _problems(_results(self.text(), focus), about, source_map, default_file)


def _other_part(data: Triples, stored: Graph | None) -> tuple[_Part, set[int]]:
    """The triples that are not records, with the records that share a subject with them."""
    part = _Part(data, stored)
    graph = data.other
    part.lines.append(nt_text(graph))
    part.subjects.update(str(s) for s in graph.subjects() if isinstance(s, URIRef))
    part.references.update(str(o) for o in graph.objects() if isinstance(o, URIRef))
    shared = {i for i, b in enumerate(data.blocks) if not part.subjects.isdisjoint(b.subjects)}
    for i in sorted(shared):
        part.add(data.blocks[i])
    return part, shared


def shacl_problems(
    data: Triples,
    source_map: dict[URIRef, Position],
    default_file: str,
    *,
    stored: Graph | None = None,
    part_size: int = PART_SIZE,
) -> list[Problem]:
    """Validate *data* against the shapes and return each result as a Problem.

    The records are checked in parts of about *part_size* triples, each with the types
    of the nodes it refers to: every shape targets a class and constrains only its focus
    node's own values (tests/loaders/test_shacl.py holds the shapes to that), so the
    result is the same as checking all at once, at a fraction of the memory (a national
    network at once: ≈ 1 GB in the engine).

    Parameters
    ----------
    data : Triples
        The data to check.
    source_map : dict
        Where each subject IRI was written.
    default_file : str
        The file to name when a focus node is not in *source_map*.
    stored : Graph, optional
        Data already in the store that *data* adds to: references may point into it,
        and a stored node that *data* says more about is checked with all its values.
    part_size : int
        About how many triples the engine checks at once.

    Returns
    -------
    list of Problem
    """
    problems: list[Problem] = []
    skip: set[int] = set()
    if len(data.other):
        other, skip = _other_part(data, stored)
        problems += other.problems(source_map, default_file, focused=False)
    # The engine leaves the interpreter free while it validates, so parts are checked
    # side by side, never more at once than there are workers (each part's text and
    # report are in memory while it is checked).
    with ThreadPoolExecutor(max_workers=_WORKERS, thread_name_prefix="shacl") as pool:
        checking: deque[Future[list[Problem]]] = deque()

        def check(part: _Part) -> None:
            checking.append(pool.submit(part.problems, source_map, default_file))
            if len(checking) >= _WORKERS:
                problems.extend(checking.popleft().result())

        part = _Part(data, stored)
        for i, block in enumerate(data.blocks):
            if i in skip:
                continue
            part.add(block)
            if part.size >= part_size:
                check(part)
                part = _Part(data, stored)
        if part.subjects:
            check(part)
        for checked in checking:
            problems.extend(checked.result())
    return _sorted(problems)


def neighbourhood(stored: Graph, record: Graph) -> Graph:
    """What the shapes, and a reader of its sources, see of *stored* around *record*.

    Parameters
    ----------
    stored : Graph
        The stored dataset (only looked up, never copied).
    record : Graph
        The triples of one record and its citations.

    Returns
    -------
    Graph
        The types of the nodes *record* refers to, and the number and document of each
        source section it cites.
    """
    context = Graph()
    inside = set(record.subjects())
    for value in set(record.objects()):
        if isinstance(value, URIRef) and value not in inside:
            for cls in stored.objects(value, RDF.type):
                context.add((value, RDF.type, cls))
    for section in set(record.objects(None, ZN.section)):
        for p in (ZN.sectionNumber, DCTERMS.isPartOf):
            for o in stored.objects(section, p):
                context.add((section, p, o))
    return context


def record_problems(
    stored: Graph, record: Graph, source_map: dict[URIRef, Position], default_file: str
) -> list[Problem]:
    """SHACL's problems with *record* (one record and its citations) as part of *stored*.

    The same as the problems :func:`shacl_problems` finds about these nodes in the whole
    dataset, at the cost of a check of one record: an edit of a national network does
    not validate 1.5 M triples again.
    """
    about = {s for s in record.subjects() if isinstance(s, URIRef)}
    text = nt_text(record + neighbourhood(stored, record))
    return _sorted(_problems(_results(text, list(about)), about, source_map, default_file))
