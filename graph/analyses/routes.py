"""Referral routes: how someone gets from an entry point to a kind of help.

A route is a chain of relations (verwijst, meldt, draagt over, consulteert, ...) from an
entry point to an actor that offers the help, under the conditions of a gemeente, a
domain and a level. Each step says who holds a mandate there; a route to indicated care
(access ``geindiceerd``) says which legal referrer (wettelijk verwijzer) opens the gate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import islice, pairwise

import networkx as nx

from zorgnet.graph.analyses._common import (
    active,
    check_area,
    check_concept,
    edge_applies,
    in_scope,
    memo,
)
from zorgnet.graph.analyses._index import (
    help_relations,
    mandates_by_holder,
    offering,
    opening_mandates,
    scope_actors,
    scope_set,
)
from zorgnet.graph.analyses._phrases import actor_phrase, relation_phrase, sentence, verb
from zorgnet.graph.areas import area_ancestors
from zorgnet.graph.internals import digraph_of
from zorgnet.graph.projected import Mandate
from zorgnet.ontology.exceptions import UnknownName
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import concept_label, vocabulary

__all__ = [
    "ON_BEHALF",
    "REPORTED_PRACTICE",
    "ROUTE_COSTS",
    "TOEGANG_TYPES",
    "Decider",
    "LegalReferrer",
    "LegalReferrers",
    "MandateHeld",
    "Route",
    "RouteResult",
    "Step",
    "entry_actors",
    "front_doors",
    "inhabitant_entries",
    "legal_referrers",
    "prepare_routes",
    "providers",
    "reachable",
    "referral_routes",
    "route_graph",
]

# The relation kinds a person can travel along, with a cost: a referral or hand-over is
# one step; consulting, escalating or a loose collaboration is a detour. Part-of is no
# travel step: a referral to a contracted care category reaches the providers in it
# (see :func:`providers`), and nobody walks from an organisation into one of its teams.
ROUTE_COSTS: dict[str, float] = {
    "verwijst": 1.0,
    "draagt-over": 1.0,
    "meldt": 1.0,
    "consulteert": 1.5,
    "adviseert": 1.5,
    "escaleert": 2.0,
    "werkt-samen": 2.0,
    "is-gekoppeld-aan": 2.0,
}
# A pilot may stop; prefer a route through what is in place.
_PILOT_PENALTY = 0.5
# Self-referral by an inhabitant to open-access (voorveld) help or a gemeente's toegang.
_SELF_REFERRAL = "meldt-zich"
# A gemeente's toegang (consulent, uitvoeringsdienst, a local team with that role)
# indicates and decides on behalf of the gemeente, the legal referrer (003 §4, afspraak 2).
ON_BEHALF = "namens"
_ON_BEHALF_COST = 0.5
# The kinds of actor that are a gemeente's toegang by what they are: the consulent
# indicates and keeps procesregie, the uitvoeringsdienst does intake, indication and
# beschikkingen for the gemeente (003 §4, afspraak 2; the glossary).
TOEGANG_TYPES = frozenset({"jeugdconsulent", "consulententeam", "uitvoeringsdienst"})
# A relation that providers, GPs or services report as practice, not as an agreement.
REPORTED_PRACTICE = "gemelde-praktijk"
_SOURCE = "\0ingang"
_TARGET = "\0hulp"


@dataclass(frozen=True)
class MandateHeld:
    """A mandate held at a step of a route.

    ``power_label`` and ``legal_basis_labels`` are the Dutch names of ``power`` and
    ``legal_bases`` ("verwijzen", "Jeugdwet"), given on the routes an answer keeps.
    ``legal_bases`` are those that fit the mandate's domains (a mandate for jeugd is no
    Wmo mandate); ``basis_derived`` is true when a known issue asks which law gives the
    mandate (the seeds name none; the basis is derived).
    """

    mandate: str
    power: str
    legal_bases: tuple[str, ...]
    opens_contracted_care: bool
    sources: tuple[str, ...]
    power_label: str = ""
    legal_basis_labels: tuple[str, ...] = ()
    basis_derived: bool = False


@dataclass(frozen=True)
class Decider:
    """Who decides at a step or opens the gate of a route: an actor and its mandates.

    Attributes
    ----------
    actor : str
        The actor's id.
    label : str
        Its label.
    powers : tuple of str
        The Dutch names of the powers by which it decides ("verwijzen", "beschikken").
    legal_bases : tuple of str
        The Dutch names of their legal bases ("Jeugdwet", "Wmo 2015").
    sources : tuple of str
        The citations of those mandates.
    basis_derived : bool
        Whether the seeds name no law for these mandates (the basis is derived).
    """

    actor: str
    label: str
    powers: tuple[str, ...]
    legal_bases: tuple[str, ...]
    sources: tuple[str, ...]
    basis_derived: bool = False


@dataclass(frozen=True)
class Step:
    """One actor on a route and the relation that leads to it.

    On the routes an answer keeps, ``sentence`` says the step in Dutch ("De huisarts
    verwijst naar de aanbieders jeugd-GGZ (Jeugdwet).") with the relation's legal basis,
    else that of the decider's mandate; ``decider`` is who decides the step: the actor
    taking it when it holds a mandate that opens contracted care and the step leads to
    care that needs a referral, or the gemeente its toegang decides for. ``legal_bases``
    are the relation's own.
    """

    actor: str
    label: str
    type: str | None
    relation: str | None
    kind: str | None
    access: tuple[str, ...]
    status: str | None
    mandates: tuple[MandateHeld, ...]
    sources: tuple[str, ...]
    relation_status: str | None = None
    explanation: str = ""
    legal_bases: tuple[str, ...] = ()
    sentence: str = ""
    decider: Decider | None = None

    @property
    def reported_practice(self) -> bool:
        """Whether the step is practice that referrers report, not an agreement."""
        return self.relation_status == REPORTED_PRACTICE

    @property
    def legal_referrer(self) -> bool:
        """Whether the actor here may open contracted care."""
        return any(m.opens_contracted_care for m in self.mandates)


@dataclass(frozen=True)
class Route:
    """A route from the entry point to an actor offering the help.

    On the routes an answer keeps: ``decider`` is the legal referrer that opens the gate
    (``referrer``) with its mandates; ``differences`` says in Dutch how an alternative
    differs from the first route (its entry, gate or provider), empty for the first;
    ``provider_part_labels`` names ``provider_parts``; ``other_entries`` names the other
    doors of the same toegang of the gemeente; ``provider_part_sources`` are the
    sources of those parts; ``regional`` says that every actor, relation and mandate on
    the route holds for the whole region (or wider), none for the gemeente alone.
    """

    steps: tuple[Step, ...]
    cost: float
    needs_referral: bool
    referrer: str | None
    sources: tuple[str, ...]
    provider_parts: tuple[str, ...] = ()
    explanation: str = ""
    decider: Decider | None = None
    differences: tuple[str, ...] = ()
    provider_part_labels: tuple[str, ...] = ()
    other_entries: tuple[str, ...] = ()
    provider_part_sources: tuple[str, ...] = ()
    regional: bool = False

    @property
    def actors(self) -> tuple[str, ...]:
        """The actor ids along the route."""
        return tuple(step.actor for step in self.steps)

    @property
    def voorveld(self) -> bool:
        """Whether the help is reached without a referral (open access)."""
        return not self.needs_referral

    @property
    def gate_open(self) -> bool:
        """False when the help needs a referral but no legal referrer is on the route."""
        return not self.needs_referral or self.referrer is not None


@dataclass(frozen=True)
class RouteResult:
    """The answer to "how does one get from here to this help?".

    ``without_decider`` are the routes to help that needs a referral on which nobody
    may open the gate, set apart from ``routes`` when some route has a legal referrer:
    they do not lead to the help by themselves. ``region_label`` names the region when
    every route holds for the whole region (:attr:`Route.regional`), so that the answer
    for the gemeente is the regional arrangement.
    """

    source: str
    help_kind: str
    gemeente: str | None
    domain: str | None
    level: str | None
    routes: tuple[Route, ...]
    providers: tuple[str, ...]
    missing: str | None
    explanation: str
    sources: tuple[str, ...]
    without_decider: tuple[Route, ...] = ()
    region_label: str = ""

    @property
    def legal(self) -> bool:
        """Whether some route opens the gate to the help (or needs no gate)."""
        return any(r.gate_open for r in self.routes)


@dataclass(frozen=True)
class LegalReferrer:
    """An actor holding a power that opens (regionally) contracted care."""

    actor: str
    label: str
    type: str | None
    powers: tuple[str, ...]
    legal_bases: tuple[str, ...]
    areas: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class LegalReferrers:
    """The legal referrers (wettelijke verwijzers) of the network."""

    referrers: tuple[LegalReferrer, ...]
    sources: tuple[str, ...]

    @property
    def types(self) -> tuple[str, ...]:
        """The kinds of actor that are legal referrers, sorted."""
        return tuple(sorted({r.type for r in self.referrers if r.type}))


def _mandates_at(
    G: nx.MultiDiGraph, actor: str, gemeente: str | None, domain: str | None
) -> tuple[Mandate, ...]:
    return tuple(
        m
        for m in mandates_by_holder(G).get(actor, ())
        if active(m.status)
        and in_scope(G, m.areas, gemeente)
        and (domain is None or not m.domains or domain in m.domains)
    )


def legal_referrers(
    G: nx.MultiDiGraph, *, gemeente: str | None = None, domain: str | None = None
) -> LegalReferrers:
    """Who may open the gate to contracted care?

    A legal referrer holds a mandate whose power opens contracted care
    (``zn:opensContractedCare``): verwijzen, beschikken, jeugdhulpbepaling, ...

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    gemeente : str, optional
        Only mandates that hold in this area (an area id).
    domain : str, optional
        Only mandates for this domain (e.g. ``"jeugd"``).

    Returns
    -------
    LegalReferrers
        One entry per actor, with its powers and legal bases, and the sources.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> legal_referrers(G).types
    ('gemeente', 'huisarts', 'poh-jeugd')
    >>> [r.powers for r in legal_referrers(G, gemeente="huizen").referrers]
    [('verwijzen',)]
    """
    check_area(G, gemeente)
    check_concept(domain, "Domain", "domein")
    by_actor: dict[str, list[Mandate]] = {}
    for mandate in opening_mandates(G, gemeente):
        if domain is None or not mandate.domains or domain in mandate.domains:
            by_actor.setdefault(mandate.holder, []).append(mandate)
    referrers = []
    for actor, mandates in sorted(by_actor.items()):
        node = G.nodes[actor]
        referrers.append(
            LegalReferrer(
                actor,
                node["label"],
                node["type"],
                tuple(sorted({m.power for m in mandates})),
                tuple(sorted({b for m in mandates for b in m.legal_bases})),
                tuple(sorted({a for m in mandates for a in m.areas})),
                tuple(sorted({s for m in mandates for s in m.sources} | set(node["sources"]))),
            )
        )
    return LegalReferrers(
        tuple(referrers), tuple(sorted({s for r in referrers for s in r.sources}))
    )


def entry_actors(G: nx.MultiDiGraph, source: str, gemeente: str | None) -> list[str]:
    """The actors a route question from *source* starts at: the actor *source*, and
    every actor of the kind *source* in the gemeente.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> entry_actors(example_projection(), "huisarts", "hilversum")
    ['huisarts']
    """

    known_types = set(vocabulary().notations(ZN.ActorType))
    if source not in G and source not in known_types:
        raise UnknownName("actor of soort actor", source, _close(source, [*G.nodes, *known_types]))
    # "huisarts" is both the regional GP record and a kind of actor: a user asking for
    # routes from a GP means every GP in the gemeente, the local practices included.
    of_type = {a for a in scope_actors(G, gemeente) if G.nodes[a]["type"] == source}
    return sorted(of_type | ({source} if source in G else set()))


def _close(name: str, candidates: list[str]) -> list[str]:
    import difflib

    return difflib.get_close_matches(name, sorted(set(candidates)), n=3, cutoff=0.5)


def providers(
    G: nx.MultiDiGraph,
    help_kind: str,
    *,
    gemeente: str | None = None,
    domain: str | None = None,
    level: str | None = None,
) -> dict[str, tuple[str, ...]]:
    """Who gives *help_kind* where the question holds, and through which parts?

    An actor gives the help when its record says it offers it (at *level*, or at every
    level when it names none), or when a relation stated for that help leads to it. A
    contracted care category (a ``ProviderCategory`` such as "regionaal gecontracteerde
    jeugdhulp") gives what the categories inside it give: a referral to it reaches them
    wherever the contract holds.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    help_kind : str
        A notation of the help kinds vocabulary.
    gemeente, domain, level : str, optional
        The conditions of the question.

    Returns
    -------
    dict
        Provider id → the parts through which it gives the help (empty when it gives
        the help itself).

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> providers(example_projection(), "jeugd-ggz", gemeente="hilversum")
    {'ggz-aanbieder': ()}
    """
    return memo(
        G,
        ("providers", help_kind, gemeente, domain, level),
        lambda: _providers(G, help_kind, gemeente, domain, level),
    )


def _stated_givers(
    G: nx.MultiDiGraph, help_kind: str, gemeente: str | None, domain: str | None
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The actors a relation stated for *help_kind* leads to, where it holds, each with
    the levels that relation is for (none: every level); kept for all levels at once."""

    def compute() -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple(
            (target, tuple(data.get("levels") or ()))
            for _, target, data in help_relations(G, gemeente).get(help_kind, ())
            if edge_applies(G, data, area=gemeente, domain=domain)
        )

    return memo(G, ("stated-givers", help_kind, gemeente, domain), compute)


def _providers(
    G: nx.MultiDiGraph,
    help_kind: str,
    gemeente: str | None,
    domain: str | None,
    level: str | None,
) -> dict[str, tuple[str, ...]]:
    nodes = G.nodes
    direct = set(offering(G, gemeente).get(help_kind, ()))
    if level is not None:
        direct = {a for a in direct if level in (nodes[a]["levels"] or (level,))}
    # A relation "for jeugd-ggz" to an actor says that actor gives it, even where the
    # actor record does not list it (a provider category, say).
    for target, levels in _stated_givers(G, help_kind, gemeente, domain):
        if level is None or not levels or level in levels:
            direct.add(target)
    found: dict[str, tuple[str, ...]] = {a: () for a in sorted(direct)}
    in_scope_here = scope_set(G, gemeente)
    for giver in sorted(direct):
        # Up through every enclosing category: pleegzorg within verblijf within the
        # regionally contracted youth care.
        # A category that gives the help itself is passed through, not stopped at: the
        # jeugd-GGZ providers within the ambulante jeugdhulp within the regionally
        # contracted youth care are a part of the last too (003 bijlage 1).
        todo, seen = list(nodes[giver]["part_of"]), set()
        while todo:
            whole = todo.pop()
            if whole in seen or whole not in in_scope_here:
                continue
            seen.add(whole)
            if nodes[whole]["actor_class"] == "ProviderCategory":
                if whole not in direct:
                    found[whole] = (*found.get(whole, ()), giver)
                todo.extend(nodes[whole]["part_of"])
    return dict(sorted(found.items()))


def front_doors(
    G: nx.MultiDiGraph, gemeente: str
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The gemeente's toegang: where an inhabitant asks the gemeente for help.

    The legal referrer is the gemeente (003 §4, afspraak 2); its toegang is its
    consulenten and uitvoeringsdienst (:data:`TOEGANG_TYPES`) and what the
    arrangements of aspect ``toegang`` for the gemeente (or its cluster) name, such as
    a local team where the seeds give it that role.

    Returns
    -------
    tuple
        The gemeente organisations, the toegang actors, and the sources that name them.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> front_doors(example_projection(), "hilversum")
    (('gemeente-hilversum',), ('buurtteam',), ('003 §4',))
    """
    up = {gemeente} | area_ancestors(G, gemeente)
    here = scope_actors(G, gemeente)
    nodes = G.nodes
    organisations = tuple(
        a for a in here if nodes[a]["type"] == "gemeente" and up.intersection(nodes[a]["areas"])
    )
    doors: list[str] = [a for a in here if nodes[a]["type"] in TOEGANG_TYPES]
    sources: set[str] = {s for a in doors for s in nodes[a]["sources"]}
    for arrangement in G.graph["arrangements"]:
        if arrangement.aspect != "toegang" or not active(arrangement.status):
            continue
        if not up.intersection(arrangement.areas):
            continue
        for actor in arrangement.about:
            if actor not in G or actor in organisations or actor in doors:
                continue
            # A toegang arrangement about indicated care describes the gate to that care
            # ("alleen toegankelijk na verwijzing", 003 §4, afspraak 2), not a door.
            if "geindiceerd" in nodes[actor]["access"]:
                continue
            doors.append(actor)
            sources.update(arrangement.sources)
    return organisations, tuple(doors), tuple(sorted(sources))


def _opens_care(G: nx.MultiDiGraph, actor: str, gemeente: str | None) -> bool:
    return any(m.opens_contracted_care for m in _mandates_at(G, actor, gemeente, None))


_Step = tuple[str, str, str | None, dict, float, dict]


def _steps(
    G: nx.MultiDiGraph, gemeente: str | None, domain: str | None, level: str | None
) -> tuple[tuple[_Step, ...], tuple[_Step, ...]]:
    """Every step :func:`route_graph` may take under the conditions, whatever the help:
    the route relations, and the toegang's steps on behalf of its gemeente.

    Each step is ``(from, to, relation id, edge data, cost, the attributes of its edge in
    a route graph)``, the last made once here and shared by every route graph (never
    changed); which help a relation is for is left to the caller. Kept per projection:
    the gaps analysis asks it once for every kind of help.
    """

    def compute() -> tuple[tuple[_Step, ...], tuple[_Step, ...]]:
        # Only the actors of the gemeente, in the order of G: the same edges in the same
        # order as a scan of every relation, so equal-cost ties fall the same way.
        ordered = scope_actors(G, gemeente)
        usable = scope_set(G, gemeente)
        relations = []
        succ = G.succ
        for u in ordered:
            for v, keyed in succ[u].items():
                if v not in usable:
                    continue
                for key, data in keyed.items():
                    if data["record"] != "relation" or data["kind"] not in ROUTE_COSTS:
                        continue
                    if not edge_applies(G, data, area=gemeente, domain=domain, level=level):
                        continue
                    pilot = _PILOT_PENALTY if data.get("status") == "pilot" else 0.0
                    cost = ROUTE_COSTS[data["kind"]] + pilot
                    relations.append((u, v, key, data, cost, _edge_attrs(cost, key, data)))
        return tuple(relations), _on_behalf_steps(G, gemeente, usable)

    return memo(G, ("route-steps", gemeente, domain, level), compute)


def _on_behalf_steps(
    G: nx.MultiDiGraph, gemeente: str | None, usable: frozenset[str]
) -> tuple[_Step, ...]:
    if gemeente is None:
        return ()
    organisations, doors, sources = front_doors(G, gemeente)
    referrer_types = {G.nodes[m.holder]["type"] for m in opening_mandates(G, gemeente)}
    found = []
    for door in doors:
        # A GP practice named as toegang refers on its own authority, not the gemeente's.
        if G.nodes[door]["type"] in referrer_types - TOEGANG_TYPES:
            continue
        if door in usable and not _opens_care(G, door, gemeente):
            for organisation in organisations:
                data = {"kind": ON_BEHALF, "sources": sources}
                attrs = _edge_attrs(_ON_BEHALF_COST, None, data)
                found.append((door, organisation, None, data, _ON_BEHALF_COST, attrs))
    return tuple(found)


def _for_help(data: dict, help_kind: str) -> bool:
    """Whether a relation holds for *help_kind*: it names that help, or none."""
    kinds = data.get("help_kinds") or ()
    return not kinds or help_kind in kinds


def route_graph(
    G: nx.MultiDiGraph,
    help_kind: str,
    *,
    gemeente: str | None = None,
    domain: str | None = None,
    level: str | None = None,
) -> nx.DiGraph:
    """The steps a person can take under the conditions, the cheapest per pair of actors.

    Every route question and the gaps analysis walk these steps, so that "can this
    help be reached" has one answer. Its edges are the route relations that hold for
    the gemeente, domain, level and help kind, and, for a gemeente, one step from each
    of its toegang actors to the gemeente they decide for (kind ``namens``) where no
    relation already joins them.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> H = route_graph(example_projection(), "jeugd-ggz", gemeente="hilversum")
    >>> sorted(H.successors("buurtteam"))
    ['doorbraaktafel', 'gemeente-hilversum']
    >>> H["buurtteam"]["gemeente-hilversum"]["kind"]
    'verwijst'
    """
    # A copy: the edge attributes are shared by the questions' own graphs.
    return digraph_of(*_route_dicts(G, help_kind, gemeente, domain, level)).copy()


_Dicts = tuple[dict[str, dict], dict[str, dict[str, dict]], dict[str, dict[str, dict]]]


def _route_dicts(
    G: nx.MultiDiGraph,
    help_kind: str,
    gemeente: str | None,
    domain: str | None,
    level: str | None,
) -> _Dicts:
    """The nodes, successors and predecessors of :func:`route_graph`, made as plain
    dictionaries (in the order networkx's ``add_edge`` would give them), so that a
    route question can add its start and end before it becomes a graph."""
    relations, on_behalf = _steps(G, gemeente, domain, level)
    nodes: dict[str, dict] = {a: {} for a in scope_actors(G, gemeente)}
    succ: dict[str, dict[str, dict]] = {a: {} for a in nodes}
    pred: dict[str, dict[str, dict]] = {a: {} for a in nodes}
    for u, v, _, data, _, attrs in relations:
        if _for_help(data, help_kind):
            _keep_cheapest((nodes, succ, pred), u, v, attrs)
    for u, v, *_, attrs in on_behalf:
        if v not in succ.get(u, ()):  # a stated relation says more than "on behalf of"
            _keep_cheapest((nodes, succ, pred), u, v, attrs)
    return nodes, succ, pred


def _add_edge(dicts: _Dicts, u: str, v: str, attrs: dict) -> None:
    """What ``DiGraph.add_edge(u, v, **attrs)`` does, on the dictionaries."""
    _add_node(dicts, u)
    _add_node(dicts, v)
    edge = dicts[1][u].get(v)
    if edge is None:
        dicts[1][u][v] = dicts[2][v][u] = dict(attrs)
    else:
        edge.update(attrs)


def _add_node(dicts: _Dicts, n: str) -> None:
    nodes, succ, pred = dicts
    if n not in nodes:
        nodes[n], succ[n], pred[n] = {}, {}, {}


# Each actor's steps: (to, the help kinds the step holds for; None: every kind).
_Onward = dict[str, tuple[tuple[str, frozenset[str] | None], ...]]


def _onward(
    G: nx.MultiDiGraph, gemeente: str | None, domain: str | None, level: str | None
) -> _Onward:
    """The steps of :func:`route_graph` as successors per actor, whatever the help;
    kept per projection beside the steps, so that the questions from every entry point
    walk them without building a graph."""

    def compute() -> _Onward:
        relations, on_behalf = _steps(G, gemeente, domain, level)
        onward: dict[str, list[tuple[str, frozenset[str] | None]]] = {}
        for u, v, _, data, *_ in relations:
            kinds = data.get("help_kinds")
            onward.setdefault(u, []).append((v, frozenset(kinds) if kinds else None))
        for u, v, *_ in on_behalf:
            onward.setdefault(u, []).append((v, None))
        return {u: tuple(steps) for u, steps in onward.items()}

    return memo(G, ("route-onward", gemeente, domain, level), compute)


def _walk(onward: _Onward, starts: set[str], help_kind: str) -> set[str]:
    """Every actor the steps for *help_kind* reach from *starts*, the starts included."""
    seen = set(starts)
    todo = list(starts)
    while todo:
        for v, kinds in onward.get(todo.pop(), ()):
            if v not in seen and (kinds is None or help_kind in kinds):
                seen.add(v)
                todo.append(v)
    return seen


def _steps_from(onward: _Onward, actor: str, help_kind: str) -> bool:
    return any(kinds is None or help_kind in kinds for _, kinds in onward.get(actor, ()))


def _stepped_into(onward: _Onward, help_kind: str) -> set[str]:
    return {
        v for steps in onward.values() for v, kinds in steps if kinds is None or help_kind in kinds
    }


def reachable(
    G: nx.MultiDiGraph,
    starts: set[str],
    help_kind: str,
    *,
    gemeente: str | None = None,
    domain: str | None = None,
    level: str | None = None,
) -> set[str]:
    """The actors a route from *starts* reaches for *help_kind*: the same steps as
    :func:`route_graph`, walked without building it.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> sorted(reachable(example_projection(), {"school"}, "jeugd-ggz", gemeente="hilversum"))
    ... # doctest: +NORMALIZE_WHITESPACE
    ['buurtteam', 'doorbraaktafel', 'gemeente-hilversum', 'ggz-aanbieder', 'huisarts',
     'poh-jeugd', 'school']
    """
    return _walk(_onward(G, gemeente, domain, level), starts, help_kind)


def _edge_attrs(cost: float, key: str | None, data: dict) -> dict:
    return {
        "weight": cost,
        "key": key,
        "kind": data["kind"],
        "access": tuple(data.get("access") or ()),
        "status": data.get("status"),
        "description": data.get("description", ""),
        "sources": tuple(data.get("sources") or ()),
        "legal_bases": tuple(data.get("legal_bases") or ()),
    }


def _keep_cheapest(dicts: _Dicts, u: str, v: str, attrs: dict) -> None:
    """Join *u* to *v* by the step *attrs* (shared, not copied) unless a cheaper step
    joins them already."""
    edge = dicts[1].get(u, {}).get(v)
    if edge is None or edge["weight"] > attrs["weight"]:
        _add_node(dicts, u)
        _add_node(dicts, v)
        dicts[1][u][v] = dicts[2][v][u] = attrs


# Said after a legal basis that the seeds do not name (see :class:`MandateHeld`).
_DERIVED_BASIS = "; afgeleid, de bronnen noemen hier geen wet"

# How a step reads in a Dutch sentence: "<from> verwijst naar <to>".
_PHRASES = {
    "verwijst": "verwijst naar",
    "draagt-over": "draagt over aan",
    "meldt": "meldt bij",
    "consulteert": "vraagt advies aan",
    "adviseert": "adviseert",
    "escaleert": "escaleert naar",
    "werkt-samen": "werkt samen met",
    "is-gekoppeld-aan": "is gekoppeld aan",
}


def _explain(G: nx.MultiDiGraph, previous: str | None, step: Step) -> str:
    """One sentence in Dutch: who takes this step, on what authority, from which source."""
    if step.kind == _SELF_REFERRAL:
        text = f"De inwoner gaat zelf naar {step.label}"
    elif previous is None:
        text = f"{step.label} is de ingang"
    elif step.kind == ON_BEHALF:
        text = f"{G.nodes[previous]['label']} beslist namens {step.label}"
    else:
        phrase = _PHRASES.get(step.kind or "", concept_label("RelationKind", step.kind))
        text = f"{G.nodes[previous]['label']} {phrase} {step.label}"
    if step.reported_practice:
        text += " (volgens verwijzers in de praktijk, geen afspraak)"
    powers = []
    for m in step.mandates:
        bases = ", ".join(concept_label("LegalBasis", b) for b in m.legal_bases)
        powers.append(concept_label("Power", m.power) + (f" ({bases})" if bases else ""))
    if powers:
        text += f"; {step.label} mag hier {', '.join(powers)}"
    if step.sources:
        text += f" [bron: {'; '.join(dict.fromkeys(step.sources))}]"
    return text + "."


# The law of each domain: a mandate for one domain does not rest on another's law.
_DOMAIN_LAWS = {"jeugd": "jeugdwet", "wmo": "wmo-2015"}
# A known issue that asks which law gives a mandate ("op grond van welke wet ...").
_ASKS_FOR_LAW = re.compile(r"\bwet\b|grondslag", re.IGNORECASE)


def _fitting_bases(mandate: Mandate) -> tuple[str, ...]:
    """*mandate*'s legal bases without the law of a domain it is not for."""
    if not mandate.domains:
        return mandate.legal_bases
    other = {law for domain, law in _DOMAIN_LAWS.items() if domain not in mandate.domains}
    return tuple(b for b in mandate.legal_bases if b not in other)


def _derived_bases(G: nx.MultiDiGraph) -> frozenset[str]:
    """The mandates whose legal basis a known issue questions: the seeds name no law."""

    def compute() -> frozenset[str]:
        return frozenset(
            record for i in G.graph["issues"] if _ASKS_FOR_LAW.search(i.label) for record in i.about
        )

    return memo(G, "derived_bases", compute)


def _step(
    G: nx.MultiDiGraph,
    actor: str,
    edge: dict | None,
    gemeente: str | None,
    domain: str | None,
) -> Step:
    node = G.nodes[actor]
    derived = _derived_bases(G)
    held = tuple(
        MandateHeld(
            m.id,
            m.power,
            _fitting_bases(m),
            m.opens_contracted_care,
            m.sources,
            basis_derived=m.id in derived,
        )
        for m in _mandates_at(G, actor, gemeente, domain)
    )
    return Step(
        actor,
        node["label"],
        node["type"],
        edge.get("key") if edge else None,
        edge.get("kind") if edge else None,
        tuple(edge.get("access") or ()) if edge else (),
        node["status"],
        held,
        tuple(edge.get("sources") or ())
        if edge and edge.get("sources")
        else tuple(node["sources"]),
        edge.get("status") if edge else None,
        legal_bases=tuple(edge.get("legal_bases") or ()) if edge else (),
    )


def prepare_routes(G: nx.MultiDiGraph) -> None:
    """Build what every route question on *G* looks up, before the first question.

    The indexes (active actors by area, mandates by holder, mandates that open
    contracted care) are otherwise built by the first question on a new projection:
    ≈ 20 ms at national scale, more than answering it. A web app calls this after a
    start or an edit, so that its next visitor does not wait for them.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> prepare_routes(G)
    >>> ("index", "by_area") in G.graph["memo"]
    True
    """
    scope_actors(G, None)
    mandates_by_holder(G)
    opening_mandates(G, None)


def inhabitant_entries(
    G: nx.MultiDiGraph, gemeente: str | None
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Where can an inhabitant go without a referral?

    Every active open-access (voorveld) actor that holds in *gemeente*, and the
    gemeente's toegang (:func:`front_doors`; the gemeente itself where the seeds do not
    say how its toegang works). A route question from ``"inwoner"`` starts at each of
    them (:func:`referral_routes`).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    gemeente : str, optional
        An area id; without one, only the voorveld of the whole network.

    Returns
    -------
    tuple
        ``(actor, sources)`` pairs in the order of *G*, the voorveld first: a voorveld
        actor's own access says it is open (no sources here), a toegang actor comes with
        the sources that name the toegang.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> inhabitant_entries(example_projection(), "hilversum")
    (('buurtteam', ()), ('poh-jeugd', ()))
    """
    here = scope_set(G, gemeente)
    found = [(a, ()) for a in scope_actors(G, gemeente) if "voorveld" in G.nodes[a]["access"]]
    if gemeente is not None:
        organisations, doors, sources = front_doors(G, gemeente)
        named = _named_toegang(G, gemeente)
        # Where the seeds do not say how the toegang works, the inhabitant goes to the
        # gemeente itself.
        for actor in doors or organisations:
            new = actor in here and all(actor != a for a, _ in found)
            if new and _asks_here(G, actor, gemeente, named):
                found.append((actor, sources))
    return tuple(found)


def _named_toegang(G: nx.MultiDiGraph, gemeente: str) -> set[str]:
    """The actors the gemeente's own toegang arrangements name as its toegang."""
    return {
        actor
        for arrangement in G.graph["arrangements"]
        if arrangement.aspect == "toegang"
        and active(arrangement.status)
        and gemeente in arrangement.areas
        for actor in arrangement.about
    }


def _asks_here(G: nx.MultiDiGraph, actor: str, gemeente: str, named: set[str]) -> bool:
    """Whether an inhabitant asks the gemeente for help at *actor*, a toegang actor.

    Where the gemeente's own toegang arrangement names its toegang (the USD in Gooise
    Meren, 002 §3.2, regel 482-484), a toegang actor of that gemeente alone that it does
    not name, nor anything it is part of, is no door: the two jeugdconsulenten there
    "die intensieve regie uitvoeren" (002 §3.2, regel 515-517) keep regie, they are not
    where an inhabitant asks. A toegang for more gemeenten keeps its own arrangement.
    """
    if not named or actor in named or gemeente not in G.nodes[actor]["areas"]:
        return True
    return bool(named.intersection(G.nodes[actor]["part_of"]))


def _route(
    G: nx.MultiDiGraph,
    H: nx.DiGraph,
    actors: list[str],
    parts: dict[str, tuple[str, ...]],
    gemeente: str | None,
    domain: str | None,
) -> Route:
    first_edge = H[_SOURCE][actors[0]]
    steps = [_step(G, actors[0], first_edge if first_edge.get("kind") else None, gemeente, domain)]
    cost = first_edge["weight"]
    for u, v in pairwise(actors):
        edge = H[u][v]
        cost += edge["weight"]
        steps.append(_step(G, v, edge, gemeente, domain))
    last = actors[-1]
    target = G.nodes[last]
    needs_referral = "geindiceerd" in target["access"] or "geindiceerd" in steps[-1].access
    referrer = next((s.actor for s in reversed(steps[:-1]) if s.legal_referrer), None)
    if referrer is None and needs_referral and len(steps) == 1 and steps[0].legal_referrer:
        referrer = steps[0].actor
    sources = {s for step in steps for s in step.sources}
    return Route(
        tuple(steps), cost, needs_referral, referrer, tuple(sorted(sources)), parts.get(last, ())
    )


def _in_sentence(G: nx.MultiDiGraph, actor: str) -> str:
    return actor_phrase(G.nodes[actor]["label"], G.nodes[actor]["type"])


def _labelled(mandate: MandateHeld) -> MandateHeld:
    return replace(
        mandate,
        power_label=concept_label("Power", mandate.power),
        legal_basis_labels=tuple(concept_label("LegalBasis", b) for b in mandate.legal_bases),
    )


def _decider(G: nx.MultiDiGraph, step: Step) -> Decider | None:
    """*step*'s actor as the one who decides, by its mandates that open contracted care."""
    opening = [m for m in step.mandates if m.opens_contracted_care]
    if not opening:
        return None
    return Decider(
        step.actor,
        step.label,
        tuple(dict.fromkeys(m.power_label for m in opening)),
        tuple(dict.fromkeys(b for m in opening for b in m.legal_basis_labels)),
        tuple(dict.fromkeys(s for m in opening for s in m.sources)),
        any(m.basis_derived for m in opening),
    )


def _needs_referral(G: nx.MultiDiGraph, step: Step) -> bool:
    return "geindiceerd" in step.access or "geindiceerd" in G.nodes[step.actor]["access"]


def _said(G: nx.MultiDiGraph, previous: Step | None, step: Step) -> Step:
    """*step* with its Dutch sentence and who decides it (see :class:`Step`)."""
    here = _in_sentence(G, step.actor)
    decider = None
    if step.kind == ON_BEHALF:
        decider = _decider(G, step)
    elif previous is not None and _needs_referral(G, step):
        decider = _decider(G, previous)
    if step.kind == _SELF_REFERRAL:
        clause = f"de inwoner gaat zelf naar {here}"
    elif previous is None:
        clause = f"de route begint bij {here}"
    elif step.kind == ON_BEHALF:
        decides = verb("beslist", "beslissen", previous.label)
        clause = f"{_in_sentence(G, previous.actor)} {decides} namens {here}"
    else:
        clause = relation_phrase(step.kind or "", _in_sentence(G, previous.actor), here)
    bases = tuple(concept_label("LegalBasis", b) for b in step.legal_bases)
    derived = False
    if not bases and decider is not None:
        bases, derived = decider.legal_bases, decider.basis_derived
    if bases:
        clause += f" ({', '.join(bases)}{_DERIVED_BASIS if derived else ''})"
    if step.reported_practice:
        clause += ", zo zeggen verwijzers in de praktijk; het is geen afspraak"
    return replace(step, sentence=sentence(clause), decider=decider)


def _explained(G: nx.MultiDiGraph, route: Route) -> Route:
    """*route* with its Dutch explanation, step by step (made only for routes kept)."""
    steps = []
    previous = None
    for step in route.steps:
        step = replace(step, mandates=tuple(_labelled(m) for m in step.mandates))
        steps.append(replace(step, explanation=_explain(G, previous, step)))
        previous = step.actor
    said: list[Step] = []
    for step in steps:
        said.append(_said(G, said[-1] if said else None, step))
    referrer = next((s for s in said if s.actor == route.referrer), None)
    explanation = " ".join(step.explanation for step in steps)
    last = G.nodes[route.actors[-1]]
    if route.provider_parts:
        names = ", ".join(G.nodes[p]["label"] for p in route.provider_parts)
        explanation += f" {last['label']} geeft deze hulp via {names}."
    if route.needs_referral and route.referrer is None:
        explanation += (
            " Deze hulp vraagt een verwijzing, maar op deze route staat geen wettelijk verwijzer."
        )
    return replace(
        route,
        steps=tuple(said),
        explanation=explanation,
        decider=_decider(G, referrer) if referrer is not None else None,
        provider_part_labels=tuple(G.nodes[p]["label"] for p in route.provider_parts),
        provider_part_sources=tuple(
            dict.fromkeys(s for p in route.provider_parts for s in G.nodes[p]["sources"])
        ),
    )


def _entry_phrase(G: nx.MultiDiGraph, route: Route) -> str:
    if len(route.steps) > 1 and route.steps[1].kind == ON_BEHALF:
        return f"de toegang van {_in_sentence(G, route.steps[1].actor)}"
    return _in_sentence(G, route.steps[0].actor)


def _gate(G: nx.MultiDiGraph, route: Route, where: str = "hier") -> str:
    """Who opens the gate of *route* to the help, as a clause that starts with *where*."""
    if route.referrer is not None:
        who = route.decider.label if route.decider else G.nodes[route.referrer]["label"]
        opens = verb("opent", "openen", who)
        return f"{where} {opens} {_in_sentence(G, route.referrer)} de toegang tot de hulp"
    if route.needs_referral:
        return f"{where} staat niemand die mag verwijzen"
    return f"{where} is geen verwijzing nodig"


def _differences(G: nx.MultiDiGraph, route: Route, first: Route) -> tuple[str, ...]:
    """How *route* differs from *first* in entry, gate and provider, in Dutch."""
    found = []
    entry, first_entry = _entry_phrase(G, route), _entry_phrase(G, first)
    if entry != first_entry:
        found.append(f"Deze route begint bij {entry}, route 1 bij {first_entry}.")
    if route.referrer != first.referrer:
        first_gate = (
            f"op route 1 {_in_sentence(G, first.referrer)}"
            if route.referrer is not None and first.referrer is not None
            else _gate(G, first, "op route 1")
        )
        found.append(sentence(f"{_gate(G, route)}, {first_gate}"))
    provider, first_provider = route.actors[-1], first.actors[-1]
    if provider != first_provider:
        found.append(
            f"De hulp komt hier van {_in_sentence(G, provider)}, "
            f"op route 1 van {_in_sentence(G, first_provider)}."
        )
    return tuple(found)


def _candidates(
    G: nx.MultiDiGraph,
    H: nx.DiGraph,
    found: dict[str, tuple[str, ...]],
    gemeente: str | None,
    domain: str | None,
    k: int,
) -> list[Route]:
    """The cheapest routes through *H*, enough to choose *k* distinct ones from.

    Paths come cheapest first; once *k* distinct routes with an open gate are found,
    the paths that cost more can no longer be chosen (gate-open routes come first),
    so the walk stops there instead of at its limit of ``4 k`` paths.
    """
    candidates: list[Route] = []
    kept: list[Route] = []
    stop_above: float | None = None
    paths = nx.shortest_simple_paths(H, _SOURCE, _TARGET, weight="weight")
    for path in islice(paths, 4 * k):
        route = _route(G, H, path[1:-1], found, gemeente, domain)
        if stop_above is not None and route.cost > stop_above:
            break
        candidates.append(route)
        if stop_above is None and route.gate_open and _differs(route, kept):
            kept.append(route)
            if len(kept) == k:
                stop_above = route.cost
    return candidates


def _differs(route: Route, chosen: list[Route]) -> bool:
    actors = set(route.actors)
    return all(
        _key(c) != _key(route) and not (set(c.actors) <= actors or actors <= set(c.actors))
        for c in chosen
    )


def _key(route: Route) -> tuple[str | None, ...]:
    """What makes two routes different: entry, gate and provider. The toegang actors of
    one gemeente count as one entry: they are its front door together."""
    entry = route.steps[0].actor
    if len(route.steps) > 1 and route.steps[1].kind == ON_BEHALF:
        entry = f"toegang van {route.steps[1].actor}"
    return (entry, route.referrer, route.actors[-1])


def _within_another(route: Route, candidates: list[Route]) -> bool:
    """Whether another candidate takes the same steps to a care category that *route*'s
    provider is part of: then *route* is that route with the provider named (the huisarts
    to the aanbieders jeugd-GGZ, within the regionaal gecontracteerde jeugdhulp), and
    the other route names the parts."""
    return any(
        c.actors[:-1] == route.actors[:-1] and route.actors[-1] in c.provider_parts
        for c in candidates
    )


def _distinct(G: nx.MultiDiGraph, candidates: list[Route], k: int) -> tuple[Route, ...]:
    """At most *k* routes that differ in entry, gate or provider, never only by a detour.

    A route that holds the actors of a better one and more (or fewer) is the same
    route with a detour (or a shortcut) and is left out; so is one that only enters
    the gemeente's toegang at another door, which the route kept names instead, and one
    that ends at a part of the care category another route ends at
    (:func:`_within_another`).
    """
    chosen: list[Route] = []
    other_doors: dict[int, list[str]] = {}
    candidates = [r for r in candidates if not _within_another(r, candidates)]
    for route in candidates:
        key = _key(route)
        same = next((i for i, c in enumerate(chosen) if _key(c) == key), None)
        if same is not None:
            if key[0] != route.steps[0].actor:  # another door of the same toegang
                other_doors.setdefault(same, []).append(route.steps[0].label)
            continue
        if _differs(route, chosen) and len(chosen) < k:
            chosen.append(route)
    chosen = [_explained(G, route) for route in chosen]
    chosen = [
        replace(route, differences=_differences(G, route, chosen[0])) if i else route
        for i, route in enumerate(chosen)
    ]
    for i, doors in other_doors.items():
        route = chosen[i]
        names = ", ".join(sorted(set(doors)))
        note = f" Dezelfde toegang van de gemeente loopt ook via: {names}."
        chosen[i] = replace(
            route,
            explanation=route.explanation + note,
            other_entries=tuple(sorted(set(doors))),
        )
    return tuple(chosen)


def referral_routes(
    G: nx.MultiDiGraph,
    source: str,
    help_kind: str,
    *,
    gemeente: str | None = None,
    domain: str | None = None,
    level: str | None = None,
    k: int = 5,
) -> RouteResult:
    """How does someone get from *source* to *help_kind*?

    The *k* cheapest chains of relations from the entry point to an actor giving the
    help (:func:`providers`), over :func:`route_graph`, that hold in the gemeente,
    domain and level asked for. A referral or hand-over costs 1, a consultation 1.5,
    an escalation or collaboration 2, a toegang deciding for its gemeente 0.5, a step
    through a pilot 0.5 extra. Routes where the gate to indicated care is opened by a
    legal referrer come before routes where it is not. Alternatives differ in their
    entry, their gate or their provider: a route that holds another route's actors and
    more (the same route with a detour) is left out. Each route explains itself in
    Dutch, step by step; steps that referrers report as practice say so.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    source : str
        An actor id, or a kind of actor (``"huisarts"``, ``"school"``, ``"inwoner"``):
        then every actor of that kind in the gemeente is an entry. An ``"inwoner"`` may
        also go straight to any open-access (voorveld) actor, and to the gemeente's
        toegang (:func:`front_doors`; the gemeente itself where the seeds do not say).
    help_kind : str
        A notation of the help kinds vocabulary, e.g. ``"jeugd-ggz"``.
    gemeente : str, optional
        The area the route must hold in; relations for a containing area count.
    domain, level : str, optional
        Only relations for this domain / support level (or for none in particular).
    k : int
        How many routes at most.

    Returns
    -------
    RouteResult
        The routes, each step with its relation and the mandates held there; when
        there is no route, ``missing`` names the missing step and ``explanation`` says
        it in Dutch.

    Raises
    ------
    UnknownName
        When the entry point, help kind, gemeente, domain or level is unknown.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> result = referral_routes(G, "huisarts", "jeugd-ggz", gemeente="hilversum")
    >>> for route in result.routes:
    ...     print(" -> ".join(route.actors))
    huisarts -> ggz-aanbieder
    >>> result.routes[0].referrer
    'huisarts'
    >>> front_door = referral_routes(G, "inwoner", "jeugd-ggz", gemeente="hilversum")
    >>> print(front_door.routes[0].explanation)  # doctest: +NORMALIZE_WHITESPACE
    De inwoner gaat zelf naar buurtteam [bron: 003 §4]. buurtteam verwijst naar gemeente
    hilversum; gemeente hilversum mag hier beschikken (Jeugdwet) [bron: 003 §4]. gemeente
    hilversum verwijst naar ggz aanbieder [bron: 003 §4].
    >>> referral_routes(G, "school", "basishulp").routes[0].voorveld
    True
    >>> referral_routes(G, "gemeente", "jeugd-ggz", gemeente="huizen").missing
    'geen-ingang'
    """
    question = _question(G, source, help_kind, gemeente, domain, level)
    unanswered = _no_entry_or_provider(question)
    if unanswered is not None:
        return unanswered
    unanswered = _no_chain(G, question)
    if unanswered is not None:
        return unanswered
    H = _question_graph(G, question)
    candidates = _candidates(G, H, question.found, gemeente, domain, k)
    candidates.sort(key=lambda r: (not r.gate_open, r.cost, len(r.steps)))
    routes = _distinct(G, candidates, k)
    explanation = ""
    without_decider: tuple[Route, ...] = ()
    if not any(r.gate_open for r in routes):
        explanation = (
            f"{question.help_label}{question.where} vraagt een verwijzing, maar op geen "
            "enkele route staat een wettelijk verwijzer: er is geen route met een "
            "wettelijk verwijzer."
        )
    else:
        routes, without_decider = _apart(routes)
    routes = tuple(replace(r, regional=_regional(G, r, gemeente, domain)) for r in routes)
    region = _region_label(G, gemeente) if routes and all(r.regional for r in routes) else ""
    return replace(
        question.answer(routes, None, explanation),
        without_decider=without_decider,
        region_label=region,
    )


def _apart(routes: tuple[Route, ...]) -> tuple[tuple[Route, ...], tuple[Route, ...]]:
    """The routes with an open gate, and apart those without anyone who may decide.

    A route without a decider that starts at a door a route kept already names as
    another door of the same toegang (where the gemeente decides) is left out: it
    says no more than that route, and would contradict it.
    """
    legal = tuple(r for r in routes if r.gate_open)
    doors = {door for r in legal for door in r.other_entries}
    apart = tuple(r for r in routes if not r.gate_open and r.steps[0].label not in doors)
    return legal, apart


def _regional_areas(G: nx.MultiDiGraph, areas: tuple[str, ...] | list[str]) -> bool:
    """Whether something for *areas* holds in the whole region: no gemeente or cluster."""
    known = G.graph["areas"]
    return all(a not in known or known[a].type not in ("gemeente", "cluster") for a in areas)


def _regional(G: nx.MultiDiGraph, route: Route, gemeente: str | None, domain: str | None) -> bool:
    """Whether every actor, relation and opening mandate of *route* is regional or wider."""
    if gemeente is None:
        return False
    actors = all(_regional_areas(G, G.nodes[a]["areas"]) for a in route.actors)
    relations = all(
        _regional_areas(G, G.edges[u, v, step.relation]["areas"] or ())
        for (u, v), step in zip(pairwise(route.actors), route.steps[1:], strict=True)
        if step.relation is not None and G.has_edge(u, v, step.relation)
    )
    mandates = route.referrer is None or all(
        _regional_areas(G, m.areas)
        for m in _mandates_at(G, route.referrer, gemeente, domain)
        if m.opens_contracted_care
    )
    return actors and relations and mandates


def _region_label(G: nx.MultiDiGraph, gemeente: str | None) -> str:
    """The name of the region (an area of type ``regio``) *gemeente* lies in."""
    if gemeente is None:
        return ""
    known = G.graph["areas"]
    regions = sorted(
        known[a].label for a in area_ancestors(G, gemeente) if known[a].type == "regio"
    )
    return regions[0] if regions else ""


@dataclass(frozen=True)
class _Question:
    """A route question whose names are checked, with its entries and providers."""

    source: str
    help_kind: str
    gemeente: str | None
    domain: str | None
    level: str | None
    entries: list[str]
    found: dict[str, tuple[str, ...]]
    # An inhabitant (not an actor of that id) may go to the voorveld and the toegang:
    # these doors (:func:`inhabitant_entries`), with their sources.
    self_referral: bool
    doors: tuple[tuple[str, tuple[str, ...]], ...]
    where: str
    help_label: str
    # The entry point as the explanations name it: the actor's or the kind's label.
    source_label: str

    def answer(
        self, routes: tuple[Route, ...], missing: str | None, explanation: str
    ) -> RouteResult:
        sources = {s for r in routes for s in r.sources}
        return RouteResult(
            self.source,
            self.help_kind,
            self.gemeente,
            self.domain,
            self.level,
            routes,
            tuple(self.found),
            missing,
            explanation,
            tuple(sorted(sources)),
        )


def _question(
    G: nx.MultiDiGraph,
    source: str,
    help_kind: str,
    gemeente: str | None,
    domain: str | None,
    level: str | None,
) -> _Question:
    check_concept(help_kind, "HelpKind", "soort hulp")
    check_area(G, gemeente)
    check_concept(domain, "Domain", "domein")
    check_concept(level, "SupportLevel", "niveau")
    entries = entry_actors(G, source, gemeente)
    self_referral = source == "inwoner" and source not in G
    return _Question(
        source,
        help_kind,
        gemeente,
        domain,
        level,
        entries,
        providers(G, help_kind, gemeente=gemeente, domain=domain, level=level),
        self_referral,
        inhabitant_entries(G, gemeente) if self_referral else (),
        f" in {G.graph['areas'][gemeente].label}" if gemeente else "",
        concept_label("HelpKind", help_kind),
        G.nodes[source]["label"] if source in G else concept_label("ActorType", source),
    )


def _no_entry_or_provider(question: _Question) -> RouteResult | None:
    """The answer when the question has no entry point or nobody gives the help."""
    if not question.entries and not question.self_referral:
        return question.answer(
            (),
            "geen-ingang",
            f"De bronnen noemen geen actor van de soort '{question.source_label}'{question.where}.",
        )
    if not question.found:
        return question.answer(
            (),
            "geen-aanbieder",
            f"Volgens de bronnen biedt niemand {question.help_label}{question.where} "
            "(ook niet als pilot).",
        )
    return None


def _question_graph(G: nx.MultiDiGraph, question: _Question) -> nx.DiGraph:
    """:func:`route_graph` with the entry points joined to a start and the providers to
    an end, so that a route is a path from one to the other."""
    gemeente = question.gemeente
    dicts = _route_dicts(G, question.help_kind, gemeente, question.domain, question.level)
    for entry in question.entries:
        _add_edge(dicts, _SOURCE, entry, {"weight": 0.0, "kind": None})
    for actor, sources in question.doors:
        # Of two doors, the gemeente's own comes before one for the whole region.
        local = G.nodes[actor]["scale"] == "lokaal"
        attrs = {
            "weight": 1.0 if local else 1.1,
            "kind": _SELF_REFERRAL,
            "key": None,
            "access": ("voorveld",),
            "status": None,
            "sources": sources,
        }
        _add_edge(dicts, _SOURCE, actor, attrs)
    for provider in question.found:
        _add_edge(dicts, provider, _TARGET, {"weight": 0.0})
    return digraph_of(*dicts)


def _starts(question: _Question) -> set[str]:
    """Where the question's routes start: its entries, and where an inhabitant may go."""
    return {*question.entries, *(actor for actor, _ in question.doors)}


def _no_chain(G: nx.MultiDiGraph, question: _Question) -> RouteResult | None:
    """The answer when no relation leaves the entry points, or none leads on to a
    provider; found by walking the steps, before any graph is built."""
    source, where = question.source_label, question.where
    kind = question.help_kind
    onward = _onward(G, question.gemeente, question.domain, question.level)
    names = ", ".join(G.nodes[p]["label"] for p in question.found)
    leaves = any(_steps_from(onward, e, kind) or e in question.found for e in question.entries)
    if not question.self_referral and not leaves:
        return question.answer(
            (),
            "geen-relatie-vanaf-ingang",
            f"Vanaf {source} loopt geen verwijs- of meldrelatie die{where} geldt voor "
            f"{concept_label('Domain', question.domain) or 'dit domein'}; aanbieders: {names}.",
        )
    starts = _starts(question)
    reached = _walk(onward, starts, kind)
    if not reached.isdisjoint(question.found):
        return None
    into = _stepped_into(onward, kind)
    unreached = [G.nodes[p]["label"] for p in question.found if p not in into and p not in starts]
    detail = f" Naar {', '.join(unreached)} loopt helemaal geen relatie." if unreached else ""
    return question.answer(
        (),
        "geen-keten",
        f"Er zijn aanbieders van {question.help_label}{where} ({names}), "
        f"maar geen keten van relaties vanaf {source} naar hen. Bereikbaar vanaf "
        f"{source}: {', '.join(G.nodes[a]['label'] for a in sorted(reached)) or 'niets'}."
        f"{detail}",
    )
