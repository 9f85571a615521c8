"""The networkx projection of the RDF graph: actors as nodes, relations as edges.

The analyses in :mod:`zorgnet.graph.analyses` work on this projection, not on RDF, so
that path and centrality algorithms run on plain Python objects. The projection keeps
every record's id, IRI and sources so that each result can be traced back to the data
files and the seeds.

Nodes
    Actors (``zn:Actor``) keyed by their id (the IRI's last path segment), with the
    attributes ``iri``, ``label``, ``type``, ``actor_class``, ``scale``, ``areas``,
    ``domains``, ``levels``, ``access``, ``offers``, ``age_min``, ``age_max``, ``status``,
    ``part_of``, ``as_of``, ``description`` and ``sources``. Vocabulary values are their
    ``skos:notation``.
Edges (key = record id)
    ``record="relation"``
        One edge per ``zn:Relation`` from ``from`` to ``to``, with ``kind`` (the relation
        kind), ``domains``, ``levels``, ``access``, ``help_kinds``, ``areas``,
        ``age_min``, ``age_max``, ``legal_bases``, ``status``, ``as_of``, ``sources``.
    ``record="membership"``
        One edge per ``zn:Membership`` from the team to the member, with
        ``kind="heeft-netwerklid"`` and ``membership_status`` (kern / verbonden /
        buiten). Team → member because a team's network is read outwards from the team.
    ``record="part-of"``
        One edge per ``dct:isPartOf`` between actors, from the part to the whole, with
        ``kind="is-onderdeel-van"`` (key ``"<part>/is-onderdeel-van/<whole>"``).
Graph data
    ``G.graph`` holds the records that are not edges, as tuples of frozen dataclasses:
    ``areas`` (dict id → :class:`~zorgnet.graph.projected.Area`), ``mandates``,
    ``memberships``, ``arrangements``, ``alignments``, ``shortages``, ``issues``,
    ``figures``, and ``records`` (dict id →
    :class:`~zorgnet.graph.projected.RecordSummary`, every record, for snapshots); the
    classes are in :mod:`zorgnet.graph.projected`. ``G.graph["memo"]`` is where the
    analyses keep what they computed once for this projection.

Examples
--------
>>> from zorgnet.graph.analyses._example import example_graph
>>> G = project(example_graph())
>>> G.nodes["huisarts"]["type"]
'huisarts'
>>> sorted(k for _, _, k in G.out_edges("huisarts", keys=True))
['huisarts-consulteert-poh', 'huisarts-verwijst-ggz']
>>> G.graph["mandates"][0].holder
'gemeente-hilversum'
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from zorgnet.graph.parts import Parts, membership_edge, part_of_edge, part_of_key

__all__ = ["project", "project_file", "without_gc"]


@contextmanager
def without_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while many objects are built at once.

    A national projection is millions of containers, and the collector would scan all
    of them again every few thousand allocations: reading a saved one takes 1.2 s
    instead of 3-4 s without it. Nothing is lost; it collects when resumed.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _assemble(parts: Parts) -> nx.MultiDiGraph:
    """The projection made of *parts*: in the same order, whatever order they came in."""
    G = nx.MultiDiGraph()
    G.add_nodes_from((i, parts.actors[i]) for i in sorted(parts.actors))
    for record_id in sorted(parts.relations):
        source, target, attributes = parts.relations[record_id]
        if source in G and target in G:
            G.add_edge(source, target, key=record_id, **attributes)
    memberships = tuple(parts.memberships[i] for i in sorted(parts.memberships))
    for membership in memberships:
        if membership.team in G and membership.member in G:
            G.add_edge(
                membership.team,
                membership.member,
                key=membership.id,
                **membership_edge(membership),
            )
    for actor, data in list(G.nodes(data=True)):
        for whole in data["part_of"]:
            if whole in G:
                G.add_edge(actor, whole, key=part_of_key(actor, whole), **part_of_edge(data))

    def in_order(records: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(records[i] for i in sorted(records))

    G.graph.update(
        areas={i: parts.areas[i] for i in sorted(parts.areas)},
        mandates=in_order(parts.mandates),
        memberships=memberships,
        arrangements=in_order(parts.arrangements),
        alignments=in_order(parts.alignments),
        shortages=in_order(parts.shortages),
        issues=in_order(parts.issues),
        figures=in_order(parts.figures),
        records={i: parts.summaries[i] for i in sorted(parts.summaries)},
        memo={},
    )
    return nx.freeze(G)


@without_gc()
def project(graph: Graph) -> nx.MultiDiGraph:
    """The networkx projection of a zorgnet RDF graph.

    Parameters
    ----------
    graph : rdflib.Graph
        Zorgnet data, e.g. ``Store.graph()`` (the queries then run on Oxigraph) or the
        graph of ``read_dataset``.

    Returns
    -------
    networkx.MultiDiGraph
        Actors as nodes, relations, memberships and part-of links as edges, the other
        records in ``G.graph``; see the module docstring. The graph is frozen: the
        analyses share it.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_graph
    >>> G = project(example_graph())
    >>> G.nodes["ggz-aanbieder"]["offers"]
    ('jeugd-ggz',)
    >>> G.nodes["huisarts"]["sources"]
    ('003 §4',)
    """
    parts = Parts()
    parts.add_records(graph)
    return _assemble(parts)


@without_gc()
def project_file(path: Path) -> nx.MultiDiGraph:
    """The networkx projection of the zorgnet data in an N-Triples file.

    The same as :func:`project` of a graph holding the file's triples, and faster than
    projecting the store the file was loaded into: at national scale Oxigraph parses
    the file in 2 s, where reading the same triples back out of its on-disk database
    takes 9 s.

    Parameters
    ----------
    path : Path
        An N-Triples file, e.g. the one ``Store.replace_from_file`` just loaded.

    Returns
    -------
    networkx.MultiDiGraph
        As :func:`project`.

    Examples
    --------
    >>> import tempfile
    >>> from zorgnet.graph.analyses._example import example_graph
    >>> path = Path(tempfile.mkdtemp()) / "data.nt"
    >>> _ = example_graph().serialize(path, format="nt", encoding="utf-8")
    >>> project_file(path).nodes["huisarts"]["sources"]
    ('003 §4',)
    """
    parts = Parts()
    parts.add_file(path)
    return _assemble(parts)
