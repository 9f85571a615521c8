"""The wheel a user installs holds every module, the ontology files and the shipped dataset,
and works outside the checkout."""

import json
import os
import re
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.loaders.dataset import read_dataset

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


def test_the_wheel_ships_every_module_and_the_turtle_files(wheel: Path) -> None:
    shipped = set(zipfile.ZipFile(wheel).namelist())
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*"):
            if (
                path.suffix in {".py", ".ttl", ".html", ".css", ".js", ".jsonld"}
                and "__pycache__" not in path.parts
            ):
                assert f"zorgnet/{path.relative_to(ROOT)}" in shipped, path


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


def _fresh_virtualenv(wheel: Path, folder: Path) -> Path:
    """A new virtualenv with the wheel installed; zorgnet itself comes from the wheel only.

    The third-party dependencies are those of the interpreter running the tests, reached
    through a ``.pth`` line (so nothing is downloaded). Such a line adds a folder to
    ``sys.path`` without running the ``.pth`` files in it, so the editable install of the
    checkout stays out.
    """
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
    (Path(own) / "zorgnet-test-dependencies.pth").write_text(
        "\n".join(site.getsitepackages()) + "\n", encoding="utf-8"
    )
    return venv


def test_a_wheel_in_a_fresh_virtualenv_starts_on_the_shipped_dataset_from_any_folder(
    wheel: Path, tmp_path: Path
) -> None:
    venv = _fresh_virtualenv(wheel, tmp_path)
    elsewhere = tmp_path / "ergens"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZORGNET_", "PYTHON"))}
    env |= {"HOME": str(tmp_path), "ZORGNET_STORE": str(tmp_path / "opslag")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300
        )

    where = run(
        str(venv / "bin" / "python"),
        "-c",
        "import zorgnet.api, zorgnet.api.settings as s; print(zorgnet.api.__file__); "
        "print(s.SHIPPED_DATASET)",
    )
    module, dataset = where.stdout.split()
    site_packages = str(venv / "lib")
    assert module.startswith(site_packages), module
    assert dataset.startswith(site_packages), dataset

    started = run(str(venv / "bin" / "zorgnet"), "start", "--zonder-server")
    assert started.returncode == 0, started.stdout + started.stderr
    expected = read_dataset(SHIPPED_DATASET).record_count
    assert expected > 600
    loaded = re.search(r"\((\d+)\s+registraties", started.stdout)
    assert loaded, started.stdout
    assert int(loaded.group(1)) == expected

    info = run(str(venv / "bin" / "zorgnet"), "info", "--json")
    assert info.returncode == 0, info.stdout + info.stderr
    assert sum(json.loads(info.stdout)["records"].values()) == expected
