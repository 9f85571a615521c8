"""What the pages' ``cite`` macro (``api/templates/_cite.html``) knows of a source document.

A template imports the macro without its context (``{% from "_cite.html" import cite
%}``), so the macro cannot see the request; it asks the Jinja global
:func:`source_title`, which reads the titles of the data of the request being rendered.
:func:`rendering` says which request that is while a page is rendered (a page renders
in one thread, start to end, so a context variable is exact).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from starlette.requests import Request

from zorgnet.graph.analyses.sources import source_titles

__all__ = ["rendering", "source_title"]


class _Titles:
    """The titles of one request's data, read when the first citation asks."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.titles: dict[str, str] | None = None

    def get(self, document: str) -> str:
        if self.titles is None:
            service = self.request.app.state.service
            self.titles = source_titles(service.projection(), service.open().graph())
        return self.titles.get(document, "")


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
