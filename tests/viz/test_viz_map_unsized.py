"""A map in a frame that has no size yet (a page still laying out, a folded part) waits
for its size instead of throwing; filters let go of an actor they hide."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import BrowserContext

from zorgnet.viz import maps
from zorgnet.viz.render import write_html


def test_a_map_in_a_frame_without_size_opens_without_an_error_once_it_gets_one(
    region, browser: BrowserContext, tmp_path: Path
) -> None:
    write_html(maps.region_map(region), tmp_path / "kaart.html")
    host = tmp_path / "pagina.html"
    host.write_text(
        '<!DOCTYPE html><html lang="nl"><body>'
        '<iframe id="kaart" src="kaart.html"'
        ' style="display:none;width:900px;height:700px;border:0"></iframe>'
        "</body></html>",
        encoding="utf-8",
    )
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(host.as_uri())
    inner = page.frames[1]
    inner.wait_for_function("window.zorgnetMap !== undefined", timeout=60_000)
    page.evaluate("document.getElementById('kaart').style.display = 'block'")
    inner.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
    inner.wait_for_function("document.getElementById('kaart').clientHeight > 0")
    # Fitted once it has a size: the whole care network in view at a zoom above zero.
    inner.wait_for_function("zorgnetMap.network.getScale() > 0.05")
    page.close()
    assert errors == []


def test_a_filter_that_hides_the_chosen_actor_lets_go_of_it(region, open_map) -> None:
    opened = open_map(maps.region_map(region), "filter-focus")
    opened.page.fill("#zoek", "versa welzijn")
    opened.page.press("#zoek", "Enter")
    assert opened.page.locator("#details").get_attribute("data-actor") == "versa-welzijn"
    opened.page.select_option("#filter-gemeente", "wijdemeren")
    assert opened.js("zorgnetMap.network.getSelectedNodes()") == []
    assert opened.page.locator("#details").get_attribute("data-actor") in (None, "")
    assert "focus=" not in opened.page.url


def test_the_table_under_the_map_counts_the_rows_the_choices_leave(region, open_map) -> None:
    network = maps.region_map(region)
    opened = open_map(network, "tabel-telling")
    page = opened.page
    shown = len(opened.js("zorgnetMap.nodeView.getIds()"))
    caption = page.locator("#tabel caption").inner_text()
    assert f"{shown} van de {len(network.nodes)} actoren" in caption
    assert page.locator("#tabel tbody tr:not([hidden])").count() == shown
    page.select_option("#filter-gemeente", "wijdemeren")
    narrowed = len(opened.js("zorgnetMap.nodeView.getIds()"))
    assert narrowed < shown
    assert (
        f"{narrowed} van de {len(network.nodes)} actoren"
        in page.locator("#tabel caption").inner_text()
    )
