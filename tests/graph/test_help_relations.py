"""The relations stated for a kind of help, per area: the same whichever way they are read.

The first areas asked are read from their actors' predecessors, later ones from one pass
over every relation (``help_relations``); both must give what a full scan gives.
"""

import copy

import networkx as nx

from zorgnet.graph.analyses._index import help_relations, scope_set


def _scanned(G: nx.MultiDiGraph, area: str | None) -> dict[str, set[tuple[str, str, str]]]:
    found: dict[str, set[tuple[str, str, str]]] = {}
    for u, v, key, data in G.edges(keys=True, data=True):
        if data["record"] == "relation" and v in scope_set(G, area):
            for kind in data.get("help_kinds") or ():
                found.setdefault(kind, set()).add((u, v, key))
    return found


def _key(G: nx.MultiDiGraph, u: str, v: str, data: dict) -> str:
    return next(key for key, found in G[u][v].items() if found is data)


def _asked(G: nx.MultiDiGraph, areas: list[str | None]) -> dict[str | None, dict]:
    fresh = copy.copy(G)
    fresh.graph = {**G.graph, "memo": {}}
    return {area: help_relations(fresh, area) for area in areas}


def test_each_area_reads_the_same_relations_first_or_last(region: nx.MultiDiGraph) -> None:
    areas = [None, *sorted(region.graph["areas"])]
    # The first eight areas asked are read from predecessors, the others in one pass:
    # asked in reverse, most areas are read the other way.
    assert len(areas) > 8
    forward, backward = _asked(region, areas), _asked(region, areas[::-1])
    for area in areas:
        assert forward[area] == backward[area], area
        keyed = {
            kind: {(u, v, _key(region, u, v, data)) for u, v, data in edges}
            for kind, edges in forward[area].items()
        }
        assert keyed == _scanned(region, area), area
