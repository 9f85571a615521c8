"""A map as one self-contained HTML page: no CDN, no web fonts, zero requests.

pyvis 0.3.2's own template loads vis-network from cdnjs even with
``cdn_resources="local"``, always loads Bootstrap from jsdelivr, switches every tooltip to
``innerHTML`` as soon as one title contains ``href``, and writes the heading unescaped.
So zorgnet uses only the vis-network files pyvis ships (``pyvis/templates/lib``) and its
own page: vis-network's JS and CSS inline, the data as JSON in a
``<script type="application/json">`` block with ``<``, ``>``, ``&``, U+2028 and U+2029
escaped (so ``</script>`` or ``<!--`` in a name cannot end or bend the block), a
Content-Security-Policy that forbids every request, and text set through
``textContent`` only.

Examples
--------
>>> embed_json({"label": "</script><!--"})
'{"label": "\\\\u003c/script\\\\u003e\\\\u003c!--"}'
>>> from zorgnet.graph.analyses._example import example_projection
>>> from zorgnet.viz.maps import region_map
>>> page = render_html(region_map(example_projection()))
>>> page.startswith("<!DOCTYPE html>") and "https://" not in page.split("<script")[0]
True
"""

from __future__ import annotations

import html
import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from zorgnet.ontology.vocabulary import value_label
from zorgnet.viz.layout import LAYOUT_SEED, PHYSICS_THRESHOLD, RING_GAP
from zorgnet.viz.maps import SIGNAL_KINDS, MapEdge, MapNode, NetworkMap
from zorgnet.viz.script import PAGE_SCRIPT
from zorgnet.viz.styles import actor_colour, edge_style, scale_shape, scale_symbol

__all__ = ["embed_json", "render_html", "write_html"]

_VIS_VERSION = "vis-9.1.2"
_FLAG_BORDER = "#c0392b"
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

_CSS = """
body { margin: 0; font-family: sans-serif; color: #1b1b1b; display: grid;
  grid-template-columns: 1fr 22rem; grid-template-rows: auto 1fr; height: 100vh; }
header { grid-column: 1 / 3; padding: .5rem 1rem; border-bottom: 1px solid #ccc; }
header h1 { font-size: 1.2rem; margin: 0; }
header p { margin: .2rem 0; color: #555; }
#controls { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; font-size: .9rem; }
#network { min-height: 400px; }
aside { overflow-y: auto; border-left: 1px solid #ccc; padding: .5rem 1rem; font-size: .85rem; }
aside h2 { font-size: 1rem; margin: .8rem 0 .3rem; }
#details h3 { font-size: .85rem; margin: .5rem 0 .1rem; }
#details ul, #legend ul { margin: 0; padding-left: 1rem; }
#legend li { list-style: none; margin-left: -1rem; }
.swatch { display: inline-block; width: .9rem; text-align: center; }
.line { display: inline-block; width: 2rem; vertical-align: middle; margin-right: .3rem; }
div.vis-tooltip { max-width: 28rem; white-space: normal; font-size: .8rem; }
div.vis-tooltip h3 { font-size: .8rem; margin: .3rem 0 0; }
div.vis-tooltip ul { margin: 0; padding-left: 1rem; }
"""


@cache
def _vis_asset(name: str) -> str:
    text = files("pyvis").joinpath("templates", "lib", _VIS_VERSION, name).read_text("utf-8")
    # The library goes inline, so it must not contain what ends or bends a <script> or
    # <style> element; vis-network 9.1.2 does not.
    if "</script" in text.lower() or "<!--" in text or "</style" in text.lower():
        raise RuntimeError(f"{name} van vis-network kan niet inline worden opgenomen")
    return text


def embed_json(value: Any) -> str:
    """*value* as JSON that is safe inside an HTML ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False)
    for char, escaped in _ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def _info(node: MapNode) -> list[list[Any]]:
    rows: list[tuple[str, tuple[str, ...]]] = [
        ("Naam", (node.label,)),
        ("Soort", (node.type_label,)),
        ("Schaal", (node.scale_label,)),
        ("Gebied", node.areas or ("niet vastgelegd",)),
        ("Wat het doet", (node.description,) if node.description else ("niet beschreven",)),
        ("Mandaten", node.mandates or ("geen",)),
        ("Signalen", node.flags),
        ("Bronnen", node.sources or ("geen bron",)),
    ]
    return [[heading, list(lines)] for heading, lines in rows if lines]


def _signal_kinds(node: MapNode) -> list[str]:
    """The kinds of *node*'s signals (``"doodlopend: ..."`` → ``"doodlopend"``), in order."""
    return list(dict.fromkeys(flag.split(":", 1)[0] for flag in node.flags))


def _node_json(node: MapNode, network: NetworkMap) -> dict[str, Any]:
    colour = actor_colour(node.type)
    item: dict[str, Any] = {
        "id": node.id,
        "label": node.label,
        "shape": scale_shape(node.scale),
        "color": colour,
        "border": _FLAG_BORDER if node.flags else colour,
        "hl": node.highlighted,
        "gemeenten": list(node.gemeenten),
        "domains": list(node.domains),
        "levels": list(node.levels),
        "signals": _signal_kinds(node),
        "info": _info(node),
    }
    if node.id in network.positions:
        item["x"], item["y"] = network.positions[node.id]
    return item


def _edge_json(edge: MapEdge) -> dict[str, Any]:
    style = edge_style(edge.kind)
    return {
        "id": edge.id,
        "from": edge.source,
        "to": edge.target,
        "kind": edge.kind,
        "hl": edge.highlighted,
        **style,
    }


def _filters(network: NetworkMap) -> dict[str, list[list[str]]]:
    gemeenten = sorted({g for n in network.nodes for g in n.gemeenten})
    domains = sorted({d for n in network.nodes for d in n.domains})
    levels = sorted({v for n in network.nodes for v in n.levels})
    kinds = sorted({e.kind for e in network.edges})
    signals = {k for n in network.nodes for k in _signal_kinds(n)}
    return {
        "signaal": [[k, k] for k in SIGNAL_KINDS if k in signals],
        "gemeente": [[g, network.gemeenten.get(g, g)] for g in gemeenten],
        "domein": [[d, value_label("Domain", d)] for d in domains],
        "niveau": [[v, value_label("SupportLevel", v)] for v in levels],
        "relatie": [[k, value_label("RelationKind", k)] for k in kinds],
    }


def _legend(network: NetworkMap) -> str:
    esc = html.escape
    types = sorted({(n.type_label, n.type) for n in network.nodes}, key=lambda t: t[0])
    scales = sorted({n.scale for n in network.nodes}, key=lambda s: s or "~")
    kinds = sorted({e.kind for e in network.edges})
    parts = [
        '<section id="legend" aria-label="Legenda"><h2>Legenda</h2>',
        "<h3>Soort actor</h3><ul>",
    ]
    parts += [
        f'<li><span class="swatch" style="color:{actor_colour(t)}">●</span> {esc(name)}</li>'
        for name, t in types
    ]
    parts.append("</ul><h3>Schaal</h3><ul>")
    parts += [
        f'<li><span class="swatch">{scale_symbol(s)}</span> {esc(value_label("Scale", s))}</li>'
        for s in scales
    ]
    parts.append("</ul><h3>Soort verbinding</h3><ul>")
    for kind in kinds:
        style = edge_style(kind)
        dash = "dashed" if style["dashes"] else "solid"
        parts.append(
            f'<li><span class="line" style="border-top:{style["width"]}px {dash} '
            f'{style["color"]}"></span>{esc(value_label("RelationKind", kind))}</li>'
        )
    parts.append("</ul>")
    if network.dim_rest:
        what = "de route" if network.kind == "route" else "actoren met een signaal"
        parts.append(
            f'<p><span class="swatch" style="color:#f39c12">●</span> oranje rand: '
            f"{what}; de rest is lichtgrijs.</p>"
        )
    if any(n.flags for n in network.nodes):
        parts.append(
            '<p><span class="swatch" style="color:#c0392b">●</span> rode rand: '
            "signaal uit de analyse van gaten en overlap.</p>"
        )
    parts.append("</section>")
    return "".join(parts)


def _rings(network: NetworkMap) -> list[list[Any]]:
    # The rings stand where layout.ring_positions puts them, empty ones included.
    if network.kind != "team":
        return []
    return [
        [value_label("MembershipStatus", r), (i + 1) * RING_GAP]
        for i, r in enumerate(("kern", "verbonden", "buiten"))
    ]


def _select(name: str, text: str) -> str:
    return (
        f'<label>{text} <select id="filter-{name}"><option value="">alle</option></select></label>'
    )


def render_html(network: NetworkMap) -> str:
    """The page of *network*: one file that opens offline in any browser."""
    large = len(network.nodes) > PHYSICS_THRESHOLD
    data = {
        "kind": network.kind,
        "physics": network.physics and not large,
        "large": large,
        "dimRest": network.dim_rest,
        "seed": LAYOUT_SEED,
        "nodes": [_node_json(n, network) for n in network.nodes],
        "edges": [_edge_json(e) for e in network.edges],
        "filters": _filters(network),
        "gemeentenLabels": network.gemeenten,
        "rings": _rings(network),
    }
    title = html.escape(network.title)
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{title}</title>",
            f"<style>{_vis_asset('vis-network.css')}</style><style>{_CSS}</style></head>",
            f'<body data-kind="{html.escape(network.kind)}"><header><h1>{title}</h1>',
            f"<p>{html.escape(network.subtitle)}</p>",
            '<div id="controls">',
            _select("gemeente", "Gemeente"),
            _select("domein", "Domein"),
            _select("niveau", "Niveau"),
            _select("signaal", "Signaal"),
            _select("relatie", "Soort verbinding"),
            '<button type="button" id="cluster">Cluster per gemeente</button>',
            '<button type="button" id="save-positions">Posities opslaan</button>',
            '<span id="count" role="status"></span></div></header>',
            '<main id="network" aria-label="Netwerkkaart"></main>',
            '<aside><h2>Details</h2><div id="details" role="tooltip" aria-live="polite"></div>',
            _legend(network),
            "</aside>",
            f'<script type="application/json" id="zorgnet-data">{embed_json(data)}</script>',
            f"<script>{_vis_asset('vis-network.min.js')}</script>",
            f"<script>{PAGE_SCRIPT}</script>",
            "</body></html>\n",
        ]
    )


def write_html(network: NetworkMap, path: Path) -> Path:
    """Write the page of *network* to *path* and return *path*."""
    path.write_text(render_html(network), encoding="utf-8")
    return path
