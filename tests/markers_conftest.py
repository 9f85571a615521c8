"""The markers of the suite: ``slow``, ``virtuoso`` and ``browser`` (registered in pyproject.toml).

``pytest -m "not slow"`` is the loop to run while working; the README's test command and CI
run everything. A test that needs the Virtuoso server is marked ``virtuoso``, one that needs
Chromium ``browser``: by hand, or here when it uses the ``virtuoso``/``empty_virtuoso`` or
``browser``/``open_map`` fixture. Both markers imply ``slow``.

A selected ``virtuoso`` or ``browser`` test on a machine without the binary FAILS with what
to install; it is never skipped. Leave such tests out with ``-m "not virtuoso"`` instead.
"""

import importlib.util
from pathlib import Path

import pytest
from virtuoso import virtuoso_available

__all__ = ["CHROMIUM", "missing_for"]

# Where Debian installs Chromium (as zorgnet.viz.png expects it).
CHROMIUM = Path("/usr/bin/chromium")
VIRTUOSO_FIXTURES = frozenset({"virtuoso", "empty_virtuoso"})
BROWSER_FIXTURES = frozenset({"browser", "open_map"})


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests by the fixtures they use, before ``-m`` selects (hence tryfirst)."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & VIRTUOSO_FIXTURES and item.get_closest_marker("virtuoso") is None:
            item.add_marker(pytest.mark.virtuoso)
        if used & BROWSER_FIXTURES and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)
        needs_binary = item.get_closest_marker("virtuoso") or item.get_closest_marker("browser")
        if needs_binary and item.get_closest_marker("slow") is None:
            item.add_marker(pytest.mark.slow)


def missing_for(item: pytest.Item) -> str | None:
    """What *item* needs that this machine lacks, said with how to get it; else None."""
    if item.get_closest_marker("virtuoso") and not virtuoso_available():
        return (
            "Virtuoso 7 is missing: run .ci/install-system-packages (Debian package "
            'virtuoso-opensource), or leave these tests out with -m "not virtuoso"'
        )
    if item.get_closest_marker("browser"):
        if importlib.util.find_spec("playwright") is None:
            return (
                "Playwright is missing: pip install -e '.[test]', "
                'or leave these tests out with -m "not browser"'
            )
        if not CHROMIUM.exists():
            return (
                f"Chromium is missing at {CHROMIUM}: run .ci/install-system-packages (Debian "
                'package chromium), or leave these tests out with -m "not browser"'
            )
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Fail, never skip, a selected test whose Virtuoso or Chromium is missing."""
    missing = missing_for(item)
    if missing is not None:
        pytest.fail(missing, pytrace=False)
