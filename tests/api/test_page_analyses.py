"""The pages /hiaten, /overlap and /mandaten: what a policy advisor reads there equals
what the library answers, filtered as chosen, with labels, reasons and sources."""

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from zorgnet.graph.analyses.gaps import STATES, gap_signals
from zorgnet.graph.analyses.mandates import mandate_matrix, mandate_statements
from zorgnet.graph.analyses.overlaps import KINDS, overlaps_in
from zorgnet.graph.areas import area_scope
from zorgnet.ontology.vocabulary import vocabulary

PAGES = (
    "/hiaten",
    "/hiaten?gemeente=wijdemeren",
    "/hiaten?toestand=onbekend",
    "/hiaten?soort=verblijf&niveau=zwaar",
    "/overlap",
    "/overlap?gemeente=huizen",
    "/mandaten",
    "/mandaten?gemeente=huizen",
    "/mandaten?gemeente=gooise-meren&soort=jeugd-ggz",
)


class Page(HTMLParser):
    """What a reader sees of a page: its text (no attributes, scripts or styles), its
    signal cards (``li.zn-signal``: data attributes, text, links, the reason), and the
    options of its dropdowns."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.cards: list[dict] = []
        self.selects: dict[str, list[tuple[str, str, bool]]] = {}
        self.invalid: list[str] = []
        self._skip = 0
        self._card: dict | None = None
        self._depth = 0
        self._reason = False
        self._select: str | None = None
        self._option: tuple[str, bool] | None = None
        self._option_text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        classes = values.get("class", "").split()
        if tag in ("script", "style"):
            self._skip += 1
        if self._card is not None and tag == "li":
            self._depth += 1
        if tag == "li" and "zn-signal" in classes and self._card is None:
            data = {k: v for k, v in values.items() if k.startswith("data-")}
            self._card = {"data": data, "text": [], "links": [], "reason": []}
            self._depth = 0
        if self._card is not None and tag == "a":
            self._card["links"].append(values.get("href", ""))
        if self._card is not None and tag == "p" and "zn-signal__reason" in classes:
            self._reason = True
        if tag == "select":
            self._select = values["name"]
            self.selects[self._select] = []
            if values.get("aria-invalid") == "true":
                self.invalid.append(self._select)
        if tag == "option":
            self._option = (values.get("value", ""), "selected" in values)
            self._option_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "p":
            self._reason = False
        if tag == "li" and self._card is not None:
            if self._depth:
                self._depth -= 1
            else:
                card = self._card
                card["text"] = " ".join("".join(card["text"]).split())
                card["reason"] = " ".join("".join(card["reason"]).split())
                self.cards.append(card)
                self._card = None
        if tag == "option" and self._option is not None and self._select:
            value, selected = self._option
            self.selects[self._select].append((value, "".join(self._option_text), selected))
            self._option = None
        if tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._card is not None:
            self._card["text"].append(data)
            if self._reason:
                self._card["reason"].append(data)
        if self._option is not None:
            self._option_text.append(data)

    def visible(self) -> str:
        return " ".join("".join(self.text).split())

    def chosen(self, name: str) -> str:
        return next((value for value, _, selected in self.selects[name] if selected), "")


def _open(client: TestClient, url: str, status: int = 200) -> Page:
    response = client.get(url)
    assert response.status_code == status, (url, response.text[:500])
    return Page(response.text)


@pytest.fixture(scope="module")
def G(client: TestClient):  # type: ignore[no-untyped-def]
    """The projection the app answers from."""
    return client.app.state.service.projection()


def _slugs(G) -> set[str]:  # type: ignore[no-untyped-def]
    """Every id a page could show by mistake: actors, areas, records and vocabulary
    values whose id is a slug (words joined by hyphens), the states and overlap kinds."""
    vocab = vocabulary()
    notations = {n for cls in vocab.by_class for n in vocab.notations(cls)}
    ids = {*G.nodes, *G.graph["areas"], *G.graph["records"], *notations, *STATES, *KINDS}
    return {i for i in ids if "-" in i}


# Hiaten


def test_the_hiaten_of_wijdemeren_are_about_wijdemeren_and_as_many_as_the_library_says(
    client: TestClient, G
) -> None:
    page = _open(client, "/hiaten?gemeente=wijdemeren")
    expected = gap_signals(G, gemeente="wijdemeren")
    signals = [c for c in page.cards if "data-toestand" in c["data"]]
    assert len(signals) == len(expected.signals) > 0
    assert {c["data"]["data-gemeente"] for c in signals} == {"wijdemeren"}
    for card in signals:
        assert "in Wijdemeren" in card["text"] and "Wijdemeren" in card["reason"]
    others = [c for c in page.cards if "data-toestand" not in c["data"]]
    shortages = [c for c in others if "data-tekort" in c["data"]]
    pilots = [c for c in others if "data-pilot" in c["data"]]
    assert len(shortages) == len(expected.other_shortages)
    assert len(pilots) == len(expected.pilots)
    rest = len(others) - len(shortages) - len(pilots)
    assert rest == len(expected.actor_gaps) + len(expected.reach_gaps)
    assert "Hiaten in Wijdemeren" in page.visible()
    assert page.chosen("gemeente") == "wijdemeren"


def test_the_state_onbekend_shows_exactly_the_unknown_signals(client: TestClient, G) -> None:
    page = _open(client, "/hiaten?toestand=onbekend")
    expected = gap_signals(G, state="onbekend").signals
    assert [c["data"]["data-toestand"] for c in page.cards] == ["onbekend"] * len(expected)
    assert [(c["data"]["data-gemeente"]) for c in page.cards] == [s.gemeente for s in expected]
    assert page.chosen("toestand") == "onbekend"
    # Every state is a link to the same choice in that state, with its count.
    for count in gap_signals(G).states:
        assert f"{count.count} {count.label}" in page.visible()


def test_a_choice_by_label_with_empty_fields_becomes_a_link_to_share(client: TestClient) -> None:
    response = client.get(
        "/hiaten",
        params={"gemeente": "", "soort": "Verblijf", "niveau": "", "toestand": ""},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/hiaten?soort=Verblijf"
    page = _open(client, "/hiaten?soort=Verblijf")
    assert page.chosen("soort") == "verblijf"
    assert {c["data"].get("data-toestand") for c in page.cards} <= {"tekort", None}
    assert all("Verblijf in" in c["text"] for c in page.cards if "data-toestand" in c["data"])


def test_an_unknown_gemeente_is_said_at_its_field_with_close_names(client: TestClient) -> None:
    page = _open(client, "/hiaten?gemeente=Wijdemeeren", 422)
    assert page.invalid == ["gemeente"]
    assert "Onbekende gemeente: 'Wijdemeeren'. Bedoelde u: Wijdemeren" in page.visible()
    assert page.cards == []


def test_the_dropdowns_show_labels_and_send_ids(client: TestClient) -> None:
    page = _open(client, "/hiaten?gemeente=gooise-meren&soort=jeugd-ggz")
    assert ("gooise-meren", "Gooise Meren", True) in page.selects["gemeente"]
    assert ("jeugd-ggz", "jeugd-GGZ", True) in page.selects["soort"]
    assert [text for _, text, _ in page.selects["toestand"]] == [
        "Alle hiaten",
        "aanwezig (geen hiaat)",
        "tekort",
        "alleen als pilot",
        "afwezig",
        "onbekend",
    ]
    assert [text for _, text, _ in page.selects["niveau"]][1:] == ["licht", "midden", "zwaar"]


# Overlap


def test_the_overlap_in_huizen_is_what_holds_there(client: TestClient, G) -> None:
    page = _open(client, "/overlap?gemeente=huizen")
    expected = overlaps_in(G, "huizen").overlaps.overlaps
    assert len(page.cards) == len(expected) > 0
    scope = area_scope(G, "huizen")
    assert all(c["data"]["data-gebied"] in scope for c in page.cards)
    assert "hilversum" not in {c["data"]["data-gebied"] for c in page.cards}
    text = page.visible()
    assert "Overlap betekent" in text and "Overlap in Huizen" in text
    # Grouped by kind, the kinds that ask for attention first.
    assert text.index("Zelfde taak zonder afspraak") < text.index("Parallel bedoeld door de wet")
    # Every gemeente with its count, as a link to its overlap.
    for g in overlaps_in(G).gemeenten:
        assert f"{g.label}: {g.count} keer overlap" in text


# Bevoegdheden


def test_the_mandates_of_huizen_are_the_librarys_as_sentences(client: TestClient, G) -> None:
    page = _open(client, "/mandaten?gemeente=Huizen")
    statements = mandate_statements(G, gemeente="huizen").statements()
    shown = [c["data"]["data-bevoegdheid"] for c in page.cards]
    assert shown == [s.mandate for s in statements]
    assert set(shown) == {r.mandate for r in mandate_matrix(G, gemeente="huizen").rows}
    for card, statement in zip(page.cards, statements, strict=True):
        assert statement.sentence in card["text"]
        assert f"/actoren/{statement.holder}" in card["links"]
    assert page.chosen("gemeente") == "huizen"
    assert "Bevoegdheden in Huizen" in page.visible()


def test_legal_bases_are_named_by_their_name(client: TestClient) -> None:
    text = _open(client, "/mandaten?gemeente=huizen").visible()
    assert "(Jeugdwet en Wet maatschappelijke ondersteuning 2015)" in text
    assert "Wet: Gemeenschappelijke Regeling Gooi en Vechtstreek" in text
    assert "wmo-2015" not in text and "gemeenschappelijke-regeling" not in text


def test_a_kind_of_help_keeps_the_mandates_that_name_none(client: TestClient, G) -> None:
    page = _open(client, "/mandaten?gemeente=huizen&soort=verblijf")
    assert len(page.cards) == len(
        mandate_statements(G, gemeente="huizen", help_kind="verblijf").statements()
    )
    assert "Geen van deze bevoegdheden noemt een soort hulp" in page.visible()


# Every page


@pytest.mark.parametrize("url", PAGES)
def test_every_signal_has_its_reason_and_a_link_to_the_sources(client: TestClient, url) -> None:
    page = _open(client, url)
    assert page.cards, url
    for card in page.cards:
        if url.startswith("/mandaten"):
            # A mandate's reason is its sentence, "X mag ... (wet)."
            assert re.search(r" (mag|mogen) ", card["text"]), card
        else:
            assert card["reason"], card
        assert any(href.startswith("/bronnen") for href in card["links"]), card


@pytest.mark.parametrize("url", PAGES)
def test_no_page_shows_a_slug(client: TestClient, G, url) -> None:
    slug = r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])"
    text = _open(client, url).visible()
    words = set(re.findall(slug, text))
    # A hyphenated word of an actor's label ("onderwijs-zorgconsulent (OZC)") is its label.
    labelled = {w for _, d in G.nodes(data=True) for w in re.findall(slug, d["label"])}
    assert words.isdisjoint(_slugs(G) - labelled), sorted(words & (_slugs(G) - labelled))
