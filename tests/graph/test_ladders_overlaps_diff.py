"""Escalation ladders, overlaps and diffs, asked as a policy advisor asks them.

On the shipped Gooi en Vechtstreek data (``region``) and on the tiny example network of
the doctests (``tiny``).
"""

import pytest

from zorgnet.graph.analyses import active, in_scope
from zorgnet.graph.analyses._index import served_areas
from zorgnet.graph.analyses.mandates import ESCALATION_POWERS, SCALES, escalation_ladder
from zorgnet.graph.analyses.overlaps import KINDS, overlaps
from zorgnet.graph.analyses.snapshots import diff, diff_projections
from zorgnet.graph.areas import area_scope


def _gemeenten(G):
    return sorted(a.id for a in G.graph["areas"].values() if a.type == "gemeente")


def _rung(ladder, actor):
    return next(r for r in ladder.rungs if r.actor == actor)


def _overlap(G, name, actors):
    return next(o for o in overlaps(G).overlaps if o.name == name and set(actors) <= set(o.actors))


def _change(result, record):
    return next(c for c in result.changes if c.record.id == record)


# Escalation ladders


def test_which_rungs_does_the_escalation_ladder_of_huizen_have(region):
    # 002 §3.3 (regel 620-622): the HBEL doorbraakregisseur; 003 §4 afspraak 5: the C&A
    # team with the Expertteam and the Doorbraaktafel, the schakelfunctionaris for
    # residential shortages; afspraak 4: the Bovenregionaal Expertisenetwerk.
    ladder = escalation_ladder(region, "huizen")
    assert ladder.levels == (
        ("hbel-doorbraakregisseur",),
        ("ca-team", "doorbraaktafel", "expertteam", "schakelfunctionaris"),
        ("bovenregionaal-expertisenetwerk",),
    )
    assert [r.scale for r in ladder.rungs] == ["lokaal"] + ["regionaal"] * 4 + ["bovenregionaal"]
    assert ladder.missing == ()


def test_does_the_ladder_of_huizen_give_the_doorbraakregisseur_with_its_mandate(region):
    rung = _rung(escalation_ladder(region, "huizen"), "hbel-doorbraakregisseur")
    assert rung.level == 1
    assert [(m.power, m.power_label) for m in rung.mandates] == [
        ("doorbraak", "doorbraak forceren")
    ]
    assert rung.mandates[0].legal_basis_labels == ("geen wet genoemd",)
    assert "002 §3.3, regel 620-622" in rung.mandates[0].sources
    assert {b.kind for b in rung.basis} == {"bevoegdheid", "inrichting", "soort"}


@pytest.mark.parametrize(
    "gemeente", ["blaricum", "eemnes", "gooise-meren", "hilversum", "huizen", "laren", "wijdemeren"]
)
def test_is_the_schakelfunctionaris_on_the_ladder_of_every_gemeente(region, gemeente):
    rung = _rung(escalation_ladder(region, gemeente), "schakelfunctionaris")
    assert (rung.scale, rung.status) == ("regionaal", "pilot")
    said = " ".join(b.text for b in rung.basis)
    assert "verblijfsplekken" in said
    assert any(s.startswith("003 §4, afspraak 5") for b in rung.basis for s in b.sources)


def test_who_escalates_to_the_expertteam(region):
    # 003 §4 afspraak 1: "een verwijzer die gebruik kan maken ... van een regionaal of
    # bovenregionaal expertteam om een doorbraak te realiseren".
    rung = _rung(escalation_ladder(region, "hilversum"), "expertteam")
    assert {"huisarts", "gecertificeerde-instellingen", "gemeentelijke-consulenten"} <= set(
        rung.escalated_from
    )
    assert rung.part_of == ("ca-team",)


def test_who_is_the_local_rung_in_hilversum(region):
    # 002 §3.1 (regel 456-458): gezinsregisseurs bij complexe problematiek of (dreigende)
    # onveiligheid; the HBEL doorbraakregisseur is not Hilversum's.
    ladder = escalation_ladder(region, "hilversum")
    assert ladder.levels[0] == ("hilversum-gezinsregisseurs",)
    assert "hbel-doorbraakregisseur" not in {r.actor for r in ladder.rungs}


def test_what_does_the_ladder_of_gooise_meren_say_where_the_seeds_are_silent(region):
    ladder = escalation_ladder(region, "gooise-meren")
    assert "Lokaal: de bronnen noemen voor Gooise Meren geen trede." in ladder.missing
    note = next(n for n in ladder.arrangement_notes if n.id == "inrichting-gooise-meren-escalatie")
    assert note.status == "onbekend"
    assert note.description
    assert {r.scale for r in ladder.rungs} == {"regionaal", "bovenregionaal"}


@pytest.mark.parametrize("data", ["region", "tiny"])
def test_does_every_ladder_hold_every_actor_with_a_doorbraak_mandate_there(data, request):
    """For every gemeente the ladder contains every actor holding an escalation or
    doorbraak mandate that holds in that gemeente (a mandate naming no area holds where
    its holder serves)."""
    G = request.getfixturevalue(data)
    assert "doorbraak" in ESCALATION_POWERS
    checked = 0
    for gemeente in _gemeenten(G):
        expected = {
            m.holder
            for m in G.graph["mandates"]
            if m.power in ESCALATION_POWERS
            and active(m.status)
            and m.holder in G
            and active(G.nodes[m.holder]["status"])
            and in_scope(G, m.areas or served_areas(G, m.holder), gemeente)
        }
        on_ladder = {r.actor for r in escalation_ladder(G, gemeente).rungs}
        assert expected <= on_ladder, (gemeente, expected - on_ladder)
        checked += len(expected)
    assert checked  # the data has such mandates, the test is not empty


@pytest.mark.parametrize("data", ["region", "tiny"])
def test_does_every_ladder_climb_from_local_to_supra_regional(data, request):
    G = request.getfixturevalue(data)
    rank = {scale: i for i, scale in enumerate(SCALES)}
    for gemeente in _gemeenten(G):
        ladder = escalation_ladder(G, gemeente)
        ranks = [rank.get(r.scale, len(SCALES)) for r in ladder.rungs]
        assert ranks == sorted(ranks), gemeente
        assert [r.level for r in ladder.rungs] == sorted(r.level for r in ladder.rungs)
        for rung in ladder.rungs:
            assert rung.basis, rung.actor
            assert in_scope(G, served_areas(G, rung.actor), gemeente), (gemeente, rung.actor)


def test_where_does_a_stuck_case_go_in_the_example(tiny):
    ladder = escalation_ladder(tiny, "hilversum")
    assert ladder.levels == (("doorbraakregisseur", "gezinsregisseur"), ("doorbraaktafel",))
    tafel = _rung(ladder, "doorbraaktafel")
    assert tafel.escalated_from == ("buurtteam",)
    assert ladder.steps == (("buurtteam", "doorbraaktafel", "buurtteam-escaleert-doorbraaktafel"),)
    assert escalation_ladder(tiny, "huizen").levels == (("doorbraaktafel",),)


# Overlaps


def test_is_the_overlap_between_huisarts_and_jeugdarts_meant_by_the_law(region):
    # 003 §4 afspraak 2: "De huisarts, medisch specialist en jeugdarts: verwijzing op
    # grond van de Jeugdwet."
    found = _overlap(region, "verwijzen", {"huisarts", "jeugdarts", "medisch-specialist"})
    assert found.kind == "parallel-wettelijk"
    assert found.kind_label == "parallel bedoeld door de wet"
    assert "Jeugdwet" in found.explanation
    assert all(h.legal_bases == ("jeugdwet",) for h in found.holders)
    assert "003 §4, afspraak 2" in found.sources


def test_is_investigation_in_the_protection_chain_a_real_overlap(region):
    # 003 §4 afspraak 1: Veilig Thuis, de GI's en de Raad voeren eigen onderzoekstaken uit
    # "en er zit overlap in de taken zoals het maken en uitvoeren van een hulpplan".
    found = _overlap(
        region,
        "onderzoek",
        {"veilig-thuis", "gecertificeerde-instellingen", "raad-voor-de-kinderbescherming"},
    )
    assert found.kind == "zelfde-taak-zonder-afspraak"
    assert any("hulpplan" in e.text for e in found.evidence)
    assert all("003 §4, afspraak 1" in e.sources for e in found.evidence)
    # They share the Samenwerkingsprotocol, which does not divide the task.
    assert found.shared == ("samenwerkingsprotocol-gedwongen-kader",)
    assert "Samenwerkingsprotocol" in found.explanation


def test_are_the_real_overlaps_listed_before_those_that_are_meant(region):
    found = overlaps(region)
    order = list(KINDS)
    assert [order.index(o.kind) for o in found.overlaps] == sorted(
        order.index(o.kind) for o in found.overlaps
    )
    assert {k.kind: k.count for k in found.kinds} == {
        kind: len(found.of_kind(kind)) for kind in KINDS
    }
    assert found.overlaps[0].kind == "zelfde-taak-zonder-afspraak"


def test_is_a_department_and_its_organisation_an_overlap(region):
    # Inkoop en contractbeheer is the Regio's own department (003 §4 afspraak 4).
    found = _overlap(
        region, "contractbeheer", {"regio-gooi-en-vechtstreek", "inkoop-en-contractbeheer"}
    )
    assert found.kind == "binnen-organisatie"
    assert {h.organisation for h in found.holders} == {"regio-gooi-en-vechtstreek"}


def test_is_contracted_youth_mental_health_care_from_several_providers_an_overlap(region):
    found = _overlap(region, "jeugd-ggz", {"crisisfunctie-ggz"})
    assert found.kind == "parallel-ingekocht"
    assert any(e.record == "regio-financiert-crisisfunctie-ggz" for e in found.evidence)


def test_is_no_overlap_of_the_region_repeated_for_each_of_its_gemeenten(region):
    found = overlaps(region).overlaps
    for o in found:
        for other in found:
            if other is not o and (other.what, other.name, other.actors) == (
                o.what,
                o.name,
                o.actors,
            ):
                assert other.area not in area_scope(region, o.area), (o.name, o.area, other.area)


def test_which_overlaps_has_the_example(tiny):
    found = overlaps(tiny)
    assert [(o.kind, o.name, o.actors) for o in found.overlaps] == [
        ("zelfde-taak-zonder-afspraak", "procesregie", ("doorbraakregisseur", "gezinsregisseur")),
        ("parallel-wettelijk", "verwijzen", ("huisarts", "poh-jeugd")),
    ]
    assert (
        found.overlaps[0].evidence[0].text == "Voert regie op het proces van de hulp aan een gezin."
    )


# Diffs


def test_is_the_local_team_of_gooise_meren_changed_or_ended_between_2021_and_2025(region):
    result = diff(region, 2021, 2025)
    change = _change(result, "inrichting-gooise-meren-lokaal-team")
    assert (change.change, change.change_label) == ("gewijzigd", "gewijzigd")
    assert change.before.id == "inrichting-regio-2021-lokaal-team"
    assert change.before.as_of == 2021 and change.record.as_of == 2024
    assert "KPMG" in change.before.description
    assert "stevig lokaal team" in change.record.description
    assert any(s.startswith("003 §4") for s in change.before.sources)
    assert any(s.startswith("002 §3.2") for s in change.record.sources)
    assert change.link == "zelfde aspect (lokaal team); Gooi en Vechtstreek omvat Gooise Meren"
    assert "inrichting-gooise-meren-lokaal-team" not in {r.id for r in result.removed}


def test_is_only_what_the_seeds_say_ended_called_ended(region):
    result = diff(region, 2021, 2025)
    assert all(r.status == "beeindigd" for r in result.removed)
    ended = {
        r.id
        for r in region.graph["records"].values()
        if r.status == "beeindigd" and r.as_of is not None and 2021 < r.as_of <= 2025
    }
    assert {r.id for r in result.removed} == ended
    assert all(c.change_label == "beëindigd" for c in result.changes if c.change == "beeindigd")


def test_can_the_diff_tell_whether_wijdemeren_changed_where_the_seeds_are_silent(region):
    # 002 has no paragraph on Wijdemeren: its 2024 arrangements say "onbekend".
    result = diff(region, 2021, 2025)
    change = _change(result, "inrichting-wijdemeren-toegang")
    assert change.change == "onbekend"
    assert change.before.id == "inrichting-regio-2021-toegang"
    assert ("inrichting-regio-2021-toegang", "inrichting-wijdemeren-toegang") in {
        (a.id, b.id) for a, b in result.unknown
    }
    assert change.record.id not in {b.id for _, b in result.changed}


def test_what_changed_in_the_example_between_2021_and_2025(tiny):
    result = diff(tiny, 2021, 2025)
    assert [r.id for r in result.added] == ["poh-draagt-over-buurtteam"]
    assert [(a.id, b.id) for a, b in result.changed] == [
        ("hilversum-escalatie-2021", "hilversum-escalatie")
    ]
    assert [r.id for r in result.removed] == ["hilversum-poh-pilot"]
    assert [c.change for c in result.changes] == ["nieuw", "gewijzigd", "beeindigd"]
    assert result.changes[1].link == "zelfde gebied en aspect (escalatie van vastgelopen casussen)"


def test_is_a_record_gone_from_a_later_load_called_removed_not_ended(tiny, region):
    result = diff_projections(region, tiny)
    assert result.removed
    assert {c.change_label for c in result.changes if c.change == "verwijderd"} == {
        "niet meer genoemd in de bronnen"
    }
    assert not [c for c in result.changes if c.change == "beeindigd"]


def test_says_the_diff_one_figure_in_the_singular(region):
    """A figure of one reads '1 medewerker' in the diff, as on the pages."""
    from zorgnet.graph.analyses.snapshots import _texts

    texts = _texts(region)
    assert texts["gooise-meren-medewerkers-basishulp"][1] == "1 medewerker"
    assert not any(t.startswith("1 ") and t.endswith("medewerkers") for _, t in texts.values())
