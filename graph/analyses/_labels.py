"""Dutch labels for what the analyses of mandates, overlaps and snapshots return."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import networkx as nx

from zorgnet.ontology.files import ontology_graph
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import concept_label, label_of

__all__ = ["actor_label", "actor_labels", "area_labels", "class_label", "concept_label"]


@cache
def class_label(name: str) -> str:
    """The Dutch label of a class of the ontology, e.g. ``Arrangement``.

    Examples
    --------
    >>> class_label("Arrangement")
    'lokale inrichting'
    """
    return label_of(ontology_graph(), ZN[name])


def actor_label(G: nx.MultiDiGraph, actor: str) -> str:
    """The label of *actor* in the projection, else its id."""
    return G.nodes[actor]["label"] if actor in G else actor


def actor_labels(G: nx.MultiDiGraph, actors: Iterable[str]) -> tuple[str, ...]:
    """The labels of *actors*, in their order."""
    return tuple(actor_label(G, a) for a in actors)


def area_labels(G: nx.MultiDiGraph, areas: Iterable[str]) -> tuple[str, ...]:
    """The labels of *areas*, in their order."""
    known = G.graph["areas"]
    return tuple(known[a].label if a in known else a for a in areas)
