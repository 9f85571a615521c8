"""Signing in is on every page of a server that takes edits (review finding 23), and
SPARQL is no longer in the main menu but in the footer, for developers (finding 27)."""

import re
from html import unescape
from pathlib import Path

import pytest
from conftest import TOKEN, settings_for
from fastapi.testclient import TestClient

from zorgnet.api.app import create_app


def _header(html: str) -> str:
    return html[html.index("<header") : html.index("</header>")]


def _text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))).strip()


@pytest.fixture
def editing(store_copy: Path) -> TestClient:
    with TestClient(create_app(settings_for(store_copy, token=TOKEN))) as client:
        yield client


def test_every_page_links_to_signing_in_and_back(editing: TestClient) -> None:
    for url, back in (("/", "/"), ("/actoren/huisarts", "/actoren/huisarts")):
        header = _header(editing.get(url).text)
        assert f'href="/inloggen?terug={back}">Inloggen</a>' in header
    form = editing.get("/inloggen").text
    assert "ZORGNET_TOKEN" not in form
    csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    signed = editing.post(
        "/inloggen", data={"csrf": csrf, "functie": "team Toegang", "token": TOKEN}
    )
    assert signed.status_code == 200
    header = _header(editing.get("/actoren/huisarts").text)
    assert 'href="/uitloggen">Uitloggen</a>' in header and "Inloggen" not in header


def test_a_server_without_edits_has_no_sign_in_link(client: TestClient) -> None:
    assert "/inloggen" not in _header(client.get("/").text)


def test_sparql_is_for_developers_in_the_footer_not_in_the_menu(client: TestClient) -> None:
    html = client.get("/").text
    menu = html[html.index('aria-label="Hoofdmenu"') : html.index("</nav>")]
    assert "sparql" not in menu.lower()
    footer = html[html.index("<footer") : html.index("</footer>")]
    assert "Voor ontwikkelaars: vragen aan de gegevens (SPARQL), API-documentatie" in _text(footer)
    assert 'href="/sparql-vragen"' in footer and 'href="/docs"' in footer
