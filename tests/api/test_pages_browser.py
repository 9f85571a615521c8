"""The front door in a real browser (Debian's Chromium): a user searches from the home page
by typing and clicking, and every page of the accessibility statement passes axe-core
with no serious or critical violation, fits a phone's width, logs no error and loads
nothing from elsewhere."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browsing import PHONE, WIDE, Visit, both_viewports, open_page, served_copy
from playwright.sync_api import Browser

from zorgnet.api.routers.pages import ACCESSIBILITY_CHECKED

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, loaded_store: Path) -> Iterator[str]:
    with served_copy(tmp_path_factory, loaded_store, "browser") as url:
        yield url


@pytest.fixture
def visit(browser: Browser, server: str, tmp_path: Path) -> Iterator[Callable[..., Visit]]:
    """Open a page of the server at a viewport (see :func:`browsing.open_page`); each page
    leaves a screenshot in the test's folder."""
    opened: list[Visit] = []

    def _open(path: str, viewport: dict[str, int] = WIDE) -> Visit:
        opened.append(open_page(browser, server + path, viewport))
        return opened[-1]

    yield _open
    for number, result in enumerate(opened):
        result.page.screenshot(path=str(tmp_path / f"pagina-{number}.png"), full_page=True)
        result.page.close()


def test_a_user_types_a_name_on_the_home_page_and_clicks_a_result(visit, server: str) -> None:
    home = visit("/")
    page = home.page
    box = page.get_by_label("Zoek een actor, gemeente, lokaal team of soort hulp")
    box.click()
    page.keyboard.type("HUISARTS")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken?q=HUISARTS")
    results = page.locator("#resultaten")
    assert "4 resultaten voor" in results.locator("h2").inner_text()
    results.get_by_role("link", name="huisarts", exact=True).click()
    page.wait_for_url(f"{server}/actoren/huisarts")
    assert "huisarts" in page.locator("h1").inner_text()
    # From any other page, the search box in the header.
    header = page.get_by_role("search", name="Zoeken in zorgnet")
    header.get_by_role("searchbox", name="Zoek een actor, gemeente of soort hulp").fill(
        "wijdemeren"
    )
    header.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Wijdemeren", exact=True).click()
    page.wait_for_url(f"{server}/gemeenten/wijdemeren")
    home.check_clean()


def test_an_example_question_on_the_home_page_opens_its_answer(visit, server: str) -> None:
    home = visit("/")
    home.page.get_by_role(
        "link", name="Welke routes lopen van de huisarts naar jeugd-GGZ in Huizen?"
    ).click()
    home.page.wait_for_selector("#resultaat")
    assert "Route 1" in home.page.inner_text("#resultaat")
    home.check_clean()


def test_the_skip_link_is_the_first_stop_of_the_keyboard_and_leads_to_the_content(
    visit,
) -> None:
    home = visit("/", PHONE)
    page = home.page
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent, document.activeElement.href]")
    assert focused[0] == "Naar de inhoud"
    box = page.locator(".utrecht-skip-link").bounding_box()
    assert box is not None and box["y"] >= 0 and box["x"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    home.check_clean()


def test_on_a_phone_the_menu_is_one_row_and_the_content_starts_on_the_first_screen(
    visit,
) -> None:
    opened = visit("/kaart", PHONE)
    page = opened.page
    menu = page.locator(".zn-nav").bounding_box()
    assert menu is not None and menu["height"] < 70
    # Every item is still there and can be reached: the last one scrolled into view.
    last = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Wijzigingen")
    last.scroll_into_view_if_needed()
    assert last.is_visible()
    heading = page.locator("h1").bounding_box()
    assert heading is not None and heading["y"] < 844 / 2
    opened.check_clean()


@both_viewports
@pytest.mark.parametrize("path", [url for url, _ in ACCESSIBILITY_CHECKED])
def test_each_checked_page_passes_axe_fits_the_screen_and_logs_no_error(
    visit, path: str, viewport: dict[str, int]
) -> None:
    opened = visit(path, viewport)
    if path == "/docs":
        opened.page.wait_for_selector(".opblock-summary-control")
    opened.check_page()
