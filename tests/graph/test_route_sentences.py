"""Routes told in Dutch: each step a sentence with labels and its legal basis, who
decides, and how each alternative differs from the first; names typed as a user types
them."""

import pytest

from zorgnet.graph.analyses._phrases import actor_phrase, plural, relation_phrase
from zorgnet.graph.analyses.names import actor_or_type_name, area_name, concept_name
from zorgnet.graph.analyses.routes import ON_BEHALF, referral_routes


def _routes(G, *args, **kwargs):
    return referral_routes(G, *args, **kwargs).routes


def test_the_gp_refers_to_youth_mental_health_care_under_the_jeugdwet(region):
    (direct,) = _routes(region, "huisarts", "jeugd-ggz", gemeente="huizen")
    step = direct.steps[-1]
    label = region.nodes["gecontracteerde-jeugdhulp"]["label"]
    assert step.sentence == f"De huisarts verwijst naar de {label} (Jeugdwet)."
    # The decider is the GP, by its mandate, and its law is the step's.
    assert step.decider is not None and step.decider.actor == "huisarts"
    assert step.decider.powers == ("verwijzen",)
    assert step.decider.legal_bases == ("Jeugdwet",)
    assert direct.decider == step.decider
    assert all(s.startswith("003 §4") for s in direct.decider.sources)


def test_every_kept_step_has_a_sentence_of_labels_and_no_ids(region):
    for source, help_kind, gemeente in [
        ("huisarts", "jeugd-ggz", "huizen"),
        ("inwoner", "jeugd-ggz", "huizen"),
        ("school", "jeugd-ggz", "hilversum"),
        ("inwoner", "verblijf", "gooise-meren"),
    ]:
        for route in _routes(region, source, help_kind, gemeente=gemeente):
            for step in route.steps:
                assert step.sentence[:1].isupper() and step.sentence.endswith(".")
                assert region.nodes[step.actor]["label"] in step.sentence
                if "-" in step.actor:
                    assert step.actor not in step.sentence


def test_a_toegang_decides_on_behalf_of_its_gemeente(region):
    routes = _routes(region, "inwoner", "jeugd-ggz", gemeente="huizen")
    on_behalf = [s for r in routes for s in r.steps if s.kind == ON_BEHALF]
    assert on_behalf
    for step in on_behalf:
        assert step.decider is not None and step.decider.actor == "gemeente-huizen"
        assert "namens Gemeente Huizen" in step.sentence
        assert "beschikken" in step.decider.powers


def test_each_alternative_says_how_it_differs_from_the_first(region):
    for source, help_kind, gemeente in [
        ("inwoner", "jeugd-ggz", "huizen"),
        ("school", "jeugd-ggz", "hilversum"),
    ]:
        routes = _routes(region, source, help_kind, gemeente=gemeente)
        assert len(routes) > 1
        first = routes[0]
        assert first.differences == ()
        for route in routes[1:]:
            assert route.differences, route.actors
            said = " ".join(route.differences)
            if route.actors[-1] != first.actors[-1]:
                provider = region.nodes[route.actors[-1]]["label"]
                assert f"De hulp komt hier van de {provider}" in said
            if route.referrer != first.referrer and route.referrer is not None:
                assert region.nodes[route.referrer]["label"] in said


def test_is_een_route_naar_een_onderdeel_van_de_gecontracteerde_zorg_geen_tweede_route(region):
    """Issue 19, item 7: the GP's referral to the aanbieders jeugd-GGZ is the route to the
    regionaal gecontracteerde jeugdhulp they are part of; one route names them."""
    (route,) = _routes(region, "huisarts", "jeugd-ggz", gemeente="huizen")
    assert route.actors == ("huisarts", "gecontracteerde-jeugdhulp")
    assert "aanbieders-jeugd-ggz" in route.provider_parts
    assert "003 §2.1, regel 396" in route.provider_part_sources
    for source, gemeente in [("school", "wijdemeren"), ("inwoner", "huizen")]:
        routes = _routes(region, source, "jeugd-ggz", gemeente=gemeente)
        for r in routes:
            others = [o for o in routes if o is not r and o.actors[:-1] == r.actors[:-1]]
            assert not any(r.actors[-1] in o.provider_parts for o in others), r.actors


@pytest.mark.parametrize(
    ("label", "kind", "expected"),
    [
        ("huisarts", "huisarts", "de huisarts"),
        ("buurtteam Oost", "buurtteam", "het buurtteam Oost"),
        ("buurtteams Hilversum", "buurtteam", "de buurtteams Hilversum"),
        (
            "gemeentelijke consulenten (lokale toegang)",
            "consulententeam",
            "de gemeentelijke consulenten (lokale toegang)",
        ),
        ("Veilig Thuis Gooi en Vechtstreek", "veilig-thuis", "Veilig Thuis Gooi en Vechtstreek"),
    ],
)
def test_an_actor_takes_its_article(label, kind, expected):
    assert actor_phrase(label, kind) == expected


def test_the_verb_agrees_with_a_plural_subject():
    assert plural("jeugdigen en ouders (inwoners)")
    assert plural("lokale (gesubsidieerde) welzijnsorganisaties")
    assert not plural("huisarts") and not plural("praktijkondersteuner huisarts (POH)")
    assert (
        relation_phrase("draagt-over", "de scholen", "de GGD")
        == "de scholen dragen over aan de GGD"
    )
    assert (
        relation_phrase("consulteert", "de huisarts", "de POH")
        == "de huisarts vraagt advies aan de POH"
    )


def test_names_are_read_regardless_of_case_and_by_label(region):
    assert actor_or_type_name(region, "Huisarts") == "huisarts"
    assert actor_or_type_name(region, "HUISARTS") == "huisarts"
    assert actor_or_type_name(region, "Inwoner of ouder") == "inwoner"
    assert actor_or_type_name(region, "veilig thuis gooi en vechtstreek") == "veilig-thuis"
    assert concept_name("HelpKind", "Jeugd-GGZ") == "jeugd-ggz"
    assert concept_name("HelpKind", "jeugd ggz") == "jeugd-ggz"
    assert concept_name("SupportLevel", "Zwaar") == "zwaar"
    assert area_name(region, "Gooise Meren") == "gooise-meren"
    assert area_name(region, "gooise meren") == "gooise-meren"
    # What names nothing is left for the analysis to refuse, with its close names.
    assert actor_or_type_name(region, "huisartz") == "huisartz"
    assert area_name(region, "Atlantis") == "Atlantis"


def test_a_capitalised_start_gives_the_same_routes(region):
    same = referral_routes(
        region, actor_or_type_name(region, "Huisarts"), "jeugd-ggz", gemeente="huizen"
    )
    assert same == referral_routes(region, "huisarts", "jeugd-ggz", gemeente="huizen")


def test_no_route_is_explained_with_the_label_of_the_start(region):
    result = referral_routes(region, "beleidsfunctie", "jeugd-ggz", gemeente="huizen")
    assert result.missing == "geen-relatie-vanaf-ingang"
    assert result.explanation.startswith("Vanaf beleids- of programmafunctie loopt geen")
    assert "beleidsfunctie" not in result.explanation
