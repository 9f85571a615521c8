"""A map as one self-contained HTML page: no CDN, no web fonts, zero requests.

The network is built with pyvis (:func:`zorgnet.viz.network.pyvis_network`); the page is
zorgnet's own template (``templates/map.html``, with its CSS and script beside it), not
pyvis's, whose page loads vis-network and Bootstrap from CDNs and switches tooltips to
``innerHTML`` as soon as one title contains ``href``. vis-network is zorgnet's own copy of
the standalone build (``vendor/vis-network``, with its licence), inline. The data goes in
a ``<script type="application/json">`` block with ``<``, ``>``, ``&``, U+2028 and U+2029
escaped (so ``</script>`` or ``<!--`` in a name cannot end or bend the block); every
other text from the data is escaped by Jinja2 or set through ``textContent``; a
Content-Security-Policy forbids every request.

Besides the network the page has a clickable legend of the categories, a search, the
filters, and the same actors and their links as a table (the text equivalent of the map,
WCAG 1.1.1), which follows the filters.

Examples
--------
>>> embed_json({"label": "</script><!--"})
'{"label":"\\\\u003c/script\\\\u003e\\\\u003c!--"}'
>>> from zorgnet.graph.analyses._example import example_projection
>>> from zorgnet.viz.maps import region_map
>>> page = render_html(region_map(example_projection()))
>>> page.startswith("<!DOCTYPE html>") and "https://" not in page.split("<script")[0]
True
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, FunctionLoader, select_autoescape

from zorgnet.ontology.categories import CATEGORIES, LAYER_LABELS, Category, category
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import value_label, vocabulary
from zorgnet.viz.layout import CELL_WIDTH, LABEL_COLUMN, LARGE_LABEL_WIDTH, RING_GAP
from zorgnet.viz.maps import SCENARIO_COLOURS, SIGNAL_KINDS, NetworkMap
from zorgnet.viz.network import LARGE_MAP, pyvis_network
from zorgnet.viz.styles import HIGHLIGHT_COLOUR, edge_style

__all__ = ["VIS_NETWORK_VERSION", "embed_json", "render_html", "table_rows", "write_html"]

VIS_NETWORK_VERSION = "10.1.5"
_FLAG_COLOUR = "#d7191c"
_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src 'none'; connect-src 'none'; form-action 'none'; "
    "base-uri 'none'"
)
_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
# The legend's small pictures of vis-network's shapes (a 16 x 16 box).
_SHAPES = {
    "dot": '<circle cx="8" cy="8" r="6"/>',
    "square": '<rect x="2" y="2" width="12" height="12"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
    "triangle": '<polygon points="8,2 15,14 1,14"/>',
    "triangleDown": '<polygon points="1,2 15,2 8,14"/>',
    "star": '<polygon points="8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6"/>',
    "hexagon": '<polygon points="4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8"/>',
    "box": '<rect x="1" y="3" width="14" height="10" rx="2"/>',
}


def _resource(*parts: str) -> str:
    return files("zorgnet.viz").joinpath(*parts).read_text("utf-8")


@cache
def _vis_network() -> str:
    text = _resource("vendor", "vis-network", "vis-network.min.js")
    # The library goes inline, so it must not contain what ends or bends a <script>
    # element; 10.1.5 does not. Its source map is not shipped: the comment goes.
    if "</script" in text.lower() or "<!--" in text:
        raise RuntimeError("vis-network kan niet inline worden opgenomen")
    return text.split("\n//# sourceMappingURL=", 1)[0]


@cache
def _environment() -> Environment:
    return Environment(
        loader=FunctionLoader(lambda name: _resource("templates", name)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=False,
    )


def embed_json(value: Any) -> str:
    """*value* as JSON that is safe inside an HTML ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def _swatch(cat: Category) -> str:
    fill = "#eceff1" if cat.shape == "box" else cat.colour
    return (
        f'<svg class="swatch" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" '
        f'focusable="false"><g fill="{fill}" stroke="{cat.colour}" stroke-width="1.5">'
        f"{_SHAPES[cat.shape]}</g></svg>"
    )


def _filters(network: NetworkMap) -> list[tuple[str, str, list[tuple[str, str]]]]:
    gemeenten = sorted({g for n in network.nodes for g in n.gemeenten})
    domains = sorted({d for n in network.nodes for d in n.domains})
    # Every level of the vocabulary, as on the other pages (licht, midden, zwaar), not only
    # those some actor on the map states: an actor that states none counts for every level.
    levels = sorted(vocabulary().notations(ZN.SupportLevel), key=lambda v: v.casefold())
    kinds = sorted({e.kind for e in network.edges})
    signals = {flag.split(":", 1)[0] for n in network.nodes for flag in n.flags}
    return [
        (
            "gemeente",
            "Gemeente (wat haar bedient)",
            [(g, network.gemeenten.get(g, g)) for g in gemeenten],
        ),
        ("domein", "Domein", [(d, value_label("Domain", d)) for d in domains]),
        ("niveau", "Niveau", [(v, value_label("SupportLevel", v)) for v in levels]),
        ("relatie", "Soort verbinding", [(k, value_label("RelationKind", k)) for k in kinds]),
        ("signaal", "Signaal", [(k, k) for k in SIGNAL_KINDS if k in signals]),
    ]


def _legend(network: NetworkMap) -> dict[str, Any]:
    counts = Counter(n.category for n in network.nodes)
    categories = [
        {"id": c.id, "label": c.label, "count": counts[c.id], "swatch": _swatch(c)}
        for c in CATEGORIES
        if counts[c.id]
    ]
    edge_kinds = []
    for kind in sorted(
        {e.kind for e in network.edges}, key=lambda k: value_label("RelationKind", k)
    ):
        style = edge_style(kind)
        edge_kinds.append(
            {
                "label": value_label("RelationKind", kind),
                "width": style["width"],
                "dash": "dashed" if style["dashes"] else "solid",
                "color": style["color"],
            }
        )
    notes = []
    if network.kind == "scenario":
        notes.append(
            {"color": SCENARIO_COLOURS["verloren"], "text": "rood: valt weg in dit scenario."}
        )
        notes.append(
            {"color": SCENARIO_COLOURS["nieuw"], "text": "groen: komt erbij in dit scenario."}
        )
    elif network.dim_rest:
        what = "de route" if network.kind == "route" else "actoren met een signaal"
        notes.append({"color": HIGHLIGHT_COLOUR, "text": f"oranje rand: {what}; de rest is grijs."})
    if any(n.flags for n in network.nodes):
        notes.append(
            {
                "color": _FLAG_COLOUR,
                "text": "rode rand: signaal uit de analyse van gaten en overlap.",
            }
        )
    return {"categories": categories, "edge_kinds": edge_kinds, "notes": notes}


def _gemeenten_text(gemeenten: tuple[str, ...], labels: dict[str, str]) -> str:
    if not gemeenten:
        return "geen (niet actief, of buiten de regio)"
    if len(gemeenten) == len(labels) and len(labels) > 1:
        return "alle gemeenten"
    return ", ".join(labels.get(g, g) for g in gemeenten)


def table_rows(network: NetworkMap) -> list[dict[str, str]]:
    """The map as rows of text, one per actor, in the order of the map's nodes.

    Each row names the actor, its category and layer, the gemeenten it serves, and its
    links to and from other actors on the map grouped by kind ("verwijst: A, B").
    """
    names = {n.id: n.label for n in network.nodes}
    outgoing: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    incoming: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for edge in network.edges:
        outgoing[edge.source][edge.kind_label].append(names[edge.target])
        incoming[edge.target][edge.kind_label].append(names[edge.source])

    def links(found: dict[str, list[str]]) -> str:
        return (
            "; ".join(
                f"{kind}: {', '.join(sorted(set(who)))}" for kind, who in sorted(found.items())
            )
            or "geen"
        )

    return [
        {
            "id": n.id,
            "name": n.label,
            "category": category(n.category).label,
            "layer": LAYER_LABELS[n.layer],
            "gemeenten": _gemeenten_text(n.gemeenten, network.gemeenten),
            "outgoing": links(outgoing[n.id]),
            "incoming": links(incoming[n.id]),
        }
        for n in network.nodes
    ]


def _bands(network: NetworkMap) -> list[dict[str, Any]]:
    """Each layer's stripe, from the column of names on the left to the last cell."""
    right = max((x for x, _ in network.positions.values()), default=0.0) + CELL_WIDTH / 2
    return [
        {
            "layer": band.layer,
            "label": LAYER_LABELS[band.layer],
            "top": band.top,
            "bottom": band.bottom,
            "left": -CELL_WIDTH / 2 - LABEL_COLUMN,
            "right": right,
        }
        for band in network.bands
    ]


def _rings(network: NetworkMap) -> list[list[Any]]:
    # The rings stand where layout.ring_positions puts them, empty ones included.
    if network.kind != "team":
        return []
    return [
        [value_label("MembershipStatus", r), (i + 1) * RING_GAP]
        for i, r in enumerate(("kern", "verbonden", "buiten"))
    ]


def render_html(network: NetworkMap, page_url: str | None = None) -> str:
    """The page of *network*: one file that opens offline in any browser.

    *page_url* is the address of the web page that shows this map (``/kaart?...``): the
    link the page offers to share a view leads there, not to the bare map.
    """
    nodes, edges, _, _, _, options = pyvis_network(network).get_network_data()
    data = {
        "kind": network.kind,
        "large": len(network.nodes) > LARGE_MAP,
        "dimRest": network.dim_rest,
        "views": [list(v) for v in network.views],
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "kindLabels": {e.kind: e.kind_label for e in network.edges},
        "largeLabelWidth": LARGE_LABEL_WIDTH,
        "bands": _bands(network),
        "rings": _rings(network),
        # The team in the middle of a team map, not counted among the actors around it.
        "centre": next((n.id for n in network.nodes if n.ring == "team"), None),
    }
    return (
        _environment()
        .get_template("map.html")
        .render(
            csp=_CSP,
            kind=network.kind,
            page_url=page_url,
            title=network.title,
            subtitle=network.subtitle,
            names=sorted({n.label for n in network.nodes}, key=str.casefold),
            views=network.views,
            filters=_filters(network),
            rows=table_rows(network),
            css=_resource("templates", "map.css"),
            data=embed_json(data),
            vis=_vis_network(),
            script=_resource("templates", "map.js"),
            **_legend(network),
        )
    )


def write_html(network: NetworkMap, path: Path) -> Path:
    """Write the page of *network* to *path* and return *path*."""
    path.write_text(render_html(network), encoding="utf-8")
    return path
