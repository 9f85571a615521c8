"""The store's settings are typed as what they hold, and read in one place.

``--store`` / ``ZORGNET_STORE`` hold a folder (a Path) or a remote store (a
SparqlEndpoint that carries its update user, time limit and cache); the update user
comes from ``ZORGNET_SPARQL_USER`` / ``ZORGNET_SPARQL_PASSWORD`` through the settings,
and a wrong value is a Dutch message that names the setting and never the password.
"""

import re
from pathlib import Path

import pytest
from pydantic import SecretStr
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner

from zorgnet.api.cli import app
from zorgnet.api.settings import Settings
from zorgnet.graph.backends import SparqlEndpoint, StoreSettings, open_store, store_location
from zorgnet.graph.sparql_store import SparqlStore
from zorgnet.graph.store import Store
from zorgnet.ontology.exceptions import SettingsError, StoreError

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["ontology", "graph", "loaders", "viz", "core", "api", "data"]
BACKEND_VARIABLES = ("STORE", "SPARQL_USER", "SPARQL_PASSWORD", "STORE_TIMEOUT", "CACHE")
runner = CliRunner()


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No ZORGNET_* backend variable set, and the defaults under *tmp_path*."""
    for name in BACKEND_VARIABLES:
        monkeypatch.delenv(f"ZORGNET_{name}", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return monkeypatch


def test_a_folder_is_a_path_and_the_default_follows_xdg(
    clean_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert StoreSettings().store == tmp_path / "data" / "zorgnet" / "store"
    clean_env.setenv("ZORGNET_STORE", str(tmp_path / "elders"))
    assert Settings.read().store == tmp_path / "elders"
    assert Settings.read(store=str(tmp_path / "hier")).store == tmp_path / "hier"


def test_a_sparql_url_is_an_endpoint_with_the_user_time_limit_and_cache_of_the_settings(
    clean_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clean_env.setenv("ZORGNET_STORE", "sparql+https://kaart.example.org/sparql")
    clean_env.setenv("ZORGNET_SPARQL_USER", "redactie")
    clean_env.setenv("ZORGNET_SPARQL_PASSWORD", "heel-geheim")
    clean_env.setenv("ZORGNET_STORE_TIMEOUT", "12.5")
    store = Settings.read().store
    assert store == SparqlEndpoint(
        url="https://kaart.example.org/sparql",
        user="redactie",
        password=SecretStr("heel-geheim"),
        timeout=12.5,
        cache=tmp_path / "cache" / "zorgnet",
    )
    assert str(store) == "sparql+https://kaart.example.org/sparql"
    assert "heel-geheim" not in repr(store)
    # A --store option names the server; the user still comes from the environment.
    other = Settings.read(store="sparql+http://127.0.0.1:8890/sparql").store
    assert isinstance(other, SparqlEndpoint)
    assert (other.url, other.user) == ("http://127.0.0.1:8890/sparql", "redactie")


def test_an_endpoint_given_as_one_keeps_what_it_was_given(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("ZORGNET_SPARQL_USER", "uit-de-omgeving")
    given = SparqlEndpoint(url="http://h:1/sparql", user="eigen", timeout=3)
    store = StoreSettings(store=given).store
    assert isinstance(store, SparqlEndpoint)
    assert (store.user, store.timeout) == ("eigen", 3)


def test_an_empty_variable_counts_as_not_set(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("ZORGNET_STORE", "sparql+http://h:1/sparql")
    clean_env.setenv("ZORGNET_SPARQL_USER", "")
    store = StoreSettings.read().store
    assert isinstance(store, SparqlEndpoint)
    assert store.user is None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            "http://127.0.0.1:8890/sparql",
            "--store: 'http://127.0.0.1:8890/sparql' is een webadres, geen map. Geef een "
            "SPARQL-server op als sparql+http://host:poort/sparql",
        ),
        ("sparql+ftp://host/sparql", "'sparql+ftp://host/sparql' is geen adres van een"),
        ("sparql+http://:8890/sparql", "is geen adres van een SPARQL-server"),
        ("sparql+http://host:poort/sparql", "De poort in 'http://host:poort/sparql' is geen"),
        ("", "De plek van de opslag is leeg"),
    ],
)
def test_a_wrong_store_is_a_dutch_message(
    clean_env: pytest.MonkeyPatch, given: str, expected: str
) -> None:
    with pytest.raises(SettingsError, match=re.escape(expected)):
        Settings.read(store=given)


def test_a_password_in_the_url_is_refused_without_showing_it(
    clean_env: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.read(store="sparql+http://zorgnet:heel-geheim@h:8890/sparql")
    message = str(raised.value)
    assert "heel-geheim" not in message
    assert "ZORGNET_SPARQL_USER en ZORGNET_SPARQL_PASSWORD" in message
    with pytest.raises(SettingsError) as raised:
        store_location("http://zorgnet:heel-geheim@h:8890/sparql")
    assert "heel-geheim" not in str(raised.value)


def test_a_wrong_value_in_the_environment_names_the_variable(
    clean_env: pytest.MonkeyPatch,
) -> None:
    clean_env.setenv("ZORGNET_STORE_TIMEOUT", "een minuut")
    with pytest.raises(SettingsError) as raised:
        StoreSettings.read()
    assert str(raised.value) == (
        "Ongeldige instelling. ZORGNET_STORE_TIMEOUT ('een minuut') moet een getal zijn."
    )
    clean_env.setenv("ZORGNET_STORE_TIMEOUT", "0")
    with pytest.raises(SettingsError, match=r"ZORGNET_STORE_TIMEOUT \('0'\) moet groter"):
        open_store("sparql+http://127.0.0.1:9/sparql")


def test_a_wrong_option_names_the_option(clean_env: pytest.MonkeyPatch) -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.read(port="tachtig")
    assert (
        str(raised.value) == "Ongeldige instelling. --port ('tachtig') moet een geheel getal zijn."
    )


def _said(output: str) -> str:
    """The console's output without the line breaks it wraps long messages at."""
    return " ".join(output.split())


def test_the_cli_says_what_is_wrong_with_the_store_and_exits_2(
    clean_env: pytest.MonkeyPatch,
) -> None:
    result = runner.invoke(app, ["info", "--store", "http://127.0.0.1:8890/sparql"])
    assert result.exit_code == 2
    assert _said(result.stderr).startswith(
        "fout: Ongeldige instelling. --store: 'http://127.0.0.1:8890/sparql' is een webadres"
    )
    assert "Traceback" not in result.output
    clean_env.setenv("ZORGNET_STORE_TIMEOUT", "snel")
    result = runner.invoke(app, ["route", "huisarts", "jeugd-ggz", "--store", "sparql+http://h/s"])
    assert result.exit_code == 2
    assert "ZORGNET_STORE_TIMEOUT ('snel') moet een getal zijn" in _said(result.stderr)


def test_zorgnet_serve_with_a_wrong_store_stops_before_it_runs(
    clean_env: pytest.MonkeyPatch,
) -> None:
    result = runner.invoke(app, ["serve", "--store", "https://example.org/sparql"])
    assert result.exit_code == 2
    assert "is een webadres, geen map" in _said(result.stderr)
    assert "draait op" not in result.stdout


def test_a_folder_opens_the_embedded_store_typed_as_the_contract(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as store:
        assert isinstance(store, Store)
        assert store.version is None
    with open_store(str(tmp_path / "store"), read_only=True) as store:
        assert isinstance(store, Store) and store.read_only


def test_no_module_reads_a_backend_setting_from_the_environment_itself() -> None:
    """Only the settings read ZORGNET_STORE, the SPARQL user, the time limit, the cache."""
    names = "|".join(BACKEND_VARIABLES)
    reads = re.compile(rf"(environ|getenv)\W+[^\n]*ZORGNET_({names})\b")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if reads.search(line)
    ]
    assert found == []


def test_the_update_user_of_the_settings_writes_to_virtuoso(
    empty_virtuoso, monkeypatch: pytest.MonkeyPatch
) -> None:
    # empty_virtuoso puts ZORGNET_SPARQL_USER / _PASSWORD in the environment.
    monkeypatch.setenv("ZORGNET_STORE", empty_virtuoso.store_url)
    settings = Settings.read()
    assert isinstance(settings.store, SparqlEndpoint)
    assert settings.store.user == "zorgnet"
    data = Graph()
    data.add((URIRef("urn:x:a"), URIRef("urn:x:p"), Literal("b")))
    with open_store(settings.store) as store:
        assert isinstance(store, SparqlStore)
        store.replace(data)
        assert len(store) == 1
    # The same server without the user: the settings say so, and writing is refused.
    monkeypatch.delenv("ZORGNET_SPARQL_USER")
    monkeypatch.delenv("ZORGNET_SPARQL_PASSWORD")
    anonymous = Settings.read().store
    assert isinstance(anonymous, SparqlEndpoint) and anonymous.user is None
    with open_store(anonymous) as store, pytest.raises(StoreError, match="ZORGNET_SPARQL_USER"):
        store.replace(data)
