"""The groups of actor types a reader tells apart: ten categories, and the layers.

The vocabulary has some sixty actor types; a legend of sixty near-identical colours says
nothing. A map groups them into at most ten categories, each with its own colour and shape
(so that the map can be read without telling colours apart), named in Dutch. The layers
put the categories in the order a person meets them: the voorveld first, the
supra-regional bodies last; governance bodies, programmes and work groups have layers of
their own, shown in the separate *bestuur* view.

The grouping lives with the vocabulary it groups, so that the maps (:mod:`zorgnet.viz`)
and the sociale kaart of a gemeente
(:func:`zorgnet.graph.analyses.social_map.social_map`) put an actor in the same layer,
and a page can show a category in the colour its map legend gives it.

Examples
--------
>>> category_of("huisarts").label
'Huisarts en jeugdgezondheidszorg'
>>> category_of("programma").id, category_of("programma", offers=("dagbesteding",)).id
('bestuur', 'lokale-teams')
>>> layer_of(category_of("jeugdhulpaanbieder"), "regionaal")
'zorg'
>>> layer_of(category_of("expertisenetwerk"), "bovenregionaal")
'bovenregionaal'
>>> LAYER_LABELS[layer_of(category_of("werkgroep"), "regionaal")]
"Bestuur en programma's: regionaal"
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "BESTUUR",
    "CATEGORIES",
    "LAYERS",
    "LAYER_LABELS",
    "TYPE_CATEGORIES",
    "Category",
    "category",
    "category_of",
    "layer_of",
]


@dataclass(frozen=True)
class Category:
    """A group of actor types as a map shows it.

    ``shape`` is a vis-network node shape; ``layer`` the layer the category lies in, or
    ``None`` when its actors lie in the layer of their scale (local, regional, beyond).
    """

    id: str
    label: str
    colour: str
    shape: str
    layer: str | None


BESTUUR = "bestuur"

# Colours dark enough for 3:1 against white (WCAG 1.4.11), far apart in hue and lightness;
# where two categories share a shape their colours differ most.
CATEGORIES: tuple[Category, ...] = (
    Category("voorveld", "Voorveld en sociale basis", "#1b7837", "dot", "voorveld"),
    Category("onderwijs", "Onderwijs", "#00798c", "triangleDown", "voorveld"),
    Category("lokale-teams", "Lokale teams en toegang", "#1f5fa8", "square", "lokaal"),
    Category("gemeente", "Gemeente en regio", "#3d4f5c", "hexagon", None),
    Category("verwijzers", "Huisarts en jeugdgezondheidszorg", "#762a83", "triangle", "verwijzers"),
    Category("zorg", "Jeugdhulp en zorg", "#b35806", "diamond", "zorg"),
    Category("veiligheid", "Veiligheid en bescherming", "#a50f52", "star", "veiligheid"),
    Category("regionaal", "Regionale teams en expertise", "#7a5c00", "square", None),
    Category(BESTUUR, "Bestuur, programma's en werkgroepen", "#455a64", "box", None),
    Category("overig", "Overig", "#6b6b6b", "dot", None),
)
_BY_ID = {c.id: c for c in CATEGORIES}

# Top to bottom: the way a person meets them, then governance by scale.
LAYERS: tuple[tuple[str, str], ...] = (
    ("voorveld", "Voorveld"),
    ("lokaal", "Lokale toegang en teams"),
    ("verwijzers", "Verwijzers"),
    ("zorg", "Gecontracteerde zorg"),
    ("veiligheid", "Veiligheid en bescherming"),
    ("regio", "Regio"),
    ("bovenregionaal", "Bovenregionaal en landelijk"),
    ("bestuur-lokaal", "Bestuur en programma's: lokaal"),
    ("bestuur-regio", "Bestuur en programma's: regionaal"),
    ("bestuur-bovenregionaal", "Bestuur en programma's: bovenregionaal en landelijk"),
)
LAYER_LABELS = dict(LAYERS)

# Every actor type of the vocabulary (tests/viz check that none is missing).
TYPE_CATEGORIES: dict[str, str] = {
    **dict.fromkeys(
        (
            "welzijnsorganisatie",
            "maatschappelijke-organisatie",
            "informatiepunt",
            "informatievoorziening",
            "jongerencoach",
            "inwoner",
        ),
        "voorveld",
    ),
    **dict.fromkeys(
        ("school", "zorg-en-adviesteam", "samenwerkingsverband", "onderwijs-zorgconsulent"),
        "onderwijs",
    ),
    **dict.fromkeys(
        (
            "buurtteam",
            "wijkteam",
            "toegangsteam",
            "integraal-team",
            "integraal-wijkteam",
            "stevig-lokaal-team",
            "basisteam-jeugd-en-gezin",
            "ambulant-team",
            "consulententeam",
            "multidisciplinair-team",
            "jeugdconsulent",
            "wmo-consulent",
            "gezinsregisseur",
            "doorbraakregisseur",
            "aandachtsfunctionaris",
            "uitvoeringsdienst",
            "gemeentelijke-afdeling",
            "overlegtafel",
        ),
        "lokale-teams",
    ),
    **dict.fromkeys(
        ("gemeente", "regio", "regionale-dienst", "landelijke-organisatie"), "gemeente"
    ),
    **dict.fromkeys(
        (
            "huisarts",
            "huisartsenorganisatie",
            "praktijkondersteuner",
            "poh-jeugd",
            "jeugdarts",
            "jeugdgezondheidszorg",
            "ggd",
            "medisch-specialist",
        ),
        "verwijzers",
    ),
    **dict.fromkeys(("jeugdhulpaanbieder", "zorgaanbieder", "wijkverpleging"), "zorg"),
    **dict.fromkeys(
        ("veilig-thuis", "gecertificeerde-instelling", "raad-voor-de-kinderbescherming", "rechter"),
        "veiligheid",
    ),
    **dict.fromkeys(
        (
            "consultatieteam",
            "expertteam",
            "doorbraaktafel",
            "schakelfunctionaris",
            "expertisenetwerk",
        ),
        "regionaal",
    ),
    **dict.fromkeys(
        (
            "bestuursorgaan",
            "ambtelijk-gremium",
            "werkgroep",
            "programma",
            "pilot",
            "beleidsfunctie",
            "coordinator",
        ),
        BESTUUR,
    ),
}

# A programme or pilot whose record says it gives help is part of the care network.
_HELP_WHEN_OFFERING = frozenset({"programma", "pilot"})


def category(category_id: str) -> Category:
    """The category with this id."""
    return _BY_ID[category_id]


def category_of(actor_type: str | None, offers: Iterable[str] = ()) -> Category:
    """The category of an actor of *actor_type* that offers the help kinds *offers*.

    Programmes and pilots belong to the *bestuur* view, unless they give help themselves
    (a pilot of basishulp, a programme of dagbesteding in the wijk): those are local help.
    A type outside the vocabulary is *overig*.
    """
    if actor_type in _HELP_WHEN_OFFERING and tuple(offers):
        return _BY_ID["lokale-teams"]
    return _BY_ID[TYPE_CATEGORIES.get(actor_type or "", "overig")]


def layer_of(cat: Category, scale: str | None) -> str:
    """The layer an actor of category *cat* and *scale* lies in (a key of LAYER_LABELS)."""
    if cat.layer is not None:
        return cat.layer
    if scale == "lokaal":
        level = "lokaal"
    elif scale in ("regionaal", None):
        # An actor that states no scale is drawn among the regional ones, not beyond.
        level = "regio"
    else:
        level = "bovenregionaal"
    return f"bestuur-{level}" if cat.id == BESTUUR else level
