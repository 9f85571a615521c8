"""Fixtures that run a test against both store backends: embedded Oxigraph and Virtuoso.

One private Virtuoso server serves the whole test session (start ≈ 3 s); each test gets
it emptied. ``any_store`` is the ``--store`` value of a fresh, empty store of either
kind, with the update user of the remote one in the environment (ZORGNET_SPARQL_*).
"""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from virtuoso import VirtuosoServer, virtuoso_available

__all__ = ["any_store", "empty_virtuoso", "virtuoso"]


@pytest.fixture(scope="session")
def virtuoso() -> Iterator[VirtuosoServer]:
    """The session's private Virtuoso server on free loopback ports."""
    if not virtuoso_available():
        pytest.fail(
            "Virtuoso 7 is missing: run .ci/install-system-packages "
            "(Debian package virtuoso-opensource)"
        )
    with VirtuosoServer() as server:
        yield server


def _empty(server: VirtuosoServer) -> None:
    auth = httpx.DigestAuth("zorgnet", server.password)
    query = (
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        'FILTER(STRSTARTS(STR(?g), "urn:zorgnet:")) }'
    )
    answer = httpx.post(
        server.endpoint,
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    answer.raise_for_status()
    for row in answer.json()["results"]["bindings"]:
        dropped = httpx.post(
            f"{server.endpoint}-auth",
            data={"update": f"DROP SILENT GRAPH <{row['g']['value']}>"},
            auth=auth,
            timeout=30,
        )
        dropped.raise_for_status()


@pytest.fixture
def empty_virtuoso(
    virtuoso: VirtuosoServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[VirtuosoServer]:
    """The session's Virtuoso without zorgnet data, its update user in the environment,
    and a cache folder of the test's own for what is derived from its versions.

    A server that crashed during the test (tests that kill it start it again) fails the
    test with the server's last words, not only with the client's "connection refused";
    the next test gets a new server, not the one recovered from the kill.
    """
    if virtuoso.recovered or virtuoso.process is None or virtuoso.process.poll() is not None:
        virtuoso.renew()
    _empty(virtuoso)
    for name, value in virtuoso.credentials_env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("ZORGNET_CACHE", str(tmp_path_factory.mktemp("cache")))
    yield virtuoso
    crashed = virtuoso.crash_report()
    if crashed is not None:
        pytest.fail(crashed)


@pytest.fixture(params=["oxigraph", pytest.param("virtuoso", marks=pytest.mark.virtuoso)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The location of an empty store of each backend, as ``--store`` takes it."""
    if request.param == "oxigraph":
        return str(tmp_path / "store")
    server: VirtuosoServer = request.getfixturevalue("empty_virtuoso")
    return server.store_url
