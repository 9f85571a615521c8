"""Do the maps open in a real browser, offline, showing what the analyses found?"""

from __future__ import annotations

import networkx as nx
import pytest

from zorgnet.graph.analyses._index import scope_set
from zorgnet.graph.analyses.membership import team_network
from zorgnet.graph.analyses.routes import referral_routes
from zorgnet.viz import maps
from zorgnet.viz.layout import RING_GAP, parse_positions
from zorgnet.viz.synthetic import synthetic_projection

TEAM = "buurtteams-hilversum"


def _expected(G: nx.MultiDiGraph, kind: str) -> tuple[maps.NetworkMap, int, int]:
    """A map of *kind* and the node and edge counts it shows first.

    The region, gemeente and signal maps show the care network first: every actor but the
    governance bodies, programmes and work groups.
    """
    if kind == "team":
        net = team_network(G, TEAM)
        actors = {TEAM, *net.kern, *net.verbonden, *net.buiten}
        return maps.team_map(G, TEAM), len(actors), G.subgraph(actors).number_of_edges()
    if kind == "ego":
        actors = nx.ego_graph(G.to_undirected(as_view=True), "veilig-thuis", radius=2)
        return maps.ego_map(G, "veilig-thuis", 2), len(actors), G.subgraph(actors).number_of_edges()
    network = {
        "regio": lambda: maps.region_map(G),
        "gemeente": lambda: maps.gemeente_map(G, "huizen"),
        "route": lambda: maps.route_map(G, "huisarts", "jeugd-ggz", gemeente="huizen"),
        "signalen": lambda: maps.signal_map(G),
    }[kind]()
    actors = {n.id for n in network.nodes if not network.views or "zorg" in n.views}
    if kind == "regio":
        assert len(actors) < G.number_of_nodes()
    return network, len(actors), G.subgraph(actors).number_of_edges()


@pytest.mark.parametrize("kind", ["regio", "gemeente", "team", "route", "ego", "signalen"])
def test_each_map_opens_offline_with_the_analysis_counts_and_a_legend(region, open_map, kind):
    network, nodes, edges = _expected(region, kind)
    opened = open_map(network, kind)
    assert opened.visible_counts() == (nodes, edges)
    assert opened.js("zorgnetMap.nodes.length") == len(network.nodes)
    legend = opened.page.locator("#legend")
    assert legend.is_visible()
    text = legend.inner_text()
    assert "Groepen" in text and "Soort verbinding" in text
    # Dutch labels from the vocabularies, not notations.
    kinds = {e.kind for e in network.edges}
    if "werkt-samen" in kinds:
        assert "werkt samen" in text


def test_clicking_an_actor_shows_its_sources_and_highlights_its_neighbours(region, open_map):
    opened = open_map(maps.region_map(region), "klik")
    opened.click_node("veilig-thuis")
    details = opened.page.locator("#details")
    assert details.get_attribute("data-actor") == "veilig-thuis"
    text = details.inner_text()
    for source in region.nodes["veilig-thuis"]["sources"]:
        assert source in text
    assert "Bronnen" in text and "Mandaten" in text
    neighbours = set(nx.all_neighbors(region, "veilig-thuis")) | {"veilig-thuis"}
    assert opened.undimmed_nodes() == neighbours
    # Clicking the empty background brings the whole map back.
    opened.page.mouse.click(5, opened.page.viewport_size["height"] - 5)
    assert len(opened.undimmed_nodes()) == region.number_of_nodes()


def test_the_route_map_highlights_exactly_the_routes_actors(region, open_map):
    result = referral_routes(region, "huisarts", "jeugd-ggz", gemeente="huizen", k=3)
    on_route = {a for route in result.routes for a in route.actors}
    assert on_route
    opened = open_map(maps.route_map(region, "huisarts", "jeugd-ggz", gemeente="huizen"))
    assert opened.undimmed_nodes() == on_route


def test_the_team_map_puts_kern_verbonden_and_buiten_in_rings(region, open_map):
    net = team_network(region, TEAM)
    opened = open_map(maps.team_map(region, TEAM), "team")
    positions = opened.js("zorgnetMap.network.getPositions()")
    centre = positions[TEAM]
    for ring, members in enumerate((net.kern, net.verbonden, net.buiten), start=1):
        for member in members:
            x, y = positions[member]["x"] - centre["x"], positions[member]["y"] - centre["y"]
            assert round((x * x + y * y) ** 0.5) == pytest.approx(ring * RING_GAP, abs=1)


def test_the_gemeente_filter_shows_what_serves_that_gemeente(region, open_map):
    network = maps.region_map(region)
    opened = open_map(network, "filter")
    opened.page.select_option("#filter-gemeente", "laren")
    shown = {n.id for n in network.nodes if "zorg" in n.views and "laren" in n.gemeenten}
    assert shown == {n.id for n in network.nodes if "zorg" in n.views} & scope_set(region, "laren")
    assert set(opened.js("zorgnetMap.nodeView.getIds()")) == shown
    assert opened.page.locator("#count").inner_text().startswith(f"{len(shown)} van ")
    options = opened.page.locator("#filter-relatie option").all_inner_texts()
    assert "verwijst" in options and "werkt samen" in options


def test_the_same_data_draws_the_same_map_and_saved_positions_come_back(region, open_map):
    first = open_map(maps.gemeente_map(region, "huizen"), "eerste")
    second = open_map(maps.gemeente_map(region, "huizen"), "tweede")
    saved = parse_positions(first.js("zorgnetMap.positions()"))
    assert parse_positions(second.js("zorgnetMap.positions()")) == saved
    reused = open_map(maps.with_positions(maps.gemeente_map(region, "huizen"), saved), "terug")
    assert parse_positions(reused.js("zorgnetMap.positions()")) == saved


def test_a_network_of_20000_actors_opens_and_is_drawn(open_map):
    network = maps.region_map(synthetic_projection(20_000))
    care = {n.id for n in network.nodes if "zorg" in n.views}
    links = sum(e.source in care and e.target in care for e in network.edges)
    opened = open_map(network, "groot", timeout_ms=90_000)
    assert opened.visible_counts() == (len(care), links)
    opened.page.select_option("#filter-gemeente", "huizen")
    assert 0 < opened.js("zorgnetMap.nodeView.length") < len(care)
