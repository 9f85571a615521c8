"""The source pages (/bronnen, /bronnen/{document}) and the cite macro, against the
register (bronnen.yaml) and the citations in the store."""

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from rdflib import DCTERMS, RDF
from starlette.requests import Request

from zorgnet.api.citations import rendering
from zorgnet.api.routers.pages import _templates
from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.graph.terms import slug
from zorgnet.loaders.sources import REGISTER_FILE, read_register
from zorgnet.ontology.namespace import ZN

_REGISTER, _ = read_register(SHIPPED_DATASET / REGISTER_FILE)
# The register as the data ships it: document number -> title.
TITLES = {
    slug(document): str(_REGISTER.graph.value(document, DCTERMS.title))
    for document in _REGISTER.graph.subjects(RDF.type, ZN.SourceDocument)
}


class Page(HTMLParser):
    """A page's links (href, attributes, text with hidden text) per h2 section."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: list[tuple[str, dict[str, str | None], str]] = []
        self.sections: dict[str, list[str]] = {}
        self._heading: list[str] | None = None
        self._section = ""
        self._open: tuple[str, dict[str, str | None]] | None = None
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            values = dict(attrs)
            self._open, self._text = (values.get("href") or "", values), []
        elif tag == "h2":
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open is not None:
            href, values = self._open
            self.links.append((href, values, " ".join("".join(self._text).split())))
            self.sections.setdefault(self._section, []).append(href)
            self._open = None
        elif tag == "h2" and self._heading is not None:
            self._section = " ".join("".join(self._heading).split())
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)
        if self._heading is not None:
            self._heading.append(data)


def _query(client: TestClient, sparql: str) -> set[str]:
    """The ids (IRI tails) the store answers *sparql* with."""
    store = client.app.state.service.open()
    return {slug(row[0]) for row in store.graph().query(sparql)}


def _citing(client: TestClient, seed: str, cls: str = "Record") -> set[str]:
    """The ids of the records of class *cls* that cite a section of document *seed*."""
    return _query(
        client,
        f"""PREFIX zn: <https://w3id.org/zorgnet/def#>
        PREFIX dct: <http://purl.org/dc/terms/>
        SELECT DISTINCT ?r WHERE {{
          ?r a zn:{cls} ; zn:citation/zn:section/dct:isPartOf
             <https://w3id.org/zorgnet/id/source/{seed}> .
        }}""",
    )


def test_the_register_has_titled_documents():
    assert len(TITLES) >= 5 and all(TITLES.values())


def test_sources_page_lists_every_document_with_its_title_and_count(client: TestClient):
    page = client.get("/bronnen")
    assert page.status_code == 200
    links = {href: text for href, _, text in Page(page.text).links}
    for seed, title in TITLES.items():
        assert links.get(f"/bronnen/{seed}") == title
        count = len(_citing(client, seed))
        row = re.search(rf'href="/bronnen/{seed}">.*?</tr>', page.text, re.S)
        assert row and f">{count}</td>" in row.group(0)


@pytest.mark.parametrize("seed", ["002", "003"])
def test_document_page_lists_the_records_that_cite_it(client: TestClient, seed: str):
    page = client.get(f"/bronnen/{seed}")
    assert page.status_code == 200
    assert f'<h1 class="utrecht-heading-1">{TITLES[seed]}</h1>' in page.text
    assert f"{len(_citing(client, seed))} feiten noemen dit document" in page.text
    sections = Page(page.text).sections
    actors = _citing(client, seed, "Actor")
    heading = f"Actoren ({len(actors)})"
    assert {h.removeprefix("/actoren/") for h in sections[heading]} == actors
    relations = _citing(client, seed, "Relation")
    assert f"Relaties ({len(relations)})" in sections
    # Relations read as sentences of labels, not as their ids.
    assert not any(r in page.text for r in relations if "-verwijst-" in r)


def test_document_page_of_an_uncited_number_says_it_is_unknown(client: TestClient):
    page = client.get("/bronnen/999")
    assert page.status_code == 404
    assert "Onbekende bron: &#39;999&#39;" in page.text


def _render(client: TestClient, source: str) -> str:
    request = Request({"type": "http", "app": client.app, "headers": []})
    template = _templates.env.from_string(source)
    with rendering(request):
        return template.render()


def test_cite_links_to_the_document_with_its_title(client: TestClient):
    client.get("/")  # the app's store is open
    html = _render(client, '{% from "_cite.html" import cite %}{{ cite("003 §4, afspraak 2") }}')
    [(href, attrs, text)] = Page(html).links
    assert href == "/bronnen/003"
    assert attrs["title"] == TITLES["003"]
    # The title is in the link's text too, for screen readers (hidden on screen).
    assert text == f"003 §4, afspraak 2 (bron: {TITLES['003']})"


def test_cite_list_and_unknown_documents(client: TestClient):
    client.get("/")
    html = _render(
        client,
        '{% from "_cite.html" import cite_list %}{{ cite_list(["002 §3.1", "003 §4"]) }}',
    )
    assert [href for href, _, _ in Page(html).links] == ["/bronnen/002", "/bronnen/003"]
    assert "; " in html
    # Not a citation: plain (escaped) text, no link.
    html = _render(client, '{% from "_cite.html" import cite %}{{ cite("<b>x</b>") }}')
    assert html == "&lt;b&gt;x&lt;/b&gt;"


def test_document_page_puts_actors_and_relations_first(client: TestClient):
    headings = list(Page(client.get("/bronnen/003").text).sections)
    kinds = [h.split(" (")[0] for h in headings if "(" in h]
    assert kinds[:3] == ["Actoren", "Relaties", "Bevoegdheden"]
    assert kinds[-1] == "Bekende kwesties"


def test_a_long_list_shows_its_first_records_and_says_so(client: TestClient, monkeypatch):
    from zorgnet.api.routers import page_sources

    monkeypatch.setattr(page_sources, "_SHOWN", 10)
    page = client.get("/bronnen/003")
    relations = len(_citing(client, "003", "Relation"))
    assert relations > 10
    assert f"Relaties ({relations})" in page.text
    assert f"Hieronder staan de eerste 10 van {relations}." in page.text
    assert len(Page(page.text).sections[f"Actoren ({len(_citing(client, '003', 'Actor'))})"]) == 10


def test_noemt_de_bronpagina_een_bijlage_bij_naam_en_niet_met_een_paragraafteken(client) -> None:
    import re

    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/bronnen/003").text))
    assert "Bijlage 2: Input van partners" in text
    assert "§bijlage" not in text and "§behandeling Behandeling" not in text
    assert "§4 Doorontwikkeling samenwerkingsafspraken" in text
