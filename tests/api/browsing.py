"""What the browser tests of the web app share: a served copy of the shipped data, a page
that records what goes wrong while it is used, axe-core and the width of a phone.

The browser itself is the ``browser`` fixture of ``conftest.py`` (one Chromium per module).
"""

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import serve, settings_for
from playwright.sync_api import Browser, BrowserContext, Page, Request, Route

WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
# Run a test once on a wide screen and once on a phone.
both_viewports = pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1440x900", "390x844"])


@contextmanager
def served_copy(
    tmp_path_factory: pytest.TempPathFactory, loaded_store: Path, name: str, **settings: object
) -> Iterator[str]:
    """The app in uvicorn over a fresh copy of *loaded_store*; yields its base URL."""
    target = tmp_path_factory.mktemp(name) / "store"
    shutil.copytree(loaded_store, target)
    with serve(settings_for(target, **settings)) as url:
        yield url


def refuse_elsewhere(target: Page | BrowserContext, server: str, refused: list[str]) -> None:
    """Let *target* load only from *server* (and data:, blob:, about:); every other
    address is refused and added to *refused*."""
    host = urlsplit(server).netloc

    def route(request_route: Route) -> None:
        url = request_route.request.url
        if urlsplit(url).netloc == host or url.startswith(("data:", "blob:", "about:")):
            request_route.continue_()
        else:
            refused.append(url)
            request_route.abort()

    target.route("**/*", route)


def serious_violations(page: Page) -> list[str]:
    """The serious and critical axe-core violations on *page*, each with its first element."""
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def scroll_width(page: Page) -> int:
    """How wide *page* is in CSS pixels; wider than the viewport means sideways scrolling."""
    return int(page.evaluate("document.documentElement.scrollWidth"))


def check_axe_and_width(page: Page) -> None:
    """No serious or critical axe-core violation and no sideways scrolling at the page's
    current viewport, once the page has stopped loading."""
    page.wait_for_load_state("networkidle")
    width = page.viewport_size["width"]  # type: ignore[index]
    assert serious_violations(page) == [], f"{page.url} at {width} px"
    scrolled = scroll_width(page)
    assert scrolled <= width, f"{page.url}: {scrolled} px wide at {width}"


@dataclass
class Visit:
    """A page open in the browser and what went wrong while it was used."""

    page: Page
    errors: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)

    def check_clean(self) -> None:
        """No error so far and nothing asked from another host."""
        assert self.errors == [], self.errors
        assert self.elsewhere == [], self.elsewhere

    def check_page(self) -> None:
        """The page as it is now passes axe-core and fits its viewport; nothing went wrong."""
        check_axe_and_width(self.page)
        self.check_clean()


def _record_failure(request: Request, errors: list[str]) -> None:
    """Record a failed request, except one the browser cancelled itself: a click that
    opens the next page aborts what the last page was still fetching (its favicon),
    and a missing file shows as an answer of 404 instead."""
    if request.failure != "net::ERR_ABORTED":
        errors.append(f"mislukt: {request.url} ({request.failure})")


def open_page(browser: Browser, url: str, viewport: dict[str, int] = WIDE) -> Visit:
    """Open *url* at *viewport* and wait until it has loaded, recording console errors,
    uncaught exceptions, failed requests, answers of 400 and up, and every request to
    another host than *url*'s (those are refused)."""
    page = browser.new_page(viewport=viewport)
    visit = Visit(page)
    refuse_elsewhere(page, url, visit.elsewhere)
    errors = visit.errors
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: _record_failure(r, errors))
    page.on(
        "response", lambda r: errors.append(f"{r.status}: {r.url}") if r.status >= 400 else None
    )
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return visit
