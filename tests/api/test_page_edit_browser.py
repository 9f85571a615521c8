"""Editing in a real browser (Debian's Chromium): an editor signs in, changes an actor with
a reason, sees it on its page and in /wijzigingen, and undoes it, by clicking and typing;
the sign-in page, the edit form (also with its errors) and /wijzigingen pass axe-core
with no serious or critical violation and fit a phone's width."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import PHONE, WIDE, check_axe_and_width, refuse_elsewhere, scroll_width, served_copy
from conftest import TOKEN
from playwright.sync_api import Browser, BrowserContext, Page

pytestmark = pytest.mark.browser

NEW_NAME = "Veilig Thuis Gooi en Vechtstreek (nieuwe naam)"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, loaded_store: Path) -> Iterator[str]:
    with served_copy(tmp_path_factory, loaded_store, "edit-browser", token=TOKEN) as url:
        yield url


@pytest.fixture
def context(browser: Browser, server: str, tmp_path: Path) -> Iterator[BrowserContext]:
    """A browser of its own (its own cookies) that refuses every other host and records
    console errors and failed or refused requests in ``context.problems``."""
    context = browser.new_context(viewport=WIDE)
    problems: list[str] = []

    def watch(page: Page) -> None:
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        # A load the browser drops because the editor already clicked on is no failure.
        page.on(
            "requestfailed",
            lambda r: None if r.failure == "net::ERR_ABORTED" else problems.append(r.url),
        )

    refuse_elsewhere(context, server, problems)
    context.on("page", watch)
    context.problems = problems  # type: ignore[attr-defined]
    yield context
    for number, page in enumerate(context.pages):
        page.screenshot(path=str(tmp_path / f"bewerken-{number}.png"), full_page=True)
    context.close()


def _check_both_widths(page: Page) -> None:
    """axe-core and the page's width, wide and on a phone (then wide again)."""
    for viewport in (WIDE, PHONE):
        page.set_viewport_size(viewport)
        check_axe_and_width(page)
    page.set_viewport_size(WIDE)


def _sign_in(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Wijzigingen").click()
    page.wait_for_url("**/wijzigingen")
    page.get_by_role("link", name="Log in").click()
    page.wait_for_url("**/inloggen?terug=/wijzigingen")
    _check_both_widths(page)
    page.get_by_label("Uw functie of team").click()
    page.keyboard.type("team jeugd Huizen")
    page.get_by_label("Schrijftoken").click()
    page.keyboard.type(TOKEN)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/wijzigingen")


def test_an_editor_signs_in_changes_an_actor_sees_it_and_undoes_it(
    context: BrowserContext, server: str
) -> None:
    page = context.new_page()
    _sign_in(page, server)
    assert page.get_by_role("button", name="Uitloggen").is_visible()

    # Find the actor as anyone would, then open its form.
    search = page.get_by_role("search", name="Zoeken in zorgnet")
    search.get_by_role("searchbox").fill("veilig thuis")
    search.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Veilig Thuis Gooi en Vechtstreek", exact=True).click()
    page.wait_for_url(f"{server}/actoren/veilig-thuis")
    page.get_by_role("link", name="Wijzig deze actor").click()
    page.wait_for_url(f"{server}/bewerken/actoren/veilig-thuis")
    _check_both_widths(page)

    # A wrong year first: the Dutch message stands beside the field, nothing is saved.
    name = page.get_by_label("Naam (verplicht)")
    name.click()
    name.press("End")
    page.keyboard.type(" (nieuwe naam)")
    year = page.get_by_label("Situatie in jaar")
    year.fill("")
    year.click()
    page.keyboard.type("vorig jaar")
    page.get_by_label("Reden van de wijziging (verplicht)").click()
    page.keyboard.type("De organisatie heeft een nieuwe naam.")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Opslaan").click()
    assert answer.value.status == 422
    page.wait_for_load_state()
    error = page.locator("#veld-asOf .utrecht-form-field__error-message")
    assert "moet een geheel getal zijn" in error.inner_text()
    assert page.get_by_label("Situatie in jaar").get_attribute("aria-invalid") == "true"
    _check_both_widths(page)

    # Corrected, saved: the actor's page shows the new name.
    year = page.get_by_label("Situatie in jaar")
    year.fill("")
    year.click()
    page.keyboard.type("2021")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"{server}/actoren/veilig-thuis?gewijzigd=1")
    assert page.locator("h1").inner_text() == NEW_NAME
    assert "De wijziging is opgeslagen" in page.get_by_role("status").inner_text()
    # The edit links in the actor's tables keep the page within a phone's width.
    page.set_viewport_size(PHONE)
    assert scroll_width(page) <= PHONE["width"]
    page.set_viewport_size(WIDE)

    # In the list of edits: who, why, and the name before and after.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Wijzigingen").click()
    page.wait_for_url(f"{server}/wijzigingen")
    entry = page.locator(".zn-edit-entry").first
    assert NEW_NAME in entry.locator("h2").inner_text()
    assert "De organisatie heeft een nieuwe naam." in entry.inner_text()
    row = entry.get_by_role("row", name="Naam")
    assert row.locator("td").all_inner_texts() == ["Veilig Thuis Gooi en Vechtstreek", NEW_NAME]
    _check_both_widths(page)

    # Undo it, with a reason; the page goes back to its old name.
    entry.get_by_label("Reden om deze wijziging ongedaan te maken (verplicht)").click()
    page.keyboard.type("Toch de oude naam.")
    entry.get_by_role("button", name="Maak ongedaan").click()
    page.wait_for_url("**/wijzigingen?ongedaan=*")
    assert "ongedaan gemaakt" in page.get_by_role("status").first.inner_text()
    newest = page.locator(".zn-edit-entry").first
    assert "Wijziging ongedaan gemaakt" in newest.locator("h2").inner_text()
    assert "Toch de oude naam." in newest.inner_text()
    newest.get_by_role("link", name="Veilig Thuis Gooi en Vechtstreek").click()
    page.wait_for_url(f"{server}/actoren/veilig-thuis")
    assert page.locator("h1").inner_text() == "Veilig Thuis Gooi en Vechtstreek"

    page.get_by_role("link", name="Wijzig deze actor").click()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Wijzigingen").click()
    page.get_by_role("button", name="Uitloggen").click()
    assert "U bent uitgelogd" in page.get_by_role("status").inner_text()
    page.goto(f"{server}/actoren/veilig-thuis")
    assert page.get_by_role("link", name="Wijzig deze actor").count() == 0
    # Chromium logs the form sent back with its errors (422, as the API answers) as a
    # resource that failed to load; nothing else may go wrong.
    refused = "the server responded with a status of 422"
    assert [p for p in context.problems if refused not in p] == []  # type: ignore[attr-defined]
