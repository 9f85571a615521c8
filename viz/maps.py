"""The maps: which actors and relations a map shows, what it highlights, where they stand.

Each map is a pure function over the projection (:func:`zorgnet.graph.projection.project`)
returning a frozen :class:`NetworkMap`; :mod:`zorgnet.viz.network` turns it into a pyvis
network and :mod:`zorgnet.viz.render` into a page. The analyses decide what a map shows
and highlights: which actors serve a gemeente comes from
:func:`~zorgnet.graph.analyses._index.scope_set` (the gemeente filter and the gemeente
map), the route map from :func:`~zorgnet.graph.analyses.routes.referral_routes`, the team
map from :func:`~zorgnet.graph.analyses.membership.team_network`, the signal map from the
gaps and overlaps analyses.

The region, gemeente and signal maps have two views (:data:`VIEWS`): the care network, and
the governance bodies, programmes and work groups (*bestuur*) with the actors they are
linked to.

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
>>> region_map(G).nodes[0].category, region_map(G).nodes[0].views
('lokale-teams', ('zorg',))
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from zorgnet.graph.analyses import check_actor, check_area, in_scope, scope_set
from zorgnet.graph.projected import Mandate
from zorgnet.ontology.categories import BESTUUR, CATEGORIES, LAYERS, category_of, layer_of
from zorgnet.ontology.vocabulary import value_label as label
from zorgnet.viz.layout import (
    FONT_SIZE,
    LABEL_WIDTH,
    LARGE_FONT_SIZE,
    LARGE_LABEL_WIDTH,
    Band,
    Cell,
    Positions,
    label_height,
    layered_positions,
    ring_positions,
    route_positions,
)

if TYPE_CHECKING:
    from zorgnet.graph.analyses.scenarios import ScenarioResult

__all__ = [
    "MAP_LABEL_CHARS",
    "SCENARIO_COLOURS",
    "SIGNAL_KINDS",
    "VIEWS",
    "MapEdge",
    "MapNode",
    "NetworkMap",
    "ego_map",
    "gemeente_map",
    "region_map",
    "route_map",
    "scenario_map",
    "signal_flags",
    "signal_map",
    "team_map",
    "with_positions",
]

_RINGS = ("kern", "verbonden", "buiten")
SIGNAL_KINDS = (
    "route onbekend",
    "doodlopend",
    "geen wettelijk verwijzer",
    "alleen pilot",
    "overlap",
)
VIEWS = (("zorg", "Zorgnetwerk"), (BESTUUR, "Bestuur en programma's"))
#: The colours of what a scenario map marks: what goes away red, what comes green (both
#: with a contrast of at least 4.5:1 on white).
SCENARIO_COLOURS = {"verloren": "#c0392b", "nieuw": "#1e7b34"}
# A longer name is cut on the map (at a word) and shown whole in the details and the table.
MAP_LABEL_CHARS = 48
_CATEGORY_ORDER = {c.id: i for i, c in enumerate(CATEGORIES)}
# Up to this many actors a map shows every name at once.
_SMALL_MAP = 40
# Between the care layers and the bestuur layers below them.
_BAND_SPACE = 120.0


@dataclass(frozen=True)
class MapNode:
    """An actor as a map shows it; every text is plain text, escaped by the renderer.

    ``gemeenten`` are the gemeenten the actor serves (an active actor of the gemeente, of
    an area containing it, or of none in particular); ``views`` the views it is part of
    (empty when the map has no views); ``importance`` its number of links on this map;
    ``prominent`` that it is drawn larger, with a label readable when the whole map is in
    view (the best linked sixth, every actor of a small map, and what the map highlights).
    """

    id: str
    label: str
    type: str | None
    type_label: str
    category: str
    layer: str
    scale: str | None
    scale_label: str
    areas: tuple[str, ...]
    gemeenten: tuple[str, ...]
    domains: tuple[str, ...]
    levels: tuple[str, ...]
    description: str
    mandates: tuple[str, ...]
    sources: tuple[str, ...]
    views: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    ring: str | None = None
    highlighted: bool = False
    importance: int = 0
    prominent: bool = False
    mark: str | None = None

    @property
    def font_size(self) -> int:
        """The label's font size in canvas units."""
        return LARGE_FONT_SIZE if self.prominent else FONT_SIZE

    @property
    def label_width(self) -> int:
        """How wide the label may be (canvas units) before it wraps."""
        return LARGE_LABEL_WIDTH if self.prominent else LABEL_WIDTH

    @property
    def map_label(self) -> str:
        """The name as drawn on the map: cut at a word after MAP_LABEL_CHARS characters."""
        if len(self.label) <= MAP_LABEL_CHARS:
            return self.label
        cut = self.label[:MAP_LABEL_CHARS].rsplit(" ", 1)[0]
        return cut.rstrip(" ,;:(") + " …"


@dataclass(frozen=True)
class MapEdge:
    """A relation, membership or part-of link between two actors on the map; ``mark`` is
    what a scenario does to it (a key of :data:`SCENARIO_COLOURS`), else None."""

    id: str
    source: str
    target: str
    kind: str
    kind_label: str
    sources: tuple[str, ...]
    highlighted: bool = False
    mark: str | None = None


@dataclass(frozen=True)
class NetworkMap:
    """What one page shows.

    ``positions`` hold every node (the map is drawn without physics); ``bands`` where each
    layer lies, for its name; ``views`` the views the page offers, the first shown first;
    ``dim_rest`` that what is not highlighted is drawn pale (route, signals).
    """

    kind: str
    title: str
    subtitle: str
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    positions: Positions
    bands: tuple[Band, ...]
    views: tuple[tuple[str, str], ...]
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


def _actor_label(G: nx.MultiDiGraph, actor: str) -> str:
    """An actor's label, or the label of the actor type a route question may name."""
    return G.nodes[actor]["label"] if actor in G else label("ActorType", actor)


def _views(G: nx.MultiDiGraph, actors: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Per actor, the views it is in: bestuur actors and their direct neighbours in the
    bestuur view, every other actor in the care view."""
    actors = list(actors)
    bestuur = {
        a for a in actors if category_of(G.nodes[a]["type"], G.nodes[a]["offers"]).id == BESTUUR
    }
    linked = {n for a in bestuur for n in nx.all_neighbors(G, a)} - bestuur
    return {
        a: (BESTUUR,) if a in bestuur else (("zorg", BESTUUR) if a in linked else ("zorg",))
        for a in actors
    }


def _nodes(
    G: nx.MultiDiGraph,
    actors: Iterable[str],
    *,
    highlighted: Iterable[str] = (),
    flags: Mapping[str, Iterable[str]] | None = None,
    rings: Mapping[str, str] | None = None,
    views: Mapping[str, tuple[str, ...]] | None = None,
) -> tuple[MapNode, ...]:
    gemeenten = _gemeenten(G)
    served = {g: scope_set(G, g) for g in gemeenten}
    mandates = _mandates_by_holder(G)
    lit = set(highlighted)
    nodes = []
    for actor in actors:
        d = G.nodes[actor]
        cat = category_of(d["type"], d["offers"])
        nodes.append(
            MapNode(
                id=actor,
                label=d["label"],
                type=d["type"],
                type_label=label("ActorType", d["type"]),
                category=cat.id,
                layer=layer_of(cat, d["scale"]),
                scale=d["scale"],
                scale_label=label("Scale", d["scale"]),
                areas=tuple(_area_label(G, a) for a in d["areas"]),
                gemeenten=tuple(g for g in gemeenten if actor in served[g]),
                domains=tuple(d["domains"]),
                levels=tuple(d["levels"]),
                description=d.get("description") or "",
                mandates=tuple(_mandate_text(G, m) for m in mandates.get(actor, ())),
                sources=tuple(d["sources"]),
                views=(views or {}).get(actor, ()),
                flags=tuple((flags or {}).get(actor, ())),
                ring=(rings or {}).get(actor),
                highlighted=actor in lit,
            )
        )
    return tuple(nodes)


def _edges(
    G: nx.MultiDiGraph, actors: set[str], highlighted: Iterable[str] = ()
) -> tuple[MapEdge, ...]:
    lit = set(highlighted)
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
                    key in lit,
                )
            )
    return tuple(edges)


def _layered(nodes: tuple[MapNode, ...]) -> tuple[Positions, tuple[Band, ...]]:
    """Layers from :mod:`~zorgnet.ontology.categories`; in a layer by category, area and name.

    The care layers are sized for themselves, the bestuur layers below them for
    themselves, so that the care view (shown first) fills the screen.
    """
    by_layer: dict[str, list[MapNode]] = defaultdict(list)
    for node in nodes:
        by_layer[node.layer].append(node)

    def layers(bestuur: bool) -> list[tuple[str, list[tuple[str, float]]]]:
        found = []
        for layer, _ in LAYERS:
            if layer.startswith(f"{BESTUUR}-") != bestuur:
                continue
            members = sorted(
                by_layer.get(layer, ()),
                key=lambda n: (_CATEGORY_ORDER[n.category], n.areas, n.label.casefold(), n.id),
            )
            found.append(
                (
                    layer,
                    [
                        Cell(
                            n.id, label_height(n.map_label, prominent=n.prominent), 1 + n.prominent
                        )
                        for n in members
                    ],
                )
            )
        return found

    positions, bands = layered_positions(layers(bestuur=False))
    below = max((band.bottom for band in bands), default=0.0) + 2 * _BAND_SPACE
    more, more_bands = layered_positions(layers(bestuur=True), top=below)
    return {**positions, **more}, bands + more_bands


def _prominent(
    nodes: tuple[MapNode, ...], edges: tuple[MapEdge, ...], *, dim_rest: bool
) -> tuple[MapNode, ...]:
    """*nodes* with their importance (links on the map) and whether they stand out.

    On a small map every actor stands out (every name readable at once), unless the map
    dims what it does not highlight: then the rest is context.
    """
    degree: dict[str, int] = defaultdict(int)
    for edge in edges:
        degree[edge.source] += 1
        degree[edge.target] += 1
    ranked = sorted((degree[n.id] for n in nodes), reverse=True)
    threshold = max(3, ranked[len(ranked) // 6] if ranked else 0)
    if len(nodes) <= _SMALL_MAP and not dim_rest:
        threshold = 0
    return tuple(
        dataclasses.replace(
            n, importance=degree[n.id], prominent=n.highlighted or degree[n.id] >= threshold
        )
        for n in nodes
    )


def _map(
    G: nx.MultiDiGraph,
    kind: str,
    title: str,
    subtitle: str,
    actors: list[str],
    *,
    with_views: bool = False,
    highlighted: Iterable[str] = (),
    highlighted_edges: Iterable[str] = (),
    flags: Mapping[str, Iterable[str]] | None = None,
    dim_rest: bool = False,
    rings: Mapping[str, str] | None = None,
    positions: Positions | None = None,
) -> NetworkMap:
    views = _views(G, actors) if with_views else None
    nodes = _nodes(G, actors, highlighted=highlighted, flags=flags, rings=rings, views=views)
    edges = _edges(G, set(actors), highlighted_edges)
    nodes = _prominent(nodes, edges, dim_rest=dim_rest)
    bands: tuple[Band, ...] = ()
    if positions is None:
        positions, bands = _layered(nodes)
    return NetworkMap(
        kind,
        title,
        subtitle,
        nodes,
        edges,
        positions,
        bands,
        VIEWS if with_views else (),
        dim_rest,
        _gemeenten(G),
    )


def _view_counts(network: NetworkMap) -> str:
    """What each view shows, as the map counts it: the care view's actors, and the
    bestuur view's governance bodies with the actors they are linked to."""
    care = sum("zorg" in n.views for n in network.nodes)
    shown = sum(BESTUUR in n.views for n in network.nodes)
    bestuur = sum(n.category == BESTUUR for n in network.nodes)
    return (
        f"Weergave {VIEWS[0][1]}: {care} actoren. Weergave {VIEWS[1][1]}: {shown} actoren, "
        f"{bestuur} besturen, programma's en werkgroepen en {shown - bestuur} actoren "
        "waarmee ze verbonden zijn."
    )


def region_map(G: nx.MultiDiGraph, *, title: str = "Sociale kaart van de regio") -> NetworkMap:
    """Every actor of the projection and every link between them, in layers.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> m = region_map(G)
    >>> (len(m.nodes), len(m.edges)) == (G.number_of_nodes(), G.number_of_edges())
    True
    """
    network = _map(G, "regio", title, "", sorted(G.nodes), with_views=True)
    return dataclasses.replace(network, subtitle=_view_counts(network))


def _area_actors(G: nx.MultiDiGraph, area: str) -> list[str]:
    """The actors that serve *area*, and those their relations there lead to or come from."""
    inside = scope_set(G, area)
    used = set()
    for u, v, d in G.edges(data=True):
        if d["record"] == "relation" and in_scope(G, d.get("areas") or (), area):
            if u in inside:
                used.add(v)
            if v in inside:
                used.add(u)
    return sorted(inside | used)


def gemeente_map(G: nx.MultiDiGraph, area: str) -> NetworkMap:
    """The sociale kaart of one gemeente (or wijk).

    The actors that serve the area (its own, the regional ones, the voorveld) and the
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
    network = _map(G, "gemeente", f"Sociale kaart van {name}", "", actors, with_views=True)
    return dataclasses.replace(network, subtitle=_area_counts(network, scope_set(G, area), name))


def _area_counts(network: NetworkMap, inside: Collection[str], name: str) -> str:
    """What each view of a gemeente's map shows, counted as the gemeente's page counts:
    its own actors (those the page lists) apart from those outside it that they have a
    relation with there, so that the page's numbers are found on the map."""
    own = [n for n in network.nodes if n.id in inside]
    outside = [n for n in network.nodes if n.id not in inside]

    def care(nodes: list[MapNode]) -> int:
        return sum("zorg" in n.views for n in nodes)

    def bodies(nodes: list[MapNode]) -> int:
        return sum(n.category == BESTUUR for n in nodes)

    linked = sum(BESTUUR in n.views for n in network.nodes) - bodies(network.nodes)
    return (
        f"{len(own)} actoren van {name} en {len(outside)} daarbuiten waarmee ze in {name} "
        "een verbinding hebben. "
        f"Weergave {VIEWS[0][1]}: {care(own)} actoren van {name} en {care(outside)} "
        f"daarbuiten. Weergave {VIEWS[1][1]}: {bodies(own)} besturen, programma's en "
        f"werkgroepen van {name} en {bodies(outside)} daarbuiten, met {linked} actoren "
        "waarmee ze verbonden zijn."
    )


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
    around = sum(len(layer) for layer in layers)
    return _map(
        G,
        "team",
        f"Netwerk van {network.label}",
        ", ".join(f"{len(layer)} {ring}" for ring, layer in zip(_RINGS, layers, strict=True))
        + f": {around} actoren rond het team, en {network.label} zelf in het midden",
        actors,
        rings=rings,
        highlighted=[team],
        positions=ring_positions(team, layers),
    )


def _route_edges(routes: Iterable) -> set[str]:
    edges: set[str] = set()
    for route in routes:
        for previous, step in zip(route.steps, route.steps[1:], strict=False):
            if step.relation is not None:
                edges.add(step.relation)
            elif step.kind == "bevat":
                edges.add(f"{step.actor}/is-onderdeel-van/{previous.actor}")
    return edges


def route_map(
    G: nx.MultiDiGraph,
    source: str,
    help_kind: str,
    *,
    gemeente: str | None = None,
    domain: str | None = None,
    level: str | None = None,
    k: int = 5,
) -> NetworkMap:
    """The routes from *source* to *help_kind* drawn large, with only their neighbours.

    The best route runs left to right, the alternatives' other actors below it; above
    each step the actors directly linked to it that serve the gemeente (governance
    bodies and programmes left out), drawn pale. See
    :func:`~zorgnet.graph.analyses.routes.referral_routes`; *k* is its number of routes,
    the same default as the route page and ``zorgnet route``.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> m = route_map(example_projection(), "huisarts", "jeugd-ggz", gemeente="hilversum")
    >>> m.subtitle
    '1 route naar jeugd-GGZ in Hilversum'
    >>> sorted(n.id for n in m.nodes if not n.highlighted)
    ['buurtteam', 'gemeente-hilversum', 'poh-jeugd', 'school']
    """
    from zorgnet.graph.analyses.routes import referral_routes

    result = referral_routes(
        G, source, help_kind, gemeente=gemeente, domain=domain, level=level, k=k
    )
    steps = [list(dict.fromkeys(route.actors)) for route in result.routes]
    on_route = {a for route in steps for a in route}
    serving = scope_set(G, gemeente) if gemeente else set(G.nodes)
    neighbours: dict[str, list[str]] = {}
    for actor in dict.fromkeys(a for route in steps for a in route):
        near = {
            n
            for n in nx.all_neighbors(G, actor)
            if n not in on_route
            and n in serving
            and category_of(G.nodes[n]["type"], G.nodes[n]["offers"]).id != BESTUUR
        }
        neighbours[actor] = sorted(near, key=lambda n: (G.nodes[n]["label"].casefold(), n))
    actors = sorted(on_route | {n for near in neighbours.values() for n in near})
    where = f" in {_area_label(G, gemeente)}" if gemeente else ""
    help_label = label("HelpKind", help_kind)
    count = len(result.routes)
    subtitle = (
        f"{count} {'route' if count == 1 else 'routes'} naar {help_label}{where}"
        if result.routes
        else result.explanation
    )
    return _map(
        G,
        "route",
        f"Route van {_actor_label(G, source)} naar {help_label}{where}",
        subtitle,
        actors,
        highlighted=on_route,
        highlighted_edges=_route_edges(result.routes),
        dim_rest=True,
        positions=route_positions(steps, neighbours),
    )


def ego_map(G: nx.MultiDiGraph, actor: str, depth: int = 1) -> NetworkMap:
    """An actor and its neighbours up to *depth* links away, in either direction."""
    check_actor(G, actor)
    actors = sorted(nx.ego_graph(G.to_undirected(as_view=True), actor, radius=depth))
    return _map(
        G,
        "ego",
        f"Netwerk rond {G.nodes[actor]['label']}",
        f"buren tot {depth} {'stap' if depth == 1 else 'stappen'}: {len(actors)} actoren",
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
      biedt volgens de bronnen zelf geen hulp, heeft geen bevoegdheid en verwijst niet door.']
    """
    from zorgnet.graph.analyses.gaps import coverage, dead_ends, referrer_reach
    from zorgnet.graph.analyses.overlaps import overlaps

    check_area(G, gemeente)
    flags: dict[str, list[str]] = defaultdict(list)
    ends = dead_ends(G)
    for actor in ends.unreachable:
        flags[actor].append(f"route onbekend: {ends.reasons[actor]}")
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
                    f"({label('SupportLevel', cell.level)}) in {_area_label(G, cell.gemeente)}"
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
        with_views=True,
        highlighted=flagged,
        flags=flags,
        dim_rest=True,
    )


def scenario_map(
    G: nx.MultiDiGraph,
    result: ScenarioResult,
    *,
    added: nx.MultiDiGraph | None = None,
    gemeente: str | None = None,
) -> NetworkMap:
    """What a scenario changes, on the map: what goes away red, what comes green.

    The actors the scenario takes out or cuts off are red, the actors it adds green;
    the relations that go with them, and the steps of the routes it loses, red; the
    relations it adds and the steps of new or other routes, green. Beside them, pale,
    the actors directly linked to those (in *gemeente*, governance bodies left out).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection before the scenario.
    result : ScenarioResult
        :func:`~zorgnet.graph.analyses.scenarios.compare` of the scenario on *G*.
    added : networkx.MultiDiGraph, optional
        The projection with the scenario's records added, when it adds any.
    gemeente : str, optional
        Only what changes in this gemeente, and the actors that serve it.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> from zorgnet.graph.analyses.scenarios import Scenario, compare
    >>> G = example_projection()
    >>> result = compare(G, Scenario(without_actors=("huisarts",)))
    >>> m = scenario_map(G, result, gemeente="hilversum")
    >>> [(n.id, n.mark) for n in m.nodes if n.mark]
    [('huisarts', 'verloren')]
    >>> sorted((e.id, e.mark) for e in m.edges if e.mark)[:2]
    [('buurtteam-verwijst-gemeente', 'nieuw'), ('gemeente-verwijst-ggz', 'nieuw')]
    """
    base = added if added is not None else G
    check_area(base, gemeente)
    impacts = [g for g in result.gemeenten if gemeente in (None, g.gemeente)]
    marks: dict[str, str] = dict.fromkeys(result.lost_actors, "verloren")
    marks.update(dict.fromkeys((c.actor for g in impacts for c in g.cut_off), "verloren"))
    marks.update(dict.fromkeys(result.new_actors, "nieuw"))
    edge_marks = dict.fromkeys(result.new_relations, "nieuw")
    edge_marks.update(dict.fromkeys(result.lost_relations, "verloren"))
    index = {k: (u, v) for u, v, k in base.edges(keys=True) if k in edge_marks}
    involved = set(marks) | {a for u, v in index.values() for a in (u, v)}
    serving = scope_set(base, gemeente) if gemeente else set(base.nodes)
    near = {
        n
        for actor in involved
        for n in nx.all_neighbors(base, actor)
        if n in serving
        and category_of(base.nodes[n]["type"], base.nodes[n]["offers"]).id != BESTUUR
    }
    actors = sorted(involved | near)
    network = _map(
        base,
        "scenario",
        f"Wat als: {result.title}",
        f"{len(marks)} actoren en {len(edge_marks)} verbindingen veranderen"
        + (f" in {_area_label(base, gemeente)}" if gemeente else ""),
        actors,
        highlighted=involved,
        highlighted_edges=index,
        dim_rest=True,
    )
    return dataclasses.replace(
        network,
        nodes=tuple(dataclasses.replace(n, mark=marks.get(n.id)) for n in network.nodes),
        edges=tuple(dataclasses.replace(e, mark=edge_marks.get(e.id)) for e in network.edges),
    )


def with_positions(network: NetworkMap, saved: Positions) -> NetworkMap:
    """*network* with the saved positions where it has them."""
    return dataclasses.replace(
        network,
        positions={
            **network.positions,
            **{n.id: saved[n.id] for n in network.nodes if n.id in saved},
        },
    )
