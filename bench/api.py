"""Benchmark (not a test): the web app under concurrent load on loopback.

Starts uvicorn on a free loopback port over a temporary store with the shipped data,
then sends a bounded number of requests from a few concurrent clients to the route
endpoint and to the actor list, and prints requests per second with p50 and p99
latency. Bounded in count and time: ``--requests`` per endpoint, stopped after
``--seconds``.

Run: ``.venv/bin/python bench/api.py [--requests 400 --concurrency 8 --seconds 60 --data PATH]``
"""

import argparse
import socket
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import uvicorn

from zorgnet.api.app import create_app
from zorgnet.api.settings import SHIPPED_DATASET, Settings

ENDPOINTS = {
    "route": "/api/routes?van=huisarts&naar=jeugd-ggz&gemeente=huizen",
    "actor list": "/api/actors?gemeente=hilversum&limit=50",
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _load(base: str, path: str, requests: int, concurrency: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    errors = 0

    def worker(count: int) -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(count):
                if time.monotonic() > deadline:
                    return
                start = time.perf_counter()
                response = client.get(path)
                latencies.append(time.perf_counter() - start)
                errors += response.status_code != 200

    with httpx.Client(base_url=base) as warm:
        warm.get(path)  # the projection is built once per store version
    share = [requests // concurrency + (i < requests % concurrency) for i in range(concurrency)]
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(worker, share))
    elapsed = time.perf_counter() - started
    print(
        f"{path}\n  {len(latencies)} verzoeken, {concurrency} tegelijk: "
        f"{len(latencies) / elapsed:.0f} verzoeken/s, "
        f"p50 {1000 * statistics.median(latencies):.1f} ms, "
        f"p99 {1000 * _percentile(latencies, 0.99):.1f} ms, fouten {errors}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--data", type=Path, default=SHIPPED_DATASET)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(store=Path(folder) / "store", data=args.data)
        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            if not thread.is_alive():
                raise SystemExit("De server kon niet starten (zie de melding hierboven).")
            time.sleep(0.05)
        try:
            for name, path in ENDPOINTS.items():
                print(name)
                _load(
                    f"http://127.0.0.1:{port}", path, args.requests, args.concurrency, args.seconds
                )
        finally:
            server.should_exit = True
            thread.join(10)


if __name__ == "__main__":
    main()
