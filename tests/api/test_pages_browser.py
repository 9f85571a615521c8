"""The front door in a real browser (Debian's Chromium): a user searches from the home page
by typing and clicking, and every page of the accessibility statement passes axe-core
with no serious or critical violation, fits a phone's width, logs no error and loads
nothing from elsewhere."""

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import serve, settings_for
from playwright.sync_api import Browser, Page, Route, sync_playwright

from zorgnet.api.routers.pages import ACCESSIBILITY_CHECKED

pytestmark = pytest.mark.browser

WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, loaded_store: Path) -> Iterator[str]:
    target = tmp_path_factory.mktemp("browser") / "store"
    shutil.copytree(loaded_store, target)
    with serve(settings_for(target)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Visit:
    """A page open in the browser and what went wrong while it was used."""

    page: Page
    errors: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)

    def check_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.elsewhere == [], self.elsewhere


@pytest.fixture
def visit(browser: Browser, server: str, tmp_path: Path) -> Iterator[Callable[..., Visit]]:
    """Open a page of the server at a viewport, recording console errors, failed
    requests and every request that leaves the server (those are refused)."""
    opened: list[Visit] = []
    host = urlsplit(server).netloc

    def _open(path: str, viewport: dict[str, int] = WIDE) -> Visit:
        page = browser.new_page(viewport=viewport)
        result = Visit(page)

        def route(request_route: Route) -> None:
            url = request_route.request.url
            if urlsplit(url).netloc == host or url.startswith(("data:", "blob:", "about:")):
                request_route.continue_()
            else:
                result.elsewhere.append(url)
                request_route.abort()

        page.route("**/*", route)
        page.on("console", lambda m: result.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: result.errors.append(str(e)))
        page.on("requestfailed", lambda r: result.errors.append(f"mislukt: {r.url}"))
        page.on(
            "response",
            lambda r: result.errors.append(f"{r.status}: {r.url}") if r.status >= 400 else None,
        )
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        opened.append(result)
        return result

    yield _open
    for number, result in enumerate(opened):
        result.page.screenshot(path=str(tmp_path / f"pagina-{number}.png"), full_page=True)
        result.page.close()


def _serious(page: Page) -> list[str]:
    response = Axe().run(page).response
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


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


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1440x900", "390x844"])
@pytest.mark.parametrize("path", [url for url, _ in ACCESSIBILITY_CHECKED])
def test_each_checked_page_passes_axe_fits_the_screen_and_logs_no_error(
    visit, path: str, viewport: dict[str, int]
) -> None:
    opened = visit(path, viewport)
    page = opened.page
    if path == "/docs":
        page.wait_for_selector(".opblock-summary-control")
    assert _serious(page) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{path}: {width} px wide at {viewport['width']}"
    opened.check_clean()
