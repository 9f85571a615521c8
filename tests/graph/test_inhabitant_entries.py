"""Where an inhabitant can go without a referral, asked of the shipped region."""

import pytest

from zorgnet.graph.analyses import scope_set
from zorgnet.graph.analyses.routes import front_doors, inhabitant_entries, referral_routes

GEMEENTEN = ["blaricum", "eemnes", "gooise-meren", "hilversum", "huizen", "laren", "wijdemeren"]


@pytest.mark.parametrize("gemeente", GEMEENTEN)
def test_an_inhabitant_goes_without_referral_to_the_voorveld_and_the_toegang(region, gemeente):
    here = scope_set(region, gemeente)
    voorveld = {a for a in here if "voorveld" in region.nodes[a]["access"]}
    organisations, doors, _ = front_doors(region, gemeente)
    expected = voorveld | ({d for d in doors if d in here} or set(organisations))
    # Gooise Meren names its toegang, the USD (002 §3.2, regel 482-484); its two
    # jeugdconsulenten "die intensieve regie uitvoeren" (regel 515-517) are no door.
    if gemeente == "gooise-meren":
        expected -= {"gooise-meren-jeugdconsulenten-intensieve-regie"}
    assert {a for a, _ in inhabitant_entries(region, gemeente)} == expected


@pytest.mark.parametrize("gemeente", GEMEENTEN)
def test_contracted_care_is_no_door_an_inhabitant_walks_through(region, gemeente):
    # The regional toegang arrangement is about gecontracteerde jeugdhulp because it says
    # that care is "alleen toegankelijk na verwijzing" (003 §4, afspraak 2).
    entries = {a for a, _ in inhabitant_entries(region, gemeente)}
    assert "gecontracteerde-jeugdhulp" not in entries
    assert not any("geindiceerd" in region.nodes[a]["access"] for a in entries)
    verblijf = referral_routes(region, "inwoner", "verblijf", gemeente=gemeente)
    assert verblijf.routes
    for route in verblijf.routes:
        assert "geindiceerd" not in region.nodes[route.actors[0]]["access"], route.actors


def test_a_toegang_the_seeds_name_comes_with_its_sources(region):
    entries = dict(inhabitant_entries(region, "gooise-meren"))
    assert "usd-gooise-meren" in entries
    assert "002 §3.2, regel 482-484" in entries["usd-gooise-meren"]
    assert entries["lokale-welzijnsorganisaties"] == ()
