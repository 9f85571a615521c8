"""Benchmark (not a test): how fast the ``zorgnet`` command starts and answers.

Runs the installed ``.venv/bin/zorgnet`` as a subprocess, N times per command, and prints
the median and the minimum of the wall time and of the CPU time (user + system of the
child process). The store is a temporary folder, loaded once with the shipped dataset
(``zorgnet load``, which also saves the projection beside the store version), and given
to every run as ``ZORGNET_STORE``. One run per command goes first, unmeasured, so that
every measured run finds the files in the page cache. The load average before and after
is printed too: on a shared machine the wall time grows with it, the CPU time far less.

Goals (issue 18): ``zorgnet --help`` ≤ 0.35 s and ``zorgnet route huisarts jeugd-ggz
--gemeente huizen`` ≤ 0.6 s, median wall time of 5 runs.

Run: .venv/bin/python bench/cli.py [-n 5]
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ZORGNET = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "zorgnet"

COMMANDS: list[tuple[list[str], float]] = [
    (["--help"], 0.35),
    (["route", "huisarts", "jeugd-ggz", "--gemeente", "huizen"], 0.6),
]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one ``zorgnet`` run; a failing run stops the benchmark."""
    cpu, wall = _children_cpu(), time.perf_counter()
    done = subprocess.run([str(ZORGNET), *args], env=env, capture_output=True, check=False)
    wall, cpu = time.perf_counter() - wall, _children_cpu() - cpu
    if done.returncode != 0:
        sys.exit(f"zorgnet {' '.join(args)} failed ({done.returncode}):\n{done.stderr.decode()}")
    return wall, cpu


def load_average() -> str:
    """The system's load average over 1, 5 and 15 minutes."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5, help="measured runs per command")
    options = parser.parse_args()
    print(f"load average before: {load_average()}")
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "ZORGNET_STORE": str(Path(folder) / "store")}
        load, _ = run(["load"], env)
        print(f"zorgnet load (once, shipped dataset): {load:.2f} s wall")
        print(f"{'command':<50} {'wall median':>11} {'min':>6} {'cpu median':>11} {'min':>6}")
        for args, goal in COMMANDS:
            run(args, env)
            walls, cpus = zip(*(run(args, env) for _ in range(options.n)), strict=True)
            wall = statistics.median(walls)
            verdict = f"goal {goal:.2f} s: " + ("met" if wall <= goal else "missed")
            print(
                f"{'zorgnet ' + ' '.join(args):<50} {wall:10.3f}s {min(walls):5.3f}s "
                f"{statistics.median(cpus):10.3f}s {min(cpus):5.3f}s  {verdict}"
            )
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    main()
