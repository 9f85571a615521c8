"""What the pages' ``cite`` macro (``api/templates/_cite.html``) knows of a source document.

A template imports the macro without its context (``{% from "_cite.html" import cite
%}``), so the macro cannot see the request; it asks the Jinja global
:func:`source_title`, which reads the titles of the data of the request being rendered.
:func:`rendering` says which request that is while a page is rendered (a page renders
in one thread, start to end, so a context variable is exact).

A text from the data (a description, a reading of a known issue) may name records by
id; the macro ``data_text`` of ``_cite.html`` shows it through :func:`text_parts`, each
record by its label and linked to its page (:func:`page_href`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import quote

from starlette.requests import Request

from zorgnet.graph.analyses.sources import source_titles
from zorgnet.graph.analyses.texts import TextPart
from zorgnet.graph.analyses.texts import text_parts as _text_parts

__all__ = ["cited_documents", "page_href", "rendering", "source_title", "text_parts"]

# The address of each kind of page a record reference names (RecordReference.page).
_PAGES = {
    "actor": "/actoren/{}",
    "team": "/teams/{}",
    "gebied": "/gemeenten/{}",
    "kwestie": "/kwesties#kwestie-{}",
}


class _Titles:
    """The titles of one request's data, read when the first citation asks."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.titles: dict[str, str] | None = None
        # The documents cited so far on the page, for its key of sources at the foot.
        self.cited: dict[str, str] = {}

    def get(self, document: str) -> str:
        if self.titles is None:
            service = self.request.app.state.service
            self.titles = source_titles(service.projection(), service.open().graph())
        title = self.titles.get(document, "")
        if title:
            self.cited[document] = title
        return title

    def parts(self, text: str) -> tuple[TextPart, ...]:
        return _text_parts(self.request.app.state.service.projection(), text)


_current: ContextVar[_Titles | None] = ContextVar("zorgnet_cited_titles", default=None)


@contextmanager
def rendering(request: Request) -> Iterator[None]:
    """While the page of *request* is rendered, :func:`source_title` reads its data."""
    token = _current.set(_Titles(request))
    try:
        yield
    finally:
        _current.reset(token)


def source_title(document: str) -> str:
    """The title of source document *document* (``"003"``), or "" when unknown."""
    titles = _current.get()
    return titles.get(document) if titles is not None else ""


def cited_documents() -> list[tuple[str, str]]:
    """The documents the page being rendered has cited so far, as (number, title).

    The site's frame shows them at the foot of the page, after its content: a citation
    reads "003 §4", and a reader on a phone, who cannot hover over it, still finds which
    document 003 is.
    """
    titles = _current.get()
    return sorted(titles.cited.items()) if titles is not None else []


def text_parts(text: str | None) -> tuple[TextPart, ...]:
    """*text* from the data in pieces, each record id it names as the record's label
    with its page (:func:`zorgnet.graph.analyses.texts.text_parts`)."""
    if not text:
        return ()
    titles = _current.get()
    return titles.parts(text) if titles is not None else (TextPart(text),)


def page_href(page: tuple[str, str] | None) -> str | None:
    """The address of *page* (``("actor", "huisarts")`` → ``/actoren/huisarts``)."""
    if page is None or page[0] not in _PAGES:
        return None
    return _PAGES[page[0]].format(quote(page[1], safe=""))
