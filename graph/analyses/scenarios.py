"""Scenarios ("wat als"): what changes in the network if actors or mandates go away.

A scenario names actors and mandates to take out (a pilot that stops, a provider that
leaves after re-tendering, a regional instrument that is not confirmed) and, through
:mod:`zorgnet.core.scenarios`, data files with records to add. It is computed on a copy
of the projection (:func:`apply_scenario`): the store and the shared projection never
see it. :func:`compare` asks the same analyses of the projection before and after
(:func:`~zorgnet.graph.analyses.routes.referral_routes`,
:func:`~zorgnet.graph.analyses.gaps.referrer_reach`,
:func:`~zorgnet.graph.analyses.gaps.coverage`,
:func:`~zorgnet.graph.analyses.membership.team_network`, and betweenness and
articulation points as :func:`~zorgnet.graph.analyses.brokers.brokers` computes them)
and reports, per gemeente and kind of help, what differs, with the sources of what
changed.

Which route questions
---------------------
Per gemeente, each kind of help from each of :data:`ROUTE_STARTS`: the best route of
each. Only the gemeenten in which something the scenario changes holds are asked; of
those, only the questions whose route before touches a changed actor are asked again on
the copy, since taking something out cannot make an untouched best route better, except
a mandate that opens contracted care (who is a legal referrer changes the steps a
toegang takes on a gemeente's behalf): then, as with records added, every question is
asked again. The answers before are kept with the shared projection
(:func:`~zorgnet.graph.analyses._common.memo`), so a second scenario on the same data
asks only the copy. :func:`prepare_scenarios` computes them all beforehand, so that
the first scenario on new data does not wait for them either (a web app's warm-up,
:meth:`zorgnet.graph.projection_cache.ProjectionCache.warm_scenarios`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from zorgnet.graph.analyses._common import check_actor, in_scope, memo
from zorgnet.graph.analyses._index import scope_set
from zorgnet.graph.analyses._labels import actor_label, area_labels, class_label, concept_label
from zorgnet.graph.analyses.brokers import EXACT_LIMIT, SAMPLES, SEED, _relations
from zorgnet.graph.analyses.gaps import (
    STATE_MEANINGS,
    Coverage,
    FrameworkCoverage,
    coverage,
    framework_coverage,
    referrer_reach,
)
from zorgnet.graph.analyses.membership import team_network
from zorgnet.graph.analyses.routes import Route, RouteResult, providers, referral_routes
from zorgnet.graph.internals import GraphDicts, dicts_of, graph_of
from zorgnet.ontology.exceptions import UnknownName, ZorgnetError
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import vocabulary

__all__ = [
    "BROKER_THRESHOLD",
    "ROUTE_CHANGES",
    "ROUTE_STARTS",
    "BrokerChange",
    "CoverageChange",
    "CutOff",
    "FrameworkChange",
    "GemeenteImpact",
    "LinkChange",
    "MembershipChange",
    "ReachChange",
    "RouteChange",
    "Scenario",
    "ScenarioRecord",
    "ScenarioResult",
    "apply_scenario",
    "check_scenario",
    "compare",
    "prepare_scenarios",
]

#: The kinds of actor the route questions start from: an inhabitant on their own, and
#: the usual referrers and signallers around a child (GP, school, youth doctor, POH).
ROUTE_STARTS = ("inwoner", "huisarts", "school", "jeugdarts", "poh-jeugd")

#: How the best route of a question changes, with the Dutch label.
ROUTE_CHANGES = {
    "verloren": "route verloren",
    "zonder-verwijzer": "geen wettelijk verwijzer meer op de route",
    "langer": "route wordt langer of omslachtiger",
    "andere-verwijzer": "andere verwijzer",
    "andere-weg": "andere weg, even lang",
    "korter": "route wordt korter of directer",
    "nieuw": "nieuwe route",
}

#: The smallest change in betweenness (a share of the shortest paths, 0-1) reported as
#: a broker gaining or losing: smaller shifts are the noise of any change.
BROKER_THRESHOLD = 0.01


@dataclass(frozen=True)
class Scenario:
    """A "wat als": actors and mandates taken out, data files with records added.

    Attributes
    ----------
    name : str
        The scenario's name, as its user gives it ("POH-jeugd Gooise Meren stopt").
    without_actors : tuple of str
        Actor ids to take out, with their relations, memberships and mandates.
    without_mandates : tuple of str
        Mandate ids to take out.
    with_records : tuple of str
        Paths of data files (the data format, checked like any data) whose records
        are added; :func:`zorgnet.core.scenarios.added_projection` reads them.
    """

    name: str = ""
    without_actors: tuple[str, ...] = ()
    without_mandates: tuple[str, ...] = ()
    with_records: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether the scenario changes nothing."""
        return not (self.without_actors or self.without_mandates or self.with_records)


@dataclass(frozen=True)
class ScenarioRecord:
    """A record the scenario takes out or adds, with its Dutch label and sources.

    ``help_labels`` are, for an actor taken out, the kinds of help it counts for as a
    provider (:func:`~zorgnet.graph.analyses.routes.providers`, anywhere in the data):
    empty when the seeds do not say what help it gives; None for other records.
    """

    id: str
    kind: str
    label: str
    sources: tuple[str, ...]
    help_labels: tuple[str, ...] | None = None


@dataclass(frozen=True)
class RouteChange:
    """How the best route of one question (gemeente, kind of help, start) changes.

    ``before`` and ``after`` tell the route in Dutch (its actors, with who opens the
    gate), empty where there is none; ``lost_relations`` and ``new_relations`` are the
    relation ids on one route and not on the other; ``sources`` those of both routes.
    """

    gemeente: str
    help_kind: str
    help_label: str
    start: str
    start_label: str
    change: str
    change_label: str
    before: str
    after: str
    before_referrer: str
    after_referrer: str
    lost_relations: tuple[str, ...]
    new_relations: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ReachChange:
    """Indicated help that no legal referrer reaches any more (``onbereikbaar``), or
    reaches again (``bereikbaar``), with the providers behind it."""

    gemeente: str
    help_kind: str
    help_label: str
    change: str
    change_label: str
    providers: tuple[str, ...]
    provider_labels: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class CoverageChange:
    """A kind of help whose state (:data:`~zorgnet.graph.analyses.gaps.STATES`) changes."""

    gemeente: str
    help_kind: str
    help_label: str
    before: str
    after: str
    before_label: str
    after_label: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class FrameworkChange:
    """A VNG basisfunctie or propositie whose serving actors or arrangements change.

    ``before`` and ``after`` are the labels of what serves it (empty: the seeds then
    describe nobody for it, ``niet-beschreven``), ``lost`` and ``gained`` the labels
    of what serves it before and not after, and after and not before.
    """

    gemeente: str
    concept: str
    concept_label: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    state_before: str
    state_after: str
    sources: tuple[str, ...]

    @property
    def lost(self) -> tuple[str, ...]:
        """What serves the concept before and not after."""
        return tuple(label for label in self.before if label not in self.after)

    @property
    def gained(self) -> tuple[str, ...]:
        """What serves the concept after and not before."""
        return tuple(label for label in self.after if label not in self.before)


@dataclass(frozen=True)
class LinkChange:
    """A relation that goes with an actor the scenario takes out, or that it adds."""

    relation: str
    source: str
    source_label: str
    kind: str
    kind_label: str
    target: str
    target_label: str
    change: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class CutOff:
    """An actor connected to the gemeente's network before, cut off from it after."""

    actor: str
    label: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class MembershipChange:
    """A team membership that drops (``vervalt``) or comes (``nieuw``); ``status`` is
    its place (kern, verbonden, buiten), ``record_status`` the membership's own status
    where the record gives one (``gepland`` for a network still to be built)."""

    membership: str
    team: str
    team_label: str
    member: str
    member_label: str
    status: str
    status_label: str
    change: str
    sources: tuple[str, ...]
    record_status: str | None = None


@dataclass(frozen=True)
class BrokerChange:
    """An actor whose place as a broker in the gemeente's network changes.

    ``betweenness_before`` and ``betweenness_after`` are shares (0-1) of the shortest
    paths through it; ``change`` is ``wint`` or ``verliest``, ``articulation_before``
    and ``articulation_after`` whether it alone holds parts of the network together.
    """

    actor: str
    label: str
    betweenness_before: float
    betweenness_after: float
    articulation_before: bool
    articulation_after: bool
    change: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class GemeenteImpact:
    """What the scenario changes in one gemeente."""

    gemeente: str
    label: str
    routes: tuple[RouteChange, ...]
    unreached: tuple[ReachChange, ...]
    coverage: tuple[CoverageChange, ...]
    framework: tuple[FrameworkChange, ...]
    cut_off: tuple[CutOff, ...]
    memberships: tuple[MembershipChange, ...]
    brokers: tuple[BrokerChange, ...]
    sources: tuple[str, ...]

    @property
    def changed(self) -> bool:
        """Whether anything changes here."""
        return bool(
            self.routes
            or self.unreached
            or self.coverage
            or self.framework
            or self.cut_off
            or self.memberships
            or self.brokers
        )


@dataclass(frozen=True)
class ScenarioResult:
    """The answer to "wat als": per gemeente what changes, and what the scenario changed.

    ``gemeenten`` holds every gemeente in which something the scenario changes holds
    (in the order of their labels), also those where nothing follows from it;
    ``links`` the relations that go with the actors taken out or come with the records
    added; ``lost_relations``/``new_relations`` (the relations on the routes lost and
    new, and of ``links``) and ``lost_actors``/``new_actors`` are what a map draws red
    and green; ``title`` says the scenario in Dutch; ``questions`` is how many route
    questions were asked again.
    """

    scenario: Scenario
    title: str
    removed_actors: tuple[ScenarioRecord, ...]
    removed_mandates: tuple[ScenarioRecord, ...]
    added: tuple[ScenarioRecord, ...]
    links: tuple[LinkChange, ...]
    gemeenten: tuple[GemeenteImpact, ...]
    lost_relations: tuple[str, ...]
    new_relations: tuple[str, ...]
    new_actors: tuple[str, ...]
    sources: tuple[str, ...]
    questions: int = field(default=0)

    @property
    def lost_actors(self) -> tuple[str, ...]:
        """The actors the scenario takes out."""
        return tuple(r.id for r in self.removed_actors)

    @property
    def changed(self) -> tuple[GemeenteImpact, ...]:
        """The gemeenten where something changes."""
        return tuple(g for g in self.gemeenten if g.changed)

    @property
    def route_totals(self) -> tuple[tuple[str, int, int], ...]:
        """Per kind of route change (:data:`ROUTE_CHANGES` order): its Dutch label, how
        many routes change so in all gemeenten, and in how many gemeenten."""
        totals = []
        for change, label in ROUTE_CHANGES.items():
            counts = [sum(c.change == change for c in g.routes) for g in self.gemeenten]
            if sum(counts):
                totals.append((label, sum(counts), sum(n > 0 for n in counts)))
        return tuple(totals)

    @property
    def unreached_help(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The kinds of help that no legal referrer reaches any more, each with the
        gemeenten where (their labels), by the help's label."""
        where: dict[str, list[str]] = {}
        for g in self.gemeenten:
            for c in g.unreached:
                if c.change == "onbereikbaar":
                    where.setdefault(c.help_label, []).append(g.label)
        return tuple((help_label, tuple(labels)) for help_label, labels in sorted(where.items()))


def check_scenario(G: nx.MultiDiGraph, scenario: Scenario) -> Scenario:
    """*scenario* if every actor and mandate it names is in *G*; else raise ``UnknownName``.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> check_scenario(example_projection(), Scenario(without_actors=("poh-jeugd",))).name
    ''
    >>> check_scenario(example_projection(), Scenario(without_mandates=("huisarts-verwijs",)))
    Traceback (most recent call last):
    ...
    zorgnet.ontology.exceptions.UnknownName: Onbekende bevoegdheid: 'huisarts-verwijs'. ...
    """
    for actor in scenario.without_actors:
        check_actor(G, actor)
    known = {m.id for m in G.graph["mandates"]}
    for mandate in scenario.without_mandates:
        if mandate not in known:
            import difflib

            close = difflib.get_close_matches(mandate, sorted(known), n=3, cutoff=0.5)
            raise UnknownName("bevoegdheid", mandate, close)
    return scenario


def apply_scenario(
    G: nx.MultiDiGraph, scenario: Scenario, *, added: nx.MultiDiGraph | None = None
) -> nx.MultiDiGraph:
    """The projection as it would be in *scenario*: a frozen copy, *G* left as it is.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection (shared; it is not changed).
    scenario : Scenario
        What to take out (and add).
    added : networkx.MultiDiGraph, optional
        The projection with the scenario's records added
        (:func:`zorgnet.core.scenarios.added_projection`); needed when the scenario
        has ``with_records``, and then taken out of instead of *G*.

    Returns
    -------
    networkx.MultiDiGraph
        Without the actors (and their relations, memberships, part-of links and
        mandates) and the mandates of the scenario, with an empty memo of its own.
        Untouched actors share their dictionaries with *G* (both are frozen).

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> H = apply_scenario(G, Scenario(without_actors=("poh-jeugd",)))
    >>> "poh-jeugd" in H, "poh-jeugd" in G
    (False, True)
    >>> sorted(v for _, v in H.out_edges("huisarts"))
    ['ggz-aanbieder']
    """
    if scenario.with_records and added is None:
        raise ZorgnetError(
            "Dit scenario voegt registraties toe (met): lees die eerst in met "
            "zorgnet.core.scenarios.added_projection."
        )
    base = added if added is not None else G
    check_scenario(base, scenario)
    gone = set(scenario.without_actors)
    H = _without_actors(base, gone)
    dropped = set(scenario.without_mandates)
    mandates = tuple(
        m for m in base.graph["mandates"] if m.holder not in gone and m.id not in dropped
    )
    memberships = tuple(
        m for m in base.graph["memberships"] if m.team not in gone and m.member not in gone
    )
    kept = {m.id for m in mandates} | {m.id for m in memberships} | set(H) | _edge_keys(H)
    records = {
        i: r
        for i, r in base.graph["records"].items()
        if i in kept or r.kind not in ("Actor", "Relation", "Mandate", "Membership")
    }
    H.graph.update(base.graph)
    H.graph.update(mandates=mandates, memberships=memberships, records=records, memo={})
    return nx.freeze(H)


def _without_actors(G: nx.MultiDiGraph, gone: set[str]) -> nx.MultiDiGraph:
    """*G* without the actors *gone*: new dictionaries only where they were neighbours."""
    old = dicts_of(G)
    nodes = {n: d for n, d in old.nodes.items() if n not in gone}
    succ = {n: old.succ[n] for n in nodes}
    pred = {n: old.pred[n] for n in nodes}
    for actor in gone:
        for v in old.succ[actor]:
            if v in nodes:
                pred[v] = {u: keys for u, keys in pred[v].items() if u not in gone}
        for u in old.pred[actor]:
            if u in nodes:
                succ[u] = {v: keys for v, keys in succ[u].items() if v not in gone}
    return graph_of(GraphDicts(nodes, succ, pred))


def _edge_keys(G: nx.MultiDiGraph) -> set[str]:
    return {k for _, _, k in G.edges(keys=True)}


# -- what the scenario touches ---------------------------------------------------------


def _touched(G: nx.MultiDiGraph, H: nx.MultiDiGraph, scenario: Scenario) -> set[str]:
    """The actors whose place in the network the scenario changes."""
    touched = set(scenario.without_actors)
    dropped = set(scenario.without_mandates)
    touched.update(m.holder for m in G.graph["mandates"] if m.id in dropped)
    if scenario.with_records:
        touched.update(n for n in H if n not in G or H.nodes[n] is not G.nodes[n])
        before = {k: (u, v) for u, v, k in G.edges(keys=True)}
        for u, v, k in H.edges(keys=True):
            if before.get(k) != (u, v) or H.edges[u, v, k] is not G.edges[u, v, k]:
                touched.update((u, v))
        old = set(G.graph["mandates"])
        touched.update(m.holder for m in H.graph["mandates"] if m not in old)
        old_members = set(G.graph["memberships"])
        for m in H.graph["memberships"]:
            if m not in old_members:
                touched.update((m.team, m.member))
    return touched


def _gate_changes(G: nx.MultiDiGraph, scenario: Scenario) -> bool:
    """Whether the scenario takes out a mandate that opens contracted care.

    Who is a legal referrer decides which steps a gemeente's toegang takes on its
    behalf (:func:`~zorgnet.graph.analyses.routes.route_graph`): without one, a route
    elsewhere can become shorter, so every question must be asked again.
    """
    gone = set(scenario.without_actors)
    dropped = set(scenario.without_mandates)
    return any(
        m.opens_contracted_care and (m.id in dropped or m.holder in gone)
        for m in G.graph["mandates"]
    )


def _gemeenten(G: nx.MultiDiGraph) -> list[str]:
    areas = G.graph["areas"]
    return sorted((a for a in areas.values() if a.type == "gemeente"), key=lambda a: a.label)


def _affected(G: nx.MultiDiGraph, H: nx.MultiDiGraph, touched: set[str]) -> list[str]:
    """The gemeenten in which a touched actor holds, before or after."""
    return [
        a.id
        for a in _gemeenten(G)
        if not touched.isdisjoint(scope_set(G, a.id))
        or (H is not G and not touched.isdisjoint(scope_set(H, a.id)))
    ]


# -- routes ----------------------------------------------------------------------------


def _questions(
    G: nx.MultiDiGraph, gemeente: str, starts: tuple[str, ...]
) -> dict[tuple[str, str], RouteResult]:
    """(help kind, start) → the best route of the question in *gemeente*."""
    kinds = vocabulary().notations(ZN.HelpKind)
    present = {d["type"] for _, d in G.nodes(data=True)} | set(G)
    return {
        (kind, start): referral_routes(G, start, kind, gemeente=gemeente, k=1)
        for kind in kinds
        for start in starts
        if start in present
    }


def _answers_before(
    G: nx.MultiDiGraph, gemeente: str, starts: tuple[str, ...]
) -> dict[tuple[str, str], RouteResult]:
    """The route answers of *G*, kept with the projection for the next scenario."""
    return memo(G, ("scenario-routes", gemeente, starts), lambda: _questions(G, gemeente, starts))


def _route_actors(G: nx.MultiDiGraph, result: RouteResult) -> set[str]:
    """Every actor the answer rests on: the steps, who decides, and the parts through
    which the last step gives the help with every whole between them and it."""
    found: set[str] = set()
    for route in (*result.routes, *result.without_decider):
        found.update(route.actors)
        found.update(s.decider.actor for s in route.steps if s.decider)
        wholes = list(route.provider_parts)
        while wholes:
            part = wholes.pop()
            if part not in found and part in G:
                found.add(part)
                wholes.extend(G.nodes[part]["part_of"])
    return found


def _relations_of(route: Route | None) -> tuple[str, ...]:
    if route is None:
        return ()
    return tuple(s.relation for s in route.steps if s.relation)


def _told(route: Route | None) -> str:
    if route is None:
        return ""
    way = " → ".join(s.label for s in route.steps)
    if route.decider is not None:
        return f"{way} (verwijzer: {route.decider.label})"
    return way


def _referrer(route: Route | None) -> str:
    return route.decider.label if route is not None and route.decider is not None else ""


def _route_change(before: Route | None, after: Route | None) -> str | None:
    if before is None:
        return "nieuw" if after is not None else None
    if after is None:
        return "verloren"
    if before.gate_open and not after.gate_open:
        return "zonder-verwijzer"
    if after.cost > before.cost:
        return "langer"
    if after.cost < before.cost:
        return "korter"
    if after.referrer != before.referrer:
        return "andere-verwijzer"
    if after.actors != before.actors:
        return "andere-weg"
    return None


def _route_changes(
    G: nx.MultiDiGraph,
    H: nx.MultiDiGraph,
    gemeente: str,
    starts: tuple[str, ...],
    touched: set[str],
    everything: bool,
) -> tuple[list[RouteChange], int]:
    """The questions of *gemeente* whose best route differs in *H*, and how many were asked."""
    changes = []
    asked = 0
    for (kind, start), was in _answers_before(G, gemeente, starts).items():
        untouched = touched.isdisjoint(_route_actors(G, was))
        if untouched and not everything:
            continue
        asked += 1
        now = referral_routes(H, start, kind, gemeente=gemeente, k=1)
        before = was.routes[0] if was.routes else None
        after = now.routes[0] if now.routes else None
        change = _route_change(before, after)
        # Another route of the same length when nothing on the first one changed is a
        # tie that falls the other way in the copy, not a change.
        if change is None or (change == "andere-weg" and untouched):
            continue
        lost = _relations_of(before)
        new = _relations_of(after)
        changes.append(
            RouteChange(
                gemeente,
                kind,
                concept_label("HelpKind", kind),
                start,
                _start_label(G, start),
                change,
                ROUTE_CHANGES[change],
                _told(before),
                _told(after),
                _referrer(before),
                _referrer(after),
                tuple(r for r in lost if r not in new),
                tuple(r for r in new if r not in lost),
                tuple(
                    sorted({*(before.sources if before else ()), *(after.sources if after else ())})
                ),
            )
        )
    order = list(ROUTE_CHANGES)
    changes.sort(key=lambda c: (order.index(c.change), c.help_label, c.start_label))
    return changes, asked


def _start_label(G: nx.MultiDiGraph, start: str) -> str:
    if start in vocabulary().notations(ZN.ActorType):
        return concept_label("ActorType", start)
    return actor_label(G, start)


# -- the other analyses, before and after ------------------------------------------------


def _reach_changes(G: nx.MultiDiGraph, H: nx.MultiDiGraph, gemeente: str) -> list[ReachChange]:
    before = referrer_reach(G, gemeente).unreached
    after = referrer_reach(H, gemeente).unreached
    found = []
    for kind in sorted(set(before) ^ set(after), key=lambda k: concept_label("HelpKind", k)):
        gone = kind in after
        graph, actors = (H, after[kind]) if gone else (G, before[kind])
        found.append(
            ReachChange(
                gemeente,
                kind,
                concept_label("HelpKind", kind),
                "onbereikbaar" if gone else "bereikbaar",
                "geen wettelijk verwijzer bereikt deze hulp meer"
                if gone
                else "een wettelijk verwijzer bereikt deze hulp weer",
                actors,
                tuple(actor_label(graph, a) for a in actors),
                tuple(sorted({s for a in actors for s in graph.nodes[a]["sources"]})),
            )
        )
    return found


def _help_touched(G: nx.MultiDiGraph, touched: set[str], cells: Iterable) -> list[str]:
    """The kinds of help whose coverage taking out *touched* can change: what they offer
    or what their relations are stated for (as providers reads them), and the cells
    that name one of them (a category they are the only provider of)."""
    kinds: set[str] = set()
    for actor in touched & set(G):
        kinds.update(G.nodes[actor]["offers"])
        for _, _, data in (*G.out_edges(actor, data=True), *G.in_edges(actor, data=True)):
            kinds.update(data.get("help_kinds") or ())
    for cell in cells:
        named = (*cell.providers, *cell.pilots, *cell.unconfirmed, *cell.absences)
        if not touched.isdisjoint(named):
            kinds.add(cell.help_kind)
    return sorted(kinds)


def _coverage_before(G: nx.MultiDiGraph, gemeente: str) -> Coverage:
    return memo(G, ("scenario-coverage", gemeente), lambda: coverage(G, gemeenten=[gemeente]))


def _framework_before(G: nx.MultiDiGraph, gemeente: str) -> FrameworkCoverage:
    return memo(
        G, ("scenario-framework", gemeente), lambda: framework_coverage(G, gemeenten=[gemeente])
    )


def _coverage_changes(
    G: nx.MultiDiGraph, H: nx.MultiDiGraph, gemeente: str, touched: set[str], everything: bool
) -> list[CoverageChange]:
    """The kinds of help whose state changes; only those the scenario can change are
    asked of *H* (each question of coverage reads the whole network)."""
    before = _coverage_before(G, gemeente)
    kinds = None if everything else _help_touched(G, touched, before.cells)
    if kinds == []:
        return []
    after = coverage(H, gemeenten=[gemeente], help_kinds=kinds)
    was, now = before.states(), after.states()
    sources: dict[str, set[str]] = {}
    for cell in (*before.cells, *after.cells):
        sources.setdefault(cell.help_kind, set()).update(cell.sources)
    found = []
    asked = {c.help_kind for c in after.cells}
    for key in sorted(was, key=lambda k: concept_label("HelpKind", k[1])):
        if key[1] not in asked or now.get(key) == was[key]:
            continue
        after_state = now.get(key, "onbekend")
        found.append(
            CoverageChange(
                gemeente,
                key[1],
                concept_label("HelpKind", key[1]),
                was[key],
                after_state,
                STATE_MEANINGS[was[key]][0],
                STATE_MEANINGS[after_state][0],
                tuple(sorted(sources.get(key[1], ()))),
            )
        )
    return found


def _framework_changes(
    G: nx.MultiDiGraph, H: nx.MultiDiGraph, gemeente: str
) -> list[FrameworkChange]:
    before = _framework_before(G, gemeente)
    after = {c.concept: c for c in framework_coverage(H, gemeenten=[gemeente]).cells}
    found = []
    for cell in before.cells:
        now = after[cell.concept]
        if now.serving == cell.serving:
            continue
        found.append(
            FrameworkChange(
                gemeente,
                cell.concept,
                concept_label("FrameworkConcept", cell.concept),
                _labels(G, cell.serving),
                _labels(H, now.serving),
                cell.state,
                now.state,
                tuple(sorted({*cell.sources, *now.sources})),
            )
        )
    return found


def _labels(G: nx.MultiDiGraph, ids: Iterable[str]) -> tuple[str, ...]:
    """Labels of actors and arrangements (an arrangement by its record's label)."""
    records = G.graph["records"]
    return tuple(
        actor_label(G, i) if i in G else (records[i].label if i in records else i) for i in ids
    )


def _largest(U: nx.Graph) -> set[str]:
    return max(nx.connected_components(U), key=len, default=set())


def _cut_off(G: nx.MultiDiGraph, H: nx.MultiDiGraph, gemeente: str) -> list[CutOff]:
    """Actors that lose their tie to the main part of the gemeente's network, or every
    relation they had (the partners of a pilot that stops, even off the main part)."""
    U, V = _network(G, gemeente), _network(H, gemeente)
    main_before, main_after = _largest(U), _largest(V)
    cut = {a for a in main_before - main_after if a in V}
    cut.update(a for a in V if V.degree(a) == 0 and a in U and U.degree(a) > 0)
    return [
        CutOff(a, H.nodes[a]["label"], tuple(H.nodes[a]["sources"]))
        for a in sorted(cut, key=lambda a: H.nodes[a]["label"].casefold())
    ]


def _teams(G: nx.MultiDiGraph, gemeente: str) -> set[str]:
    """The teams of *gemeente* with a network, planned ones too (their network is too)."""
    return {
        m.team
        for m in G.graph["memberships"]
        if m.team in G and in_scope(G, G.nodes[m.team]["areas"], gemeente)
    }


def _membership_changes(
    G: nx.MultiDiGraph, H: nx.MultiDiGraph, gemeente: str
) -> list[MembershipChange]:
    found = []
    for team in sorted(_teams(G, gemeente) | _teams(H, gemeente)):
        was = set(_members(G, team))
        now = set(_members(H, team))
        for change, graph, pairs in (("vervalt", G, was - now), ("nieuw", H, now - was)):
            for member, status in sorted(pairs):
                m = next(
                    m
                    for m in graph.graph["memberships"]
                    if (m.team, m.member, m.membership_status) == (team, member, status)
                )
                found.append(
                    MembershipChange(
                        m.id,
                        team,
                        actor_label(graph, team),
                        member,
                        actor_label(graph, member),
                        status,
                        concept_label("MembershipStatus", status),
                        change,
                        m.sources,
                        m.status,
                    )
                )
    return found


def _members(G: nx.MultiDiGraph, team: str) -> Iterable[tuple[str, str]]:
    """(member, status) of *team*'s network in *G*, through :func:`team_network`."""
    if team not in G:
        return ()
    net = team_network(G, team)
    return [
        (member, status)
        for status, members in (
            ("kern", net.kern),
            ("verbonden", net.verbonden),
            ("buiten", net.buiten),
        )
        for member in members
    ]


def _network(G: nx.MultiDiGraph, gemeente: str) -> nx.Graph:
    """The undirected graph of relations of the actors that hold in *gemeente*, as
    :func:`~zorgnet.graph.analyses.brokers.brokers` reads it; kept with *G*."""
    return memo(G, ("scenario-network", gemeente), lambda: nx.Graph(_relations(G, gemeente)))


def _positions(G: nx.MultiDiGraph, gemeente: str) -> tuple[dict[str, float], set[str]]:
    """Betweenness and articulation points in the gemeente's network, computed as
    :func:`~zorgnet.graph.analyses.brokers.brokers` computes them (exact up to
    ``EXACT_LIMIT`` actors, else sampled with its ``SAMPLES`` and ``SEED``), without
    the measures a scenario does not compare (constraint, roles of the whole network)."""

    def compute() -> tuple[dict[str, float], set[str]]:
        U = _network(G, gemeente)
        if len(U) <= EXACT_LIMIT:
            betweenness = nx.betweenness_centrality(U)
        else:
            betweenness = nx.betweenness_centrality(U, k=min(SAMPLES, len(U)), seed=SEED)
        return betweenness, set(nx.articulation_points(U))

    return memo(G, ("scenario-positions", gemeente), compute)


def _broker_changes(G: nx.MultiDiGraph, H: nx.MultiDiGraph, gemeente: str) -> list[BrokerChange]:
    was, cut_before = _positions(G, gemeente)
    now, cut_after = _positions(H, gemeente)
    found = []
    for actor, before in was.items():
        if actor not in now:
            continue
        delta = now[actor] - before
        joins = (actor in cut_before, actor in cut_after)
        if abs(delta) < BROKER_THRESHOLD and joins[0] == joins[1]:
            continue
        node = G.nodes[actor]
        found.append(
            BrokerChange(
                actor,
                node["label"],
                before,
                now[actor],
                *joins,
                "wint" if delta > 0 else "verliest",
                tuple(node["sources"]),
            )
        )
    found.sort(key=lambda b: (-abs(b.betweenness_after - b.betweenness_before), b.label))
    return found


# -- the comparison ---------------------------------------------------------------------


def _records(G: nx.MultiDiGraph, scenario: Scenario) -> tuple[tuple[ScenarioRecord, ...], ...]:
    kinds = vocabulary().notations(ZN.HelpKind)
    actors = tuple(
        ScenarioRecord(
            a,
            "actor",
            G.nodes[a]["label"],
            tuple(G.nodes[a]["sources"]),
            tuple(sorted(concept_label("HelpKind", k) for k in kinds if a in providers(G, k))),
        )
        for a in scenario.without_actors
    )
    by_id = {m.id: m for m in G.graph["mandates"]}
    mandates = tuple(
        ScenarioRecord(
            i,
            "bevoegdheid",
            f"{actor_label(G, by_id[i].holder)}: {concept_label('Power', by_id[i].power)}",
            by_id[i].sources,
        )
        for i in scenario.without_mandates
    )
    return actors, mandates


def _links(G: nx.MultiDiGraph, H: nx.MultiDiGraph, scenario: Scenario) -> tuple[LinkChange, ...]:
    """The relations of the actors taken out, and the relations the records add."""
    gone = set(scenario.without_actors)
    lost = [
        (u, v, k, d, "vervalt", G)
        for a in gone
        for u, v, k, d in (
            *G.out_edges(a, keys=True, data=True),
            *G.in_edges(a, keys=True, data=True),
        )
        if d["record"] == "relation"
    ]
    new = []
    if scenario.with_records:
        old = {k for _, _, k in G.edges(keys=True)}
        new = [
            (u, v, k, d, "nieuw", H)
            for u, v, k, d in H.edges(keys=True, data=True)
            if d["record"] == "relation" and k not in old
        ]
    seen: dict[str, LinkChange] = {}
    for u, v, k, d, change, graph in (*lost, *new):
        seen[k] = LinkChange(
            k,
            u,
            actor_label(graph, u),
            d["kind"],
            concept_label("RelationKind", d["kind"]),
            v,
            actor_label(graph, v),
            change,
            tuple(d["sources"]),
        )
    return tuple(sorted(seen.values(), key=lambda c: (c.change, c.source_label, c.relation)))


def _added(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> tuple[ScenarioRecord, ...]:
    """The records of *H* that *G* has not, or not so; kinds and relations in Dutch."""
    old = G.graph["records"]
    ends = {k: (u, v, d["kind"]) for u, v, k, d in H.edges(keys=True, data=True)}
    found = []
    for i, r in H.graph["records"].items():
        if i in old and old[i].fingerprint == r.fingerprint:
            continue
        label = r.label
        if r.kind == "Relation" and i in ends:
            u, v, kind = ends[i]
            label = f"{actor_label(H, u)} {concept_label('RelationKind', kind)} {actor_label(H, v)}"
        found.append(ScenarioRecord(i, class_label(r.kind), label, r.sources))
    return tuple(found)


def _title(G: nx.MultiDiGraph, scenario: Scenario) -> str:
    parts = [f"zonder {actor_label(G, a)}" for a in scenario.without_actors]
    by_id = {m.id: m for m in G.graph["mandates"]}
    parts += [
        f"zonder de bevoegdheid {concept_label('Power', by_id[i].power)} van "
        f"{actor_label(G, by_id[i].holder)}"
        for i in scenario.without_mandates
    ]
    if scenario.with_records:
        names = (Path(p).name for p in scenario.with_records)
        parts.append("met de registraties uit " + ", ".join(names))
    said = "; ".join(parts) or "geen verandering"
    return f"{scenario.name}: {said}" if scenario.name else said[0].upper() + said[1:]


def prepare_scenarios(G: nx.MultiDiGraph, gemeente: str | None = None) -> None:
    """Compute what every scenario asks of the projection as it is, before the first.

    :func:`compare` keeps the answers of *G* (the routes of each gemeente's
    questions, its coverage, VNG framework, network and brokers, who reaches what)
    with the projection, so a second scenario asks only its copy. The first scenario
    on new data waits for them: 0.3–0.5 s on the region, for its 595 route questions.
    A web app has them computed after a start or an edit
    (:meth:`~zorgnet.graph.projection_cache.ProjectionCache.warm_scenarios`), so that the first
    visitor of its "wat als" page does not wait, and they are saved with the store
    version for the next process (:mod:`zorgnet.graph.saved_answers`).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection as it is.
    gemeente : str, optional
        Only this gemeente's answers (an area id); without one, every gemeente's.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> prepare_scenarios(G)
    >>> ("scenario-routes", "hilversum", ROUTE_STARTS) in G.graph["memo"]
    True
    """
    for area in [gemeente] if gemeente else [a.id for a in _gemeenten(G)]:
        _answers_before(G, area, ROUTE_STARTS)
        referrer_reach(G, area)
        _coverage_before(G, area)
        _framework_before(G, area)
        _positions(G, area)


def compare(
    G: nx.MultiDiGraph, scenario: Scenario, *, added: nx.MultiDiGraph | None = None
) -> ScenarioResult:
    """What changes, per gemeente and kind of help, if *scenario* happens?

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection as it is (not changed; what it answers before is kept with it).
    scenario : Scenario
        The actors and mandates to take out, the records to add.
    added : networkx.MultiDiGraph, optional
        The projection with the scenario's records added, as :func:`apply_scenario`
        takes it.

    Returns
    -------
    ScenarioResult
        Per gemeente in which something the scenario changes holds: the routes lost,
        longer, shorter, new or with another referrer; the indicated help no legal
        referrer reaches any more; coverage states that change; actors cut off from
        the gemeente's network; team memberships that drop or come; brokers that gain
        or lose; each with its sources.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> result = compare(G, Scenario(name="De huisarts stopt", without_actors=("huisarts",)))
    >>> result.title
    'De huisarts stopt: zonder huisarts'
    >>> school = [c for c in result.gemeenten[0].routes if c.start == "school"]
    >>> [(c.help_kind, c.change_label) for c in school]
    [('lichte-begeleiding', 'route verloren'), ('jeugd-ggz', 'route wordt langer of omslachtiger')]
    >>> school[1].after
    'school → buurtteam → gemeente hilversum → ggz aanbieder (verwijzer: gemeente hilversum)'
    >>> [m.member for m in result.gemeenten[0].memberships], school[1].sources
    (['huisarts'], ('003 §4',))
    """
    H = apply_scenario(G, scenario, added=added)
    base = added if added is not None else G
    touched = _touched(G, base, scenario)
    starts = ROUTE_STARTS
    everything = bool(scenario.with_records) or _gate_changes(G, scenario)
    impacts = []
    questions = 0
    for gemeente in _affected(G, H, touched):
        routes, asked = _route_changes(G, H, gemeente, starts, touched, everything)
        questions += asked
        parts = (
            routes,
            _reach_changes(G, H, gemeente),
            # Coverage reads no mandates: only records added can change any kind of help.
            _coverage_changes(G, H, gemeente, touched, bool(scenario.with_records)),
            _framework_changes(G, H, gemeente),
            _cut_off(G, H, gemeente),
            _membership_changes(G, H, gemeente),
            _broker_changes(G, H, gemeente),
        )
        sources = {s for rows in parts for row in rows for s in row.sources}
        impacts.append(
            GemeenteImpact(
                gemeente,
                area_labels(G, [gemeente])[0],
                *(tuple(rows) for rows in parts),  # type: ignore[arg-type]
                tuple(sorted(sources)),
            )
        )
    removed_actors, removed_mandates = _records(base, scenario)
    added_records = _added(G, base) if added is not None else ()
    links = _links(G, base, scenario)
    lost = {r for g in impacts for c in g.routes for r in c.lost_relations}
    lost.update(c.relation for c in links if c.change == "vervalt")
    new = {r for g in impacts for c in g.routes for r in c.new_relations}
    new.update(c.relation for c in links if c.change == "nieuw")
    everything_cited = {s for g in impacts for s in g.sources}
    everything_cited.update(s for c in links for s in c.sources)
    records = (*removed_actors, *removed_mandates, *added_records)
    everything_cited.update(s for r in records for s in r.sources)
    return ScenarioResult(
        scenario,
        _title(base, scenario),
        removed_actors,
        removed_mandates,
        added_records,
        links,
        tuple(impacts),
        tuple(sorted(lost)),
        tuple(sorted(new)),
        tuple(sorted(n for n in H if n not in G)),
        tuple(sorted(everything_cited)),
        questions,
    )
