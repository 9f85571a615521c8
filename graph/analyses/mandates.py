"""Mandates and escalation: who may decide what, and where stuck cases go.

What makes a rung of an escalation ladder
-----------------------------------------
A rung is a place a stuck or complex case goes, that holds in the gemeente (a regional
actor holds in every gemeente of its region, a team where its organisation does). The
data puts an actor on the ladder in four ways, each kept as a :class:`RungBasis`:

``escalatierelatie``
    it is the target of an ``escaleert`` relation that holds in the gemeente;
``bevoegdheid``
    it holds a mandate with an escalation power (:data:`ESCALATION_POWERS`);
``inrichting``
    an ``escalatie`` arrangement of the gemeente (or its region) is about it;
``soort``
    its actor type is one the seeds describe as such a place (:data:`ESCALATION_TYPES`).

Of the powers in ``ontology/vocabularies/powers.ttl`` only ``doorbraak`` is about cases
that are stuck. ``procesregie`` and ``casusregie`` are the ordinary regie of every
indicated case ("Vervolgens voert de gemeentelijke consulent de procesregie en één van
de professionele hulpverleners ... de casusregie", 003 §4 afspraak 2);
``spoedeisende-hulp-inzetten``, ``jeugdhulpbepaling`` and ``rechterlijke-maatregel``
open contracted care, as the other legal referrers do (003 §4 afspraak 2). None of them
is a step up for a case that does not move.

The rungs are ordered by the actor's scale, local → regional → supra-regional →
national; within one scale by the ``escaleert`` relations between them. Where the
seeds give no order (the Expertteam, the Doorbraaktafel and the C&A-team, 003 §4
afspraak 5), the rungs share a level.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from zorgnet.graph.analyses._common import active, check_area, edge_applies, in_scope, memo
from zorgnet.graph.analyses._index import mandates_by_holder, scope_actors, served_areas
from zorgnet.graph.analyses._labels import actor_label, actor_labels, area_labels, concept_label
from zorgnet.graph.analyses._phrases import actor_phrase, sentence
from zorgnet.graph.analyses._plain import choose_area, choose_concept, readable
from zorgnet.graph.projected import Mandate

__all__ = [
    "BASIS_KINDS",
    "ESCALATION_POWERS",
    "ESCALATION_TYPES",
    "POWER_GROUPS",
    "POWER_PHRASES",
    "SCALES",
    "EscalationLadder",
    "LadderArrangement",
    "MandateGroup",
    "MandateMatrix",
    "MandateRow",
    "MandateStatement",
    "MandateStatements",
    "Rung",
    "RungBasis",
    "RungMandate",
    "escalation_ladder",
    "mandate_holds",
    "mandate_matrix",
    "mandate_statements",
]

#: The powers whose holders are rungs of the escalation ladder where the mandate holds.
ESCALATION_POWERS = frozenset({"doorbraak"})

#: The actor types the seeds describe as a place for stuck or complex cases: the type,
#: and the seed's words with their source.
ESCALATION_TYPES: dict[str, tuple[str, str]] = {
    "doorbraakregisseur": (
        "Waar casuïstiek nu dreigt vast te lopen wordt de doorbraakregisseur ingezet "
        "(werkt vanuit een integrale blik en met breed mandaat, domeinoverstijgend).",
        "002 §3.3, regel 620-622",
    ),
    "gezinsregisseur": (
        "Wanneer sprake is van complexe problematiek of (dreigende) onveiligheid, worden "
        "gezinnen ondersteund door gezinsregisseurs.",
        "002 §3.1, regel 456-458",
    ),
    "consultatieteam": (
        "Daar waar ook inhoudelijke knelpunten of verschillen van opvatting zijn is er het "
        "Consultatie en Adviesteam, waaronder ook het Expertteam en de Doorbraaktafel "
        "gesitueerd zijn.",
        "003 §4, afspraak 5, regel 1591-1595",
    ),
    "expertteam": (
        "Een verwijzer kan bij het vinden van een oplossing gebruik maken van een regionaal "
        "of bovenregionaal expertteam om een doorbraak te realiseren.",
        "003 §4, afspraak 1, regel 769-772",
    ),
    "doorbraaktafel": (
        "Bij pieken in vraag kan gebruik worden gemaakt van o.a. de schakelfunctionaris, de "
        "doorbraaktafel en de tussenvoorziening.",
        "003 §4, afspraak 5, regel 1609-1611",
    ),
    "schakelfunctionaris": (
        "Voor met name verblijf is er een regionale schakelfunctionaris die helpt om "
        "tijdelijke tekorten van verblijfsplekken te overbruggen en daar waar mogelijk op "
        "te lossen.",
        "003 §4, afspraak 5, regel 1588-1591",
    ),
    "expertisenetwerk": (
        "De regio Gooi en Vechtstreek werkt bovenregionaal samen rondom het Bovenregionaal "
        "Expertisenetwerk; gemeenten verbinden zich aan de ontwikkeling van bovenregionale "
        "expertisenetwerken.",
        "003 §4, afspraak 4, regel 1492-1496",
    ),
}

#: The scales from the bottom of a ladder to its top.
SCALES = ("lokaal", "regionaal", "bovenregionaal", "landelijk")

#: Why an actor is a rung (see the module docstring), with their Dutch labels.
BASIS_KINDS = {
    "escalatierelatie": "de bronnen noemen deze stap bij opschalen",
    "bevoegdheid": "bevoegdheid om door te breken",
    "inrichting": "inrichting van gemeente of regio",
    "soort": "de bronnen noemen deze rol bij opschalen",
}


@dataclass(frozen=True)
class MandateRow:
    """One actor x power x legal basis x scope cell of the bevoegdhedenmatrix."""

    actor: str
    label: str
    power: str
    legal_basis: str | None
    areas: tuple[str, ...]
    domains: tuple[str, ...]
    help_kinds: tuple[str, ...]
    opens_contracted_care: bool
    mandate: str
    sources: tuple[str, ...]
    power_label: str = ""
    legal_basis_label: str = ""
    area_labels: tuple[str, ...] = ()
    domain_labels: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class MandateMatrix:
    """The bevoegdhedenmatrix."""

    rows: tuple[MandateRow, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RungMandate:
    """A mandate a rung holds in the gemeente: power, legal basis, description, source."""

    mandate: str
    power: str
    power_label: str
    legal_bases: tuple[str, ...]
    legal_basis_labels: tuple[str, ...]
    description: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RungBasis:
    """Why an actor is on the ladder: ``kind`` is a key of :data:`BASIS_KINDS`, ``record``
    the relation, mandate or arrangement that says so (None for a type), ``text`` what it
    says."""

    kind: str
    label: str
    record: str | None
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Rung:
    """One actor on the ladder, at ``level`` (1 = lowest), with its mandates and basis."""

    level: int
    actor: str
    label: str
    type: str | None
    type_label: str
    scale: str | None
    scale_label: str
    status: str | None
    status_label: str
    part_of: tuple[str, ...]
    part_of_labels: tuple[str, ...]
    escalated_from: tuple[str, ...]
    escalated_from_labels: tuple[str, ...]
    mandates: tuple[RungMandate, ...]
    basis: tuple[RungBasis, ...]
    description: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class LadderArrangement:
    """What an ``escalatie`` arrangement for the gemeente or its region says."""

    id: str
    areas: tuple[str, ...]
    area_labels: tuple[str, ...]
    status: str | None
    status_label: str
    about: tuple[str, ...]
    description: str
    as_of: int | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class EscalationLadder:
    """The rungs a stuck case climbs in one gemeente, lowest first.

    ``rungs`` in ladder order; ``levels`` the actor ids per level; ``steps`` the
    ``escaleert`` relations that hold there as (from, to, relation id); ``arrangements``
    the ids of the escalation arrangements, ``arrangement_notes`` what they say;
    ``missing`` a Dutch line for each scale without a rung.
    """

    gemeente: str
    label: str
    rungs: tuple[Rung, ...]
    levels: tuple[tuple[str, ...], ...]
    steps: tuple[tuple[str, str, str], ...]
    arrangements: tuple[str, ...]
    arrangement_notes: tuple[LadderArrangement, ...]
    missing: tuple[str, ...]
    explanation: str
    sources: tuple[str, ...]


def mandate_holds(G: nx.MultiDiGraph, mandate: Mandate, area: str | None) -> bool:
    """Whether *mandate* holds in *area*: active, held by an active actor, and scoped there.

    A mandate that names no area holds where its holder serves
    (:func:`~zorgnet.graph.analyses._index.served_areas`); a holder that names none
    serves everywhere.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> m = next(m for m in G.graph["mandates"] if m.id == "regisseur-doorbraak")
    >>> m.holder, m.areas, mandate_holds(G, m, "hilversum"), mandate_holds(G, m, "huizen")
    ('doorbraakregisseur', ('hilversum',), True, False)
    """
    if not active(mandate.status) or mandate.holder not in G:
        return False
    if not active(G.nodes[mandate.holder]["status"]):
        return False
    return in_scope(G, mandate.areas or served_areas(G, mandate.holder), area)


def _legal_basis_label(basis: str | None) -> str:
    return concept_label("LegalBasis", basis) if basis else "geen wet genoemd"


def mandate_matrix(G: nx.MultiDiGraph, *, gemeente: str | None = None) -> MandateMatrix:
    """Who holds which power, on which legal basis, for what scope?

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    gemeente : str, optional
        Only the mandates that hold there (:func:`mandate_holds`).

    Returns
    -------
    MandateMatrix
        One row per mandate and legal basis, with Dutch labels, sorted by actor and power.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> [(r.actor, r.power, r.legal_basis) for r in mandate_matrix(example_projection()).rows]
    [('doorbraakregisseur', 'doorbraak', None), ('doorbraakregisseur', 'procesregie', None), \
('gemeente-hilversum', 'beschikken', 'jeugdwet'), ('gezinsregisseur', 'procesregie', None), \
('huisarts', 'verwijzen', 'jeugdwet'), ('poh-jeugd', 'verwijzen', 'jeugdwet')]
    >>> [r.actor for r in mandate_matrix(example_projection(), gemeente="huizen").rows]
    ['huisarts']
    """
    check_area(G, gemeente)
    rows = []
    for m in G.graph["mandates"]:
        if m.holder not in G or not active(m.status):
            continue
        if gemeente is not None and not mandate_holds(G, m, gemeente):
            continue
        for basis in m.legal_bases or (None,):
            rows.append(
                MandateRow(
                    m.holder,
                    G.nodes[m.holder]["label"],
                    m.power,
                    basis,
                    m.areas,
                    m.domains,
                    m.help_kinds,
                    m.opens_contracted_care,
                    m.id,
                    m.sources,
                    power_label=concept_label("Power", m.power),
                    legal_basis_label=_legal_basis_label(basis),
                    area_labels=area_labels(G, m.areas),
                    domain_labels=tuple(concept_label("Domain", d) for d in m.domains),
                    description=m.description,
                )
            )
    rows.sort(key=lambda r: (r.actor, r.power, r.legal_basis or ""))
    return MandateMatrix(tuple(rows), tuple(sorted({s for r in rows for s in r.sources})))


#: What each power allows, as the rest of a sentence after its holder and "mag"
#: (the vocabulary's labels are terms, not sentences).
POWER_PHRASES = {
    "verwijzen": "verwijzen naar gecontracteerde hulp",
    "indiceren": "vaststellen welke hulp iemand nodig heeft",
    "beschikken": "beslissen of iemand een voorziening krijgt",
    "jeugdhulpbepaling": "bij een kinderbeschermingsmaatregel bepalen welke jeugdhulp nodig is",
    "spoedeisende-hulp-inzetten": "in een spoedsituatie direct hulp inzetten",
    "rechterlijke-maatregel": "met een rechterlijke maatregel hulp inzetten",
    "procesregie": "de regie voeren op het proces van de hulp (procesregie)",
    "casusregie": "de regie voeren op de inhoud van de hulp (casusregie)",
    "contractbeheer": "de contracten met aanbieders beheren",
    "doorbraak": "een doorbraak forceren als een situatie vastloopt",
    "onderzoek": "onderzoek doen",
    "besluiten": "besluiten nemen (bestuurlijk of ambtelijk vaststellen)",
}

#: The powers in groups a reader recognises: group, Dutch heading, powers in order.
POWER_GROUPS = (
    (
        "toegang",
        "Verwijzen en beslissen over hulp",
        (
            "verwijzen",
            "indiceren",
            "beschikken",
            "jeugdhulpbepaling",
            "spoedeisende-hulp-inzetten",
            "rechterlijke-maatregel",
        ),
    ),
    ("regie", "Regie op de hulp", ("procesregie", "casusregie")),
    ("doorbraak", "Als een situatie vastloopt", ("doorbraak",)),
    ("onderzoek", "Onderzoek", ("onderzoek",)),
    ("bestuur", "Bestuur, inkoop en contracten", ("besluiten", "contractbeheer")),
)
_OTHER = ("overig", "Andere bevoegdheden")


@dataclass(frozen=True)
class MandateStatement:
    """One mandate as a Dutch sentence, with its holder, power, laws and scope by name.

    ``areas`` are where the mandate holds (its own, else where its holder serves),
    ``help_kinds`` the kinds of help it names (none: every kind).
    """

    mandate: str
    holder: str
    holder_label: str
    power: str
    power_label: str
    sentence: str
    legal_bases: tuple[str, ...]
    legal_basis_labels: tuple[str, ...]
    areas: tuple[str, ...]
    area_labels: tuple[str, ...]
    help_kinds: tuple[str, ...]
    help_kind_labels: tuple[str, ...]
    opens_contracted_care: bool
    description: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class MandateGroup:
    """The statements of one group of :data:`POWER_GROUPS`."""

    group: str
    label: str
    statements: tuple[MandateStatement, ...]


@dataclass(frozen=True)
class MandateStatements:
    """The mandates that hold in a gemeente (or all), as sentences in groups."""

    gemeente: str | None
    gemeente_label: str
    help_kind: str | None
    help_kind_label: str
    groups: tuple[MandateGroup, ...]
    sources: tuple[str, ...]

    def statements(self) -> tuple[MandateStatement, ...]:
        """Every statement, group after group."""
        return tuple(s for g in self.groups for s in g.statements)


def _plural(label: str) -> bool:
    """Whether *label* names more than one (so the sentence says "mogen", not "mag").

    The head word is the last word before a name (a capitalised word), a bracket or
    "van"/"voor"; Dutch plurals of the actors' labels end in -en, -ers, -es or -'s.

    Examples
    --------
    >>> [_plural(x) for x in ("gemeenteraden", "Gemeente Huizen", "huisarts",
    ...                       "colleges van burgemeester en wethouders",
    ...                       "gecertificeerde instellingen (GI's)")]
    [True, False, False, True, True]
    """
    words = label.split("(")[0].split()
    head = words[:1]
    for word in words[1:]:
        if word[:1].isupper() or word in ("van", "voor", "in"):
            break
        head.append(word)
    last = head[-1].casefold() if head else ""
    return last.endswith(("en", "ers", "es", "'s"))


def _where(G: nx.MultiDiGraph, area: str) -> str:
    """*area* as a sentence names it: "de regio Gooi en Vechtstreek", "Huizen"."""
    known = G.graph["areas"].get(area)
    if known is None:
        return area
    return f"de regio {known.label}" if known.type == "regio" else known.label


def _statement(G: nx.MultiDiGraph, m: Mandate) -> MandateStatement:
    holder = G.nodes[m.holder]
    areas = m.areas or served_areas(G, m.holder)
    laws = tuple(concept_label("LegalBasis", b) for b in m.legal_bases)
    kinds = tuple(concept_label("HelpKind", k) for k in m.help_kinds)
    label = holder["label"]
    plural = _plural(label)
    first = next((c for c in label if c.isalpha()), "")
    # A plural takes "de" whatever its kind ("de gemeenteraden", not "het"); so does a
    # common noun behind a bracket ("de (kinder)rechter"), which reads as a name.
    subject = actor_phrase(label, holder["type"])
    if first.islower() and (plural or subject == label):
        subject = f"de {label}"
    words = [subject, "mogen" if plural else "mag"]
    on_behalf = [w for w in holder["part_of"] if w in G and G.nodes[w]["type"] == "gemeente"]
    if on_behalf:
        words.append(f"namens {actor_labels(G, on_behalf)[0]}")
    if areas:
        words.append("in " + ", ".join(_where(G, a) for a in areas))
    words.append(POWER_PHRASES.get(m.power, concept_label("Power", m.power)))
    if kinds:
        words.append("voor " + ", ".join(kinds))
    clause = " ".join(words)
    if laws:
        clause += f" ({' en '.join(laws)})"
    return MandateStatement(
        m.id,
        m.holder,
        label,
        m.power,
        concept_label("Power", m.power),
        sentence(clause),
        m.legal_bases,
        laws,
        tuple(areas),
        area_labels(G, areas),
        m.help_kinds,
        kinds,
        m.opens_contracted_care,
        readable(G, m.description),
        m.sources,
    )


def mandate_statements(
    G: nx.MultiDiGraph, *, gemeente: str | None = None, help_kind: str | None = None
) -> MandateStatements:
    """Who may decide what in a gemeente, said in sentences?

    The mandates of :func:`mandate_matrix` (those that hold in the gemeente), one
    sentence each ("Gemeente Huizen mag beslissen of iemand een voorziening krijgt in
    Huizen (Jeugdwet)"), grouped by :data:`POWER_GROUPS`. A mandate that names no kind
    of help holds for every kind, so a *help_kind* keeps it.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    gemeente : str, optional
        An area, by id or label in any case; default every mandate.
    help_kind : str, optional
        A kind of help, by notation or label.

    Returns
    -------
    MandateStatements

    Raises
    ------
    UnknownName
        If *gemeente* or *help_kind* names nothing in the data, with close names.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> found = mandate_statements(example_projection(), gemeente="Huizen")
    >>> [(g.label, [s.sentence for s in g.statements]) for g in found.groups]
    [('Verwijzen en beslissen over hulp', ['De huisarts mag in de regio Gooi en Vechtstreek \
verwijzen naar gecontracteerde hulp (Jeugdwet).'])]
    >>> [s.holder for s in mandate_statements(example_projection(), gemeente="hilversum")
    ...  .statements()]
    ['huisarts', 'poh-jeugd', 'gemeente-hilversum', 'doorbraakregisseur', 'gezinsregisseur', \
'doorbraakregisseur']
    """
    gemeente = choose_area(G, gemeente)
    help_kind = choose_concept(help_kind, "HelpKind", "soort hulp")
    held = [
        m
        for m in G.graph["mandates"]
        if m.holder in G
        and active(m.status)
        and (gemeente is None or mandate_holds(G, m, gemeente))
        and (help_kind is None or not m.help_kinds or help_kind in m.help_kinds)
    ]
    statements = [_statement(G, m) for m in held]
    groups = []
    grouped = {p for _, _, powers in POWER_GROUPS for p in powers}
    for group, label, powers in (*POWER_GROUPS, (*_OTHER, ())):
        order = {p: i for i, p in enumerate(powers)}
        here = sorted(
            (s for s in statements if (s.power in order if powers else s.power not in grouped)),
            key=lambda s: (order.get(s.power, 0), s.holder_label.casefold(), s.mandate),
        )
        if here:
            groups.append(MandateGroup(group, label, tuple(here)))
    return MandateStatements(
        gemeente,
        G.graph["areas"][gemeente].label if gemeente else "",
        help_kind,
        concept_label("HelpKind", help_kind),
        tuple(groups),
        tuple(sorted({s for m in held for s in m.sources})),
    )


def _escalations(G: nx.MultiDiGraph) -> tuple[tuple[str, str, str, dict], ...]:
    """Every ``escaleert`` relation of *G*, as (from, to, id, data)."""

    def compute() -> tuple[tuple[str, str, str, dict], ...]:
        return tuple(
            (u, v, key, d)
            for u, v, key, d in G.edges(keys=True, data=True)
            if d["record"] == "relation" and d["kind"] == "escaleert"
        )

    return memo(G, ("mandates", "escalations"), compute)


def _rung_mandate(m: Mandate) -> RungMandate:
    return RungMandate(
        m.id,
        m.power,
        concept_label("Power", m.power),
        m.legal_bases,
        tuple(_legal_basis_label(b) for b in m.legal_bases) or (_legal_basis_label(None),),
        m.description,
        m.sources,
    )


def _scale_rank(scale: str | None) -> int:
    return SCALES.index(scale) if scale in SCALES else len(SCALES)


def escalation_ladder(G: nx.MultiDiGraph, gemeente: str) -> EscalationLadder:
    """Where does a stuck case go in *gemeente*, step by step?

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    gemeente : str
        An area id, usually a gemeente.

    Returns
    -------
    EscalationLadder
        Every rung that holds in the gemeente (see the module docstring for what makes
        a rung), lowest first, each with its mandates there, who escalates to it, and
        why it is on the ladder; the escalation arrangements for the gemeente and its
        region, also where they say the sources are silent.

    Raises
    ------
    UnknownName
        If *gemeente* is no area of *G*.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> ladder = escalation_ladder(G, "hilversum")
    >>> ladder.levels
    (('doorbraakregisseur', 'gezinsregisseur'), ('doorbraaktafel',))
    >>> regisseur, _, tafel = ladder.rungs
    >>> [(b.kind, b.record) for b in regisseur.basis]
    [('bevoegdheid', 'regisseur-doorbraak'), ('inrichting', 'hilversum-escalatie'), \
('soort', None)]
    >>> [(m.power_label, m.legal_basis_labels) for m in regisseur.mandates]
    [('doorbraak forceren', ('geen wet genoemd',)), ('procesregie', ('geen wet genoemd',))]
    >>> tafel.scale_label, tafel.escalated_from, [b.kind for b in tafel.basis]
    ('regionaal', ('buurtteam',), ['escalatierelatie', 'soort'])
    >>> escalation_ladder(G, "huizen").levels
    (('doorbraaktafel',),)
    >>> escalation_ladder(G, "huizen").missing
    ('Lokaal: de bronnen noemen voor Huizen geen trede.', \
'Bovenregionaal: de bronnen noemen voor Huizen geen trede.')
    """
    check_area(G, gemeente)
    here = set(scope_actors(G, gemeente))
    basis: dict[str, list[RungBasis]] = defaultdict(list)
    escalated_from: dict[str, set[str]] = defaultdict(set)
    steps = []
    for u, v, key, d in _escalations(G):
        if not edge_applies(G, d, area=gemeente) or v not in here:
            continue
        steps.append((u, v, key))
        escalated_from[v].add(u)
        text = d.get("description") or f"{actor_label(G, u)} escaleert naar {actor_label(G, v)}."
        basis[v].append(
            RungBasis("escalatierelatie", BASIS_KINDS["escalatierelatie"], key, text, d["sources"])
        )
    for m in G.graph["mandates"]:
        if m.power in ESCALATION_POWERS and mandate_holds(G, m, gemeente):
            text = m.description or concept_label("Power", m.power)
            basis[m.holder].append(
                RungBasis("bevoegdheid", BASIS_KINDS["bevoegdheid"], m.id, text, m.sources)
            )
    notes = []
    for a in G.graph["arrangements"]:
        if a.aspect != "escalatie" or not edge_applies(G, {"areas": a.areas}, area=gemeente):
            continue
        notes.append(
            LadderArrangement(
                a.id,
                a.areas,
                area_labels(G, a.areas),
                a.status,
                concept_label("Status", a.status),
                a.about,
                a.description,
                a.as_of,
                a.sources,
            )
        )
        if active(a.status):
            for actor in a.about:
                if actor in here:
                    basis[actor].append(
                        RungBasis(
                            "inrichting", BASIS_KINDS["inrichting"], a.id, a.description, a.sources
                        )
                    )
    for actor in here:
        kind = G.nodes[actor]["type"]
        if kind in ESCALATION_TYPES:
            words, source = ESCALATION_TYPES[kind]
            basis[actor].append(RungBasis("soort", BASIS_KINDS["soort"], None, words, (source,)))

    levels = _levels(G, set(basis), steps)
    held = mandates_by_holder(G)
    rungs = []
    for number, level in enumerate(levels, start=1):
        for actor in level:
            data = G.nodes[actor]
            mandates = tuple(
                _rung_mandate(m) for m in held.get(actor, ()) if mandate_holds(G, m, gemeente)
            )
            found = tuple(basis[actor])
            rungs.append(
                Rung(
                    number,
                    actor,
                    data["label"],
                    data["type"],
                    concept_label("ActorType", data["type"]),
                    data["scale"],
                    concept_label("Scale", data["scale"]) or "schaal onbekend",
                    data["status"],
                    concept_label("Status", data["status"]),
                    data["part_of"],
                    actor_labels(G, data["part_of"]),
                    tuple(sorted(escalated_from[actor])),
                    actor_labels(G, sorted(escalated_from[actor])),
                    mandates,
                    found,
                    data.get("description", ""),
                    tuple(
                        sorted(
                            {
                                *data["sources"],
                                *(s for b in found for s in b.sources),
                                *(s for m in mandates for s in m.sources),
                            }
                        )
                    ),
                )
            )
    label = G.graph["areas"][gemeente].label
    missing = _missing(G, gemeente, label, rungs)
    explanation = "" if rungs else f"De bronnen noemen geen escalatietreden die in {label} gelden."
    sources = {s for r in rungs for s in r.sources} | {s for n in notes for s in n.sources}
    return EscalationLadder(
        gemeente,
        label,
        tuple(rungs),
        tuple(level for level in levels),
        tuple(sorted(steps)),
        tuple(n.id for n in notes),
        tuple(notes),
        missing,
        explanation,
        tuple(sorted(sources)),
    )


def _levels(
    G: nx.MultiDiGraph, actors: set[str], steps: list[tuple[str, str, str]]
) -> list[tuple[str, ...]]:
    """*actors* in levels: by scale, and within a scale by the ``escaleert`` steps."""
    by_scale: dict[int, set[str]] = defaultdict(set)
    for actor in actors:
        by_scale[_scale_rank(G.nodes[actor]["scale"])].add(actor)
    levels: list[tuple[str, ...]] = []
    for rank in sorted(by_scale):
        group = by_scale[rank]
        order = nx.DiGraph()
        order.add_nodes_from(group)
        order.add_edges_from((u, v) for u, v, _ in steps if u in group and v in group)
        try:
            generations = list(nx.topological_generations(order))
        except nx.NetworkXUnfeasible:
            # A cycle: one level rather than an invented order.
            generations = [group]
        levels.extend(tuple(sorted(g)) for g in generations)
    return levels


def _missing(G: nx.MultiDiGraph, gemeente: str, label: str, rungs: list[Rung]) -> tuple[str, ...]:
    """A Dutch line for each of local, regional and supra-regional without a rung."""
    present = {r.scale for r in rungs}
    return tuple(
        f"{concept_label('Scale', scale).capitalize()}: de bronnen noemen voor {label} geen trede."
        for scale in SCALES[:3]
        if scale not in present
    )
