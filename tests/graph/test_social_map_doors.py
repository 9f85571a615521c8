"""A policy advisor asks where an inhabitant of Gooise Meren can go without a referral."""

from zorgnet.graph.analyses.routes import inhabitant_entries
from zorgnet.graph.analyses.social_map import social_map


def test_is_the_stip_shown_with_the_doubt_of_its_known_issue(region):
    """STIP is a pilot, the local set-up of the voorveld is 'in onderzoek', and kwestie
    002 reads 'De STIP's worden nog verkend en bestaan nog niet' (002 §3.2, r. 523-528)."""
    doors = social_map(region, "gooise-meren").open_doors
    stip = next(d for d in doors if d.actor == "gooise-meren-stip")
    texts = " ".join(c.text for c in stip.caveats)
    assert "pilot" in texts
    assert "nog onderzocht" in texts
    assert "bestaan nog niet" in texts
    assert all(c.sources for c in stip.caveats)
    assert "002 §3.2, regel 523-528" in {s for c in stip.caveats for s in c.sources}
    # The sure doors come first: STIP is not the first place an inhabitant is sent.
    voorveld = [d for d in doors if d.reason == "voorveld"]
    assert voorveld[0].actor != "gooise-meren-stip"
    assert not voorveld[0].caveats
    assert [bool(d.caveats) for d in voorveld] == sorted(bool(d.caveats) for d in voorveld)


def test_a_door_in_place_has_no_caveat_from_an_unrelated_issue(region):
    doors = {d.actor: d for d in social_map(region, "gooise-meren").open_doors}
    assert doors["usd-gooise-meren"].caveats == ()


def test_is_intensieve_regie_a_place_to_go_without_referral(region):
    """No: two jeugdconsulenten 'die intensieve regie uitvoeren' (002 §3.2, r. 515-517);
    the USD has the toegang (r. 482-484)."""
    kaart = social_map(region, "gooise-meren")
    regie = "gooise-meren-jeugdconsulenten-intensieve-regie"
    assert regie not in {d.actor for d in kaart.open_doors}
    assert regie not in {a for a, _ in inhabitant_entries(region, "gooise-meren")}
    entry = next(a for layer in kaart.layers for a in layer.actors if a.actor == regie)
    assert not entry.without_referral and entry.door_reason is None


def test_is_the_toegang_of_the_gemeente_labelled_as_without_referral(region):
    """No: at the USD one asks the gemeente, which decides (003 §4, afspraak 2)."""
    kaart = social_map(region, "gooise-meren")
    usd = next(a for layer in kaart.layers for a in layer.actors if a.actor == "usd-gooise-meren")
    assert usd.door_reason == "toegang"
    assert not usd.without_referral
    welzijn = next(
        a
        for layer in kaart.layers
        for a in layer.actors
        if a.actor == "lokale-welzijnsorganisaties"
    )
    assert welzijn.without_referral


def test_where_does_a_stuck_case_in_gooise_meren_go_if_no_local_escalation_is_known(region):
    """002 §3.2 describes no escalation for Gooise Meren; the regional one of 003 §4
    (C&A-team, Expertteam, Doorbraaktafel, schakelfunctionaris) holds there, as its
    ladder on /opschaling shows."""
    rows = social_map(region, "gooise-meren").arrangements
    ids = [a.id for a in rows]
    own = rows[ids.index("inrichting-gooise-meren-escalatie")]
    assert own.status == "onbekend" and own.covered
    regional = rows[ids.index("inrichting-gooise-meren-escalatie") + 1]
    assert regional.id == "inrichting-regio-2021-escalatie"
    assert regional.enclosing and regional.area_label == "Gooi en Vechtstreek"
    assert {"ca-team", "doorbraaktafel"} <= set(regional.about)
    # Where the gemeente's own set-up is known, nothing regional is added.
    assert "inrichting-regio-2021-toegang" not in ids
