"""Fixtures for the maps: the shipped projection and one headless Chromium per session.

Every page a test opens goes through :class:`OpenedMap`, which records console errors,
page errors, dialogs and every request, refuses requests that leave the file, and writes
a screenshot into the test's output folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from playwright.sync_api import BrowserContext, Page, Route

from zorgnet.graph.projection import project
from zorgnet.loaders.dataset import Dataset
from zorgnet.viz.maps import NetworkMap
from zorgnet.viz.png import LOCAL_SCHEMES, chromium
from zorgnet.viz.render import write_html


@pytest.fixture(scope="session")
def region(shipped: Dataset) -> nx.MultiDiGraph:
    """The projection of the shipped Gooi en Vechtstreek dataset."""
    assert shipped.report.ok
    return project(shipped.graph)


@pytest.fixture(scope="session")
def browser(playwright_session: object) -> Iterator[BrowserContext]:
    """Debian's Chromium, headless, launched once for all map tests."""
    with chromium(playwright_session) as context:
        yield context  # type: ignore[misc]


@dataclass
class OpenedMap:
    """A map page open in the browser, with what happened while it loaded."""

    page: Page
    path: Path
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str) -> Any:
        """Evaluate *expression* in the page."""
        return self.page.evaluate(expression)

    def reload(self) -> None:
        """Reload the page at its current URL and wait until it is drawn again."""
        self.page.reload()
        self.page.wait_for_selector("body[data-ready='1']", state="attached")

    def visible_nodes(self) -> set[str]:
        """The ids of the nodes the network shows."""
        return set(self.js("zorgnetMap.nodeView.getIds()"))

    def visible_counts(self) -> tuple[int, int]:
        """How many nodes and edges the network shows."""
        return tuple(self.js("[zorgnetMap.nodeView.length, zorgnetMap.edgeView.length]"))

    def node_point(self, node: str) -> tuple[float, float]:
        """Where *node* is drawn on the screen, after zooming in on it."""
        point = self.js(
            f"(() => {{ const n = zorgnetMap.network; n.focus({node!r}, {{scale: 1.5}});"
            f" const p = n.getPositions([{node!r}])[{node!r}]; return n.canvasToDOM(p); }})()"
        )
        box = self.page.locator("#network").bounding_box()
        assert box is not None
        return box["x"] + point["x"], box["y"] + point["y"]

    def click_node(self, node: str) -> None:
        """Click *node* where it is drawn, as a user would."""
        self.page.mouse.click(*self.node_point(node))

    def undimmed_nodes(self) -> set[str]:
        """The nodes not drawn in the pale 'dimmed' colour."""
        return set(
            self.js(
                "zorgnetMap.nodes.get().filter(n => n.color.background !== zorgnetMap.dim)"
                ".map(n => n.id)"
            )
        )


@pytest.fixture
def open_map(browser: BrowserContext, tmp_path: Path) -> Iterator[Callable[..., OpenedMap]]:
    """Write a map to the test's folder, open it and wait until it is drawn."""
    opened: list[OpenedMap] = []

    def _open(
        network: NetworkMap,
        name: str = "kaart",
        timeout_ms: int = 60_000,
        *,
        viewport: tuple[int, int] | None = None,
        fragment: str = "",
    ) -> OpenedMap:
        path = write_html(network, tmp_path / f"{name}.html")
        page = browser.new_page()
        if viewport is not None:
            page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
        result = OpenedMap(page, path)

        def on_request(route: Route) -> None:
            result.requests.append(route.request.url)
            if route.request.url.startswith(LOCAL_SCHEMES):
                route.continue_()
            else:
                route.abort()

        page.route("**/*", on_request)
        page.on(
            "console",
            lambda m: (
                result.console_errors.append(m.text) if m.type in ("error", "warning") else None
            ),
        )
        page.on("pageerror", lambda e: result.console_errors.append(str(e)))

        def on_dialog(dialog: Any) -> None:
            result.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(path.as_uri() + (f"#{fragment}" if fragment else ""), timeout=timeout_ms)
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=timeout_ms)
        opened.append(result)
        return result

    yield _open
    for result in opened:
        result.page.screenshot(path=str(result.path.with_suffix(".png")))
        result.page.close()
        # Every map: nothing logged as an error, nothing fetched but the file itself.
        assert result.console_errors == []
        assert [u for u in result.requests if not u.startswith(("file:", "data:", "about:"))] == []
        assert result.path.with_suffix(".png").stat().st_size > 0
