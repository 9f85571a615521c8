"""The maps: which actors and relations a map shows, what it highlights, where they stand.

Each map is a pure function over the projection (:func:`zorgnet.graph.projection.project`)
returning a frozen :class:`NetworkMap`; :mod:`zorgnet.viz.render` turns it into a page.
The analyses decide what a map highlights: the route map uses
:func:`~zorgnet.graph.analyses.routes.referral_routes`, the team map
:func:`~zorgnet.graph.analyses.membership.team_network`, the signal map the gaps and
overlaps analyses.

Examples
--------
>>> from zorgnet.graph.analyses._example import example_projection
>>> G = example_projection()
>>> m = route_map(G, "huisarts", "jeugd-ggz", gemeente="hilversum")
>>> sorted(n.id for n in m.nodes if n.highlighted)
['ggz-aanbieder', 'huisarts']
>>> t = team_map(G, "buurtteam")
>>> [(n.id, n.ring) for n in t.nodes]
[('buurtteam', 'team'), ('poh-jeugd', 'kern'), ('huisarts', 'verbonden'), ('school', 'buiten')]
>>> len(ego_map(G, "huisarts", depth=1).nodes)
5
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from zorgnet.graph.analyses import check_actor, check_area, in_scope
from zorgnet.graph.projected import Mandate
from zorgnet.ontology.vocabulary import value_label as label
from zorgnet.viz.layout import (
    PHYSICS_THRESHOLD,
    Positions,
    cluster_grid_positions,
    ring_positions,
)

__all__ = [
    "SIGNAL_KINDS",
    "MapEdge",
    "MapNode",
    "NetworkMap",
    "ego_map",
    "gemeente_map",
    "region_map",
    "route_map",
    "signal_flags",
    "signal_map",
    "team_map",
    "with_positions",
]

_RINGS = ("kern", "verbonden", "buiten")
SIGNAL_KINDS = ("onbereikbaar", "doodlopend", "geen wettelijk verwijzer", "alleen pilot", "overlap")


@dataclass(frozen=True)
class MapNode:
    """An actor as a map shows it; every text is plain text, escaped by the renderer."""

    id: str
    label: str
    type: str | None
    type_label: str
    scale: str | None
    scale_label: str
    areas: tuple[str, ...]
    gemeenten: tuple[str, ...]
    domains: tuple[str, ...]
    levels: tuple[str, ...]
    description: str
    mandates: tuple[str, ...]
    sources: tuple[str, ...]
    flags: tuple[str, ...] = ()
    ring: str | None = None
    highlighted: bool = False


@dataclass(frozen=True)
class MapEdge:
    """A relation, membership or part-of link between two actors on the map."""

    id: str
    source: str
    target: str
    kind: str
    kind_label: str
    sources: tuple[str, ...]
    highlighted: bool = False


@dataclass(frozen=True)
class NetworkMap:
    """What one page shows.

    ``physics`` says whether the browser may still relax the positions; ``dim_rest``
    that what is not highlighted is drawn pale (route, signals).
    """

    kind: str
    title: str
    subtitle: str
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    positions: Positions
    physics: bool
    dim_rest: bool
    gemeenten: dict[str, str]


def _gemeenten(G: nx.MultiDiGraph) -> dict[str, str]:
    return {
        a.id: a.label
        for a in sorted(G.graph["areas"].values(), key=lambda a: a.id)
        if a.type == "gemeente"
    }


def _mandates_by_holder(G: nx.MultiDiGraph) -> dict[str, list[Mandate]]:
    found: dict[str, list[Mandate]] = defaultdict(list)
    for mandate in G.graph["mandates"]:
        found[mandate.holder].append(mandate)
    return found


def _mandate_text(G: nx.MultiDiGraph, m: Mandate) -> str:
    text = label("Power", m.power)
    bases = ", ".join(label("LegalBasis", b) for b in m.legal_bases)
    areas = ", ".join(_area_label(G, a) for a in m.areas)
    details = "; ".join(part for part in (bases, areas) if part)
    return f"{text} ({details})" if details else text


def _area_label(G: nx.MultiDiGraph, area: str) -> str:
    found = G.graph["areas"].get(area)
    return found.label if found is not None else area


def _nodes(
    G: nx.MultiDiGraph,
    actors: Iterable[str],
    *,
    highlighted: Iterable[str] = (),
    flags: Mapping[str, Iterable[str]] | None = None,
    rings: Mapping[str, str] | None = None,
) -> tuple[MapNode, ...]:
    gemeenten = _gemeenten(G)
    mandates = _mandates_by_holder(G)
    lit = set(highlighted)
    nodes = []
    for actor in actors:
        d = G.nodes[actor]
        nodes.append(
            MapNode(
                id=actor,
                label=d["label"],
                type=d["type"],
                type_label=label("ActorType", d["type"]),
                scale=d["scale"],
                scale_label=label("Scale", d["scale"]),
                areas=tuple(_area_label(G, a) for a in d["areas"]),
                gemeenten=tuple(g for g in gemeenten if in_scope(G, d["areas"], g)),
                domains=tuple(d["domains"]),
                levels=tuple(d["levels"]),
                description=d.get("description") or "",
                mandates=tuple(_mandate_text(G, m) for m in mandates.get(actor, ())),
                sources=tuple(d["sources"]),
                flags=tuple((flags or {}).get(actor, ())),
                ring=(rings or {}).get(actor),
                highlighted=actor in lit,
            )
        )
    return tuple(nodes)


def _edges(
    G: nx.MultiDiGraph, actors: set[str], highlighted: set[str] = frozenset()
) -> tuple[MapEdge, ...]:  # type: ignore[assignment]
    edges = []
    for u, v, key, d in sorted(G.edges(keys=True, data=True), key=lambda e: e[2]):
        if u in actors and v in actors:
            kind = d.get("kind") or "onbekend"
            edges.append(
                MapEdge(
                    key,
                    u,
                    v,
                    kind,
                    label("RelationKind", kind),
                    tuple(d.get("sources") or ()),
                    key in highlighted,
                )
            )
    return tuple(edges)


def _layout(G: nx.MultiDiGraph, nodes: tuple[MapNode, ...]) -> tuple[Positions, bool]:
    if len(nodes) > PHYSICS_THRESHOLD:
        clusters = {n.id: (G.nodes[n.id]["areas"] or ("",))[0] for n in nodes}
        return cluster_grid_positions(clusters), False
    return {}, True


def _map(
    G: nx.MultiDiGraph,
    kind: str,
    title: str,
    subtitle: str,
    actors: list[str],
    *,
    highlighted: Iterable[str] = (),
    highlighted_edges: set[str] = frozenset(),  # type: ignore[assignment]
    flags: Mapping[str, Iterable[str]] | None = None,
    dim_rest: bool = False,
    rings: Mapping[str, str] | None = None,
    positions: Positions | None = None,
) -> NetworkMap:
    nodes = _nodes(G, actors, highlighted=highlighted, flags=flags, rings=rings)
    edges = _edges(G, set(actors), highlighted_edges)
    if positions is None:
        positions, physics = _layout(G, nodes)
    else:
        physics = False
    return NetworkMap(
        kind, title, subtitle, nodes, edges, positions, physics, dim_rest, _gemeenten(G)
    )


def region_map(G: nx.MultiDiGraph, *, title: str = "Sociale kaart van de regio") -> NetworkMap:
    """Every actor of the projection and every link between them.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> m = region_map(G)
    >>> (len(m.nodes), len(m.edges)) == (G.number_of_nodes(), G.number_of_edges())
    True
    """
    return _map(G, "regio", title, f"{G.number_of_nodes()} actoren", sorted(G.nodes))


def _area_actors(G: nx.MultiDiGraph, area: str) -> list[str]:
    inside = {a for a, d in G.nodes(data=True) if in_scope(G, d["areas"], area)}
    used = set()
    # Regional and supra-regional actors the area's actors refer to, report to, ...
    for u, v, d in G.edges(data=True):
        if d["record"] == "relation" and in_scope(G, d.get("areas") or (), area):
            if u in inside:
                used.add(v)
            if v in inside:
                used.add(u)
    return sorted(inside | used)


def gemeente_map(G: nx.MultiDiGraph, area: str) -> NetworkMap:
    """The sociale kaart of one gemeente (or wijk).

    The actors working in the area (including regional ones and the voorveld) and the
    actors outside it that they have a relation with that holds in the area.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> len(gemeente_map(G, "huizen").nodes) < G.number_of_nodes()
    True
    """
    check_area(G, area)
    actors = _area_actors(G, area)
    name = _area_label(G, area)
    return _map(G, "gemeente", f"Sociale kaart van {name}", f"{len(actors)} actoren", actors)


def team_map(G: nx.MultiDiGraph, team: str) -> NetworkMap:
    """One local team's network in rings: kern, verbonden, buiten around the team.

    See :func:`~zorgnet.graph.analyses.membership.team_network`.
    """
    from zorgnet.graph.analyses.membership import team_network

    network = team_network(G, team)
    rings: dict[str, str] = {team: "team"}
    for ring in _RINGS:
        for member in getattr(network, ring):
            rings.setdefault(member, ring)
    actors = list(rings)
    layers = [[a for a in actors if rings[a] == ring] for ring in _RINGS]
    return _map(
        G,
        "team",
        f"Netwerk van {network.label}",
        "kern, verbonden en buiten: "
        + ", ".join(f"{len(layer)} {ring}" for ring, layer in zip(_RINGS, layers, strict=True)),
        actors,
        rings=rings,
        highlighted=[team],
        positions=ring_positions(team, layers),
    )


def route_map(
    G: nx.MultiDiGraph,
    source: str,
    help_kind: str,
    *,
    gemeente: str | None = None,
    domain: str | None = None,
    level: str | None = None,
    k: int = 3,
) -> NetworkMap:
    """The routes from *source* to *help_kind* drawn on the map, the rest dimmed.

    See :func:`~zorgnet.graph.analyses.routes.referral_routes`; the map is the gemeente
    map (or the region map) plus every actor on a route.
    """
    from zorgnet.graph.analyses.routes import referral_routes

    result = referral_routes(
        G, source, help_kind, gemeente=gemeente, domain=domain, level=level, k=k
    )
    on_route = {a for route in result.routes for a in route.actors}
    edges: set[str] = set()
    for route in result.routes:
        for previous, step in zip(route.steps, route.steps[1:], strict=False):
            if step.relation is not None:
                edges.add(step.relation)
            elif step.kind == "bevat":
                edges.add(f"{step.actor}/is-onderdeel-van/{previous.actor}")
    context = set(_area_actors(G, gemeente) if gemeente else G.nodes)
    where = f" in {_area_label(G, gemeente)}" if gemeente else ""
    help_label = label("HelpKind", help_kind)
    subtitle = (
        f"{len(result.routes)} route(s) naar {help_label}{where}"
        if result.routes
        else result.explanation
    )
    return _map(
        G,
        "route",
        f"Route van {source} naar {help_label}{where}",
        subtitle,
        sorted(context | on_route),
        highlighted=on_route,
        highlighted_edges=edges,
        dim_rest=True,
    )


def ego_map(G: nx.MultiDiGraph, actor: str, depth: int = 1) -> NetworkMap:
    """An actor and its neighbours up to *depth* links away, in either direction."""
    check_actor(G, actor)
    actors = sorted(nx.ego_graph(G.to_undirected(as_view=True), actor, radius=depth))
    return _map(
        G,
        "ego",
        f"Netwerk rond {G.nodes[actor]['label']}",
        f"buren tot {depth} stap(pen): {len(actors)} actoren",
        actors,
        highlighted=[actor],
    )


def signal_flags(G: nx.MultiDiGraph, gemeente: str | None = None) -> dict[str, list[str]]:
    """Per actor, the Dutch signals of the gaps and overlaps analyses that concern it.

    Each signal reads ``"<soort>: <uitleg>"``; the kinds (:data:`SIGNAL_KINDS`) are what the
    page's signal filter offers.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> signal_flags(example_projection())["doorbraaktafel"]  # doctest: +NORMALIZE_WHITESPACE
    ['doodlopend: doorbraaktafel krijgt verwijzingen of meldingen (van buurtteam), maar
      biedt volgens de data zelf geen hulp, heeft geen bevoegdheid en verwijst niet door.']
    """
    from zorgnet.graph.analyses.gaps import coverage, dead_ends, referrer_reach
    from zorgnet.graph.analyses.overlaps import overlaps

    check_area(G, gemeente)
    flags: dict[str, list[str]] = defaultdict(list)
    ends = dead_ends(G)
    for actor in ends.unreachable:
        flags[actor].append(f"onbereikbaar: {ends.reasons[actor]}")
    for actor in ends.dead_ends:
        flags[actor].append(f"doodlopend: {ends.reasons[actor]}")
    gemeenten = [gemeente] if gemeente else list(_gemeenten(G))
    for g in gemeenten:
        for kind, actors in referrer_reach(G, g).unreached.items():
            for actor in actors:
                flags[actor].append(
                    f"geen wettelijk verwijzer: {label('HelpKind', kind)} in "
                    f"{_area_label(G, g)}; geen verwijzer daar bereikt deze aanbieder"
                )
    for cell in coverage(G, gemeenten=gemeenten).cells:
        if cell.state == "alleen-pilot":
            for actor in cell.pilots:
                flags[actor].append(
                    f"alleen pilot: {label('HelpKind', cell.help_kind)} "
                    f"({cell.level}) in {_area_label(G, cell.gemeente)}"
                )
    for overlap in overlaps(G).overlaps:
        # Legal referrers side by side, one organisation's parts, contracted providers:
        # overlaps by design, not a signal.
        if overlap.kind != "zelfde-taak-zonder-afspraak":
            continue
        if gemeente and overlap.area and not in_scope(G, (overlap.area,), gemeente):
            continue
        what = (
            label("Power", overlap.name)
            if overlap.what == "bevoegdheid"
            else label("HelpKind", overlap.name)
        )
        for actor in overlap.actors:
            others = len(overlap.actors) - 1
            flags[actor].append(
                f"overlap: {overlap.what} {what} in "
                f"{_area_label(G, overlap.area) or 'alle gebieden'} "
                f"met {others} andere, zonder afspraak die de taak verdeelt"
            )
    return {a: list(dict.fromkeys(f)) for a, f in sorted(flags.items()) if a in G}


def signal_map(G: nx.MultiDiGraph, gemeente: str | None = None) -> NetworkMap:
    """The gap/overlap view: actors flagged by the analyses highlighted, the rest dimmed."""
    flags = signal_flags(G, gemeente)
    actors = _area_actors(G, gemeente) if gemeente else sorted(G.nodes)
    flagged = [a for a in actors if a in flags]
    where = f" in {_area_label(G, gemeente)}" if gemeente else ""
    return _map(
        G,
        "signalen",
        f"Gaten en overlap{where}",
        f"{len(flagged)} van {len(actors)} actoren met een signaal",
        actors,
        highlighted=flagged,
        flags=flags,
        dim_rest=True,
    )


def with_positions(network: NetworkMap, saved: Positions) -> NetworkMap:
    """*network* with the saved positions where it has them; physics then stays off."""
    return dataclasses.replace(
        network,
        positions={
            **network.positions,
            **{n.id: saved[n.id] for n in network.nodes if n.id in saved},
        },
        physics=False,
    )
