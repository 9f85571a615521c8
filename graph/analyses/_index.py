"""Indexes over the projection, built once per projection and kept in its memo.

At national scale (tens of thousands of actors) an analysis that scans every actor,
relation or mandate for each question is too slow for a page; these indexes turn the
scans into look-ups. Each is computed on first use and cached in ``G.graph["memo"]``
(:func:`~zorgnet.graph.analyses._common.memo`), which a new projection starts empty, so
they never outlive the data they index.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from zorgnet.graph.analyses._common import active, memo
from zorgnet.graph.areas import area_scope
from zorgnet.graph.projected import Mandate

__all__ = [
    "absent_offers",
    "help_relations",
    "mandates_by_holder",
    "offering",
    "opening_mandates",
    "scope_actors",
    "scope_set",
    "served_areas",
]


def served_areas(G: nx.MultiDiGraph, actor: str) -> tuple[str, ...]:
    """The areas *actor* serves: its own, or, when it names none, those of its whole.

    A team of a regional organisation that names no area of its own serves where the
    organisation does, not everywhere.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> served_areas(example_projection(), "buurtteam")
    ('hilversum-oost',)
    """
    seen: set[str] = set()
    todo = [actor]
    while todo:
        current = todo.pop()
        if current in seen or current not in G:
            continue
        seen.add(current)
        if G.nodes[current]["areas"]:
            return tuple(G.nodes[current]["areas"])
        todo.extend(G.nodes[current]["part_of"])
    return ()


def _by_area(G: nx.MultiDiGraph) -> tuple[list[str], dict[str, list[int]], list[int]]:
    """The active actors in the order of *G*, and by area as positions in that order."""

    def compute() -> tuple[list[str], dict[str, list[int]], list[int]]:
        actors: list[str] = []
        by_area: dict[str, list[int]] = defaultdict(list)
        everywhere: list[int] = []
        for actor, data in G.nodes(data=True):
            if not active(data["status"]):
                continue
            position = len(actors)
            actors.append(actor)
            # Most actors name their areas; only parts that name none look at their whole.
            areas = data["areas"] or served_areas(G, actor)
            for area in areas:
                by_area[area].append(position)
            if not areas:
                everywhere.append(position)
        return actors, dict(by_area), everywhere

    return memo(G, ("index", "by_area"), compute)


def scope_actors(G: nx.MultiDiGraph, area: str | None) -> tuple[str, ...]:
    """The active actors that hold in *area* (or all active actors), in the order of *G*.

    The same set as filtering every actor with ``active`` and ``in_scope``; keeping the
    order of *G* keeps every tie between equal routes broken as a full scan breaks it.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> scope_actors(example_projection(), "huizen")
    ('doorbraaktafel', 'ggz-aanbieder', 'huisarts')
    """

    def compute() -> tuple[str, ...]:
        actors, by_area, everywhere = _by_area(G)
        if area is None:
            return tuple(actors)
        found = set(everywhere).union(*(by_area.get(part, ()) for part in area_scope(G, area)))
        return tuple(actors[i] for i in sorted(found))

    return memo(G, ("index", "scope", area), compute)


def scope_set(G: nx.MultiDiGraph, area: str | None) -> frozenset[str]:
    """:func:`scope_actors` as a set, for membership tests."""
    return memo(G, ("index", "scope-set", area), lambda: frozenset(scope_actors(G, area)))


def absent_offers(G: nx.MultiDiGraph) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """The actors whose record says their help is absent (status ``afwezig``): each with
    the areas it concerns and the help kinds it names."""

    def compute() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
        return tuple(
            (actor, served_areas(G, actor), tuple(data["offers"]))
            for actor, data in G.nodes(data=True)
            if data["status"] == "afwezig"
        )

    return memo(G, ("index", "absent"), compute)


def offering(G: nx.MultiDiGraph, area: str | None) -> dict[str, tuple[str, ...]]:
    """Help kind → the active actors in *area* whose record says they offer it."""

    def compute() -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = defaultdict(list)
        for actor in scope_actors(G, area):
            for kind in G.nodes[actor]["offers"]:
                found[kind].append(actor)
        return {k: tuple(actors) for k, actors in found.items()}

    return memo(G, ("index", "offering", area), compute)


_HelpEdge = tuple[str, str, dict]


class _HelpRelationReader:
    """Reads, per area, the relations that name a kind of help, the cheapest way.

    One area (a route question on a fresh projection) is read best from the
    predecessors of its actors; many (a coverage of the country) from one pass over
    every relation, by the actor each leads to. The reader reads per area for the first
    :attr:`AREAS_BEFORE_ONE_PASS` areas, then makes the one pass and keeps it.
    """

    AREAS_BEFORE_ONE_PASS = 8

    def __init__(self) -> None:
        self._areas_read = 0
        self._by_target: dict[str, list[_HelpEdge]] | None = None

    def read(self, G: nx.MultiDiGraph, area: str | None) -> dict[str, tuple[_HelpEdge, ...]]:
        """Help kind → the relations stated for it that lead to an active actor in *area*."""
        self._areas_read += 1
        if self._areas_read > self.AREAS_BEFORE_ONE_PASS:
            edges = self._from_one_pass(G, area)
        else:
            edges = self._from_predecessors(G, area)
        found: dict[str, list[_HelpEdge]] = defaultdict(list)
        for edge in edges:
            for kind in edge[2]["help_kinds"]:
                found[kind].append(edge)
        return {k: tuple(edges) for k, edges in found.items()}

    def _from_predecessors(self, G: nx.MultiDiGraph, area: str | None) -> list[_HelpEdge]:
        pred = G.pred
        return [
            (u, v, data)
            for v in scope_actors(G, area)
            for u, keyed in pred[v].items()
            for data in keyed.values()
            if data["record"] == "relation" and data.get("help_kinds")
        ]

    def _from_one_pass(self, G: nx.MultiDiGraph, area: str | None) -> list[_HelpEdge]:
        if self._by_target is None:
            self._by_target = defaultdict(list)
            for u, v, data in G.edges(data=True):
                if data["record"] == "relation" and data.get("help_kinds"):
                    self._by_target[v].append((u, v, data))
        targets = self._by_target
        return [edge for v in scope_actors(G, area) for edge in targets.get(v, ())]


def help_relations(G: nx.MultiDiGraph, area: str | None) -> dict[str, tuple[_HelpEdge, ...]]:
    """Help kind → the relations stated for it that lead to an active actor in *area*.

    As ``(from, to, edge data)``; whether the relation itself holds there is left to
    the caller (it depends on the domain and level asked for too).
    """
    reader = memo(G, ("index", "help_relations_reader"), _HelpRelationReader)
    return memo(G, ("index", "help_relations", area), lambda: reader.read(G, area))


def mandates_by_holder(G: nx.MultiDiGraph) -> dict[str, tuple[Mandate, ...]]:
    """Holder → its mandates, in the order of ``G.graph["mandates"]``."""

    def compute() -> dict[str, tuple[Mandate, ...]]:
        found: dict[str, list[Mandate]] = defaultdict(list)
        for mandate in G.graph["mandates"]:
            found[mandate.holder].append(mandate)
        return {h: tuple(ms) for h, ms in found.items()}

    return memo(G, ("index", "mandates"), compute)


def opening_mandates(G: nx.MultiDiGraph, area: str | None) -> tuple[Mandate, ...]:
    """The active mandates that open contracted care and hold in *area*, held by an actor.

    In the order of ``G.graph["mandates"]``; a mandate that names no area holds
    everywhere.
    """

    def by_area() -> tuple[dict[str, list[int]], list[int]]:
        found: dict[str, list[int]] = defaultdict(list)
        everywhere: list[int] = []
        for i, m in enumerate(G.graph["mandates"]):
            if m.opens_contracted_care and m.holder in G and active(m.status):
                for part in m.areas:
                    found[part].append(i)
                if not m.areas:
                    everywhere.append(i)
        return dict(found), everywhere

    def compute() -> tuple[Mandate, ...]:
        found, everywhere = memo(G, ("index", "opening_by_area"), by_area)
        if area is None:
            picked = set(everywhere).union(*found.values())
        else:
            picked = set(everywhere).union(*(found.get(a, ()) for a in area_scope(G, area)))
        mandates = G.graph["mandates"]
        return tuple(mandates[i] for i in sorted(picked))

    return memo(G, ("index", "opening", area), compute)
