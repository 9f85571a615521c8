"""Who is in and who is out of the Hilversum buurtteams, in a real browser (Debian's
Chromium): a policy advisor opens 'Lokale teams' from the menu, clicks the Hilversum
buurtteams and reads who is in, who works with the team and who is out, as the library
says; then opens a partner's page from there. After each step the page passes axe-core,
logs no error and fits a phone."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import both_viewports, open_page, served_copy
from playwright.sync_api import Browser, expect

from zorgnet.graph.analyses.membership import team_network

pytestmark = pytest.mark.browser

RINGS = (
    ("kern", "Hoort erbij"),
    ("verbonden", "Werkt samen, maar hoort er niet bij"),
    ("buiten", "Hoort er niet bij"),
)


@pytest.fixture(scope="module")
def server(region, tmp_path_factory: pytest.TempPathFactory, loaded_store: Path) -> Iterator[str]:
    with served_copy(tmp_path_factory, loaded_store, "teams-browser") as url:
        yield url


@both_viewports
def test_a_user_reads_who_is_in_and_who_is_out_of_the_hilversum_buurtteams(
    browser: Browser, server: str, region, viewport: dict[str, int]
) -> None:
    visit = open_page(browser, server + "/", viewport)
    page = visit.page
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Lokale teams").click()
    page.wait_for_url(f"{server}/teams")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lokale teams")
    visit.check_page()

    page.get_by_role("list").get_by_role("link", name="buurtteams Hilversum", exact=True).click()
    page.wait_for_url(f"{server}/teams/buurtteams-hilversum")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie hoort bij buurtteams Hilversum?")
    network = team_network(region, "buurtteams-hilversum")
    for ring, heading in RINGS:
        expected = [region.nodes[a]["label"] for a in getattr(network, ring)]
        section = page.get_by_role("region", name=f"{heading} ({len(expected)})")
        expect(section).to_be_visible()
        assert section.get_by_role("listitem").all_inner_texts() == expected, ring
    visit.check_page()

    # Who is out, and why: the partner's own page says it.
    out = page.get_by_role("region", name="Hoort er niet bij (1)")
    out.get_by_role("link").first.click()
    page.wait_for_url(f"{server}/actoren/{network.buiten[0]}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        region.nodes[network.buiten[0]]["label"]
    )
    teams = page.get_by_role("region", name="Lokale teams waarbij")
    expect(teams.get_by_role("cell", name="buiten", exact=True)).to_be_visible()
    visit.check_page()
    page.close()
