"""Search: actors, teams, areas and kinds of help by their Dutch names.

A policy advisor types what they call a thing, not its id: ``huisarts``, ``HUISARTS``,
``Jeugd GGZ``, ``jeugdggz``, ``Wijdemeren``, ``zorgaanbieders``, ``IDU``. So a query
matches a name regardless of case, accents (``geindiceerd`` finds ``geïndiceerd``) and
punctuation (``jeugd ggz`` and ``jeugdggz`` find ``jeugd-GGZ``), and it may be a part of
the name: every word of the query must start a word of the name, or the query must occur
in it. The names are the preferred labels and the alternative labels (``skos:altLabel``,
such as ``DLP`` for the Digitaal Leefplein).

What is searched: the actors of the projection (those that are teams with members
apart, as ``team``), its areas (gemeenten, the region, clusters) and the kinds of help
of the vocabulary (``soort hulp``).

Examples
--------
>>> from zorgnet.graph.analyses._example import example_projection
>>> G = example_projection()
>>> [hit.label for hit in search(G, "HUISARTS").hits]
['huisarts']
>>> [(hit.kind, hit.id) for hit in search(G, "Hilversum").hits]
[('gebied', 'hilversum'), ('gebied', 'hilversum-oost'), ('actor', 'gemeente-hilversum')]
>>> [hit.label for hit in search(G, "jeugdggz").hits]
['jeugd-GGZ']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import networkx as nx
from rdflib import SKOS, Graph, URIRef

from zorgnet.graph.analyses._common import memo
from zorgnet.graph.analyses._labels import area_labels, class_label, concept_label
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import vocabulary

__all__ = ["KIND_LABELS", "SearchHit", "SearchResults", "alt_labels", "normalize", "search"]

HitKind = Literal["gebied", "soort-hulp", "team", "actor"]

#: What each kind of hit is called on a page.
KIND_LABELS: dict[str, str] = {
    "gebied": "gebied",
    "soort-hulp": "soort hulp",
    "team": "lokaal team",
    "actor": "actor",
}

# Among hits that match equally well, areas come first (there are few, and a gemeente
# is what a name like "Huizen" most often means), then kinds of help, teams, actors.
_KIND_ORDER = {kind: i for i, kind in enumerate(KIND_LABELS)}


@dataclass(frozen=True)
class SearchHit:
    """One thing whose name matches the query.

    Attributes
    ----------
    kind : str
        ``gebied``, ``soort-hulp``, ``team`` or ``actor``.
    id : str
        The area's or actor's id, or the notation of the kind of help.
    label : str
        Its preferred Dutch label.
    kind_label : str
        What it is, in Dutch: the area's type (``gemeente``), ``soort hulp``, or the
        actor's type (``huisarts``, ``buurtteam``).
    detail : str
        A short Dutch line that tells it apart: the areas an actor works in, the area an
        area is part of.
    matched : str
        The name that matched: the label, or an alternative label.
    """

    kind: HitKind
    id: str
    label: str
    kind_label: str
    detail: str
    matched: str


@dataclass(frozen=True)
class SearchResults:
    """What a query found, best matches first.

    Attributes
    ----------
    query : str
        The query as given.
    hits : tuple of SearchHit
        At most *limit* hits.
    total : int
        How many things matched, before the limit.
    """

    query: str
    hits: tuple[SearchHit, ...]
    total: int


def normalize(text: str) -> str:
    """*text* as search compares it: lower case, no accents, words split by spaces.

    Examples
    --------
    >>> normalize("Jeugd-GGZ  (geïndiceerd)")
    'jeugd ggz geindiceerd'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


@dataclass(frozen=True)
class _Entry:
    hit: SearchHit
    # The normalized names of the thing (label first) with their words.
    names: tuple[tuple[str, tuple[str, ...], str], ...]


def _rank(entry: _Entry, query: str, words: tuple[str, ...]) -> tuple[int, str] | None:
    """How well *query* matches *entry* (lower is better) and the name it matched."""
    best: tuple[int, str] | None = None
    compact = query.replace(" ", "")
    for name, name_words, original in entry.names:
        if name == query or name.replace(" ", "") == compact:
            rank = 0
        elif name.startswith(query):
            rank = 1
        elif all(any(w.startswith(q) for w in name_words) for q in words):
            rank = 2
        elif query in name or compact in name.replace(" ", ""):
            rank = 3
        else:
            continue
        if best is None or rank < best[0]:
            best = (rank, original)
    return best


def alt_labels(graph: Graph) -> dict[str, tuple[str, ...]]:
    """The alternative labels (``skos:altLabel``) of the records in *graph*, by IRI.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> g = Graph()
    >>> _ = g.add((URIRef("urn:x:dlp"), SKOS.altLabel, Literal("DLP")))
    >>> alt_labels(g)
    {'urn:x:dlp': ('DLP',)}
    """
    found: dict[str, list[str]] = {}
    for subject, label in graph.subject_objects(SKOS.altLabel):
        if isinstance(subject, URIRef):
            found.setdefault(str(subject), []).append(str(label))
    return {iri: tuple(sorted(labels)) for iri, labels in sorted(found.items())}


def _names(label: str, others: Iterable[str]) -> tuple[tuple[str, tuple[str, ...], str], ...]:
    names = []
    for original in dict.fromkeys((label, *others)):
        text = normalize(original)
        if text:
            names.append((text, tuple(text.split()), original))
    return tuple(names)


def _area_kind(area_type: str | None) -> str:
    """An area's kind on a page: "gebied (gemeente)", so that the gemeente as an area
    reads apart from the gemeente as an organisation (:func:`_actor_kind`)."""
    label = concept_label("AreaType", area_type)
    return f"{KIND_LABELS['gebied']} ({label})" if label else KIND_LABELS["gebied"]


def _actor_kind(actor_type: str | None) -> str:
    """An actor's kind on a page: its type ("huisarts"); "organisatie (gemeente)" where
    the type has the name of a kind of area, as the gemeente's organisation has."""
    label = concept_label("ActorType", actor_type)
    if not label:
        return KIND_LABELS["actor"]
    area_types = {concept_label("AreaType", n) for n in vocabulary().notations(ZN.AreaType)}
    return f"organisatie ({label})" if label in area_types else label


def _entries(G: nx.MultiDiGraph, alternatives: Mapping[str, tuple[str, ...]]) -> list[_Entry]:
    entries = []
    areas = G.graph["areas"]
    for area in areas.values():
        parents = area_labels(G, area.part_of)
        hit = SearchHit(
            kind="gebied",
            id=area.id,
            label=area.label,
            kind_label=_area_kind(area.type),
            detail=f"onderdeel van {', '.join(parents)}" if parents else "",
            matched=area.label,
        )
        entries.append(_Entry(hit, _names(area.label, ())))
    vocab = vocabulary()
    for notation in vocab.notations(ZN.HelpKind):
        concept = vocab.concept(ZN.HelpKind, notation)
        label = concept_label("HelpKind", notation)
        others = [str(o) for o in vocab.graph.objects(concept, SKOS.altLabel)]
        hit = SearchHit("soort-hulp", notation, label, class_label("HelpKind"), "", label)
        entries.append(_Entry(hit, _names(label, others)))
    teams = {m.team for m in G.graph["memberships"]}
    for actor, data in G.nodes(data=True):
        label = data["label"]
        where = area_labels(G, data.get("areas") or ())
        hit = SearchHit(
            kind="team" if actor in teams else "actor",
            id=actor,
            label=label,
            kind_label=_actor_kind(data.get("type")),
            detail=", ".join(where),
            matched=label,
        )
        entries.append(_Entry(hit, _names(label, alternatives.get(data.get("iri", ""), ()))))
    return entries


def search(
    G: nx.MultiDiGraph,
    query: str,
    *,
    graph: Graph | None = None,
    limit: int = 50,
) -> SearchResults:
    """Find the actors, teams, areas and kinds of help whose name matches *query*.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection (:func:`zorgnet.graph.projection.project`).
    query : str
        What the user typed. Case, accents and punctuation do not count.
    graph : rdflib.Graph, optional
        The data *G* was projected from; its alternative labels (``skos:altLabel``)
        are searched too. They are read once per projection.
    limit : int
        At most this many hits (``total`` counts them all).

    Returns
    -------
    SearchResults
        The best matches first: the whole name, then names that start with the query,
        then names with words that start with each word of the query, then names that
        hold the query; among equals areas, kinds of help, teams, then actors, each by
        label. An empty query finds nothing.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> results = search(G, "buurt")
    >>> [(hit.kind, hit.label, hit.kind_label) for hit in results.hits]
    [('team', 'buurtteam', 'buurtteam')]
    >>> search(G, "").total
    0
    """
    text = normalize(query)
    if not text:
        return SearchResults(query, (), 0)

    def build() -> list[_Entry]:
        return _entries(G, alt_labels(graph) if graph is not None else {})

    entries = memo(G, ("search", graph is not None), build)
    words = tuple(text.split())
    found = []
    for entry in entries:
        ranked = _rank(entry, text, words)
        if ranked is not None:
            rank, matched = ranked
            hit = entry.hit
            if matched != hit.matched:
                hit = SearchHit(hit.kind, hit.id, hit.label, hit.kind_label, hit.detail, matched)
            found.append(((rank, _KIND_ORDER[hit.kind], hit.label.casefold(), hit.id), hit))
    found.sort(key=lambda pair: pair[0])
    return SearchResults(query, tuple(hit for _, hit in found[:limit]), len(found))
