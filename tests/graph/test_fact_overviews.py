"""The overviews of known issues and figures, asked of the shipped region."""

import pytest

from zorgnet.graph.analyses.fact_overviews import figure_overview, issue_overview
from zorgnet.graph.analyses.facts import area_facts
from zorgnet.graph.areas import area_scope

GEMEENTEN = ["blaricum", "eemnes", "gooise-meren", "hilversum", "huizen", "laren", "wijdemeren"]


def test_every_known_issue_is_listed_once_with_every_reading(region):
    overview = issue_overview(region)
    assert {i.id for i in overview.issues} == {i.id for i in region.graph["issues"]}
    assert len(overview.issues) == len(region.graph["issues"])
    by_id = {i.id: i for i in region.graph["issues"]}
    for entry in overview.issues:
        assert entry.readings == by_id[entry.id].readings
        assert len(entry.readings) >= 2
        assert entry.sources


def test_an_issue_names_what_it_is_about_by_label(region):
    entry = next(
        i for i in issue_overview(region).issues if i.id == "kwestie-000-integrale-casusaanpak"
    )
    assert "poetstafel (casuïstiekbespreking Gooise Meren)" in entry.about_labels
    assert entry.gemeente_labels == ("Gooise Meren",)


@pytest.mark.parametrize("gemeente", GEMEENTEN)
def test_the_issues_of_a_gemeente_are_those_on_its_sociale_kaart(region, gemeente):
    listed = {i.id for i in issue_overview(region, gemeente=gemeente).issues}
    assert listed == {i.id for i in area_facts(region, gemeente).issues}
    for entry in issue_overview(region).issues:
        assert (entry.id in listed) == (gemeente in entry.gemeenten)


def test_every_figure_is_in_the_overview_under_the_area_it_is_for(region):
    overview = figure_overview(region)
    assert {f.id for f in overview.figures} == {f.id for f in region.graph["figures"]}
    for group in overview.groups:
        for figure in group.figures:
            assert group.area in figure.areas
    labels = [g.label for g in overview.groups]
    assert labels[:7] == [
        "Blaricum",
        "Eemnes",
        "Gooise Meren",
        "Hilversum",
        "Huizen",
        "Laren",
        "Wijdemeren",
    ]
    silent = {g.label for g in overview.groups if g.silent}
    assert silent == {"Blaricum", "Eemnes", "Laren", "Wijdemeren"}


@pytest.mark.parametrize("gemeente", GEMEENTEN)
def test_the_figures_of_a_gemeente_are_its_own_and_those_of_the_areas_around_it(region, gemeente):
    overview = figure_overview(region, gemeente=gemeente)
    assert overview.groups[0].area == gemeente
    scope = area_scope(region, gemeente)
    expected = {f.id for f in region.graph["figures"] if scope.intersection(f.areas)}
    assert {f.id for f in overview.figures} == expected
    assert "korting-jeugdhulpbudget-2015" in expected  # Nederland's figure holds here
    if gemeente == "huizen":
        assert [g.label for g in overview.groups][:2] == [
            "Huizen",
            "HBEL (Huizen, Blaricum, Eemnes, Laren)",
        ]
