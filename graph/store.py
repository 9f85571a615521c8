"""The persistent store: Oxigraph, embedded, behind rdflib's Graph API.

Data is kept in versions, each a complete Oxigraph database of its own in
``<location>/versions/<id>/``. A load writes a new version with Oxigraph's bulk loader,
makes it current by atomically replacing the one-line pointer file
``<location>/current``, and only then deletes the old version's folder. So a process
killed at any moment leaves either the old data or the new, never a half: a version that
was being written when the process died is not current, and its folder is deleted the
next time the store is opened. Deleting a folder is what makes replacing a national
network cheap: removing 1.5 M triples from a shared database cost a minute of CPU time
and a gigabyte of memory. A version's triples are in its database's default graph,
which Oxigraph indexes three ways instead of the six of a named graph: a national
network loads in about 8 s instead of 11, into 210 MB of disk instead of 370 (versions
written before that keep their triples in a named graph, which the pointer names).
A small edit (``apply``) makes its version as a copy of the current one, which on disk
is a set of hard links to the old database's immutable files, and changes only the
triples it must: an edit of a national network costs a fraction of a second instead of
a reload.

One writer, many readers. One process at a time may open a store folder to write (a
lock file says so, and names that process for the message another writer gets). Any
number of processes may read it meanwhile: ``Store(path, read_only=True)`` takes no lock
and opens the current version's database read-only. That is safe because a version's
database is never changed once the pointer names it, apart from RocksDB compacting its
files in the background (an open that meets a compaction is tried again), and a reader
keeps the files it opened even when the writer deletes the version's folder. A reader
follows the pointer: each time it is asked for its version it looks at the pointer file
(one ``stat``) and opens the newer version when there is one, as a remote store does.

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

import errno
import fcntl
import gc
import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, plugin
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Processor, UpdateProcessor

from zorgnet.graph.lineage import Lineage
from zorgnet.ontology.exceptions import StoreError

__all__ = [
    "SCHEMA_GRAPH",
    "Store",
    "StoreAccessError",
    "access_error",
    "changed_iris",
    "import_query_engines",
    "triples_format",
]

# rdflib's own SPARQL engine would fetch FROM/FROM NAMED URLs from the web: its "sparql"
# processors are those of zorgnet.graph.rdflib_sparql, which turns that off when the
# first query loads the engine.
for _kind, _name in ((Processor, "SPARQLProcessor"), (UpdateProcessor, "SPARQLUpdateProcessor")):
    plugin.register("sparql", _kind, "zorgnet.graph.rdflib_sparql", _name)


def import_query_engines() -> None:
    """Import what :meth:`Store.graph` and a query on it import on first use.

    A command imports them only when it needs them (70 ms). A program with threads calls
    this before they start: two threads importing the same modules for the first time
    can be handed a half-initialised module by Python's import deadlock detection (an
    ``ImportError`` of a circular import), as the web app's warm-up thread and its first
    request did.
    """
    import oxrdflib  # noqa: F401

    import zorgnet.graph.rdflib_sparql  # noqa: F401


SCHEMA_GRAPH = "https://w3id.org/zorgnet/graph/schema"
"""The named graph of the ontology and the SKOS vocabularies: at the SPARQL endpoint
(joined with the data as its default graph) and on a remote store's server."""

_VERSION_PREFIX = "urn:zorgnet:version:"
_POINTER_FILE = "current"
# What the pointer says after the folder when a version's triples are in its default graph.
_DEFAULT = "default"
_LOCK_FILE = "zorgnet.lock"
# A reader's open of a version that the writer compacts or deletes meanwhile fails;
# it is tried again, the pointer read anew, this many times, the waits growing.
_READ_ATTEMPTS = 8
_READ_WAIT = 0.05
_NOT_SEEN = (-1, -1, -1)
# Failures that trying again does not mend.
_FINAL = (errno.EACCES, errno.EPERM, errno.ENOTDIR)
# The layout before versions had folders of their own: one database, and the current
# version named by this triple in the graph urn:zorgnet:meta.
_OLD_POINTER = ("urn:zorgnet:store", "urn:zorgnet:currentVersion", "urn:zorgnet:meta")

_PART_BYTES = 32 << 20
"""Bytes of N-Triples per call of Oxigraph's bulk loader, which holds what it is given
in memory: a national network (250 MB) at once peaked at 1.8 GB, in parts of about
this size (200k lines) at 0.6 GB."""

# The graph of a version's database that holds its triples.
GraphName = ox.NamedNode | ox.DefaultGraph
Write = Callable[[ox.Store, GraphName], None]
# Makes a version's database in a folder (None: in memory), its triples in the graph.
Make = Callable[[Path | None, GraphName], ox.Store]


class Store:
    """A versioned RDF store on Oxigraph.

    Parameters
    ----------
    location : Path, optional
        The store's folder (created when missing). None keeps the store in memory.
    read_only : bool, optional
        Open the folder to read only: no lock is taken, so this works while another
        process (``zorgnet serve``, ``zorgnet load``) writes the store, and the
        store follows that process's loads and edits. Nothing is written into the
        folder but the saved projections (atomically); a missing folder is an empty
        store. Writing raises :class:`StoreError`.

    Raises
    ------
    StoreError
        When the folder cannot be opened, or (unless *read_only*) another process
        writes it (:class:`StoreAccessError`).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()) / "store"
    >>> writer = Store(folder)
    >>> data = Graph()
    >>> _ = data.add((URIRef("urn:x:a"), URIRef("urn:x:p"), Literal("b")))
    >>> writer.replace(data)
    >>> reader = Store(folder, read_only=True)    # while the writer has it open
    >>> reader.version == writer.version, len(reader)
    (True, 1)
    >>> _ = data.add((URIRef("urn:x:a"), URIRef("urn:x:p"), Literal("c")))
    >>> writer.replace(data)
    >>> reader.version == writer.version, len(reader)    # it follows the writer
    (True, 2)
    >>> reader.close(); writer.close()
    """

    def __init__(self, location: Path | None = None, *, read_only: bool = False) -> None:
        self.location = location
        self.read_only = read_only
        self._lock: IO[str] | None = None
        self._ox = ox.Store()
        self._version: URIRef | None = None
        # The graph of the version's triples: the default graph, or in versions written
        # before that, a named graph (an edit's copy keeps the graph it copies).
        self._graph: GraphName = ox.DefaultGraph()
        self._lineage = Lineage()
        # A reader's: what the pointer file was (inode, mtime, size; None: missing)
        # when last read.
        self._pointer_seen: tuple[int, int, int] | None = _NOT_SEEN
        # Held while the open version changes (database, version and graph together).
        self._following = threading.Lock()
        # Whether graph() made an rdflib view of a database, which close() must collect.
        self._viewed = False
        if location is None:
            return
        if read_only:
            self._follow()
            return
        try:
            location.mkdir(parents=True, exist_ok=True)
            self._lock = _lock(location)
            if (location / "CURRENT").exists():
                _upgrade(location)
            pointer = location / _POINTER_FILE
            if pointer.exists():
                folder, *name = pointer.read_text(encoding="utf-8").split()
                self._ox = ox.Store(str(location / "versions" / folder))
                self._version = URIRef(_VERSION_PREFIX + folder)
                self._graph = _graph_named(folder, name[0] if name else None)
        except OSError as exc:
            self._unlock()
            raise access_error(exc, "geopend", location) from exc
        self._drop_other_versions()

    def close(self) -> None:
        """Release the store so that another Store (or process) can open it."""
        if not self.read_only:
            self._ox.flush()
        del self._ox
        # rdflib Graphs made by graph() hold the database through reference cycles. A
        # full collection takes 30 ms in a command that made none.
        if self._viewed:
            gc.collect()
        if self.location is not None and self._lock is not None:
            self._drop_other_versions()
        self._unlock()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------

    @property
    def version(self) -> URIRef | None:
        """The IRI of the current version (its named graph), or None for an empty store.

        A store opened *read_only* first follows the writer: when the pointer file
        changed since it last looked, it opens the version the pointer now names.
        """
        if self.read_only and self.location is not None:
            self._follow()
        return self._version

    def graph(self) -> Graph:
        """The current data as an rdflib Graph; SPARQL on it runs on Oxigraph's engine.

        The graph is a live view of one version: after a later ``replace`` it still
        shows the version it was made for until that version is dropped. Ask again.
        """
        # Imported here: oxrdflib loads rdflib's SPARQL engine (70 ms), which a command
        # answered from the saved projection never needs.
        from oxrdflib import OxigraphStore

        db, graph = self._open_version()
        self._viewed = True
        name = (
            DATASET_DEFAULT_GRAPH_ID if isinstance(graph, ox.DefaultGraph) else URIRef(graph.value)
        )
        return Graph(store=OxigraphStore(store=db), identifier=name)

    def snapshot(self) -> Graph:
        """An in-memory copy of the current data, independent of the store."""
        copy = Graph()
        copy += self.graph()
        return copy

    def __len__(self) -> int:
        if self.version is None:
            return 0
        # Counted by Oxigraph's engine: rdflib's len() of the view brings every triple
        # into Python (10 s for a national network, against 1 s).
        db, graph = self._open_version()
        rows = db.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=graph)
        return int(next(iter(rows))["n"].value)  # type: ignore[index,union-attr,arg-type]

    def _open_version(self) -> tuple[ox.Store, GraphName]:
        """The current version's database and the graph of its triples, taken together:
        a reader's other threads may switch both to a newer version meanwhile."""
        if self.read_only and self.location is not None:
            self._follow()
        with self._following:
            return self._ox, self._graph

    def changes_since(self, version: URIRef | None) -> frozenset[str] | None:
        """The subjects (IRIs) whose triples changed from *version* to the current one.

        Known only for a chain of ``apply`` calls on this Store object; None otherwise
        (a ``replace`` in between, or a version this object did not make).
        """
        return self._lineage.since(version, self._version)

    def made_from(self) -> URIRef | None:
        """The version the current one was made from by ``apply`` on this Store object;
        None after a load, or for a version this object did not make."""
        base = self._lineage.base(self._version)
        return None if base is None else URIRef(str(base))

    def derived_path(self, name: str, version: URIRef | None = None) -> Path | None:
        """Where to keep the file *name* derived from *version* (by default the current).

        The file lives beside the version's database and is deleted with it: an earlier
        version stays until the next load or until the store is closed. None for a
        store in memory or without data.
        """
        version = version or self.version
        if self.location is None or version is None:
            return None
        return self.location / "versions" / f"{str(version)[len(_VERSION_PREFIX) :]}.{name}"

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
        self._refuse_if_read_only()
        if isinstance(data, Graph):
            # rdflib's N-Triples writer and Oxigraph's parser are both tight loops; a
            # Python conversion of each rdflib term to a pyoxigraph term is 3x slower.
            # Through a file, so that a national network's text is never all in memory.
            with tempfile.TemporaryDirectory() as folder:
                text = Path(folder) / "data.nt"
                data.serialize(destination=text, format="nt", encoding="utf-8")
                self._load(
                    lambda db, name: db.bulk_load(
                        path=text, format=ox.RdfFormat.N_TRIPLES, to_graph=name
                    )
                )
        else:
            self._load(
                lambda db, name: db.bulk_extend(
                    ox.Quad(t.subject, t.predicate, t.object, name) for t in data
                )
            )

    def replace_from_file(
        self, path: Path, format: ox.RdfFormat | None = None, base_iri: str | None = None
    ) -> URIRef:
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

        Returns
        -------
        URIRef
            The version the load made current.

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
        >>> store.replace_from_file(folder / "data.nt") == store.version
        True
        >>> len(store)
        1
        """
        self._refuse_if_read_only()
        rdf_format = format or triples_format(path)
        if rdf_format == ox.RdfFormat.N_TRIPLES:
            return self._load(lambda db, name: _bulk_load_in_parts(db, path, name))
        return self._load(
            lambda db, name: db.bulk_load(
                path=path, format=rdf_format, base_iri=base_iri, to_graph=name
            )
        )

    def apply(self, remove: Graph, add: Graph) -> None:
        """Remove the triples of *remove* and add those of *add*, atomically.

        The change is made in a new version, a copy of the current one, which is made
        current like a load: readers see all of the change or none of it. On disk the
        copy shares the old database's immutable files (hard links), so an edit of a
        national network costs about as much as an edit of a region.

        Parameters
        ----------
        remove, add : rdflib.Graph
            The triples to take out and to put in. Triples with blank nodes cannot be
            removed: a blank node in the store is not the one in *remove*.

        Raises
        ------
        StoreError
            When the change cannot be written; the old content is then unchanged.

        Examples
        --------
        >>> from rdflib import Literal
        >>> store = Store()
        >>> old = Graph()
        >>> _ = old.add((URIRef("urn:x:a"), URIRef("urn:x:p"), Literal("b")))
        >>> store.replace(old)
        >>> new = Graph()
        >>> _ = new.add((URIRef("urn:x:a"), URIRef("urn:x:p"), Literal("c")))
        >>> store.apply(old, new)
        >>> [str(o) for o in store.graph().objects()]
        ['c']
        """
        self._refuse_if_read_only()
        base, base_graph, base_db = self._version, self._graph, self._ox
        if base is None:
            self.replace(add)
            return
        if any(isinstance(term, BNode) for triple in remove for term in triple):
            raise StoreError(
                "Een wijziging kan geen triples met lege knopen (blank nodes) verwijderen; "
                "vervang de data dan in zijn geheel."
            )
        removed = [ox.Quad(_ox_term(s), _ox_term(p), _ox_term(o), base_graph) for s, p, o in remove]

        def copy(path: Path | None, name: GraphName) -> ox.Store:
            if path is None:
                db = ox.Store()
                db.bulk_extend(base_db.quads_for_pattern(None, None, None, name))
            else:
                base_db.backup(str(path))
                db = ox.Store(str(path))
            for quad in removed:
                db.remove(quad)
            db.extend(ox.Quad(_ox_term(s), _ox_term(p), _ox_term(o), name) for s, p, o in add)
            return db

        self._new_version(copy, base_graph)
        self._lineage.record(base, self._version, changed_iris(remove, add))

    def _load(self, write: Write) -> URIRef:
        """Write a new version with *write*, make it current, then drop the old one;
        returns the new version."""

        def written(path: Path | None, name: GraphName) -> ox.Store:
            db = ox.Store() if path is None else ox.Store(str(path))
            write(db, name)
            return db

        return self._new_version(written, ox.DefaultGraph())

    def _new_version(self, make: Make, graph: GraphName) -> URIRef:
        """Make a version with *make* (its triples in *graph*), make it current, then
        drop the old one; returns the new version."""
        folder = uuid.uuid4().hex
        new = URIRef(_VERSION_PREFIX + folder)
        path = None if self.location is None else self.location / "versions" / folder
        try:
            if path is not None:
                path.parent.mkdir(exist_ok=True)
            db = make(path, graph)
            db.flush()
        except (OSError, SyntaxError, ValueError, TypeError) as exc:
            if path is not None:
                db = None
                gc.collect()
                shutil.rmtree(path, ignore_errors=True)
            # A SyntaxError names a line of the data; an OSError is the disk's, in Dutch.
            if isinstance(exc, OSError):
                raise access_error(exc, "bijgewerkt", self.location) from exc
            raise StoreError(f"Schrijven naar de opslag is mislukt: {exc}") from exc
        if self.location is not None:
            try:
                _point_to(self.location, folder, graph)
            except OSError as exc:
                raise access_error(exc, "bijgewerkt", self.location) from exc
        old = self._version
        with self._following:
            self._ox, self._version, self._graph = db, new, graph
        if self.location is not None and old is not None:
            # Views of the old version made by graph() may still be read by another
            # thread: its folder goes at the next load, or when the store is closed.
            self._drop_other_versions(keep=old)
        return new

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise StoreError(
                "Deze opslag is geopend om alleen te lezen: er kan niets in worden "
                "gewijzigd. Open hem zonder read_only (één proces tegelijk) om te wijzigen."
            )

    def _follow(self) -> None:
        """Open the version the pointer names, unless it is the one open (a reader's)."""
        assert self.location is not None
        pointer = self.location / _POINTER_FILE
        failure: OSError | RuntimeError | None = None
        for attempt in range(_READ_ATTEMPTS):
            try:
                seen = _stamp(pointer)
                if seen == self._pointer_seen:
                    return
                with self._following:
                    if seen != self._pointer_seen:
                        self._open_current(pointer, seen)
                return
            except (OSError, RuntimeError) as exc:
                # RocksDB compacted the version's files while they were opened (it says
                # Corruption: a file its manifest names is gone), or the writer deleted
                # the version after making newer ones current: read the pointer again.
                failure = exc
                if isinstance(exc, OSError) and _errno(exc) in _FINAL:
                    break
                time.sleep(_READ_WAIT * (attempt + 1))
        assert failure is not None
        cause = failure if isinstance(failure, OSError) else OSError(str(failure))
        raise access_error(cause, "gelezen", self.location) from failure

    def _open_current(self, pointer: Path, seen: tuple[int, int, int] | None) -> None:
        assert self.location is not None
        graph: GraphName = ox.DefaultGraph()
        if seen is not None:
            folder, *name = pointer.read_text(encoding="utf-8").split()
            version: URIRef | None = URIRef(_VERSION_PREFIX + folder)
            if version == self._version:
                self._pointer_seen = seen
                return
            db = ox.Store.read_only(str(self.location / "versions" / folder))
            graph = _graph_named(folder, name[0] if name else None)
        elif (self.location / "CURRENT").exists():
            # The one-database layout, which only a writer moves into version folders.
            db = ox.Store.read_only(str(self.location))
            subject, predicate, meta = (ox.NamedNode(iri) for iri in _OLD_POINTER)
            current = next(iter(db.quads_for_pattern(subject, predicate, None, meta)), None)
            version = None if current is None else URIRef(current.object.value)
            if current is not None:
                graph = ox.NamedNode(current.object.value)
        else:
            # No data yet (or no folder): an empty store, until a writer loads one.
            db, version = ox.Store(), None
        self._ox, self._version, self._graph = db, version, graph
        self._pointer_seen = seen

    def _drop_other_versions(self, keep: URIRef | None = None) -> None:
        # Versions of loads that died before switching the pointer, and old versions.
        assert self.location is not None
        kept = {str(v)[len(_VERSION_PREFIX) :] for v in (self._version, keep) if v is not None}
        versions = self.location / "versions"
        for entry in versions.iterdir() if versions.exists() else ():
            if entry.name.split(".", 1)[0] in kept:
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)

    def _unlock(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None


class StoreAccessError(StoreError):
    """The store's folder cannot be opened or written: full disk, no rights, in use, ...

    ``str()`` ends with the folder, for the command line; :attr:`public` is the same
    message without it, for answers over HTTP, which must not show the server's paths.
    """

    def __init__(self, public: str, location: Path | None) -> None:
        self.public = public
        self.location = location
        super().__init__(public if location is None else f"{public} Map van de opslag: {location}.")


# RocksDB (under Oxigraph) reports a failed system call as text, without an errno.
_ROCKSDB_TEXTS = {
    "No space left on device": errno.ENOSPC,
    "Disk quota exceeded": errno.EDQUOT,
    "Permission denied": errno.EACCES,
    "Operation not permitted": errno.EPERM,
    "Read-only file system": errno.EROFS,
    "Resource temporarily unavailable": errno.EAGAIN,
    "lock hold by current process": errno.EAGAIN,
    "Not a directory": errno.ENOTDIR,
    "File exists": errno.EEXIST,
}
_ELSEWHERE = "kies een andere map met --store of ZORGNET_STORE"


def _errno(exc: OSError) -> int | None:
    if exc.errno is not None:
        return exc.errno
    text = str(exc)
    return next((code for words, code in _ROCKSDB_TEXTS.items() if words in text), None)


def access_error(exc: OSError, done: str, location: Path | None = None) -> StoreAccessError:
    """The Dutch error for *exc*, met when the store was to be *done* (``geopend``,
    ``bijgewerkt``, ``gelezen``): what happened and what to do, without the system's
    English text. A store another process writes is named by what that process wrote
    in the lock file (``zorgnet serve, proces 12``).

    Examples
    --------
    >>> import errno
    >>> print(access_error(OSError(errno.ENOSPC, "No space left on device"), "bijgewerkt"))
    De schijf is vol: de opslag kan niet worden bijgewerkt. Maak ruimte vrij op de schijf \
van de opslag en probeer het opnieuw; de opgeslagen data is niet veranderd.
    >>> error = access_error(OSError("IO error: lock hold by current process"), "geopend",
    ...                      Path("/srv/zorgnet"))
    >>> error.public.split(":")[0], str(error).endswith("Map van de opslag: /srv/zorgnet.")
    ('De opslag is in gebruik door een ander proces', True)
    """
    code = _errno(exc)
    holder = getattr(exc, "holder", None)
    if code in (errno.ENOSPC, errno.EDQUOT):
        message = (
            f"De schijf is vol: de opslag kan niet worden {done}. Maak ruimte vrij op de "
            "schijf van de opslag en probeer het opnieuw; de opgeslagen data is niet veranderd."
        )
    elif code in (errno.EACCES, errno.EPERM) and done == "gelezen":
        message = (
            "Geen rechten: de opslag kan niet worden gelezen, want zorgnet mag de map van "
            f"de opslag niet lezen. Geef zorgnet leesrechten op die map, of {_ELSEWHERE}."
        )
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        message = (
            f"Geen rechten: de opslag kan niet worden {done}, want zorgnet mag niet schrijven "
            "in de map van de opslag (of de schijf is alleen te lezen). Geef zorgnet "
            f"schrijfrechten op die map, of {_ELSEWHERE}."
        )
    elif code in (errno.EAGAIN, errno.EWOULDBLOCK) and holder:
        message = (
            f"De opslag is in gebruik door een ander proces dat erin schrijft ({holder}): "
            f"hij kan niet worden {done}, want er kan maar één proces tegelijk in schrijven. "
            "Wacht tot dat proces klaar is, of stop het eerst; is het zorgnet serve, wijzig "
            "dan via de webapp (met het schrijftoken). Lezen kan wel terwijl het draait: "
            "zorgnet info, route, actor en de andere vragen werken gewoon."
        )
    elif code in (errno.EAGAIN, errno.EWOULDBLOCK):
        message = (
            f"De opslag is in gebruik door een ander proces: hij kan niet worden {done}. "
            "Sluit dat proces eerst af (bijvoorbeeld een ander zorgnet-proces, zoals "
            f"zorgnet serve), of {_ELSEWHERE}."
        )
    elif code in (errno.ENOTDIR, errno.EEXIST):
        message = (
            f"De opslag kan niet worden {done}: een deel van de plek van de opslag is een "
            f"bestand, geen map. Verplaats dat bestand, of {_ELSEWHERE}."
        )
    else:
        cause = errno.errorcode.get(code, str(code)) if code is not None else None
        message = (
            f"De opslag kan niet worden {done}: "
            + (f"het systeem meldt fout {cause}." if cause else "de database meldt een fout.")
            + f" Controleer de schijf en de map van de opslag, of {_ELSEWHERE}."
        )
    return StoreAccessError(message, location)


class _Held(OSError):
    """The store's lock is held by another process, which wrote *holder* in the lock
    file (None when it wrote nothing readable)."""

    def __init__(self, holder: str | None) -> None:
        super().__init__(errno.EAGAIN, os.strerror(errno.EAGAIN))
        self.holder = holder


def _lock(location: Path) -> IO[str]:
    """Take the store's write lock, and say in the lock file which process holds it."""
    handle = (location / _LOCK_FILE).open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        handle.seek(0)
        holder = handle.read(200).strip()
        handle.close()
        if exc.errno in (errno.EAGAIN, errno.EWOULDBLOCK):
            raise _Held(holder or None) from exc
        raise
    try:
        handle.truncate(0)
        handle.write(f"{_holder()}\n")
        handle.flush()
    except OSError:
        pass  # only the message another writer gets is less precise
    return handle


def _holder() -> str:
    """This process as another writer's message names it: ``zorgnet serve, proces 12``."""
    program = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    if program in ("zorgnet", "__main__.py"):
        command = next((a for a in sys.argv[1:] if not a.startswith("-")), "")
        program = f"zorgnet {command}".strip()
    elif program in ("", "-c", "-m"):
        program = "python"
    return f"{program}, proces {os.getpid()}"


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What changes when the pointer file is replaced: its inode, mtime and size."""
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_size


def _point_to(location: Path, folder: str, graph: GraphName) -> None:
    """Make *folder* the current version: one atomic rename, durable before it returns.

    The pointer names the graph of the triples in *folder* after the folder:
    ``default``, or for versions written before that, the version whose IRI names the
    graph (nothing when that is *folder* itself).
    """
    default = isinstance(graph, ox.DefaultGraph)
    name = _DEFAULT if default else graph.value[len(_VERSION_PREFIX) :]
    temporary = location / f"{_POINTER_FILE}.{folder}"
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(folder + ("" if name == folder else f" {name}") + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, location / _POINTER_FILE)
    directory = os.open(location, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def _graph_named(folder: str, name: str | None) -> GraphName:
    """The graph of a version's triples, from what the pointer says after *folder*."""
    if name == _DEFAULT:
        return ox.DefaultGraph()
    return ox.NamedNode(_VERSION_PREFIX + (name or folder))


def _upgrade(location: Path) -> None:
    """Move a store of the one-database layout into a version folder of its own."""
    old = ox.Store(str(location))
    subject, predicate, graph = (ox.NamedNode(iri) for iri in _OLD_POINTER)
    current = next(iter(old.quads_for_pattern(subject, predicate, None, graph)), None)
    if current is not None:
        folder = current.object.value[len(_VERSION_PREFIX) :]
        (location / "versions").mkdir(exist_ok=True)
        new = ox.Store(str(location / "versions" / folder))
        name = ox.NamedNode(current.object.value)
        new.bulk_extend(old.quads_for_pattern(None, None, None, name))
        new.flush()
        del new
        _point_to(location, folder, ox.NamedNode(current.object.value))
    del old
    gc.collect()
    for entry in location.iterdir():
        if entry.name not in {"versions", _POINTER_FILE, _LOCK_FILE}:
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()


def changed_iris(remove: Graph, add: Graph) -> set[str]:
    """The IRIs of the subjects of *remove* and *add*: what an edit changed.

    Blank nodes are left out: no record is a blank node, and what the store calls a
    blank node is a label, not an IRI (the reprojection looks the IRIs up in SPARQL).
    """
    return {
        str(s)
        for graph in (remove, add)
        for s in graph.subjects(unique=True)
        if isinstance(s, URIRef)
    }


def triples_format(path: Path) -> ox.RdfFormat:
    """The format of an RDF file of triples, by its extension.

    Raises
    ------
    StoreError
        When the extension names no RDF format, or one with named graphs.
    """
    rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    if rdf_format is None or rdf_format.supports_datasets:
        raise StoreError(
            f"{path} is geen bestand met triples (N-Triples, Turtle, RDF/XML, N3 of "
            "JSON-LD): de extensie zegt niet welk formaat het is, of het bevat "
            "benoemde grafen."
        )
    return rdf_format


def _ntriples_parts(path: Path) -> Iterable[tuple[bytes, Sequence[int]]]:
    """The lines of an N-Triples file in parts, each with the numbers of its lines.

    The file is read in blocks of whole lines. Lines that may hold a blank node come
    last, in one part: the bulk loader gives the blank nodes of each call new names.
    """
    blank: list[bytes] = []
    blank_numbers: list[int] = []
    first = 1
    with path.open("rb") as lines:
        rest = b""
        while True:
            read = lines.read(_PART_BYTES)
            if read:
                block, rest = _whole_lines(rest + read)
            elif rest:
                # A last line without its newline goes the same way as the others.
                block, rest = rest + b"\n", b""
            else:
                break
            count = block.count(b"\n")
            if b"_:" not in block:
                yield block, range(first, first + count)
            else:
                kept: list[bytes] = []
                numbers: list[int] = []
                for number, line in enumerate(block[:-1].split(b"\n"), start=first):
                    line += b"\n"
                    with_blank = line.startswith(b"_:") or b" _:" in line
                    (blank if with_blank else kept).append(line)
                    (blank_numbers if with_blank else numbers).append(number)
                yield b"".join(kept), numbers
            first += count
    if blank:
        yield b"".join(blank), blank_numbers


def _whole_lines(data: bytes) -> tuple[bytes, bytes]:
    cut = data.rfind(b"\n") + 1
    return data[:cut], data[cut:]


def _bulk_load_in_parts(db: ox.Store, path: Path, name: GraphName) -> None:
    for data, numbers in _ntriples_parts(path):
        try:
            db.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=name)
        except SyntaxError as exc:
            line = numbers[(exc.lineno or 1) - 1]
            raise SyntaxError(f"{path}, regel {line}: {str(exc).split(': ', 1)[-1]}") from exc


def _ox_term(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term of an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise StoreError(f"Onverwachte RDF-term {term!r}")
