"""Citations on the pages: each once per list, a document's title spoken once, and a
ladder rung's sources in the order the rung cites them."""

import re

import pytest
from fastapi.testclient import TestClient

from zorgnet.api.routers.pages import _templates

_CITE = re.compile(r'<a class="utrecht-link zn-cite" href="/bronnen/\d+"[^>]*>([^<]*)')
# A cite link whose document's title a screen reader already heard in the same list.
_TITLE_AGAIN = re.compile(
    r'href="/bronnen/(\d+)"[^>]*>[^<]*<span class="zn-visually-hidden">[^<]*</span></a>; '
    r'<a class="utrecht-link zn-cite" href="/bronnen/\1"[^>]*>[^<]*<span'
)


def _cite_list(citations: list[str]) -> str:
    template = _templates.env.from_string(
        '{% from "_cite.html" import cite_list %}{{ cite_list(citations) }}'
    )
    return template.render(citations=citations)


def test_cite_list_gives_each_citation_once_in_the_order_given() -> None:
    html = _cite_list(["003 §4, afspraak 2", "002 §3", "003 §4, afspraak 2", "002 §3"])
    assert _CITE.findall(html) == ["003 §4, afspraak 2", "002 §3"]
    assert not html.startswith(";") and not html.endswith("; ")


@pytest.mark.parametrize("url", ["/gemeenten/gooise-meren", "/hiaten", "/actoren/huisarts"])
def test_a_documents_title_is_spoken_once_per_list(client: TestClient, url: str) -> None:
    page = client.get(url).text
    assert _CITE.search(page)
    assert _TITLE_AGAIN.search(page) is None


def _rung(page: str, actor: str) -> str:
    start = page.index(f'id="trede-{actor}"')
    return page[start : page.index("</article>", start)]


def test_a_rung_says_the_regional_arrangement_once_and_points_to_it(client: TestClient) -> None:
    page = client.get("/opschaling?gemeente=huizen").text
    sentence = "Bij inhoudelijke knelpunten of verschillen van opvatting is er het Consultatie"
    assert page.count(sentence) == 1
    rung = _rung(page, "ca-team")
    assert 'href="#afspraak-' in rung
    assert sentence not in rung


def test_a_rungs_sources_begin_with_what_it_cites_first(client: TestClient) -> None:
    rung = _rung(client.get("/opschaling?gemeente=huizen").text, "ca-team")
    reasons, sources = rung.split("Alle bronnen van deze trede:")
    assert _CITE.findall(sources)[0] == _CITE.findall(reasons)[0]
    assert _CITE.findall(reasons)[0] == "003 §4, afspraak 5, regel 1591-1595"


def test_a_team_page_explains_its_rings_and_links_its_sources(client: TestClient) -> None:
    page = client.get("/teams/buurtteams-hilversum").text
    for word in ("Kern:", "Verbonden:", "Buiten:"):
        assert f'<p class="utrecht-paragraph">{word} ' in page
    sources = page[page.index("Waar dit staat") :]
    sources = sources[: sources.index("</p>")]
    assert _CITE.findall(sources)
    assert re.sub(r"<a [^>]*>.*?</a>|<[^>]+>|; ", "", sources).strip().endswith(":")


def test_leest_de_adviseur_op_de_pagina_zelf_welk_stuk_003_is(client) -> None:
    """A citation reads "003 §4"; a reader on a phone cannot hover over it for the title,
    so every page that cites a document says below its content which document it is."""
    html = client.get("/route?van=huisarts&naar=jeugd-ggz&gemeente=huizen").text
    key = html[html.index('id="kop-bronnummers"') :]
    cited = set(re.findall(r'href="/bronnen/(\d{3})"[^>]*>\d{3} §', html))
    listed = dict(
        re.findall(
            r'<dt><a class="utrecht-link" href="/bronnen/(\d{3})">\d{3}</a></dt><dd>([^<]+)</dd>',
            key,
        )
    )
    assert cited and set(listed) == cited
    assert all(len(title) > 10 for title in listed.values())
    # A page that cites nothing has no key.
    assert 'id="kop-bronnummers"' not in client.get("/inloggen").text
