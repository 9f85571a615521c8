"""The front door: the home page, search, the accessibility statement, /docs offline, the
favicon, and the NL Design System frame every page gets from base.html."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from zorgnet.api.routers.pages import ACCESSIBILITY_CHECKED, HOME_QUESTIONS

STATIC = Path(__file__).resolve().parents[2] / "api" / "static"
GEMEENTEN = {
    "blaricum": "Blaricum",
    "eemnes": "Eemnes",
    "gooise-meren": "Gooise Meren",
    "hilversum": "Hilversum",
    "huizen": "Huizen",
    "laren": "Laren",
    "wijdemeren": "Wijdemeren",
}


class _Page(HTMLParser):
    """A page read as a browser would: its links with their text, the visible text,
    the assets it loads, and the landmarks."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: list[tuple[str, str, dict[str, str | None]]] = []
        self.assets: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._link: tuple[str, dict[str, str | None]] | None = None
        self._link_text: list[str] = []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append((tag, values))
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "a" and values.get("href"):
            self._link, self._link_text = (values["href"] or "", values), []
        if tag in ("link", "script", "img", "iframe") and (values.get("href") or values.get("src")):
            self.assets.append(values.get("href") or values.get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "a" and self._link is not None:
            href, values = self._link
            self.links.append((href, " ".join("".join(self._link_text).split()), values))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._link is not None:
            self._link_text.append(data)

    def visible_text(self) -> str:
        return " ".join(" ".join(self.text).split())


@pytest.fixture(scope="module")
def home(client: TestClient) -> _Page:
    response = client.get("/")
    assert response.status_code == 200
    return _Page(response.text)


def test_home_says_what_zorgnet_is_in_two_sentences(home: _Page) -> None:
    text = home.visible_text()
    assert "zorgnet laat zien wie in de regio Gooi en Vechtstreek jeugdhulp" in text
    lead = text.split("Sociale kaart van Gooi en Vechtstreek", 2)[-1].split("Zoek een actor")[0]
    assert lead.count(". ") + lead.strip().endswith(".") == 2, lead


def test_home_links_the_seven_gemeenten_by_their_names(home: _Page) -> None:
    found = {
        href.removeprefix("/gemeenten/"): text
        for href, text, _ in home.links
        if href.startswith("/gemeenten/")
        and href.removeprefix("/gemeenten/") in GEMEENTEN
        and text == GEMEENTEN[href.removeprefix("/gemeenten/")]
    }
    assert found == GEMEENTEN


def test_home_shows_no_slugs_no_triples_and_no_english_record_kinds(home: _Page) -> None:
    text = home.visible_text()
    assert "triples" not in text
    for english in ("actors", "alignments", "arrangements", "memberships", "relations"):
        assert not re.search(rf"\b{english}\b", text), english
    for slug in ("gooise-meren", "jeugd-ggz", "buurtteams-hilversum", "wijdemeren-wijkteam"):
        assert slug not in text, slug


def test_home_counts_what_it_holds_in_dutch(client: TestClient, home: _Page) -> None:
    actors = client.get("/api/actors", params={"limit": 1}).json()["total"]
    assert f"{actors} actoren: organisaties, teams, rollen en overleggen" in home.visible_text()


def test_home_has_a_search_box_before_the_questions_and_the_map_last(
    client: TestClient, home: _Page
) -> None:
    html = client.get("/").text
    box = html.index('name="q"')
    assert 'action="/zoeken"' in html
    assert box < html.index("Voorbeelden van vragen") < html.index("Kaart van de regio")
    # The map is the last thing, below everything a user reads first.
    assert html.rfind("<iframe") > html.index("De zeven gemeenten")


def test_each_example_question_opens_the_page_that_answers_it(
    client: TestClient, home: _Page
) -> None:
    linked = {text: href for href, text, _ in home.links}
    for question, url in HOME_QUESTIONS:
        assert linked.get(question) == url, question
    huizen = linked["Welke routes lopen van de huisarts naar jeugd-GGZ in Huizen?"]
    assert parse_qs(urlsplit(huizen).query) == {
        "van": ["huisarts"],
        "naar": ["jeugd-ggz"],
        "gemeente": ["huizen"],
    }
    answered = client.get(huizen)
    assert answered.status_code == 200
    assert "Route 1" in answered.text
    for _, url in HOME_QUESTIONS:
        assert client.get(url).status_code == 200, url


def test_the_frame_has_landmarks_a_skip_link_and_marks_the_current_page(
    client: TestClient,
) -> None:
    page = _Page(client.get("/teams").text)
    tags = [tag for tag, _ in page.tags]
    for landmark in ("header", "nav", "main", "footer"):
        assert tags.count(landmark) == 1, landmark
    html_attrs = next(values for tag, values in page.tags if tag == "html")
    assert html_attrs["lang"] == "nl"
    main = next(values for tag, values in page.tags if tag == "main")
    skip = page.links[0]
    assert skip[0] == f"#{main['id']}" and skip[1] == "Naar de inhoud"
    current = [
        (href, values["aria-current"]) for href, _, values in page.links if "aria-current" in values
    ]
    assert current == [("/teams", "page")]
    # A page below a menu item marks the item as the current section.
    below = _Page(client.get("/teams/buurtteams-hilversum").text)
    assert [(h, v["aria-current"]) for h, _, v in below.links if "aria-current" in v] == [
        ("/teams", "true")
    ]
    assert "/toegankelijkheid" in [href for href, _, _ in page.links]


@pytest.mark.parametrize("url", ["/", "/zoeken?q=huisarts", "/toegankelijkheid", "/actoren"])
def test_every_asset_a_page_loads_is_served_from_the_package(client: TestClient, url: str) -> None:
    page = _Page(client.get(url).text)
    styles = [a for a in page.assets if a.endswith(".css")]
    assert styles == [
        "/static/nlds/voorbeeld-theme.css",
        "/static/nlds/utrecht-component-library.css",
        "/static/zorgnet.css",
    ]
    icon = [v["href"] for t, v in page.tags if t == "link" and v.get("rel") == "icon"]
    assert icon == ["/static/favicon.svg"]
    for asset in page.assets:
        assert asset.startswith("/"), asset
        response = client.get(asset)
        assert response.status_code == 200, asset


def test_the_styles_load_their_font_from_the_package(client: TestClient) -> None:
    css = client.get("/static/zorgnet.css").text
    fonts = re.findall(r'url\("([^"]+)"\)', css)
    assert fonts and all(not f.startswith(("http", "//")) for f in fonts)
    for font in set(fonts):
        response = client.get(f"/static/{font}")
        assert response.status_code == 200 and len(response.content) > 10_000, font
    for vendored in ("nlds/voorbeeld-theme.css", "nlds/utrecht-component-library.css"):
        text = (STATIC / vendored).read_text(encoding="utf-8")
        assert not re.search(r"url\((?!\"?data:)", text), vendored
        assert "@import" not in text


def test_the_vendored_files_carry_their_licences() -> None:
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in (STATIC / "nlds" / "LICENSE.md").read_text()
    assert "SIL Open Font License" in (STATIC / "fonts" / "LICENSE").read_text()
    assert "Apache License" in (STATIC / "swagger-ui" / "LICENSE").read_text()


def test_the_favicon_is_served_where_browsers_look_for_it(client: TestClient) -> None:
    ico = client.get("/favicon.ico")
    assert ico.status_code == 200
    assert ico.headers["content-type"] == "image/x-icon"
    assert ico.content[:4] == b"\x00\x00\x01\x00"
    svg = client.get("/static/favicon.svg")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")


def test_docs_loads_swagger_ui_from_the_package_only(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    page = _Page(response.text)
    assert next(v for t, v in page.tags if t == "html")["lang"] == "nl"
    assert "cdn" not in response.text and "https://" not in response.text
    assert sorted(page.assets) == sorted(
        [
            "/static/docs.css",
            "/static/favicon.svg",
            "/static/swagger-ui/swagger-ui-bundle.js",
            "/static/swagger-ui/swagger-ui.css",
        ]
    )
    for asset in page.assets:
        assert client.get(asset).status_code == 200, asset
    assert "url: '/openapi.json'" in response.text
    assert client.get("/redoc").status_code == 404


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("huisarts", ("/actoren/huisarts", "huisarts")),
        ("HUISARTS", ("/actoren/huisarts", "huisarts")),
        ("wijdemeren", ("/gemeenten/wijdemeren", "Wijdemeren")),
        ("Wijdemeren", ("/gemeenten/wijdemeren", "Wijdemeren")),
        ("jeugdggz", ("/route?naar=jeugd-ggz", "jeugd-GGZ")),
        ("Jeugd GGZ", ("/route?naar=jeugd-ggz", "jeugd-GGZ")),
        ("coordinator", None),
        ("buurtteams hilversum", ("/teams/buurtteams-hilversum", "buurtteams Hilversum")),
    ],
)
def test_search_finds_what_a_user_types_and_links_its_page(
    client: TestClient, query: str, first: tuple[str, str] | None
) -> None:
    response = client.get("/zoeken", params={"q": query})
    assert response.status_code == 200
    page = _Page(response.text)
    results = [
        (href, text) for href, text, v in page.links if "zn-result__link" in (v.get("class") or "")
    ]
    assert results, query
    if first is not None:
        assert results[0] == first
    else:
        # Without the accent, the names with it.
        assert (
            "/actoren/hilversum-stedelijk-coordinator",
            "stedelijk coördinator buurtteams Hilversum",
        ) in results
    for href, _ in results:
        assert client.get(href).status_code == 200, href


def test_search_says_what_each_hit_is_in_dutch(client: TestClient) -> None:
    text = _Page(client.get("/zoeken", params={"q": "wijdemeren"}).text).visible_text()
    assert "3 resultaten voor \u2018wijdemeren\u2019" in text
    assert "Wijdemeren gebied (gemeente) onderdeel van Gooi en Vechtstreek" in text
    assert "Gemeente Wijdemeren organisatie (gemeente) Wijdemeren" in text
    assert "wijkteam Wijdemeren wijkteam Wijdemeren" in text


def test_search_shows_an_alternative_name_that_matched(client: TestClient) -> None:
    text = _Page(client.get("/zoeken", params={"q": "DLP"}).text).visible_text()
    assert "Digitaal Leefplein" in text and "ook: DLP" in text


def test_search_without_hits_helps_further(client: TestClient) -> None:
    response = client.get("/zoeken", params={"q": "xyzzy"})
    assert response.status_code == 200
    assert "Niets gevonden voor \u2018xyzzy\u2019" in response.text
    assert client.get("/zoeken").status_code == 200


def test_search_escapes_the_query(client: TestClient) -> None:
    response = client.get("/zoeken", params={"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_search_refuses_an_overlong_query_in_dutch(client: TestClient) -> None:
    assert client.get("/zoeken", params={"q": "x" * 121}).status_code == 422
    answer = client.get("/api/zoeken", params={"q": "x" * 121})
    assert answer.status_code == 422 and "te lang" in answer.json()["fout"]


def test_the_search_api_answers_hits_with_their_pages(client: TestClient) -> None:
    answer = client.get("/api/zoeken", params={"q": "Jeugd-GGZ", "limit": 2}).json()
    assert answer["q"] == "Jeugd-GGZ" and answer["totaal"] == 3
    assert answer["treffers"][0] == {
        "soort": "soort-hulp",
        "id": "jeugd-ggz",
        "label": "jeugd-GGZ",
        "wat": "soort hulp",
        "waar": "",
        "gevonden_op": "jeugd-GGZ",
        "pagina": "/route?naar=jeugd-ggz",
    }
    assert len(answer["treffers"]) == 2


def test_the_accessibility_statement_says_what_was_tested(client: TestClient) -> None:
    response = client.get("/toegankelijkheid")
    assert response.status_code == 200
    main = response.text.split("<main", 1)[1].split("</main>", 1)[0]
    page = _Page(main)
    text = page.visible_text()
    for said in ("axe-core", "Chromium", "390 bij 844", "1440 bij 900", "WCAG 2.1"):
        assert said in text, said
    assert "geen officiële toegankelijkheidsverklaring" in text
    listed = [href for href, _, _ in page.links if href in dict(ACCESSIBILITY_CHECKED)]
    assert listed == [url for url, _ in ACCESSIBILITY_CHECKED]


def _home_counts(client: TestClient) -> list[str]:
    page = _Page(client.get("/").text)
    figures = page.visible_text().split("Wat staat erin", 1)[1].split("Elk feit", 1)[0]
    return figures.split()


@pytest.mark.slow
def test_an_edit_and_its_undo_leave_the_home_page_counts_as_they_were(
    editor: TestClient, auth: dict[str, str]
) -> None:
    before = _home_counts(editor)
    body = {
        "registratie": {
            "id": "telproef",
            "label": "Telproef",
            "type": "welzijnsorganisatie",
            "scale": "lokaal",
            "area": ["huizen"],
            "source": ["003 §4"],
        },
        "reden": "Proef van de telling.",
    }
    made = editor.post("/api/edits/actors", json=body, headers=auth)
    assert made.status_code == 201, made.text
    during = _home_counts(editor)
    assert int(during[0]) == int(before[0]) + 1
    undone = editor.post(
        f"/api/edits/{made.json()['id']}/undo", json={"reden": "Terug."}, headers=auth
    )
    assert undone.status_code == 201, undone.text
    assert _home_counts(editor) == before
    assert "triples" not in " ".join(before)
