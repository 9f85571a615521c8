"""Records read out of RDF as plain Python values: what the projection is made from.

The projection reads terms as ``str`` (IRIs and blank nodes) and :class:`PlainLiteral`
(literals), not as rdflib or pyoxigraph terms: comparing and hashing plain strings is
what makes a national projection fast, and the two libraries' terms never equal each
other. Each record's triples become a :class:`RecordValues` (its values by predicate),
with the sources its citations name.

Examples
--------
>>> from zorgnet.graph.analyses._example import example_graph
>>> records, sources = read_records(example_graph())
>>> records["huisarts"].one(ZN_IRI.actorType), sources["huisarts"]
('huisarts', ['003 §4'])
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from zorgnet.graph.internals import oxigraph_of
from zorgnet.ontology.namespace import ZN

__all__ = [
    "PART_OF",
    "RDF_TYPE",
    "ZN_IRI",
    "Grouped",
    "PlainLiteral",
    "RecordValues",
    "Term",
    "citing",
    "fingerprint",
    "read_file",
    "read_records",
    "records_of",
    "slug",
]

_PREFIXES = """
PREFIX zn: <https://w3id.org/zorgnet/def#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""

# Every triple, grouped by subject in Python: one scan of the store is cheaper than a
# join per attribute, or even one join of records with their triples.
_ALL_QUERY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"

# The triples of some subjects, their citations and the sections those cite.
_CLOSURE_QUERY = (
    _PREFIXES
    + """
SELECT DISTINCT ?s ?p ?o WHERE {
  { %(s)s ?s ?p ?o }
  UNION { %(r)s ?r zn:citation ?s . ?s ?p ?o }
  UNION { %(r)s ?r zn:citation/zn:section ?s . ?s ?p ?o }
}
"""
)

_CITING_QUERY = (
    _PREFIXES
    + """
SELECT DISTINCT ?s WHERE { %s ?s zn:citation ?c . }
"""
)


class _Names:
    """The terms of the zorgnet ontology as plain ``str``, the keys of :class:`RecordValues`.

    The projection reads IRIs as ``str``: rdflib's ``URIRef`` never equals a ``str`` and
    hashes differently, so looking one up among the other would silently miss.
    """

    def __getattr__(self, name: str) -> str:
        iri = str(ZN[name])  # ZN is closed: a typo raises instead of missing
        setattr(self, name, iri)  # later look-ups are plain attribute reads
        return iri

    def __getitem__(self, name: str) -> str:
        return getattr(self, name)


#: The zorgnet terms as ``str``: ``ZN_IRI.Actor``, ``ZN_IRI["from"]``.
ZN_IRI = _Names()
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PART_OF = "http://purl.org/dc/terms/isPartOf"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def slug(iri: object) -> str:
    """The last path segment of an IRI: a record's id or a concept's notation.

    Examples
    --------
    >>> slug("https://w3id.org/zorgnet/vocab/domains/jeugd")
    'jeugd'
    """
    return str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


class PlainLiteral(NamedTuple):
    """An RDF literal as plain strings; ``str()`` gives its lexical form, like rdflib's."""

    value: str
    language: str | None
    datatype: str

    def __str__(self) -> str:
        return self.value


#: What the projection reads: IRIs and blank nodes as their str, literals as PlainLiteral.
Term = str | PlainLiteral


def _from_rdflib(term: Any) -> Any:
    if isinstance(term, Literal):
        datatype = term.datatype or (_RDF_LANG_STRING if term.language else _XSD_STRING)
        return PlainLiteral(str(term), term.language, str(datatype))
    return None if term is None else str(term)


def _from_ox(term: Any) -> Any:
    if type(term) is ox.Literal:
        return PlainLiteral(term.value, term.language, term.datatype.value)
    return None if term is None else term.value


@dataclass
class RecordValues:
    """One record's values by predicate, and how the projection reads them."""

    iri: str
    # slug() of every value, shared by all records of one projection: most values are
    # references and vocabulary concepts, each met many times.
    slugs: dict[Term, str]
    values: dict[str, list[Term]] = field(default_factory=lambda: defaultdict(list))
    classes: set[Term] = field(default_factory=set)

    def slug(self, value: Term) -> str:
        """:func:`slug` of *value*, computed once per projection."""
        found = self.slugs.get(value)
        if found is None:
            found = self.slugs[value] = slug(value)
        return found

    def all(self, predicate: str) -> tuple[str, ...]:
        """The slugs of the values of *predicate*, sorted, without repeats."""
        values = self.values.get(predicate)
        if not values:
            return ()
        if len(values) == 1:  # most are: no set to build, nothing to sort
            return (self.slug(values[0]),)
        return tuple(sorted({self.slug(v) for v in values}))

    def one(self, predicate: str) -> str | None:
        """The first of :meth:`all`, or None."""
        found = self.all(predicate)
        return found[0] if found else None

    def text(self, predicate: str) -> str:
        """The Dutch literal of *predicate*, else the first one, else ``""``."""
        # Dutch first: labels and descriptions are Dutch in the data, but a Turtle
        # import may add other languages.
        literals = [v for v in self.values.get(predicate, ()) if isinstance(v, PlainLiteral)]
        for literal in literals:
            if literal.language == "nl":
                return literal.value
        return literals[0].value if literals else ""

    def texts(self, predicate: str) -> tuple[str, ...]:
        """The lexical forms of *predicate*'s values, sorted."""
        return tuple(sorted(str(v) for v in self.values.get(predicate, ())))

    def integer(self, predicate: str) -> int | None:
        """The value of *predicate* as a number (the year of a ``zn:asOf``), or None."""
        for value in self.values.get(predicate, ()):
            try:
                return int(str(value)[:4]) if predicate == ZN_IRI.asOf else int(str(value))
            except ValueError:
                return None
        return None


_NOT_FINGERPRINTED = frozenset({ZN_IRI.citation, ZN_IRI.asOf})


def fingerprint(values: dict[str, list[Term]]) -> str:
    """A digest of a record's *values* other than its citations and date.

    Two states of a record have the same one exactly when those values are the same
    (:attr:`zorgnet.graph.projected.RecordSummary.fingerprint`).
    """
    lines = sorted(
        f"{p} <{v}>" if type(v) is str else f'{p} "{v.value}"@{v.language}^^{v.datatype}'
        for p, found in values.items()
        if p not in _NOT_FINGERPRINTED
        for v in found
    )
    return hashlib.blake2b("\n".join(lines).encode(), digest_size=16).hexdigest()


def _select(graph: Graph, query: str) -> tuple[Iterable[Any], Callable[[Any], Any]]:
    """The rows of a SELECT *query* on *graph*, and the function that reads their terms.

    A graph on Oxigraph (``Store.graph()``, ``SparqlStore.graph()``) is asked directly
    through pyoxigraph: oxrdflib would turn every term of the result into an rdflib term,
    which at national scale costs most of the projection's time.
    """
    # Imported here: oxrdflib loads rdflib's SPARQL parser, which reading a saved
    # projection (and so this module) does not need.
    from oxrdflib import OxigraphStore

    store = graph.store
    if type(graph) is Graph and isinstance(store, OxigraphStore):
        name = graph.identifier
        target: ox.NamedNode | ox.BlankNode | ox.DefaultGraph
        if name == DATASET_DEFAULT_GRAPH_ID:
            target = ox.DefaultGraph()
        elif isinstance(name, URIRef):
            target = ox.NamedNode(name)
        else:
            target = ox.BlankNode(name)
        rows = oxigraph_of(store).query(query, default_graph=target)
        return rows, _from_ox
    return graph.query(query), _from_rdflib


def _values(variable: str, iris: Iterable[str]) -> str:
    """A VALUES clause binding *variable* to *iris*."""
    return f"VALUES ?{variable} {{ {' '.join(f'<{iri}>' for iri in sorted(iris))} }}"


def citing(graph: Graph, citations: Iterable[str]) -> set[str]:
    """The subjects in *graph* that cite one of *citations* (IRIs)."""
    rows, read = _select(graph, _CITING_QUERY % _values("c", citations))
    return {read(s) for (s,) in rows}


#: Each subject's values by predicate.
Grouped = dict[str, dict[str, list[Term]]]


def _grouped(triples: Iterable[Any], read: Callable[[Any], Any]) -> Grouped:
    """The values of *triples* by subject: rows whose first three terms (read with
    *read*) are subject, predicate and object, e.g. quads."""
    subjects: Grouped = {}
    by_term: dict[Any, dict[str, list[Term]]] = {}
    predicates: dict[Any, str] = {}
    for row in triples:
        s, p, o = row[0], row[1], row[2]
        values = by_term.get(s)
        if values is None:
            values = subjects.setdefault(read(s), defaultdict(list))
            by_term[s] = values
        predicate = predicates.get(p)
        if predicate is None:
            predicate = predicates[p] = read(p)
        values[predicate].append(read(o))
    return subjects


def read_file(path: Path) -> Grouped:
    """The values of the triples in the N-Triples file at *path*, by subject."""
    return _grouped(ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES), _from_ox)


def records_of(subjects: Grouped) -> tuple[dict[str, RecordValues], dict[str, list[str]]]:
    """The records among *subjects* by id, and the sources each cites ("003 §4")."""
    records: dict[str, RecordValues] = {}
    slugs: dict[Term, str] = {}
    sources: dict[str, list[str]] = defaultdict(list)
    for iri, values in subjects.items():
        if ZN_IRI.Record not in values.get(RDF_TYPE, ()):
            continue
        record_id = slug(iri)
        record = records.get(record_id)
        if record is None:
            record = records[record_id] = RecordValues(iri, slugs, values)
        else:
            for predicate, found in values.items():
                record.values[predicate].extend(found)
        for citation in values.get(ZN_IRI.citation, ()):
            cited = subjects.get(str(citation), {})
            for section in cited.get(ZN_IRI.section, ()):
                about = subjects.get(str(section), {})
                for doc in about.get(PART_OF, ()):
                    for number in about.get(ZN_IRI.sectionNumber, ()):
                        for locator in cited.get(ZN_IRI.locator) or (None,):
                            text = f"{slug(doc)} §{number}"
                            sources[record_id].append(
                                text if locator is None else f"{text}, {locator}"
                            )
    for record in records.values():
        record.classes.update(record.values.get(RDF_TYPE, ()))
    return records, sources


def read_records(
    graph: Graph, subjects: Iterable[str] | None = None
) -> tuple[dict[str, RecordValues], dict[str, list[str]]]:
    """:func:`records_of` the triples of *graph*: all of them, or only those of the
    records among *subjects* (IRIs) with their citations and the sections those cite."""
    if subjects is None:
        query = _ALL_QUERY
    else:
        subjects = list(subjects)
        query = _CLOSURE_QUERY % {"s": _values("s", subjects), "r": _values("r", subjects)}
    rows, read = _select(graph, query)
    return records_of(_grouped(rows, read))
