"""The SHACL engine (pyshacl-turbo) against pySHACL itself: the same problems, always."""

from pathlib import Path

import pyshacl
import pytest

from zorgnet.loaders import shacl
from zorgnet.loaders.dataset import Dataset, read_dataset
from zorgnet.loaders.report import Problem, Severity

FIXTURE = Path(__file__).parent / "fixtures" / "every-shacl-violation.ttl"


def _problems_with_pyshacl(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[Problem]:
    with monkeypatch.context() as patched:
        patched.setattr(shacl, "validate", pyshacl.validate)
        return read_dataset(path).report.problems


def test_every_kind_of_constraint_is_reported_as_pyshacl_reports_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problems = read_dataset(FIXTURE).report.problems
    assert problems == _problems_with_pyshacl(monkeypatch, FIXTURE)
    fields = {(p.record, p.field) for p in problems if p.rule == "shacl"}
    assert {
        ("zonder-naam", "label"),
        ("twee-schalen", "scale"),
        ("twee-schalen", "label"),
        ("verkeerd-gebied", "area"),
        ("kapotte-relatie", "from"),
        ("kapotte-relatie", "ageMin"),
    } <= fields
    warnings = {p.record for p in problems if p.severity is Severity.WARNING}
    assert "zonder-naam" in warnings


def test_the_shipped_data_gets_the_same_warnings_from_both_engines(
    monkeypatch: pytest.MonkeyPatch, shipped: Dataset
) -> None:
    path = Path(shipped.files[0]).parent
    assert read_dataset(path).report.problems == _problems_with_pyshacl(monkeypatch, path)
