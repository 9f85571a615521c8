"""Referral routes, asked as users ask them."""

import pytest

from zorgnet.graph.analyses.routes import legal_referrers, referral_routes
from zorgnet.ontology.exceptions import UnknownName

SEVEN_OF_SEED_003 = {
    "gemeente",
    "huisarts",
    "medisch-specialist",
    "jeugdarts",
    "gecertificeerde-instelling",
    "veilig-thuis",
    "rechter",
}


def test_which_legal_referrers_give_access_to_contracted_youth_care(region):
    # Seed 003 §4, afspraak 2 names seven kinds of wettelijk verwijzer.
    assert set(legal_referrers(region, domain="jeugd").types) >= SEVEN_OF_SEED_003


def test_each_gemeente_is_its_own_legal_referrer_for_its_own_area(region):
    actors = {r.actor for r in legal_referrers(region, gemeente="huizen").referrers}
    assert "gemeente-huizen" in actors
    assert "gemeente-hilversum" not in actors


def test_the_regio_managing_contracts_is_no_legal_referrer(region):
    assert "regio-gooi-en-vechtstreek" not in {r.actor for r in legal_referrers(region).referrers}


def test_legal_referrers_name_their_legal_basis_and_sources(region):
    huisarts = next(r for r in legal_referrers(region).referrers if r.actor == "huisarts")
    assert huisarts.powers == ("verwijzen",)
    assert "jeugdwet" in huisarts.legal_bases
    assert any(s.startswith("003 §4") for s in huisarts.sources)


def test_how_does_a_gp_refer_to_youth_mental_health_care(tiny):
    result = referral_routes(tiny, "huisarts", "jeugd-ggz", gemeente="hilversum")
    best = result.routes[0]
    assert best.actors == ("huisarts", "ggz-aanbieder")
    assert best.needs_referral and best.referrer == "huisarts"
    assert best.steps[1].relation == "huisarts-verwijst-ggz"
    assert best.steps[0].mandates[0].legal_bases == ("jeugdwet",)


def test_a_route_through_the_local_team_is_opened_by_the_gemeente(tiny):
    result = referral_routes(tiny, "school", "jeugd-ggz", gemeente="hilversum")
    by_gate = {route.referrer: route for route in result.routes}
    route = by_gate["gemeente-hilversum"]
    assert route.actors == ("school", "buurtteam", "gemeente-hilversum", "ggz-aanbieder")
    # The other route goes through the GP, as referrers report it happens in practice.
    practice = by_gate["huisarts"]
    assert practice.steps[1].reported_practice
    assert "volgens verwijzers in de praktijk" in practice.explanation


def test_an_inhabitant_reaches_the_buurtteam_without_referral(tiny):
    route = referral_routes(tiny, "inwoner", "basishulp", gemeente="hilversum").routes[0]
    assert route.voorveld
    assert route.steps[0].kind == "meldt-zich"


def test_k_limits_the_number_of_routes(tiny):
    assert len(referral_routes(tiny, "huisarts", "jeugd-ggz", k=1).routes) == 1


def test_no_route_when_nobody_offers_the_help_there(tiny):
    result = referral_routes(tiny, "huisarts", "verblijf", gemeente="hilversum")
    assert result.routes == ()
    assert result.missing == "geen-aanbieder"
    assert "verblijf" in result.explanation


def test_no_route_explains_that_the_entry_point_has_no_relation(tiny):
    result = referral_routes(tiny, "ggz-aanbieder", "basishulp")
    assert result.missing == "geen-relatie-vanaf-ingang"


def test_no_route_explains_a_missing_chain(tiny):
    result = referral_routes(tiny, "doorbraaktafel", "jeugd-ggz")
    assert result.missing in {"geen-relatie-vanaf-ingang", "geen-keten"}
    assert result.explanation


def test_a_relation_for_another_area_is_not_used(tiny):
    # The gemeente Hilversum's referral holds in Hilversum only.
    result = referral_routes(tiny, "school", "jeugd-ggz", gemeente="huizen")
    assert all("gemeente-hilversum" not in r.actors for r in result.routes)


def test_every_legal_referrer_of_the_region_reaches_contracted_care(region):
    for referrer in legal_referrers(region, domain="jeugd").referrers:
        edges = region.out_edges(referrer.actor, data=True)
        assert any(
            v == "gecontracteerde-jeugdhulp" and d["kind"] == "verwijst" for _, v, d in edges
        ), referrer.actor


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"help_kind": "jeugd-gz"}, "jeugd-ggz"),
        ({"gemeente": "hilversun"}, "hilversum"),
        ({"source": "huisarst"}, "huisarts"),
    ],
)
def test_unknown_names_are_refused_with_the_closest_valid_names(tiny, kwargs, match):
    arguments = {"source": "huisarts", "help_kind": "jeugd-ggz", **kwargs}
    with pytest.raises(UnknownName, match=match):
        referral_routes(tiny, arguments.pop("source"), arguments.pop("help_kind"), **arguments)


def test_a_gp_in_huizen_with_a_light_parenting_question_goes_via_the_poh_jeugd(region):
    """002 §3.3: in the HBEL two POH's Jeugd, linked to three GP practices, take up many
    light parenting questions. "huisarts" as entry point means every GP in Huizen, the
    practices with a POH Jeugd included."""
    result = referral_routes(
        region, "huisarts", "opvoedondersteuning", gemeente="huizen", level="licht"
    )
    assert result.routes
    best = result.routes[0]
    assert [step.actor for step in best.steps] == ["hbel-huisartsenpraktijken", "hbel-poh-jeugd"]
    assert best.voorveld
