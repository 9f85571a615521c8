"""Maps drawn by Debian's Chromium through Playwright, offline: PNG pictures and positions.

The browser gets a fresh profile, no GPU, no background networking or component updates,
and every request that is not the page's own file is refused.

Playwright is an extra (``pip install 'zorgnet[png]'``): without it the rest of zorgnet
works, and asking for a picture or drawn positions says which extra to install.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from zorgnet.ontology.exceptions import ZorgnetError
from zorgnet.viz.layout import Positions, parse_positions

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "LOCAL_SCHEMES",
    "PLAYWRIGHT_MISSING",
    "browser_positions",
    "chromium",
    "write_png",
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)
_T = TypeVar("_T")
# What a map page may load: itself, and the data: / blob: URLs vis-network makes.
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")
PLAYWRIGHT_MISSING = (
    "Voor een kaart als PNG (--png) of getekende posities (--positions) heeft zorgnet "
    "Playwright nodig, en dat is niet geïnstalleerd. Installeer het met: "
    "pip install 'zorgnet[png]' (Chromium komt van het Debian-pakket chromium)."
)


@contextmanager
def chromium(playwright: object) -> Iterator[object]:
    """A headless Chromium context with a fresh profile; it refuses non-local requests.

    Parameters
    ----------
    playwright : playwright.sync_api.Playwright
        From ``sync_playwright()``.

    Yields
    ------
    playwright.sync_api.BrowserContext
    """
    if not CHROMIUM.exists():
        raise ZorgnetError(f"Chromium ontbreekt: {CHROMIUM} (installeer het Debian-pakket).")
    with tempfile.TemporaryDirectory(prefix="zorgnet-chromium-") as profile:
        context = playwright.chromium.launch_persistent_context(  # type: ignore[attr-defined]
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=list(CHROMIUM_ARGS),
            viewport={"width": 1600, "height": 1000},
        )
        context.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith(LOCAL_SCHEMES) else route.abort()
            ),
        )
        try:
            yield context
        finally:
            context.close()


def _in_browser(html_path: Path, timeout_ms: int, work: Callable[[Any], _T]) -> _T:
    """Open *html_path*, wait until it is drawn, and return *work(page)*.

    Playwright's sync API refuses to run in a thread that already has an event loop (a
    web request, or another sync_playwright session), so the browser runs in a thread of
    its own.
    """
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as exc:
        raise ZorgnetError(PLAYWRIGHT_MISSING) from exc

    def run() -> _T:
        try:
            with sync_playwright() as playwright, chromium(playwright) as context:
                page = context.new_page()  # type: ignore[attr-defined]
                page.goto(html_path.resolve().as_uri(), timeout=timeout_ms)
                # A selector, not wait_for_function: the page's CSP forbids eval.
                page.wait_for_selector("body[data-ready='1']", state="attached", timeout=timeout_ms)
                return work(page)
        except Error as exc:
            raise ZorgnetError(f"Chromium kon {html_path} niet tekenen: {exc.message}") from exc

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def write_png(html_path: Path, png_path: Path, *, timeout_ms: int = 120_000) -> Path:
    """Open the map page *html_path* headless, wait until it is drawn, save a PNG.

    The picture shows the title, the network and the whole legend, without the controls.

    Raises
    ------
    ZorgnetError
        When Chromium is missing or the map is not drawn within *timeout_ms*.
    """

    def picture(page: Any) -> None:
        # The page's export view: the network and the whole legend, not the controls,
        # the table or the details panel.
        page.evaluate("zorgnetMap.exportView()")
        page.screenshot(path=str(png_path), full_page=True)

    _in_browser(html_path, timeout_ms, picture)
    return png_path


def browser_positions(html_path: Path, *, timeout_ms: int = 120_000) -> Positions:
    """The positions of the nodes once the page *html_path* has laid them out."""
    text = _in_browser(html_path, timeout_ms, lambda page: page.evaluate("zorgnetMap.positions()"))
    return parse_positions(text)
