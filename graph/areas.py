"""The areas of a projection: which contain an area, and which it contains.

Areas (wijk, gemeente, cluster, regio, ...) are kept in ``G.graph["areas"]`` with the
areas each is part of (:class:`~zorgnet.graph.projected.Area`). A relation or actor
for the region also holds in each of its gemeenten, so the analyses ask these two
questions often; :func:`area_scope` keeps its answers with the projection.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from zorgnet.graph.projected import Area

__all__ = ["area_ancestors", "area_scope"]


def area_ancestors(G: nx.MultiDiGraph, area: str) -> frozenset[str]:
    """Every area that contains *area* (its cluster, region, province ...), not itself.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> sorted(area_ancestors(example_projection(), "hilversum-oost"))
    ['gooi-en-vechtstreek', 'hilversum']
    """
    areas: dict[str, Area] = G.graph["areas"]
    found: set[str] = set()
    todo = list(areas[area].part_of) if area in areas else []
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(areas[current].part_of if current in areas else ())
    return frozenset(found)


def area_scope(G: nx.MultiDiGraph, area: str) -> frozenset[str]:
    """*area* with every area containing it and every area inside it.

    A relation or actor for the region also holds in each of its gemeenten, and one for
    a wijk of a gemeente is part of what that gemeente has; so both directions count.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> sorted(area_scope(example_projection(), "hilversum"))
    ['gooi-en-vechtstreek', 'hilversum', 'hilversum-oost']
    """
    memo = G.graph["memo"].setdefault("area_scope", {})
    if area in memo:
        return memo[area]
    areas: dict[str, Area] = G.graph["areas"]
    up: set[str] = set()
    todo = [area]
    while todo:
        current = todo.pop()
        if current in up:
            continue
        up.add(current)
        todo.extend(areas[current].part_of if current in areas else ())
    children = G.graph["memo"].get("area_children")
    if children is None:
        # Built once per projection: a national network asks this for each gemeente.
        children = defaultdict(list)
        for candidate in areas.values():
            for parent in candidate.part_of:
                children[parent].append(candidate.id)
        G.graph["memo"]["area_children"] = children
    down: set[str] = set()
    todo = [area]
    while todo:
        current = todo.pop()
        if current in down:
            continue
        down.add(current)
        todo.extend(children.get(current, ()))
    memo[area] = frozenset(up | down)
    return memo[area]
