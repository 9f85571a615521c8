"""The persistent store: Oxigraph, embedded, behind rdflib's Graph API.

Data is kept in versions. Each load writes a complete new version into a named graph of
its own with Oxigraph's bulk loader, then makes it current by rewriting a single pointer
triple in one SPARQL update, and only then drops the old version. Readers always follow
the pointer, so a process killed at any moment leaves either the old data or the new,
never a half: a version that was being written when the process died is not current,
and it is dropped the next time the store is opened. The bulk loader is not
transactional (and oxrdflib's ``commit``/``rollback`` are no-ops), which is why nothing
here relies on transactions for the data itself.

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
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox
import rdflib.plugins.sparql
from oxrdflib import OxigraphStore
from rdflib import Graph, URIRef

from zorgnet.ontology.exceptions import StoreError

__all__ = ["META_GRAPH", "Store"]

# rdflib's own SPARQL engine would fetch FROM/FROM NAMED URLs from the web.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

META_GRAPH = URIRef("urn:zorgnet:meta")
_POINTER = URIRef("urn:zorgnet:store")
_CURRENT = URIRef("urn:zorgnet:currentVersion")


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

    def replace(self, data: Graph | Iterable[ox.Triple | ox.Quad]) -> None:
        """Make *data* the store's content, atomically.

        Parameters
        ----------
        data : rdflib.Graph or iterable of pyoxigraph.Triple or pyoxigraph.Quad
            The new content. The graph names of quads are ignored: everything goes
            into the new version.

        Raises
        ------
        StoreError
            When the data cannot be written; the old content is then unchanged.
        """
        if isinstance(data, Graph):
            # rdflib's N-Triples writer and Oxigraph's parser are both tight loops; a
            # Python conversion of each rdflib term to a pyoxigraph term is 3x slower.
            text = data.serialize(format="nt", encoding="utf-8")
            self._load(lambda name: self._ox.bulk_load(text, ox.RdfFormat.N_TRIPLES, to_graph=name))
        else:
            self._load(
                lambda name: self._ox.bulk_extend(
                    ox.Quad(t.subject, t.predicate, t.object, name) for t in data
                )
            )

    def replace_from_file(
        self, path: Path, format: ox.RdfFormat | None = None, base_iri: str | None = None
    ) -> None:
        """Make the triples of an RDF file the store's content, atomically.

        The file is streamed into the store by Oxigraph's bulk loader, without going
        through Python objects: the fast way to load a national network.

        Parameters
        ----------
        path : Path
            An N-Triples, Turtle, RDF/XML, N3 or JSON-LD file.
        format : pyoxigraph.RdfFormat, optional
            The file's format; by default guessed from its extension.
        base_iri : str, optional
            The IRI that relative IRIs in the file are resolved against.

        Raises
        ------
        StoreError
            When the file cannot be read or parsed, or holds named graphs; the old
            content is then unchanged.

        Examples
        --------
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "data.nt").write_text('<urn:x:a> <urn:x:p> "b" .\\n')
        >>> store = Store()
        >>> store.replace_from_file(folder / "data.nt")
        >>> len(store)
        1
        """
        rdf_format = format or ox.RdfFormat.from_extension(path.suffix.lstrip("."))
        if rdf_format is None or rdf_format.supports_datasets:
            raise StoreError(
                f"{path} is geen bestand met triples (N-Triples, Turtle, RDF/XML, N3 of "
                "JSON-LD): de extensie zegt niet welk formaat het is, of het bevat "
                "benoemde grafen."
            )
        self._load(
            lambda name: self._ox.bulk_load(
                path=path, format=rdf_format, base_iri=base_iri, to_graph=name
            )
        )

    def _load(self, write: Callable[[ox.NamedNode], None]) -> None:
        """Write a new version with *write*, then make it current and drop the old one."""
        old = self.version
        new = URIRef(f"urn:zorgnet:version:{uuid.uuid4()}")
        graph_name = ox.NamedNode(str(new))
        pointer = f"<{_POINTER}> <{_CURRENT}>"
        try:
            write(graph_name)
            self._ox.update(
                f"DELETE {{ GRAPH <{META_GRAPH}> {{ {pointer} ?v }} }} "
                f"INSERT {{ GRAPH <{META_GRAPH}> {{ {pointer} <{new}> }} }} "
                f"WHERE {{ OPTIONAL {{ GRAPH <{META_GRAPH}> {{ {pointer} ?v }} }} }}"
            )
        except (OSError, SyntaxError, ValueError, TypeError) as exc:
            # The bulk loader is not transactional: drop what it wrote of the new version.
            self._ox.remove_graph(graph_name)
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
