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
