"""Does reading an RDF file ever reach the network, or another file? It must not.

A real HTTP server on 127.0.0.1 counts the requests it gets; Python's audit hook sees
every file that is opened. JSON-LD that names a context elsewhere is refused, in
Dutch, naming the file and the key, before rdflib could fetch it.
"""

import http.server
import json
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import SKOS, Literal, URIRef
from typer.testing import CliRunner

from zorgnet.api.cli import app
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import read_dataset
from zorgnet.loaders.rdf_file import JSONLD_CONTEXT_URL, read_rdf

SUBJECT = "https://w3id.org/zorgnet/id/actor/x"


class _Server:
    """An HTTP server that answers every GET with a JSON-LD context and counts them."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # the name http.server calls
                outer.requests.append(self.path)
                body = json.dumps({"@context": {"naam": str(SKOS.prefLabel)}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/ld+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    listening = _Server()
    thread = threading.Thread(target=listening.httpd.serve_forever, daemon=True)
    thread.start()
    yield listening
    listening.httpd.shutdown()
    listening.httpd.server_close()
    thread.join(5)


_OPENED: list[str] | None = None


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "open" and _OPENED is not None and isinstance(args[0], str | Path):
        _OPENED.append(str(args[0]))


sys.addaudithook(_audit)  # an audit hook cannot be removed; it records only when asked


@pytest.fixture
def opened() -> Iterator[list[str]]:
    """The paths of the files opened while the test runs."""
    global _OPENED
    _OPENED = []
    try:
        yield _OPENED
    finally:
        _OPENED = None


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A context file beside the data that nothing may read."""
    path = tmp_path / "geheim" / "context.jsonld"
    path.parent.mkdir()
    path.write_text(json.dumps({"@context": {"naam": str(SKOS.prefLabel)}}), encoding="utf-8")
    return path


def _documents(url: str, secret: Path) -> dict[str, tuple[str, dict[str, Any]]]:
    """Each way of naming a context elsewhere: (the key it stands under, the document)."""
    node = {"@id": SUBJECT, "naam": "x"}
    return {
        "import": ("@import", {"@context": {"@import": f"{url}/c.jsonld"}, **node}),
        "import-file": ("@import", {"@context": {"@import": secret.as_uri()}, **node}),
        "remote": ("@context", {"@context": f"{url}/c.jsonld", **node}),
        "in-a-list": (
            "@context",
            {"@context": [{"zn": "https://w3id.org/zorgnet/def#"}, [f"{url}/c.jsonld"]], **node},
        ),
        "wrapped": ("@context", {"@context": {"@context": f"{url}/c.jsonld"}, **node}),
        "scoped": (
            "@context",
            {
                "@context": {
                    "t": {"@id": "https://w3id.org/zorgnet/def#t", "@context": f"{url}/c.jsonld"}
                },
                "@id": SUBJECT,
                "t": {"naam": "x"},
            },
        ),
        "in-an-object": (
            "@context",
            {
                "@id": SUBJECT,
                "https://w3id.org/zorgnet/def#t": {"@context": f"{url}/c.jsonld", "naam": "x"},
            },
        ),
        "file": ("@context", {"@context": secret.as_uri(), **node}),
        "relative": ("@context", {"@context": "geheim/context.jsonld", **node}),
        "etc-hostname": ("@context", {"@context": "file:///etc/hostname", **node}),
    }


CASES = sorted(_documents("http://h", Path("/x")))


def _write(tmp_path: Path, name: str, document: dict[str, Any]) -> Path:
    path = tmp_path / f"{name}.jsonld"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", CASES)
def test_a_context_named_elsewhere_is_refused_and_never_fetched(
    tmp_path: Path, server: _Server, secret: Path, opened: list[str], case: str
) -> None:
    key, document = _documents(server.url, secret)[case]
    path = _write(tmp_path, case, document)
    before = len(server.requests)
    graph, _, problems = read_rdf(path, path.name)
    assert len(server.requests) == before == 0
    assert str(secret) not in opened and "/etc/hostname" not in opened
    assert len(graph) == 0
    [problem] = problems
    assert (problem.rule, problem.file, problem.field) == ("jsonld-context", path.name, key)
    assert problem.line is not None
    assert "wordt niet opgehaald" in problem.message
    assert JSONLD_CONTEXT_URL in problem.hint


@pytest.mark.slow
def test_check_load_add_and_import_fetch_nothing(
    tmp_path: Path, server: _Server, secret: Path, opened: list[str]
) -> None:
    store = tmp_path / "store"
    with Store(store):
        pass
    runner = CliRunner()
    for case, (_, document) in _documents(server.url, secret).items():
        path = _write(tmp_path, case, document)
        commands = [
            ["check", str(path)],
            ["load", str(path), "--add", "--store", str(store)],
            ["import", "--format", "jsonld", str(path), "--store", str(store)],
        ]
        for command in commands:
            result = runner.invoke(app, command)
            assert result.exit_code == 1, (command, result.output)
            assert "wordt niet opgehaald" in result.output
            assert "Traceback" not in result.output
    assert server.requests == []
    assert str(secret) not in opened


def test_zorgnet_s_own_context_is_read_from_the_package_wherever_it_is_named(
    tmp_path: Path,
) -> None:
    # A term whose nested object uses zorgnet's context: once rdflib tried to fetch it.
    document = {
        "@context": {
            "t": {"@id": "https://w3id.org/zorgnet/def#t", "@context": JSONLD_CONTEXT_URL}
        },
        "@id": SUBJECT,
        "t": {"@id": "https://w3id.org/zorgnet/id/actor/y", "prefLabel": "Y"},
        "https://w3id.org/zorgnet/def#link": JSONLD_CONTEXT_URL,  # a value, not a context
    }
    graph, _, problems = read_rdf(_write(tmp_path, "eigen", document))
    assert problems == []
    y = URIRef("https://w3id.org/zorgnet/id/actor/y")
    assert (y, SKOS.prefLabel, Literal("Y", lang="nl")) in graph
    assert (
        URIRef(SUBJECT),
        URIRef("https://w3id.org/zorgnet/def#link"),
        Literal(JSONLD_CONTEXT_URL),
    ) in graph


def test_turtle_prefixes_base_and_imports_are_only_names(
    tmp_path: Path, server: _Server, secret: Path, opened: list[str]
) -> None:
    path = tmp_path / "namen.ttl"
    path.write_text(
        f"@base <{server.url}/basis/> .\n"
        f"@prefix ex: <{server.url}/ns#> .\n"
        f"@prefix geheim: <{secret.as_uri()}#> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        f"<onderdeel> owl:imports <{server.url}/ontologie.ttl>, <{secret.as_uri()}> ;\n"
        "    ex:p geheim:q .\n",
        encoding="utf-8",
    )
    graph, _, problems = read_rdf(path)
    assert problems == []
    assert len(graph) == 3
    assert (URIRef(f"{server.url}/basis/onderdeel"), None, None) in graph
    report = read_dataset(path).report  # and the whole check, SHACL included
    assert all(p.rule != "rdf-syntax" for p in report.problems)
    assert server.requests == []
    assert str(secret) not in opened
