"""The hiaten, overlap and bevoegdheden pages in a real browser (Debian's Chromium): an
advisor filters by choosing in the dropdowns and clicking, reads what the library
answers, and can share the address of what is shown."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import PHONE, WIDE, open_page, scroll_width, served_copy
from playwright.sync_api import Browser, Page

from zorgnet.graph.analyses.gaps import gap_signals
from zorgnet.graph.analyses.mandates import mandate_statements
from zorgnet.graph.analyses.overlaps import overlaps_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(region, tmp_path_factory: pytest.TempPathFactory, loaded_store: Path) -> Iterator[str]:
    with served_copy(tmp_path_factory, loaded_store, "analyses-browser") as url:
        yield url


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    """The home page at 1440 x 900; errors and requests elsewhere fail the test."""
    visit = open_page(browser, server + "/", WIDE)
    yield visit.page
    visit.page.close()
    visit.check_clean()


def _signals(page: Page) -> list[dict]:
    return page.locator("#resultaat li.zn-signal").evaluate_all(
        "cards => cards.map(c => ({gemeente: c.dataset.gemeente || '',"
        " toestand: c.dataset.toestand || '', text: c.innerText,"
        " sources: c.querySelectorAll('a[href^=\"/bronnen\"]').length}))"
    )


def test_an_advisor_filters_the_hiaten_for_wijdemeren_by_choosing_and_clicking(
    page: Page, server: str, region
) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Hiaten").click()
    page.wait_for_url(f"{server}/hiaten")
    page.get_by_label("Gemeente", exact=True).select_option(label="Wijdemeren")
    page.get_by_role("button", name="Toon hiaten").click()
    # The empty fields are left out: the address is the choice, to share as it is.
    page.wait_for_url(f"{server}/hiaten?gemeente=wijdemeren")
    assert page.locator("h1").inner_text() == "Hiaten in Wijdemeren"
    shown = _signals(page)
    assert len(shown) == len(gap_signals(region, gemeente="wijdemeren").signals) > 0
    assert {s["gemeente"] for s in shown} == {"wijdemeren"}
    assert all("in Wijdemeren" in s["text"] and s["sources"] for s in shown)
    # Then only what the sources say nothing about, by the link beside its count.
    unknown = gap_signals(region, gemeente="wijdemeren", state="onbekend").signals
    page.get_by_role("link", name=f"{len(unknown)} onbekend", exact=True).click()
    page.wait_for_url(f"{server}/hiaten?gemeente=wijdemeren&toestand=onbekend")
    assert [s["toestand"] for s in _signals(page)] == ["onbekend"] * len(unknown)
    assert page.get_by_label("Toestand", exact=True).input_value() == "onbekend"


def test_an_advisor_reads_who_may_decide_in_huizen(page: Page, server: str, region) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Bevoegdheden"
    ).click()
    page.get_by_label("Gemeente", exact=True).select_option(label="Huizen")
    page.get_by_role("button", name="Toon bevoegdheden").click()
    page.wait_for_url(f"{server}/mandaten?gemeente=huizen")
    sentences = page.locator("#resultaat li.zn-signal .zn-signal__title").all_inner_texts()
    expected = mandate_statements(region, gemeente="huizen").statements()
    assert sentences == [s.sentence for s in expected]
    assert (
        "Gemeente Huizen mag in Huizen beslissen of iemand een voorziening krijgt "
        "(Jeugdwet en Wet maatschappelijke ondersteuning 2015)."
    ) in sentences


def test_an_advisor_sees_the_overlap_in_huizen_on_a_phone(browser: Browser, server: str, region):
    visit = open_page(browser, server + "/overlap", PHONE)
    phone = visit.page
    phone.get_by_label("Gemeente", exact=True).select_option(label="Huizen")
    phone.get_by_role("button", name="Toon overlap").click()
    phone.wait_for_url(f"{server}/overlap?gemeente=huizen")
    cards = phone.locator("#resultaat li.zn-signal")
    assert cards.count() == len(overlaps_in(region, "huizen").overlaps.overlaps)
    assert scroll_width(phone) <= PHONE["width"]
    visit.check_clean()
    phone.close()
