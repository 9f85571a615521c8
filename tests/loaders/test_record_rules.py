"""Does the check catch a relation for ages 18 to 4, or a huisarts as a local team? Yes:
both are rules of the SHACL shapes, so every door (YAML, RDF, the edit API) applies
them, and pySHACL agrees with the engine zorgnet uses."""

import shutil
from pathlib import Path

import pytest

from zorgnet.loaders import shacl
from zorgnet.loaders.dataset import read_dataset
from zorgnet.loaders.report import Problem
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import vocabulary

HERE = Path(__file__).parent

ACTORS = """\
actors:
  - id: veilig-thuis
    label: Veilig Thuis
    type: veilig-thuis
    scale: regionaal
    description: Advies- en meldpunt.
    source: "003 §4"
  - id: huisarts
    label: Huisarts
    type: huisarts
    scale: lokaal
    description: Een wettelijk verwijzer.
    source: "003 §4"
  - id: buurtteam
    label: Buurtteam
    type: buurtteam
    scale: lokaal
    description: Een lokaal team.
    source: "003 §4"
  - id: netwerk
    label: Netwerkstructuur
    type: programma
    scale: lokaal
    description: Een programma dat een lokaal team vormt.
    source: "003 §4"
"""


def _relation(**ages: int) -> str:
    lines = "".join(f"    {k}: {v}\n" for k, v in ages.items())
    return (
        "relations:\n  - id: vt-meldt\n    from: huisarts\n    to: veilig-thuis\n"
        f"    kind: meldt\n{lines}"
        '    source: "003 §4"\n'
    )


def _membership(team: str) -> str:
    return (
        f"memberships:\n  - id: lid\n    team: {team}\n    member: veilig-thuis\n"
        '    membershipStatus: kern\n    source: "003 §4"\n'
    )


def _errors(tmp_path: Path, text: str) -> list[Problem]:
    shutil.copy(HERE / "fixture-bronnen.yaml", tmp_path / "bronnen.yaml")
    (tmp_path / "netwerk.yaml").write_text(ACTORS + text, encoding="utf-8")
    return read_dataset(tmp_path).report.errors


def test_a_relation_whose_lowest_age_is_above_its_highest_is_refused(tmp_path: Path) -> None:
    [problem] = _errors(tmp_path, _relation(ageMin=18, ageMax=4))
    assert (problem.rule, problem.line, problem.record, problem.field) == (
        "shacl",
        27,
        "vt-meldt",
        "ageMin",
    )
    assert problem.file.endswith("netwerk.yaml")
    assert problem.message == "waarde is groter dan die van ageMax (waarde: 18)"
    assert "niet hoger dan ageMax" in problem.hint


@pytest.mark.parametrize(
    "ages",
    [{"ageMin": 4, "ageMax": 18}, {"ageMin": 12, "ageMax": 12}, {"ageMin": 18}, {"ageMax": 4}],
)
def test_a_relation_with_a_sensible_age_range_is_fine(tmp_path: Path, ages: dict) -> None:
    assert _errors(tmp_path, _relation(**ages)) == []


def test_a_membership_of_a_huisarts_is_refused(tmp_path: Path) -> None:
    [problem] = _errors(tmp_path, _membership("huisarts"))
    assert (problem.rule, problem.line, problem.record, problem.field) == (
        "shacl",
        27,
        "lid",
        "team",
    )
    assert problem.message.startswith("waarde is geen team, en ook geen programma of pilot")
    assert "lokale team" in problem.hint


@pytest.mark.parametrize("team", ["buurtteam", "netwerk"])
def test_a_membership_of_a_team_or_of_a_programme_that_forms_one_is_fine(
    tmp_path: Path, team: str
) -> None:
    assert _errors(tmp_path, _membership(team)) == []


def test_the_rules_hold_for_rdf_files_too(tmp_path: Path) -> None:
    actor = "https://w3id.org/zorgnet/id/actor/"
    kern = vocabulary().concept(ZN.MembershipStatus, "kern")
    turtle = f"""\
@prefix zn: <https://w3id.org/zorgnet/def#> .
@prefix org: <http://www.w3.org/ns/org#> .
<https://w3id.org/zorgnet/id/membership/lid> a zn:Record, zn:Membership ;
    zn:networkTeam <{actor}vt> ; zn:networkMember <{actor}vt> ;
    zn:membershipStatus <{kern}> .
<{actor}vt> a zn:Record, zn:Actor, zn:Role .
"""
    path = tmp_path / "lid.ttl"
    path.write_text(turtle, encoding="utf-8")
    fields = {(p.record, p.field) for p in read_dataset(path).report.errors}
    assert ("lid", "team") in fields


def test_pyshacl_finds_the_same_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _relation(ageMin=18, ageMax=4) + _membership("huisarts")
    ours = _errors(tmp_path, text)
    assert {p.field for p in ours} == {"ageMin", "team"}
    monkeypatch.setattr(shacl, "ENGINE", "pyshacl")
    assert read_dataset(tmp_path).report.errors == ours
