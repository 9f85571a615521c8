"""Counts that describe what the store holds: per kind of record, per actor type, per area.

The edit history is kept in the same graph as the data (an edit adds a PROV activity
with the record before and after it), but it is not data about the network: no count
here includes it, so an edit and its undo leave every count as it was.

Examples
--------
>>> from rdflib import Graph
>>> summarize(Graph()).records
{}
"""

from dataclasses import dataclass

from rdflib import PROV, Graph

from zorgnet.ontology.namespace import ID, ZN
from zorgnet.ontology.schema import record_kinds

__all__ = ["HISTORY_PREFIXES", "Summary", "data_triples", "summarize"]

#: Where the edit history's subjects are (:mod:`zorgnet.core.editing`): each edit and its
#: states before and after under ``id/edit/``, who made it under ``id/agent/``.
HISTORY_PREFIXES = (str(ID["edit/"]), str(ID["agent/"]))


@dataclass(frozen=True)
class Summary:
    """What is in a graph.

    Attributes
    ----------
    records : dict
        Number of records per record key (``actors``, ``relations`` ...).
    actor_types : dict
        Number of actors per actor type notation.
    actors_per_area : dict
        Number of actors working in each area (by area label); an actor may work in several.
    triples : int
        Number of triples of data, the edit history not counted.
    """

    records: dict[str, int]
    actor_types: dict[str, int]
    actors_per_area: dict[str, int]
    triples: int


def _counts(graph: Graph, query: str) -> dict[str, int]:
    return {str(row[0]): int(row[1]) for row in graph.query(query)}


def _count(graph: Graph, query: str) -> int:
    # Read to the end: Oxigraph's solutions must not be dropped half-read on another thread.
    [row] = list(graph.query(query))
    return int(row[0])  # type: ignore[index,arg-type]


def data_triples(graph: Graph) -> int:
    """The number of triples in *graph* that are data, not edit history.

    The history's subjects are found by their PROV types (an index look-up, not a scan
    of every triple) and kept only when their IRI is in :data:`HISTORY_PREFIXES`: an
    actor is a ``prov:Agent`` too.

    Examples
    --------
    >>> from rdflib import RDF, Literal
    >>> g = Graph()
    >>> _ = g.add((ID["actor/a"], RDF.type, ZN.Actor))
    >>> _ = g.add((ID["edit/1"], RDF.type, PROV.Activity))
    >>> _ = g.add((ID["edit/1"], PROV.generated, ID["actor/a"]))
    >>> len(g), data_triples(g)
    (3, 1)
    """
    total = _count(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    within = " || ".join(f'STRSTARTS(STR(?s), "{prefix}")' for prefix in HISTORY_PREFIXES)
    history = _count(
        graph,
        f"""
        SELECT (COUNT(*) AS ?n) WHERE {{
          {{ SELECT DISTINCT ?s WHERE {{
            VALUES ?t {{ <{PROV.Activity}> <{PROV.Entity}> <{PROV.Agent}> }}
            ?s a ?t . FILTER({within})
          }} }}
          ?s ?p ?o
        }}""",
    )
    return total - history


def summarize(graph: Graph) -> Summary:
    """Count the records, actor types and actors per area of *graph*."""
    records = {}
    for key, kind in record_kinds().items():
        count = _counts(
            graph,
            f"SELECT ?k (COUNT(?s) AS ?n) WHERE {{ ?s a <{kind.rdf_class}> "
            f'BIND("{key}" AS ?k) }} GROUP BY ?k',
        )
        records.update({k: v for k, v in count.items() if v})
    actor_types = _counts(
        graph,
        f"""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?t (COUNT(?a) AS ?n) WHERE {{
          ?a <{ZN.actorType}> ?c . BIND(REPLACE(STR(?c), "^.*/", "") AS ?t)
        }} GROUP BY ?t ORDER BY DESC(?n) ?t""",
    )
    per_area = _counts(
        graph,
        f"""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?l (COUNT(DISTINCT ?a) AS ?n) WHERE {{
          ?a a <{ZN.Actor}> ; <{ZN.area}> ?area . ?area skos:prefLabel ?l
        }} GROUP BY ?l ORDER BY DESC(?n) ?l""",
    )
    return Summary(records, actor_types, per_area, data_triples(graph))
