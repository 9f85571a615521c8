"""The sociale kaart, the escalation ladder and the known issues in a real browser
(Debian's Chromium): a policy advisor opens the sociale kaart of Gooise Meren from the
home page, opens the ladder of Huizen through the menu and its dropdown, and narrows the
known issues to a gemeente, by clicking; after each task the page passes axe-core, logs
no error and fits a phone."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import WIDE, both_viewports, open_page, served_copy
from playwright.sync_api import Browser, expect

from zorgnet.graph.analyses.fact_overviews import issue_overview
from zorgnet.graph.analyses.mandates import escalation_ladder
from zorgnet.graph.analyses.social_map import social_map

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(region, tmp_path_factory: pytest.TempPathFactory, loaded_store: Path) -> Iterator[str]:
    with served_copy(tmp_path_factory, loaded_store, "gemeente-browser") as url:
        yield url


@both_viewports
def test_a_user_opens_the_sociale_kaart_of_gooise_meren_from_the_home_page(
    browser: Browser, server: str, region, viewport: dict[str, int]
) -> None:
    visit = open_page(browser, server + "/", viewport)
    page = visit.page
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
    visit.check_page()
    table.locator("a[href^='/bronnen/']").first.click()
    page.wait_for_url("**/bronnen/00*")
    page.close()


@both_viewports
def test_a_user_opens_the_escalation_ladder_of_huizen_with_its_dropdown(
    browser: Browser, server: str, region, viewport: dict[str, int]
) -> None:
    visit = open_page(browser, server + "/", viewport)
    page = visit.page
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
    visit.check_page()
    page.close()


def test_a_user_narrows_the_known_issues_to_a_gemeente(
    browser: Browser, server: str, region
) -> None:
    visit = open_page(browser, server + "/", WIDE)
    page = visit.page
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
    visit.check_page()
    page.close()
