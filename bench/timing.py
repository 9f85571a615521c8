"""The one way the benchmarks time a step."""

import statistics
import time
from collections.abc import Callable
from typing import Any

__all__ = ["median_ms"]


def median_ms(function: Callable[[], Any], repeat: int = 1) -> float:
    """The median wall time of *function* over *repeat* runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
