"""One notion of reachability: routes and gaps agree, routes are distinct and explain
themselves, and the gemeente's own toegang is a route (issue 17)."""

import networkx as nx
import pytest

from zorgnet.graph.analyses.gaps import STATES, coverage, dead_ends, referrer_reach
from zorgnet.graph.analyses.routes import (
    ON_BEHALF,
    legal_referrers,
    providers,
    referral_routes,
)
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import vocabulary

GEMEENTEN = ("hilversum", "gooise-meren", "wijdemeren", "huizen", "blaricum", "eemnes", "laren")


def _indicated(G: nx.MultiDiGraph, help_kind: str, gemeente: str) -> bool:
    found = providers(G, help_kind, gemeente=gemeente)
    return any(
        "geindiceerd" in G.nodes[a]["access"]
        for p in found
        for a in (p, *G.nodes[p]["part_of"])
        if a in G
    )


def _agree(G: nx.MultiDiGraph, gemeenten: tuple[str, ...]) -> int:
    checked = 0
    for gemeente in gemeenten:
        unreached = referrer_reach(G, gemeente).unreached
        referrers = [r.actor for r in legal_referrers(G, gemeente=gemeente).referrers]
        for help_kind in vocabulary().notations(ZN.HelpKind):
            routed = any(
                referral_routes(G, r, help_kind, gemeente=gemeente, k=1).routes for r in referrers
            )
            expected = _indicated(G, help_kind, gemeente) and not routed
            assert (help_kind in unreached) == expected, (gemeente, help_kind)
            checked += 1
    return checked


def test_gaps_call_help_unreachable_exactly_when_no_legal_referrer_has_a_route(region) -> None:
    assert _agree(region, GEMEENTEN) > 100


def test_the_same_holds_on_the_small_example(tiny) -> None:
    assert _agree(tiny, ("hilversum", "huizen")) > 10


def test_kan_de_huisarts_in_huizen_naar_jeugd_ggz_verwijzen(region) -> None:
    """003 §4, afspraak 2: the huisarts is a legal referrer to contracted youth care."""
    result = referral_routes(region, "huisarts", "jeugd-ggz", gemeente="huizen")
    assert result.routes
    assert result.routes[0].referrer == "huisarts"
    assert "jeugd-ggz" not in referrer_reach(region, "huizen").unreached


@pytest.mark.parametrize(
    ("source", "help_kind", "gemeente"),
    [
        ("huisarts", "jeugd-ggz", "huizen"),
        ("inwoner", "jeugd-ggz", "hilversum"),
        ("school", "jeugd-ggz", "huizen"),
        ("inwoner", "verblijf", "gooise-meren"),
        ("jeugdarts", "ambulante-begeleiding", "wijdemeren"),
    ],
)
def test_no_route_is_another_route_with_a_detour(region, source, help_kind, gemeente) -> None:
    routes = referral_routes(region, source, help_kind, gemeente=gemeente, k=5).routes
    assert routes
    for a in routes:
        for b in routes:
            if a is not b:
                assert not set(a.actors) <= set(b.actors), (a.actors, b.actors)
        assert all(step.kind != "bevat" for step in a.steps)
        assert a.explanation.count("[bron:") >= len(a.steps) - 1


def test_loopt_de_route_van_een_inwoner_in_hilversum_via_de_toegang_van_de_gemeente(
    region,
) -> None:
    """003 §4, afspraak 2: the gemeente is the legal referrer through its toegang."""
    routes = referral_routes(region, "inwoner", "jeugd-ggz", gemeente="hilversum").routes
    through_toegang = [r for r in routes if len(r.steps) > 1 and r.steps[1].kind == ON_BEHALF]
    assert through_toegang
    route = through_toegang[0]
    assert route.referrer == "gemeente-hilversum"
    assert route.steps[0].kind == "meldt-zich"
    assert "beslist namens" in route.explanation
    assert "beschikken" in route.explanation


def test_the_unreachable_list_holds_care_actors_only_each_with_a_reason(region) -> None:
    result = dead_ends(region)
    listed = (*result.unreachable, *result.dead_ends)
    assert listed
    for actor in listed:
        data = region.nodes[actor]
        assert data["type"] != "gemeente"
        assert data["actor_class"] not in ("GovernanceBody", "Programme")
        assert data["label"] in result.reasons[actor]
    assert len(result.unreachable) < len(region) / 4


def test_every_coverage_cell_has_one_state_and_its_evidence(region) -> None:
    cells = coverage(region).cells
    states = {c.state for c in cells}
    assert states <= set(STATES)
    assert {"aanwezig", "tekort", "onbekend"} <= states
    for cell in cells:
        if cell.state == "aanwezig":
            assert cell.providers and cell.sources
        if cell.state == "tekort":
            assert cell.shortages and cell.sources
        if cell.state == "alleen-pilot":
            assert cell.pilots and not cell.providers
        if cell.state == "afwezig":
            assert cell.absences and cell.sources
        if cell.state == "onbekend":
            assert not (cell.providers or cell.pilots or cell.shortages or cell.absences)


def test_a_regional_shortage_makes_the_help_short_in_every_gemeente(region) -> None:
    regional = [s for s in region.graph["shortages"] if "gooi-en-vechtstreek" in s.areas]
    shortage = next(s for s in regional if s.help_kinds)
    kind = shortage.help_kinds[0]
    for cell in coverage(region, help_kinds=[kind], levels=("zwaar",)).cells:
        assert cell.state == "tekort"
        assert shortage.id in cell.shortages
