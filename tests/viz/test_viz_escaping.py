"""Can text in the data run anything on a map page? It must not: it shows as text."""

from __future__ import annotations

import networkx as nx
import pytest

from zorgnet.graph.analyses._example import example_projection
from zorgnet.viz import maps

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
BREAK = "</script><!--"
HREF = '<a href="javascript:alert(1)">klik</a> href'


@pytest.fixture(scope="module")
def hostile() -> nx.MultiDiGraph:
    """The example network with hostile names, descriptions and sources."""
    G = example_projection().copy()
    G.graph.update(example_projection().graph)
    G.nodes["huisarts"]["label"] = IMG
    G.nodes["school"]["label"] = SCRIPT
    G.nodes["buurtteam"]["label"] = BREAK
    G.nodes["poh-jeugd"]["label"] = HREF
    G.nodes["huisarts"]["description"] = BREAK + SCRIPT
    G.nodes["poh-jeugd"]["sources"] = (HREF, IMG)
    return G


def _assert_inert(opened) -> None:
    assert opened.dialogs == []
    # Only zorgnet's own three script elements and one link, no element made from the data.
    assert opened.js("document.scripts.length") == 3
    assert opened.js("document.querySelectorAll('img, iframe, object').length") == 0
    links = opened.js("Array.from(document.querySelectorAll('a')).map(a => a.className || a.id)")
    assert links == ["skip-link"]
    assert opened.js("window.zorgnetReady") is True


@pytest.mark.parametrize(
    ("actor", "name"),
    [("huisarts", IMG), ("school", SCRIPT), ("buurtteam", BREAK), ("poh-jeugd", HREF)],
)
def test_a_hostile_actor_name_shows_as_text_and_runs_nothing(hostile, open_map, actor, name):
    # The ego map also puts the name in the page title and heading.
    opened = open_map(maps.ego_map(hostile, actor, depth=2), "ego")
    assert opened.page.locator("h1").inner_text() == f"Netwerk rond {name}"
    assert opened.page.title() == f"Netwerk rond {name}"
    opened.click_node(actor)
    details = opened.page.locator("#details")
    assert name in details.inner_text()
    assert opened.js(f"zorgnetMap.nodes.get({actor!r}).label") == name
    _assert_inert(opened)


def test_hostile_sources_and_descriptions_in_tooltips_stay_text(hostile, open_map):
    opened = open_map(maps.region_map(hostile), "regio")
    opened.click_node("poh-jeugd")
    text = opened.page.locator("#details").inner_text()
    assert HREF in text and IMG in text
    opened.click_node("huisarts")
    assert BREAK + SCRIPT in opened.page.locator("#details").inner_text()
    # Hovering shows vis-network's own tooltip, built from the same text nodes.
    opened.page.mouse.move(*opened.node_point("poh-jeugd"))
    tooltip = opened.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert HREF in tooltip.inner_text()
    _assert_inert(opened)
    opened.page.select_option("#filter-relatie", "verwijst")
    assert opened.js("zorgnetMap.edgeView.length") > 0
