"""A map as a pyvis network: its nodes, edges, groups and vis-network options.

pyvis's :class:`~pyvis.network.Network` holds what vis-network draws; zorgnet's own
offline page (:mod:`zorgnet.viz.render`) renders it. Each category of
:mod:`zorgnet.ontology.categories` is a pyvis group (colour and shape); every node and edge
also carries what the page's filters, legend, search and table need.

Two parts of pyvis 0.3.2 do not serve, and are worked around here rather than patched:

- ``Network.add_node`` and ``add_edge`` look every node id up in a list
  (``node_ids``), so building a map is quadratic: 20,000 actors take about 8 s. The
  network here keeps that list in a :class:`_NodeIds`, a list that also answers ``in``
  from a set; pyvis only appends to it and asks ``in``.
- ``Network.add_node`` gives every node ``shape="dot"`` unless told otherwise, which
  overrides the group's shape in vis-network; so each node is given its category's
  shape as well.

pyvis's own HTML (``generate_html``, ``show``) is not used: its template loads
vis-network from a CDN and Bootstrap from another, even with ``cdn_resources="local"``.

Examples
--------
>>> from zorgnet.graph.analyses._example import example_projection
>>> from zorgnet.viz.maps import region_map
>>> net = pyvis_network(region_map(example_projection()))
>>> net.num_nodes(), net.num_edges()
(9, 15)
>>> node = net.get_node("huisarts")
>>> node["group"], node["shape"], node["label"]
('verwijzers', 'triangle', 'huisarts')
>>> net.options["groups"]["verwijzers"]["shape"]
'triangle'
"""

from __future__ import annotations

import json
import math
from typing import Any

from pyvis.network import Network

from zorgnet.ontology.categories import CATEGORIES, category
from zorgnet.viz.layout import LABEL_WIDTH
from zorgnet.viz.maps import SCENARIO_COLOURS, MapEdge, MapNode, NetworkMap
from zorgnet.viz.styles import edge_style

__all__ = ["LARGE_MAP", "node_size", "pyvis_network"]

# Above this many actors hover tooltips, dashes and curved edges cost the browser seconds
# per frame, so they are left out.
LARGE_MAP = 1500
# Labels drawn smaller than this many screen pixels are left out until one zooms in, so
# that a whole map shows the prominent names readably and not a blur of small ones.
_LABEL_DRAW_THRESHOLD = 9


class _NodeIds(list):
    """pyvis's list of node ids, answering ``in`` from a set (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self._index: set[Any] = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._index.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._index


class _MapNetwork(Network):
    def __init__(self, heading: str) -> None:
        super().__init__(directed=True, heading=heading)
        self.node_ids = _NodeIds()


def node_size(node: MapNode) -> float:
    """The node's size (vis-network units): larger the more links it has on the map."""
    size = 10 + 3 * math.sqrt(node.importance)
    if node.prominent:
        size += 4
    return round(min(size, 32), 1)


def _node(node: MapNode, network: NetworkMap) -> dict[str, Any]:
    """What the page needs of *node* beside vis-network's own properties."""
    x, y = network.positions[node.id]
    return {
        "x": x,
        "y": y,
        "size": node_size(node),
        "font": {"size": node.font_size},
        "widthConstraint": {"maximum": node.label_width},
        "name": node.label,
        "layer": node.layer,
        "hl": node.highlighted,
        "flagged": bool(node.flags),
        # A scenario's red or green border, drawn over the highlight's.
        "mark": SCENARIO_COLOURS.get(node.mark or ""),
        "gemeenten": list(node.gemeenten),
        "domains": list(node.domains),
        "levels": list(node.levels),
        "signals": signal_kinds(node),
        "views": list(node.views),
        # The details panel and the tooltips are built on the page from this, as text.
        "info": info_rows(node),
    }


def signal_kinds(node: MapNode) -> list[str]:
    """The kinds of *node*'s signals (``"doodlopend: ..."`` → ``"doodlopend"``), in order."""
    return list(dict.fromkeys(flag.split(":", 1)[0] for flag in node.flags))


def info_rows(node: MapNode) -> list[list[Any]]:
    """The details of *node* as (heading, lines) rows, for the details panel and tooltip."""
    rows: list[tuple[str, tuple[str, ...]]] = [
        ("Naam", (node.label,)),
        ("Soort", (node.type_label,)),
        ("Groep op de kaart", (category(node.category).label,)),
        ("Schaal", (node.scale_label,)),
        ("Gebied", node.areas or ("onbekend",)),
        ("Wat het doet", (node.description,) if node.description else ("niet beschreven",)),
        ("Mandaten", node.mandates or ("geen",)),
        ("Signalen", node.flags),
        ("Bronnen", node.sources or ("geen bron",)),
    ]
    return [[heading, list(lines)] for heading, lines in rows if lines]


def _edge(edge: MapEdge, large: bool) -> dict[str, Any]:
    style = edge_style(edge.kind)
    if edge.mark is not None:
        style["color"] = SCENARIO_COLOURS[edge.mark]
    if large:
        # Dashed lines cost seconds per frame at 20,000 actors; colour still tells the kind.
        style["dashes"] = False
    return {
        "id": edge.id,
        "kind": edge.kind,
        "hl": edge.highlighted,
        "sources": list(edge.sources),
        **style,
    }


def _options(network: NetworkMap, large: bool) -> dict[str, Any]:
    groups = {
        c.id: {
            "shape": c.shape,
            "color": {"background": c.colour, "border": c.colour},
            # The box of a governance body holds its label: dark text on a pale box.
            **(
                {
                    "color": {"background": "#eceff1", "border": c.colour},
                    "font": {"color": "#1b1b1b"},
                }
                if c.shape == "box"
                else {}
            ),
        }
        for c in CATEGORIES
    }
    return {
        "groups": groups,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": not large,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "navigationButtons": False,
            "multiselect": False,
        },
        "nodes": {
            "font": {
                "face": "sans-serif",
                "color": "#1b1b1b",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "widthConstraint": {"maximum": LABEL_WIDTH},
            "borderWidth": 1,
            "scaling": {"label": {"drawThreshold": _LABEL_DRAW_THRESHOLD}},
        },
        "edges": {
            "smooth": False if large else {"type": "curvedCW", "roundness": 0.12},
            "arrowStrikethrough": False,
            "selectionWidth": 2,
        },
    }


def pyvis_network(network: NetworkMap) -> Network:
    """The pyvis network of *network*: a node per actor, an edge per link, a group per
    category, and the vis-network options of the page."""
    large = len(network.nodes) > LARGE_MAP
    net = _MapNetwork(network.title)
    for node in network.nodes:
        net.add_node(
            node.id,
            label=node.map_label,
            shape=category(node.category).shape,
            group=node.category,
            **_node(node, network),
        )
    for edge in network.edges:
        net.add_edge(edge.source, edge.target, **_edge(edge, large))
    # set_options parses the JSON after removing every space, so the options hold no text
    # meant for people; labels and names live on the nodes.
    net.set_options(json.dumps(_options(network, large)))
    return net
