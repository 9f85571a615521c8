"""The packages import one way: every module's imports, read with ``ast``.

Lazy imports inside functions and imports for type checking count too: they are the
same dependency, only later.
"""

import ast
import tomllib
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _top_level_packages() -> dict[str, Path]:
    """``{"graph": ROOT / "graph", ...}``: the packages pyproject maps to folders."""
    mapping = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    folders = mapping["package-dir"]
    return {
        name.split(".")[1]: ROOT / folder
        for name, folder in folders.items()
        if name.count(".") == 1
    }


PACKAGES = _top_level_packages()


def _module_name(package: str, path: Path) -> str:
    parts = path.relative_to(PACKAGES[package]).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("zorgnet", package, *parts))


def _modules() -> dict[str, Path]:
    return {
        _module_name(package, path): path
        for package, folder in PACKAGES.items()
        for path in folder.rglob("*.py")
    }


MODULES = _modules()


def _imported(module: str, path: Path) -> set[str]:
    """The zorgnet modules (or names in them) that *module* imports."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            # ``from zorgnet.x import y`` imports the module zorgnet.x.y when there is one.
            found.update(f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES)
    return {name for name in found if name.startswith("zorgnet.")}


IMPORTS = {module: _imported(module, path) for module, path in MODULES.items()}


def _top(module: str) -> str:
    return module.split(".")[1]


def _package_edges() -> dict[tuple[str, str], set[str]]:
    """``(importer, imported)`` top-level packages, with the importing files."""
    edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    for module, names in IMPORTS.items():
        for name in names:
            if _top(name) != _top(module):
                edges[(_top(module), _top(name))].add(str(MODULES[module].relative_to(ROOT)))
    return edges


def _importers_of(target: str, *, outside: str | None = None) -> dict[str, set[str]]:
    """The modules (outside package *outside*) that import something of *target*."""
    return {
        module: {n for n in names if n == target or n.startswith(target + ".")}
        for module, names in IMPORTS.items()
        if (outside is None or _top(module) != outside)
        and any(n == target or n.startswith(target + ".") for n in names)
    }


def test_every_top_level_package_is_read() -> None:
    assert {"ontology", "loaders", "graph", "formats", "viz", "core", "api"} <= set(PACKAGES)
    assert "zorgnet.formats.hsds.reader" in MODULES
    assert "zorgnet.formats.hsds.schema" in IMPORTS["zorgnet.formats.hsds.reader"]
    # ``from zorgnet.api import interop_commands`` imports a module, not a name.
    assert "zorgnet.api.interop_commands" in IMPORTS["zorgnet.api.cli"]


def test_no_two_top_level_packages_import_each_other_even_round_about() -> None:
    edges = _package_edges()
    cycles = list(nx.simple_cycles(nx.DiGraph(list(edges))))
    described = [
        " -> ".join([*cycle, cycle[0]])
        + ": "
        + "; ".join(
            f"{a} -> {b} in {', '.join(sorted(edges[(a, b)]))}"
            for a, b in zip(cycle, [*cycle[1:], cycle[0]], strict=True)
        )
        for cycle in cycles
    ]
    assert described == []


def test_the_ontology_imports_no_other_zorgnet_package() -> None:
    others = {
        m: {n for n in names if _top(n) != "ontology"}
        for m, names in IMPORTS.items()
        if _top(m) == "ontology"
    }
    assert {m: names for m, names in others.items() if names} == {}


def test_only_the_api_imports_the_api() -> None:
    assert _importers_of("zorgnet.api", outside="api") == {}


@pytest.mark.parametrize("package", ["ontology", "loaders", "graph", "viz"])
def test_the_formats_sit_above_the_loaders_the_graph_and_the_maps(package: str) -> None:
    importers = _importers_of("zorgnet.formats")
    assert {m for m in importers if _top(m) == package} == set()


def test_the_core_is_below_the_shells() -> None:
    below = {
        m: names
        for target in ("zorgnet.api", "zorgnet.viz")
        for m, names in _importers_of(target).items()
        if _top(m) == "core"
    }
    assert below == {}


def _owner_of_private(name: str) -> str | None:
    """The package a private module belongs to (``zorgnet.graph.analyses._common`` →
    ``zorgnet.graph.analyses``), or None when *name* is no private module of ours."""
    if name not in MODULES:
        return None
    parts = name.split(".")
    for index, part in enumerate(parts):
        if part.startswith("_") and not part.startswith("__"):
            return ".".join(parts[:index])
    return None


def test_no_module_imports_a_private_module_of_another_package() -> None:
    trespasses = []
    for module, names in IMPORTS.items():
        for name in names:
            owner = _owner_of_private(name)
            if owner is not None and not (module == owner or module.startswith(owner + ".")):
                trespasses.append(f"{MODULES[module].relative_to(ROOT)} imports {name}")
    assert sorted(trespasses) == []
