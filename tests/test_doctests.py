"""The Examples in the docstrings run, as in networkx."""

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = [
    "zorgnet.ontology",
    "zorgnet.loaders",
    "zorgnet.graph",
    "zorgnet.formats",
    "zorgnet.core",
    "zorgnet.data",
    "zorgnet.viz",
    "zorgnet.api",
]


def _modules() -> list[str]:
    names = []
    for package in PACKAGES:
        module = importlib.import_module(package)
        names.append(package)
        names += [m.name for m in pkgutil.walk_packages(module.__path__, package + ".")]
    return sorted(names)


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
