"""A map as a static SVG picture, drawn in Python: for paper and for the PDF report.

The interactive maps (:mod:`zorgnet.viz.render`) need a browser; a report printed or
made into a PDF by WeasyPrint needs a picture instead. :func:`map_svg` draws a
:class:`~zorgnet.viz.maps.NetworkMap` at the positions :mod:`zorgnet.viz.layout` gave it
(the same layers, the same places as on screen), with the same colours and shapes
(:mod:`zorgnet.viz.styles`): each layer a pale band with its name, each actor a shape
by its scale with its name below, each relation a line in its kind's colour. Only the
care view is drawn: the governance bodies would double the height of a page.

Every text is escaped; the picture has a title and a description for screen readers.

Examples
--------
>>> from zorgnet.graph.analyses._example import example_projection
>>> from zorgnet.viz.maps import gemeente_map
>>> svg = map_svg(gemeente_map(example_projection(), "huizen"))
>>> svg.startswith("<svg") and "<title>Sociale kaart van Huizen</title>" in svg
True
>>> svg.count('class="zn-svg-actor"') > 0
True
"""

from __future__ import annotations

import base64
import math
import textwrap
from xml.sax.saxutils import escape, quoteattr

from zorgnet.ontology.categories import BESTUUR, LAYER_LABELS
from zorgnet.viz.layout import LABEL_COLUMN, LABEL_WIDTH, LARGE_LABEL_WIDTH, Positions
from zorgnet.viz.maps import MapEdge, MapNode, NetworkMap
from zorgnet.viz.styles import actor_colour, edge_style

__all__ = ["map_image", "map_svg", "shown_nodes"]

# Canvas units around the drawing, and the radius of an actor's shape.
_MARGIN = 30.0
_RADIUS = 9.0
_LARGE_RADIUS = 14.0
# The SVG's font sizes in canvas units: smaller than on screen, where one zooms, so
# that a gemeente's names fit in a page's width without touching.
_FONT = 12.0
_LARGE_FONT = 20.0
_BAND_FONT = 26.0
_CHAR_WIDTH = 0.55


def shown_nodes(network: NetworkMap) -> tuple[MapNode, ...]:
    """The actors :func:`map_svg` draws: those of the care view (every actor of a map
    without views), without the governance layers.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> from zorgnet.viz.maps import region_map
    >>> network = region_map(example_projection())
    >>> len(shown_nodes(network)) <= len(network.nodes)
    True
    """
    return tuple(
        n
        for n in network.nodes
        if (not n.views or "zorg" in n.views)
        and not n.layer.startswith(f"{BESTUUR}-")
        and n.id in network.positions
    )


def _lines(node: MapNode) -> list[str]:
    font = _LARGE_FONT if node.prominent else _FONT
    width = LARGE_LABEL_WIDTH if node.prominent else LABEL_WIDTH
    return textwrap.wrap(node.map_label, max(4, int(width / (font * _CHAR_WIDTH)))) or [""]


def _shape(node: MapNode, x: float, y: float) -> str:
    """The shape of the node's scale (:func:`~zorgnet.viz.styles.scale_shape`)."""
    r = _LARGE_RADIUS if node.prominent else _RADIUS
    fill = actor_colour(node.type)
    style = f'fill="{fill}" stroke="#1b1b1b" stroke-width="1"'
    if node.scale == "lokaal":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {style}/>'
    if node.scale == "regionaal":
        corner, side = f'x="{x - r:.1f}" y="{y - r:.1f}"', f"{2 * r:.1f}"
        return f'<rect {corner} width="{side}" height="{side}" {style}/>'
    if node.scale == "bovenregionaal":
        corners = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    elif node.scale == "landelijk":
        corners = [(x, y - r), (x + r, y + r), (x - r, y + r)]
    else:  # a star: the sources do not say on what scale the actor works
        corners = [
            (
                x + (r if i % 2 == 0 else r / 2) * math.sin(i * math.pi / 5),
                y - (r if i % 2 == 0 else r / 2) * math.cos(i * math.pi / 5),
            )
            for i in range(10)
        ]
    points = " ".join(f"{px:.1f},{py:.1f}" for px, py in corners)
    return f'<polygon points="{points}" {style}/>'


def _actor(node: MapNode, positions: Positions) -> str:
    x, y = positions[node.id]
    font = _LARGE_FONT if node.prominent else _FONT
    top = y + (_LARGE_RADIUS if node.prominent else _RADIUS) + font
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{top + i * font * 1.2:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(_lines(node))
    )
    weight = ' font-weight="600"' if node.prominent else ""
    return (
        f'<g class="zn-svg-actor"><title>{escape(node.label)} ({escape(node.type_label)})</title>'
        f"{_shape(node, x, y)}"
        f'<text text-anchor="middle" font-size="{font:.0f}"{weight}>{spans}</text></g>'
    )


def _edge(edge: MapEdge, positions: Positions) -> str:
    style = edge_style(edge.kind)
    (x1, y1), (x2, y2) = positions[edge.source], positions[edge.target]
    dashes = style["dashes"]
    dash = f' stroke-dasharray="{" ".join(map(str, dashes))}"' if isinstance(dashes, list) else ""
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{style["color"]}" stroke-width="{float(style["width"]):.1f}"{dash}/>'  # type: ignore[arg-type]
    )


def _box(network: NetworkMap, nodes: tuple[MapNode, ...]) -> tuple[float, float, float, float]:
    """The drawing's box: every shown actor with its label, and the bands' names left."""
    xs = [network.positions[n.id][0] for n in nodes] or [0.0]
    ys = [network.positions[n.id][1] for n in nodes] or [0.0]
    half = LARGE_LABEL_WIDTH / 2
    left = min(xs) - half - (LABEL_COLUMN if network.bands else 0.0)
    right = max(xs) + half
    bottom = max(ys) + _LARGE_RADIUS + 4 * _LARGE_FONT
    return left - _MARGIN, min(ys) - 40 - _MARGIN, right + _MARGIN, bottom + _MARGIN


def _bands(network: NetworkMap, shown: set[str], left: float, right: float) -> str:
    parts = []
    for i, band in enumerate(network.bands):
        if band.layer.startswith(f"{BESTUUR}-") or not any(
            n.layer == band.layer and n.id in shown for n in network.nodes
        ):
            continue
        fill = "#f3f5f7" if i % 2 == 0 else "#e8ecf0"
        name = escape(LAYER_LABELS.get(band.layer, band.layer))
        parts.append(
            f'<rect x="{left:.1f}" y="{band.top - 20:.1f}" width="{right - left:.1f}" '
            f'height="{band.bottom - band.top + 30:.1f}" fill="{fill}"/>'
            f'<text x="{left + 12:.1f}" y="{band.top + _BAND_FONT:.1f}" '
            f'font-size="{_BAND_FONT:.0f}" font-weight="700" fill="#1b1b1b">{name}</text>'
        )
    return "".join(parts)


def _description(network: NetworkMap) -> str:
    """How many actors and links the picture draws, for a screen reader."""
    shown = {n.id for n in shown_nodes(network)}
    edges = sum(e.source in shown and e.target in shown for e in network.edges)
    return (
        f"{len(shown)} actoren in lagen, van voorveld tot bovenregionaal, en {edges} "
        "verbindingen tussen hen. Dezelfde actoren staan per laag in de tabel bij de kaart."
    )


def map_image(network: NetworkMap) -> str:
    """*network* as an ``<img>`` of its :func:`map_svg` picture (a ``data:`` address),
    with the picture's title and description as its text alternative.

    For a PDF: WeasyPrint reads an inline ``<svg>`` as part of the HTML, parsing and
    styling each of its thousands of elements as a page element before drawing it as a
    picture; as an image it reads the SVG once, which makes the regional report about
    a tenth quicker. In a tagged PDF the image is a figure with that text.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> from zorgnet.viz.maps import gemeente_map
    >>> img = map_image(gemeente_map(example_projection(), "huizen"))
    >>> img.startswith('<img class="zn-svg-map" src="data:image/svg+xml;base64,')
    True
    >>> 'alt="Sociale kaart van Huizen. ' in img
    True
    """
    picture = base64.b64encode(map_svg(network).encode("utf-8")).decode("ascii")
    alt = f"{network.title}. {_description(network)}"
    return (
        f'<img class="zn-svg-map" src="data:image/svg+xml;base64,{picture}" alt={quoteattr(alt)}>'
    )


def map_svg(network: NetworkMap, *, description: str = "") -> str:
    """*network* as one SVG picture, its size set by its ``viewBox`` (it scales to the
    width it is given).

    Parameters
    ----------
    network : NetworkMap
        A map laid out in layers (:func:`~zorgnet.viz.maps.gemeente_map`,
        :func:`~zorgnet.viz.maps.region_map`); a map with saved positions draws too,
        without bands.
    description : str
        What the picture shows, for a screen reader (``<desc>``); by default how many
        actors and links it draws.

    Returns
    -------
    str
        An ``<svg>`` element with ``role="img"``, a ``<title>`` (the map's title) and a
        ``<desc>``.
    """
    nodes = shown_nodes(network)
    shown = {n.id for n in nodes}
    edges = [e for e in network.edges if e.source in shown and e.target in shown]
    left, top, right, bottom = _box(network, nodes)
    desc = description or _description(network)
    body = (
        _bands(network, shown, left, right)
        + f'<g opacity="0.45">{"".join(_edge(e, network.positions) for e in edges)}</g>'
        + '<g font-family="DejaVu Sans, Noto Sans, sans-serif" fill="#1b1b1b">'
        + "".join(_actor(n, network.positions) for n in nodes)
        + "</g>"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="zn-svg-map" '
        f'viewBox="{left:.1f} {top:.1f} {right - left:.1f} {bottom - top:.1f}" '
        f'preserveAspectRatio="xMidYMin meet" aria-label={quoteattr(network.title)}>'
        f"<title>{escape(network.title)}</title><desc>{escape(desc)}</desc>{body}</svg>"
    )
