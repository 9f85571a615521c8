"""A web app that only reads, beside the one that writes the same store.

``zorgnet serve --alleen-lezen`` (``Settings(read_only=True)``) opens the store without
its write lock: it answers every read from the version current when the request asks,
so it sees the writer's edits at its next request, and it refuses edits with a Dutch
503 that says where to send them, even when it knows the token.
"""

from pathlib import Path

import pytest
from conftest import TOKEN, settings_for
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from zorgnet.api.app import create_app
from zorgnet.api.cli import app as cli_app
from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.ontology.exceptions import StoreError

RELATION = "test-ca-team-verwijst-veilig-thuis"
EDIT = {
    "registratie": {
        "id": RELATION,
        "from": "ca-team",
        "to": "veilig-thuis",
        "kind": "verwijst",
        "source": "003 §4",
    },
    "reden": "Test: een server die alleen leest, volgt de server die schrijft.",
}
REFUSED = (
    "Deze server leest alleen mee (gestart met zorgnet serve --alleen-lezen): hij wijzigt "
    "niets. Stuur de wijziging naar de server die in de opslag schrijft."
)


def _relations(client: TestClient) -> list[str]:
    answer = client.get("/api/actors/ca-team")
    assert answer.status_code == 200, answer.text
    return [r["id"] for r in answer.json()["relations_out"]]


def test_a_reader_beside_the_writer_answers_refuses_edits_and_follows_the_writer(
    store_copy: Path, auth: dict[str, str]
) -> None:
    writing = create_app(settings_for(store_copy, token=TOKEN))
    reading = create_app(settings_for(store_copy, token=TOKEN, read_only=True))
    with TestClient(writing) as writer, TestClient(reading) as reader:
        health = reader.get("/health").json()
        assert health["alleen_lezen"] is True
        assert health["version"] == writer.get("/health").json()["version"]
        assert writer.get("/health").json()["alleen_lezen"] is False
        assert RELATION not in _relations(reader)

        refused = reader.post("/api/edits/relations", json=EDIT, headers=auth)
        assert refused.status_code == 503
        assert refused.json()["fout"] == REFUSED
        assert RELATION not in _relations(writer)

        made = writer.post("/api/edits/relations", json=EDIT, headers=auth)
        assert made.status_code == 201, made.text
        # The reader's next request reads the version the writer made.
        assert RELATION in _relations(reader)
        assert reader.get("/health").json()["version"] == writer.get("/health").json()["version"]
        history = reader.get("/api/edits", params={"registratie": RELATION}).json()
        assert [(e["action"], e["record"]) for e in history] == [("aanmaken", RELATION)]


def test_a_reader_on_an_empty_store_does_not_start_and_does_not_fill_it(tmp_path: Path) -> None:
    reading = create_app(settings_for(tmp_path / "leeg", read_only=True))
    with (
        pytest.raises(StoreError, match="De opslag is leeg, en een server die alleen leest"),
        TestClient(reading),
    ):
        pass
    assert not (tmp_path / "leeg" / "current").exists()


def test_zorgnet_serve_read_only_on_an_empty_store_stops_before_it_runs(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--alleen-lezen", "--store", str(tmp_path)])
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert message.startswith("fout: De opslag is leeg, en een server die alleen leest")
    assert "draait op" not in result.stdout


def test_zorgnet_serve_read_only_refuses_to_load_data(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli_app,
        ["serve", "--alleen-lezen", "--data", str(SHIPPED_DATASET), "--store", str(tmp_path)],
    )
    assert result.exit_code == 2
    assert "een server met --alleen-lezen schrijft niet" in " ".join(result.stderr.split())
    assert not (tmp_path / "current").exists()
