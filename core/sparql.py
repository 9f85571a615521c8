"""The read-only SPARQL endpoint's engine: worker processes, their sandbox, result formats.

A query never runs, and is never parsed, in the server process. It goes to a worker
process that holds an in-memory Oxigraph copy of the store's current version; the
worker checks it there (updates, ``SERVICE``, ``FROM`` are refused with a Dutch
message) and runs it on Oxigraph's own engine, inside the time limit. The check is a
courtesy, not the defence: while a query is checked and run, the worker cannot open a
file descriptor (its ``RLIMIT_NOFILE`` is lowered to the descriptors it already holds),
so ``SERVICE``, ``LOAD`` or any other request to the network or the file system fails
whatever the query text says, and its address space is capped (``RLIMIT_AS``), so one
huge value ends the worker, not the server. Oxigraph writes the results in every
format: the worker has it write SPARQL TSV or N-Triples and stops it after the last
whole row within a row and a byte limit, so a cut result is still well-formed, and
the cut is said in the response. A worker that passes the time limit or dies is
replaced; a query that waits too long for a free worker gets a 503 with
``Retry-After``.

Examples
--------
>>> check_query("SELECT * WHERE { ?s ?p ?o }")
'SELECT'
>>> try:
...     check_query("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
... except SparqlRefused as exc:
...     print(str(exc)[:36])
Dit SPARQL-endpoint is alleen-lezen:
"""

from __future__ import annotations

import contextlib
import errno
import json
import multiprocessing
import os
import re
import resource
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from multiprocessing.connection import Connection
from typing import IO, TYPE_CHECKING, Any, Protocol

from zorgnet.graph.store import SCHEMA_GRAPH
from zorgnet.ontology.context import PREFIXES
from zorgnet.ontology.exceptions import ZorgnetError

if TYPE_CHECKING:
    from zorgnet.graph.store import Store


class QueryLimits(Protocol):
    """The limits a :class:`SparqlRunner` keeps to (the web app's settings have them)."""

    sparql_timeout: float
    sparql_result_limit: int
    sparql_result_bytes: int
    sparql_workers: int
    sparql_worker_memory: int
    sparql_queue_wait: float


__all__ = [
    "CHECKED_LENGTH",
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "SCHEMA_GRAPH",
    "QueryLimits",
    "QueryOutcome",
    "SparqlBusy",
    "SparqlError",
    "SparqlRefused",
    "SparqlRunner",
    "SparqlTimeout",
    "SparqlTooBig",
    "check_query",
    "render",
    "schema_nquads",
]

# Media type -> format name, in order of preference for */*.
RESULT_FORMATS = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}
_KINDS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
# Longer queries skip rdflib's check (its parser needs seconds for them) and rely on
# the sandbox alone.
CHECKED_LENGTH = 10_000
_SERVICE_REFUSED = (
    "SERVICE (federatie) wordt geweigerd: dit endpoint vraagt niets op bij andere servers "
    "en leest geen bestanden."
)


class SparqlError(ZorgnetError):
    """A query that cannot run: syntax error or engine error (HTTP 400)."""


class SparqlRefused(SparqlError):
    """A query that is not allowed here: update, SERVICE, FROM (HTTP 400)."""


class SparqlTimeout(ZorgnetError):
    """A query that passed the time limit and was stopped (HTTP 503)."""


class SparqlTooBig(SparqlTimeout):
    """A query that needed more memory than a worker may use and was stopped (HTTP 503)."""


class SparqlBusy(SparqlTimeout):
    """No worker became free within the queue wait limit (HTTP 503 with Retry-After).

    Attributes
    ----------
    retry_after : int
        Seconds after which a new try is likely to find a free worker.
    """

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _contains(node: Any, name: str) -> bool:
    if getattr(node, "name", None) == name:
        return True
    if isinstance(node, dict):
        return any(_contains(v, name) for v in node.values())
    if isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        return any(_contains(v, name) for v in node)
    return False


def _syntax_error(text: str, line: int, column: int) -> SparqlError:
    lines = text.splitlines() or [""]
    near = lines[min(max(line, 1), len(lines)) - 1][max(column - 1, 0) :][:40].strip()
    where = f" bij '{near}'" if near else " aan het einde"
    return SparqlError(
        f"De query is geen geldige SPARQL: regel {line}, kolom {column}{where}. "
        "Controleer haakjes, punten en de schrijfwijze van de sleutelwoorden."
    )


def check_query(text: str) -> str | None:
    """Check that *text* is a read-only SPARQL query that stays inside the store.

    Runs in the worker process only (pyparsing is not thread-safe), inside the query's
    time limit. Line ends are read as Oxigraph reads them (``\r`` ends a comment too),
    so a ``SERVICE`` hidden behind a comment is seen. The worker's sandbox, not this
    check, keeps a query from reaching the network.

    Parameters
    ----------
    text : str
        The query text.

    Returns
    -------
    str or None
        The query form: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``; None when
        the query is longer than :data:`CHECKED_LENGTH` or nests too deep for rdflib's
        parser (seconds for a 40 KB filter, a recursion error at 25 parentheses):
        Oxigraph still runs it, in the sandbox.

    Raises
    ------
    SparqlRefused
        For an update, ``SERVICE``, ``FROM`` or ``FROM NAMED``.
    SparqlError
        For a query that does not parse.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    if len(text) > CHECKED_LENGTH:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        try:
            parseUpdate(text)
        except Exception:
            raise _syntax_error(text, exc.lineno, exc.col) from exc
        raise SparqlRefused(
            "Dit SPARQL-endpoint is alleen-lezen: een update (INSERT, DELETE, LOAD, CLEAR, "
            "CREATE, DROP ...) wordt geweigerd."
        ) from exc
    except RecursionError:
        return None
    except Exception as exc:
        raise SparqlError("De query is geen geldige SPARQL.") from exc
    if _contains(parsed, "ServiceGraphPattern"):
        raise SparqlRefused(_SERVICE_REFUSED)
    if _contains(parsed, "DatasetClause"):
        raise SparqlRefused(
            "FROM en FROM NAMED worden geweigerd: queries lopen alleen over de data van "
            "zorgnet (laat FROM weg)."
        )
    try:
        translateQuery(parsed)
    except RecursionError:
        return None
    except Exception as exc:
        raise SparqlError(
            "De query is geen geldige SPARQL: een variabele of functie wordt verkeerd gebruikt."
        ) from exc
    return _KINDS.get(parsed[1].name, "SELECT")


Term = tuple[str, ...]


@dataclass(frozen=True)
class QueryOutcome:
    """What a query returned: the result as Oxigraph wrote it, and whether it was cut.

    Attributes
    ----------
    kind : str
        ``SELECT``, ``ASK`` or ``GRAPH`` (CONSTRUCT and DESCRIBE).
    variables : list of str
        The SELECT variables.
    document : bytes
        The result in SPARQL TSV (SELECT, ASK) or N-Triples (GRAPH), cut after a whole
        row or triple; :func:`render` gives it in the other formats.
    count : int
        The rows or triples in *document*.
    truncated : bool
        Whether the result was cut at a limit.
    limit : int
        The row limit in force.
    form : str
        The query form: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.
    size_limit : int
        The byte limit in force: the UTF-8 size of the rows or triples in *document*.
    cut_by : str
        ``"rijen"`` or ``"bytes"`` when the result was cut, else ``""``.
    """

    kind: str
    variables: list[str]
    document: bytes
    count: int
    truncated: bool
    limit: int
    form: str = "SELECT"
    size_limit: int = 0
    cut_by: str = ""

    @property
    def boolean(self) -> bool | None:
        """The ASK answer; None for other queries."""
        return self.document.strip() == b"true" if self.kind == "ASK" else None

    @cached_property
    def rows(self) -> list[list[Term | None]]:
        """The SELECT rows or the triples, each term as ``("uri", iri)``, ``("bnode", id)``,
        ``("literal", text, lang, datatype)`` or None (unbound), read from *document*."""
        import pyoxigraph as ox

        if self.kind == "ASK":
            return []
        if self.kind == "GRAPH":
            triples = ox.parse(self.document, ox.RdfFormat.N_TRIPLES, lenient=True)
            return [[_term(t.subject), _term(t.predicate), _term(t.object)] for t in triples]
        solutions = ox.parse_query_results(self.document, ox.QueryResultsFormat.TSV)
        width = len(self.variables)
        return [[_term(row[i]) for i in range(width)] for row in solutions]  # type: ignore[union-attr]


def _term(term: Any) -> Term | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value)
    if isinstance(term, ox.Literal):
        return ("literal", term.value, term.language or "", term.datatype.value)
    return ("literal", str(term), "", "")


# -- worker process ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Limits:
    rows: int
    size: int


class _Full(Exception):
    """Raised into Oxigraph's writer to stop it (and the query) at a limit."""


class _Cut:
    """A binary file for Oxigraph's line-based writers that keeps whole lines up to *limits*.

    SPARQL TSV writes one solution per line and N-Triples one triple per line (a line end
    inside a value is escaped), so a document cut after a whole line is still
    well-formed. The first line of TSV, the variables, is always kept and is not a row.
    As soon as the line being written would pass a limit, ``write`` raises
    :class:`_Full`: that stops the writer, and with it the query, since Oxigraph
    computes solutions only as they are written.
    """

    def __init__(self, limits: _Limits, header: bool) -> None:
        self.limits = limits
        self.rows = 0
        self.cut = ""
        self._header = header
        self._kept: list[bytes] = []
        self._size = 0
        # The line being written, in the pieces it came in (joined once it is whole).
        self._open: list[bytes] = []
        self._open_size = 0

    def write(self, chunk: bytes) -> int:
        if self.cut:
            return len(chunk)
        end = chunk.rfind(b"\n") + 1
        if end:
            self._keep(b"".join([*self._open, chunk[:end]]))
            self._open, self._open_size = [], 0
        if end < len(chunk):
            self._open.append(chunk[end:])
            self._open_size += len(chunk) - end
        if self._open_size and not self._header and not self.cut:
            # Stop as soon as the line being written cannot fit, however long it gets.
            self._check(self._open_size)
        if self.cut:
            raise _Full
        return len(chunk)

    def flush(self) -> None:
        """Nothing to flush: the lines are kept in memory."""

    def document(self) -> bytes:
        """The whole lines kept (a last line without a line end gets one)."""
        if self._open and not self.cut:
            self._keep(b"".join([*self._open, b"\n"]))
            self._open, self._open_size = [], 0
        return b"".join(self._kept)

    def _check(self, size: int) -> None:
        if self.rows == self.limits.rows:
            self.cut = "rijen"
        elif self._size + size > self.limits.size:
            self.cut = "bytes"

    def _keep(self, lines: bytes) -> None:
        if self._header:
            first = lines.index(b"\n") + 1
            self._kept.append(lines[:first])
            lines, self._header = lines[first:], False
        count = lines.count(b"\n")
        if self.rows + count <= self.limits.rows and self._size + len(lines) <= self.limits.size:
            self._kept.append(lines)
            self.rows += count
            self._size += len(lines)
            return
        start = 0
        while start < len(lines):
            end = lines.index(b"\n", start) + 1
            self._check(end - start)
            if self.cut:
                return
            self._kept.append(lines[start:end])
            self.rows += 1
            self._size += end - start
            start = end


def _answer(result: Any, limits: _Limits, form: str | None) -> QueryOutcome:
    """*result* written by Oxigraph as SPARQL TSV or N-Triples, cut at *limits*."""
    import pyoxigraph as ox

    shape = {"limit": limits.rows, "size_limit": limits.size}
    if isinstance(result, ox.QueryBoolean):
        document = result.serialize(format=ox.QueryResultsFormat.TSV)
        return QueryOutcome("ASK", [], document, 0, False, form=form or "ASK", **shape)
    if isinstance(result, ox.QuerySolutions):
        kind, names = "SELECT", [v.value for v in result.variables]
        sink = _Cut(limits, header=True)
        writing = ox.QueryResultsFormat.TSV
    else:
        kind, names = "GRAPH", []
        sink = _Cut(limits, header=False)
        writing = ox.RdfFormat.N_TRIPLES
    with contextlib.suppress(_Full):
        result.serialize(sink, writing)  # type: ignore[arg-type]
    return QueryOutcome(
        kind,
        names,
        sink.document(),
        sink.rows,
        bool(sink.cut),
        form=form or {"GRAPH": "CONSTRUCT"}.get(kind, "SELECT"),
        cut_by=sink.cut,
        **shape,
    )


def _lowest_free_descriptor() -> int:
    fd = 0
    while True:
        try:
            os.fstat(fd)
        except OSError:
            return fd
        fd += 1


def _address_space() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


@contextlib.contextmanager
def _sandbox(memory: int) -> Iterator[None]:
    """No new file descriptors (so no sockets, no files) and at most *memory* more bytes.

    Every descriptor number below the soft ``RLIMIT_NOFILE`` is taken, so the kernel
    refuses the next one: ``SERVICE`` and ``LOAD`` fail at ``socket()``, whatever the
    query text says. The hard limits stay, so the worker can lift the sandbox again to
    read the next version's copy.
    """
    files = resource.getrlimit(resource.RLIMIT_NOFILE)
    space = resource.getrlimit(resource.RLIMIT_AS)
    cap = _address_space() + memory
    if space[1] != resource.RLIM_INFINITY:
        cap = min(cap, space[1])
    resource.setrlimit(resource.RLIMIT_AS, (cap, space[1]))
    resource.setrlimit(resource.RLIMIT_NOFILE, (_lowest_free_descriptor(), files[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, space)
        resource.setrlimit(resource.RLIMIT_NOFILE, files)


@cache
def schema_nquads() -> bytes:
    """The ontology and the SKOS vocabularies as N-Quads in :data:`SCHEMA_GRAPH`.

    Each copy of the data for the workers ends with them, so that a query can read the
    labels and definitions of the terms and concepts the data uses.
    """
    import pyoxigraph as ox

    from zorgnet.ontology.files import schema_graph

    text = schema_graph().serialize(format="ox-ntriples", encoding="utf-8")
    graph = ox.NamedNode(SCHEMA_GRAPH)
    quads = (
        ox.Quad(q.subject, q.predicate, q.object, graph)
        for q in ox.parse(text, ox.RdfFormat.N_TRIPLES)
    )
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def _default_graph() -> list[Any]:
    """What a query reads without GRAPH: the data (the store's default graph) joined
    with :data:`SCHEMA_GRAPH`."""
    import pyoxigraph as ox

    return [ox.DefaultGraph(), ox.NamedNode(SCHEMA_GRAPH)]


def _is_blocked_io(exc: BaseException) -> bool:
    return getattr(exc, "errno", None) == errno.EMFILE or "os error 24" in str(exc)


def _run_sandboxed(store: Any, query: str, limits: _Limits, memory: int) -> tuple[Any, ...]:
    form = check_query(query)
    try:
        with _sandbox(memory):
            outcome = _answer(store.query(query, default_graph=_default_graph()), limits, form)
    except MemoryError:
        return ("too-big",)
    except SyntaxError as exc:
        return ("error", _syntax_error(query, exc.lineno or 1, exc.offset or 1).args[0])
    except Exception as exc:
        if _is_blocked_io(exc):
            return ("refused", _SERVICE_REFUSED)
        return ("error", "Oxigraph kon de query niet uitvoeren.")
    return ("ok", outcome)


def _serve(conn: Connection, memory: int) -> None:
    """Answer queries from *conn* until told to stop; one copy of the data at a time."""
    import pyoxigraph as ox

    # Everything the check imports is imported now: the sandbox allows no file opens.
    check_query("SELECT (1 AS ?x) WHERE { ?s ?p ?o FILTER(?o = 1 || !BOUND(?s)) }")
    store = ox.Store()
    loaded = None
    conn.send("ready")
    while True:
        message = conn.recv()
        if message is None:
            return
        version, path, query, limits = message
        try:
            if loaded != version:
                store = ox.Store()
                store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
                loaded = version
            conn.send(_run_sandboxed(store, query, limits, memory))
        except SparqlError as exc:
            conn.send(("refused" if isinstance(exc, SparqlRefused) else "error", str(exc)))
        except Exception:
            conn.send(("error", "De SPARQL-werker kon de query niet uitvoeren."))


_STARTUP_SECONDS = 60.0


class _Worker:
    def __init__(self, memory: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, memory), daemon=True)
        self.process.start()
        child.close()
        # Starting Python is not the query's time: wait for the worker before the clock runs.
        if not self.conn.poll(_STARTUP_SECONDS) or self.conn.recv() != "ready":
            self.kill()
            raise SparqlError("De SPARQL-werker kon niet starten.")

    def ask(self, message: tuple[Any, ...], timeout: float) -> tuple[Any, ...]:
        self.conn.send(message)
        if not self.conn.poll(timeout):
            raise TimeoutError
        return self.conn.recv()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.conn.close()


class _Copies:
    """N-Triples copies of store versions for the workers, kept while a query needs one.

    Each copy is an unlinked temporary file (nothing is left on disk when the server is
    killed); workers open it through ``/proc/<pid>/fd``. A copy is dropped when it is
    no longer the newest version and no query holds it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._files: dict[str, tuple[IO[bytes], list[int]]] = {}
        self._newest: str | None = None

    @contextlib.contextmanager
    def hold(self, store: Store) -> Iterator[tuple[str, str]]:
        """The version key and a path a worker can read it from, held until exit."""
        version = str(store.version)
        with self._lock:
            if version not in self._files:
                # Kept open past this block on purpose: closing it deletes the copy.
                copy = tempfile.TemporaryFile(prefix="zorgnet-sparql-")  # noqa: SIM115
                copy.write(store.graph().serialize(format="ox-ntriples", encoding="utf-8"))
                copy.write(schema_nquads())
                copy.flush()
                self._files[version] = (copy, [0])
            copy, users = self._files[version]
            users[0] += 1
            self._newest = version
            self._drop_unused()
        try:
            yield version, f"/proc/{os.getpid()}/fd/{copy.fileno()}"
        finally:
            with self._lock:
                users[0] -= 1
                self._drop_unused()

    def _drop_unused(self) -> None:
        for version, (copy, users) in list(self._files.items()):
            if version != self._newest and users[0] == 0:
                copy.close()
                del self._files[version]

    def close(self) -> None:
        with self._lock:
            for copy, _ in self._files.values():
                copy.close()
            self._files, self._newest = {}, None


class SparqlRunner:
    """Runs queries in sandboxed worker processes with a time, row, byte and queue limit.

    Parameters
    ----------
    settings : QueryLimits
        ``sparql_timeout``, ``sparql_result_limit``, ``sparql_result_bytes``,
        ``sparql_worker_memory``, ``sparql_queue_wait`` and ``sparql_workers``, e.g.
        :class:`zorgnet.api.settings.Settings`.
    """

    def __init__(self, settings: QueryLimits) -> None:
        self.settings = settings
        self._slots = threading.BoundedSemaphore(settings.sparql_workers)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._copies = _Copies()

    def run(self, store: Store, query: str) -> QueryOutcome:
        """Check and run *query* on *store*'s current data in a worker.

        Raises
        ------
        SparqlRefused
            For an update, ``SERVICE``, ``FROM``, or a query that tried to reach the
            network or a file.
        SparqlError
            For a query that does not parse or that Oxigraph cannot run.
        SparqlTimeout
            When the query passes ``settings.sparql_timeout`` (its worker is killed),
            needs more than ``settings.sparql_worker_memory`` (:class:`SparqlTooBig`),
            or finds no free worker within ``settings.sparql_queue_wait``
            (:class:`SparqlBusy`).
        """
        settings = self.settings
        limits = _Limits(settings.sparql_result_limit, settings.sparql_result_bytes)
        with self._copies.hold(store) as (version, path), self._slot():
            reply = self._ask((version, path, query, limits))
        if reply[0] == "refused":
            raise SparqlRefused(reply[1])
        if reply[0] == "error":
            raise SparqlError(reply[1])
        if reply[0] == "too-big":
            raise self._too_big()
        return reply[1]

    @contextlib.contextmanager
    def _slot(self) -> Iterator[None]:
        wait = self.settings.sparql_queue_wait
        if not self._slots.acquire(timeout=wait):
            retry = max(1, round(self.settings.sparql_timeout))
            raise SparqlBusy(
                f"Alle SPARQL-werkers zijn bezig; na {wait:g} seconden wachten is de query "
                f"niet gestart. Probeer het over {retry} seconden opnieuw.",
                retry,
            )
        try:
            yield
        finally:
            self._slots.release()

    def _ask(self, message: tuple[Any, ...]) -> tuple[Any, ...]:
        with self._lock:
            worker = self._idle.pop() if self._idle else None
        if worker is None or not worker.process.is_alive():
            worker = _Worker(self.settings.sparql_worker_memory * 2**20)
        try:
            reply = worker.ask(message, self.settings.sparql_timeout)
        except TimeoutError:
            worker.kill()
            raise SparqlTimeout(
                f"De query duurde langer dan {self.settings.sparql_timeout:g} seconden en is "
                "gestopt. Maak de query kleiner (LIMIT, minder patronen)."
            ) from None
        except (EOFError, OSError):
            # The worker died: Oxigraph aborts when the address-space cap is reached.
            worker.kill()
            raise self._too_big() from None
        with self._lock:
            self._idle.append(worker)
        return reply

    def _too_big(self) -> SparqlTooBig:
        return SparqlTooBig(
            f"De query had meer dan {self.settings.sparql_worker_memory} MB geheugen nodig en "
            "is gestopt. Maak de query kleiner (minder of kortere waarden, LIMIT)."
        )

    def close(self) -> None:
        """Stop every idle worker and drop the data copies."""
        with self._lock:
            workers, self._idle = self._idle, []
        for worker in workers:
            worker.stop()
        self._copies.close()


# -- result formats -----------------------------------------------------------------------

# A spreadsheet reads a cell that starts with =, +, -, @, tab or CR as a formula. In the
# TSV document a string cell is quoted (with a tab or CR in it escaped) and follows a
# tab or a line end (the first line holds the variables, no values); numbers are
# written bare or pass. The cell's start comes first, so the search is fast.
_FORMULA_CELL = re.compile(rb'([\t\n]")((?:[=+\-@]|\\[tr])[^"\\]*(?:\\.[^"\\]*)*)"')
_NUMBER = re.compile(rb"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _as_text(cell: re.Match[bytes]) -> bytes:
    """The string *cell* with a ``'`` before its value, unless that value is a number."""
    start, value = cell.groups()
    return cell.group(0) if _NUMBER.fullmatch(value) else start + b"'" + value + b'"'


def _formulas_as_text(document: bytes) -> bytes:
    """The TSV *document* with a ``'`` before every value a spreadsheet would run."""
    return _FORMULA_CELL.sub(_as_text, document)


def _result_format(fmt: str) -> Any:
    import pyoxigraph as ox

    return {
        "json": ox.QueryResultsFormat.JSON,
        "xml": ox.QueryResultsFormat.XML,
        "csv": ox.QueryResultsFormat.CSV,
        "tsv": ox.QueryResultsFormat.TSV,
    }[fmt]


def _graph_format(fmt: str) -> Any:
    import pyoxigraph as ox

    return {
        "turtle": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "json-ld": ox.RdfFormat.JSON_LD,
        "xml": ox.RdfFormat.RDF_XML,
    }[fmt]


def _results(outcome: QueryOutcome, fmt: str) -> bytes:
    import pyoxigraph as ox

    text = outcome.document
    if fmt == "csv":
        text = _formulas_as_text(text)
    if fmt != "tsv":
        parsed = ox.parse_query_results(text, ox.QueryResultsFormat.TSV)
        text = parsed.serialize(format=_result_format(fmt))  # type: ignore[assignment]
    if fmt == "json":
        # Beside the standard members; SPARQL JSON readers skip members they do not know.
        limits = {
            "afgekapt": outcome.truncated,
            "limiet": outcome.limit,
            "bytelimiet": outcome.size_limit,
            "afgekapt_op": outcome.cut_by or None,
        }
        text = (
            text.rstrip()[:-1]
            + b',"zorgnet":'
            + json.dumps(limits, separators=(",", ":")).encode()
            + b"}"
        )
    elif fmt == "xml" and outcome.truncated:
        text = text.replace(b"</head>", b'<link href="urn:zorgnet:afgekapt"/></head>', 1)
    return text


def _graph(outcome: QueryOutcome, fmt: str) -> bytes:
    import pyoxigraph as ox

    text = outcome.document
    if fmt != "nt":
        # Oxigraph wrote these N-Triples itself: no need to check the IRIs again.
        triples = ox.parse(text, ox.RdfFormat.N_TRIPLES, lenient=True)
        text = ox.serialize(triples, format=_graph_format(fmt), prefixes=PREFIXES)  # type: ignore[assignment]
    if outcome.truncated and fmt in ("turtle", "nt"):
        text = f"# afgekapt na {outcome.count} triples ({outcome.cut_by})\n".encode() + text
    return text


def render(outcome: QueryOutcome, fmt: str) -> bytes:
    """*outcome* in *fmt*, written by Oxigraph, with the cut said in the format's own way.

    Parameters
    ----------
    outcome : QueryOutcome
        What :meth:`SparqlRunner.run` returned.
    fmt : str
        ``json``, ``xml``, ``csv`` or ``tsv`` for SELECT and ASK; ``turtle``, ``nt``,
        ``json-ld`` or ``xml`` (RDF/XML) for CONSTRUCT and DESCRIBE.

    Returns
    -------
    bytes
        The UTF-8 text. SPARQL JSON carries a ``zorgnet`` member with the limits, SPARQL
        XML a ``<link href="urn:zorgnet:afgekapt"/>`` when cut, Turtle and N-Triples a
        comment; in CSV a value a spreadsheet would run as a formula starts with ``'``.
    """
    if outcome.kind == "GRAPH":
        return _graph(outcome, fmt)
    return _results(outcome, fmt)
