"""Overlaps: the same power or help for the same area held by several actors."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from zorgnet.graph.analyses._common import active, memo
from zorgnet.graph.analyses.routes import referral_routes

__all__ = ["Overlap", "Overlaps", "ParallelRoutes", "overlaps", "parallel_routes"]


@dataclass(frozen=True)
class Overlap:
    """Several actors holding the same power, or offering the same help, in one area."""

    what: str
    name: str
    area: str
    domain: str | None
    actors: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Overlaps:
    """All overlaps of powers (``what="bevoegdheid"``) and of help (``what="hulp"``)."""

    overlaps: tuple[Overlap, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ParallelRoutes:
    """Routes from one entry point that end at the same provider."""

    source: str
    help_kind: str
    by_provider: dict[str, tuple[tuple[str, ...], ...]]
    sources: tuple[str, ...]


def overlaps(G: nx.MultiDiGraph) -> Overlaps:
    """Who does the same thing for the same area?

    Mandates are grouped by power, area and domain; offers by help kind and area. Every
    group with more than one actor is an overlap (e.g. investigations by Veilig Thuis,
    the GI's and the Raad voor de Kinderbescherming).

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> [(o.what, o.name, o.area, o.actors) for o in overlaps(example_projection()).overlaps]
    [('bevoegdheid', 'verwijzen', 'hilversum', ('huisarts', 'poh-jeugd'))]
    """

    def compute() -> Overlaps:
        groups: dict[tuple[str, str, str, str | None], dict[str, set[str]]] = defaultdict(dict)
        children: dict[str, list[str]] = defaultdict(list)
        for child in G.graph["areas"].values():
            for parent in child.part_of:
                children[parent].append(child.id)
        for m in G.graph["mandates"]:
            if not active(m.status):
                continue
            for area in m.areas or ("",):
                for domain in m.domains or (None,):
                    groups[("bevoegdheid", m.power, area, domain)].setdefault(
                        m.holder, set()
                    ).update(m.sources)
        for actor, d in G.nodes(data=True):
            if not active(d["status"]):
                continue
            for kind in d["offers"]:
                for area in d["areas"] or ("",):
                    groups[("hulp", kind, area, None)].setdefault(actor, set()).update(d["sources"])
        # A holder for the whole region also holds in each of its gemeenten (one level
        # down per group, in the order the groups were made).
        for (what, name, area, domain), holders in list(groups.items()):
            for child in children.get(area, ()) if area else ():
                if (what, name, child, domain) in groups:
                    for holder, srcs in holders.items():
                        groups[(what, name, child, domain)].setdefault(holder, set()).update(srcs)
        found = tuple(
            Overlap(
                what,
                name,
                area,
                domain,
                tuple(sorted(holders)),
                tuple(sorted({s for srcs in holders.values() for s in srcs})),
            )
            for (what, name, area, domain), holders in sorted(
                groups.items(), key=lambda i: str(i[0])
            )
            if len(holders) > 1
        )
        return Overlaps(found, tuple(sorted({s for o in found for s in o.sources})))

    return memo(G, "overlaps", compute)


def parallel_routes(
    G: nx.MultiDiGraph, source: str, help_kind: str, *, gemeente: str | None = None, k: int = 10
) -> ParallelRoutes:
    """Which providers of *help_kind* can *source* reach along more than one route?

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> result = parallel_routes(example_projection(), "huisarts", "jeugd-ggz")
    >>> len(result.by_provider["ggz-aanbieder"])
    2
    """
    result = referral_routes(G, source, help_kind, gemeente=gemeente, k=k)
    by_provider: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for route in result.routes:
        by_provider[route.actors[-1]].append(route.actors)
    parallel = {p: tuple(rs) for p, rs in sorted(by_provider.items()) if len(rs) > 1}
    return ParallelRoutes(source, help_kind, parallel, result.sources)
