"""The sociale kaart of a gemeente, asked of the shipped region."""

import pytest

from zorgnet.graph.analyses import scope_set
from zorgnet.graph.analyses.routes import entry_actors, inhabitant_entries, referral_routes
from zorgnet.graph.analyses.social_map import social_map
from zorgnet.ontology.categories import LAYERS, category_of, layer_of
from zorgnet.ontology.exceptions import UnknownName
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import vocabulary

GEMEENTEN = ["blaricum", "eemnes", "gooise-meren", "hilversum", "huizen", "laren", "wijdemeren"]


@pytest.mark.parametrize("gemeente", GEMEENTEN)
def test_every_actor_serving_the_gemeente_is_in_exactly_one_layer(region, gemeente):
    kaart = social_map(region, gemeente)
    assert [layer.id for layer in kaart.layers] == [layer for layer, _ in LAYERS]
    assert sorted(kaart.actors) == sorted(scope_set(region, gemeente))
    assert len(kaart.actors) == len(set(kaart.actors))


def test_the_layer_of_an_actor_is_that_of_its_type_and_scale_as_on_the_maps(region):
    kaart = social_map(region, "gooise-meren")
    for layer in kaart.layers:
        for entry in layer.actors:
            node = region.nodes[entry.actor]
            assert layer.id == layer_of(category_of(node["type"], node["offers"]), node["scale"])
    layer_of_actor = {a.actor: layer.id for layer in kaart.layers for a in layer.actors}
    assert layer_of_actor["huisarts"] == "verwijzers"
    assert layer_of_actor["veilig-thuis"] == "veiligheid"
    assert layer_of_actor["usd-gooise-meren"] == "lokaal"
    assert layer_of_actor["bovenregionaal-expertisenetwerk"] == "bovenregionaal"


def test_the_care_layers_of_gooise_meren_are_all_filled(region):
    kaart = social_map(region, "gooise-meren")
    care = [layer for layer in kaart.layers if not layer.id.startswith("bestuur")]
    assert [layer.label for layer in care] == [
        "Voorveld",
        "Lokale toegang en teams",
        "Verwijzers",
        "Gecontracteerde zorg",
        "Veiligheid en bescherming",
        "Regio",
        "Bovenregionaal en landelijk",
    ]
    assert all(layer.actors for layer in care)


def test_actors_show_labels_not_codes(region):
    kaart = social_map(region, "gooise-meren")
    entries = [a for layer in kaart.layers for a in layer.actors]
    vocab = vocabulary()
    for entry in entries:
        concept = vocab.concept(ZN.ActorType, entry.type)
        assert entry.type_label == vocab.label(concept), entry
    assert {"maatschappelijke organisatie", "Veilig Thuis"} <= {a.type_label for a in entries}
    jeugd_ggz = next(a for a in entries if a.actor == "aanbieders-jeugd-ggz")
    assert "jeugd-ggz" not in jeugd_ggz.offers_labels
    assert jeugd_ggz.access_labels == ("geïndiceerd (na verwijzing of beschikking)",)


@pytest.mark.parametrize("gemeente", GEMEENTEN)
def test_the_open_doors_are_where_an_inhabitants_route_starts(region, gemeente):
    """The voorveld and toegang an inwoner's route starts at, and where the inhabitants'
    own actors take their first step; each with a reason and sources."""
    doors = social_map(region, gemeente).open_doors
    entries = {a for a, _ in inhabitant_entries(region, gemeente)}
    inhabitants = set(entry_actors(region, "inwoner", gemeente))
    assert inhabitants, "the shipped data has inhabitants as actors"
    first_steps = set()
    for help_kind in vocabulary().notations(ZN.HelpKind):
        for route in referral_routes(region, "inwoner", help_kind, gemeente=gemeente).routes:
            start = route.steps[0]
            if start.actor in inhabitants and len(route.steps) > 1:
                first_steps.add(route.steps[1].actor)
            else:
                assert start.actor in {d.actor for d in doors}, route.actors
    names = {d.actor for d in doors}
    assert entries <= names
    assert first_steps <= names
    assert names <= entries | first_steps
    assert "huisarts" in names
    for door in doors:
        assert door.sources and door.reason_label, door
        assert "geindiceerd" not in region.nodes[door.actor]["access"]


def test_the_gemeente_has_its_local_set_up_and_facts(region):
    kaart = social_map(region, "gooise-meren")
    aspects = {a.aspect_label: a.status_label for a in kaart.arrangements}
    assert aspects["toegang"] == "bestaand"
    assert aspects["lokaal team"] == "afwezig"
    assert {f.id for f in kaart.facts.figures} >= {"gooise-meren-medewerkers-basishulp"}
    assert "kwestie-000-integrale-casusaanpak" in {i.id for i in kaart.facts.issues}
    assert kaart.facts.shortages


def test_an_unknown_gemeente_is_refused_with_close_names(region):
    with pytest.raises(UnknownName, match="gooise-meren"):
        social_map(region, "gooise-meer")


def test_staan_regionale_tekorten_apart_van_die_van_de_gemeente_zelf(region):
    """A shortage the sources name for the whole region (or the HBEL cluster) holds in
    Huizen too, but is no shortage of Huizen alone: the sociale kaart keeps them apart."""
    kaart = social_map(region, "huizen")
    regional = kaart.regional_shortages
    assert "tekort-gezinshuizen" in {s.id for s in regional}
    for shortage in regional:
        assert set(shortage.areas) <= {"gooi-en-vechtstreek", "hbel"}, shortage.id
    assert not {s.id for s in kaart.own_shortages} & {s.id for s in regional}
    assert set(kaart.own_shortages) | set(regional) == set(kaart.facts.shortages)
