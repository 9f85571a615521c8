"""Brokers and fragility: who holds the network together, and what kind of bridge.

Centralities, articulation points and bridges are computed on the undirected simple
graph of relations; Gould–Fernandez brokerage on the directed one, with the actors'
scale (lokaal, regionaal, bovenregionaal, landelijk) as the groups.

Betweenness is exact up to :data:`EXACT_LIMIT` actors (a region); on a bigger network
(the whole country) it is estimated from :data:`SAMPLES` source actors drawn with a
fixed seed (``networkx.betweenness_centrality(k=..., seed=...)``), and the report says
so. Burt's constraint, articulation points, bridges and the brokerage roles stay exact
at any size: they are computed in (near) linear time here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import networkx as nx

from zorgnet.graph.analyses._common import active, check_area, memo
from zorgnet.graph.analyses._index import scope_actors

__all__ = [
    "EXACT_LIMIT",
    "GF_ROLES",
    "SAMPLES",
    "SEED",
    "BrokerReport",
    "BrokerRow",
    "brokerage_roles",
    "brokers",
]

GF_ROLES = ("coordinator", "gatekeeper", "representative", "itinerant", "liaison")
# Exact betweenness is quadratic (one search per actor): a region of a few thousand
# actors takes seconds, the country hours. Above this many actors it is sampled.
EXACT_LIMIT = 3000
# Sources of the estimate: the error of sampled betweenness shrinks with 1/sqrt(k).
SAMPLES = 50
SEED = 1


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
    """Brokers sorted by betweenness, and the bridges (single links holding parts together).

    ``betweenness`` says how it was computed: ``"exact"``, or ``"sampled"`` from
    ``samples`` source actors drawn with ``seed`` (an estimate). ``region`` is the
    area the network was cut to (its actors, as for routes there), or None for all.
    """

    rows: tuple[BrokerRow, ...]
    bridges: tuple[tuple[str, str], ...]
    sources: tuple[str, ...]
    betweenness: str = "exact"
    samples: int | None = None
    seed: int | None = None
    region: str | None = None
    actors: int = 0

    @property
    def sampled(self) -> bool:
        """Whether betweenness is an estimate from a sample of source actors."""
        return self.betweenness == "sampled"


def _relations(G: nx.MultiDiGraph, region: str | None = None) -> nx.DiGraph:
    D = nx.DiGraph()
    D.add_nodes_from(scope_actors(G, region))
    succ = G.succ
    D.add_edges_from(
        (u, v)
        for u in D
        for v, keyed in succ[u].items()
        if v in D and any(d["record"] == "relation" and active(d["status"]) for d in keyed.values())
    )
    return D


def _constraint(U: nx.Graph) -> dict[str, float]:
    """Burt's constraint of every actor, as ``nx.constraint(U)`` computes it.

    On an unweighted graph an actor's tie to each neighbour is 1/degree, so the
    indirect part of a local constraint only needs the neighbours both ends share;
    networkx looks at every pair of neighbours, which is slow around hubs. The terms
    are summed in the order networkx sums them, so the values are the same floats.
    """
    nbrs = {u: set(U[u]) for u in U}
    share = {u: 2 / (2 * len(n)) if n else 0.0 for u, n in nbrs.items()}
    found: dict[str, float] = {}
    for u, around in nbrs.items():
        if not around:
            found[u] = float("nan")
            continue
        p = share[u]
        local = []
        for v in around:
            indirect = 0.0
            if around & nbrs[v]:
                indirect = sum(p * share[w] for w in around if v in nbrs[w])
            local.append((p + indirect) ** 2)
        found[u] = sum(local)
    return found


def _cut_off(U: nx.Graph) -> dict[str, tuple[str, ...]]:
    """Articulation point → the actors only it connects to the rest, sorted.

    What remains of the network without the actor falls apart in parts; every part but
    the largest is cut off (of equal parts, the one holding the actor that comes first
    in *U* stays). One depth-first search instead of one search per articulation point.
    """
    position = {a: i for i, a in enumerate(U)}
    components = sorted(
        (sorted(c, key=position.__getitem__) for c in nx.connected_components(U)),
        key=lambda c: position[c[0]],
    )
    found: dict[str, tuple[str, ...]] = {}
    for component in components:
        root = component[0]
        disc = {root: 0}
        low = {root: 0}
        size: dict[str, int] = {}
        order = [root]
        children: dict[str, list[str]] = {root: []}
        stack = [(root, iter(U[root]))]
        while stack:
            node, neighbours = stack[-1]
            for child in neighbours:
                if child not in disc:
                    disc[child] = low[child] = len(order)
                    order.append(child)
                    children[child] = []
                    children[node].append(child)
                    stack.append((child, iter(U[child])))
                    break
                # The edge back to the parent lowers low to the parent's number at most,
                # which the test low >= disc (not >) allows for.
                low[node] = min(low[node], disc[child])
            else:
                stack.pop()
                size[node] = 1 + sum(size[c] for c in children[node])
                if stack:
                    above = stack[-1][0]
                    low[above] = min(low[above], low[node])
        others = [c for c in components if c is not component]
        for actor in order:
            separated = [c for c in children[actor] if actor == root or low[c] >= disc[actor]]
            if (actor == root and len(separated) < 2) or not separated:
                continue
            parts: list[tuple[int, int, list[str]]] = []
            for c in separated:
                nodes = order[disc[c] : disc[c] + size[c]]
                parts.append((len(nodes), min(position[n] for n in nodes), nodes))
            apart = {n for _, _, nodes in parts for n in nodes} | {actor}
            rest = len(component) - len(apart)
            if rest:
                first = next(n for n in component if n not in apart)
                parts.append((rest, position[first], []))
            for other in others:
                parts.append((len(other), position[other[0]], other))
            kept = max(parts, key=lambda part: (part[0], -part[1]))
            cut = [n for part in parts if part is not kept for n in part[2]]
            if rest and kept[2]:
                cut.extend(n for n in component if n not in apart)
            found[actor] = tuple(sorted(cut))
    return found


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


def brokers(
    G: nx.MultiDiGraph, *, top: int | None = None, region: str | None = None
) -> BrokerReport:
    """Who are the brokers, and what breaks if one disappears?

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    top : int, optional
        Only the *top* actors by betweenness.
    region : str, optional
        An area id: only the actors that hold there (as for routes there).

    Returns
    -------
    BrokerReport
        Per actor: betweenness, degree, Burt's constraint, whether it is an
        articulation point and which actors it alone connects to the rest, the
        Gould–Fernandez roles; and the bridges. Computed once per projection (and
        region); on more than :data:`EXACT_LIMIT` actors betweenness is sampled and
        the report says so (``betweenness``, ``samples``, ``seed``).

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> report = brokers(example_projection(), top=1)
    >>> report.rows[0].actor, report.rows[0].articulation_point
    ('buurtteam', True)
    >>> report.rows[0].cut_off
    ('doorbraaktafel',)
    """
    check_area(G, region, "regio")

    def compute() -> BrokerReport:
        U = nx.Graph(_relations(G, region))
        if len(U) <= EXACT_LIMIT:
            betweenness = nx.betweenness_centrality(U)
            how: tuple[str, int | None, int | None] = ("exact", None, None)
        else:
            samples = min(SAMPLES, len(U))
            betweenness = nx.betweenness_centrality(U, k=samples, seed=SEED)
            how = ("sampled", samples, SEED)
        constraint = _constraint(U)
        cut_offs = _cut_off(U)
        roles = brokerage_roles(G)
        rows = []
        for actor in U:
            node = G.nodes[actor]
            value = constraint.get(actor)
            rows.append(
                BrokerRow(
                    actor,
                    node["label"],
                    node["scale"],
                    betweenness[actor],
                    U.degree(actor),
                    None if value != value else value,
                    actor in cut_offs,
                    cut_offs.get(actor, ()),
                    roles[actor],
                    tuple(node["sources"]),
                )
            )
        rows.sort(key=lambda r: (-r.betweenness, r.actor))
        bridges = tuple(sorted(tuple(sorted(e)) for e in nx.bridges(U)))
        return BrokerReport(
            tuple(rows),
            bridges,  # type: ignore[arg-type]
            tuple(sorted({s for r in rows for s in r.sources})),
            *how,
            region,
            len(U),
        )

    report: BrokerReport = memo(G, ("brokers", region), compute)
    if top is None:
        return report
    return replace(report, rows=report.rows[:top])
