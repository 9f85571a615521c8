"""Brokers and fragility: who holds the network together, and what kind of bridge.

Centralities, articulation points and bridges are computed on the undirected simple
graph of relations; Gould–Fernandez brokerage on the directed one, with the actors'
scale (lokaal, regionaal, bovenregionaal, landelijk) as the groups.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from zorgnet.graph.analyses._common import active, memo

__all__ = ["GF_ROLES", "BrokerReport", "BrokerRow", "brokerage_roles", "brokers"]

GF_ROLES = ("coordinator", "gatekeeper", "representative", "itinerant", "liaison")


@dataclass(frozen=True)
class BrokerRow:
    """One actor's brokerage position."""

    actor: str
    label: str
    scale: str | None
    betweenness: float
    degree: int
    constraint: float | None
    articulation_point: bool
    cut_off: tuple[str, ...]
    roles: dict[str, int]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class BrokerReport:
    """Brokers sorted by betweenness, and the bridges (single links holding parts together)."""

    rows: tuple[BrokerRow, ...]
    bridges: tuple[tuple[str, str], ...]
    sources: tuple[str, ...]


def _relations(G: nx.MultiDiGraph) -> nx.DiGraph:
    D = nx.DiGraph()
    D.add_nodes_from(a for a, d in G.nodes(data=True) if active(d["status"]))
    D.add_edges_from((u, v) for u, v, d in G.edges(data=True)
                     if d["record"] == "relation" and active(d["status"]) and u in D and v in D)
    return D


def brokerage_roles(G: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Gould–Fernandez brokerage counts per actor, groups = scale.

    For every open two-step path a → b → c (no direct tie a → c), b brokers in the role
    given by the groups of a, b and c: coordinator (all one group), itinerant (a and c
    share a group, b not), gatekeeper (b and c share, a not), representative (a and b
    share, c not), liaison (all different).

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> brokerage_roles(example_projection())["gemeente-hilversum"]["gatekeeper"]
    0
    >>> brokerage_roles(example_projection())["buurtteam"]["representative"]
    2
    """
    def compute() -> dict[str, dict[str, int]]:
        D = _relations(G)
        group = {a: G.nodes[a]["scale"] for a in D}
        roles: dict[str, dict[str, int]] = {}
        for b in D:
            counts: Counter[str] = Counter({r: 0 for r in GF_ROLES})
            for a in D.predecessors(b):
                for c in D.successors(b):
                    if a == c or D.has_edge(a, c):
                        continue
                    ga, gb, gc = group[a], group[b], group[c]
                    if ga == gb == gc:
                        counts["coordinator"] += 1
                    elif ga == gc:
                        counts["itinerant"] += 1
                    elif gb == gc:
                        counts["gatekeeper"] += 1
                    elif ga == gb:
                        counts["representative"] += 1
                    else:
                        counts["liaison"] += 1
            roles[b] = dict(counts)
        return roles

    return memo(G, "brokerage_roles", compute)


def brokers(G: nx.MultiDiGraph, *, top: int | None = None) -> BrokerReport:
    """Who are the brokers, and what breaks if one disappears?

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    top : int, optional
        Only the *top* actors by betweenness.

    Returns
    -------
    BrokerReport
        Per actor: betweenness, degree, Burt's constraint, whether it is an
        articulation point and which actors it alone connects to the rest, the
        Gould–Fernandez roles; and the bridges.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> report = brokers(example_projection(), top=1)
    >>> report.rows[0].actor, report.rows[0].articulation_point
    ('buurtteam', True)
    >>> report.rows[0].cut_off
    ('doorbraaktafel', 'school')
    """
    def compute() -> BrokerReport:
        U = nx.Graph(_relations(G))
        betweenness = nx.betweenness_centrality(U)
        constraint = nx.constraint(U)
        cut_points = set(nx.articulation_points(U))
        roles = brokerage_roles(G)
        rows = []
        for actor in U:
            cut_off: tuple[str, ...] = ()
            if actor in cut_points:
                rest = U.subgraph(set(U) - {actor})
                parts = sorted(nx.connected_components(rest), key=len, reverse=True)
                cut_off = tuple(sorted(a for part in parts[1:] for a in part))
            node = G.nodes[actor]
            value = constraint.get(actor)
            rows.append(BrokerRow(actor, node["label"], node["scale"], betweenness[actor],
                                  U.degree(actor), None if value != value else value,
                                  actor in cut_points, cut_off, roles[actor],
                                  tuple(node["sources"])))
        rows.sort(key=lambda r: (-r.betweenness, r.actor))
        bridges = tuple(sorted(tuple(sorted(e)) for e in nx.bridges(U)))
        return BrokerReport(tuple(rows), bridges,  # type: ignore[arg-type]
                            tuple(sorted({s for r in rows for s in r.sources})))

    report: BrokerReport = memo(G, "brokers", compute)
    if top is None:
        return report
    return BrokerReport(report.rows[:top], report.bridges, report.sources)
