"""Benchmark (not a test): the route and gaps analyses on the national synthetic network.

Issue 17 holds the national route and gaps numbers to at most 2x those before the
reachability rewrite. This script asks only what both versions of the code can answer
(``referral_routes``, ``coverage``, ``referrer_reach``, ``dead_ends``), so the same
file runs against the code before and after: point ``PYTHONPATH`` at a tree whose
``zorgnet`` package is the older code (see bench/README.md) and give it the pickle that
code built (``bench/national_analyses.py --build FILE.nt --pickle P``; the projection's
classes differ between versions, so each version reads its own).

Per question: "cold" is the first call on a projection whose memo (the per-projection
indexes and cached results) was just emptied, repeated ``--repeat`` times with the memo
emptied and a garbage collection before each; "warm" the following calls, the memo
kept. Medians, wall and CPU milliseconds (the machine may be shared: CPU time is the
steadier figure). ``dead_ends`` is cached per projection, so its warm call is a look-up;
its cold one is the whole-country computation. The last line is the JSON of all rows.

Run: .venv/bin/python bench/routes_gaps.py --pickle P [--repeat 5] [--label after]
"""

import argparse
import gc
import json
import pickle
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from timing import timed

import zorgnet.graph.analyses.routes as routes_module
from zorgnet.graph.analyses.gaps import coverage, dead_ends, referrer_reach
from zorgnet.graph.analyses.routes import referral_routes


def cases(G: nx.MultiDiGraph) -> dict[str, Callable[[], Any]]:
    """The questions, by name: routes from an actor, a kind of actor and an inhabitant
    in two gemeenten and across the country; coverage of one gemeente and of all; the
    legal referrers' reach in one gemeente; the dead ends of the country."""

    def route(source: str, help_kind: str, gemeente: str | None) -> Callable[[], Any]:
        return lambda: referral_routes(G, source, help_kind, gemeente=gemeente, k=5)

    return {
        "route g001-huisarts-1 → jeugd-ggz (g001)": route("g001-huisarts-1", "jeugd-ggz", "g001"),
        "route huisarts → jeugd-ggz (g200)": route("huisarts", "jeugd-ggz", "g200"),
        "route inwoner → jeugd-ggz (g001)": route("inwoner", "jeugd-ggz", "g001"),
        "route inwoner → basishulp (g150)": route("inwoner", "basishulp", "g150"),
        "route school → jeugd-ggz (g300)": route("school", "jeugd-ggz", "g300"),
        "route g001-huisarts-1 → jeugd-ggz (land)": route("g001-huisarts-1", "jeugd-ggz", None),
        "dekking g001": lambda: coverage(G, gemeenten=["g001"]),
        "dekking alle gemeenten": lambda: coverage(G),
        "bereik verwijzers g001": lambda: referrer_reach(G, "g001"),
        "doodlopend (land)": lambda: dead_ends(G),
    }


def summary(result: Any) -> str:
    """What the answer holds, to see that both versions answered the same question."""
    if hasattr(result, "routes"):
        return f"{len(result.routes)} routes, {len(result.providers)} aanbieders, {result.missing}"
    if hasattr(result, "cells"):
        return f"{len(result.cells)} cellen, {len(result.gaps())} gaten"
    if hasattr(result, "unreached"):
        return f"{len(result.referrers)} verwijzers, {len(result.unreached)} soorten onbereikt"
    return f"{len(result.unreachable)} onbereikbaar, {len(result.dead_ends)} doodlopend"


def profile(
    G: nx.MultiDiGraph, chosen: dict[str, Callable[[], Any]], kind: str, repeat: int
) -> None:
    """Where the time of each question goes: the functions by own time and by time
    spent in them and their callees, over *repeat* cold or warm calls."""
    import cProfile
    import pstats

    for name, function in chosen.items():
        function()  # the indexes built, for a warm profile
        profiler = cProfile.Profile()
        for _ in range(repeat):
            if kind == "cold":
                G.graph["memo"] = {}
                gc.collect()
            profiler.runcall(function)
        print(f"== {name}, {repeat} {kind} calls", flush=True)
        stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
        stats.sort_stats("tottime").print_stats(12)
        stats.sort_stats("cumulative").print_stats(18)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pickle", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cold-repeat", type=int, default=3)
    parser.add_argument("--only", help="Only the questions whose name contains this.")
    parser.add_argument("--label", default="")
    parser.add_argument(
        "--profile",
        choices=("cold", "warm"),
        help="Profile the chosen questions' cold or warm calls with cProfile instead.",
    )
    args = parser.parse_args()
    G = pickle.loads(args.pickle.read_bytes())
    gc.collect()
    print(f"{args.label}: {routes_module.__file__}", file=sys.stderr)
    print(
        f"{G.number_of_nodes()} actoren, {G.number_of_edges()} verbindingen; cold = mediaan "
        f"van {args.cold_repeat} met lege memo, warm = mediaan van {args.repeat}; "
        "ms wand / ms CPU"
    )
    rows = []
    chosen = {n: f for n, f in cases(G).items() if not args.only or args.only in n}
    if args.profile:
        profile(G, chosen, args.profile, args.repeat)
        return
    width = max(len(name) for name in chosen)
    for name, function in chosen.items():
        colds = []
        for _ in range(args.cold_repeat):
            G.graph["memo"] = {}
            gc.collect()
            colds.append(timed(function))
        warm = [timed(function) for _ in range(args.repeat)]
        row = {
            "label": args.label,
            "question": name,
            "cold_ms": statistics.median(c[1] for c in colds),
            "cold_cpu_ms": statistics.median(c[2] for c in colds),
            "warm_ms": statistics.median(w[1] for w in warm),
            "warm_cpu_ms": statistics.median(w[2] for w in warm),
            "answer": summary(colds[0][0]),
        }
        rows.append(row)
        print(
            f"  {name:<{width}}  cold {row['cold_ms']:9.1f} / {row['cold_cpu_ms']:9.1f}   "
            f"warm {row['warm_ms']:9.2f} / {row['warm_cpu_ms']:9.2f}   {row['answer']}",
            flush=True,
        )
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
