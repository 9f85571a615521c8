"""A policy advisor uses a map by clicking and typing: the legend, the search, a shared
link, the PNG picture, a phone, and what axe-core says about the page."""

from __future__ import annotations

import struct

import networkx as nx
from axe_playwright_python.sync_playwright import Axe

from zorgnet.viz import maps
from zorgnet.viz.png import write_png


def test_clicking_a_legend_entry_hides_that_category_and_clicking_again_shows_it(region, open_map):
    network = maps.region_map(region)
    opened = open_map(network, "legenda")
    care = {n.id for n in network.nodes if "zorg" in n.views}
    zorg = {n.id for n in network.nodes if n.category == "zorg"} & care
    assert zorg
    entry = opened.page.locator('button.category[data-category="zorg"]')
    entry.click()
    assert opened.visible_nodes() == care - zorg
    assert entry.get_attribute("aria-pressed") == "false"
    # The table follows the map.
    some = sorted(zorg)[0]
    assert opened.page.locator(f'#tabel tr[data-id="{some}"]').is_hidden()
    entry.click()
    assert opened.visible_nodes() == care
    assert entry.get_attribute("aria-pressed") == "true"
    assert opened.page.locator(f'#tabel tr[data-id="{some}"]').is_visible()


def test_searching_a_name_centres_the_map_on_it_and_lights_its_neighbours(region, open_map):
    opened = open_map(maps.region_map(region), "zoeken")
    # Typed as a person would: lower case, part of the name.
    opened.page.fill("#zoek", "veilig thuis")
    opened.page.press("#zoek", "Enter")
    assert opened.page.locator("#details").get_attribute("data-actor") == "veilig-thuis"
    point = opened.js(
        "(() => { const n = zorgnetMap.network;"
        " return n.canvasToDOM(n.getPositions(['veilig-thuis'])['veilig-thuis']); })()"
    )
    box = opened.page.locator("#network").bounding_box()
    assert abs(point["x"] - box["width"] / 2) < 2 and abs(point["y"] - box["height"] / 2) < 2
    neighbours = set(nx.all_neighbors(region, "veilig-thuis")) | {"veilig-thuis"}
    assert opened.undimmed_nodes() == neighbours
    assert "Veilig Thuis" in opened.page.locator("#zoek-melding").inner_text()
    # A governance body is found too: the map switches to the view that has it.
    opened.page.fill("#zoek", "kerngroep")
    opened.page.press("#zoek", "Enter")
    assert opened.page.locator("#filter-weergave").input_value() == "bestuur"
    assert "slt-kerngroep" in opened.visible_nodes()


def test_a_view_in_the_url_comes_back_after_a_reload(region, open_map):
    network = maps.region_map(region)
    opened = open_map(network, "link")
    opened.page.select_option("#filter-weergave", "bestuur")
    opened.page.select_option("#filter-gemeente", "huizen")
    opened.page.click('button.category[data-category="gemeente"]')
    opened.page.fill("#zoek", "kerngroep")
    opened.page.press("#zoek", "Enter")
    url = opened.page.url
    for part in (
        "weergave=bestuur",
        "gemeente=huizen",
        "verborgen=gemeente",
        "focus=slt-kerngroep",
    ):
        assert part in url
    # A map opened as a file shares its own address, shown to copy, with a message.
    opened.page.click("#share")
    assert opened.page.locator("#share-link").input_value() == url
    assert "link" in opened.page.locator("#share-melding").inner_text()
    shown = opened.visible_nodes()
    assert shown and "slt-kerngroep" in shown
    opened.reload()
    assert opened.page.url == url
    assert opened.visible_nodes() == shown
    assert opened.page.locator("#filter-weergave").input_value() == "bestuur"
    assert opened.page.locator("#filter-gemeente").input_value() == "huizen"
    pressed = 'button.category[data-category="gemeente"]'
    assert opened.page.locator(pressed).get_attribute("aria-pressed") == "false"
    assert opened.page.locator("#details").get_attribute("data-actor") == "slt-kerngroep"


def test_the_png_shows_the_network_and_the_whole_legend_without_the_controls(
    region, open_map, tmp_path
):
    opened = open_map(maps.region_map(region), "afbeelding")
    png = write_png(opened.path, tmp_path / "kaart.png")
    width, height = struct.unpack(">II", png.read_bytes()[16:24])
    opened.js("zorgnetMap.exportView()")
    for hidden in ("#controls", "#tabel", "#details-panel", ".skip-link"):
        assert opened.page.locator(hidden).is_hidden(), hidden
    assert opened.page.locator("#network canvas").is_visible()
    legend = opened.page.locator("#legend").bounding_box()
    # Every group of the view shown; the bestuur group, with none in the care view, is
    # not offered there.
    assert opened.page.locator("#legend li:not([hidden]) .category").last.is_visible()
    assert opened.page.locator('.category[data-category="bestuur"]').is_hidden()
    # The picture is the whole export view: the legend ends inside it.
    assert (width, height) == tuple(
        opened.js("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    )
    assert legend["y"] + legend["height"] <= height


def test_on_a_phone_the_map_is_full_width_and_nothing_scrolls_sideways(region, open_map):
    opened = open_map(maps.gemeente_map(region, "huizen"), "telefoon", viewport=(390, 844))
    width = opened.js("document.documentElement.clientWidth")
    assert opened.js("document.documentElement.scrollWidth") <= width
    assert opened.page.locator("#network").bounding_box()["width"] == width
    # The legend and the filters fold away until asked for.
    assert opened.js("document.getElementById('legend').open") is False
    assert opened.js("document.getElementById('filters').open") is False
    opened.page.click("#legend > summary")
    assert opened.page.locator('button.category[data-category="zorg"]').is_visible()
    opened.page.locator("#tabel").scroll_into_view_if_needed()
    assert opened.js("document.documentElement.scrollWidth") <= width


def test_a_map_page_has_no_serious_or_critical_accessibility_violations(region, open_map):
    for name, network in (
        ("regio", maps.region_map(region)),
        ("route", maps.route_map(region, "huisarts", "jeugd-ggz", gemeente="huizen")),
    ):
        opened = open_map(network, f"axe-{name}")
        results = Axe().run(opened.page)
        serious = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], name
