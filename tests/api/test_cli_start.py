"""Does ``zorgnet`` start fast? Guarded by what it imports, not by a clock.

Each check runs in a fresh interpreter, so that nothing another test imported counts.
The timings themselves are in bench/cli.py.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zorgnet.graph.projection_cache import ProjectionCache
from zorgnet.graph.store import Store

# Packages that take tens to hundreds of milliseconds to import, and that neither
# ``zorgnet --help`` nor the module defining the commands needs.
HEAVY = (
    "rdflib",
    "networkx",
    "pyoxigraph",
    "oxrdflib",
    "fastapi",
    "starlette",
    "uvicorn",
    "pyshacl",
    "pyshacl_turbo",
    "openpyxl",
    "jinja2",
    "pydantic",
    "pydantic_settings",
    "httpx",
)
# What a question answered from the saved projection does not need: the web app, the
# loaders, a remote store's HTTP client, oxrdflib with rdflib's SPARQL engine (its parser
# and pyparsing), rdflib's Turtle parser (the vocabularies are read with pyoxigraph).
# rdflib itself is loaded: a store's versions are rdflib IRIs (TripleStore.version).
NOT_FOR_A_QUESTION = (
    "fastapi",
    "starlette",
    "uvicorn",
    "httpx",
    "pyshacl",
    "pyshacl_turbo",
    "openpyxl",
    "oxrdflib",
    "rdflib.plugins.sparql",
    "rdflib.plugins.parsers.notation3",
    "pyparsing",
    "zorgnet.loaders",
    "zorgnet.formats",
)
NOT_FOR_A_ROUTE = (*NOT_FOR_A_QUESTION, "jinja2", "zorgnet.viz")


def imported_after(code: str) -> tuple[str, set[str]]:
    """What a fresh interpreter printed running *code*, and the modules it imported."""
    script = (
        "import json, sys\n"
        f"{code}\n"
        "sys.stdout.flush()\n"
        "print('\\nMODULES', json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    printed, modules = done.stdout.rsplit("MODULES", 1)
    return printed, set(json.loads(modules))


def loaded(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(p for p in packages if any(m == p or m.startswith(p + ".") for m in modules))


def test_importing_the_command_loads_no_graph_store_or_web_libraries() -> None:
    _, modules = imported_after("import zorgnet.api.cli")
    assert "zorgnet.api.cli" in modules
    assert loaded(modules, HEAVY) == []


def test_help_lists_every_command_without_loading_them() -> None:
    code = (
        "from zorgnet.api.cli import app\n"
        "try:\n"
        "    app(['--help'], prog_name='zorgnet')\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
    )
    printed, modules = imported_after(code)
    assert "route" in printed and "actor" in printed and "serve" in printed
    assert loaded(modules, HEAVY) == []
    assert [
        m for m in modules if m.startswith("zorgnet.") and not m.startswith("zorgnet.api")
    ] == []


@pytest.fixture
def projected_store(loaded_store: Path, tmp_path: Path) -> Path:
    """A copy of the loaded store with its projection saved, as ``zorgnet load`` leaves it."""
    cache = ProjectionCache()
    store = tmp_path / "store"
    shutil.copytree(loaded_store, store)
    with Store(store) as opened:
        cache.get(opened)
    return store


def command(*args: str) -> str:
    """Code running ``zorgnet *args*`` that fails unless it exits with 0."""
    return (
        "from zorgnet.api.cli import app\n"
        "try:\n"
        f"    app({list(args)!r}, prog_name='zorgnet')\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
    )


@pytest.mark.slow
def test_a_route_question_loads_no_web_app_loaders_shacl_or_rdf_parsers(
    projected_store: Path,
) -> None:
    code = command(
        "route", "huisarts", "jeugd-ggz", "--gemeente", "huizen", "--store", str(projected_store)
    )
    printed, modules = imported_after(code)
    assert "Route 1" in printed and "Jeugdwet" in printed  # a label from the vocabulary
    assert loaded(modules, NOT_FOR_A_ROUTE) == []


@pytest.mark.slow
def test_a_map_loads_no_web_app_loaders_shacl_or_rdf_parsers(
    projected_store: Path, tmp_path: Path
) -> None:
    page = tmp_path / "kaart.html"
    printed, modules = imported_after(
        command("map", "-o", str(page), "--store", str(projected_store))
    )
    assert "Kaart geschreven" in printed
    assert "Gooise Meren" in page.read_text(encoding="utf-8")
    assert loaded(modules, NOT_FOR_A_QUESTION) == []
