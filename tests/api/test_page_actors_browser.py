"""Who is in and who is out of the Hilversum buurtteams, in a real browser (Debian's
Chromium): a policy advisor opens 'Lokale teams' from the menu, clicks the Hilversum
buurtteams and reads who is in, who works with the team and who is out, as the library
says; then opens a partner's page from there. After each step the page passes axe-core,
logs no error and fits a phone."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import serve, settings_for
from playwright.sync_api import Browser, Page, expect, sync_playwright

from zorgnet.graph.analyses.membership import team_network
from zorgnet.graph.projection import project

pytestmark = pytest.mark.browser

WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
RINGS = (
    ("kern", "Hoort erbij"),
    ("verbonden", "Werkt samen, maar hoort er niet bij"),
    ("buiten", "Hoort er niet bij"),
)


@pytest.fixture(scope="module")
def region(shipped):  # type: ignore[no-untyped-def]
    return project(shipped.graph)


@pytest.fixture(scope="module")
def server(region, tmp_path_factory: pytest.TempPathFactory, loaded_store: Path) -> Iterator[str]:
    # The projection is made before the server starts: rdflib's SPARQL modules do not
    # import safely in two threads at once.
    target = tmp_path_factory.mktemp("teams-browser") / "store"
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


def _check(page: Page, errors: list[str], width: int) -> None:
    """No serious or critical axe violation, no error, no sideways scrolling."""
    page.wait_for_load_state("networkidle")
    serious = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1440x900", "390x844"])
def test_a_user_reads_who_is_in_and_who_is_out_of_the_hilversum_buurtteams(
    browser: Browser, server: str, region, viewport: dict[str, int]
) -> None:
    page = browser.new_page(viewport=viewport)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "response", lambda r: errors.append(f"{r.status}: {r.url}") if r.status >= 400 else None
    )
    page.goto(server + "/")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Lokale teams").click()
    page.wait_for_url(f"{server}/teams")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lokale teams")
    _check(page, errors, viewport["width"])

    page.get_by_role("list").get_by_role("link", name="buurtteams Hilversum", exact=True).click()
    page.wait_for_url(f"{server}/teams/buurtteams-hilversum")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie hoort bij buurtteams Hilversum?")
    network = team_network(region, "buurtteams-hilversum")
    for ring, heading in RINGS:
        expected = [region.nodes[a]["label"] for a in getattr(network, ring)]
        section = page.get_by_role("region", name=f"{heading} ({len(expected)})")
        expect(section).to_be_visible()
        assert section.get_by_role("listitem").all_inner_texts() == expected, ring
    _check(page, errors, viewport["width"])

    # Who is out, and why: the partner's own page says it.
    out = page.get_by_role("region", name="Hoort er niet bij (1)")
    out.get_by_role("link").first.click()
    page.wait_for_url(f"{server}/actoren/{network.buiten[0]}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        region.nodes[network.buiten[0]]["label"]
    )
    teams = page.get_by_role("region", name="Lokale teams waarbij")
    expect(teams.get_by_role("cell", name="buiten", exact=True)).to_be_visible()
    _check(page, errors, viewport["width"])
    page.close()
