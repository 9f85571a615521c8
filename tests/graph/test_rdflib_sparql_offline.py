"""rdflib's own SPARQL engine never fetches the graphs a query names in FROM or FROM
NAMED once zorgnet's store is imported, though the engine is loaded only by the first
query. A real HTTP server on 127.0.0.1 counts the requests; each check runs in a fresh
interpreter, so that no earlier query has loaded the engine."""

import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest

DATA = b"<urn:x:a> <urn:x:p> <urn:x:b> .\n"


class _Server:
    """An HTTP server that answers every GET with one N-Triples line and counts them."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # the name http.server calls
                outer.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "application/n-triples")
                self.send_header("Content-Length", str(len(DATA)))
                self.end_headers()
                self.wfile.write(DATA)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"


@pytest.fixture
def server() -> Iterator[_Server]:
    listening = _Server()
    thread = threading.Thread(target=listening.httpd.serve_forever, daemon=True)
    thread.start()
    yield listening
    listening.httpd.shutdown()
    listening.httpd.server_close()
    thread.join(5)


def _rows(first: str, query: str) -> int:
    """The rows of *query* on an empty in-memory rdflib dataset, in a fresh interpreter
    that runs *first* before it."""
    code = f"{first}\nfrom rdflib import Dataset\nprint(len(list(Dataset().query({query!r}))))\n"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


@pytest.mark.parametrize("clause", ["FROM", "FROM NAMED"])
def test_a_query_naming_a_graph_on_the_web_fetches_nothing(server: _Server, clause: str) -> None:
    where = "{ ?s ?p ?o }" if clause == "FROM" else "{ GRAPH ?g { ?s ?p ?o } }"
    query = f"SELECT * {clause} <{server.url}/data.nt> WHERE {where}"
    # rdflib alone fetches it: the server is what it would reach.
    assert _rows("", query) == 1
    assert server.requests == ["/data.nt"]
    assert _rows("import zorgnet.graph.store", query) == 0
    assert server.requests == ["/data.nt"]
