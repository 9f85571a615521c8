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
