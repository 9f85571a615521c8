"""The one way the benchmarks time a step, and the one property-path question they ask."""

import statistics
import time
from collections.abc import Callable
from typing import Any

__all__ = ["PATH_QUERY", "median_ms", "timed"]

# The route question as a SPARQL 1.1 property path, reachability only (the route
# analysis also ranks, checks conditions and names mandates). Format with the version
# graph, the source actor's IRI and the help kind's IRI.
PATH_QUERY = """
PREFIX zn: <https://w3id.org/zorgnet/def#>
SELECT DISTINCT ?target WHERE {{ GRAPH <{graph}> {{
  <{source}> (^zn:from/zn:to)+ ?target .
  ?target zn:offers <{help_kind}> .
}} }}
"""


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
