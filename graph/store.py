"""The persistent store: Oxigraph, embedded, behind rdflib's Graph API.

Data is kept in versions. Each load writes a complete new version into a named graph of
its own in one Oxigraph transaction (``Store.extend``), then makes it current by
rewriting a single pointer triple in one SPARQL update, and only then drops the old
version. Readers always follow the pointer, so a process killed at any moment leaves
either the old data or the new, never a half. (oxrdflib's ``commit``/``rollback`` are
no-ops, which is why nothing here relies on them.)

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> store = Store()              # in memory; Store(path) persists on disk
>>> data = Graph()
>>> _ = data.add((URIRef("urn:x:a"), URIRef("urn:x:p"), Literal("b")))
>>> store.replace(data)
>>> len(store.graph())
1
"""

import gc
import uuid
from pathlib import Path

import pyoxigraph as ox
import rdflib.plugins.sparql
from oxrdflib import OxigraphStore
from rdflib import Graph, URIRef
from rdflib.term import BNode, Literal, Node

from zorgnet.ontology.exceptions import StoreError

__all__ = ["META_GRAPH", "Store"]

# rdflib's own SPARQL engine would fetch FROM/FROM NAMED URLs from the web.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

META_GRAPH = URIRef("urn:zorgnet:meta")
_POINTER = URIRef("urn:zorgnet:store")
_CURRENT = URIRef("urn:zorgnet:currentVersion")


def _to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"Onverwachte RDF-term {term!r}")


class Store:
    """A versioned RDF store on Oxigraph.

    Parameters
    ----------
    location : Path, optional
        The folder of the on-disk database (created when missing). None keeps the
        store in memory.
    """

    def __init__(self, location: Path | None = None) -> None:
        self.location = location
        try:
            if location is None:
                self._ox = ox.Store()
            else:
                location.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(location))
        except OSError as exc:
            raise StoreError(
                f"De opslag in {location} kan niet worden geopend: {exc}. "
                "Draait er al een ander zorgnet-proces op deze opslag? Sluit dat eerst af."
            ) from exc
        self._drop_orphans()

    def close(self) -> None:
        """Release the on-disk database so that another Store (or process) can open it."""
        self._ox.flush()
        del self._ox
        # rdflib Graphs made by graph() hold the database through reference cycles.
        gc.collect()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------

    @property
    def version(self) -> URIRef | None:
        """The named graph holding the current data, or None for an empty store."""
        quads = self._ox.quads_for_pattern(
            ox.NamedNode(str(_POINTER)),
            ox.NamedNode(str(_CURRENT)),
            None,
            ox.NamedNode(str(META_GRAPH)),
        )
        for quad in quads:
            return URIRef(quad.object.value)
        return None

    def graph(self) -> Graph:
        """The current data as an rdflib Graph; SPARQL on it runs on Oxigraph's engine.

        The graph is a live view of one version: after a later ``replace`` it still
        shows the version it was made for until that version is dropped. Ask again.
        """
        version = self.version or URIRef("urn:zorgnet:empty")
        return Graph(store=OxigraphStore(store=self._ox), identifier=version)

    def snapshot(self) -> Graph:
        """An in-memory copy of the current data, independent of the store."""
        copy = Graph()
        copy += self.graph()
        return copy

    def __len__(self) -> int:
        return len(self.graph())

    # -- writing -------------------------------------------------------------------

    def replace(self, data: Graph) -> None:
        """Make *data* the store's content, atomically.

        Raises
        ------
        StoreError
            When the store cannot be written; the old content is then unchanged.
        """
        old = self.version
        new = URIRef(f"urn:zorgnet:version:{uuid.uuid4()}")
        graph_name = ox.NamedNode(str(new))
        pointer = f"<{_POINTER}> <{_CURRENT}>"
        try:
            self._ox.extend(
                ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), graph_name) for s, p, o in data
            )
            self._ox.update(
                f"DELETE {{ GRAPH <{META_GRAPH}> {{ {pointer} ?v }} }} "
                f"INSERT {{ GRAPH <{META_GRAPH}> {{ {pointer} <{new}> }} }} "
                f"WHERE {{ OPTIONAL {{ GRAPH <{META_GRAPH}> {{ {pointer} ?v }} }} }}"
            )
        except OSError as exc:
            raise StoreError(f"Schrijven naar de opslag is mislukt: {exc}") from exc
        if old is not None:
            self._ox.remove_graph(ox.NamedNode(str(old)))
        self._ox.flush()

    def _drop_orphans(self) -> None:
        # A version written by a process that died before switching the pointer.
        current = self.version
        for name in list(self._ox.named_graphs()):
            iri = URIRef(name.value)
            if iri.startswith("urn:zorgnet:version:") and iri != current:
                self._ox.remove_graph(name)
