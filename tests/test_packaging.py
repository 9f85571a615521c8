"""The wheel a user installs holds every module, the ontology files and the shipped dataset,
and works outside the checkout."""

import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import Distribution, distribution, distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from rdflib import RDF

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.loaders.dataset import read_dataset
from zorgnet.ontology.namespace import ZN

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["ontology", "loaders", "graph", "viz", "api"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(folder),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    return next(folder.glob("zorgnet-*.whl"))


@pytest.mark.slow
def test_the_wheel_ships_every_module_and_the_turtle_files(wheel: Path) -> None:
    shipped = set(zipfile.ZipFile(wheel).namelist())
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*"):
            if (
                path.suffix in {".py", ".ttl", ".html", ".css", ".js", ".jsonld"}
                and "__pycache__" not in path.parts
            ):
                assert f"zorgnet/{path.relative_to(ROOT)}" in shipped, path


@pytest.mark.slow
def test_the_wheel_carries_every_file_of_the_shipped_dataset_and_not_the_data_readme(
    wheel: Path,
) -> None:
    shipped = set(zipfile.ZipFile(wheel).namelist())
    dataset = sorted(p.name for p in (ROOT / "data" / "gooi-en-vechtstreek").iterdir())
    carried = sorted(
        name.removeprefix("zorgnet/data/gooi-en-vechtstreek/")
        for name in shipped
        if name.startswith("zorgnet/data/gooi-en-vechtstreek/")
    )
    assert carried == dataset
    # The data README is for the people who edit the data; nothing reads it at run time.
    assert "zorgnet/data/README.md" not in shipped


def test_in_a_source_checkout_the_shipped_dataset_is_the_data_folder_itself() -> None:
    # One place to edit: the checkout's data/gooi-en-vechtstreek/, never a copy.
    assert SHIPPED_DATASET == ROOT / "data" / "gooi-en-vechtstreek"


# What only the extras and the tests bring: a user's install has none of it.
EXTRAS_ONLY = ["playwright", "pyshacl-turbo", "sparqlwrapper", "python-multipart"]


def _requirements(dist: Distribution, extras: Iterable[str] = ()) -> list[Requirement]:
    """What installing *dist* (with *extras*) installs with it, as pip reads its metadata."""
    wanted = [Requirement(r) for r in dist.requires or []]
    return [
        r
        for r in wanted
        if r.marker is None or any(r.marker.evaluate({"extra": e}) for e in ("", *extras))
    ]


def _dependencies_of_a_user(wheel: Path, folder: Path) -> Path:
    """The packages ``pip install`` of *wheel* would bring, taken from this interpreter.

    A folder of links to them, so that nothing is downloaded: the wheel's own requirements
    and theirs, no extra of zorgnet, nothing of the checkout.
    """
    (ours,) = distributions(path=[str(_unpacked_metadata(wheel, folder))])
    todo = _requirements(ours)
    found: dict[str, Distribution] = {}
    done: set[tuple[str, frozenset[str]]] = set()
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        if (name, frozenset(requirement.extras)) in done:
            continue
        done.add((name, frozenset(requirement.extras)))
        found.setdefault(name, distribution(requirement.name))
        todo += _requirements(found[name], requirement.extras)
    links = folder / "dependencies"
    links.mkdir()
    for dist in found.values():
        for top in {str(f).split("/")[0] for f in dist.files or [] if not str(f).startswith("..")}:
            if not top.endswith(".pth") and not (links / top).exists():
                (links / top).symlink_to(Path(str(dist.locate_file(top))))
    return links


def _unpacked_metadata(wheel: Path, folder: Path) -> Path:
    """The wheel's ``.dist-info`` folder, unpacked into *folder*/metadata."""
    target = folder / "metadata"
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if ".dist-info/" in name:
                archive.extract(name, target)
    return target


@dataclass
class UserInstall:
    """The wheel in a fresh virtualenv, used from a folder outside the checkout."""

    venv: Path
    folder: Path
    env: dict[str, str]

    def run(self, program: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.venv / "bin" / program), *args],
            cwd=self.folder,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )


@pytest.fixture(scope="module")
def user(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> UserInstall:
    """``pip install zorgnet-….whl`` into a new virtualenv, with no extras."""
    folder = tmp_path_factory.mktemp("gebruiker")
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    subprocess.run(
        [*pip, "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    own = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # A .pth line adds a folder to sys.path without running the .pth files in it.
    (Path(own) / "dependencies.pth").write_text(
        f"{_dependencies_of_a_user(wheel, folder)}\n", encoding="utf-8"
    )
    elsewhere = folder / "ergens"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZORGNET_", "PYTHON"))}
    env |= {"HOME": str(folder), "ZORGNET_STORE": str(folder / "opslag"), "COLUMNS": "200"}
    return UserInstall(venv, elsewhere, env)


@pytest.fixture(scope="module")
def started(user: UserInstall) -> subprocess.CompletedProcess[str]:
    return user.run("zorgnet", "start", "--zonder-server")


@pytest.mark.slow
def test_the_installed_zorgnet_and_its_dataset_come_from_the_wheel(user: UserInstall) -> None:
    where = user.run(
        "python",
        "-c",
        "import zorgnet.api, zorgnet.api.settings as s; print(zorgnet.api.__file__); "
        "print(s.SHIPPED_DATASET)",
    )
    module, dataset = where.stdout.split()
    site_packages = str(user.venv / "lib")
    assert module.startswith(site_packages), module
    assert dataset.startswith(site_packages), dataset
    for name in EXTRAS_ONLY:
        missing = user.run("python", "-c", f"import importlib.metadata as m; m.version({name!r})")
        assert "PackageNotFoundError" in missing.stderr, name


@pytest.mark.slow
def test_a_wheel_in_a_fresh_virtualenv_starts_on_the_shipped_dataset_from_any_folder(
    user: UserInstall, started: subprocess.CompletedProcess[str]
) -> None:
    assert started.returncode == 0, started.stdout + started.stderr
    expected = read_dataset(SHIPPED_DATASET).record_count
    assert expected > 600
    loaded = re.search(r"\((\d+)\s+registraties", started.stdout)
    assert loaded, started.stdout
    assert int(loaded.group(1)) == expected

    info = user.run("zorgnet", "info", "--json")
    assert info.returncode == 0, info.stdout + info.stderr
    assert sum(json.loads(info.stdout)["records"].values()) == expected


@pytest.mark.slow
def test_without_pyshacl_turbo_pyshacl_checks_and_finds_what_the_tests_find(
    user: UserInstall, started: subprocess.CompletedProcess[str]
) -> None:
    engine = user.run("python", "-c", "from zorgnet.loaders import shacl; print(shacl.ENGINE)")
    assert engine.stdout.split() == ["pyshacl"]
    checked = user.run("zorgnet", "check", "--json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # The same report as pyshacl-turbo gives in the checkout (the test extra has it).
    found = {(p["ernst"], p["record"], p["veld"], p["melding"]) for p in json.loads(checked.stdout)}
    report = read_dataset(SHIPPED_DATASET).report
    assert found == {(p.severity.value, p.record, p.field, p.message) for p in report.problems}
    assert len(report.warnings) > 0


@pytest.mark.slow
def test_a_png_without_the_png_extra_names_the_extra_to_install(
    user: UserInstall, started: subprocess.CompletedProcess[str]
) -> None:
    assert started.returncode == 0
    drawn = user.run("zorgnet", "map", "-g", "huizen", "-o", "kaart.html", "--png", "kaart.png")
    assert drawn.returncode == 2, drawn.stdout + drawn.stderr
    message = " ".join(drawn.stderr.split())
    assert message.startswith("fout: Voor een kaart als PNG (--png)"), message
    assert "pip install 'zorgnet[png]'" in message
    assert "Traceback" not in drawn.stdout + drawn.stderr
    assert not (user.folder / "kaart.png").exists()


_WEB_APP = """\
import json, sys
from fastapi.testclient import TestClient
from zorgnet.api.app import create_app
from zorgnet.api.settings import Settings

if __name__ == "__main__":
    query = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a <https://w3id.org/zorgnet/def#Record> }"
    with TestClient(create_app(Settings(store=sys.argv[1], sparql_workers=1))) as client:
        answer = client.post(
            "/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"}
        )
        print(answer.status_code)
        print(answer.text)
"""


@pytest.mark.slow
def test_the_web_app_answers_a_sparql_form_without_python_multipart(
    user: UserInstall, tmp_path: Path
) -> None:
    # The form is read by hand (parse_qs), so FastAPI needs no python-multipart; an empty
    # store is filled with the dataset the wheel carries.
    (user.folder / "webapp.py").write_text(_WEB_APP, encoding="utf-8")
    answered = user.run("python", "webapp.py", str(tmp_path / "lege-opslag"))
    assert answered.returncode == 0, answered.stdout + answered.stderr
    status, body = answered.stdout.split("\n", 1)
    assert status == "200", body
    records = set(read_dataset(SHIPPED_DATASET).graph.subjects(RDF.type, ZN.Record))
    count = json.loads(body)["results"]["bindings"][0]["n"]["value"]
    assert int(count) == len(records) > 600
