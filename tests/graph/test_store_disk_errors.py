"""The disk under the store is full, or may not be written: what do users read?

A tiny tmpfs makes the disk really full, and a tmpfs mounted read-only makes the folder
really unwritable. Mounting needs a mount namespace of its own: the checks run in a child
process under ``unshare --mount --map-root-user``, which needs no root outside it.
"""

import errno
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from zorgnet.graph.store import Store, StoreAccessError, access_error

_CHILD = textwrap.dedent(
    """
    import json, os, subprocess, sys
    from pathlib import Path

    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from zorgnet.api.app import create_app
    from zorgnet.api.cli import app as cli
    from zorgnet.api.settings import SHIPPED_DATASET, Settings
    from zorgnet.graph.store import Store
    from zorgnet.loaders.dataset import read_dataset

    full, readonly = Path(sys.argv[1]), Path(sys.argv[2])
    out = {}
    shipped = read_dataset(SHIPPED_DATASET)

    # A read-only disk: a store made there, then the disk mounted read-only.
    with Store(readonly / "store") as store:
        store.replace(shipped.graph)
    subprocess.run(["mount", "-o", "remount,ro", str(readonly)], check=True)
    runner = CliRunner()
    result = runner.invoke(cli, ["info", "--store", str(readonly / "store")])
    out["readonly_info"] = [result.exit_code, " ".join(result.output.split())]
    result = runner.invoke(cli, ["load", str(SHIPPED_DATASET), "--store", str(readonly / "store")])
    out["readonly_load"] = [result.exit_code, " ".join(result.output.split())]

    # A full disk: a store with the shipped data served by the app, then the disk filled.
    settings = Settings(store=full / "store", data=SHIPPED_DATASET, token="geheim")
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/actors").status_code == 200
        filler = os.open(full / "vulsel", os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(filler, b"x" * 4096)
        except OSError:
            pass
        os.close(filler)
        edit = client.post(
            "/api/edits/relations",
            json={
                "registratie": {
                    "id": "test-veilig-thuis-verwijst-huisarts",
                    "from": "veilig-thuis",
                    "to": "huisarts",
                    "kind": "verwijst",
                    "source": "003 §4",
                },
                "reden": "Test: de schijf is vol.",
            },
            headers={"Authorization": "Bearer geheim"},
        )
        out["edit"] = [edit.status_code, edit.json()]
    result = runner.invoke(cli, ["info", "--store", str(full / "store")])
    out["full_info"] = [result.exit_code, " ".join(result.output.split())]
    result = runner.invoke(cli, ["load", str(SHIPPED_DATASET), "--store", str(full / "store")])
    out["full_load"] = [result.exit_code, " ".join(result.output.split())]
    print(json.dumps(out))
    """
)


@pytest.fixture(scope="module")
def disk_errors(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What the CLI and the web app answer on a full disk and on a read-only one."""
    base = tmp_path_factory.mktemp("schijven")
    full, readonly = base / "vol", base / "alleen-lezen"
    full.mkdir()
    readonly.mkdir()
    script = (
        f"mount -t tmpfs -o size=24m tmpfs {full} && "
        f"mount -t tmpfs -o size=24m tmpfs {readonly} && "
        f'exec {sys.executable} -c "$0" {full} {readonly}'
    )
    result = subprocess.run(
        ["unshare", "--mount", "--map-root-user", "sh", "-c", script, _CHILD],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "ZORGNET_CACHE": str(base / "cache")},
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    found["full"], found["readonly"] = str(full), str(readonly)
    return found


@pytest.mark.slow
def test_zorgnet_load_on_a_full_disk_says_the_disk_is_full(disk_errors: dict) -> None:
    code, output = disk_errors["full_load"]
    assert code == 2
    assert output.startswith("fout: De schijf is vol: de opslag kan niet worden geopend.")
    assert "Maak ruimte vrij" in output
    assert "ander proces" not in output and "No space" not in output
    assert output.endswith(f"Map van de opslag: {disk_errors['full']}/store.")


@pytest.mark.slow
def test_zorgnet_info_on_a_full_disk_still_answers(disk_errors: dict) -> None:
    # Reading opens the store read-only, which writes nothing.
    code, output = disk_errors["full_info"]
    assert code == 0
    assert output.startswith("Registraties soort ┃ aantal") and "actors │ 184" in output


@pytest.mark.slow
def test_an_edit_on_a_full_disk_answers_in_dutch_without_the_servers_folder(
    disk_errors: dict,
) -> None:
    status, body = disk_errors["edit"]
    assert status == 503
    assert body["fout"].startswith(
        "De opslag is niet beschikbaar. De schijf is vol: de opslag kan niet worden bijgewerkt."
    )
    assert disk_errors["full"] not in body["fout"] and "/" not in body["fout"]
    assert "IO error" not in body["fout"] and "No space" not in body["fout"]


@pytest.mark.slow
def test_a_read_only_disk_says_there_are_no_rights_to_write(disk_errors: dict) -> None:
    code, output = disk_errors["readonly_load"]
    assert code == 2
    assert output.startswith("fout: Geen rechten: de opslag kan niet worden geopend")
    assert "schrijfrechten" in output and "Read-only" not in output


@pytest.mark.slow
def test_a_store_on_a_read_only_disk_can_still_be_read(disk_errors: dict) -> None:
    code, output = disk_errors["readonly_info"]
    assert code == 0
    assert output.startswith("Registraties soort ┃ aantal") and "actors │ 184" in output


@pytest.mark.parametrize(
    ("code", "start"),
    [
        (errno.ENOSPC, "De schijf is vol: "),
        (errno.EDQUOT, "De schijf is vol: "),
        (errno.EACCES, "Geen rechten: "),
        (errno.EPERM, "Geen rechten: "),
        (errno.EROFS, "Geen rechten: "),
        (errno.EAGAIN, "De opslag is in gebruik door een ander proces: "),
        (errno.EIO, "De opslag kan niet worden bijgewerkt: het systeem meldt fout EIO."),
    ],
)
def test_each_system_error_has_its_dutch_message(code: int, start: str) -> None:
    error = access_error(OSError(code, os.strerror(code), "/srv/geheim/opslag"), "bijgewerkt")
    assert error.public.startswith(start)
    assert os.strerror(code) not in error.public and "/srv" not in error.public


def test_rocksdbs_text_without_errno_is_recognised() -> None:
    text = "IO error: No space left on device: While appending to file: /srv/x/MANIFEST-17"
    error = access_error(OSError(text), "geopend", Path("/srv/x"))
    assert error.public.startswith("De schijf is vol: de opslag kan niet worden geopend.")
    assert str(error).endswith("Map van de opslag: /srv/x.")


@pytest.mark.slow
def test_a_store_another_process_holds_is_named_in_use(tmp_path: Path) -> None:
    code = (
        "from pathlib import Path; from zorgnet.graph.store import Store; "
        f"Store(Path({str(tmp_path / 'db')!r}))"
    )
    with Store(tmp_path / "db"):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "De opslag is in gebruik door een ander proces" in result.stderr
    assert "Resource temporarily unavailable" not in result.stderr.splitlines()[-1]
    with pytest.raises(StoreAccessError), Store(tmp_path / "db"), Store(tmp_path / "db"):
        pass
