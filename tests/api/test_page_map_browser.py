"""The maps in the pages, in a real browser (Debian's Chromium): the map on the home page
is high enough to use, its legend can be reached and clicked on a wide screen and on a
phone, 'Open de kaart op volledige grootte' opens the map on a page of the site, and the
share button shows (and copies) that page's address with the reader's choices."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import PHONE, WIDE, both_viewports, open_page, served_copy
from playwright.sync_api import Browser, FrameLocator, Page, expect

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, loaded_store: Path) -> Iterator[str]:
    with served_copy(tmp_path_factory, loaded_store, "map-browser") as url:
        yield url


def _map_in(page: Page) -> FrameLocator:
    """The map of *page*, scrolled into view and drawn."""
    page.locator("iframe.map").scroll_into_view_if_needed()
    frame = page.frame_locator("iframe.map")
    frame.locator("body[data-ready='1']").wait_for(state="attached", timeout=60_000)
    return frame


@both_viewports
def test_the_home_page_map_is_high_enough_and_its_legend_can_be_used(
    browser: Browser, server: str, viewport: dict[str, int]
) -> None:
    visit = open_page(browser, server + "/", viewport)
    page = visit.page
    frame = _map_in(page)
    box = page.locator("iframe.map").bounding_box()
    assert box is not None
    assert box["height"] >= min(0.7 * viewport["height"], 720) - 1
    network = frame.locator("#network").bounding_box()
    assert network is not None and network["height"] >= 300
    legend = frame.locator("#legend > summary")
    if viewport == PHONE:
        # Above the map, inside the frame as it first shows: no scrolling in the frame
        # (where the map takes the touch) is needed to reach it.
        where = legend.bounding_box()
        assert where is not None
        assert box["y"] <= where["y"] and where["y"] + where["height"] <= box["y"] + box["height"]
        assert where["y"] < network["y"]
        legend.click()
    buttons = frame.locator("#legend li:not([hidden]) button.category")
    last = buttons.last
    expect(last).to_be_visible()
    count = frame.locator("#count").inner_text()
    last.click()
    expect(last).to_have_attribute("aria-pressed", "false")
    assert frame.locator("#count").inner_text() != count
    # In the care view no group is offered that has no actor in it.
    for text in buttons.all_inner_texts():
        assert "(0)" not in text
    # Every id once, on the page and in the map in its frame.
    unique = "(() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);"
    unique += " return ids.length > 0 && ids.length === new Set(ids).size; })()"
    assert page.evaluate(unique)
    assert frame.locator("body").evaluate(f"() => {unique}")
    visit.check_clean()


@both_viewports
def test_the_map_opens_full_size_and_shares_the_address_of_the_site_page(
    browser: Browser, server: str, viewport: dict[str, int]
) -> None:
    visit = open_page(browser, server + "/", viewport)
    page = visit.page
    page.get_by_role("link", name="Open de kaart op volledige grootte").click()
    page.wait_for_url(server + "/kaart")
    assert page.get_by_role("heading", level=1).inner_text() == "Kaart van de regio"
    frame = _map_in(page)
    # The filters fold away where the map needs the room; the reader opens them.
    if not frame.locator("#filter-weergave").is_visible():
        frame.locator("#filters > summary").click()
    frame.locator("#filter-weergave").select_option("bestuur")
    # The page's own address keeps the choice.
    page.wait_for_url(server + "/kaart#weergave=bestuur")
    frame.locator("#share").click()
    link = frame.locator("#share-link")
    expect(link).to_be_visible()
    assert link.input_value() == server + "/kaart#weergave=bestuur"
    expect(frame.locator("#share-melding")).to_contain_text("link")
    assert "/api/" not in link.input_value()
    visit.check_page()

    # The shared address opens the same view.
    again = open_page(browser, link.input_value(), viewport)
    frame = _map_in(again.page)
    assert frame.locator("#filter-weergave").input_value() == "bestuur"
    again.check_clean()


def test_the_team_map_counts_the_partners_the_team_page_lists(
    browser: Browser, server: str
) -> None:
    visit = open_page(browser, server + "/teams/buurtteams-hilversum", WIDE)
    listed = sum(
        visit.page.locator(f"#{ring} li").count() for ring in ("kern", "verbonden", "buiten")
    )
    frame = _map_in(visit.page)
    text = frame.locator("#count").inner_text()
    assert text.startswith(f"{listed} van {listed} actoren rond ")
    assert "en het team zelf in het midden" in text
    visit.check_clean()
