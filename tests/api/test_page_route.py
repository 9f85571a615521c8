"""The route page as a policy advisor reads it: sentences of labels, who decides, the
legal basis by name, the sources as links to their documents, why each alternative
differs, no internal costs or codes, and a map that counts the same routes."""

import re
from html.parser import HTMLParser

from fastapi.testclient import TestClient
from rdflib import DCTERMS

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.loaders.sources import REGISTER_FILE, read_register

_REGISTER, _ = read_register(SHIPPED_DATASET / REGISTER_FILE)
TITLE_003 = next(
    str(title)
    for document, title in _REGISTER.graph.subject_objects(DCTERMS.title)
    if str(document).endswith("/source/003")
)
HUIZEN = {"van": "huisarts", "naar": "jeugd-ggz", "gemeente": "huizen"}


class Page(HTMLParser):
    """What a reader sees of a page (its text, without scripts and styles), its links
    and its form's options."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[dict[str, str | None]] = []
        self.options: dict[str, list[tuple[str, str, bool]]] = {}
        self.articles: list[str] = []
        self._skip = 0
        self._select: str | None = None
        self._option: dict[str, str | None] | None = None
        self._article: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "a":
            self.links.append(values)
        elif tag == "select":
            self._select = values.get("name") or ""
            self.options[self._select] = []
        elif tag == "option":
            self._option = values
        elif tag == "article":
            self._article = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        elif tag == "select":
            self._select = None
        elif tag == "article" and self._article is not None:
            self.articles.append(" ".join("".join(self._article).split()))
            self._article = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._article is not None:
            self._article.append(data)
        if self._option is not None and self._select is not None:
            option = self._option
            self.options[self._select].append(
                (option.get("value") or "", data.strip(), "selected" in option)
            )
            self._option = None

    @property
    def visible(self) -> str:
        return " ".join("".join(self.text).split())


def _page(client: TestClient, **params: str) -> Page:
    response = client.get("/route", params=params)
    assert response.status_code == 200, response.text
    return Page(response.text)


def test_each_step_is_a_sentence_with_labels_who_decides_and_the_law(client: TestClient):
    page = _page(client, **HUIZEN)
    text = page.visible
    assert "1 route van huisarts naar jeugd-GGZ in Huizen" in text
    assert (
        "De huisarts verwijst naar de regionaal gecontracteerde jeugdhulpaanbieders (Jeugdwet)."
        in text
    )
    assert "Wie beslist: huisarts, met de bevoegdheid verwijzen (Jeugdwet)." in text
    assert len(page.articles) == 1
    # Said once per route: the step where the GP decides does not repeat it.
    assert page.articles[0].count("Wie beslist") == 1


def test_the_sources_link_to_their_document_with_its_title(client: TestClient):
    page = _page(client, **HUIZEN)
    cited = [link for link in page.links if (link.get("href") or "").startswith("/bronnen/")]
    assert cited
    # Each citation names its document on hover; the key of source numbers under the
    # page writes the title out beside its link instead.
    to_003 = [
        link
        for link in cited
        if link["href"] == "/bronnen/003" and "zn-cite" in (link.get("class") or "")
    ]
    assert to_003 and all(link.get("title") == TITLE_003 for link in to_003)
    assert "003 §2.1, regel 396" in page.visible
    assert client.get("/bronnen/003").status_code == 200


def test_an_alternative_says_how_it_differs(client: TestClient):
    page = _page(client, van="school", naar="jeugd-ggz", gemeente="wijdemeren")
    second = page.articles[1]
    assert "Anders dan route 1:" in second
    assert (
        "Hier opent de huisarts de toegang tot de hulp, op route 1 Gemeente Wijdemeren." in second
    )
    assert "Anders dan route 1" not in page.articles[0]


def test_no_costs_relation_kinds_or_codes_are_shown(client: TestClient):
    for params in (HUIZEN, {"van": "inwoner", "naar": "jeugd-ggz", "gemeente": "gooise-meren"}):
        text = _page(client, **params).visible
        assert "kosten" not in text
        assert "bevat" not in text
        assert not re.search(r"\bvia (verwijst|meldt|draagt-over|namens)\b", text)
        for code in ("jeugd-ggz", "gooise-meren", "huisarts-verwijst", "wmo-2015", "jeugdwet"):
            assert code not in text, code


def test_the_dropdowns_show_labels_and_keep_the_choice(client: TestClient):
    page = _page(client, **HUIZEN)
    help_kinds = {value: text for value, text, _ in page.options["naar"]}
    assert help_kinds["jeugd-ggz"] == "jeugd-GGZ"
    assert help_kinds["crisishulp"] == "spoedeisende hulp en crisishulp"
    gemeenten = {value: text for value, text, _ in page.options["gemeente"]}
    assert gemeenten["gooise-meren"] == "Gooise Meren"
    assert gemeenten[""] == "Hele regio"
    starts = {value: text for value, text, _ in page.options["van"]}
    assert starts["poh-jeugd"] == "praktijkondersteuner jeugd (POH-jeugd)"
    assert starts["inwoner"] == "inwoner of ouder"
    chosen = {name: [v for v, _, sel in opts if sel] for name, opts in page.options.items()}
    assert chosen == {
        "van": ["huisarts"],
        "naar": ["jeugd-ggz"],
        "gemeente": ["huizen"],
        "niveau": [],
    }


def test_a_capital_or_a_label_is_accepted(client: TestClient):
    expected = _page(client, **HUIZEN).articles
    for params in (
        {"van": "Huisarts", "naar": "jeugd-ggz", "gemeente": "huizen"},
        {"van": "HUISARTS", "naar": "Jeugd-GGZ", "gemeente": "Huizen"},
    ):
        page = _page(client, **params)
        assert page.articles == expected
        chosen = [v for v, _, sel in page.options["van"] if sel]
        assert chosen == ["huisarts"]


def test_the_map_counts_the_routes_of_the_list(client: TestClient):
    for params in (HUIZEN, {"van": "inwoner", "naar": "jeugd-ggz", "gemeente": "huizen"}):
        response = client.get("/route", params={**params, "van": params["van"].capitalize()})
        page = Page(response.text)
        src = re.search(r'<iframe class="map"[^>]*src="([^"]+)"', response.text)
        assert src, "no map"
        url = src.group(1).replace("&amp;", "&")
        assert "van=" + params["van"] in url  # the id, not the text typed
        subtitle = re.search(r'<p class="subtitle">([^<]+)</p>', client.get(url).text)
        assert subtitle
        count = len(page.articles)
        assert subtitle.group(1).startswith(f"{count} route")


def test_an_unknown_start_is_marked_at_its_field(client: TestClient):
    response = client.get("/route", params={"van": "huisartz", "naar": "jeugd-ggz"})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.text
    field = re.search(
        r'<div class="utrecht-form-field__error-message" id="route-van-fout">([^<]+)', response.text
    )
    assert field and "huisartz" in field.group(1)


def test_no_route_says_why_in_labels(client: TestClient):
    page = _page(client, van="beleidsfunctie", naar="jeugd-ggz", gemeente="huizen")
    text = page.visible
    assert "Geen route van beleids- of programmafunctie naar jeugd-GGZ in Huizen" in text
    assert "Vanaf beleids- of programmafunctie loopt geen verwijs- of meldrelatie" in text
    assert page.articles == []
    assert "De routes op de kaart" not in text


def test_a_route_title_names_the_gp_who_opens_the_gate(client: TestClient):
    page = _page(client, van="inwoner", naar="jeugd-ggz", gemeente="huizen")
    titles = [a.split(" De ")[0] for a in page.articles]
    through_gp = [t for t in titles if "huisarts" in t and "inwoners" in t]
    assert through_gp, titles
    assert all("huisarts (beslist) →" in t for t in through_gp), through_gp
    assert all("Wie beslist: niemand op deze route" not in a for a in page.articles)
    text = page.visible
    assert "Wegen zonder iemand die mag beslissen" in text
    apart = text[text.index("Wegen zonder iemand die mag beslissen") :]
    assert "gemeentelijke vraagverkenners →" not in apart


def test_the_huizen_gp_answer_says_it_is_regional_and_holds_jeugd_ggz(client: TestClient):
    text = _page(client, **HUIZEN).visible
    assert "in Huizen: regionaal geregeld" in text
    assert "gelden in heel Gooi en Vechtstreek, niet alleen in Huizen" in text
    assert "vallen aanbieders ambulante jeugdhulp en aanbieders jeugd-GGZ" in text
    assert "die bieden jeugd-GGZ" in text
