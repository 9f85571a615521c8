"""Gaps: where help is missing, only a pilot, short, unreachable, or a dead end."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import networkx as nx
from rdflib import SKOS

from zorgnet.graph.analyses._common import (
    active,
    check_area,
    check_concept,
    in_scope,
    memo,
)
from zorgnet.graph.analyses._index import absent_offers, scope_set
from zorgnet.graph.analyses._labels import actor_labels, area_labels, concept_label
from zorgnet.graph.analyses._plain import choose_area, choose_concept
from zorgnet.graph.analyses.routes import (
    ROUTE_COSTS,
    entry_actors,
    legal_referrers,
    providers,
    reachable,
)
from zorgnet.ontology.exceptions import UnknownName
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import vocabulary

__all__ = [
    "STATES",
    "STATE_MEANINGS",
    "ActorGap",
    "Coverage",
    "CoverageCell",
    "DeadEnds",
    "FrameworkCell",
    "FrameworkCoverage",
    "GapGroup",
    "GapReport",
    "GapSignal",
    "GapSignals",
    "PilotNote",
    "ReachGap",
    "ReferrerReach",
    "ShortageNote",
    "StateCount",
    "coverage",
    "dead_ends",
    "framework_coverage",
    "gap_report",
    "gap_signals",
    "given_at",
    "referrer_reach",
]

_LEVELS = ("licht", "midden", "zwaar")
#: The states of a coverage cell, from "the help is there" to "the seeds do not say".
STATES = ("aanwezig", "tekort", "alleen-pilot", "afwezig", "onbekend")

#: Each state of :data:`STATES` with its Dutch label and, in plain Dutch, what it means
#: and why it matters.
STATE_MEANINGS: dict[str, tuple[str, str]] = {
    "aanwezig": (
        "aanwezig",
        "Een organisatie biedt deze hulp hier, volgens de bronnen. Dit is geen hiaat.",
    ),
    "tekort": (
        "tekort",
        "De hulp is er, maar de bronnen melden een tekort: wachttijden, te weinig plekken "
        "of te weinig mensen. Kinderen en gezinnen moeten dan wachten of ergens anders heen.",
    ),
    "alleen-pilot": (
        "alleen als pilot",
        "Alleen een proef (pilot) biedt deze hulp. Stopt de pilot, dan is de hulp er niet meer.",
    ),
    "afwezig": (
        "afwezig",
        "De bronnen zeggen dat deze hulp hier niet is. Wie haar nodig heeft, moet buiten "
        "de gemeente zoeken of krijgt haar niet.",
    ),
    "onbekend": (
        "onbekend",
        "De bronnen zeggen niet wie deze hulp hier biedt. Misschien ontbreekt de hulp, "
        "misschien is het niet opgeschreven: dit is iets om na te vragen.",
    ),
}


@dataclass(frozen=True)
class CoverageCell:
    """Who provides one kind of help at one level in one gemeente, and the evidence.

    ``state`` is one of :data:`STATES`; ``providers``, ``pilots``, ``shortages`` and
    ``absences`` are the records behind it, ``sources`` their citations.
    ``unconfirmed`` are actors that may give the help there, but whose record says the
    seeds do not know where (status ``onbekend``, as "in een aantal gemeenten").
    """

    gemeente: str
    help_kind: str
    level: str
    state: str
    providers: tuple[str, ...]
    pilots: tuple[str, ...]
    shortages: tuple[str, ...]
    sources: tuple[str, ...]
    absences: tuple[str, ...] = ()
    unconfirmed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Coverage:
    """The coverage matrix gemeente x help kind x level."""

    cells: tuple[CoverageCell, ...]
    sources: tuple[str, ...]

    def gaps(self) -> tuple[CoverageCell, ...]:
        """The cells where the help is short, only a pilot, absent, or not described."""
        return tuple(c for c in self.cells if c.state != "aanwezig")

    def states(self) -> dict[tuple[str, str], str]:
        """(gemeente, help kind) → one state over all levels, the first of :data:`STATES`
        that any level has: short at one level is short, present at one is present."""
        found: dict[tuple[str, str], str] = {}
        for cell in self.cells:
            key = (cell.gemeente, cell.help_kind)
            if key not in found or STATES.index(cell.state) < STATES.index(found[key]):
                found[key] = cell.state
        return found


@dataclass(frozen=True)
class DeadEnds:
    """Care actors no route leads to (unreachable) and where a referral stops (dead ends).

    ``reasons`` says for each listed actor, in Dutch, why it is listed.
    """

    unreachable: tuple[str, ...]
    dead_ends: tuple[str, ...]
    sources: tuple[str, ...]
    reasons: dict[str, str] = field(default_factory=dict)


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


@dataclass(frozen=True)
class GapReport:
    """The gaps of a gemeente or the region: the coverage matrix, the dead ends, the
    indicated help no legal referrer reaches (for one gemeente), and the VNG framework.

    In JSON the parts keep the Dutch names the API first gave them (``dekking``,
    ``doodlopend``, ``buiten_bereik_verwijzers``, ``vng_kaders``).
    """

    coverage: Coverage = field(metadata={"json": "dekking"})
    dead_ends: DeadEnds = field(metadata={"json": "doodlopend"})
    referrer_reach: ReferrerReach | None = field(metadata={"json": "buiten_bereik_verwijzers"})
    framework: FrameworkCoverage = field(metadata={"json": "vng_kaders"})


def _gemeenten(G: nx.MultiDiGraph) -> list[str]:
    return sorted(a.id for a in G.graph["areas"].values() if a.type == "gemeente")


def coverage(
    G: nx.MultiDiGraph,
    *,
    gemeenten: list[str] | None = None,
    help_kinds: list[str] | None = None,
    levels: tuple[str, ...] = _LEVELS,
) -> Coverage:
    """Where is which help present, short, only a pilot, absent, or not described?

    Each cell has one state, with the records behind it:

    - ``tekort``: a shortage record names this help for the gemeente (or the region
      it lies in);
    - ``aanwezig``: an actor in place gives the help there (:func:`~zorgnet.graph.
      analyses.routes.providers`: a regional actor serves each gemeente of its region,
      a contracted care category gives what its parts give);
    - ``alleen-pilot``: only pilots give it;
    - ``afwezig``: a record says the help is absent there (status ``afwezig``);
    - ``onbekend``: the seeds are silent, or place the only providers "in some
      gemeenten" without naming them (status ``onbekend``; listed as unconfirmed).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    gemeenten : list of str, optional
        Area ids; default every area of type gemeente.
    help_kinds : list of str, optional
        Help kind notations; default the whole vocabulary.
    levels : tuple of str
        Support levels; an actor that states no level counts for every level. A kind
        of help that is given somewhere, but only at some levels (lichte begeleiding,
        whose every provider gives it at ``licht``), has no cell at the other levels:
        "no one gives light support at a heavy level" is no gap.

    Returns
    -------
    Coverage
        One cell per combination with its state, providers, pilots, shortages,
        absences and their sources.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> cells = coverage(G, help_kinds=["lichte-begeleiding", "jeugd-ggz", "crisishulp"],
    ...                  levels=("licht",))
    >>> [(c.gemeente, c.help_kind, c.state) for c in cells.cells]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('hilversum', 'lichte-begeleiding', 'alleen-pilot'), ('hilversum', 'jeugd-ggz', 'aanwezig'),
     ('hilversum', 'crisishulp', 'tekort'), ('huizen', 'lichte-begeleiding', 'onbekend'),
     ('huizen', 'jeugd-ggz', 'aanwezig'), ('huizen', 'crisishulp', 'tekort')]
    """
    for name in gemeenten or ():
        check_area(G, name)
    for name in help_kinds or ():
        check_concept(name, "HelpKind", "soort hulp")
    kinds = help_kinds or vocabulary().notations(ZN.HelpKind)
    cells = []
    for gemeente in gemeenten or _gemeenten(G):
        here = [s for s in G.graph["shortages"] if in_scope(G, s.areas, gemeente)]
        gone = _absent(G, gemeente)
        for kind in kinds:
            short = [s for s in here if kind in s.help_kinds]
            for level in given_at(G, kind, levels):
                cells.append(_cell(G, gemeente, kind, level, short, gone.get(kind, ())))
    return Coverage(tuple(cells), tuple(sorted({s for c in cells for s in c.sources})))


def given_at(
    G: nx.MultiDiGraph, help_kind: str, levels: tuple[str, ...] = _LEVELS
) -> tuple[str, ...]:
    """The *levels* at which anyone in the data gives *help_kind*, anywhere; all of
    *levels* when no one gives it at any level (then every level is a question).

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> given_at(example_projection(), "jeugd-ggz")
    ('licht', 'midden', 'zwaar')
    """
    given = [level for level in _LEVELS if providers(G, help_kind, level=level)]
    return tuple(level for level in levels if level in given) if given else levels


def _absent(G: nx.MultiDiGraph, gemeente: str) -> dict[str, tuple[str, ...]]:
    """Help kind → the actors whose record says that help is absent in *gemeente*."""
    found: dict[str, list[str]] = {}
    for actor, areas, kinds in absent_offers(G):
        if in_scope(G, areas, gemeente):
            for kind in kinds:
                found.setdefault(kind, []).append(actor)
    return {k: tuple(sorted(v)) for k, v in found.items()}


def _cell(
    G: nx.MultiDiGraph,
    gemeente: str,
    kind: str,
    level: str,
    short: list,
    absences: tuple[str, ...],
) -> CoverageCell:
    nodes = G.nodes
    giving = providers(G, kind, gemeente=gemeente, level=level)
    pilots = tuple(a for a in giving if nodes[a]["status"] == "pilot")
    unconfirmed = tuple(a for a in giving if nodes[a]["status"] == "onbekend")
    in_place = tuple(a for a in giving if a not in pilots and a not in unconfirmed)
    if short:
        state = "tekort"
    elif in_place:
        state = "aanwezig"
    elif pilots:
        state = "alleen-pilot"
    elif absences:
        state = "afwezig"
    else:
        state = "onbekend"
    evidence = (*giving, *(p for parts in giving.values() for p in parts), *absences)
    sources = {s for a in evidence for s in nodes[a]["sources"]}
    sources |= {src for s in short for src in s.sources}
    return CoverageCell(
        gemeente,
        kind,
        level,
        state,
        in_place,
        pilots,
        tuple(s.id for s in short),
        tuple(sorted(sources)),
        absences,
        unconfirmed,
    )


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


def _care_actors(G: nx.MultiDiGraph) -> list[str]:
    """Active actors that give help or hold a power: not governance bodies, programmes
    or plans, which no referral is meant to reach."""
    holders = {m.holder for m in G.graph["mandates"] if active(m.status)}
    return [
        a
        for a, d in G.nodes(data=True)
        if active(d["status"])
        and d["actor_class"] not in _NOT_CARE
        and (d["offers"] or a in holders or d["actor_class"] in _CARE_CLASSES)
    ]


def _gives_care(G: nx.MultiDiGraph, actor: str) -> bool:
    """Whether *actor* gives help: its record names help, or it is a category of care
    providers. A meeting, protocol or advisory council gives none, and neither does an
    actor that only decides; no one needs a route to them to get help."""
    d = G.nodes[actor]
    return bool(d["offers"]) or d["actor_class"] == "ProviderCategory"


# Classes whose actors steer, plan or inform; routes are not meant to reach them.
_NOT_CARE = frozenset({"GovernanceBody", "Programme"})
# Classes whose actors are part of care even where their record names no help.
_CARE_CLASSES = frozenset({"ProviderCategory", "Team", "ConsultationTable"})
# The relations that bring a child or family somewhere: a dead end is where these
# arrive; consulting, advising or working together brings no one.
_REFERRALS = frozenset({"verwijst", "draagt-over", "meldt", "escaleert"})


def _route_edges(G: nx.MultiDiGraph) -> tuple[dict[str, set[str]], set[str], dict[str, set[str]]]:
    """Actor → who reaches it by a route relation; the actors a route leads from; and
    actor → who refers, hands over, reports or escalates to it."""
    incoming: dict[str, set[str]] = {}
    outgoing: set[str] = set()
    referred: dict[str, set[str]] = {}
    for u, v, d in G.edges(data=True):
        if d["record"] == "relation" and d["kind"] in ROUTE_COSTS and active(d["status"]):
            outgoing.add(u)
            incoming.setdefault(v, set()).add(u)
            if d["kind"] in _REFERRALS:
                referred.setdefault(v, set()).add(u)
    return incoming, outgoing, referred


def dead_ends(G: nx.MultiDiGraph) -> DeadEnds:
    """Which care has no route the data describes, and where does a referral stop?

    An actor is *unreachable* when it gives help (its record names help, or it is a
    category of care providers; a meeting, protocol or advisory council gives none), no
    route relation (verwijst, meldt, draagt over, ...) leads to it or to the care
    category it is part of, the data does not say inhabitants can go there themselves
    (voorveld), and it is no gate or toegang people go to directly (a legal referrer,
    a gemeente's toegang). That is what the data leaves out, not a finding that no one
    gets there: its reason says so. It is a *dead end* when referrals, reports, hand-overs
    or escalations arrive (being consulted is none) but it gives no help itself, holds
    no power and passes nothing on.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> result = dead_ends(example_projection())
    >>> result.unreachable, result.dead_ends
    ((), ('doorbraaktafel',))
    >>> print(result.reasons["doorbraaktafel"])  # doctest: +NORMALIZE_WHITESPACE
    doorbraaktafel krijgt verwijzingen of meldingen (van buurtteam), maar biedt volgens
    de bronnen zelf geen hulp, heeft geen bevoegdheid en verwijst niet door.
    """

    def compute() -> DeadEnds:
        incoming, outgoing, referred = _route_edges(G)
        holders = {m.holder for m in G.graph["mandates"] if active(m.status)}
        gates = {m.holder for m in G.graph["mandates"] if m.opens_contracted_care}
        doors = {
            a
            for arrangement in G.graph["arrangements"]
            if arrangement.aspect == "toegang"
            for a in arrangement.about
        }
        nodes = G.nodes
        reasons: dict[str, str] = {}
        unreachable = []
        ends = []
        for actor in _care_actors(G):
            d = nodes[actor]
            wholes_reached = any(w in incoming for w in d["part_of"])
            if (
                _gives_care(G, actor)
                and actor not in incoming
                and not wholes_reached
                and "voorveld" not in d["access"]
                and actor not in gates
                and actor not in doors
            ):
                unreachable.append(actor)
                reasons[actor] = (
                    f"De bronnen zeggen niet hoe een kind of gezin bij {d['label']} komt. "
                    "Wat ontbreekt: wie ernaar verwijst, meldt of overdraagt (ook naar het "
                    "geheel waar het onder valt), of dat inwoners er zelf terechtkunnen. "
                    "Dat is iets om na te vragen, geen bewijs dat niemand er komt."
                )
            elif (
                actor in referred
                and actor not in outgoing
                and not d["offers"]
                and actor not in holders
                and d["actor_class"] != "ProviderCategory"
            ):
                ends.append(actor)
                senders = ", ".join(sorted(nodes[u]["label"] for u in referred[actor]))
                reasons[actor] = (
                    f"{d['label']} krijgt verwijzingen of meldingen (van {senders}), maar "
                    "biedt volgens de bronnen zelf geen hulp, heeft geen bevoegdheid en "
                    "verwijst niet door."
                )
        listed = (*unreachable, *ends)
        sources = {s for a in listed for s in nodes[a]["sources"]}
        return DeadEnds(
            tuple(sorted(unreachable)),
            tuple(sorted(ends)),
            tuple(sorted(sources)),
            dict(sorted(reasons.items())),
        )

    return memo(G, "dead_ends", compute)


def _needs_referral(G: nx.MultiDiGraph, actor: str) -> bool:
    nodes = G.nodes
    return any(
        "geindiceerd" in nodes[a]["access"] for a in (actor, *nodes[actor]["part_of"]) if a in G
    )


def referrer_reach(
    G: nx.MultiDiGraph, gemeente: str, *, domain: str | None = None
) -> ReferrerReach:
    """Which indicated help in *gemeente* can no legal referrer there reach?

    A help kind is listed when someone gives it in the gemeente only on referral
    (access ``geindiceerd``) and no legal referrer has a route to anyone giving it:
    exactly when :func:`~zorgnet.graph.analyses.routes.referral_routes` from each legal
    referrer finds no route, because both walk the same steps
    (:func:`~zorgnet.graph.analyses.routes.route_graph`,
    :func:`~zorgnet.graph.analyses.routes.reachable`).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    gemeente : str
        An area id.
    domain : str, optional
        Only relations for this domain (or for none in particular).

    Returns
    -------
    ReferrerReach
        The legal referrers, and per unreached help kind the providers no route
        reaches.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> referrer_reach(example_projection(), "hilversum").unreached
    {}
    """
    check_area(G, gemeente)
    check_concept(domain, "Domain", "domein")
    return memo(G, ("referrer_reach", gemeente, domain), lambda: _reach(G, gemeente, domain))


def _reach(G: nx.MultiDiGraph, gemeente: str, domain: str | None) -> ReferrerReach:
    referrers = tuple(r.actor for r in legal_referrers(G, gemeente=gemeente).referrers)
    here = scope_set(G, gemeente)
    starts = {e for r in referrers for e in entry_actors(G, r, gemeente) if e in here}
    unreached: dict[str, tuple[str, ...]] = {}
    for kind in vocabulary().notations(ZN.HelpKind):
        found = providers(G, kind, gemeente=gemeente, domain=domain)
        indicated = tuple(p for p in found if _needs_referral(G, p))
        if not indicated:
            continue
        reached = reachable(G, starts, kind, gemeente=gemeente, domain=domain)
        if reached.isdisjoint(found):
            unreached[kind] = indicated
    sources = {s for actors in unreached.values() for a in actors for s in G.nodes[a]["sources"]}
    return ReferrerReach(gemeente, referrers, unreached, tuple(sorted(sources)))


def gap_report(
    G: nx.MultiDiGraph,
    *,
    gemeente: str | None = None,
    help_kind: str | None = None,
    only_gaps: bool = False,
) -> GapReport:
    """Where is help missing, who is unreachable, what can no legal referrer reach?

    The gap analyses together, as ``zorgnet gaps`` and ``/api/analyses/gaps`` give
    them: :func:`coverage`, :func:`dead_ends`, :func:`referrer_reach` (for a gemeente
    only) and :func:`framework_coverage`.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    gemeente : str, optional
        An area id; default every gemeente.
    help_kind : str, optional
        Only this kind of help in the coverage matrix.
    only_gaps : bool
        Only the coverage cells where the help is not present (:meth:`Coverage.gaps`).

    Returns
    -------
    GapReport

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> report = gap_report(example_projection(), gemeente="huizen", only_gaps=True)
    >>> sorted({c.state for c in report.coverage.cells})
    ['onbekend', 'tekort']
    >>> report.referrer_reach.unreached
    {}
    """
    gemeenten = [gemeente] if gemeente else None
    found = coverage(G, gemeenten=gemeenten, help_kinds=[help_kind] if help_kind else None)
    if only_gaps:
        found = Coverage(found.gaps(), found.sources)
    return GapReport(
        found,
        dead_ends(G),
        referrer_reach(G, gemeente) if gemeente else None,
        framework_coverage(G, gemeenten=gemeenten),
    )


@dataclass(frozen=True)
class GapSignal:
    """One kind of help in one gemeente in one state, at the levels where the same
    records say so, with the reason in Dutch.

    A signal that holds the same in every gemeente of a larger area its records name
    (a regional shortage) is one signal for that area: ``gemeente`` is then the area
    (``gooi-en-vechtstreek``) and ``gemeenten`` the gemeenten it holds for, instead of
    a copy per gemeente. ``scope_label`` says in Dutch when a signal of one gemeente
    comes from a record about a larger area ("regionaal tekort: ..."), "" otherwise.

    ``actors`` are the actors behind the state (those who give the help, its pilots,
    the actors whose record says it is absent, or those that may give it without the
    seeds saying where), ``shortages`` the shortage records; ``sources`` their
    citations.
    """

    gemeente: str
    gemeente_label: str
    help_kind: str
    help_kind_label: str
    levels: tuple[str, ...]
    level_labels: tuple[str, ...]
    state: str
    state_label: str
    reason: str
    actors: tuple[str, ...]
    actor_labels: tuple[str, ...]
    shortages: tuple[str, ...]
    shortage_labels: tuple[str, ...]
    sources: tuple[str, ...]
    gemeenten: tuple[str, ...] = ()
    gemeente_labels: tuple[str, ...] = ()
    scope_label: str = ""


@dataclass(frozen=True)
class ShortageNote:
    """A shortage record that names no kind of help, so that it is in no signal: what
    it says, where it holds and its citations."""

    id: str
    label: str
    area_label: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class PilotNote:
    """A pilot that serves the chosen gemeente (or the region), the help it gives and
    why that help is, or is not, "only a pilot" there (in Dutch)."""

    actor: str
    label: str
    help_kinds: tuple[str, ...]
    help_kind_labels: tuple[str, ...]
    only_pilot: bool
    reason: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ActorGap:
    """Care to which the data describes no route (``kind="route-onbekend"``) or where a
    referral stops (``"doodlopend"``), with the kind's Dutch label and the reason in
    Dutch (:func:`dead_ends`)."""

    actor: str
    label: str
    kind: str
    reason: str
    sources: tuple[str, ...]
    kind_label: str = ""


@dataclass(frozen=True)
class ReachGap:
    """Indicated help in a gemeente that no legal referrer there reaches
    (:func:`referrer_reach`), with who gives it and the reason in Dutch."""

    gemeente: str
    gemeente_label: str
    help_kind: str
    help_kind_label: str
    providers: tuple[str, ...]
    provider_labels: tuple[str, ...]
    reason: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class StateCount:
    """A state of :data:`STATES`, what it means, and how many signals the other
    filters leave in it."""

    state: str
    label: str
    meaning: str
    count: int


@dataclass(frozen=True)
class GapGroup:
    """The signals of one gemeente (or of a larger area, for signals that hold in all
    its gemeenten: then ``gemeenten`` names them), in the order of :data:`STATES`."""

    gemeente: str
    label: str
    signals: tuple[GapSignal, ...]
    gemeenten: tuple[str, ...] = ()


@dataclass(frozen=True)
class GapSignals:
    """The gaps as signals a reader can act on, filtered, each with its reason.

    The filters are the ids that were chosen (None: all), ``gemeente_label`` the
    chosen gemeente's name ("" for none); ``level_note`` says in Dutch why a chosen
    kind of help has no signal at the chosen level (no one gives it at that level:
    :func:`given_at`), "" otherwise. ``other_shortages`` are the shortage records in
    scope that name no kind of help, ``pilots`` the pilots that serve the chosen
    gemeente (all pilots for the region), also those whose help others give too, so
    that "alleen als pilot" at 0 does not hide them. ``signals`` are the
    coverage signals (by gemeente, then state, then help kind), ``states`` every
    state with its count under the other filters, ``actor_gaps`` and ``reach_gaps``
    the actors no route reaches or where referrals stop and the help no legal referrer
    reaches; those two have no state and are left out when a state is chosen.
    """

    gemeente: str | None
    gemeente_label: str
    help_kind: str | None
    level: str | None
    state: str | None
    signals: tuple[GapSignal, ...]
    states: tuple[StateCount, ...]
    actor_gaps: tuple[ActorGap, ...]
    reach_gaps: tuple[ReachGap, ...]
    sources: tuple[str, ...]
    level_note: str = ""
    other_shortages: tuple[ShortageNote, ...] = ()
    pilots: tuple[PilotNote, ...] = ()

    def groups(self) -> tuple[GapGroup, ...]:
        """The signals per gemeente (regional ones first, once), in the order of
        :attr:`signals`."""
        found: dict[str, list[GapSignal]] = {}
        for signal in self.signals:
            found.setdefault(signal.gemeente, []).append(signal)
        return tuple(
            GapGroup(gemeente, signals[0].gemeente_label, tuple(signals), signals[0].gemeenten)
            for gemeente, signals in found.items()
        )

    def shortage_records(self) -> tuple[str, ...]:
        """The shortage records behind the signals and :attr:`other_shortages`."""
        behind = {s for x in self.signals for s in x.shortages}
        return tuple(sorted(behind | {n.id for n in self.other_shortages}))


def gap_signals(
    G: nx.MultiDiGraph,
    *,
    gemeente: str | None = None,
    help_kind: str | None = None,
    level: str | None = None,
    state: str | None = None,
) -> GapSignals:
    """Where is help missing in a gemeente, and why does the data say so?

    The cells of :func:`coverage` become signals: one per gemeente, kind of help and
    state, covering the levels whose cells rest on the same records (a shortage of
    ``verblijf`` at every level is one signal). Each says in Dutch why it has its state
    and cites the records behind it. Without a *state* the signals are the gaps (every
    state but ``aanwezig``); with one, exactly the signals in that state.

    The care actors no route reaches, or where a referral stops (:func:`dead_ends`,
    those that serve the gemeente and give the help at the level), and the indicated
    help no legal referrer reaches (:func:`referrer_reach`) come beside them, unless a
    state is chosen.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    gemeente : str, optional
        An area, by id or label in any case; default every gemeente.
    help_kind : str, optional
        A kind of help, by notation or label.
    level : str, optional
        A support level (``licht``, ``midden``, ``zwaar``).
    state : str, optional
        One of :data:`STATES` (by notation or label).

    Returns
    -------
    GapSignals

    Raises
    ------
    UnknownName
        If a filter names no area, kind of help, level or state, with close names.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> found = gap_signals(example_projection(), gemeente="Huizen", help_kind="crisishulp")
    >>> [(s.help_kind_label, s.state, s.level_labels) for s in found.signals]
    [('spoedeisende hulp en crisishulp', 'tekort', ('onbekend',))]
    >>> print(found.signals[0].reason)  # doctest: +NORMALIZE_WHITESPACE
    De bronnen melden een tekort in Gooi en Vechtstreek, waar Huizen onder valt: Te weinig
    crisisplekken. Niemand biedt volgens de bronnen spoedeisende hulp en crisishulp in Huizen.
    >>> [(s.state, s.count) for s in found.states if s.count]
    [('tekort', 1)]
    >>> gap_signals(example_projection(), gemeente="huizen", state="onbekend").states[-1].count
    15
    """
    gemeente = choose_area(G, gemeente)
    help_kind = choose_concept(help_kind, "HelpKind", "soort hulp")
    level = choose_concept(level, "SupportLevel", "niveau")
    state = _choose_state(state)
    found = coverage(
        G,
        gemeenten=[gemeente] if gemeente else None,
        help_kinds=[help_kind] if help_kind else None,
        levels=(level,) if level else _LEVELS,
    )
    every = _signals(G, found.cells, all_gemeenten=not gemeente)
    counts = tuple(
        StateCount(s, label, meaning, sum(x.state == s for x in every))
        for s, (label, meaning) in STATE_MEANINGS.items()
    )
    if state:
        signals = tuple(x for x in every if x.state == state)
    else:
        signals = tuple(x for x in every if x.state != "aanwezig")
    actor_gaps: tuple[ActorGap, ...] = ()
    reach_gaps: tuple[ReachGap, ...] = ()
    if not state:
        actor_gaps = _actor_gaps(G, gemeente, help_kind, level)
        reach_gaps = _reach_gaps(G, gemeente, help_kind)
    sources = {s for x in (*signals, *actor_gaps, *reach_gaps) for s in x.sources}
    note = ""
    if help_kind and level and level not in given_at(G, help_kind):
        note = (
            f"Niemand biedt volgens de bronnen {concept_label('HelpKind', help_kind)} op "
            f"niveau {concept_label('SupportLevel', level)}; de bronnen noemen deze hulp "
            "alleen op niveau "
            + ", ".join(concept_label("SupportLevel", x) for x in given_at(G, help_kind))
            + ". Daarom is hier geen signaal."
        )
    others: tuple[ShortageNote, ...] = ()
    if not help_kind and state in (None, "tekort"):
        others = tuple(
            ShortageNote(x.id, x.label, ", ".join(area_labels(G, x.areas)), tuple(x.sources))
            for x in G.graph["shortages"]
            if not x.help_kinds and in_scope(G, x.areas, gemeente)
        )
    return GapSignals(
        gemeente,
        area_labels(G, (gemeente,))[0] if gemeente else "",
        help_kind,
        level,
        state,
        signals,
        counts,
        actor_gaps,
        reach_gaps,
        tuple(sorted(sources | {src for x in others for src in x.sources})),
        note,
        others,
        _pilots(G, gemeente, help_kind) if state in (None, "alleen-pilot") else (),
    )


def _pilots(G: nx.MultiDiGraph, gemeente: str | None, help_kind: str | None) -> tuple:
    """The pilots serving *gemeente* (every pilot without one) that give *help_kind*
    (any, without one), each with whether anyone else gives that help there."""
    found = []
    for actor, d in sorted(G.nodes(data=True), key=lambda item: item[1]["label"].casefold()):
        if d["status"] != "pilot" or not in_scope(G, d["areas"], gemeente):
            continue
        where = gemeente or next(
            (a for a in d["areas"] if G.graph["areas"][a].type == "gemeente"), None
        )
        # What the pilot gives as the coverage sees it: its offers, and help that a
        # relation stated for that help brings to it.
        kinds = tuple(
            k
            for k in vocabulary().notations(ZN.HelpKind)
            if actor in providers(G, k, gemeente=where)
        )
        if help_kind and help_kind not in kinds:
            continue
        place = f" in {area_labels(G, (where,))[0]}" if where else ""
        others: dict[str, tuple[str, ...]] = {}
        for kind in kinds:
            giving = providers(G, kind, gemeente=where)
            others[kind] = tuple(
                a
                for a in giving
                if a != actor and G.nodes[a]["status"] not in ("pilot", "onbekend")
            )
        if not kinds:
            reason = (
                f"De bronnen noemen niet welke soort hulp {d['label']} biedt; daarom telt "
                "deze pilot bij geen soort hulp mee."
            )
        else:
            parts = []
            for kind in kinds:
                label = concept_label("HelpKind", kind)
                if others[kind]:
                    parts.append(
                        f"{_first_upper(label)}{place} biedt ook: "
                        f"{', '.join(actor_labels(G, others[kind]))}; dus niet alleen als pilot."
                    )
                else:
                    parts.append(
                        f"{_first_upper(label)}{place} biedt volgens de bronnen alleen deze pilot."
                    )
            reason = " ".join(parts)
        found.append(
            PilotNote(
                actor,
                d["label"],
                kinds,
                tuple(concept_label("HelpKind", k) for k in kinds),
                any(not others[k] for k in kinds),
                reason,
                tuple(d["sources"]),
            )
        )
    return tuple(found)


def _choose_state(value: str | None) -> str | None:
    """The state *value* names (notation or label, any case), or None."""
    if not value:
        return None
    wanted = value.strip().casefold()
    for state, (label, _) in STATE_MEANINGS.items():
        if wanted in (state, label):
            return state
    raise UnknownName("toestand", value, list(STATES))


def _signals(
    G: nx.MultiDiGraph, cells: tuple[CoverageCell, ...], *, all_gemeenten: bool = False
) -> list[GapSignal]:
    """*cells* as signals: one per gemeente, help kind, state and records behind it.

    With *all_gemeenten*, a signal that is the same in every gemeente of an area its
    records name is one signal for that area (:func:`_as_areas`).
    """
    merged: dict[tuple, list[CoverageCell]] = {}
    for cell in cells:
        key = (
            cell.gemeente,
            cell.help_kind,
            cell.state,
            cell.providers,
            cell.pilots,
            cell.shortages,
            cell.absences,
            cell.unconfirmed,
        )
        merged.setdefault(key, []).append(cell)
    groups = [(cells, ()) for cells in merged.values()]
    if all_gemeenten:
        groups = _as_areas(G, [cells for cells, _ in groups])
    order = {kind: i for i, kind in enumerate(vocabulary().notations(ZN.HelpKind))}
    signals = [_signal(G, same, gemeenten) for same, gemeenten in groups]
    signals.sort(
        key=lambda x: (
            not x.gemeenten,
            x.gemeente,
            STATES.index(x.state),
            order.get(x.help_kind, 0),
        )
    )
    return signals


def _as_areas(
    G: nx.MultiDiGraph, groups: list[list[CoverageCell]]
) -> list[tuple[list[CoverageCell], tuple[str, ...]]]:
    """*groups* of cells (one gemeente each) with the groups that are the same, level by
    level, in every gemeente of an area their records name, as one group for that area
    with those gemeenten (the others with none): a regional shortage is one signal, not
    seven local ones."""
    alike: dict[tuple, list[list[CoverageCell]]] = {}
    for cells in groups:
        first = cells[0]
        key = (
            first.help_kind,
            first.state,
            tuple(c.level for c in cells),
            first.providers,
            first.pilots,
            first.shortages,
            first.absences,
            first.unconfirmed,
        )
        alike.setdefault(key, []).append(cells)
    records = {s.id: s for s in G.graph["shortages"]}
    found: list[tuple[list[CoverageCell], tuple[str, ...]]] = []
    for same in alike.values():
        here = {cells[0].gemeente for cells in same}
        area = _area_of(G, same[0][0], here, records) if len(here) > 1 else None
        if area is None:
            found.extend((cells, ()) for cells in same)
        else:
            found.append(([replace(c, gemeente=area) for c in same[0]], tuple(sorted(here))))
    return found


def _area_of(
    G: nx.MultiDiGraph, cell: CoverageCell, gemeenten: set[str], records: dict
) -> str | None:
    """The area named by *cell*'s records (its shortages, or the areas of its actors)
    whose gemeenten are exactly *gemeenten*, if there is one."""
    named = {a for s in cell.shortages if s in records for a in records[s].areas}
    for actor in (*cell.providers, *cell.pilots, *cell.absences, *cell.unconfirmed):
        named |= set(G.nodes[actor]["areas"])
    for area in sorted(named):
        if {g for g in _gemeenten(G) if in_scope(G, (area,), g)} == gemeenten:
            return area
    return None


def _signal(
    G: nx.MultiDiGraph, cells: list[CoverageCell], gemeenten: tuple[str, ...] = ()
) -> GapSignal:
    first = cells[0]
    shortages = {s.id: s for s in G.graph["shortages"]}
    actors = (*first.providers, *first.pilots, *first.absences, *first.unconfirmed)
    levels = tuple(c.level for c in cells)
    return GapSignal(
        first.gemeente,
        area_labels(G, (first.gemeente,))[0],
        first.help_kind,
        concept_label("HelpKind", first.help_kind),
        levels,
        _level_labels(G, first.help_kind, levels),
        first.state,
        STATE_MEANINGS[first.state][0],
        _reason(G, first, [shortages[s] for s in first.shortages if s in shortages]),
        actors,
        actor_labels(G, actors),
        first.shortages,
        tuple(shortages[s].label if s in shortages else s for s in first.shortages),
        tuple(sorted({s for c in cells for s in c.sources})),
        gemeenten,
        area_labels(G, gemeenten) if gemeenten else (),
        "" if gemeenten else _scope_label(G, first, shortages),
    )


def _level_labels(G: nx.MultiDiGraph, help_kind: str, levels: tuple[str, ...]) -> tuple[str, ...]:
    """The Dutch names of *levels*; ``("onbekend",)`` when no one who gives *help_kind*
    states a level: such an actor counts for every level, but the seeds do not say that
    a gezinshuis is light help."""

    def compute() -> bool:
        found = providers(G, help_kind)
        givers = {*found, *(part for parts in found.values() for part in parts)}
        return any(G.nodes[actor]["levels"] for actor in givers)

    # Once per kind of help, not once per signal: a country has thousands of signals.
    if not memo(G, ("level-stated", help_kind), compute):
        return ("onbekend",)
    return tuple(concept_label("SupportLevel", x) for x in levels)


def _scope_label(G: nx.MultiDiGraph, cell: CoverageCell, records: dict) -> str:
    """For a shortage of one gemeente that a record states for a larger area: in Dutch,
    that it is that area's ("regionaal tekort: geldt voor heel Gooi en Vechtstreek")."""
    areas = sorted({a for s in cell.shortages if s in records for a in records[s].areas})
    if cell.state != "tekort" or not areas or cell.gemeente in areas:
        return ""
    names = ", ".join(area_labels(G, areas))
    kind = "regionaal" if any(G.graph["areas"][a].type == "regio" for a in areas) else "breder"
    return f"{kind} tekort: geldt voor heel {names}, niet alleen voor deze gemeente"


def _first_upper(text: str) -> str:
    """*text* with a capital first (``str.capitalize`` would write "Jeugd-ggz")."""
    return text[:1].upper() + text[1:]


def _reason(G: nx.MultiDiGraph, cell: CoverageCell, shortages: list) -> str:
    """Why *cell* has its state, in plain Dutch, naming the records by their labels."""
    kind = concept_label("HelpKind", cell.help_kind)
    where = area_labels(G, (cell.gemeente,))[0]

    def names(actors: tuple[str, ...]) -> str:
        return ", ".join(actor_labels(G, actors))

    if cell.state == "tekort":
        areas = sorted({a for s in shortages for a in s.areas})
        if not areas or cell.gemeente in areas:
            scope = f"in {where}"
        else:
            scope = f"in {', '.join(area_labels(G, areas))}, waar {where} onder valt"
        text = f"De bronnen melden een tekort {scope}: " + "; ".join(s.label for s in shortages)
        text += "."
        if cell.providers:
            return text + f" De hulp is er wel, bij: {names(cell.providers)}."
        return text + f" Niemand biedt volgens de bronnen {kind} in {where}."
    if cell.state == "aanwezig":
        return f"{_first_upper(kind)} in {where} wordt geboden door: {names(cell.providers)}."
    if cell.state == "alleen-pilot":
        return (
            f"Alleen een pilot biedt {kind} in {where}: {names(cell.pilots)}. "
            "Na de pilot is er volgens de bronnen niemand meer."
        )
    if cell.state == "afwezig":
        return f"Volgens de bronnen is {kind} in {where} er niet: {names(cell.absences)}."
    if cell.unconfirmed:
        if G.graph["areas"][cell.gemeente].type == "gemeente":
            return (
                f"Volgens de bronnen is er {kind} in een aantal gemeenten (bij: "
                f"{names(cell.unconfirmed)}), maar ze zeggen niet in welke. Of {where} "
                "daarbij hoort, is niet bekend."
            )
        return (
            f"Volgens de bronnen is er {kind} in een aantal gemeenten van {where} (bij: "
            f"{names(cell.unconfirmed)}), maar ze zeggen niet in welke."
        )
    return f"Geen bron noemt wie {kind} in {where} biedt, en ook geen tekort of pilot."


_ACTOR_GAP_LABELS = {"route-onbekend": "route onbekend", "doodlopend": "doodlopend"}


def _actor_gaps(
    G: nx.MultiDiGraph, gemeente: str | None, help_kind: str | None, level: str | None
) -> tuple[ActorGap, ...]:
    """The :func:`dead_ends` that serve *gemeente* and give *help_kind* at *level*."""
    ends = dead_ends(G)
    here = scope_set(G, gemeente) if gemeente else None
    found = []
    for kind, actors in (("route-onbekend", ends.unreachable), ("doodlopend", ends.dead_ends)):
        for actor in actors:
            d = G.nodes[actor]
            if here is not None and actor not in here:
                continue
            if help_kind and help_kind not in d["offers"]:
                continue
            if level and d["levels"] and level not in d["levels"]:
                continue
            found.append(
                ActorGap(
                    actor,
                    d["label"],
                    kind,
                    ends.reasons[actor],
                    tuple(d["sources"]),
                    _ACTOR_GAP_LABELS[kind],
                )
            )
    return tuple(found)


def _reach_gaps(
    G: nx.MultiDiGraph, gemeente: str | None, help_kind: str | None
) -> tuple[ReachGap, ...]:
    """The help of :func:`referrer_reach` per gemeente (of *help_kind*, if given)."""
    found = []
    for name in [gemeente] if gemeente else _gemeenten(G):
        label = area_labels(G, (name,))[0]
        for kind, actors in referrer_reach(G, name).unreached.items():
            if help_kind and kind != help_kind:
                continue
            kind_label = concept_label("HelpKind", kind)
            found.append(
                ReachGap(
                    name,
                    label,
                    kind,
                    kind_label,
                    actors,
                    actor_labels(G, actors),
                    f"{_first_upper(kind_label)} in {label} krijg je alleen met een verwijzing, "
                    "maar volgens de bronnen heeft geen wettelijk verwijzer een route naar wie "
                    "het biedt.",
                    tuple(sorted({s for a in actors for s in G.nodes[a]["sources"]})),
                )
            )
    return tuple(found)
