"""Which SHACL engine checks the data, and do pySHACL and pyshacl-turbo say the same?

pySHACL is the reference; pyshacl-turbo (``zorgnet[national]``, and in the test extra) is
used when it is installed. A user must get the same report from either.
"""

from importlib.util import find_spec
from pathlib import Path

import pytest

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.loaders import shacl
from zorgnet.loaders.dataset import read_dataset
from zorgnet.loaders.report import Report, Severity

HERE = Path(__file__).parent
# Inputs that break shapes, each refused or warned about by SHACL itself.
BROKEN = [
    "broken/shacl-violation.ttl",
    "fixtures/every-shacl-violation.ttl",
    "bad-input/jsonld-bad-year.jsonld",
    "bad-input/jsonld-missing-label.jsonld",
    "bad-input/nt-wrong-datatype.nt",
    "bad-input/ttl-dangling-reference.ttl",
    "bad-input/ttl-english-label.ttl",
    "bad-input/ttl-missing-source.ttl",
    "bad-input/ttl-unknown-concept.ttl",
    "bad-input/ttl-wrong-datatype.ttl",
]


def _report(monkeypatch: pytest.MonkeyPatch, path: Path, engine: str) -> Report:
    with monkeypatch.context() as chosen:
        chosen.setattr(shacl, "ENGINE", engine)
        return read_dataset(path).report


def test_with_pyshacl_turbo_installed_it_is_the_engine_that_checks() -> None:
    # The test extra installs the accelerator; without it pySHACL checks (see
    # tests/test_packaging.py, where a user's install has no extras).
    assert find_spec("pyshacl_turbo") is not None
    assert shacl.ENGINE == "pyshacl-turbo"
    assert shacl.ENGINES == ("pyshacl-turbo", "pyshacl")


@pytest.mark.slow
def test_both_engines_give_the_same_report_on_the_shipped_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    turbo = _report(monkeypatch, SHIPPED_DATASET, "pyshacl-turbo")
    reference = _report(monkeypatch, SHIPPED_DATASET, "pyshacl")
    assert turbo.errors == reference.errors == []
    assert turbo.warnings == reference.warnings
    assert len(turbo.warnings) > 0


@pytest.mark.parametrize("name", BROKEN)
def test_both_engines_give_the_same_report_on_a_broken_input(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    turbo = _report(monkeypatch, HERE / name, "pyshacl-turbo")
    reference = _report(monkeypatch, HERE / name, "pyshacl")
    found = [p for p in turbo.problems if p.rule == "shacl" and p.severity is Severity.ERROR]
    assert found, f"{name} breaks no shape"
    assert turbo.problems == reference.problems
    # Word for word: the Dutch message, the file, the line and the field.
    assert [str(p) for p in turbo.problems] == [str(p) for p in reference.problems]


def test_both_engines_check_one_record_of_a_stored_dataset_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As an edit is checked: one record against the data already stored.
    dataset = read_dataset(HERE / "fixtures" / "every-shacl-violation.ttl")
    answers = {}
    for engine in shacl.ENGINES:
        monkeypatch.setattr(shacl, "ENGINE", engine)
        answers[engine] = shacl.record_problems(
            dataset.graph, dataset.graph, dataset.source_map, "x"
        )
    assert answers["pyshacl-turbo"] == answers["pyshacl"]
    assert len(answers["pyshacl"]) >= 10


_YEARS = """\
@prefix zn: <https://w3id.org/zorgnet/def#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/zorgnet/id/actor/jongerenwerk-huizen> a zn:Record, zn:Actor ;
    skos:prefLabel "Jongerenwerk Huizen"@nl ;
    zn:asOf "{year}"^^xsd:gYear .
"""


@pytest.mark.parametrize("engine", ["pyshacl-turbo", "pyshacl"])
def test_a_year_that_is_no_year_is_refused_by_either_engine(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, engine: str
) -> None:
    # rdflib cannot read xsd:gYear, so pySHACL alone would take any text for a year.
    monkeypatch.setattr(shacl, "ENGINE", engine)
    fields = {}
    for year in ("2024", "-0044", "0000", "voorjaar 2024", "02024", "2024 "):
        path = tmp_path / f"jaar-{len(fields)}.ttl"
        path.write_text(_YEARS.replace("{year}", year), encoding="utf-8")
        fields[year] = [
            (p.line, p.message) for p in read_dataset(path).report.errors if p.field == "asOf"
        ]
    assert fields["2024"] == fields["-0044"] == fields["0000"] == []
    assert fields["voorjaar 2024"] == [
        (
            4,
            "waarde heeft niet het gegevenstype http://www.w3.org/2001/XMLSchema#gYear"
            " (waarde: voorjaar 2024)",
        )
    ]
    assert len(fields["02024"]) == len(fields["2024 "]) == 1
