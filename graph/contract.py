"""The store contract: what every backend offers the rest of zorgnet.

Both the embedded Oxigraph store (:class:`zorgnet.graph.store.Store`) and the remote
SPARQL store (:class:`zorgnet.graph.sparql_store.SparqlStore`) keep versioned data
behind one pointer: a load or an edit makes a new version and moves the pointer in one
step, so a reader sees the old data or the new, never half. Code above the store is
typed against :class:`TripleStore`, not against either class.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from rdflib import Graph, URIRef

__all__ = ["TripleStore"]


@runtime_checkable
class TripleStore(Protocol):
    """A versioned store of the data (see the module docstring).

    Attributes
    ----------
    location : Path, str or None
        The store folder, or the SPARQL endpoint; None for an in-memory store.
    """

    location: Any

    @property
    def version(self) -> URIRef | None:
        """The current version, or None while the store holds no data."""
        ...

    def graph(self) -> Graph:
        """The data of the current version, read through rdflib's Graph API."""
        ...

    def snapshot(self) -> Graph:
        """A copy of the current version's data that later writes leave as it is."""
        ...

    def __len__(self) -> int:
        """The number of triples of the current version."""
        ...

    def changes_since(self, version: URIRef | None) -> frozenset[str] | None:
        """The subjects changed between *version* and now, or None when unknown."""
        ...

    def made_from(self) -> URIRef | None:
        """The version the current one was made from by an edit, if any."""
        ...

    def derived_path(self, name: str, version: URIRef | None = None) -> Path | None:
        """Where a file derived from a version (a saved projection) is kept."""
        ...

    def replace(self, data: Graph | Iterable[Any]) -> None:
        """Make *data* the new version, in one step."""
        ...

    def replace_from_file(self, path: Path) -> URIRef:
        """Make the N-Triples file at *path* the new version, in one step."""
        ...

    def apply(self, remove: Graph, add: Graph) -> None:
        """Make a new version from the current one minus *remove* plus *add*."""
        ...

    def close(self) -> None:
        """Release the store (its lock, its connections)."""
        ...

    def __enter__(self) -> TripleStore: ...

    def __exit__(self, *exc_info: object) -> None: ...
