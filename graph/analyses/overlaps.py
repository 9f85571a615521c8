"""Overlaps: the same power or help for the same area held by several actors, by kind.

Several actors holding one power or offering one kind of help in one area is not
always a problem. Each overlap says what kind it is (:data:`KINDS`), decided from the
data, in this order:

``binnen-organisatie``
    all holders belong to one organisation: parts of one whole, or a whole and its
    parts (``partOf``), as an organisation and its department, or a care category and
    its sub-categories;
``parallel-wettelijk``
    a power that opens contracted care, each holder with a legal basis of its own: the
    legal referrers the law intends side by side (003 §4 afspraak 2: "De huisarts,
    medisch specialist en jeugdarts: verwijzing op grond van de Jeugdwet");
``parallel-ingekocht``
    help offered by providers that are all contracted or financed (a ``contracteert``
    or ``financiert`` relation to them or to the category they belong to);
``bestuurlijk``
    a power held only by governance bodies: what each decides on, the data does not say;
``zelfde-taak-zonder-afspraak``
    every other overlap: the same task in the same area by several organisations, and no
    record that divides it (003 §4 afspraak 1: "zowel Veilig Thuis, de GI's als de Raad
    voor de Kinderbescherming [voeren] eigen onderzoekstaken uit en er zit overlap in de
    taken zoals het maken en uitvoeren van een hulpplan"). Agreements all of them take
    part in are listed beside it (``shared``), as they do not divide the task.

An actor holds where its mandate (or, naming none, the actor) says, and in every area
inside it; a regional holder overlaps with a gemeente's holder in that gemeente. An
overlap in a gemeente that only repeats the one in its region is not listed again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

import networkx as nx

from zorgnet.graph.analyses._common import active, memo
from zorgnet.graph.analyses._index import mandates_by_holder, served_areas
from zorgnet.graph.analyses._labels import actor_label, actor_labels, area_labels, concept_label
from zorgnet.graph.analyses._plain import choose_area, readable
from zorgnet.graph.analyses.routes import referral_routes
from zorgnet.graph.areas import area_scope

__all__ = [
    "KINDS",
    "KIND_MEANINGS",
    "GemeenteOverlaps",
    "Overlap",
    "OverlapEvidence",
    "OverlapHolder",
    "OverlapKind",
    "Overlaps",
    "OverlapsIn",
    "ParallelRoutes",
    "overlaps",
    "overlaps_in",
    "parallel_routes",
]

#: The kinds of overlap with their Dutch labels, real overlaps first.
KINDS = {
    "zelfde-taak-zonder-afspraak": "zelfde taak zonder afspraak over de verdeling",
    "bestuurlijk": "bestuurlijke besluitvorming",
    "parallel-wettelijk": "parallel bedoeld door de wet",
    "parallel-ingekocht": "parallel ingekocht aanbod",
    "binnen-organisatie": "binnen één organisatie of categorie",
}

#: What each of :data:`KINDS` means for a reader, in plain Dutch.
KIND_MEANINGS = {
    "zelfde-taak-zonder-afspraak": (
        "Meer organisaties doen dezelfde taak in hetzelfde gebied, en de bronnen noemen geen "
        "afspraak over wie wat doet. Dat kan dubbel werk geven, of een gezin dat niet weet "
        "bij wie het moet zijn."
    ),
    "bestuurlijk": (
        "Meer besturen of overleggen mogen hierover besluiten. Waarover elk van hen besluit, "
        "zeggen de bronnen niet; of hier iets dubbel ligt, is niet bekend."
    ),
    "parallel-wettelijk": (
        "De wet geeft elk van hen deze bevoegdheid, met een eigen grondslag. Dat is zo "
        "bedoeld: het zijn verwijzers naast elkaar, geen dubbel werk."
    ),
    "parallel-ingekocht": (
        "Alle aanbieders zijn ingekocht of gefinancierd. Aanbod naast elkaar is dan geregeld "
        "in de inkoop, zodat er keuze is."
    ),
    "binnen-organisatie": (
        "Alle houders horen bij één organisatie of categorie. Hoe zij het werk verdelen, "
        "regelt die organisatie zelf; het is geen overlap tussen organisaties."
    ),
}

_WHAT = {"bevoegdheid": "bevoegdheid", "hulp": "hulp"}
# Relations that make an actor bought-in care.
_BOUGHT = frozenset({"contracteert", "financiert"})


@dataclass(frozen=True)
class OverlapHolder:
    """One actor in an overlap: the records that give it the power or help there, its
    legal bases and the organisation it belongs to."""

    actor: str
    label: str
    records: tuple[str, ...]
    legal_bases: tuple[str, ...]
    legal_basis_labels: tuple[str, ...]
    organisation: str
    organisation_label: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class OverlapEvidence:
    """What a record says about the overlap, in its own words, with its sources."""

    record: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Overlap:
    """Several actors holding the same power (``what="bevoegdheid"``), or offering the
    same help (``what="hulp"``), in one area (``""``: everywhere), and what kind of
    overlap it is (a key of :data:`KINDS`)."""

    what: str
    what_label: str
    name: str
    name_label: str
    area: str
    area_label: str
    domains: tuple[str, ...]
    domain_labels: tuple[str, ...]
    actors: tuple[str, ...]
    actor_labels: tuple[str, ...]
    kind: str
    kind_label: str
    explanation: str
    holders: tuple[OverlapHolder, ...]
    shared: tuple[str, ...]
    shared_labels: tuple[str, ...]
    evidence: tuple[OverlapEvidence, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class OverlapKind:
    """A kind of overlap, its Dutch label, and how many overlaps are of that kind."""

    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class Overlaps:
    """All overlaps, real ones first (the order of :data:`KINDS`), and the kinds."""

    overlaps: tuple[Overlap, ...]
    kinds: tuple[OverlapKind, ...]
    sources: tuple[str, ...]

    def of_kind(self, kind: str) -> tuple[Overlap, ...]:
        """The overlaps of *kind*."""
        return tuple(o for o in self.overlaps if o.kind == kind)


@dataclass(frozen=True)
class ParallelRoutes:
    """Routes from one entry point that end at the same provider."""

    source: str
    help_kind: str
    by_provider: dict[str, tuple[tuple[str, ...], ...]]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class _Holding:
    """What one actor holds for one group: its records, legal bases, whether they open
    contracted care on a legal basis, what the records say, and their sources."""

    actor: str
    records: tuple[str, ...]
    legal_bases: tuple[str, ...]
    opens_care: bool
    texts: tuple[tuple[str, str, tuple[str, ...]], ...]
    sources: tuple[str, ...]


def _organisation(G: nx.MultiDiGraph, actor: str) -> str:
    """The whole *actor* is finally part of (itself if none)."""
    seen = {actor}
    current = actor
    while True:
        wholes = [w for w in G.nodes[current]["part_of"] if w in G and w not in seen]
        if not wholes:
            return current
        current = sorted(wholes)[0]
        seen.add(current)


def _chain(G: nx.MultiDiGraph, actor: str) -> list[str]:
    """*actor* and every whole it is part of."""
    found = [actor]
    todo = [actor]
    while todo:
        for whole in G.nodes[todo.pop()]["part_of"]:
            if whole in G and whole not in found:
                found.append(whole)
                todo.append(whole)
    return found


def _ancestors(G: nx.MultiDiGraph, area: str) -> tuple[str, ...]:
    """*area* and every area containing it."""
    areas = G.graph["areas"]
    found = [area]
    todo = [area]
    while todo:
        current = todo.pop()
        for parent in areas[current].part_of if current in areas else ():
            if parent not in found:
                found.append(parent)
                todo.append(parent)
    return tuple(found)


def _scopes(G: nx.MultiDiGraph) -> dict[tuple[str, str, str | None], dict[str, set[str]]]:
    """(what, name, domain) → holder → the areas it holds there (``""``: everywhere),
    for the groups with more than one holder."""
    served: dict[str, tuple[str, ...]] = {}

    def areas_of(actor: str) -> tuple[str, ...]:
        if actor not in served:
            served[actor] = served_areas(G, actor)
        return served[actor]

    parts: dict[tuple[str, str, str | None], dict[str, set[str]]] = defaultdict(dict)
    nodes = G.nodes
    for m in G.graph["mandates"]:
        if not active(m.status) or m.holder not in G or not active(nodes[m.holder]["status"]):
            continue
        areas = m.areas or areas_of(m.holder) or ("",)
        for domain in m.domains or (None,):
            parts[("bevoegdheid", m.power, domain)].setdefault(m.holder, set()).update(areas)
    for actor, d in G.nodes(data=True):
        if not active(d["status"]) or not d["offers"]:
            continue
        areas = set(areas_of(actor) or ("",))
        for kind in d["offers"]:
            for domain in d["domains"] or (None,):
                parts[("hulp", kind, domain)][actor] = areas
    return {key: holders for key, holders in parts.items() if len(holders) > 1}


def _holding(
    G: nx.MultiDiGraph, what: str, name: str, domains: list[str | None], actor: str
) -> _Holding:
    """What *actor* holds of the power or help *name* in *domains*."""
    if what == "hulp":
        d = G.nodes[actor]
        texts = ((actor, d["description"], d["sources"]),) if d.get("description") else ()
        return _Holding(actor, (actor,), (), False, texts, tuple(d["sources"]))
    mandates = [
        m
        for m in mandates_by_holder(G).get(actor, ())
        if m.power == name
        and active(m.status)
        and any(x in (m.domains or (None,)) for x in domains)
    ]
    texts = []
    for m in mandates:
        text = m.description or concept_label("Power", m.power)
        if not m.description and m.legal_bases:
            bases = ", ".join(concept_label("LegalBasis", b) for b in m.legal_bases)
            text += f" op grond van {bases}"
        texts.append((m.id, text, m.sources))
    return _Holding(
        actor,
        tuple(m.id for m in mandates),
        tuple(sorted({b for m in mandates for b in m.legal_bases})),
        all(m.opens_contracted_care and bool(m.legal_bases) for m in mandates),
        tuple(texts),
        tuple(sorted({s for m in mandates for s in m.sources})),
    )


def _groups(G: nx.MultiDiGraph, scopes: dict[str, set[str]]) -> list[tuple[str, frozenset[str]]]:
    """The areas where at least two of the holders in *scopes* hold, with who holds there.

    An area whose holders are those of an area containing it is left out: the overlap
    is the region's, not the gemeente's again.
    """
    everywhere = frozenset(a for a, areas in scopes.items() if "" in areas)
    by_area: dict[str, set[str]] = defaultdict(set)
    for actor, areas in scopes.items():
        for area in areas:
            if area:
                by_area[area].add(actor)
    at: dict[str, frozenset[str]] = {}
    for area in by_area:
        holders = set(everywhere)
        for part in _ancestors(G, area):
            holders |= by_area.get(part, set())
        at[area] = frozenset(holders)
    found = []
    if len(everywhere) > 1:
        found.append(("", everywhere))
    for area, holders in sorted(at.items()):
        if len(holders) < 2 or holders == everywhere:
            continue
        if any(at.get(parent) == holders for parent in _ancestors(G, area)[1:]):
            continue
        found.append((area, holders))
    return found


def _bought(G: nx.MultiDiGraph) -> dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]]:
    """Actor → the active ``contracteert`` or ``financiert`` relations to it."""

    def compute() -> dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]]:
        found: dict[str, list[tuple[str, str, tuple[str, ...]]]] = defaultdict(list)
        for u, v, key, d in G.edges(keys=True, data=True):
            if d["record"] == "relation" and d["kind"] in _BOUGHT and active(d["status"]):
                text = d.get("description") or (
                    f"{actor_label(G, u)} {concept_label('RelationKind', d['kind'])} "
                    f"{actor_label(G, v)}."
                )
                found[v].append((key, text, d["sources"]))
        return {k: tuple(v) for k, v in found.items()}

    return memo(G, ("overlaps", "bought"), compute)


def _taking_part(G: nx.MultiDiGraph, actor: str) -> set[str]:
    """The actors *actor* takes part in (active ``neemt-deel-aan`` relations)."""

    def compute() -> dict[str, set[str]]:
        found: dict[str, set[str]] = defaultdict(set)
        for u, v, d in G.edges(data=True):
            if d["record"] == "relation" and d["kind"] == "neemt-deel-aan" and active(d["status"]):
                found[u].add(v)
        return dict(found)

    return memo(G, ("overlaps", "taking-part"), compute).get(actor, set())


def _issues_about(G: nx.MultiDiGraph, records: set[str]) -> list[tuple[str, str, tuple[str, ...]]]:
    """The known issues about one of *records*, as (id, text, sources)."""

    def compute() -> dict[str, list[int]]:
        found: dict[str, list[int]] = defaultdict(list)
        for i, issue in enumerate(G.graph["issues"]):
            for about in issue.about:
                found[about].append(i)
        return dict(found)

    index = memo(G, ("overlaps", "issues"), compute)
    issues = G.graph["issues"]
    picked = sorted({i for r in records for i in index.get(r, ())})
    return [
        (issues[i].id, f"{issues[i].label}: {issues[i].description}", issues[i].sources)
        for i in picked
    ]


def _kind(
    G: nx.MultiDiGraph, what: str, holdings: list[_Holding], organisations: set[str]
) -> tuple[str, list[tuple[str, str, tuple[str, ...]]]]:
    """The kind of an overlap of *holdings*, and the records that show it."""
    if len(organisations) < 2:
        return "binnen-organisatie", []
    if what == "bevoegdheid" and all(h.opens_care for h in holdings):
        return "parallel-wettelijk", []
    if what == "hulp":
        bought = _bought(G)
        shown = []
        for h in holdings:
            found = [r for a in _chain(G, h.actor) for r in bought.get(a, ())]
            if not found:
                break
            shown.extend(found)
        else:
            return "parallel-ingekocht", list(dict.fromkeys(shown))
    if what == "bevoegdheid" and all(
        G.nodes[h.actor]["actor_class"] == "GovernanceBody" for h in holdings
    ):
        return "bestuurlijk", []
    return "zelfde-taak-zonder-afspraak", []


def _explain(
    kind: str, holders: list[OverlapHolder], shared_labels: Iterable[str], category: bool
) -> str:
    """What an overlap of *kind* means, in Dutch."""
    if kind == "binnen-organisatie":
        whole = holders[0].organisation_label
        if category:
            return (
                f"Alle aanbieders vallen onder één categorie ({whole}): een categorie en haar "
                "onderdelen, geen overlap tussen organisaties."
            )
        return (
            f"Alle houders horen bij één organisatie ({whole}): de verdeling is een zaak "
            "binnen die organisatie, geen overlap tussen organisaties."
        )
    if kind == "parallel-wettelijk":
        bases = sorted({b for h in holders for b in h.legal_basis_labels})
        return (
            "Elk van hen is wettelijk verwijzer met een eigen grondslag "
            f"({', '.join(bases)}): zo bedoelt de wet het. Dit zijn verwijzers naast "
            "elkaar, geen dubbel werk."
        )
    if kind == "parallel-ingekocht":
        return (
            "Alle aanbieders hier zijn ingekocht of gefinancierd (zie de bronnen): aanbod "
            "naast elkaar dat via de inkoop is geregeld."
        )
    if kind == "bestuurlijk":
        return (
            "Meerdere bestuurlijke of ambtelijke organen mogen besluiten. Waarover elk van hen "
            "besluit, zeggen de bronnen niet, en ook niet of hier iets dubbel ligt."
        )
    text = (
        "Meerdere organisaties doen dezelfde taak in hetzelfde gebied, en de bronnen noemen "
        "geen afspraak over wie welk deel doet."
    )
    shared = list(shared_labels)
    if shared:
        text += (
            f" Ze nemen wel samen deel aan: {'; '.join(shared)}. Een verdeling van deze taak "
            "staat daar volgens de bronnen niet in."
        )
    return text


def overlaps(G: nx.MultiDiGraph) -> Overlaps:
    """Who does the same thing for the same area, and is that meant to be so?

    Mandates are grouped by power and domain, offers by help kind and domain; every
    area where more than one actor holds is an overlap, of one of the :data:`KINDS`
    (see the module docstring).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.

    Returns
    -------
    Overlaps
        The overlaps, real ones first, each with its kind, a Dutch explanation, the
        holders and what the records say; computed once per projection.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> found = overlaps(example_projection())
    >>> [(o.kind, o.name, o.area, o.actors) for o in found.overlaps]
    [('zelfde-taak-zonder-afspraak', 'procesregie', 'hilversum', \
('doorbraakregisseur', 'gezinsregisseur')), \
('parallel-wettelijk', 'verwijzen', 'hilversum', ('huisarts', 'poh-jeugd'))]
    >>> print(found.overlaps[1].explanation)  # doctest: +NORMALIZE_WHITESPACE
    Elk van hen is wettelijk verwijzer met een eigen grondslag (Jeugdwet): zo bedoelt de
    wet het. Dit zijn verwijzers naast elkaar, geen dubbel werk.
    """

    def compute() -> Overlaps:
        merged: dict[tuple[str, str, str], dict[frozenset[str], list[str | None]]] = {}
        for (what, name, domain), scopes in _scopes(G).items():
            for area, holders in _groups(G, scopes):
                merged.setdefault((what, name, area), {}).setdefault(holders, []).append(domain)
        found = []
        for (what, name, area), by_holders in merged.items():
            # Holders of one domain that are some of another domain's holders in the
            # same area are that overlap already: their domain joins it.
            for holders in sorted(by_holders, key=len):
                wider = [h for h in by_holders if holders < h]
                if wider:
                    widest = min(wider, key=lambda h: (len(h), sorted(h)))
                    by_holders[widest] += by_holders.pop(holders)
            for holders, domains in by_holders.items():
                holdings = [_holding(G, what, name, domains, a) for a in sorted(holders)]
                found.append(_overlap(G, what, name, area, holdings, domains))
        order = list(KINDS)
        found.sort(key=lambda o: (order.index(o.kind), o.what, o.name, o.area, o.actors))
        kinds = tuple(
            OverlapKind(k, label, sum(o.kind == k for o in found)) for k, label in KINDS.items()
        )
        return Overlaps(tuple(found), kinds, tuple(sorted({s for o in found for s in o.sources})))

    return memo(G, "overlaps", compute)


def _overlap(
    G: nx.MultiDiGraph,
    what: str,
    name: str,
    area: str,
    holdings: list[_Holding],
    domains: list[str | None],
) -> Overlap:
    """The :class:`Overlap` of *holdings* of *name* in *area*."""
    holders = []
    for h in holdings:
        organisation = _organisation(G, h.actor)
        holders.append(
            OverlapHolder(
                h.actor,
                actor_label(G, h.actor),
                h.records,
                h.legal_bases,
                tuple(concept_label("LegalBasis", b) for b in h.legal_bases),
                organisation,
                actor_label(G, organisation),
                h.sources,
            )
        )
    kind, shown = _kind(G, what, holdings, {h.organisation for h in holders})
    shared: set[str] = set()
    if kind == "zelfde-taak-zonder-afspraak":
        shared = set.intersection(*(_taking_part(G, h.actor) for h in holdings))
    shared_ids = tuple(sorted(shared))
    evidence = [OverlapEvidence(r, text, src) for h in holdings for r, text, src in h.texts]
    evidence += [OverlapEvidence(r, text, src) for r, text, src in shown]
    if what == "bevoegdheid":
        records = {r for h in holdings for r in h.records}
        evidence += [OverlapEvidence(*found) for found in _issues_about(G, records)]
    known_domains = tuple(sorted(d for d in domains if d))
    sources = {s for h in holders for s in h.sources} | {s for e in evidence for s in e.sources}
    if kind == "zelfde-taak-zonder-afspraak":
        sources |= {s for a in shared_ids for s in G.nodes[a]["sources"]}
    actors = tuple(h.actor for h in holders)
    concept_class = "Power" if what == "bevoegdheid" else "HelpKind"
    return Overlap(
        what,
        _WHAT[what],
        name,
        concept_label(concept_class, name),
        area,
        area_labels(G, (area,))[0] if area else "alle gebieden",
        known_domains,
        tuple(concept_label("Domain", d) for d in known_domains),
        actors,
        actor_labels(G, actors),
        kind,
        KINDS[kind],
        _explain(
            kind,
            holders,
            actor_labels(G, shared_ids),
            G.nodes[holders[0].organisation]["actor_class"] == "ProviderCategory",
        ),
        tuple(holders),
        shared_ids,
        actor_labels(G, shared_ids),
        tuple(evidence),
        tuple(sorted(sources)),
    )


@dataclass(frozen=True)
class GemeenteOverlaps:
    """How many overlaps hold in one gemeente, in all and per kind."""

    gemeente: str
    label: str
    count: int
    kinds: tuple[OverlapKind, ...]


@dataclass(frozen=True)
class OverlapsIn:
    """The overlaps that hold in one gemeente (all overlaps when ``gemeente`` is None),
    and for every gemeente how many hold there."""

    gemeente: str | None
    label: str
    overlaps: Overlaps
    gemeenten: tuple[GemeenteOverlaps, ...]


def _holds_in(G: nx.MultiDiGraph, overlap: Overlap, gemeente: str) -> bool:
    """Whether *overlap* holds in *gemeente*: it is for everywhere, for an area the
    gemeente lies in, for the gemeente, or for a part of it."""
    return not overlap.area or overlap.area in area_scope(G, gemeente)


def _narrowed(found: tuple[Overlap, ...]) -> Overlaps:
    kinds = tuple(
        OverlapKind(k, label, sum(o.kind == k for o in found)) for k, label in KINDS.items()
    )
    return Overlaps(found, kinds, tuple(sorted({s for o in found for s in o.sources})))


def overlaps_in(G: nx.MultiDiGraph, gemeente: str | None = None) -> OverlapsIn:
    """Who does the same thing in *gemeente*, and how much overlap has each gemeente?

    The :func:`overlaps` that hold in the gemeente: those for the whole region (or an
    area the gemeente lies in), for the gemeente itself and for its parts. Texts from
    the records name other records by their labels, not their ids.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    gemeente : str, optional
        An area, by id or label in any case; default all overlaps.

    Returns
    -------
    OverlapsIn
        The overlaps that hold there, real ones first, and per gemeente the count.

    Raises
    ------
    UnknownName
        If *gemeente* names no area, with close names.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> [o.name for o in overlaps_in(G, "Hilversum").overlaps.overlaps]
    ['procesregie', 'verwijzen']
    >>> overlaps_in(G, "huizen").overlaps.overlaps
    ()
    >>> [(g.label, g.count) for g in overlaps_in(G).gemeenten]
    [('Hilversum', 2), ('Huizen', 0)]
    """
    gemeente = choose_area(G, gemeente)
    every = tuple(
        replace(o, evidence=tuple(replace(e, text=readable(G, e.text)) for e in o.evidence))
        for o in overlaps(G).overlaps
    )
    per_gemeente = []
    for area in sorted(
        (a for a in G.graph["areas"].values() if a.type == "gemeente"), key=lambda a: a.label
    ):
        here = _narrowed(tuple(o for o in every if _holds_in(G, o, area.id)))
        per_gemeente.append(GemeenteOverlaps(area.id, area.label, len(here.overlaps), here.kinds))
    if gemeente:
        found = tuple(o for o in every if _holds_in(G, o, gemeente))
        label = G.graph["areas"][gemeente].label
    else:
        found, label = every, ""
    return OverlapsIn(gemeente, label, _narrowed(found), tuple(per_gemeente))


def parallel_routes(
    G: nx.MultiDiGraph, source: str, help_kind: str, *, gemeente: str | None = None, k: int = 10
) -> ParallelRoutes:
    """Which providers of *help_kind* can *source* reach along more than one route?

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> result = parallel_routes(example_projection(), "school", "jeugd-ggz")
    >>> for route in result.by_provider["ggz-aanbieder"]:
    ...     print(" -> ".join(route))
    school -> huisarts -> ggz-aanbieder
    school -> buurtteam -> gemeente-hilversum -> ggz-aanbieder
    """
    result = referral_routes(G, source, help_kind, gemeente=gemeente, k=k)
    by_provider: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for route in result.routes:
        by_provider[route.actors[-1]].append(route.actors)
    parallel = {p: tuple(rs) for p, rs in sorted(by_provider.items()) if len(rs) > 1}
    return ParallelRoutes(source, help_kind, parallel, result.sources)
