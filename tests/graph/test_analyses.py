"""Gaps, overlaps, teams, brokers, mandates and snapshots, asked as users ask them."""

import pytest

from zorgnet.graph.analyses.brokers import GF_ROLES, brokerage_roles, brokers
from zorgnet.graph.analyses.gaps import coverage, dead_ends
from zorgnet.graph.analyses.mandates import escalation_ladder, mandate_matrix
from zorgnet.graph.analyses.membership import compare_teams, team_network
from zorgnet.graph.analyses.overlaps import overlaps, parallel_routes
from zorgnet.graph.analyses.routes import legal_referrers
from zorgnet.graph.analyses.snapshots import diff, diff_projections
from zorgnet.ontology.exceptions import UnknownName


def test_where_is_light_support_only_a_pilot(tiny):
    cells = coverage(
        tiny, gemeenten=["hilversum"], help_kinds=["lichte-begeleiding"], levels=("licht",)
    ).cells
    assert [(c.state, c.pilots) for c in cells] == [("alleen-pilot", ("poh-jeugd",))]


@pytest.mark.slow
def test_the_coverage_matrix_has_a_row_for_every_gemeente_of_the_region(region):
    gemeenten = {c.gemeente for c in coverage(region, help_kinds=["jeugd-ggz"]).cells}
    # Seed 002 §3.1 ff.: the seven gemeenten of Gooi en Vechtstreek.
    assert {"hilversum", "gooise-meren", "wijdemeren", "huizen"} <= gemeenten


def test_where_does_a_referral_stop(tiny):
    result = dead_ends(tiny)
    assert result.dead_ends == ("doorbraaktafel",)
    assert "van buurtteam" in result.reasons["doorbraaktafel"]
    # The school gives no care and holds no power: it is not listed as unreachable.
    assert "school" not in result.unreachable


def test_who_holds_the_same_power_for_the_same_area(tiny):
    found = overlaps(tiny).overlaps
    assert any(
        o.name == "verwijzen"
        and set(o.actors) == {"huisarts", "poh-jeugd"}
        and o.kind == "parallel-wettelijk"
        for o in found
    )


def test_parallel_routes_to_the_same_provider(tiny):
    routes = parallel_routes(tiny, "school", "jeugd-ggz").by_provider["ggz-aanbieder"]
    assert {r[1] for r in routes} == {"huisarts", "buurtteam"}


def test_who_is_in_the_buurtteams_network(tiny):
    net = team_network(tiny, "buurtteam")
    assert (net.kern, net.verbonden, net.buiten) == (("poh-jeugd",), ("huisarts",), ("school",))


def test_teams_are_compared_by_partner_types(tiny):
    assert compare_teams(tiny).partner_types["hilversum-oost"] == ("huisarts", "poh-jeugd")


def test_an_unknown_team_gets_suggestions(tiny):
    with pytest.raises(UnknownName, match="buurtteam"):
        team_network(tiny, "buurteam")


def test_what_breaks_if_the_buurtteam_disappears(tiny):
    row = next(r for r in brokers(tiny).rows if r.actor == "buurtteam")
    assert row.articulation_point
    assert "doorbraaktafel" in row.cut_off


def test_brokerage_roles_are_the_five_of_gould_and_fernandez(region):
    for counts in brokerage_roles(region).values():
        assert set(counts) == set(GF_ROLES)


def test_contracted_youth_care_is_a_hub_of_the_region(region):
    # Seed 003 §4: every legal referrer (each gemeente and the six other kinds) refers to
    # contracted care, so it is among the best connected actors of the region.
    rows = brokers(region, top=len(region)).rows
    degree = next(r.degree for r in rows if r.actor == "gecontracteerde-jeugdhulp")
    assert degree >= len(legal_referrers(region).referrers)
    assert degree >= sorted((r.degree for r in rows), reverse=True)[2]


def test_the_mandate_matrix_names_the_legal_basis_of_each_power(region):
    rows = {(r.actor, r.power): r for r in mandate_matrix(region).rows}
    # 003 §4 afspraak 2 names the Jeugdwet for the GP; for the rechter it names no law.
    assert rows[("huisarts", "verwijzen")].legal_basis_label == "Jeugdwet"
    rechter = rows[("rechter", "rechterlijke-maatregel")]
    assert (rechter.legal_basis, rechter.legal_basis_label) == (None, "geen wet genoemd")
    assert rows[("gecertificeerde-instellingen", "jeugdhulpbepaling")].opens_contracted_care


def test_the_mandate_matrix_for_one_gemeente_leaves_out_other_gemeenten(region):
    actors = {r.actor for r in mandate_matrix(region, gemeente="huizen").rows}
    assert "gemeente-huizen" in actors and "gemeente-laren" not in actors


def test_where_does_a_stuck_case_go(tiny):
    # The buurtteam escalates to the doorbraaktafel; the gemeente's own regisseurs are
    # the lower, local rung.
    ladder = escalation_ladder(tiny, "hilversum")
    assert ladder.levels == (("doorbraakregisseur", "gezinsregisseur"), ("doorbraaktafel",))
    assert ladder.rungs[-1].escalated_from == ("buurtteam",)


def test_what_changed_between_2021_and_2025(tiny):
    assert [r.id for r in diff(tiny, 2021, 2025).added] == ["poh-draagt-over-buurtteam"]


def test_a_projection_does_not_differ_from_itself(region):
    result = diff_projections(region, region)
    assert (result.added, result.removed, result.changed) == ((), (), ())


def test_which_records_changed_between_two_loads_of_the_data():
    from rdflib import Graph, Literal, URIRef

    from zorgnet.graph.analyses._example import example_graph
    from zorgnet.graph.projection import project
    from zorgnet.ontology.namespace import ZN

    before = example_graph()
    after = Graph()
    after += before
    huisarts = next(s for s in after.subjects() if str(s).endswith("/huisarts"))
    after.set(
        (
            huisarts,
            URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
            Literal("huisarts", lang="en"),
        )
    )  # only the language differs
    relation = next(s for s in after.subjects(ZN["from"], None) if str(s).endswith("-ggz"))
    citation = after.value(relation, ZN.citation)
    after.remove((relation, ZN.citation, citation))  # a citation is no change of the record
    result = diff_projections(project(before), project(after))
    assert [(old.id, new.id) for old, new in result.changed] == [("huisarts", "huisarts")]
    assert (result.added, result.removed) == ((), ())


def test_indicated_help_no_legal_referrer_can_reach_is_listed(tiny):
    from zorgnet.graph.analyses.gaps import referrer_reach

    assert referrer_reach(tiny, "hilversum").unreached == {}
    assert "huisarts" in referrer_reach(tiny, "hilversum").referrers
