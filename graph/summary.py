"""Counts that describe what the store holds: per kind of record, per actor type, per area.

Examples
--------
>>> from rdflib import Graph
>>> summarize(Graph()).records
{}
"""

from dataclasses import dataclass

from rdflib import Graph

from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.schema import record_kinds

__all__ = ["Summary", "summarize"]


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
        Number of triples.
    """

    records: dict[str, int]
    actor_types: dict[str, int]
    actors_per_area: dict[str, int]
    triples: int


def _counts(graph: Graph, query: str) -> dict[str, int]:
    return {str(row[0]): int(row[1]) for row in graph.query(query)}


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
    return Summary(records, actor_types, per_area, len(graph))
