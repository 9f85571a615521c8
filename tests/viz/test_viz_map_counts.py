"""What a map counts agrees with what it shows (a walkthrough found '10 van 10' on a team
page that lists 9 partners, and a legend group '(0)' that did nothing when clicked)."""

from __future__ import annotations

import re

from zorgnet.graph.analyses.membership import team_network
from zorgnet.viz import maps

TEAM = "buurtteams-hilversum"


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def test_each_view_shows_as_many_actors_as_the_subtitle_says(region, open_map):
    network = maps.region_map(region)
    opened = open_map(network, "weergaven")
    care, bestuur, bodies, linked = _numbers(network.subtitle)
    assert opened.page.locator(".subtitle").inner_text() == network.subtitle
    count = opened.page.locator("#count")
    assert count.inner_text().startswith(f"{care} van {care} actoren van de weergave Zorgnetwerk")
    group = opened.page.locator('button.category[data-category="bestuur"]')
    # No group offered in the care view that has no actor there.
    assert group.is_hidden()
    for text in opened.page.locator("#legend li:not([hidden]) .category-count").all_inner_texts():
        assert text != "(0)"
    if not opened.page.locator("#filter-weergave").is_visible():
        opened.page.locator("#filters > summary").click()
    opened.page.select_option("#filter-weergave", "bestuur")
    assert count.inner_text().startswith(f"{bestuur} van {bestuur} actoren van de weergave")
    assert group.is_visible()
    assert group.inner_text().endswith(f"({bodies})")
    assert bestuur == bodies + linked
    group.click()
    assert count.inner_text().startswith(f"{linked} van {bestuur} ")


def test_a_team_map_counts_the_partners_around_the_team(region, open_map):
    net = team_network(region, TEAM)
    listed = len(net.kern) + len(net.verbonden) + len(net.buiten)
    opened = open_map(maps.team_map(region, TEAM), "team-telling")
    text = opened.page.locator("#count").inner_text()
    assert text.startswith(f"{listed} van {listed} actoren rond buurtteams Hilversum zichtbaar")
    assert "en het team zelf in het midden" in text
