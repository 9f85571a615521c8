"""The remote store: any SPARQL 1.1 Query + Update endpoint (tested against Virtuoso 7).

It keeps the contract of :class:`zorgnet.graph.store.Store`: data lives in versions, one
named graph each, and a single pointer triple in ``urn:zorgnet:meta`` says which version
is current. A load writes the complete new version into its own graph (Graph Store
protocol upload where the server has it, else ``INSERT DATA`` in chunks), verifies the
triple count, switches the pointer in one SPARQL statement and only then drops the old
version. A load that dies at any moment — client killed, server killed, network gone —
leaves the pointer on the old version: readers never see half a load.

Reads always name the version graph (Virtuoso's default graph also holds its system
graphs) and are paged (``ORDER BY ... LIMIT ... OFFSET``), so no request is unbounded and
a server-side row limit cannot cut the data silently: every read is checked against a
``COUNT``.

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
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import XSD, Graph, URIRef
from rdflib.term import BNode, Literal, Node

from zorgnet.ontology.exceptions import StoreError

__all__ = ["SparqlStore"]

META_GRAPH = "urn:zorgnet:meta"
_POINTER = "<urn:zorgnet:store> <urn:zorgnet:currentVersion>"
_VERSION_PREFIX = "urn:zorgnet:version:"
_GENID = "https://w3id.org/zorgnet/.well-known/genid/"
# Versions left behind by a crashed load are dropped once they are this old (seconds);
# younger ones may belong to a load still running in another process.
_ORPHAN_AGE = 3600
_JSON = "application/sparql-results+json"
# One process, one writer per endpoint: writes from threads of this process queue here.
_WRITE_LOCKS: dict[str, threading.Lock] = {}


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
        return node.n3()
    raise StoreError(f"Onverwachte RDF-term {node!r}")


def _from_json(value: dict[str, str]) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    kind = value["type"]
    text = value["value"]
    if kind == "uri":
        if text.startswith(_GENID):
            return ox.BlankNode(text[len(_GENID) :])
        return ox.NamedNode(text)
    if kind == "bnode":
        return ox.BlankNode(text)
    if "xml:lang" in value:
        return ox.Literal(text, language=value["xml:lang"])
    if "datatype" in value:
        return ox.Literal(text, datatype=ox.NamedNode(value["datatype"]))
    return ox.Literal(text)


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
    page : int
        Rows per read request.
    """

    def __init__(
        self,
        endpoint: str,
        *,
        user: str | None = None,
        password: str | None = None,
        timeout: float = 60.0,
        chunk: int = 400,
        page: int = 50_000,
    ) -> None:
        self.location = endpoint
        self.endpoint = endpoint
        self.update_endpoint = f"{endpoint}-auth" if user else endpoint
        base = endpoint.rsplit("/", 1)[0]
        self.graph_store = f"{base}/sparql-graph-crud-auth" if user else f"{base}/sparql-graph-crud"
        self.chunk = chunk
        self.page = page
        self._timeout = timeout
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=5.0),
            auth=httpx.DigestAuth(user, password or "") if user else None,
        )
        self._use_graph_store = True
        self._seen: str | None = None
        self._cache: tuple[str | None, ox.Store, Graph] | None = None
        self._write_lock = _WRITE_LOCKS.setdefault(endpoint, threading.Lock())
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
            store = ox.Store()
            if version is None:
                return None, store
            expected = self._count(version)
            name = ox.NamedNode(str(version))
            for offset in range(0, expected, self.page):
                rows = self.select(
                    f"SELECT ?s ?p ?o WHERE {{ GRAPH <{version}> {{ ?s ?p ?o }} }} "
                    f"ORDER BY ?s ?p ?o LIMIT {self.page} OFFSET {offset}"
                )
                assert isinstance(rows, list)
                store.extend(
                    ox.Quad(_from_json(r["s"]), _from_json(r["p"]), _from_json(r["o"]), name)
                    for r in rows
                )
            if len(store) == expected and self.version == version:
                return str(version), store
        raise StoreError(
            f"De data op {self.endpoint} veranderde steeds tijdens het lezen. "
            "Probeer het opnieuw wanneer het laden door anderen klaar is."
        )

    def graph(self) -> Graph:
        """The current data as an rdflib Graph, read in pages and kept until it changes.

        SPARQL on the graph runs locally on Oxigraph's engine, not on the server. Do not
        change it: use ``snapshot()`` for a copy of your own.
        """
        current = self.version
        current_str = None if current is None else str(current)
        if self._cache is None or self._cache[0] != current_str:
            version, store = self._fetch()
            identifier = URIRef(version or "urn:zorgnet:empty")
            view = Graph(store=OxigraphStore(store=store), identifier=identifier)
            self._cache = (version, store, view)
        self._seen = self._cache[0]
        return self._cache[2]

    def snapshot(self) -> Graph:
        """An in-memory copy of the current data, independent of the store."""
        view = self.graph()
        assert self._cache is not None
        copy = ox.Store()
        copy.extend(self._cache[1].quads_for_pattern(None, None, None, None))
        return Graph(store=OxigraphStore(store=copy), identifier=view.identifier)

    def __len__(self) -> int:
        version = self.version
        return 0 if version is None else self._count(str(version))

    # -- writing -------------------------------------------------------------------

    def replace(self, data: Graph) -> None:
        """Make *data* the store's content, atomically.

        The switch only happens if the current version is still the one this store last
        read (``graph()``/``snapshot()``), or, without such a read, the one current when
        the write began; otherwise another writer came first and the load is refused,
        so that no acknowledged write is silently overwritten by stale data.

        Raises
        ------
        StoreError
            When the server cannot be written or another writer came first; the old
            content is then unchanged.
        """
        with self._write_lock:
            current = self.version
            expected = self._seen if self._seen is not None else current
            new = f"{_VERSION_PREFIX}{int(time.time())}-{uuid.uuid4()}"
            try:
                self._write(new, data)
                written = self._count(new)
                if written != len(data):
                    raise StoreError(
                        f"De SPARQL-server op {self.endpoint} bewaarde {written} van de "
                        f"{len(data)} triples. Er is niets veranderd; probeer het opnieuw."
                    )
                self._switch(expected, new)
            except BaseException:
                self._drop_quietly(new)
                raise
            self._seen = new
            if expected is not None:
                self.update(f"DROP SILENT GRAPH <{expected}>")
            self._drop_orphans(new)

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

    def _write(self, graph: str, data: Graph) -> None:
        lines = [f"{_term(s)} {_term(p)} {_term(o)} ." for s, p, o in data]
        if self._use_graph_store and self._upload(graph, lines):
            return
        for chunk in _chunks(lines, self.chunk):
            self.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{chr(10).join(chunk)}\n}} }}")

    def _upload(self, graph: str, lines: list[str]) -> bool:
        # Graph Store protocol: about ten times faster than INSERT DATA on Virtuoso.
        for i, chunk in enumerate(_chunks(lines, 100_000)):
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


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
