"""Referral routes: how someone gets from an entry point to a kind of help.

A route is a chain of relations (verwijst, meldt, draagt over, consulteert, ...) from an
entry point to an actor that offers the help, under the conditions of a gemeente, a
domain and a level. Each step says who holds a mandate there; a route to indicated care
(access ``geindiceerd``) says which legal referrer (wettelijk verwijzer) opens the gate.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, pairwise

import networkx as nx

from zorgnet.graph.analyses._common import (
    active,
    check_area,
    check_concept,
    edge_applies,
    in_scope,
)
from zorgnet.graph.analyses._index import (
    help_relations,
    mandates_by_holder,
    offering,
    opening_mandates,
    scope_actors,
)
from zorgnet.graph.projection import Mandate
from zorgnet.ontology.exceptions import UnknownName

__all__ = [
    "ROUTE_COSTS",
    "LegalReferrer",
    "LegalReferrers",
    "MandateHeld",
    "Route",
    "RouteResult",
    "Step",
    "legal_referrers",
    "prepare_routes",
    "referral_routes",
]

# The relation kinds a person can travel along, with a cost: a referral or hand-over is
# one step; consulting, escalating or a loose collaboration is a detour. "bevat" is a
# part-of link read from the whole to the part (Jeugd en Gezin → its jeugdarts).
ROUTE_COSTS: dict[str, float] = {
    "verwijst": 1.0,
    "draagt-over": 1.0,
    "meldt": 1.0,
    "bevat": 1.0,
    "consulteert": 1.5,
    "adviseert": 1.5,
    "escaleert": 2.0,
    "werkt-samen": 2.0,
    "is-gekoppeld-aan": 2.0,
}
# A pilot may stop; prefer a route through what is in place.
_PILOT_PENALTY = 0.5
# Self-referral by an inhabitant to open-access (voorveld) help.
_SELF_REFERRAL = "meldt-zich"
_SOURCE = "\0ingang"
_TARGET = "\0hulp"


@dataclass(frozen=True)
class MandateHeld:
    """A mandate held at a step of a route."""

    mandate: str
    power: str
    legal_bases: tuple[str, ...]
    opens_contracted_care: bool
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    """One actor on a route and the relation that leads to it."""

    actor: str
    label: str
    type: str | None
    relation: str | None
    kind: str | None
    access: tuple[str, ...]
    status: str | None
    mandates: tuple[MandateHeld, ...]
    sources: tuple[str, ...]

    @property
    def legal_referrer(self) -> bool:
        """Whether the actor here may open contracted care."""
        return any(m.opens_contracted_care for m in self.mandates)


@dataclass(frozen=True)
class Route:
    """A route from the entry point to an actor offering the help."""

    steps: tuple[Step, ...]
    cost: float
    needs_referral: bool
    referrer: str | None
    sources: tuple[str, ...]

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
    """The answer to "how does one get from here to this help?"."""

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


def _entry_actors(G: nx.MultiDiGraph, source: str, gemeente: str | None) -> list[str]:
    from zorgnet.ontology.namespace import ZN
    from zorgnet.ontology.vocabulary import vocabulary

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


def _providers(
    G: nx.MultiDiGraph, help_kind: str, gemeente: str | None, domain: str | None, level: str | None
) -> set[str]:
    nodes = G.nodes
    providers = {
        a
        for a in offering(G, gemeente).get(help_kind, ())
        if level is None or not nodes[a]["levels"] or level in nodes[a]["levels"]
    }
    # A relation "for jeugd-ggz" to an actor says that actor gives it, even where the
    # actor record does not list it (a provider category, say).
    for _, target, data in help_relations(G, gemeente).get(help_kind, ()):
        if edge_applies(G, data, area=gemeente, domain=domain, level=level):
            providers.add(target)
    return providers


def _route_graph(
    G: nx.MultiDiGraph, help_kind: str, gemeente: str | None, domain: str | None, level: str | None
) -> nx.DiGraph:
    """The relations usable under the conditions, the cheapest per pair of actors."""
    H = nx.DiGraph()
    # Only the actors of the gemeente, in the order of G: the same edges in the same
    # order as a scan of every relation, so equal-cost ties fall the same way.
    ordered = scope_actors(G, gemeente)
    usable = set(ordered)
    H.add_nodes_from(ordered)
    succ = G.succ
    edges = (
        (u, v, key, data)
        for u in ordered
        for v, keyed in succ[u].items()
        if v in usable
        for key, data in keyed.items()
    )
    for u, v, key, data in edges:
        if data["record"] == "part-of":
            u, v, kind = v, u, "bevat"
        elif data["record"] == "relation" and data["kind"] in ROUTE_COSTS:
            kind = data["kind"]
            if not edge_applies(
                G, data, area=gemeente, domain=domain, level=level, help_kind=help_kind
            ):
                continue
        else:
            continue
        cost = ROUTE_COSTS[kind] + (_PILOT_PENALTY if data.get("status") == "pilot" else 0.0)
        if not H.has_edge(u, v) or H[u][v]["weight"] > cost:
            H.add_edge(
                u,
                v,
                weight=cost,
                key=key if kind != "bevat" else None,
                kind=kind,
                access=tuple(data.get("access") or ()),
                status=data.get("status"),
                sources=tuple(data.get("sources") or ()),
            )
    return H


def _step(
    G: nx.MultiDiGraph, actor: str, edge: dict | None, gemeente: str | None, domain: str | None
) -> Step:
    node = G.nodes[actor]
    held = tuple(
        MandateHeld(m.id, m.power, m.legal_bases, m.opens_contracted_care, m.sources)
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
        tuple(node["sources"]) + tuple(edge.get("sources") or () if edge else ()),
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

    The *k* cheapest chains of relations from the entry point to an actor offering the
    help, that hold in the gemeente, domain and level asked for. A referral or
    hand-over costs 1, a consultation 1.5, an escalation or collaboration 2, a step
    through a pilot 0.5 extra. Routes where the gate to indicated care is opened by a
    legal referrer come before routes where it is not.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    source : str
        An actor id, or a kind of actor (``"huisarts"``, ``"school"``, ``"inwoner"``):
        then every actor of that kind in the gemeente is an entry. An ``"inwoner"`` may
        also go straight to any open-access (voorveld) actor.
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
    huisarts -> poh-jeugd -> buurtteam -> gemeente-hilversum -> ggz-aanbieder
    >>> result.routes[0].referrer
    'huisarts'
    >>> referral_routes(G, "school", "basishulp").routes[0].voorveld
    True
    >>> referral_routes(G, "gemeente", "jeugd-ggz", gemeente="huizen").missing
    'geen-ingang'
    """
    check_concept(help_kind, "HelpKind", "soort hulp")
    check_area(G, gemeente)
    check_concept(domain, "Domain", "domein")
    check_concept(level, "SupportLevel", "niveau")
    entries = _entry_actors(G, source, gemeente)
    where = f" in {gemeente}" if gemeente else ""

    def result(
        routes: tuple[Route, ...], providers: set[str], missing: str | None, explanation: str
    ) -> RouteResult:
        sources = {s for r in routes for s in r.sources}
        return RouteResult(
            source,
            help_kind,
            gemeente,
            domain,
            level,
            routes,
            tuple(sorted(providers)),
            missing,
            explanation,
            tuple(sorted(sources)),
        )

    providers = _providers(G, help_kind, gemeente, domain, level)
    self_referral = source == "inwoner" and source not in G
    if not entries and not self_referral:
        return result(
            (),
            providers,
            "geen-ingang",
            f"Er is geen actor van de soort {source!r}{where} in de data.",
        )
    if not providers:
        return result(
            (),
            providers,
            "geen-aanbieder",
            f"Geen actor biedt {help_kind}{where} (ook niet als pilot).",
        )
    H = _route_graph(G, help_kind, gemeente, domain, level)
    for entry in entries:
        H.add_edge(_SOURCE, entry, weight=0.0, kind=None)
    if self_referral:
        for actor in list(H.nodes):
            if actor not in (_SOURCE, _TARGET) and "voorveld" in G.nodes[actor]["access"]:
                H.add_edge(
                    _SOURCE,
                    actor,
                    weight=1.0,
                    kind=_SELF_REFERRAL,
                    key=None,
                    access=("voorveld",),
                    status=None,
                    sources=(),
                )
    for provider in sorted(providers):
        H.add_edge(provider, _TARGET, weight=0.0)
    if not any(H.out_degree(e) for e in entries) and not self_referral:
        return result(
            (),
            providers,
            "geen-relatie-vanaf-ingang",
            f"Vanaf {source} loopt geen verwijs- of meldrelatie die{where} geldt "
            f"voor {domain or 'dit domein'}; aanbieders: {', '.join(sorted(providers))}.",
        )
    if not nx.has_path(H, _SOURCE, _TARGET):
        reachable = sorted(set(nx.descendants(H, _SOURCE)) - {_TARGET})
        unreached = sorted(p for p in providers if H.in_degree(p) == 0)
        detail = f" Naar {', '.join(unreached)} loopt helemaal geen relatie." if unreached else ""
        return result(
            (),
            providers,
            "geen-keten",
            f"Er zijn aanbieders van {help_kind}{where} "
            f"({', '.join(sorted(providers))}), "
            f"maar geen keten van relaties vanaf {source} naar hen. Bereikbaar vanaf "
            f"{source}: {', '.join(reachable) or 'niets'}.{detail}",
        )
    candidates = []
    for path in islice(nx.shortest_simple_paths(H, _SOURCE, _TARGET, weight="weight"), 3 * k):
        actors = path[1:-1]
        first_edge = H[_SOURCE][actors[0]]
        steps = [
            _step(G, actors[0], first_edge if first_edge.get("kind") else None, gemeente, domain)
        ]
        cost = first_edge["weight"]
        for u, v in pairwise(actors):
            edge = H[u][v]
            cost += edge["weight"]
            steps.append(_step(G, v, edge, gemeente, domain))
        target = G.nodes[actors[-1]]
        needs_referral = "geindiceerd" in target["access"] or "geindiceerd" in steps[-1].access
        referrer = next((s.actor for s in reversed(steps[:-1]) if s.legal_referrer), None)
        if referrer is None and needs_referral and len(steps) == 1 and steps[0].legal_referrer:
            referrer = steps[0].actor
        sources = {s for step in steps for s in step.sources}
        candidates.append(
            Route(tuple(steps), cost, needs_referral, referrer, tuple(sorted(sources)))
        )
    candidates.sort(key=lambda r: (not r.gate_open, r.cost, len(r.steps)))
    routes = tuple(candidates[:k])
    explanation = ""
    if not any(r.gate_open for r in routes):
        explanation = (
            f"{help_kind}{where} vraagt een verwijzing, maar op geen enkele route staat "
            "een wettelijk verwijzer."
        )
    return result(routes, providers, None, explanation)
