"""The route page in a real browser (Debian's Chromium): a policy advisor goes from the
home page to the route form by the menu, chooses in the dropdowns, reads who decides,
follows a source to its document; the page passes axe-core and fits a phone."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import WIDE, both_viewports, open_page, served_copy
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, loaded_store: Path) -> Iterator[str]:
    with served_copy(tmp_path_factory, loaded_store, "route-browser") as url:
        yield url


def _ask_the_route(page: Page) -> None:
    """From any page: the menu, then the dropdowns, then the form's button."""
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Route zoeken"
    ).click()
    page.wait_for_url("**/route")
    form = page.get_by_role("form", name="Route zoeken")
    form.get_by_label("Begin bij", exact=True).select_option(label="huisarts")
    form.get_by_label("Soort hulp", exact=True).select_option(label="jeugd-GGZ")
    form.get_by_label("Gemeente", exact=True).select_option(label="Huizen")
    form.get_by_role("button", name="Zoek routes").click()
    page.wait_for_selector("#resultaat")


def test_a_user_finds_the_routes_from_the_gp_and_reads_who_decides(
    browser: Browser, server: str
) -> None:
    visit = open_page(browser, server + "/", WIDE)
    page = visit.page
    _ask_the_route(page)
    result = page.locator("#resultaat")
    assert "1 route van huisarts naar jeugd-GGZ in Huizen" in result.locator("h2").inner_text()
    first = result.locator("article").first
    decides = first.locator(".zn-route__decides").inner_text()
    assert decides.startswith("Wie beslist: huisarts, met de bevoegdheid verwijzen (Jeugdwet).")
    steps = first.locator("ol > li")
    assert (
        steps.nth(1)
        .inner_text()
        .startswith(
            "De huisarts verwijst naar de regionaal gecontracteerde jeugdhulpaanbieders (Jeugdwet)."
        )
    )
    # A source names its document on hover and leads to the document's page.
    source = first.locator("a.zn-cite").first
    title = source.get_attribute("title")
    assert title and title.startswith("Regionale samenwerkingsafspraken jeugdhulp")
    source.click()
    page.wait_for_url(f"{server}/bronnen/003")
    assert page.locator("h1").inner_text() == title
    visit.check_clean()
    page.close()


@both_viewports
def test_the_route_answer_passes_axe_and_fits_the_screen(
    browser: Browser, server: str, viewport: dict[str, int]
) -> None:
    visit = open_page(browser, server + "/", viewport)
    _ask_the_route(visit.page)
    visit.check_page()
    visit.page.close()
