"""Benchmark (not a test): both store backends at both scales.

For the shipped region and the synthetic national network (``zorgnet synth``, generated
into a temporary folder), and for the embedded Oxigraph store (on disk) and a private
Virtuoso 7 server (tests/virtuoso.py), in three separate processes so that each memory
peak (``ru_maxrss``) belongs to one job:

``check``
    Reading and checking the YAML (``zorgnet check``: records, references, SHACL),
    and writing the checked data as N-Triples for the other two.
``load``
    Making the checked data current in the store: ``replace_from_file`` alone (the
    embedded store's bulk loader, in parts; for Virtuoso the file parsed by Oxigraph
    and sent as Graph Store uploads); ``project_file`` alone; then what ``zorgnet load``
    does, a second load with the file projected meanwhile (``ProjectionCache.load``), the
    projection saved beside the version (Virtuoso's in the local cache folder).
``reopen``
    What the next process pays for the projection: reading back the one saved by
    ``load`` (``ProjectionCache.get`` on a newly opened store); then what a web app's warm-up
    adds (the vocabulary, the route indexes: ``prepare_routes``) and the route question
    asked after it, first and warm.
``serve``
    What a server process does with loaded data: read it (paged, for Virtuoso), project
    it, and answer each analysis (route, gaps, overlaps, team membership, brokers),
    cold (first call: per-projection indexes built) and warm (median of later calls),
    after a garbage collection that is timed on its own (the projection is built with
    the collector paused; its first pass over the new objects comes after);
    and the route question asked as a SPARQL 1.1 property-path query on the same store,
    as a ratio to the warm route. Asked again and again, the same path query is answered
    from the server's caches (Virtuoso); so at national scale both are also asked for
    20 different entry points (a huisarts in each of 20 gemeenten), each question once,
    after the warm runs, and the medians compared.

Times are wall clock; CPU time (``time.process_time``) is printed beside them because
the server's share of a Virtuoso step is not in this process's CPU time, and because a
shared machine stretches wall time but not CPU time.

Run: .venv/bin/python bench/backends.py [--gemeenten 340] [--scales regio,nationaal]
[--backends oxigraph,virtuoso] [--json out.json]
"""

import argparse
import gc
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from timing import path_query, timed
from virtuoso import VirtuosoServer

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.ontology.namespace import ID, VOCAB

# Per scale: the route question (source actor, help kind, gemeente) and a region.
QUESTIONS = {
    "regio": ("huisarts", "jeugd-ggz", "hilversum", "gooi-en-vechtstreek"),
    "nationaal": ("g001-huisarts-1", "jeugd-ggz", "g001", "r01"),
}
# Per scale: different questions (source actor, gemeente), each asked once.
DISTINCT = {
    "regio": [],
    "nationaal": [(f"g{i:03d}-huisarts-1", f"g{i:03d}") for i in range(101, 341, 12)],
}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _open(backend: str, location: str) -> Any:
    if backend == "oxigraph":
        from zorgnet.graph.store import Store

        return Store(Path(location))
    from zorgnet.graph.sparql_store import SparqlStore

    endpoint, password, cache = location.split(" ", 2)
    return SparqlStore(endpoint, user="zorgnet", password=password, timeout=120, cache=Path(cache))


def check(dataset: Path, out: Path) -> dict[str, Any]:
    from zorgnet.loaders.dataset import read_dataset

    data, wall, cpu = timed(lambda: read_dataset(dataset))
    if not data.report.ok:
        raise SystemExit(f"{dataset} is niet in orde: {data.report.errors[:3]}")
    with out.open("wb") as written:
        data.triples.write(written)
    return {
        "triples": len(data.triples),
        "check_ms": wall,
        "check_cpu_ms": cpu,
        "check_peak_mb": _peak_mb(),
    }


def load(backend: str, location: str, nt: Path) -> dict[str, Any]:
    from zorgnet.graph.projection import project_file
    from zorgnet.graph.projection_cache import ProjectionCache

    with _open(backend, location) as store:
        _, wall, cpu = timed(lambda: store.replace_from_file(nt))
        row = {"load_ms": wall, "load_cpu_ms": cpu, "load_peak_mb": _peak_mb()}
    row["project_file_ms"] = timed(lambda: project_file(nt))[1]
    gc.collect()
    # What ``zorgnet load`` does: a second load (dropping the first), projected meanwhile.
    with _open(backend, location) as store:
        _, row["load_and_project_ms"], row["load_and_project_cpu_ms"] = timed(
            lambda: ProjectionCache().load(store, nt)
        )
    row["load_and_project_peak_mb"] = _peak_mb()
    return row


def reopen(backend: str, location: str, scale: str) -> dict[str, Any]:
    from zorgnet.graph import saved_projection
    from zorgnet.graph.analyses.routes import prepare_routes, referral_routes
    from zorgnet.graph.projection_cache import ProjectionCache
    from zorgnet.ontology.vocabulary import vocabulary

    source, help_kind, gemeente, _ = QUESTIONS[scale]
    with _open(backend, location) as store:
        path = store.derived_path(saved_projection.NAME)
        if path is None or not path.exists():
            raise SystemExit(f"geen bewaarde projectie voor {backend}: {path}")
        G, wall, cpu = timed(lambda: ProjectionCache().get(store))
        row = {
            "reopen_projection_ms": wall,
            "reopen_projection_cpu_ms": cpu,
            "reopen_actors": G.number_of_nodes(),
        }
        # As the web app's warm-up does: the vocabulary is read once per process.
        row["reopen_vocabulary_ms"] = timed(vocabulary)[1]
        gc.collect()

        def route() -> Any:
            return referral_routes(G, source, help_kind, gemeente=gemeente, k=5)

        # The web app's warm-up builds the route indexes too; a CLI command's first
        # question builds them itself (the sum of the two).
        row["reopen_prepare_routes_ms"] = timed(lambda: prepare_routes(G))[1]
        row["reopen_route_first_ms"] = timed(route)[1]
        row["reopen_route_warm_ms"] = statistics.median(timed(route)[1] for _ in range(5))
    row["reopen_peak_mb"] = _peak_mb()
    return row


def serve(backend: str, location: str, scale: str, repeat: int) -> dict[str, Any]:
    from zorgnet.graph.analyses.brokers import brokers
    from zorgnet.graph.analyses.gaps import coverage
    from zorgnet.graph.analyses.membership import compare_teams
    from zorgnet.graph.analyses.overlaps import overlaps
    from zorgnet.graph.analyses.routes import referral_routes
    from zorgnet.graph.projection import project

    source, help_kind, gemeente, region = QUESTIONS[scale]
    row: dict[str, Any] = {}
    with _open(backend, location) as store:
        graph, row["read_ms"], row["read_cpu_ms"] = timed(store.graph)
        G, row["projection_ms"], row["projection_cpu_ms"] = timed(lambda: project(graph))
        row["actors"], row["edges"] = G.number_of_nodes(), G.number_of_edges()
        # The projection is built with the collector paused; its first full pass over
        # the new objects would otherwise be counted in whichever analysis came first.
        _, row["gc_after_projection_ms"], _ = timed(gc.collect)
        cases: dict[str, Callable[[], Any]] = {
            "route": lambda: referral_routes(G, source, help_kind, gemeente=gemeente, k=5),
            "gaps": lambda: coverage(G, gemeenten=[gemeente]),
            "overlaps": lambda: overlaps(G),
            "teams": lambda: compare_teams(G),
            "brokers_region": lambda: brokers(G, region=region),
            "brokers": lambda: brokers(G),
        }
        for name, function in cases.items():
            _, row[f"{name}_cold_ms"], row[f"{name}_cold_cpu_ms"] = timed(function)
            warm = [timed(function)[1] for _ in range(repeat)]
            row[f"{name}_warm_ms"] = statistics.median(warm)
        report = brokers(G)
        row["brokers_method"] = (
            f"{report.betweenness}, k={report.samples}, seed={report.seed}"
            if report.sampled
            else report.betweenness
        )

        def ask_path(source: str) -> Callable[[], Any]:
            target = (ID[f"actor/{source}"], VOCAB[f"helpkinds/{help_kind}"])
            if backend == "oxigraph":
                # The embedded store keeps a version's triples in the default graph.
                query = path_query(*target)
                return lambda: _answered(list(graph.query(query)), query)
            query = path_query(*target, graph=store.version)
            return lambda: _answered(store.select(query), query)

        row["path_targets"] = len(ask_path(source)())
        row["path_query_ms"] = statistics.median(timed(ask_path(source))[1] for _ in range(3))
        row["path_over_route"] = row["path_query_ms"] / row["route_warm_ms"]
        if DISTINCT[scale]:
            routes = [
                timed(lambda s=s, g=g: referral_routes(G, s, help_kind, gemeente=g, k=5))[1]
                for s, g in DISTINCT[scale]
            ]
            paths = [timed(ask_path(s))[1] for s, _ in DISTINCT[scale]]
            row["route_distinct_ms"] = statistics.median(routes)
            row["path_distinct_ms"] = statistics.median(paths)
            row["path_over_route_distinct"] = row["path_distinct_ms"] / row["route_distinct_ms"]
    row["serve_peak_mb"] = _peak_mb()
    return row


def _answered(rows: Any, query: str) -> Any:
    """*rows*, when there are any: a path query that finds nothing times nothing."""
    if not rows:
        raise SystemExit(f"de padvraag vond niets; klopt de graaf?\n{query}")
    return rows


def _child(*args: str) -> dict[str, Any]:
    """Run one phase in a process of its own; its last output line is the JSON row."""
    done = subprocess.run(
        [sys.executable, __file__, "--phase", *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"fase {args[0]} mislukt:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gemeenten", type=int, default=340)
    parser.add_argument("--scales", default="regio,nationaal")
    parser.add_argument("--backends", default="oxigraph,virtuoso")
    parser.add_argument("--repeat", type=int, default=5, help="Warm runs per analysis.")
    parser.add_argument("--json", type=Path, help="Write the rows to this file too.")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phase, *rest = args.phase
        if phase == "check":
            result = check(Path(rest[0]), Path(rest[1]))
        elif phase == "load":
            result = load(rest[0], rest[1], Path(rest[2]))
        elif phase == "reopen":
            result = reopen(rest[0], rest[1], rest[2])
        else:
            result = serve(rest[0], rest[1], rest[2], int(rest[3]))
        print(json.dumps(result))
        return

    from zorgnet.loaders.synth import synthesize, write_network

    backends = args.backends.split(",")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        server = VirtuosoServer().start() if "virtuoso" in backends else None
        try:
            for scale in args.scales.split(","):
                path = SHIPPED_DATASET
                if scale == "nationaal":
                    path = Path(folder) / "nl"
                    start = time.perf_counter()
                    write_network(synthesize(gemeenten=args.gemeenten, seed=1), path)
                    print(f"synth {args.gemeenten} gemeenten: {time.perf_counter() - start:.1f} s")
                nt = Path(folder) / f"{scale}.nt"
                checked = _child("check", str(path), str(nt))
                print(f"{scale}: {json.dumps(checked)}", flush=True)
                for backend in backends:
                    if backend == "oxigraph":
                        location = str(Path(folder) / f"{scale}-store")
                    else:
                        assert server is not None
                        cache = Path(folder) / f"{scale}-cache"
                        location = f"{server.endpoint} {server.password} {cache}"
                    row = {"scale": scale, "backend": backend, **checked}
                    row.update(_child("load", backend, location, str(nt)))
                    row.update(_child("reopen", backend, location, scale))
                    row.update(_child("serve", backend, location, scale, str(args.repeat)))
                    rows.append(row)
                    print(json.dumps(row), flush=True)
        finally:
            if server is not None:
                server.stop()
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
