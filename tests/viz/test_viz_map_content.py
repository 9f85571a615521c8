"""What the maps show, checked on their data before any browser: readable categories,
filters that narrow as the analyses say, the care and bestuur views, stable positions
without overlapping labels, the route with only its neighbours, and the table that says
the same as the map."""

from __future__ import annotations

import itertools
from html.parser import HTMLParser

import networkx as nx
import pytest

from zorgnet.graph.analyses._index import scope_set
from zorgnet.graph.analyses.routes import referral_routes
from zorgnet.graph.projection import project
from zorgnet.ontology.categories import BESTUUR, CATEGORIES, LAYER_LABELS, TYPE_CATEGORIES, category
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import value_label, vocabulary
from zorgnet.viz import maps
from zorgnet.viz.layout import CELL_WIDTH
from zorgnet.viz.render import render_html, table_rows


def test_every_actor_type_has_one_of_at_most_ten_categories_with_a_dutch_label():
    assert set(TYPE_CATEGORIES) == set(vocabulary().notations(ZN.ActorType))
    assert len(CATEGORIES) <= 10
    for cat in CATEGORIES:
        # A label for people: capitalised Dutch words, never the id.
        assert cat.label != cat.id and "-" not in cat.label and cat.label[0].isupper()
    # Colour and shape together tell every category apart.
    assert len({(c.colour, c.shape) for c in CATEGORIES}) == len(CATEGORIES)
    assert len({c.colour for c in CATEGORIES}) == len(CATEGORIES)


def test_the_region_map_groups_its_actors_in_few_categories(region):
    network = maps.region_map(region)
    used = {n.category for n in network.nodes}
    assert 5 <= len(used) <= 10
    page = render_html(network)
    legend = page[page.index('id="legend"') : page.index("</details>", page.index('id="legend"'))]
    assert legend.count('class="category"') == len(used)
    for cat in used:
        assert category(cat).label.replace("'", "&#39;") in legend


def test_bestuur_actors_are_out_of_the_care_view_and_in_the_bestuur_view(region):
    network = maps.region_map(region)
    bestuur = {n.id for n in network.nodes if n.category == BESTUUR}
    care = {n.id for n in network.nodes if "zorg" in n.views}
    in_bestuur_view = {n.id for n in network.nodes if BESTUUR in n.views}
    # Governance bodies, programmes and work groups of the seeds.
    assert {"slt-kerngroep", "pfho-sociaal-domein", "programma-idu"} <= bestuur
    assert not bestuur & care
    assert bestuur <= in_bestuur_view
    # The care view is the rest; the bestuur view adds the actors governance is linked to.
    assert care == {n.id for n in network.nodes} - bestuur
    linked = {n for b in bestuur for n in nx.all_neighbors(region, b)} - bestuur
    assert in_bestuur_view == bestuur | linked
    # A programme that gives help itself is care, not governance.
    assert "huizen-inzet-op-scholen" in care
    assert network.views[0][0] == "zorg"


def test_a_gemeente_filter_keeps_only_the_actors_that_serve_that_gemeente(region):
    network = maps.region_map(region)
    for gemeente in network.gemeenten:
        kept = {n.id for n in network.nodes if gemeente in n.gemeenten}
        assert kept == scope_set(region, gemeente)
    huizen = {n.id for n in network.nodes if "huizen" in n.gemeenten and "zorg" in n.views}
    # Hilversum's buurtteams and Gooise Meren's USD do not serve Huizen; the regional
    # Veilig Thuis and Huizen's own ambulant team do.
    assert "buurtteams-hilversum" not in huizen and "usd-gooise-meren" not in huizen
    assert {"veilig-thuis", "huizen-ambulant-team-18plus"} <= huizen
    care = [n for n in network.nodes if "zorg" in n.views]
    assert len(huizen) < len(care)


def test_the_same_data_gives_the_same_positions_and_the_same_page(shipped, region):
    again = project(shipped.graph)
    first, second = maps.region_map(region), maps.region_map(again)
    assert first.positions == second.positions
    assert set(first.positions) == {n.id for n in first.nodes}
    assert render_html(first) == render_html(second)


@pytest.mark.parametrize("kind", ["regio", "gemeente", "ego"])
def test_no_two_labels_overlap_in_the_layered_layout(region, kind):
    network = {
        "regio": lambda: maps.region_map(region),
        "gemeente": lambda: maps.gemeente_map(region, "hilversum"),
        "ego": lambda: maps.ego_map(region, "veilig-thuis", 2),
    }[kind]()
    by_row: dict[float, list[maps.MapNode]] = {}
    for node in network.nodes:
        by_row.setdefault(network.positions[node.id][1], []).append(node)
    for row in by_row.values():
        row.sort(key=lambda n: network.positions[n.id][0])
        for left, right in itertools.pairwise(row):
            gap = network.positions[right.id][0] - network.positions[left.id][0]
            # Each label wraps at its width, centred on its node: side by side they
            # must not meet.
            assert gap >= (left.label_width + right.label_width) / 2 + 10, (left.id, right.id)
            assert gap >= CELL_WIDTH
    for band in network.bands:
        assert band.layer in LAYER_LABELS


def test_the_route_map_shows_the_routes_large_and_only_their_direct_neighbours(region):
    result = referral_routes(region, "huisarts", "jeugd-ggz", gemeente="huizen", k=5)
    on_route = {a for route in result.routes for a in route.actors}
    network = maps.route_map(region, "huisarts", "jeugd-ggz", gemeente="huizen")
    lit = {n.id for n in network.nodes if n.highlighted}
    assert lit == on_route
    assert all(n.prominent for n in network.nodes if n.highlighted)
    rest = {n.id for n in network.nodes} - on_route
    assert rest
    for actor in rest:
        assert on_route & set(nx.all_neighbors(region, actor)), actor
        assert actor in scope_set(region, "huizen")
    # As many routes as the route page lists, and no costs or slugs in the subtitle.
    count = len(result.routes)
    said = f"{count} {'route' if count == 1 else 'routes'} naar jeugd-GGZ in Huizen"
    assert network.subtitle == said
    assert network.title == "Route van huisarts naar jeugd-GGZ in Huizen"
    assert len(network.nodes) < region.number_of_nodes() / 4


class _Table(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.names: list[str] = []
        self._in_name = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tr" and found.get("data-id"):
            self.ids.append(found["data-id"] or "")
        self._in_name = tag == "button" and found.get("class") == "show-on-map"

    def handle_data(self, data: str) -> None:
        if self._in_name:
            self.names.append(data)
            self._in_name = False


@pytest.mark.parametrize("kind", ["regio", "route", "team", "signalen"])
def test_the_table_lists_the_same_actors_as_the_map(region, kind):
    network = {
        "regio": lambda: maps.region_map(region),
        "route": lambda: maps.route_map(region, "huisarts", "jeugd-ggz", gemeente="huizen"),
        "team": lambda: maps.team_map(region, "buurtteams-hilversum"),
        "signalen": lambda: maps.signal_map(region),
    }[kind]()
    table = _Table()
    table.feed(render_html(network))
    assert table.ids == [n.id for n in network.nodes]
    assert table.names == [n.label for n in network.nodes]
    rows = {row["id"]: row for row in table_rows(network)}
    # Each link of the map is in the table, in words, from both ends.
    for edge in network.edges:
        source, target = rows[edge.source], rows[edge.target]
        names = {n.id: n.label for n in network.nodes}
        assert f"{edge.kind_label}: " in source["outgoing"]
        assert names[edge.target] in source["outgoing"]
        assert names[edge.source] in target["incoming"]


class _Options(HTMLParser):
    """The (value, text) of each <option> per <select id>."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, list[list[str]]] = {}
        self._select = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "select":
            self._select = found.get("id") or ""
        elif tag == "option" and self._select:
            self.found.setdefault(self._select, []).append([found.get("value") or "", ""])

    def handle_data(self, data: str) -> None:
        if self._select and self.found.get(self._select):
            self.found[self._select][-1][1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = ""


def test_the_filters_offer_labels_not_codes(region):
    options = _Options()
    options.feed(render_html(maps.region_map(region)))
    classes = {"filter-domein": "Domain", "filter-niveau": "SupportLevel"}
    classes["filter-relatie"] = "RelationKind"
    for select, concept_class in classes.items():
        offered = [(v, t) for v, t in options.found[select] if v]
        assert offered
        for value, text in offered:
            assert text == value_label(concept_class, value)
    gemeenten = dict(options.found["filter-gemeente"])
    assert gemeenten["gooise-meren"] == "Gooise Meren"
    assert dict(options.found["filter-weergave"]) == {
        "zorg": "Zorgnetwerk",
        "bestuur": "Bestuur en programma's",
    }
