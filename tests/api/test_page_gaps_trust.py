"""/hiaten as a policy advisor reads it (review of 2026-12-02): questions the page must
answer without misleading, each checked against the shipped data."""

import re
from html.parser import HTMLParser

from fastapi.testclient import TestClient


class Titles(HTMLParser):
    """The text of each card title (``.zn-signal__title``) as a screen reader reads it:
    the text nodes joined as they stand, with nothing added between elements."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.titles: list[str] = []
        self._open = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if "zn-signal__title" in classes:
            self._open = 1
            self.titles.append("")
        elif self._open:
            self._open += 1

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open -= 1

    def handle_data(self, data: str) -> None:
        if self._open:
            self.titles[-1] += data


def test_hoort_een_schermlezer_de_toestand_los_van_de_kop(client: TestClient) -> None:
    """Finding 37: "Ambulante begeleiding in Wijdemerentekort"."""
    html = client.get("/hiaten?gemeente=wijdemeren").text
    titles = Titles(html).titles
    assert titles
    for title in titles:
        assert not re.search(r"[a-z](tekort|onbekend|aanwezig|afwezig|doodlopend)", title), title


def test_leest_de_adviseur_dat_wijdemeren_een_onbereikbaar_wijkteam_heeft(
    client: TestClient,
) -> None:
    """Finding 2 and 3: the page says the route is not described, not that no one gets
    there, and lists no meeting, protocol or advisory council as care."""
    html = client.get("/hiaten?gemeente=wijdemeren").text
    assert "onbereikbaar" not in html
    assert "kunnen er niet zelf heen" not in html
    assert "route onbekend" in html
    for meeting in ("Overleg Veilig Verder", "Samenwerkingsprotocol", "Adviesraden"):
        assert meeting not in html


def test_zegt_de_pagina_dat_lichte_begeleiding_op_niveau_zwaar_overal_is(
    client: TestClient,
) -> None:
    """Finding 10: with no one giving light support at a heavy level, the page must not
    say "the help is present everywhere"."""
    html = client.get("/hiaten?soort=lichte-begeleiding&niveau=zwaar").text
    assert "overal aanwezig" not in html
    assert "alleen op niveau licht" in html


def test_leest_de_adviseur_een_regionaal_tekort_als_tekort_van_blaricum(
    client: TestClient,
) -> None:
    """Finding 9: one regional card, said to be regional, instead of seven local ones."""
    html = client.get("/hiaten").text
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Gezinshuis in Blaricum" not in text
    assert text.count("Gezinshuis in Gooi en Vechtstreek") == 1
    assert "regionaal, geldt voor alle gemeenten" in text
    blaricum = client.get("/hiaten?gemeente=blaricum&soort=gezinshuis").text
    assert "Regionaal tekort: geldt voor heel Gooi en Vechtstreek" in blaricum


def test_tellen_de_aantallen_op_de_hiatenpagina_op(client: TestClient) -> None:
    """Finding 13: the counts per state add up to the signals, and the page says how
    many shortages of the sources are behind them."""
    html = client.get("/hiaten").text
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    signals = int(re.search(r"(\d+) signalen", text).group(1))
    total = int(re.search(r"samen (\d+) hiaten", text).group(1))
    assert total == signals
    assert "Achter deze signalen staan 16 tekorten uit de bronnen" in text
    assert "Tekorten zonder soort hulp" in text


def test_ziet_de_adviseur_de_pilots_van_gooise_meren(client: TestClient) -> None:
    """Finding 38: '0 alleen als pilot' beside the pilots it does not count."""
    html = client.get("/hiaten?gemeente=gooise-meren").text
    assert "Pilots voor Gooise Meren" in html
    for pilot in ("POH-jeugd (pilot Gooise Meren)", "STIP (Steun en Informatiepunt"):
        assert pilot in html
    assert "niet alleen als pilot" in html
