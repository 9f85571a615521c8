"""The sociale kaart of a gemeente: who serves it, layer by layer, and where to go first.

A municipal sociale kaart lists who works for the inhabitants, from the voorveld to the
specialised and supra-regional care. Here every actor that serves the gemeente
(:func:`~zorgnet.graph.analyses.scope_set`) lies in exactly one layer of
:data:`~zorgnet.ontology.categories.LAYERS`, the layer the maps draw it in (its actor
type's category and its scale, :func:`actor_layer`). Beside the layers: the places an
inhabitant can go without a referral, as the route analysis knows them, the gemeente's
own local set-up (its arrangements), and the figures, known issues and shortages about
it (:func:`~zorgnet.graph.analyses.facts.area_facts`).

Where an inhabitant goes without a referral
-------------------------------------------
A route question from ``"inwoner"`` (:func:`~zorgnet.graph.analyses.routes.referral_routes`)
starts in two ways: the inhabitant goes straight to the voorveld or the gemeente's
toegang (:func:`~zorgnet.graph.analyses.routes.inhabitant_entries`), or it starts at
the inhabitants' own actors (type ``inwoner``) and takes a route relation from there
(the GP they consult). Both are the open doors; a door that needs a referral
(access ``geindiceerd``) is none. Only the voorveld and where the inhabitants' own
relations lead are without any referral: at the toegang one asks the gemeente, which
decides. A door the sources doubt (a pilot, a known issue, a local set-up still in
onderzoek) comes with those caveats and their sources, after the sure doors.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import networkx as nx

from zorgnet.graph.analyses._common import active, check_area, edge_applies
from zorgnet.graph.analyses._index import scope_actors, scope_set
from zorgnet.graph.analyses._labels import actor_labels, area_labels
from zorgnet.graph.analyses._phrases import sentence
from zorgnet.graph.analyses.facts import Facts, area_facts
from zorgnet.graph.analyses.routes import (
    REPORTED_PRACTICE,
    ROUTE_COSTS,
    entry_actors,
    inhabitant_entries,
)
from zorgnet.graph.areas import area_ancestors
from zorgnet.graph.projected import Arrangement, Shortage
from zorgnet.ontology.categories import LAYERS, category_of, layer_of
from zorgnet.ontology.vocabulary import concept_label

__all__ = [
    "DOOR_REASONS",
    "Caveat",
    "LocalArrangement",
    "MapActor",
    "MapLayer",
    "OpenDoor",
    "SocialMap",
    "actor_layer",
    "self_referral",
    "social_map",
]

#: Why an inhabitant may go somewhere without a referral, in Dutch.
DOOR_REASONS = {
    "voorveld": "vrij toegankelijk (voorveld)",
    "zelf": "inwoners gaan hier zelf naartoe",
    "toegang": "toegang van de gemeente: hier vraagt u de gemeente om hulp",
}
_PRACTICE_NOTE = " (zo melden verwijzers het uit de praktijk; het is geen afspraak)"
# The doors an inhabitant walks through without any referral; the gemeente's toegang is
# where one asks the gemeente, which then decides (003 §4, afspraak 2).
_WITHOUT_REFERRAL = frozenset({"voorveld", "zelf"})
# Why something of a status other than "bestaand" may not be there now.
_UNSURE = {
    "pilot": "dit is een pilot: een proef, die ook kan stoppen",
    "in-onderzoek": "dit wordt nog onderzocht en is er misschien nog niet",
    "onbekend": "de bronnen zeggen niet of dit er nu is",
}


@dataclass(frozen=True)
class Caveat:
    """Why a door may not be there as its access says: a pilot, a known issue, a local
    set-up still in onderzoek; ``text`` in Dutch sentences, with the ``sources`` that
    say so."""

    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class MapActor:
    """An actor on the sociale kaart, with its vocabulary values as Dutch labels.

    ``without_referral`` says whether an inhabitant may go there without any referral
    (an open door of the voorveld or where the inhabitants' own relations lead);
    ``door_reason`` is the reason of its open door, if it is one (``"toegang"``: where
    one asks the gemeente, which decides); ``unsure`` whether that door has caveats.
    """

    actor: str
    label: str
    type: str | None
    type_label: str
    category: str
    category_label: str
    layer: str
    scale_label: str
    status: str | None
    status_label: str
    offers_labels: tuple[str, ...]
    access_labels: tuple[str, ...]
    without_referral: bool
    description: str
    sources: tuple[str, ...]
    door_reason: str | None = None
    unsure: bool = False


@dataclass(frozen=True)
class MapLayer:
    """One layer of the sociale kaart (a key of ``LAYER_LABELS``) and its actors by name."""

    id: str
    label: str
    actors: tuple[MapActor, ...]


@dataclass(frozen=True)
class OpenDoor:
    """A place an inhabitant of the gemeente may go to without a referral.

    ``reason`` is a key of :data:`DOOR_REASONS`; ``sources`` those that name the
    gemeente's toegang, those of the relation an inhabitant takes to get there, or the
    actor's own for the voorveld. ``caveats`` say why the door may not be open as
    its access says (a pilot, a known issue about it, a local set-up in onderzoek).
    """

    actor: str
    label: str
    type_label: str
    offers_labels: tuple[str, ...]
    reason: str
    reason_label: str
    sources: tuple[str, ...]
    caveats: tuple[Caveat, ...] = ()


@dataclass(frozen=True)
class LocalArrangement:
    """What the sources say about one aspect of the gemeente's local set-up.

    ``enclosing`` is set on an arrangement of an area the gemeente lies in (the
    region), shown where the sources are silent about the gemeente's own (status
    ``onbekend``): then that is what holds there, as on its escalation ladder;
    ``area_label`` names that area. ``covered`` is set on the gemeente's own silent
    arrangement when such an enclosing one follows it.
    """

    id: str
    aspect: str
    aspect_label: str
    status: str | None
    status_label: str
    about: tuple[str, ...]
    about_labels: tuple[str, ...]
    description: str
    as_of: int | None
    sources: tuple[str, ...]
    enclosing: bool = False
    area_label: str = ""
    covered: bool = False


@dataclass(frozen=True)
class SocialMap:
    """The sociale kaart of one gemeente.

    Attributes
    ----------
    gemeente, label : str
        The area's id and name.
    part_of_labels : tuple of str
        The names of the areas it lies in (a cluster, the region).
    layers : tuple of MapLayer
        Every layer of ``LAYERS`` in order, empty ones too; each actor that serves the
        gemeente is in exactly one.
    open_doors : tuple of OpenDoor
        Where an inhabitant may go without a referral, the voorveld first.
    arrangements : tuple of LocalArrangement
        The gemeente's own local set-up, by aspect.
    facts : Facts
        The figures, known issues and shortages about the gemeente.
    sources : tuple of str
        Every source cited above.
    wider_shortages : tuple of str
        The ids of the shortages in ``facts`` that the sources name for an area that
        contains the gemeente (the region), not for the gemeente itself: they hold
        there too, and a page says so instead of listing them as the gemeente's own.
    """

    gemeente: str
    label: str
    part_of_labels: tuple[str, ...]
    layers: tuple[MapLayer, ...]
    open_doors: tuple[OpenDoor, ...]
    arrangements: tuple[LocalArrangement, ...]
    facts: Facts
    sources: tuple[str, ...]
    wider_shortages: tuple[str, ...] = ()

    @property
    def own_shortages(self) -> tuple[Shortage, ...]:
        """The shortages named for the gemeente itself (or its parts, its actors)."""
        return tuple(s for s in self.facts.shortages if s.id not in self.wider_shortages)

    @property
    def regional_shortages(self) -> tuple[Shortage, ...]:
        """The shortages named for an area around the gemeente (see ``wider_shortages``)."""
        return tuple(s for s in self.facts.shortages if s.id in self.wider_shortages)

    @property
    def actors(self) -> tuple[str, ...]:
        """Every actor on the map, layer by layer."""
        return tuple(a.actor for layer in self.layers for a in layer.actors)


def actor_layer(G: nx.MultiDiGraph, actor: str) -> str:
    """The layer *actor* lies in: that of its type's category and its scale.

    The same layer as on the maps (:func:`zorgnet.ontology.categories.layer_of`).

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> actor_layer(G, "school"), actor_layer(G, "huisarts"), actor_layer(G, "doorbraaktafel")
    ('voorveld', 'verwijzers', 'regio')
    """
    data = G.nodes[actor]
    return layer_of(category_of(data["type"], data["offers"]), data["scale"])


def _map_actor(G: nx.MultiDiGraph, actor: str, doors: dict[str, OpenDoor]) -> MapActor:
    data = G.nodes[actor]
    door = doors.get(actor)
    category = category_of(data["type"], data["offers"])
    return MapActor(
        actor,
        data["label"],
        data["type"],
        concept_label("ActorType", data["type"]) or "soort onbekend",
        category.id,
        category.label,
        layer_of(category, data["scale"]),
        concept_label("Scale", data["scale"]) or "schaal onbekend",
        data["status"],
        concept_label("Status", data["status"]),
        tuple(concept_label("HelpKind", h) for h in data["offers"]),
        tuple(concept_label("AccessMode", a) for a in data["access"]),
        door is not None and door.reason in _WITHOUT_REFERRAL,
        data.get("description", ""),
        tuple(data["sources"]),
        door.reason if door else None,
        bool(door and door.caveats),
    )


def _door(G: nx.MultiDiGraph, actor: str, reason: str, sources: tuple[str, ...]) -> OpenDoor:
    data = G.nodes[actor]
    return OpenDoor(
        actor,
        data["label"],
        concept_label("ActorType", data["type"]) or "soort onbekend",
        tuple(concept_label("HelpKind", h) for h in data["offers"]),
        reason,
        DOOR_REASONS[reason],
        tuple(sources) or tuple(data["sources"]),
    )


def _first_steps(G: nx.MultiDiGraph, gemeente: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The actors a route relation leads to from the inhabitants' own actors, each with
    the reason and the sources of that relation (the first step of an inwoner's route)."""
    here = scope_set(G, gemeente)
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    for inhabitant in entry_actors(G, "inwoner", gemeente):
        for _, target, data in G.out_edges(inhabitant, data=True):
            if data["record"] != "relation" or data["kind"] not in ROUTE_COSTS:
                continue
            if target not in here or not edge_applies(G, data, area=gemeente):
                continue
            if "geindiceerd" in (*G.nodes[target]["access"], *(data.get("access") or ())):
                continue
            note = _PRACTICE_NOTE if data.get("status") == REPORTED_PRACTICE else ""
            found.setdefault(target, (note, tuple(data["sources"])))
    return found


def self_referral(G: nx.MultiDiGraph, actor: str) -> OpenDoor | None:
    """Do inhabitants go to *actor* themselves, without a referral, somewhere in the data?

    The answer the sociale kaart of a gemeente gives for it ("inwoners gaan hier zelf
    naartoe"), for an actor whose record states no access: the first relation from the
    inhabitants to it, with the note when verwijzers only report it from practice.
    ``None`` when the actor states an access or no inhabitant relation leads there.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> G = example_projection()
    >>> self_referral(G, "doorbraaktafel") is None
    True
    """
    if G.nodes[actor]["access"]:
        return None
    for inhabitant in entry_actors(G, "inwoner", None):
        for _, target, data in G.out_edges(inhabitant, data=True):
            if target != actor or data["record"] != "relation" or data["kind"] not in ROUTE_COSTS:
                continue
            if "geindiceerd" in (data.get("access") or ()):
                continue
            note = _PRACTICE_NOTE if data.get("status") == REPORTED_PRACTICE else ""
            door = _door(G, actor, "zelf", tuple(data["sources"]))
            return replace(door, reason_label=door.reason_label + note)
    return None


def _unsure(status: str | None) -> str:
    """Why a record of *status* may not be there now, in Dutch; empty when it is."""
    if status in (None, "bestaand"):
        return ""
    return _UNSURE.get(status, f"de bronnen noemen dit '{concept_label('Status', status)}'")


def _caveats(G: nx.MultiDiGraph, actor: str, gemeente: str) -> tuple[Caveat, ...]:
    """What the sources say against *actor* being an open door now: its own status, an
    arrangement of the gemeente about it that is not in place, and then the known
    issues about either (an issue alone, on a door in place, doubts something else)."""
    data = G.nodes[actor]
    found = []
    if text := _unsure(data["status"]):
        found.append(Caveat(sentence(text), tuple(data["sources"])))
    about_actor = {actor}
    for a in G.graph["arrangements"]:
        if gemeente in a.areas and actor in a.about:
            about_actor.add(a.id)
            if text := _unsure(a.status):
                aspect = concept_label("Aspect", a.aspect)
                found.append(Caveat(sentence(f"Lokale inrichting, {aspect}: {text}"), a.sources))
    if not found:
        return ()
    for issue in G.graph["issues"]:
        if about_actor.intersection(issue.about):
            readings = " ".join(
                sentence(f"Lezing {i}: {r}") for i, r in enumerate(issue.readings, 1)
            )
            found.append(
                Caveat(f"Bekende kwestie: {sentence(issue.label)} {readings}", issue.sources)
            )
    return tuple(found)


def _open_doors(G: nx.MultiDiGraph, gemeente: str) -> tuple[OpenDoor, ...]:
    """The voorveld, then where the inhabitants' relations lead, then the toegang; in
    each, the doors the sources doubt (:func:`_caveats`) after the sure ones."""
    doors = _doors(G, gemeente)
    doors = [replace(d, caveats=_caveats(G, d.actor, gemeente)) for d in doors]
    order = list(DOOR_REASONS)
    return tuple(sorted(doors, key=lambda d: (order.index(d.reason), bool(d.caveats))))


def _doors(G: nx.MultiDiGraph, gemeente: str) -> list[OpenDoor]:
    entries = inhabitant_entries(G, gemeente)
    voorveld = [a for a, _ in entries if "voorveld" in G.nodes[a]["access"]]
    doors = [_door(G, a, "voorveld", ()) for a in voorveld]
    for actor, (note, sources) in _first_steps(G, gemeente).items():
        if actor not in voorveld:
            door = _door(G, actor, "zelf", sources)
            doors.append(replace(door, reason_label=door.reason_label + note))
    named = {d.actor for d in doors}
    doors += [_door(G, a, "toegang", s) for a, s in entries if a not in named]
    return doors


def _arrangement(G: nx.MultiDiGraph, a: Arrangement, area_label: str = "") -> LocalArrangement:
    return LocalArrangement(
        a.id,
        a.aspect,
        concept_label("Aspect", a.aspect),
        a.status,
        concept_label("Status", a.status) or "onbekend",
        a.about,
        actor_labels(G, a.about),
        a.description,
        a.as_of,
        a.sources,
        enclosing=bool(area_label),
        area_label=area_label,
    )


def _arrangements(G: nx.MultiDiGraph, gemeente: str) -> tuple[LocalArrangement, ...]:
    """The gemeente's own arrangements by aspect; after one the sources are silent
    about, the active ones of the areas it lies in for that aspect (the regional
    escalation of 003 §4 where 002 describes none for the gemeente)."""
    own = [a for a in G.graph["arrangements"] if gemeente in a.areas]
    up = area_ancestors(G, gemeente)
    known = G.graph["areas"]
    found = []
    for a in sorted(own, key=lambda a: (concept_label("Aspect", a.aspect).casefold(), a.id)):
        wider = []
        if a.status == "onbekend":
            wider = [
                _arrangement(G, b, ", ".join(known[x].label for x in b.areas if x in known))
                for b in G.graph["arrangements"]
                if b.aspect == a.aspect
                and active(b.status)
                and b.status != "onbekend"
                and up.intersection(b.areas)
                and gemeente not in b.areas
            ]
        found.append(replace(_arrangement(G, a), covered=bool(wider)))
        found.extend(sorted(wider, key=lambda b: b.id))
    return tuple(found)


def social_map(G: nx.MultiDiGraph, gemeente: str) -> SocialMap:
    """Who serves *gemeente*, layer by layer, and where does an inhabitant go first?

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    gemeente : str
        An area id, usually a gemeente.

    Returns
    -------
    SocialMap
        Every active actor that serves the gemeente in the layer the maps draw it in,
        by name; where an inhabitant may go without a referral; the gemeente's own
        local set-up; its figures, known issues and shortages; all with their sources.

    Raises
    ------
    UnknownName
        If *gemeente* is no area of *G*.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> kaart = social_map(example_projection(), "hilversum")
    >>> [(layer.label, [a.label for a in layer.actors]) for layer in kaart.layers[:4]]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Voorveld', ['school']),
     ('Lokale toegang en teams', ['buurtteam', 'doorbraakregisseur', 'gemeente hilversum',
                                  'gezinsregisseur']),
     ('Verwijzers', ['huisarts', 'poh jeugd']), ('Gecontracteerde zorg', ['ggz aanbieder'])]
    >>> [(d.label, d.reason) for d in kaart.open_doors]
    [('buurtteam', 'voorveld'), ('poh jeugd', 'voorveld')]
    >>> [(a.aspect_label, a.status_label) for a in kaart.arrangements][-2:]
    [('POH-jeugd', 'beëindigd'), ('toegang', 'bestaand')]
    """
    check_area(G, gemeente, "gebied")
    doors = _open_doors(G, gemeente)
    door_of = {d.actor: d for d in doors}
    by_layer: dict[str, list[MapActor]] = {layer: [] for layer, _ in LAYERS}
    for actor in scope_actors(G, gemeente):
        entry = _map_actor(G, actor, door_of)
        by_layer[entry.layer].append(entry)
    layers = tuple(
        MapLayer(
            layer,
            label,
            tuple(sorted(by_layer[layer], key=lambda a: (a.label.casefold(), a.actor))),
        )
        for layer, label in LAYERS
    )
    arrangements = _arrangements(G, gemeente)
    facts = area_facts(G, gemeente)
    sources = {
        *(s for layer in layers for a in layer.actors for s in a.sources),
        *(s for d in doors for s in d.sources),
        *(s for d in doors for c in d.caveats for s in c.sources),
        *(s for a in arrangements for s in a.sources),
        *facts.sources,
    }
    area = G.graph["areas"][gemeente]
    around = area_ancestors(G, gemeente)
    wider = tuple(s.id for s in facts.shortages if s.areas and set(s.areas) <= around)
    return SocialMap(
        gemeente,
        area.label,
        area_labels(G, area.part_of),
        layers,
        doors,
        arrangements,
        facts,
        tuple(sorted(sources)),
        wider,
    )
