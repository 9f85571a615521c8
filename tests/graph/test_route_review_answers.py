"""Route questions of a policy advisor whose answers must not mislead."""

import pytest

from zorgnet.graph.analyses.routes import referral_routes


def test_do_inhabitants_of_huizen_get_routes_without_anyone_who_may_decide(region):
    """No: such a way is set apart; the vraagverkenners, which route 1 names as another
    door of the same toegang where the gemeente decides (003 §4, afspraak 2), are no
    separate route without a decider."""
    result = referral_routes(region, "inwoner", "jeugd-ggz", gemeente="huizen")
    assert result.routes and all(r.gate_open for r in result.routes)
    assert all(r.decider is not None for r in result.routes)
    doors = {door for r in result.routes for door in r.other_entries}
    assert "gemeentelijke vraagverkenners" in doors
    apart = result.without_decider
    assert apart and all(not r.gate_open for r in apart)
    assert not {r.steps[0].label for r in apart} & doors


def test_a_gp_route_to_the_contracted_category_says_it_holds_jeugd_ggz(region):
    """003 bijlage 1: the jeugd-GGZ providers lie within the ambulante jeugdhulp within
    the regionally contracted youth care."""
    result = referral_routes(region, "huisarts", "jeugd-ggz", gemeente="huizen")
    first = result.routes[0]
    assert first.actors[-1] == "gecontracteerde-jeugdhulp"
    assert "aanbieders-jeugd-ggz" in first.provider_parts
    assert first.provider_part_sources


@pytest.mark.parametrize("gemeente", ["huizen", "hilversum", "wijdemeren"])
def test_is_the_gp_route_to_jeugd_ggz_a_regional_arrangement(region, gemeente):
    result = referral_routes(region, "huisarts", "jeugd-ggz", gemeente=gemeente)
    assert result.region_label == "Gooi en Vechtstreek"
    assert all(r.regional for r in result.routes)


def test_the_gemeente_deciding_is_no_regional_arrangement(region):
    result = referral_routes(region, "inwoner", "jeugd-ggz", gemeente="huizen")
    assert result.region_label == ""
    assert not result.routes[0].regional  # Gemeente Huizen decides
