"""Helpers the analyses share: name checks with suggestions, and condition filters."""

import difflib
from collections.abc import Iterable

import networkx as nx

from zorgnet.graph.areas import area_scope
from zorgnet.graph.projected import INACTIVE_STATUSES
from zorgnet.ontology.exceptions import UnknownName
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import vocabulary

__all__ = [
    "active",
    "check_actor",
    "check_area",
    "check_concept",
    "edge_applies",
    "in_scope",
    "memo",
]


def _suggest(name: str, candidates: Iterable[str]) -> list[str]:
    return difflib.get_close_matches(name, sorted(set(candidates)), n=3, cutoff=0.5)


def check_actor(G: nx.MultiDiGraph, name: str) -> str:
    """*name* if it is an actor id of *G*; else raise ``UnknownName`` with suggestions."""
    if name not in G:
        raise UnknownName("actor", name, _suggest(name, G.nodes))
    return name


def check_area(G: nx.MultiDiGraph, name: str | None, what: str = "gemeente") -> str | None:
    """*name* if it is an area id of *G* (or None); else raise ``UnknownName``."""
    if name is not None and name not in G.graph["areas"]:
        raise UnknownName(what, name, _suggest(name, G.graph["areas"]))
    return name


def check_concept(name: str | None, concept_class: str, what: str) -> str | None:
    """*name* if it is a notation of the vocabulary of *concept_class*; else raise."""
    if name is None:
        return None
    notations = vocabulary().notations(ZN[concept_class])
    if name not in notations:
        raise UnknownName(what, name, _suggest(name, notations))
    return name


def active(status: str | None) -> bool:
    """Whether a record with *status* exists now (not absent, ended, proposed or planned)."""
    return status not in INACTIVE_STATUSES


def in_scope(G: nx.MultiDiGraph, areas: Iterable[str], area: str | None) -> bool:
    """Whether something with *areas* holds in *area*; no areas means everywhere."""
    areas = tuple(areas)
    if area is None or not areas:
        return True
    return not area_scope(G, area).isdisjoint(areas)


def edge_applies(
    G: nx.MultiDiGraph,
    data: dict,
    *,
    area: str | None = None,
    domain: str | None = None,
    level: str | None = None,
    help_kind: str | None = None,
) -> bool:
    """Whether an edge's conditions allow it for this area, domain, level and help.

    An edge that states no domain (level, help kind, area) holds for every one.
    """
    if not active(data.get("status")):
        return False
    for wanted, key in ((domain, "domains"), (level, "levels"), (help_kind, "help_kinds")):
        values = data.get(key) or ()
        if wanted is not None and values and wanted not in values:
            return False
    return in_scope(G, data.get("areas") or (), area)


def memo(G: nx.MultiDiGraph, key: object, compute):  # type: ignore[no-untyped-def]
    """*compute()* once per projection: whole-graph work is reused between requests."""
    store = G.graph.setdefault("memo", {})
    if key not in store:
        store[key] = compute()
    return store[key]
