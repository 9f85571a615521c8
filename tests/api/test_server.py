"""The real server: uvicorn on a free loopback port, a SPARQL client and a browser."""

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import free_port, serve
from SPARQLWrapper import CSV, JSON, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, loaded_store: Path, make_settings
) -> Iterator[str]:
    """The web app served by uvicorn in a thread; yields its base URL."""
    target = tmp_path_factory.mktemp("server") / "store"
    shutil.copytree(loaded_store, target)
    with serve(make_settings(target)) as base:
        yield base


def test_the_server_answers_over_http(server: str) -> None:
    health = httpx.get(f"{server}/health").json()
    assert health["status"] == "in orde"
    actors = httpx.get(f"{server}/api/actors", params={"gemeente": "huizen"}).json()
    assert actors["total"] > 0


@pytest.mark.slow
def test_sparqlwrapper_gets_json_csv_and_turtle(server: str) -> None:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(
        "PREFIX zn: <https://w3id.org/zorgnet/def#> SELECT ?a WHERE { ?a a zn:Actor } LIMIT 5"
    )
    client.setReturnFormat(JSON)
    assert len(client.query().convert()["results"]["bindings"]) == 5
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().startswith("a\r\n")
    client.setMethod("POST")
    client.setQuery("CONSTRUCT WHERE { <https://w3id.org/zorgnet/id/actor/veilig-thuis> ?p ?o }")
    client.setReturnFormat(TURTLE)
    assert b"veilig-thuis" in client.query().convert()


@pytest.mark.slow
def test_sparqlwrapper_sees_an_update_refused(server: str) -> None:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    client.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed):
        client.query()


@pytest.mark.browser
def test_the_route_form_in_a_browser(server: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    try:
        page.goto(f"{server}/route")
        page.select_option("select[name=van]", "huisarts")
        page.select_option("select[name=naar]", "jeugd-ggz")
        page.select_option("select[name=gemeente]", "huizen")
        page.click("form[action='/route'] button[type=submit]")
        page.wait_for_selector("#resultaat")
        assert "Route 1" in page.inner_text("#resultaat")
        assert page.locator("ol.zn-route__steps li").count() >= 2
        shot = tmp_path / "zorgnet-route-form.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 1000
        page.goto(f"{server}/")
        assert "Sociale kaart" in page.inner_text("h1")
    finally:
        page.close()


@pytest.mark.slow
def test_zorgnet_serve_prints_its_url_and_serves_the_store(
    tmp_path: Path, loaded_store: Path
) -> None:
    import subprocess
    import sys

    target = tmp_path / "store"
    shutil.copytree(loaded_store, target)
    port = free_port()
    env = {**os.environ, "ZORGNET_PORT": str(port), "ZORGNET_TOKEN": "uit-de-omgeving"}
    command = [str(Path(sys.executable).with_name("zorgnet")), "serve", "--store", str(target)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    try:
        first_line = process.stdout.readline() if process.stdout else ""
        assert f"zorgnet draait op http://127.0.0.1:{port}/" in first_line
        assert "wijzigen met token" in first_line
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).json()
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "zorgnet serve did not answer"
                time.sleep(0.2)
        assert health["alleen_lezen"] is False
    finally:
        process.terminate()
        process.wait(15)
