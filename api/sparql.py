"""The read-only SPARQL endpoint's engine: query checks, worker processes, result formats.

Every query is parsed with rdflib's SPARQL parser before it runs. Updates (INSERT,
DELETE, LOAD, CLEAR ...), federation (``SERVICE``) and datasets named in the query
(``FROM`` / ``FROM NAMED``) are refused: Oxigraph would run ``SERVICE`` through its own
HTTP client, which Python cannot switch off, and a ``FROM`` URL is a request to the
outside world for an engine that loads graphs. Accepted queries run on Oxigraph's own
engine in a worker process over an in-memory copy of the store's current version; a
worker that passes the time limit is killed and replaced, so the server keeps
answering. Results are cut at a configurable limit, and the cut is said in the response.

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
import csv
import hashlib
import io
import json
import multiprocessing
import shutil
import tempfile
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef

from zorgnet.ontology.context import PREFIXES
from zorgnet.ontology.exceptions import ZorgnetError

if TYPE_CHECKING:
    from zorgnet.api.settings import Settings
    from zorgnet.graph.store import Store

__all__ = [
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "QueryOutcome",
    "SparqlError",
    "SparqlRefused",
    "SparqlRunner",
    "SparqlTimeout",
    "check_query",
    "render",
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


class SparqlError(ZorgnetError):
    """A query that cannot run: syntax error or engine error (HTTP 400)."""


class SparqlRefused(SparqlError):
    """A query that is not allowed here: update, SERVICE, FROM (HTTP 400)."""


class SparqlTimeout(ZorgnetError):
    """A query that passed the time limit and was stopped (HTTP 503)."""


def _contains(node: Any, name: str) -> bool:
    if getattr(node, "name", None) == name:
        return True
    if isinstance(node, dict):
        return any(_contains(v, name) for v in node.values())
    if isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        return any(_contains(v, name) for v in node)
    return False


def check_query(text: str) -> str:
    """Check that *text* is a read-only SPARQL query that stays inside the store.

    Returns
    -------
    str
        The query form: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.

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

    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        try:
            parseUpdate(text)
        except Exception:
            raise SparqlError(
                f"De query is geen geldige SPARQL: {exc.msg} (regel {exc.lineno}, kolom {exc.col})."
            ) from exc
        raise SparqlRefused(
            "Dit SPARQL-endpoint is alleen-lezen: een update (INSERT, DELETE, LOAD, CLEAR, "
            "CREATE, DROP ...) wordt geweigerd."
        ) from exc
    except Exception as exc:
        raise SparqlError(f"De query is geen geldige SPARQL: {exc}") from exc
    if _contains(parsed, "ServiceGraphPattern"):
        raise SparqlRefused(
            "SERVICE (federatie) wordt geweigerd: dit endpoint vraagt niets op bij andere servers."
        )
    if _contains(parsed, "DatasetClause"):
        raise SparqlRefused(
            "FROM en FROM NAMED worden geweigerd: queries lopen alleen over de data van "
            "zorgnet (laat FROM weg)."
        )
    try:
        translateQuery(parsed)
    except Exception as exc:
        raise SparqlError(f"De query is geen geldige SPARQL: {exc}") from exc
    return _KINDS.get(parsed[1].name, "SELECT")


# -- worker process ---------------------------------------------------------------------

Term = tuple[str, ...]


def _term(term: Any) -> Term | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype else ""
        return ("literal", term.value, term.language or "", datatype)
    return ("literal", str(term), "", "")


def _answer(result: Any, limit: int) -> tuple[Any, ...]:
    import pyoxigraph as ox

    if isinstance(result, ox.QueryBoolean):
        return ("ASK", bool(result))
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows: list[list[Term | None]] = []
        truncated = False
        for solution in result:
            if len(rows) == limit:
                truncated = True
                break
            rows.append([_term(solution[i]) for i in range(len(names))])
        return ("SELECT", names, rows, truncated)
    triples: list[tuple[Term | None, ...]] = []
    truncated = False
    for triple in result:
        if len(triples) == limit:
            truncated = True
            break
        triples.append((_term(triple.subject), _term(triple.predicate), _term(triple.object)))
    return ("GRAPH", triples, truncated)


def _serve(conn: Connection) -> None:
    """Answer queries from *conn* until told to stop; one copy of the data at a time."""
    import pyoxigraph as ox

    store = None
    loaded = None
    conn.send("ready")
    while True:
        message = conn.recv()
        if message is None:
            return
        path, query, limit = message
        try:
            if loaded != path:
                store = ox.Store()
                store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES)
                loaded = path
            conn.send(("ok", _answer(store.query(query), limit)))  # type: ignore[union-attr]
        except Exception as exc:
            conn.send(("error", str(exc)))


_STARTUP_SECONDS = 60.0


class _Worker:
    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child,), daemon=True)
        self.process.start()
        child.close()
        # Starting Python is not the query's time: wait for the worker before the clock runs.
        if not self.conn.poll(_STARTUP_SECONDS) or self.conn.recv() != "ready":
            self.kill()
            raise SparqlError("De SPARQL-werker kon niet starten.")

    def ask(self, message: tuple[str, str, int], timeout: float) -> tuple[str, Any]:
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


@dataclass(frozen=True)
class QueryOutcome:
    """What a query returned, as plain values.

    Attributes
    ----------
    kind : str
        ``SELECT``, ``ASK`` or ``GRAPH`` (CONSTRUCT and DESCRIBE).
    variables : list of str
        The SELECT variables.
    rows : list
        SELECT rows of term tuples (``("uri", iri)``, ``("literal", text, lang,
        datatype)``, ``("bnode", id)`` or None), or the CONSTRUCT triples.
    boolean : bool or None
        The ASK answer.
    truncated : bool
        Whether the result was cut at the limit.
    limit : int
        The result limit in force.
    """

    kind: str
    variables: list[str]
    rows: list[Any]
    boolean: bool | None
    truncated: bool
    limit: int


class SparqlRunner:
    """Runs checked queries in worker processes with a time limit.

    Parameters
    ----------
    settings : Settings
        ``sparql_timeout``, ``sparql_result_limit`` and ``sparql_workers``.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._slots = threading.BoundedSemaphore(settings.sparql_workers)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._dumps: dict[str, Path] = {}
        self._folder: Path | None = None

    def _dump(self, store: Store) -> Path:
        """The current version as an N-Triples file, written once per version."""
        version = str(store.version)
        with self._lock:
            if version in self._dumps:
                return self._dumps[version]
            if self._folder is None:
                self._folder = Path(tempfile.mkdtemp(prefix="zorgnet-sparql-"))
            name = hashlib.sha256(version.encode()).hexdigest()[:16] + ".nt"
            path = self._folder / name
            path.write_bytes(store.graph().serialize(format="ox-ntriples", encoding="utf-8"))
            # Keep the previous copy: a worker may be loading it for a query still running.
            for stale in list(self._dumps)[:-1]:
                self._dumps.pop(stale).unlink(missing_ok=True)
            self._dumps[version] = path
            return path

    def run(self, store: Store, query: str) -> QueryOutcome:
        """Run *query* (already checked) on *store*'s current data.

        Raises
        ------
        SparqlTimeout
            When the query passes ``settings.sparql_timeout``; its worker is killed.
        SparqlError
            When Oxigraph refuses the query.
        """
        path = self._dump(store)
        limit = self.settings.sparql_result_limit
        with self._slots:
            with self._lock:
                worker = self._idle.pop() if self._idle else None
            if worker is None or not worker.process.is_alive():
                worker = _Worker()
            try:
                status, payload = worker.ask(
                    (str(path), query, limit), self.settings.sparql_timeout
                )
            except TimeoutError:
                worker.kill()
                raise SparqlTimeout(
                    f"De query duurde langer dan {self.settings.sparql_timeout:g} seconden en is "
                    "gestopt. Maak de query kleiner (LIMIT, minder patronen)."
                ) from None
            except (EOFError, OSError) as exc:
                worker.kill()
                raise SparqlError(f"De query kon niet worden uitgevoerd: {exc}") from exc
            with self._lock:
                self._idle.append(worker)
        if status == "error":
            raise SparqlError(f"De query kon niet worden uitgevoerd: {payload}")
        if payload[0] == "ASK":
            return QueryOutcome("ASK", [], [], payload[1], False, limit)
        if payload[0] == "SELECT":
            return QueryOutcome("SELECT", payload[1], payload[2], None, payload[3], limit)
        return QueryOutcome("GRAPH", [], payload[1], None, payload[2], limit)

    def close(self) -> None:
        """Stop every idle worker and remove the data copies."""
        with self._lock:
            workers, self._idle = self._idle, []
            folder, self._folder, self._dumps = self._folder, None, {}
        for worker in workers:
            worker.stop()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


# -- result formats -----------------------------------------------------------------------


def _json_term(term: Term) -> dict[str, str]:
    if term[0] == "literal":
        out = {"type": "literal", "value": term[1]}
        if term[2]:
            out["xml:lang"] = term[2]
        elif term[3] and term[3] != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term[3]
        return out
    return {"type": term[0], "value": term[1]}


def _xml_term(term: Term) -> str:
    if term[0] == "uri":
        return f"<uri>{escape(term[1])}</uri>"
    if term[0] == "bnode":
        return f"<bnode>{escape(term[1])}</bnode>"
    attrs = ""
    if term[2]:
        attrs = f" xml:lang={quoteattr(term[2])}"
    elif term[3] and term[3] != "http://www.w3.org/2001/XMLSchema#string":
        attrs = f" datatype={quoteattr(term[3])}"
    return f"<literal{attrs}>{escape(term[1])}</literal>"


def _rdf_term(term: Term) -> URIRef | BNode | Literal:
    if term[0] == "uri":
        return URIRef(term[1])
    if term[0] == "bnode":
        return BNode(term[1])
    if term[2]:
        return Literal(term[1], lang=term[2])
    return Literal(term[1], datatype=URIRef(term[3]) if term[3] else None)


def _table(outcome: QueryOutcome, delimiter: str) -> str:
    buffer = io.StringIO()
    if delimiter == ",":
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(outcome.variables)
        for row in outcome.rows:
            writer.writerow(["" if t is None else t[1] for t in row])
        return buffer.getvalue()
    lines = ["\t".join(f"?{v}" for v in outcome.variables)]
    for row in outcome.rows:
        lines.append("\t".join("" if t is None else _rdf_term(t).n3() for t in row))
    return "\n".join(lines) + "\n"


def render(outcome: QueryOutcome, fmt: str) -> str:
    """*outcome* as text in *fmt* (json, xml, csv, tsv; turtle, nt, json-ld, xml for graphs)."""
    if outcome.kind == "GRAPH":
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        for triple in outcome.rows:
            graph.add(tuple(_rdf_term(t) for t in triple))  # type: ignore[arg-type]
        text = graph.serialize(format=fmt)
        if outcome.truncated and fmt in ("turtle", "nt"):
            text = f"# afgekapt na {outcome.limit} triples\n" + text
        return text
    if fmt == "json":
        document: dict[str, Any] = {"head": {"vars": outcome.variables}}
        if outcome.kind == "ASK":
            document = {"head": {}, "boolean": outcome.boolean}
        else:
            document["results"] = {
                "bindings": [
                    {v: _json_term(t) for v, t in zip(outcome.variables, row, strict=True) if t}
                    for row in outcome.rows
                ]
            }
        document["zorgnet"] = {"afgekapt": outcome.truncated, "limiet": outcome.limit}
        return json.dumps(document, ensure_ascii=False)
    if fmt == "xml":
        head = "".join(f"<variable name={quoteattr(v)}/>" for v in outcome.variables)
        if outcome.truncated:
            head += '<link href="urn:zorgnet:afgekapt"/>'
        if outcome.kind == "ASK":
            body = f"<boolean>{'true' if outcome.boolean else 'false'}</boolean>"
        else:
            results = "".join(
                "<result>"
                + "".join(
                    f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                    for v, t in zip(outcome.variables, row, strict=True)
                    if t
                )
                + "</result>"
                for row in outcome.rows
            )
            body = f"<results>{results}</results>"
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head>{head}</head>{body}</sparql>\n"
        )
    if outcome.kind == "ASK":
        return "true\n" if outcome.boolean else "false\n"
    return _table(outcome, "," if fmt == "csv" else "\t")
