"""Benchmark (not a test): an edit (``SparqlStore.apply``) of the national network on Virtuoso 7.

Starts a private Virtuoso server (tests/virtuoso.py), loads the national network with
``replace`` and reads it once with ``graph()`` (the paged copy in memory that a web
server keeps), then makes a few edits of one record the way the web editor does: the
record's triples out, the changed ones in. For each edit it prints the wall time and
where it went: the server requests by kind (count, which triples the base holds, the
server-side copy, the deletes and inserts, reading the changed subjects back, the
pointer switch, dropping the old version), the copy of the version in memory, which
runs in a thread of its own while the server copies, and how much the server's
transaction log grew. Last, it checks that the copy in memory equals a fresh read of
the server.

Data: ``--nt FILE`` reads an N-Triples dump; ``--store DIR`` dumps the current version of
an embedded store (opened read-only, not changed) to a temporary file first.

Run: .venv/bin/python bench/virtuoso_apply.py --store /tmp/nat/store [--edits 3] [--record ID]
"""

import argparse
import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Graph, Literal, URIRef

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from timing import timed_requests
from virtuoso import VirtuosoServer

from zorgnet.graph import sparql_store
from zorgnet.graph.sparql_store import SparqlStore
from zorgnet.ontology.namespace import ID

# The actor whose labels each edit changes; a national id by default.
RECORD = "g001-huisarts-1"


def _kind(kwargs: dict[str, Any]) -> str:
    """What a request of SparqlStore does, from its SPARQL text."""
    data = kwargs.get("data") or {}
    text = data.get("update") or data.get("query") or ""
    for marker, kind in (
        ("ADD <", "server copy (ADD)"),
        ("DELETE DATA", "delete data"),
        ("INSERT DATA", "insert data"),
        ("COUNT(*)", "count"),
        ("BIND(0 AS ?i)", "which triples the base holds"),
        ("VALUES ?s", "read changed subjects back"),
        ("DELETE { GRAPH <urn:zorgnet:meta>", "switch"),
        ("urn:zorgnet:currentVersion> ?v", "ask the current version"),
        ("DROP SILENT GRAPH", "drop the old version"),
    ):
        if marker in text:
            return kind
    return "other"


def _timed_copy(copies: list[float]) -> Callable[[ox.Store, ox.NamedNode], ox.Store]:
    copy = sparql_store._copy_store

    def timed(store: ox.Store, name: ox.NamedNode) -> ox.Store:
        start = time.perf_counter()
        try:
            return copy(store, name)
        finally:
            copies.append(time.perf_counter() - start)

    return timed


def _nt(args: argparse.Namespace) -> Path:
    if args.nt:
        return Path(args.nt)
    folder = args.store / "versions" / (args.store / "current").read_text().split()[0]
    source = ox.Store.read_only(str(folder))
    (name,) = source.named_graphs()
    path = Path(tempfile.mkdtemp(prefix="zorgnet-apply-")) / "national.nt"
    source.dump(str(path), format=ox.RdfFormat.N_TRIPLES, from_graph=name)
    return path


def _edit(graph: Graph, subject: URIRef, suffix: str) -> tuple[Graph, Graph]:
    """The record's triples, and the same with its Dutch texts ending in *suffix*."""
    old, new = Graph(), Graph()
    for p, o in graph.predicate_objects(subject):
        old.add((subject, p, o))
        if isinstance(o, Literal) and o.language:
            o = Literal(str(o).split(" (bewerking")[0] + suffix, lang=o.language)
        new.add((subject, p, o))
    return old, new


def _print(row: dict[str, object]) -> None:
    print(json.dumps(row), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--nt", type=Path, help="an N-Triples dump of the national network")
    source.add_argument("--store", type=Path, help="an embedded store folder (read only)")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument(
        "--record", default=RECORD, help="the id of the actor to edit (huisarts on the region)"
    )
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    record = ID[f"actor/{args.record}"]

    start = time.perf_counter()
    nt = _nt(args)
    data_store = ox.Store()
    data_store.bulk_load(path=nt, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("urn:b"))
    data = Graph(store=OxigraphStore(store=data_store), identifier="urn:b")
    _print(
        {
            "step": "data",
            "file": str(nt),
            "triples": len(data_store),
            "wall_s": round(time.perf_counter() - start, 2),
        }
    )

    copies: list[float] = []
    sparql_store._copy_store = _timed_copy(copies)  # type: ignore[assignment]
    with (
        VirtuosoServer() as server,
        SparqlStore(
            server.endpoint, user="zorgnet", password=server.password, timeout=args.timeout
        ) as store,
    ):
        start = time.perf_counter()
        store.replace(data)
        _print({"step": "load (replace)", "wall_s": round(time.perf_counter() - start, 2)})
        del data, data_store
        start = time.perf_counter()
        store.graph()
        _print({"step": "read (graph)", "wall_s": round(time.perf_counter() - start, 2)})

        times = timed_requests(store, _kind)
        changed: list[float] = []
        finish = store._changed

        def timed_changed(*args: Any) -> Any:
            start = time.perf_counter()
            try:
                return finish(*args)
            finally:
                changed.append(time.perf_counter() - start)

        store._changed = timed_changed  # type: ignore[method-assign]
        trx = server.folder / "db" / "virtuoso.trx"
        for i in range(args.edits):
            old, new = _edit(store.graph(), record, f" (bewerking {i + 1})")
            times.clear()
            copies.clear()
            changed.clear()
            log = trx.stat().st_size
            wall, cpu = time.perf_counter(), time.process_time()
            store.apply(old, new)
            row: dict[str, object] = {
                "step": f"edit {i + 1} (apply)",
                "removed": len(old),
                "added": len(new),
                "wall_s": round(time.perf_counter() - wall, 2),
                "cpu_s": round(time.process_time() - cpu, 2),
            }
            row |= {kind: round(sum(t), 3) for kind, t in sorted(times.items())}
            row["copy in memory (thread, overlaps the server copy)"] = round(sum(copies), 2)
            row["cache entry (waits for that copy; read back, change, count)"] = round(
                sum(changed), 2
            )
            row["transaction log growth (MB)"] = round((trx.stat().st_size - log) / 1e6, 1)
            row["cache kept"] = store._cache is not None and store._cache[0] == str(store.version)
            _print(row)

        times.clear()
        start = time.perf_counter()
        store._drop_orphans(str(store.version))
        _print(
            {
                "step": "look for orphan versions (as replace does)",
                "wall_s": round(time.perf_counter() - start, 2),
            }
        )

        start = time.perf_counter()
        local = store.graph()
        _print(
            {
                "step": "graph() after the edits",
                "wall_ms": round((time.perf_counter() - start) * 1000, 1),
            }
        )
        with SparqlStore(server.endpoint, timeout=args.timeout) as fresh:
            start = time.perf_counter()
            _, server_copy, _ = fresh._current()
            _print(
                {
                    "step": "fresh read of the edited version (check)",
                    "wall_s": round(time.perf_counter() - start, 2),
                }
            )
        _, cached, _ = store._current()
        ours = {(q.subject, q.predicate, q.object) for q in cached}
        theirs = {(q.subject, q.predicate, q.object) for q in server_copy}
        _print(
            {
                "step": "check: copy in memory == fresh read",
                "equal": ours == theirs,
                "triples": len(ours),
                "label": next(
                    str(o)
                    for p, o in local.predicate_objects(record)
                    if isinstance(o, Literal) and o.language
                ),
            }
        )
    _print(
        {
            "step": "peak memory",
            "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        }
    )


if __name__ == "__main__":
    main()
