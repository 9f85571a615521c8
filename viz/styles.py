"""How a map looks: colours by actor type, shapes by scale, edge styles by relation kind.

Only how things look: the Dutch labels on a map come from the vocabularies
(:func:`zorgnet.ontology.vocabulary.value_label`), so that a renamed concept is renamed on
the maps too.

Examples
--------
>>> actor_colour("huisarts") == actor_colour("huisarts")
True
>>> scale_shape("regionaal")
'square'
>>> edge_style("escaleert")["color"]
'#c0392b'
"""

from __future__ import annotations

import colorsys
from functools import cache

from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import MEMBERSHIP_KIND, vocabulary

__all__ = [
    "DIM_COLOUR",
    "HIGHLIGHT_COLOUR",
    "actor_colour",
    "edge_style",
    "scale_shape",
    "scale_symbol",
]

DIM_COLOUR = "#d9d9d9"
HIGHLIGHT_COLOUR = "#f39c12"

_SHAPES = {
    "lokaal": ("dot", "●"),
    "regionaal": ("square", "■"),
    "bovenregionaal": ("diamond", "◆"),
    "landelijk": ("triangle", "▲"),
}
_UNKNOWN_SHAPE = ("star", "★")

# Route relations are drawn strong, governance and loose links light: a reader follows
# the way a person travels first.
_EDGE_STYLES: dict[str, dict[str, object]] = {
    "verwijst": {"color": "#1f4e79", "width": 2.5, "dashes": False, "arrows": "to"},
    "draagt-over": {"color": "#2e75b6", "width": 2.0, "dashes": False, "arrows": "to"},
    "meldt": {"color": "#8e44ad", "width": 2.0, "dashes": False, "arrows": "to"},
    "consulteert": {"color": "#16a085", "width": 1.5, "dashes": [6, 4], "arrows": "to"},
    "adviseert": {"color": "#27ae60", "width": 1.2, "dashes": [6, 4], "arrows": "to"},
    "escaleert": {"color": "#c0392b", "width": 2.5, "dashes": [10, 4], "arrows": "to"},
    "werkt-samen": {"color": "#7f8c8d", "width": 1.5, "dashes": [2, 4], "arrows": ""},
    "contracteert": {"color": "#d35400", "width": 2.0, "dashes": False, "arrows": "to"},
    "stuurt-aan": {"color": "#34495e", "width": 1.2, "dashes": False, "arrows": "to"},
    "financiert": {"color": "#b7950b", "width": 1.2, "dashes": False, "arrows": "to"},
    "is-gekoppeld-aan": {"color": "#95a5a6", "width": 1.0, "dashes": [2, 4], "arrows": ""},
    "neemt-deel-aan": {"color": "#5d6d7e", "width": 1.0, "dashes": [4, 4], "arrows": "to"},
    "rapporteert-aan": {"color": "#6c3483", "width": 1.0, "dashes": [4, 2], "arrows": "to"},
    "is-onderdeel-van": {"color": "#bdc3c7", "width": 1.0, "dashes": [1, 3], "arrows": "to"},
    MEMBERSHIP_KIND: {"color": "#e67e22", "width": 1.5, "dashes": False, "arrows": "to"},
}
_OTHER_EDGE = {"color": "#999999", "width": 1.0, "dashes": False, "arrows": "to"}


@cache
def _type_index() -> dict[str, int]:
    return {t: i for i, t in enumerate(vocabulary().notations(ZN.ActorType))}


def actor_colour(actor_type: str | None) -> str:
    """A colour per actor type, fixed by the type's place in the vocabulary.

    Hues step by the golden angle so that neighbouring types differ clearly.
    """
    if actor_type is None:
        return "#7f7f7f"
    index = _type_index().get(actor_type, sum(map(ord, actor_type)))
    hue = (index * 0.381966) % 1.0
    lightness = (0.42, 0.55, 0.68)[index % 3]
    r, g, b = colorsys.hls_to_rgb(hue, lightness, 0.62)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def scale_shape(scale: str | None) -> str:
    """The vis-network shape of a node of *scale*."""
    return _SHAPES.get(scale or "", _UNKNOWN_SHAPE)[0]


def scale_symbol(scale: str | None) -> str:
    """The character that stands for the shape of *scale* in the legend."""
    return _SHAPES.get(scale or "", _UNKNOWN_SHAPE)[1]


def edge_style(kind: str | None) -> dict[str, object]:
    """The vis-network edge options (colour, width, dashes, arrows) of a relation kind."""
    return dict(_EDGE_STYLES.get(kind or "", _OTHER_EDGE))
