"""The remote store: any SPARQL 1.1 Query + Update endpoint (tested against Virtuoso 7).

It keeps the contract of :class:`zorgnet.graph.store.Store`: data lives in versions, one
named graph each, and a single pointer triple in ``urn:zorgnet:meta`` says which version
is current. A load writes the complete new version into its own graph (Graph Store
protocol upload where the server has it, else ``INSERT DATA`` in chunks), verifies the
triple count, switches the pointer in one SPARQL statement and only then drops the old
version. A load that dies at any moment — client killed, server killed, network gone —
leaves the pointer on the old version: readers never see half a load. A small edit
(``apply``) makes its version as a server-side copy of the current one (SPARQL 1.1
``ADD``), changes only its triples there, verifies the count and switches the pointer
the same way; the paged copy in memory is then copied and changed here instead of read
again.

Each load also keeps the ontology and the SKOS vocabularies in a named graph of their
own, ``https://w3id.org/zorgnet/graph/schema`` (rewritten only when they differ from
this zorgnet's), so that the server's own endpoint can answer their labels too.

Reads always name the version graph (Virtuoso's default graph also holds its system
graphs) and are paged: ``CONSTRUCT`` pages of ``LIMIT``/``OFFSET`` without ``ORDER BY``
(sorting 1.5 M triples for every page made the late pages of a national graph exceed
Virtuoso's 60 s limit), answered as N-Triples that Oxigraph parses. No request is
unbounded and a server-side row limit cannot cut the data silently: every read is checked
against a ``COUNT``, and when the server's scan order changed between pages, the version
is read again in pages ordered by subject, each starting where the last one ended.

Why httpx rather than rdflib's ``SPARQLUpdateStore``: rdflib's ``auth=`` sends HTTP Basic
only, while Virtuoso's protected ``/sparql-auth`` wants HTTP Digest, which httpx speaks;
httpx also gives per-request timeouts and one pooled connection for thousands of chunks.
Why a protected endpoint at all: the alternative, ``GRANT SPARQL_UPDATE TO "SPARQL"``,
lets anyone who can reach the port rewrite the data. So writes go to
``<endpoint>-auth`` as a dedicated user whose password only zorgnet's environment holds
(``ZORGNET_SPARQL_USER`` / ``ZORGNET_SPARQL_PASSWORD``); without credentials zorgnet
writes anonymously, which works only on a server configured that way.
"""

import contextlib
import hashlib
import json
import re
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import XSD, Graph, URIRef
from rdflib.term import BNode, Literal, Node

from zorgnet.graph.lineage import Lineage
from zorgnet.graph.store import SCHEMA_GRAPH, changed_iris, triples_format
from zorgnet.ontology.exceptions import StoreError

__all__ = ["SparqlStore"]

META_GRAPH = "urn:zorgnet:meta"
_POINTER = "<urn:zorgnet:store> <urn:zorgnet:currentVersion>"
_SCHEMA_DIGEST = "<urn:zorgnet:store> <urn:zorgnet:schemaDigest>"
_VERSION_PREFIX = "urn:zorgnet:version:"
_GENID = "https://w3id.org/zorgnet/.well-known/genid/"
# Versions left behind by a crashed load are dropped once they are this old (seconds);
# younger ones may belong to a load still running in another process.
_ORPHAN_AGE = 3600
_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples, text/plain;q=0.5"
# Triple patterns per query of which triples a graph holds: Virtuoso 7 compiles a UNION
# of 50 in a few milliseconds, of 400 ten times slower per pattern.
_PATTERNS = 50
# Versions whose derived files the local cache keeps (about 60 MB each, national).
_DERIVED_VERSIONS = 3
# One process, one writer per endpoint: writes from threads of this process queue here.
_WRITE_LOCKS: dict[str, threading.Lock] = {}


# The XSD types derived from xsd:integer (XML Schema 1.1 part 2, §3.4.13-3.4.25).
_INTEGER_TYPES = frozenset(
    XSD[name]
    for name in (
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)


def _term(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, BNode):
        return f"<{_GENID}{node}>"
    if isinstance(node, Literal):
        if node.datatype == XSD.decimal and "." not in node and "E" not in node.upper():
            # Virtuoso's SPARQL compiler stores "75"^^xsd:decimal as an xsd:integer;
            # "75.0" stays a decimal (and comes back as "75").
            return f'"{node}.0"^^<{XSD.decimal}>'
        if node.datatype in _INTEGER_TYPES:
            # Virtuoso keeps "12"^^xsd:nonNegativeInteger as "12"^^xsd:integer and matches
            # either against it: a change that removes one and adds the other (an age
            # read back, then imported again) would be counted twice. Write the one form.
            return f'"{node}"^^<{XSD.integer}>'
        if node.datatype == XSD.string:
            # "x" and "x"^^xsd:string are one term in RDF 1.1 (and in Oxigraph) but two
            # in rdflib and in Virtuoso: write the one form the loaders write.
            return Literal(str(node)).n3()
        return node.n3()
    raise StoreError(f"Onverwachte RDF-term {node!r}")


class SparqlStore:
    """A versioned RDF store on a remote SPARQL 1.1 endpoint.

    Parameters
    ----------
    endpoint : str
        The SPARQL query endpoint, ``http://host:port/sparql``.
    user, password : str, optional
        The update user. With them, updates go to ``<endpoint>-auth`` with HTTP Digest.
    timeout : float
        Seconds to wait for one answer before giving up with a clear error.
    chunk : int
        Triples per ``INSERT DATA`` request (Virtuoso refuses above about 1,200).
    upload : int
        Triples per Graph Store upload request. On a 2-core machine Virtuoso 7 took
        at most 0.7 s for 20,000 (1.5 M triples at 44k triples/s); 50,000 was not
        faster, and smaller requests are slower.
    page : int
        Triples per read request.
    connections : int
        Requests sent to the server at once; more wait here for a free connection (as
        long as *timeout*). A server answers only so many at once anyway, and Virtuoso
        7.2.5 was seen to crash ("double free or corruption") now and then under fifty
        API clients whose requests each went to it at once.
    cache : Path, optional
        A local folder for files derived from versions of this store (the saved
        projection), so that the next process need not read the data from the server
        again; one subfolder per endpoint, holding the last few versions. None keeps
        no such files.
    """

    def __init__(
        self,
        endpoint: str,
        *,
        user: str | None = None,
        password: str | None = None,
        timeout: float = 60.0,
        chunk: int = 400,
        upload: int = 20_000,
        page: int = 50_000,
        connections: int = 8,
        cache: Path | None = None,
    ) -> None:
        self.location = endpoint
        self.endpoint = endpoint
        self.update_endpoint = f"{endpoint}-auth" if user else endpoint
        base = endpoint.rsplit("/", 1)[0]
        self.graph_store = f"{base}/sparql-graph-crud-auth" if user else f"{base}/sparql-graph-crud"
        self.chunk = chunk
        self.upload = upload
        self.page = page
        self._timeout = timeout
        self._derived = None if cache is None else cache / re.sub(r"[^A-Za-z0-9]+", "-", endpoint)
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=5.0),
            limits=httpx.Limits(max_connections=connections),
            auth=httpx.DigestAuth(user, password or "") if user else None,
        )
        self._use_graph_store = True
        # The version each thread last read: its writes must be based on it. Per thread,
        # because one store serves all the threads of a web server.
        self._seen = threading.local()
        self._cache: tuple[str | None, ox.Store, Graph] | None = None
        self._read_lock = threading.Lock()
        self._write_lock = _WRITE_LOCKS.setdefault(endpoint, threading.Lock())
        self._lineage = Lineage()
        # The triple count of versions this object wrote or read whole: a version graph
        # never changes once written, and counting a national one costs about a second.
        self._sizes: dict[str, int] = {}
        self._ask_alive()

    def close(self) -> None:
        """Close the connections to the server."""
        self._client.close()
        self._cache = None

    def __enter__(self) -> "SparqlStore":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- talking to the server -----------------------------------------------------

    def _request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        hint = "Controleer het adres in --store of ZORGNET_STORE en of de server draait."
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            raise StoreError(
                f"De SPARQL-server op {url} antwoordde niet binnen {self._timeout:g} seconden. "
                "De server is overbelast of de vraag is te zwaar: probeer het later opnieuw, "
                "of vraag de beheerder van de server om hulp."
            ) from exc
        except httpx.HTTPError as exc:
            raise StoreError(
                f"De SPARQL-server op {url} is niet bereikbaar ({exc.__class__.__name__}: "
                f"{exc}). {hint}"
            ) from exc
        if response.status_code in (401, 403):
            raise StoreError(
                f"De SPARQL-server op {url} weigert zorgnet (HTTP {response.status_code}: "
                f"{response.text[:200].strip()}). Zet ZORGNET_SPARQL_USER en "
                "ZORGNET_SPARQL_PASSWORD op een gebruiker met schrijfrechten (SPARQL_UPDATE)."
            )
        if response.status_code >= 400:
            answer = response.text[:300].strip()
            if "SECURITY" in answer or "permission" in answer.lower():
                raise StoreError(
                    f"De SPARQL-server op {url} staat schrijven niet toe: {answer}. Zet "
                    "ZORGNET_SPARQL_USER en ZORGNET_SPARQL_PASSWORD op een gebruiker met "
                    "schrijfrechten (SPARQL_UPDATE)."
                )
            if "transitive start not given" in answer:
                raise StoreError(
                    f"De SPARQL-server op {url} kan dit padzoeken niet beantwoorden: een "
                    "eigenschapspad (property path) heeft een vast beginpunt nodig, zonder "
                    "VALUES en zonder COUNT(*) over het pad. Gebruik zorgnet route."
                )
            if "Sorted TOP clause" in answer:
                raise StoreError(
                    f"De SPARQL-server op {url} weigert de data in pagina's te lezen: {answer}. "
                    "Vraag de beheerder MaxSortedTopRows in virtuoso.ini te verhogen tot "
                    "boven het aantal triples."
                )
            raise StoreError(
                f"De SPARQL-server op {url} antwoordde HTTP {response.status_code}: {answer}. "
                "Is dit een SPARQL 1.1-endpoint? Meld dit antwoord aan de beheerder van de server."
            )
        return response

    def _ask_alive(self) -> None:
        self.select("ASK {}")

    def select(self, query: str) -> list[dict[str, dict[str, str]]] | bool:
        """Run a SELECT (the rows as SPARQL JSON bindings) or ASK (a bool) query."""
        response = self._request(
            "POST", self.endpoint, data={"query": query}, headers={"Accept": _JSON}
        )
        try:
            body = response.json()
        except ValueError as exc:
            raise StoreError(
                f"De SPARQL-server op {self.endpoint} gaf geen SPARQL-JSON terug maar "
                f"{response.headers.get('content-type')}: {response.text[:200]!r}. "
                "Is dit een SPARQL 1.1-endpoint?"
            ) from exc
        if "boolean" in body:
            return bool(body["boolean"])
        return list(body["results"]["bindings"])

    def update(self, statement: str) -> None:
        """Run one SPARQL update statement."""
        self._request("POST", self.update_endpoint, data={"update": statement})

    def _count(self, graph: str) -> int:
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        assert isinstance(rows, list)
        return int(rows[0]["n"]["value"])

    def _size(self, version: str) -> int:
        """The triple count of *version*, counted once."""
        if version not in self._sizes:
            self._sizes[version] = self._count(version)
        return self._sizes[version]

    def _sized(self, version: str, size: int) -> None:
        """Remember that *version* holds *size* triples (and forget the others)."""
        self._sizes = {version: size}

    # -- reading -------------------------------------------------------------------

    @property
    def version(self) -> URIRef | None:
        """The named graph holding the current data, or None for an empty store."""
        rows = self.select(
            f"SELECT ?v WHERE {{ GRAPH <{META_GRAPH}> {{ {_POINTER} ?v }} }} ORDER BY ?v"
        )
        assert isinstance(rows, list)
        return URIRef(rows[0]["v"]["value"]) if rows else None

    def _fetch(self) -> tuple[str | None, ox.Store]:
        # A concurrent load may drop the version while we page through it: start again.
        for _ in range(5):
            version = self.version
            if version is None:
                return None, ox.Store()
            expected = self._count(version)
            if self.version != version:
                # Counted after another version became current: the count may be of a
                # version already dropped, which a read of no pages would "confirm".
                continue
            store = self._read_pages(str(version), expected)
            if len(store) != expected and self.version == version:
                # The server did not scan the graph in the same order for every page.
                store = self._read_by_subject(str(version))
            if len(store) == expected:
                # Complete, so a true copy: a version never changes once written. It is
                # kept even when an edit made a newer one current meanwhile; with edits
                # a second apart, waiting for a read that no edit overtakes could fail.
                self._sized(str(version), expected)
                return str(version), store
        raise StoreError(
            f"De data op {self.endpoint} veranderde steeds tijdens het lezen. "
            "Probeer het opnieuw wanneer het laden door anderen klaar is."
        )

    def _read_pages(self, version: str, expected: int) -> ox.Store:
        # No ORDER BY: sorting the whole graph for every page is what makes the late
        # pages of a national graph exceed the timeout. A version graph never changes
        # after it is written, so the server scans it the same way for every page; the
        # count check in _fetch catches a server that does not.
        store = ox.Store()
        name = ox.NamedNode(version)
        for offset in range(0, expected, self.page):
            body = self._construct(
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{version}> {{ ?s ?p ?o }} }} "
                f"LIMIT {self.page} OFFSET {offset}"
            )
            if b"_:" in body or _GENID.encode() in body:
                # Oxigraph's load renames blank nodes per call; the pages share them.
                store.extend(_quads(body, name))
            else:
                store.load(body, ox.RdfFormat.N_TRIPLES, to_graph=name)
        return store

    def _read_by_subject(self, version: str) -> ox.Store:
        """Read *version* in pages ordered by subject, each starting at the last subject
        of the one before (keyset paging): slower, as the server sorts the rest of the
        graph for every page, but independent of the server's scan order."""
        store = ox.Store()
        name = ox.NamedNode(version)
        last: str | None = None
        while True:
            after = "" if last is None else f"FILTER(STR(?s) >= {json.dumps(last)})"
            page = list(
                _quads(
                    self._construct(
                        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{version}> {{ ?s ?p ?o }} "
                        f"{after} }} ORDER BY STR(?s) LIMIT {self.page}"
                    ),
                    name,
                )
            )
            store.extend(page)
            if len(page) < self.page:
                return store
            # The page may end inside a subject: the next one starts at that subject again.
            top = max(_subject_key(t.subject) for t in page)
            if top == last:
                raise StoreError(
                    f"Eén onderwerp op {self.endpoint} heeft meer dan {self.page} triples; "
                    "lees met een grotere pagina (page)."
                )
            last = top

    def _construct(self, query: str) -> bytes:
        """The N-Triples answer to a CONSTRUCT query."""
        response = self._request(
            "POST", self.endpoint, data={"query": query}, headers={"Accept": _NTRIPLES}
        )
        media = response.headers.get("content-type", "").split(";")[0].strip()
        if media not in ("application/n-triples", "text/plain"):
            raise StoreError(
                f"De SPARQL-server op {self.endpoint} gaf geen N-Triples terug maar "
                f"{media or 'niets'}: {response.text[:200]!r}. Is dit een SPARQL 1.1-endpoint?"
            )
        return response.content

    def _current(self) -> tuple[str | None, ox.Store, Graph]:
        current = self.version
        current_str = None if current is None else str(current)
        # One read of a new version at a time: the other threads wait for it instead of
        # each paging through the same data.
        with self._read_lock:
            if self._cache is not None and self._cache[0] != current_str:
                # An edit of this store may have made its version current, and the
                # cache with it, while this thread waited for the lock.
                current = self.version
                current_str = None if current is None else str(current)
            if self._cache is None or self._cache[0] != current_str:
                version, store = self._fetch()
                identifier = URIRef(version or "urn:zorgnet:empty")
                view = Graph(store=OxigraphStore(store=store), identifier=identifier)
                self._cache = (version, store, view)
            entry = self._cache
        self._seen.version = entry[0]
        return entry

    def graph(self) -> Graph:
        """The current data as an rdflib Graph, read in pages and kept until it changes.

        SPARQL on the graph runs locally on Oxigraph's engine, not on the server. Do not
        change it: use ``snapshot()`` for a copy of your own.
        """
        return self._current()[2]

    def snapshot(self) -> Graph:
        """An in-memory copy of the current data, independent of the store."""
        _, store, view = self._current()
        copy = ox.Store()
        copy.extend(store.quads_for_pattern(None, None, None, None))
        return Graph(store=OxigraphStore(store=copy), identifier=view.identifier)

    def made_from(self) -> None:
        """None: a remote store keeps no files of the version an edit was made from."""
        return None

    def derived_path(self, name: str, version: URIRef | None = None) -> Path | None:
        """Where to keep the file *name* derived from *version* (by default the current).

        The file lives in the local cache folder of this endpoint, which keeps the files
        of the last few versions asked for and deletes older ones: a version graph never
        changes once written, so its file stays true as long as it is kept. None without
        a cache folder or data.
        """
        if self._derived is None:
            return None
        version = version or self.version
        if version is None:
            return None
        key = re.sub(r"[^A-Za-z0-9-]+", "_", str(version).removeprefix(_VERSION_PREFIX))
        try:
            self._derived.mkdir(parents=True, exist_ok=True)
            self._drop_old_derived(keep=key)
        except OSError as exc:
            raise StoreError(
                f"De cachemap {self._derived} kan niet worden gebruikt: {exc}. "
                "Kies een andere met ZORGNET_CACHE."
            ) from exc
        return self._derived / f"{key}.{name}"

    def _drop_old_derived(self, keep: str) -> None:
        assert self._derived is not None
        versions: dict[str, list[Path]] = {}
        for entry in self._derived.iterdir():
            versions.setdefault(entry.name.split(".", 1)[0], []).append(entry)
        newest_first = sorted(
            (key for key in versions if key != keep),
            key=lambda key: max(_mtime(entry) for entry in versions[key]),
            reverse=True,
        )
        # Another process may still be writing the files of a recent version.
        for key in newest_first[_DERIVED_VERSIONS - 1 :]:
            for entry in versions[key]:
                entry.unlink(missing_ok=True)

    def __len__(self) -> int:
        version = self.version
        return 0 if version is None else self._count(str(version))

    def changes_since(self, version: URIRef | None) -> frozenset[str] | None:
        """The subjects (IRIs) whose triples changed from *version* to the current one.

        Known only for a chain of ``apply`` calls on this SparqlStore object; None
        otherwise (a ``replace`` in between, a version this object did not make, or a
        write by another process).
        """
        return self._lineage.since(version, self.version)

    # -- writing -------------------------------------------------------------------

    def replace(self, data: Graph) -> None:
        """Make *data* the store's content, atomically.

        The switch only happens if the current version is still the one this thread last
        read (``graph()``/``snapshot()``), or, without such a read, the one current when
        the write began; otherwise another writer came first and the load is refused,
        so that no acknowledged write is silently overwritten by stale data.

        Raises
        ------
        StoreError
            When the server cannot be written or another writer came first; the old
            content is then unchanged.
        """
        self._replace(data)

    def _replace(self, data: Iterable[tuple[Node, Node, Node]]) -> URIRef:
        with self._write_lock:
            current = self.version
            seen = getattr(self._seen, "version", None)
            expected = seen if seen is not None else current
            new = f"{_VERSION_PREFIX}{int(time.time())}-{uuid.uuid4()}"
            try:
                sent = self._write(new, data)
                written = self._count(new)
                if written != sent:
                    raise StoreError(
                        f"De SPARQL-server op {self.endpoint} bewaarde {written} van de "
                        f"{sent} triples. Er is niets veranderd; probeer het opnieuw."
                    )
                self._switch(expected, new)
            except BaseException:
                self._drop_quietly(new)
                raise
            self._seen.version = new
            self._sized(new, written)
            if expected is not None:
                self.update(f"DROP SILENT GRAPH <{expected}>")
            self._drop_orphans(new)
            self._publish_schema()
        return URIRef(new)

    def _publish_schema(self) -> None:
        """Keep the ontology and the SKOS vocabularies in :data:`SCHEMA_GRAPH` on the
        server, so that its own endpoint answers their labels and definitions too.

        Written only when the server's copy is not the one of this zorgnet: a digest of
        it is kept beside the version pointer in the meta graph.
        """
        from zorgnet.ontology.files import schema_graph

        lines = sorted({f"{_term(s)} {_term(p)} {_term(o)} ." for s, p, o in schema_graph()})
        digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
        if self.select(f'ASK {{ GRAPH <{META_GRAPH}> {{ {_SCHEMA_DIGEST} "{digest}" }} }}'):
            return
        self.update(f"DROP SILENT GRAPH <{SCHEMA_GRAPH}>")
        if not (self._use_graph_store and self._upload(SCHEMA_GRAPH, lines)):
            for chunk in _chunks(lines, self.chunk):
                body = "\n".join(chunk)
                self.update(f"INSERT DATA {{ GRAPH <{SCHEMA_GRAPH}> {{\n{body}\n}} }}")
        self.update(
            f"DELETE {{ GRAPH <{META_GRAPH}> {{ {_SCHEMA_DIGEST} ?d }} }} "
            f"WHERE {{ GRAPH <{META_GRAPH}> {{ {_SCHEMA_DIGEST} ?d }} }}"
        )
        self.update(f'INSERT DATA {{ GRAPH <{META_GRAPH}> {{ {_SCHEMA_DIGEST} "{digest}" }} }}')

    def replace_from_file(self, path: Path) -> URIRef:
        """Make the triples of an RDF file the store's content, atomically (see ``replace``).

        The file is parsed here, by Oxigraph one triple at a time, and sent like any
        graph: the server has no access to the client's files. It is never held as an
        rdflib graph, which for a national network would take ≈ 2 GB. Returns the
        version the load made current (another writer may have made a newer one current
        since).

        Raises
        ------
        StoreError
            When the file cannot be read or parsed, or holds named graphs (nothing is
            sent then), or as ``replace``.
        """
        return self._replace(_file_triples(path, triples_format(path)))

    def apply(self, remove: Graph, add: Graph) -> None:
        """Remove the triples of *remove* and add those of *add*, atomically.

        The change is made in a new version: the server copies the current one
        (SPARQL 1.1 ``ADD``), deletes the triples of *remove* from the copy and inserts
        those of *add*. The copy is made current like a load, only when it holds exactly
        as many triples as the change must give, and only if the current version is
        still the one this thread last read (see ``replace``). So the data of a national
        network is not sent again, and the copy in memory that ``graph()`` keeps is
        copied and changed here instead of read again.

        Parameters
        ----------
        remove, add : rdflib.Graph
            The triples to take out and to put in. Triples with blank nodes cannot be
            removed: a blank node in the store is not the one in *remove*.

        Raises
        ------
        StoreError
            When the change cannot be written or another writer came first; the old
            content is then unchanged.
        """
        if self.version is None:
            self.replace(add)
            return
        if any(isinstance(term, BNode) for triple in remove for term in triple):
            raise StoreError(
                "Een wijziging kan geen triples met lege knopen (blank nodes) verwijderen; "
                "vervang de data dan in zijn geheel."
            )
        removed, added = _encode(remove), _encode(add)
        subjects = set(remove.subjects(unique=True)) | set(add.subjects(unique=True))
        with self._write_lock:
            current = self.version
            seen = getattr(self._seen, "version", None)
            expected = str(seen if seen is not None else current)
            if current is None or str(current) != expected:
                raise StoreError(
                    f"De data op {self.endpoint} is intussen door een ander gewijzigd; deze "
                    "wijziging is niet vastgelegd. Lees de data opnieuw en probeer het nog eens."
                )
            new = f"{_VERSION_PREFIX}{int(time.time())}-{uuid.uuid4()}"
            cached = self._cache
            # The copy in memory is made while the server makes its copy.
            copy = _CacheCopy(cached) if cached is not None and cached[0] == expected else None
            try:
                written = self._write_change(expected, new, removed, added)
                entry = None if copy is None else self._changed(copy, new, subjects, written)
                if entry is None:
                    self._switch(expected, new)
                else:
                    # Readers that see the new version find its copy in memory.
                    with self._read_lock:
                        self._switch(expected, new)
                        if self._cache is cached:
                            self._cache = entry
            except BaseException:
                self._abandon(new)
                raise
            self._seen.version = new
            self._sized(new, written)
            self._lineage.record(URIRef(expected), URIRef(new), changed_iris(remove, add))
            # The change is made: a server gone now leaves the old version as an orphan,
            # which a later load drops.
            self._drop_quietly(expected)

    def _write_change(self, base: str, new: str, removed: list[str], added: list[str]) -> int:
        """Write *base* with *removed* deleted and *added* inserted as graph *new*.

        Returns the number of triples of *new*, checked against what the change must
        give: the base's count, less the removed triples the base holds, plus the
        added triples it does not hold after the removal.
        """
        size = self._size(base)
        present = self._present(base, list(dict.fromkeys([*removed, *added])))
        kept = present.difference(removed)
        expected = size - len(present.intersection(removed)) + len(set(added) - kept)
        if size:
            # A server-side copy: about 10 s for 1.5 M triples on Virtuoso 7, where an
            # INSERT ... WHERE of the same triples exceeds its transaction log limit.
            self.update(f"ADD <{base}> TO <{new}>")
        for chunk in _chunks(removed, self.chunk):
            body = "\n".join(f"{triple} ." for triple in chunk)
            self.update(f"DELETE DATA {{ GRAPH <{new}> {{\n{body}\n}} }}")
        for chunk in _chunks(added, self.chunk):
            body = "\n".join(f"{triple} ." for triple in chunk)
            self.update(f"INSERT DATA {{ GRAPH <{new}> {{\n{body}\n}} }}")
        written = self._count(new)
        if written != expected:
            raise StoreError(
                f"De SPARQL-server op {self.endpoint} hield na de wijziging {written} triples "
                f"over waar het er {expected} moesten zijn. Er is niets veranderd; probeer "
                "het opnieuw."
            )
        return written

    def _present(self, graph: str, triples: list[str]) -> set[str]:
        """Those of *triples* (three terms as ``_term`` writes them) that *graph* holds."""
        # One pattern of constant terms per triple, which the server matches as it does
        # DELETE DATA. Not VALUES: Virtuoso 7 misses language-tagged literals in a
        # VALUES block that also holds other kinds of terms.
        found: set[str] = set()
        for chunk in _chunks(triples, _PATTERNS):
            branches = " UNION\n".join(
                f"{{ GRAPH <{graph}> {{ {triple} }} BIND({i} AS ?i) }}"
                for i, triple in enumerate(chunk)
            )
            answer = self.select(f"SELECT ?i WHERE {{\n{branches}\n}}")
            assert isinstance(answer, list)
            found.update(chunk[int(row["i"]["value"])] for row in answer)
        return found

    def _changed(
        self, copy: "_CacheCopy", new: str, subjects: set[Node], size: int
    ) -> tuple[str, ox.Store, Graph] | None:
        """The cache entry of *new*: the copy of the base's store with the triples of
        *subjects* as the server now has them, or None when it cannot be made (the
        version is then read again when it is asked for).

        The triples are read back rather than taken from the change, so that the copy
        holds them exactly as a read of the version would (Virtuoso answers
        ``"75.50"^^xsd:decimal`` as ``"75.5"``, for one).
        """
        if any(isinstance(s, BNode) for s in subjects):
            return None
        name = copy.name
        try:
            answers = [
                quad
                for chunk in _chunks(sorted(str(s) for s in subjects), self.chunk)
                for quad in _quads(
                    self._construct(
                        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{new}> {{ "
                        f"VALUES ?s {{ {' '.join(f'<{s}>' for s in chunk)} }} ?s ?p ?o }} }}"
                    ),
                    name,
                )
            ]
        except (SyntaxError, ValueError):
            return None
        store = copy.result()
        if store is None:
            return None
        old = [
            quad
            for subject in subjects
            for quad in store.quads_for_pattern(ox.NamedNode(str(subject)), None, None, name)
        ]
        if any(isinstance(quad.object, ox.BlankNode) for quad in [*old, *answers]):
            # A blank node may be named otherwise in the answer than in the copy.
            return None
        for quad in old:
            store.remove(quad)
        store.extend(answers)
        if len(store) != size:
            return None
        return new, store, Graph(store=OxigraphStore(store=store), identifier=copy.identifier)

    def _abandon(self, new: str) -> None:
        """Drop the graph of a change that failed, unless the failure came after the
        switch made it current."""
        with contextlib.suppress(StoreError):
            if str(self.version) != new:
                self.update(f"DROP SILENT GRAPH <{new}>")

    def _switch(self, expected: str | None, new: str) -> None:
        # One statement: the server applies it whole or not at all.
        if expected is None:
            self.update(
                f"INSERT {{ GRAPH <{META_GRAPH}> {{ {_POINTER} <{new}> }} }} "
                f"WHERE {{ FILTER NOT EXISTS {{ GRAPH <{META_GRAPH}> {{ {_POINTER} ?v }} }} }}"
            )
        else:
            self.update(
                f"DELETE {{ GRAPH <{META_GRAPH}> {{ {_POINTER} <{expected}> }} }} "
                f"INSERT {{ GRAPH <{META_GRAPH}> {{ {_POINTER} <{new}> }} }} "
                f"WHERE {{ GRAPH <{META_GRAPH}> {{ {_POINTER} <{expected}> }} }}"
            )
        if str(self.version) != new:
            raise StoreError(
                f"De data op {self.endpoint} is intussen door een ander gewijzigd; deze "
                "lading is niet vastgelegd. Lees de data opnieuw en probeer het nog eens."
            )

    def _write(self, graph: str, data: Iterable[tuple[Node, Node, Node]]) -> int:
        """Write *data* into *graph*; the number of distinct triples sent."""
        lines = list(dict.fromkeys(f"{_term(s)} {_term(p)} {_term(o)} ." for s, p, o in data))
        if not (self._use_graph_store and self._upload(graph, lines)):
            for chunk in _chunks(lines, self.chunk):
                self.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{chr(10).join(chunk)}\n}} }}")
        return len(lines)

    def _upload(self, graph: str, lines: list[str]) -> bool:
        # Graph Store protocol: about ten times faster than INSERT DATA on Virtuoso.
        for i, chunk in enumerate(_chunks(lines, self.upload)):
            try:
                response = self._client.request(
                    "PUT" if i == 0 else "POST",
                    self.graph_store,
                    params={"graph-uri": graph},
                    content="\n".join(chunk).encode(),
                    headers={"Content-Type": "application/n-triples"},
                )
            except httpx.HTTPError:
                # Not a verdict on the graph store: let INSERT DATA say what is wrong.
                self._drop_quietly(graph)
                return False
            if response.status_code in (404, 405, 501) and i == 0:
                self._use_graph_store = False
                return False
            if response.status_code >= 400:
                self._drop_quietly(graph)
                return False
        return True

    def _drop_quietly(self, graph: str) -> None:
        # When the server is gone the orphan stays; a later load drops it.
        with contextlib.suppress(StoreError):
            self.update(f"DROP SILENT GRAPH <{graph}>")

    def _drop_orphans(self, current: str) -> None:
        rows = self.select(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{_VERSION_PREFIX}")) }}'
        )
        assert isinstance(rows, list)
        now = time.time()
        for row in rows:
            name = row["g"]["value"]
            stamp = name[len(_VERSION_PREFIX) :].split("-", 1)[0]
            if name != current and (not stamp.isdigit() or now - int(stamp) > _ORPHAN_AGE):
                self.update(f"DROP SILENT GRAPH <{name}>")


class _CacheCopy:
    """A copy of a cached version's store, made in a thread of its own.

    The version in memory is shared with readers (``graph()``), so an edit changes a
    copy. Copying 1.5 M triples takes seconds of CPU; the thread does it while the
    server makes its own copy.
    """

    def __init__(self, entry: tuple[str | None, ox.Store, Graph]) -> None:
        _, store, view = entry
        self.identifier = view.identifier
        self.name = ox.NamedNode(str(view.identifier))
        self._copy: ox.Store | None = None
        self._thread = threading.Thread(target=self._run, args=(store,), daemon=True)
        self._thread.start()

    def _run(self, store: ox.Store) -> None:
        # A copy that fails (memory) is no error: the version is then read again.
        with contextlib.suppress(Exception):
            self._copy = _copy_store(store, self.name)

    def result(self) -> ox.Store | None:
        """The copy, or None when it could not be made."""
        self._thread.join()
        return self._copy


def _copy_store(store: ox.Store, name: ox.NamedNode) -> ox.Store:
    """A new in-memory store with the quads of graph *name* of *store*."""
    # extend rather than bulk_extend: 6.5 s instead of 9 s for 1.5 M quads.
    copy = ox.Store()
    copy.extend(store.quads_for_pattern(None, None, None, name))
    return copy


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def _encode(data: Graph) -> list[str]:
    """The distinct triples of *data*, each as its three terms written by ``_term``."""
    return list(dict.fromkeys(f"{_term(s)} {_term(p)} {_term(o)}" for s, p, o in data))


def _file_triples(path: Path, rdf_format: ox.RdfFormat) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of the file at *path* as rdflib terms, read one at a time."""
    try:
        for triple in ox.parse(path=path, format=rdf_format):
            yield _rdflib(triple.subject), _rdflib(triple.predicate), _rdflib(triple.object)
    except (OSError, SyntaxError, ValueError) as exc:
        raise StoreError(f"{path} kan niet worden gelezen: {exc}") from exc


def _rdflib(term: Any) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise StoreError(f"Onverwachte RDF-term {term!r}")


def _restore(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Any:
    # Blank nodes are written as genid IRIs; Virtuoso answers them as blank nodes again,
    # other servers may keep the IRIs.
    if isinstance(term, ox.NamedNode) and term.value.startswith(_GENID):
        return ox.BlankNode(term.value[len(_GENID) :])
    return term


def _quads(body: bytes, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    for triple in ox.parse(body, ox.RdfFormat.N_TRIPLES):
        yield ox.Quad(_restore(triple.subject), triple.predicate, _restore(triple.object), graph)


def _subject_key(subject: ox.NamedNode | ox.BlankNode | ox.Triple) -> str:
    # What STR(?s) is on the server: blank nodes are stored as genid IRIs.
    if isinstance(subject, ox.BlankNode):
        return f"{_GENID}{subject.value}"
    return str(getattr(subject, "value", subject))


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
