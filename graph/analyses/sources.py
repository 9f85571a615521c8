"""The source documents the data cites, and per document every record that cites it.

Every record cites ``"<document> §<section>[, <locator>]"`` (``"003 §4, afspraak 2"``);
the register of documents (``bronnen.yaml``, loaded into the store beside the records)
gives each document its title and sections. The projection keeps each record's
citations as text; the titles are read from the store's data once per projection.

Examples
--------
>>> from rdflib import DCTERMS, RDF, Literal
>>> from zorgnet.graph.analyses._example import example_graph, example_projection
>>> from zorgnet.ontology.namespace import ID, ZN
>>> graph = example_graph()
>>> _ = graph.add((ID["source/003"], RDF.type, ZN.SourceDocument))
>>> _ = graph.add((ID["source/003"], DCTERMS.title, Literal("Regionale afspraken", lang="nl")))
>>> document_titles(graph)
{'003': 'Regionale afspraken'}
>>> doc = source_document(example_projection(), graph, "003")
>>> doc.title, len(doc.cited_by) > 0
('Regionale afspraken', True)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import networkx as nx
from rdflib import DCTERMS, RDF, Graph

from zorgnet.graph.analyses._common import memo
from zorgnet.graph.analyses._labels import actor_label, area_labels, class_label
from zorgnet.graph.analyses._phrases import relation_phrase
from zorgnet.graph.projected import RecordSummary
from zorgnet.graph.terms import slug
from zorgnet.loaders.sources import parse_citation
from zorgnet.ontology.exceptions import UnknownName
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import concept_label

__all__ = [
    "Citing",
    "DocumentSection",
    "RecordReference",
    "SourceDocument",
    "document_titles",
    "record_reference",
    "source_document",
    "source_documents",
    "source_titles",
]

#: What a citing record's page is: an actor's, a team's or a gemeente's (area's).
PageKind = Literal["actor", "team", "gebied"]


@dataclass(frozen=True)
class DocumentSection:
    """A section of a source document that records may cite."""

    number: str
    title: str


@dataclass(frozen=True)
class Citing:
    """One citation of a source document by a record.

    Attributes
    ----------
    record : str
        The record's id.
    kind : str
        Its class (``Actor``, ``Relation``, ``Mandate``, ...).
    kind_label : str
        The class in Dutch (``actor``, ``relatie``, ``mandaat``, ...).
    label : str
        The record in Dutch: an actor's or area's label, a relation as a sentence
        ("huisarts verwijst naar ..."), a mandate as holder and power.
    citation : str
        The citation as written (``"003 §4, afspraak 2"``).
    section : str
        The section cited (``"4"``).
    section_title : str
        That section's title in the register.
    locator : str or None
        What follows the section (``"afspraak 2"``).
    page : tuple of (str, str) or None
        ``(kind, id)`` of the page that shows the record: ``("actor", "huisarts")``,
        ``("team", ...)``, ``("gebied", "huizen")``; None when no page shows it.
    """

    record: str
    kind: str
    kind_label: str
    label: str
    citation: str
    section: str
    section_title: str
    locator: str | None
    page: tuple[PageKind, str] | None


@dataclass(frozen=True)
class SourceDocument:
    """A source document of the register and what cites it.

    Attributes
    ----------
    id : str
        The document's number (``"003"``), the first part of each citation.
    title : str
        Its title.
    file : str
        The seed file it was read from.
    as_of : int or None
        The year of the situation it describes.
    sections : tuple of DocumentSection
        Its sections as the register lists them.
    cited_by : tuple of Citing
        Every citation of the document, by kind of record, then label, then section.
    """

    id: str
    title: str
    file: str
    as_of: int | None
    sections: tuple[DocumentSection, ...]
    cited_by: tuple[Citing, ...]

    @property
    def records(self) -> int:
        """How many records cite the document (a record citing it twice counts once)."""
        return len({c.record for c in self.cited_by})


def document_titles(graph: Graph) -> dict[str, str]:
    """The title of each source document in *graph*, by document number.

    Parameters
    ----------
    graph : rdflib.Graph
        The data with its register of source documents (e.g. ``Store.graph()``).

    Returns
    -------
    dict of str to str
        ``{"003": "..."}``, in number order.

    Examples
    --------
    >>> from rdflib import DCTERMS, RDF, Literal
    >>> from zorgnet.ontology.namespace import ID, ZN
    >>> g = Graph()
    >>> _ = g.add((ID["source/002"], RDF.type, ZN.SourceDocument))
    >>> _ = g.add((ID["source/002"], DCTERMS.title, Literal("De foto", lang="nl")))
    >>> document_titles(g)
    {'002': 'De foto'}
    """
    titles = {
        slug(document): str(graph.value(document, DCTERMS.title) or slug(document))
        for document in graph.subjects(RDF.type, ZN.SourceDocument)
    }
    return dict(sorted(titles.items()))


def source_titles(G: nx.MultiDiGraph, graph: Graph) -> dict[str, str]:
    """:func:`document_titles` of *graph*, the data *G* was projected from, read once
    per projection: what every page that shows a citation asks.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_graph, example_projection
    >>> source_titles(example_projection(), example_graph())
    {}
    """
    return memo(G, "source-titles", lambda: document_titles(graph))  # type: ignore[no-any-return]


@dataclass(frozen=True)
class _Register:
    documents: dict[str, tuple[str, str, int | None]]  # id -> title, file, year
    sections: dict[str, tuple[DocumentSection, ...]]


def _register(graph: Graph) -> _Register:
    documents: dict[str, tuple[str, str, int | None]] = {}
    sections: dict[str, list[DocumentSection]] = {}
    for document in graph.subjects(RDF.type, ZN.SourceDocument):
        year = graph.value(document, ZN.asOf)
        documents[slug(document)] = (
            str(graph.value(document, DCTERMS.title) or slug(document)),
            str(graph.value(document, ZN.fileName) or ""),
            int(str(year)[:4]) if year is not None else None,
        )
    for section in graph.subjects(RDF.type, ZN.SourceSection):
        document = graph.value(section, DCTERMS.isPartOf)
        number = graph.value(section, ZN.sectionNumber)
        if document is not None and number is not None:
            title = str(graph.value(section, DCTERMS.title) or number)
            sections.setdefault(slug(document), []).append(DocumentSection(str(number), title))
    return _Register(
        dict(sorted(documents.items())),
        {doc: tuple(sorted(found, key=_section_order)) for doc, found in sections.items()},
    )


def _section_order(section: DocumentSection) -> tuple[tuple[int, int | str], ...]:
    # "2.10" after "2.9", numbers before words ("bijlage 1").
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in section.number.split("."))


def _relations(G: nx.MultiDiGraph) -> dict[str, tuple[str, str, str]]:
    """Relation id -> (from, to, kind), for the relations that are edges of *G*."""
    return {
        key: (u, v, data["kind"])
        for u, v, key, data in G.edges(keys=True, data=True)
        if data.get("record") == "relation"
    }


def _describe(G: nx.MultiDiGraph, record: RecordSummary) -> tuple[str, tuple[PageKind, str] | None]:
    """A record's Dutch label and page (see :class:`Citing`)."""
    rid = record.id
    if record.kind == "Actor":
        return actor_label(G, rid), ("actor", rid)
    if record.kind == "Area":
        return record.label, ("gebied", rid)
    if record.kind == "Relation":
        relation = memo(G, "sources-relations", lambda: _relations(G)).get(rid)
        if relation is not None:
            a, b, kind = relation
            return relation_phrase(kind, actor_label(G, a), actor_label(G, b)), ("actor", a)
    others = memo(G, "sources-records", lambda: _other_records(G))
    return others.get(rid, (record.label, None))


@dataclass(frozen=True)
class RecordReference:
    """A record as a text names it for a reader: its Dutch label and its page.

    Attributes
    ----------
    id : str
        The record's id.
    label : str
        The record in Dutch, as the pages of the sources name it (a known issue's
        label between double quotes, since it reads as a question or a phrase).
    page : tuple of (str, str) or None
        ``(kind, id)`` of the page that shows it: ``"actor"``, ``"team"``,
        ``"gebied"`` (see :class:`Citing`) or ``"kwestie"`` for a known issue (its
        place on the list of known issues); None when no page shows it.
    """

    id: str
    label: str
    page: tuple[str, str] | None


def record_reference(G: nx.MultiDiGraph, record: str) -> RecordReference | None:
    """How a reader sees record *record* that a text or list names: label and page.

    The one place that turns a record id into what a page shows of it; None when
    *record* is no record of *G*.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> record_reference(G, "poh-jeugd")
    RecordReference(id='poh-jeugd', label='poh jeugd', page=('actor', 'poh-jeugd'))
    >>> record_reference(G, "geen-record") is None
    True
    """
    summary = G.graph["records"].get(record)
    if summary is None:
        return None
    if summary.kind == "KnownIssue":
        return RecordReference(record, f'"{summary.label}"', ("kwestie", record))
    label, page = _describe(G, summary)
    return RecordReference(record, label, page)


def _first_actor(G: nx.MultiDiGraph, ids: Iterable[str]) -> tuple[PageKind, str] | None:
    return next((("actor", i) for i in ids if i in G), None)


def _other_records(G: nx.MultiDiGraph) -> dict[str, tuple[str, tuple[PageKind, str] | None]]:
    """Label and page of the records that are neither actors, areas nor relations."""
    found: dict[str, tuple[str, tuple[PageKind, str] | None]] = {}
    for m in G.graph["mandates"]:
        label = f"{actor_label(G, m.holder)}: {concept_label('Power', m.power)}"
        found[m.id] = label, _first_actor(G, (m.holder,))
    for ms in G.graph["memberships"]:
        status = concept_label("MembershipStatus", ms.membership_status)
        label = f"{actor_label(G, ms.member)} in het netwerk van {actor_label(G, ms.team)}"
        found[ms.id] = f"{label} ({status})", ("team", ms.team)
    for ar in G.graph["arrangements"]:
        label = f"{', '.join(area_labels(G, ar.areas))}: {concept_label('Aspect', ar.aspect)}"
        found[ar.id] = label, (("gebied", ar.areas[0]) if ar.areas else None)
    for al in G.graph["alignments"]:
        about = ", ".join(actor_label(G, a) for a in al.about)
        label = f"{about}: {concept_label('FrameworkConcept', al.concept)}"
        found[al.id] = label, _first_actor(G, al.about)
    for record in (*G.graph["figures"], *G.graph["shortages"], *G.graph["issues"]):
        summary = G.graph["records"].get(record.id)
        label = summary.label if summary is not None else record.id
        found[record.id] = label, _first_actor(G, record.about)
    return found


def _citings(G: nx.MultiDiGraph, register: _Register) -> dict[str, list[Citing]]:
    titles = {
        (doc, s.number): s.title for doc, sections in register.sections.items() for s in sections
    }
    by_document: dict[str, list[Citing]] = {}
    for record in G.graph["records"].values():
        label, page = _describe(G, record)
        for text in record.sources:
            citation = parse_citation(text)
            if citation is None:
                continue
            by_document.setdefault(citation.seed, []).append(
                Citing(
                    record=record.id,
                    kind=record.kind,
                    kind_label=class_label(record.kind),
                    label=label,
                    citation=text,
                    section=citation.section,
                    section_title=titles.get((citation.seed, citation.section), ""),
                    locator=citation.locator,
                    page=page,
                )
            )
    for found in by_document.values():
        found.sort(key=lambda c: (c.kind_label, c.label.casefold(), c.record, c.citation))
    return by_document


def source_documents(G: nx.MultiDiGraph, graph: Graph) -> tuple[SourceDocument, ...]:
    """Every source document of the register, with the records that cite it.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection (:func:`zorgnet.graph.projection.project`): the records and
        their citations.
    graph : rdflib.Graph
        The data *G* was projected from (e.g. ``Store.graph()``): the register of
        documents, their titles and sections. Read once per projection.

    Returns
    -------
    tuple of SourceDocument
        In document number order; a document no record cites is there too, with no
        ``cited_by``.

    Examples
    --------
    >>> from rdflib import DCTERMS, RDF, Literal
    >>> from zorgnet.graph.analyses._example import example_graph, example_projection
    >>> from zorgnet.ontology.namespace import ID, ZN
    >>> graph = example_graph()
    >>> _ = graph.add((ID["source/003"], RDF.type, ZN.SourceDocument))
    >>> _ = graph.add((ID["source/003"], DCTERMS.title, Literal("Afspraken", lang="nl")))
    >>> [(d.id, d.title, d.records) for d in source_documents(example_projection(), graph)]
    [('003', 'Afspraken', 40)]
    """

    def build() -> tuple[SourceDocument, ...]:
        register = _register(graph)
        citings = _citings(G, register)
        return tuple(
            SourceDocument(
                id=doc,
                title=title,
                file=file,
                as_of=year,
                sections=register.sections.get(doc, ()),
                cited_by=tuple(citings.get(doc, ())),
            )
            for doc, (title, file, year) in register.documents.items()
        )

    return memo(G, "source-documents", build)  # type: ignore[no-any-return]


def source_document(G: nx.MultiDiGraph, graph: Graph, document: str) -> SourceDocument:
    """One source document with every record that cites it, grouped by kind.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    graph : rdflib.Graph
        The data *G* was projected from, with the register.
    document : str
        The document's number, ``"003"``.

    Returns
    -------
    SourceDocument
        Its title, sections and citations (see :func:`source_documents`).

    Raises
    ------
    UnknownName
        When the register has no document *document*.

    Examples
    --------
    >>> from rdflib import DCTERMS, RDF, Literal
    >>> from zorgnet.graph.analyses._example import example_graph, example_projection
    >>> from zorgnet.ontology.namespace import ID, ZN
    >>> graph = example_graph()
    >>> _ = graph.add((ID["source/003"], RDF.type, ZN.SourceDocument))
    >>> _ = graph.add((ID["source/003"], DCTERMS.title, Literal("Afspraken", lang="nl")))
    >>> doc = source_document(example_projection(), graph, "003")
    >>> [(c.kind_label, c.label) for c in doc.cited_by if c.kind == "Relation"][:1]
    [('relatie', 'buurtteam escaleert naar doorbraaktafel')]
    >>> source_document(example_projection(), graph, "009")
    Traceback (most recent call last):
    ...
    zorgnet.ontology.exceptions.UnknownName: ...
    """
    documents = {d.id: d for d in source_documents(G, graph)}
    if document not in documents:
        raise UnknownName("bron", document, sorted(documents))
    return documents[document]
