"""The sociale kaart, the escalation ladder and the known issues in a real browser
(Debian's Chromium): a policy advisor opens the sociale kaart of Gooise Meren from the
home page, opens the ladder of Huizen through the menu and its dropdown, and narrows the
known issues to a gemeente, by clicking; after each task the page passes axe-core, logs
no error and fits a phone."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import serve, settings_for
from playwright.sync_api import Browser, Page, expect, sync_playwright

from zorgnet.graph.analyses.fact_overviews import issue_overview
from zorgnet.graph.analyses.mandates import escalation_ladder
from zorgnet.graph.analyses.social_map import social_map
from zorgnet.graph.projection import project

pytestmark = pytest.mark.browser

WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def region(shipped):  # type: ignore[no-untyped-def]
    return project(shipped.graph)


@pytest.fixture(scope="module")
def server(region, tmp_path_factory: pytest.TempPathFactory, loaded_store: Path) -> Iterator[str]:
    # The projection is made before the server starts: rdflib's SPARQL modules do not
    # import safely in two threads at once.
    target = tmp_path_factory.mktemp("gemeente-browser") / "store"
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


def _check(page: Page, errors: list[str], width: int) -> None:
    """No serious or critical axe violation, no error, no sideways scrolling."""
    response = Axe().run(page).response
    serious = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1440x900", "390x844"])
def test_a_user_opens_the_sociale_kaart_of_gooise_meren_from_the_home_page(
    browser: Browser, server: str, region, viewport: dict[str, int]
) -> None:
    page, errors = _open(browser, server + "/", viewport)
    gemeenten = page.get_by_role("region", name="De zeven gemeenten")
    gemeenten.get_by_role("link", name="Gooise Meren", exact=True).click()
    page.wait_for_url(f"{server}/gemeenten/gooise-meren")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sociale kaart van Gooise Meren")
    kaart = social_map(region, "gooise-meren")

    # Where to go without a referral, from the contents at the top.
    page.get_by_role("link", name="Waar kan ik zonder verwijzing terecht?").click()
    page.wait_for_url("**#zonder-verwijzing")
    doors = page.locator(".zn-doors > li")
    expect(doors).to_have_count(len(kaart.open_doors))
    expect(doors.first).to_be_in_viewport()
    assert doors.first.get_by_role("link").first.inner_text() == kaart.open_doors[0].label

    # The layers, each with its actors.
    for layer in kaart.layers[:7]:
        heading = page.locator(f"#laag-{layer.id}")
        expect(heading).to_have_text(f"{layer.label} ({len(layer.actors)})")
    assert page.locator("ul.zn-layer a").count() - page.locator(
        "details ul.zn-layer a"
    ).count() == sum(len(layer.actors) for layer in kaart.layers[:7])

    # Governance is folded away until asked for.
    bestuur = page.locator("details.zn-details")
    expect(bestuur.locator("ul.zn-layer").first).to_be_hidden()
    bestuur.locator("summary").click()
    expect(bestuur.locator("ul.zn-layer").first).to_be_visible()

    # A source of the lokale inrichting leads to its document.
    table = page.get_by_role("region", name="Lokale inrichting van Gooise Meren")
    expect(table.get_by_role("rowheader", name="Toegang")).to_be_visible()
    _check(page, errors, viewport["width"])
    table.locator("a[href^='/bronnen/']").first.click()
    page.wait_for_url("**/bronnen/00*")
    page.close()


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1440x900", "390x844"])
def test_a_user_opens_the_escalation_ladder_of_huizen_with_its_dropdown(
    browser: Browser, server: str, region, viewport: dict[str, int]
) -> None:
    page, errors = _open(browser, server + "/", viewport)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Opschaling").click()
    page.wait_for_url(f"{server}/opschaling")
    page.get_by_label("Gemeente", exact=True).select_option(label="Huizen")
    page.get_by_role("button", name="Toon de opschaling").click()
    page.wait_for_url(f"{server}/opschaling?gemeente=huizen")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Waar gaat een vastgelopen casus heen in Huizen?"
    )
    ladder = escalation_ladder(region, "huizen")
    rungs = page.locator("article.zn-rung")
    expect(rungs).to_have_count(len(ladder.rungs))
    for number, rung in enumerate(ladder.rungs):
        card = rungs.nth(number)
        expect(card.get_by_role("heading", level=4)).to_contain_text(rung.label)
        expect(card).to_contain_text("Wie beslist:")
    expect(page.get_by_role("heading", name="Trede 1: lokaal")).to_be_visible()
    assert page.get_by_label("Gemeente", exact=True).input_value() == "huizen"
    _check(page, errors, viewport["width"])
    page.close()


def test_a_user_narrows_the_known_issues_to_a_gemeente(
    browser: Browser, server: str, region
) -> None:
    page, errors = _open(browser, server + "/", WIDE)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Kwesties").click()
    page.wait_for_url(f"{server}/kwesties")
    expect(page.locator("article.zn-issue")).to_have_count(len(region.graph["issues"]))
    page.get_by_label("Gemeente", exact=True).select_option(label="Gooise Meren")
    page.get_by_role("button", name="Toon de kwesties").click()
    page.wait_for_url(f"{server}/kwesties?gemeente=gooise-meren")
    issues = issue_overview(region, gemeente="gooise-meren").issues
    expect(page.locator("article.zn-issue")).to_have_count(len(issues))
    first = page.locator("article.zn-issue").first
    expect(first.get_by_role("heading", level=3)).to_contain_text(issues[0].label[1:])
    expect(first.locator("ol li")).to_have_count(len(issues[0].readings))
    _check(page, errors, WIDE["width"])
    page.close()
