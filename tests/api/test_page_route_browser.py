"""The route page in a real browser (Debian's Chromium): a policy advisor goes from the
home page to the route form by the menu, chooses in the dropdowns, reads who decides,
follows a source to its document; the page passes axe-core and fits a phone."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import serve, settings_for
from playwright.sync_api import Browser, Page, sync_playwright

pytestmark = pytest.mark.browser

WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, loaded_store: Path) -> Iterator[str]:
    target = tmp_path_factory.mktemp("route-browser") / "store"
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


def _open(browser: Browser, url: str, viewport: dict[str, int]) -> tuple[Page, list[str]]:
    page = browser.new_page(viewport=viewport)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "response", lambda r: errors.append(f"{r.status}: {r.url}") if r.status >= 400 else None
    )
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, errors


def _serious(page: Page) -> list[str]:
    response = Axe().run(page).response
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


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
    page, errors = _open(browser, server + "/", WIDE)
    _ask_the_route(page)
    result = page.locator("#resultaat")
    assert "2 routes van huisarts naar jeugd-GGZ in Huizen" in result.locator("h2").inner_text()
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
    assert errors == []
    page.close()


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1440x900", "390x844"])
def test_the_route_answer_passes_axe_and_fits_the_screen(
    browser: Browser, server: str, viewport: dict[str, int]
) -> None:
    page, errors = _open(browser, server + "/", viewport)
    _ask_the_route(page)
    page.wait_for_load_state("networkidle")
    assert _serious(page) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{width} px wide at {viewport['width']}"
    assert errors == []
    page.close()
