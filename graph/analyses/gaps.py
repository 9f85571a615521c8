"""Gaps: where help is missing, only a pilot, short, unreachable, or a dead end."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from rdflib import SKOS

from zorgnet.graph.analyses._common import (
    active,
    check_area,
    check_concept,
    edge_applies,
    in_scope,
    memo,
)
from zorgnet.graph.analyses._index import offering, scope_actors
from zorgnet.graph.analyses.routes import ROUTE_COSTS, legal_referrers
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import vocabulary

__all__ = [
    "Coverage",
    "CoverageCell",
    "DeadEnds",
    "FrameworkCell",
    "FrameworkCoverage",
    "ReferrerReach",
    "coverage",
    "dead_ends",
    "framework_coverage",
    "referrer_reach",
]

_LEVELS = ("licht", "midden", "zwaar")


@dataclass(frozen=True)
class CoverageCell:
    """Who provides one kind of help at one level in one gemeente."""

    gemeente: str
    help_kind: str
    level: str
    state: str
    providers: tuple[str, ...]
    pilots: tuple[str, ...]
    shortages: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Coverage:
    """The coverage matrix gemeente x help kind x level."""

    cells: tuple[CoverageCell, ...]
    sources: tuple[str, ...]

    def gaps(self) -> tuple[CoverageCell, ...]:
        """The cells where nobody, or only a pilot, provides the help."""
        return tuple(c for c in self.cells if c.state != "aanwezig")


@dataclass(frozen=True)
class DeadEnds:
    """Actors no route leads to (unreachable) and actors no route leads from."""

    unreachable: tuple[str, ...]
    dead_ends: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ReferrerReach:
    """Indicated help in a gemeente that no legal referrer there can reach."""

    gemeente: str
    referrers: tuple[str, ...]
    unreached: dict[str, tuple[str, ...]]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class FrameworkCell:
    """Who serves one VNG framework concept in one gemeente, as far as the seeds say."""

    gemeente: str
    concept: str
    state: str
    serving: tuple[str, ...]
    alignments: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class FrameworkCoverage:
    """The matrix gemeente x VNG basisfunctie / propositie."""

    cells: tuple[FrameworkCell, ...]
    sources: tuple[str, ...]

    def undescribed(self) -> tuple[FrameworkCell, ...]:
        """The cells for which the seeds name no actor or arrangement."""
        return tuple(c for c in self.cells if c.state == "niet-beschreven")


def _gemeenten(G: nx.MultiDiGraph) -> list[str]:
    return sorted(a.id for a in G.graph["areas"].values() if a.type == "gemeente")


def coverage(
    G: nx.MultiDiGraph,
    *,
    gemeenten: list[str] | None = None,
    help_kinds: list[str] | None = None,
    levels: tuple[str, ...] = _LEVELS,
) -> Coverage:
    """Where is which help missing, only a pilot, or short?

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    gemeenten : list of str, optional
        Area ids; default every area of type gemeente.
    help_kinds : list of str, optional
        Help kind notations; default the whole vocabulary.
    levels : tuple of str
        Support levels; an actor that states no level counts for every level.

    Returns
    -------
    Coverage
        One cell per combination with state ``aanwezig``, ``alleen-pilot`` or
        ``afwezig``, the providers, and the shortages the seeds name.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> cells = coverage(G, help_kinds=["lichte-begeleiding", "verblijf"], levels=("licht",))
    >>> [(c.gemeente, c.help_kind, c.state) for c in cells.cells]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('hilversum', 'lichte-begeleiding', 'alleen-pilot'), ('hilversum', 'verblijf', 'afwezig'),
     ('huizen', 'lichte-begeleiding', 'afwezig'), ('huizen', 'verblijf', 'afwezig')]
    """
    for name in gemeenten or ():
        check_area(G, name)
    for name in help_kinds or ():
        check_concept(name, "HelpKind", "soort hulp")
    kinds = help_kinds or vocabulary().notations(ZN.HelpKind)
    nodes = G.nodes
    cells = []
    for gemeente in gemeenten or _gemeenten(G):
        by_kind = offering(G, gemeente)
        here = [s for s in G.graph["shortages"] if in_scope(G, s.areas, gemeente)]
        for kind in kinds:
            short = [s for s in here if kind in s.help_kinds]
            shortages = tuple(s.id for s in short)
            short_sources = {src for s in short for src in s.sources}
            for level in levels:
                offering_here = [
                    a
                    for a in by_kind.get(kind, ())
                    if not nodes[a]["levels"] or level in nodes[a]["levels"]
                ]
                pilots = tuple(sorted(a for a in offering_here if nodes[a]["status"] == "pilot"))
                providers = tuple(sorted(a for a in offering_here if nodes[a]["status"] != "pilot"))
                state = "aanwezig" if providers else "alleen-pilot" if pilots else "afwezig"
                sources = {s for a in offering_here for s in nodes[a]["sources"]} | short_sources
                cells.append(
                    CoverageCell(
                        gemeente,
                        kind,
                        level,
                        state,
                        providers,
                        pilots,
                        shortages,
                        tuple(sorted(sources)),
                    )
                )
    return Coverage(tuple(cells), tuple(sorted({s for c in cells for s in c.sources})))


def framework_coverage(
    G: nx.MultiDiGraph, *, gemeenten: list[str] | None = None, concepts: list[str] | None = None
) -> FrameworkCoverage:
    """Which VNG basisfuncties and proposities does each gemeente fill in, and by whom?

    An alignment record says that an actor or a local arrangement serves a framework
    concept; it counts for a gemeente when that actor works there or the arrangement is
    about it. A cell without alignments is ``niet-beschreven``, not "absent": the seeds
    may simply not say.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    gemeenten : list of str, optional
        Area ids; default every area of type gemeente.
    concepts : list of str, optional
        Framework concept notations; default the basisfuncties and proposities.

    Returns
    -------
    FrameworkCoverage
        One cell per gemeente and concept: ``ingevuld`` with the serving actors and
        arrangements, or ``niet-beschreven``.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> cells = framework_coverage(G, gemeenten=["huizen"], concepts=["dichtbij"])
    >>> [(c.gemeente, c.concept, c.state) for c in cells.cells]
    [('huizen', 'dichtbij', 'niet-beschreven')]
    """
    for name in gemeenten or ():
        check_area(G, name)
    for name in concepts or ():
        check_concept(name, "FrameworkConcept", "begrip uit een kader")
    wanted = concepts or _framework_concepts()
    arrangements = {a.id: a for a in G.graph["arrangements"]}
    cells = []
    for gemeente in gemeenten or _gemeenten(G):
        for concept in wanted:
            serving: set[str] = set()
            used: list = []
            for alignment in G.graph["alignments"]:
                if alignment.concept != concept:
                    continue
                here = {
                    about
                    for about in alignment.about
                    if (about in G and in_scope(G, G.nodes[about]["areas"], gemeente))
                    or (about in arrangements and in_scope(G, arrangements[about].areas, gemeente))
                }
                if here:
                    serving |= here
                    used.append(alignment)
            cells.append(
                FrameworkCell(
                    gemeente,
                    concept,
                    "ingevuld" if serving else "niet-beschreven",
                    tuple(sorted(serving)),
                    tuple(sorted(a.id for a in used)),
                    tuple(sorted({s for a in used for s in a.sources})),
                )
            )
    return FrameworkCoverage(tuple(cells), tuple(sorted({s for c in cells for s in c.sources})))


def _framework_concepts() -> list[str]:
    vocab = vocabulary()
    return [
        notation
        for notation in vocab.notations(ZN.FrameworkConcept)
        if any(
            str(scheme).endswith(("/basisfuncties", "/proposities"))
            for scheme in vocab.graph.objects(
                vocab.concept(ZN.FrameworkConcept, notation), SKOS.inScheme
            )
        )
    ]


def dead_ends(G: nx.MultiDiGraph) -> DeadEnds:
    """Which actors can no route reach, and which lead nowhere?

    Only route relations (verwijst, meldt, draagt over, ...) count; an actor that
    offers help itself is an end point, not a dead end.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> result = dead_ends(example_projection())
    >>> result.unreachable
    ('huisarts', 'school')
    >>> result.dead_ends
    ('doorbraaktafel',)
    """

    def compute() -> DeadEnds:
        incoming: set[str] = set()
        outgoing: set[str] = set()
        for u, v, d in G.edges(data=True):
            if d["record"] == "relation" and d["kind"] in ROUTE_COSTS and active(d["status"]):
                outgoing.add(u)
                incoming.add(v)
        actors = [a for a, d in G.nodes(data=True) if active(d["status"])]
        unreachable = tuple(sorted(a for a in actors if a not in incoming))
        ends = tuple(
            sorted(
                a
                for a in actors
                if a not in outgoing and not G.nodes[a]["offers"] and a in incoming
            )
        )
        sources = {s for a in (*unreachable, *ends) for s in G.nodes[a]["sources"]}
        return DeadEnds(unreachable, ends, tuple(sorted(sources)))

    return memo(G, "dead_ends", compute)


def referrer_reach(G: nx.MultiDiGraph, gemeente: str) -> ReferrerReach:
    """Which indicated help in *gemeente* can no legal referrer there reach?

    Follows route relations (see :data:`~zorgnet.graph.analyses.routes.ROUTE_COSTS`)
    that hold in the gemeente from every legal referrer; providers with access
    ``geindiceerd`` outside that reach are listed per help kind.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> referrer_reach(example_projection(), "hilversum").unreached
    {}
    """
    check_area(G, gemeente)
    referrers = tuple(r.actor for r in legal_referrers(G, gemeente=gemeente).referrers)
    # Walk from the referrers along the relations that hold here, instead of building
    # the graph of every such relation in the country first.
    reached = set(referrers)
    todo = list(referrers)
    succ = G.succ
    while todo:
        for v, keyed in succ[todo.pop()].items():
            if v not in reached and any(
                d["record"] == "relation"
                and d["kind"] in ROUTE_COSTS
                and edge_applies(G, d, area=gemeente)
                for d in keyed.values()
            ):
                reached.add(v)
                todo.append(v)
    unreached: dict[str, list[str]] = {}
    for actor in scope_actors(G, gemeente):
        d = G.nodes[actor]
        if "geindiceerd" in d["access"] and actor not in reached:
            for kind in d["offers"]:
                unreached.setdefault(kind, []).append(actor)
    sources = {s for actors in unreached.values() for a in actors for s in G.nodes[a]["sources"]}
    return ReferrerReach(
        gemeente,
        referrers,
        {k: tuple(sorted(v)) for k, v in sorted(unreached.items())},
        tuple(sorted(sources)),
    )
