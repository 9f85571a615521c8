"""The one way the benchmarks time a step, and the one property-path question they ask."""

import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import httpx

from zorgnet.graph.sparql_store import SparqlStore

__all__ = ["median_ms", "path_query", "timed", "timed_requests"]


def path_query(source: str, help_kind: str, graph: str | None = None) -> str:
    """The route question as a SPARQL 1.1 property path, reachability only (the route
    analysis also ranks, checks conditions and names mandates): which actors offering
    *help_kind* can *source* reach? In the named *graph*, else in the default graph
    (where the embedded store keeps a version's triples)."""
    pattern = f"<{source}> (^zn:from/zn:to)+ ?target . ?target zn:offers <{help_kind}> ."
    if graph is not None:
        pattern = f"GRAPH <{graph}> {{ {pattern} }}"
    return (
        f"PREFIX zn: <https://w3id.org/zorgnet/def#>\nSELECT DISTINCT ?target WHERE {{ {pattern} }}"
    )


def median_ms(function: Callable[[], Any], repeat: int = 1) -> float:
    """The median wall time of *function* over *repeat* runs, in milliseconds."""
    return statistics.median(timed(function)[1] for _ in range(repeat))


def timed(function: Callable[[], Any]) -> tuple[Any, float, float]:
    """*function*'s result, its wall time and this process's CPU time, in milliseconds.

    CPU time beside wall time: a shared machine stretches the one but not the other,
    and a server's share of a step shows only in the wall time.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    value = function()
    return value, (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def timed_requests(
    store: SparqlStore, kind: Callable[[dict[str, Any]], str] = lambda _: "all"
) -> dict[str, list[float]]:
    """From now on, the wall time of every HTTP request of *store*, in seconds and in
    order, listed by *kind* (of the request's keyword arguments)."""
    times: dict[str, list[float]] = defaultdict(list)
    request = store._client.request

    def timed(method: str, url: str, **kwargs: Any) -> httpx.Response:
        start = time.perf_counter()
        try:
            return request(method, url, **kwargs)
        finally:
            times[kind(kwargs)].append(time.perf_counter() - start)

    store._client.request = timed  # type: ignore[method-assign]
    return times
