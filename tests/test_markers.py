"""What the quick loop ``pytest -m "not slow"`` leaves out, and what a missing Virtuoso or
Chromium does to a run that selects their tests: it fails, naming what to install."""

import tomllib
from pathlib import Path

import markers_conftest
import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]

# A suite in miniature: one plain test, one on Virtuoso, one on a map, one that makes a PNG.
SUITE = """
import pytest


@pytest.fixture
def virtuoso():
    return "server"


@pytest.fixture
def open_map():
    return "map"


def test_plain():
    pass


def test_on_virtuoso(virtuoso):
    pass


def test_a_map(open_map):
    pass


@pytest.mark.browser
def test_a_png():
    pass
"""


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    """The miniature suite with this project's marker registration and marker plugin."""
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    markers = options["tool"]["pytest"]["ini_options"]["markers"]
    pytester.makeini(
        "[pytest]\naddopts = --strict-markers\nmarkers =\n"
        + "".join(f"    {line}\n" for line in markers)
    )
    pytester.makeconftest('pytest_plugins = ["markers_conftest"]')
    pytester.makepyfile(test_suite=SUITE)
    return pytester


def test_the_quick_loop_leaves_out_every_test_that_needs_virtuoso_or_chromium(
    suite: pytest.Pytester,
) -> None:
    result = suite.runpytest("-m", "not slow", "-v")
    result.assert_outcomes(passed=1, deselected=3)
    result.stdout.fnmatch_lines(["*test_plain PASSED*"])


def test_the_markers_select_the_tests_on_virtuoso_and_in_a_browser(
    suite: pytest.Pytester,
) -> None:
    suite.runpytest("-m", "virtuoso").assert_outcomes(passed=1, deselected=3)
    suite.runpytest("-m", "browser").assert_outcomes(passed=2, deselected=2)
    suite.runpytest("-m", "slow").assert_outcomes(passed=3, deselected=1)


def test_without_virtuoso_its_tests_fail_and_say_what_to_install(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(markers_conftest, "virtuoso_available", lambda: False)
    result = suite.runpytest()
    result.assert_outcomes(passed=3, errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at setup of test_on_virtuoso*",
            "Virtuoso 7 is missing: run .ci/install-system-packages (Debian package"
            ' virtuoso-opensource), or leave these tests out with -m "not virtuoso"',
        ]
    )


def test_without_chromium_its_tests_fail_and_say_what_to_install(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(markers_conftest, "CHROMIUM", tmp_path / "chromium")
    result = suite.runpytest("-m", "browser")
    result.assert_outcomes(errors=2, deselected=2)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at setup of test_a_map*",
            f"Chromium is missing at {tmp_path / 'chromium'}: run .ci/install-system-packages"
            ' (Debian package chromium), or leave these tests out with -m "not browser"',
        ]
    )
    assert "skipped" not in result.stdout.str()
