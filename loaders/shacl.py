"""SHACL validation whose results read ``file:line field – message``.

SHACL engines know nothing of files and lines; the loaders keep a map from each
subject IRI to where it was written, and the focus node of every result is joined to
that map here.

One record can also be checked on its own, as part of a stored dataset
(:func:`record_problems`): every shape targets a class and constrains only its focus
node's own values, so what SHACL can see of a record is its triples and the types of the
nodes it refers to. tests/loaders/test_shacl.py holds the shapes to that and the result
to SHACL over the whole dataset.

The engine is pyshacl-turbo, a Rust implementation of pySHACL's API: the same report
graph, several times faster, which is what makes checking a national network feasible.
tests/loaders/test_shacl.py checks that it agrees with pySHACL itself on every kind of
constraint the shapes use.
"""

from collections.abc import Collection, Sequence

from pyshacl_turbo import validate
from rdflib import DCTERMS, RDF, SH, Graph, Literal, URIRef
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.term import Node

from zorgnet.loaders.report import Position, Problem, Severity
from zorgnet.ontology.files import ontology_graph, schema_graph, shapes_graph
from zorgnet.ontology.namespace import ID, ZN
from zorgnet.ontology.vocabulary import label_of

__all__ = ["neighbourhood", "record_problems", "shacl_problems"]

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
    return (
        f"voldoet niet aan de vorm: {message}"
        if message is not None
        else "voldoet niet aan de vorm"
    )


def shacl_problems(
    data: Graph | Sequence[Graph],
    source_map: dict[URIRef, Position],
    default_file: str,
    *,
    focus: Collection[Node] | None = None,
) -> list[Problem]:
    """Validate *data* against the shapes and return each result as a Problem.

    Parameters
    ----------
    data : Graph or sequence of Graph
        The data to check; several graphs are checked as their union, without copying
        them (the ontology and vocabularies are added the same way).
    source_map : dict
        Where each subject IRI was written.
    default_file : str
        The file to name when a focus node is not in *source_map*.
    focus : collection of nodes, optional
        Report only the results about these focus nodes (the rest of *data* is there
        as context, e.g. the types of the nodes they refer to).

    Returns
    -------
    list of Problem
    """
    shapes = shapes_graph()
    graphs = [data] if isinstance(data, Graph) else list(data)
    # The vocabularies are in the union so that sh:class finds the concepts' types;
    # pySHACL's API only mixes in an ont_graph when it also runs inference. A view, not a
    # copy: copying a national network took longer than validating it.
    _, results, _ = validate(
        ReadOnlyGraphAggregate([*graphs, schema_graph()]),
        shacl_graph=shapes,
        inference="none",
        allow_warnings=True,
        advanced=False,
    )
    problems = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        node = results.value(result, SH.focusNode)
        if focus is not None and node not in focus:
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
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.field or "", p.message))


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
    return shacl_problems(
        [record, neighbourhood(stored, record)],
        source_map,
        default_file,
        focus=set(record.subjects()),
    )
