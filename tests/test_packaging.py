"""The wheel a user installs holds every module and the ontology files."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["ontology", "loaders", "graph", "viz", "api"]


def test_the_wheel_ships_every_module_and_the_turtle_files(tmp_path: Path) -> None:
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
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("zorgnet-*.whl"))
    shipped = set(zipfile.ZipFile(wheel).namelist())
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*"):
            if (
                path.suffix in {".py", ".ttl", ".html", ".css", ".js", ".jsonld"}
                and "__pycache__" not in path.parts
            ):
                assert f"zorgnet/{path.relative_to(ROOT)}" in shipped, path
