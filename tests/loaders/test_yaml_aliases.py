"""Can a few hundred bytes of YAML keep `zorgnet check` busy? No: aliases that multiply
the document, and blocks nested too deep, are refused at once, in Dutch, with the line."""

import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zorgnet.api.cli import app
from zorgnet.loaders.dataset import read_dataset
from zorgnet.loaders.synth import synthesize, write_network

HERE = Path(__file__).parent


def billion_laughs() -> str:
    """The classic: nine levels of nine aliases, a billion values in 700 bytes."""
    levels = ['a0: &a0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    for level in range(1, 9):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        levels.append(f"a{level}: &a{level} [{aliases}]")
    record = "actors:\n  - id: lach\n    label: *a8\n"
    return "\n".join(levels) + "\n" + record


def _folder(tmp_path: Path, text: str) -> Path:
    shutil.copy(HERE / "fixture-bronnen.yaml", tmp_path / "bronnen.yaml")
    (tmp_path / "lach.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_billion_laughs_is_refused_in_well_under_a_second(tmp_path: Path) -> None:
    text = billion_laughs()
    assert len(text.encode()) < 800
    folder = _folder(tmp_path, text)
    start = time.perf_counter()
    report = read_dataset(folder).report
    assert time.perf_counter() - start < 5
    [problem] = report.errors
    assert (problem.rule, problem.file, problem.line) == (
        "yaml-alias",
        str(folder / "lach.yaml"),
        12,  # label: *a8, the alias that unfolds the most
    )
    assert "YAML-aliassen (*naam) herhalen zoveel" in problem.message
    assert "&anker en *alias" in problem.hint


def test_check_refuses_it_too_without_a_traceback(tmp_path: Path) -> None:
    start = time.perf_counter()
    result = CliRunner().invoke(app, ["check", str(_folder(tmp_path, billion_laughs()))])
    assert time.perf_counter() - start < 5
    assert result.exit_code == 1
    assert "lach.yaml:12" in result.output and "herhalen zoveel" in result.output


def test_an_alias_that_contains_itself_is_refused(tmp_path: Path) -> None:
    report = read_dataset(_folder(tmp_path, "lus: &lus [*lus]\n")).report
    [problem] = report.errors
    assert (problem.rule, problem.line) == ("yaml-alias", 1)
    assert "verwijst naar het blok waar hij zelf in staat" in problem.message


def test_a_list_shared_by_aliases_is_fine(tmp_path: Path) -> None:
    text = (
        "actors:\n"
        "  - id: team-a\n    label: Team A\n    type: buurtteam\n    scale: lokaal\n"
        "    domain: &domeinen [jeugd, wmo]\n    source: '003 §4'\n"
        "  - id: team-b\n    label: Team B\n    type: buurtteam\n    scale: lokaal\n"
        "    domain: *domeinen\n    source: '003 §4'\n"
    )
    report = read_dataset(_folder(tmp_path, text)).report
    assert report.ok, str(report)


@pytest.mark.slow
def test_a_synthetic_network_which_shares_lists_by_alias_still_reads(tmp_path: Path) -> None:
    network = synthesize(gemeenten=3, seed=1)
    assert any("*id0" in text for text in network.files.values())
    write_network(network, tmp_path)
    report = read_dataset(tmp_path).report
    assert report.ok, str(report)


def test_blocks_nested_too_deep_are_refused_in_dutch(tmp_path: Path) -> None:
    for value, line in (("{a: " * 600 + "1" + "}" * 600, None), ("[" * 2000 + "]" * 2000, 3)):
        text = f"actors:\n  - id: diep\n    label: {value}\n"
        [problem] = read_dataset(_folder(tmp_path, text)).report.errors
        assert (problem.rule, problem.line) == ("yaml-diepte", line)
        assert problem.message == "blokken en lijsten staan te diep in elkaar"
