"""Benchmark (not a test): the server time of every Dutch page on the region.

Starts uvicorn on a free loopback port over a temporary store with the shipped data and
asks each page ``-n`` times, one request at a time, after one warm-up request. Server
time is measured inside the server, by a thin ASGI wrapper around the app: from the
request's arrival to handing the answer's last part to uvicorn, so loopback and the
client are left out; the client's wall time is printed beside it, and the server time
of the warm-up request (the first request of all waits for the projection; a page's
first request fills the caches of its analyses). Pages: those of the accessibility statement
(``ACCESSIBILITY_CHECKED``) and a few more. Goal (issue 19): each page ≤ 150 ms.

Run: ``.venv/bin/python bench/pages.py [-n 21] [--data PATH]``
"""

import argparse
import socket
import statistics
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from zorgnet.api.app import create_app
from zorgnet.api.routers.pages import ACCESSIBILITY_CHECKED
from zorgnet.api.settings import SHIPPED_DATASET, Settings

GOAL_MS = 150.0
# Pages beside those of the accessibility statement: the forms without a choice, the
# other gemeenten, a ladder by its own address.
MORE = (
    "/route",
    "/overlap",
    "/mandaten",
    "/opschaling",
    "/gemeenten/hilversum",
    "/gemeenten/huizen/opschaling",
    "/actoren/veilig-thuis",
)


class ServerTimer:
    """An ASGI wrapper that keeps, per path and query, the seconds from a request's
    arrival to its answer's last part."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.times: dict[str, list[float]] = defaultdict(list)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        query = scope["query_string"].decode()
        key = scope["path"] + (f"?{query}" if query else "")

        async def timed_send(message: dict) -> None:
            # Noted before the last part goes out, so the client never reads the answer
            # before its time is kept.
            if message["type"] == "http.response.body" and not message.get("more_body"):
                self.times[key].append(time.perf_counter() - start)
            await send(message)

        await self.app(scope, receive, timed_send)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _measure(base: str, timer: ServerTimer, paths: list[str], n: int) -> list[tuple]:
    rows = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for path in paths:
            first = client.get(path)
            key = first.request.url.raw_path.decode()
            cold = timer.times[key][0]
            timer.times.clear()
            wall = []
            for _ in range(n):
                start = time.perf_counter()
                response = client.get(path)
                wall.append(time.perf_counter() - start)
            served = timer.times[key]
            rows.append(
                (
                    path,
                    first.status_code,
                    1000 * cold,
                    1000 * statistics.median(served),
                    1000 * max(served),
                    1000 * statistics.median(wall),
                    len(response.content),
                )
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=21, help="requests per page (median)")
    parser.add_argument("--data", type=Path, default=SHIPPED_DATASET)
    args = parser.parse_args()
    paths = [url for url, _ in ACCESSIBILITY_CHECKED] + list(MORE)
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(store=Path(folder) / "store", data=args.data)
        timer = ServerTimer(create_app(settings))
        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(timer, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            if not thread.is_alive():
                raise SystemExit("De server kon niet starten (zie de melding hierboven).")
            time.sleep(0.05)
        try:
            rows = _measure(f"http://127.0.0.1:{port}", timer, paths, args.n)
        finally:
            server.should_exit = True
            thread.join(10)
    print(f"{args.n} verzoeken per pagina, na één opwarmverzoek; doel ≤ {GOAL_MS:.0f} ms\n")
    print(
        "| pagina | status | eerste keer (ms) | server mediaan (ms) | server max (ms) "
        "| klant mediaan (ms) | KB | doel |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for path, status, cold, median, worst, wall, size in rows:
        mark = "ja" if median <= GOAL_MS else "NEE"
        shown = path if len(path) <= 60 else path[:57] + "..."
        print(
            f"| `{shown}` | {status} | {cold:.1f} | {median:.1f} | {worst:.1f} | {wall:.1f} "
            f"| {size / 1024:.0f} | {mark} |"
        )
    slowest = max(rows, key=lambda r: r[3])
    print(f"\nTraagste pagina: {slowest[0]} ({slowest[3]:.1f} ms mediaan servertijd).")


if __name__ == "__main__":
    main()
