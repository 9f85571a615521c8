"""What a first-time policy advisor found contradictory in the analyses (issue 19), on the
shipped data."""

from zorgnet.graph.analyses.gaps import coverage, gap_signals
from zorgnet.graph.analyses.membership import compare_teams
from zorgnet.graph.analyses.routes import referral_routes
from zorgnet.graph.analyses.social_map import self_referral, social_map


def test_noemt_de_hiatenlijst_een_gezinshuis_lichte_hulp(region) -> None:
    """Item 1: no seed gives gezinshuis or verblijf a level (002 §3: the region has no
    shared meaning of licht, midden, zwaar), so the level is onbekend, not 'licht, midden,
    zwaar'."""
    signals = gap_signals(region).signals
    for kind in ("gezinshuis", "verblijf"):
        found = [s for s in signals if s.help_kind == kind]
        assert found, kind
        for signal in found:
            assert signal.level_labels == ("onbekend",), (kind, signal.level_labels)
    light = [s for s in signals if s.help_kind == "lichte-begeleiding"]
    assert light and all(s.level_labels == ("licht",) for s in light)


def test_zeggen_hiaten_en_teams_hetzelfde_over_lichte_hulp_in_een_gemeente(region) -> None:
    """Item 2: where the teams page says a gemeente's team gives light help itself, the
    coverage of lichte begeleiding there names that team, not 'onbekend'."""
    teams = compare_teams(region).gemeenten
    saying = [g for g in teams if "lichte hulp" in g.description]
    assert any(g.gemeente == "wijdemeren" for g in saying)
    for gemeente in saying:
        cells = coverage(region, gemeenten=[gemeente.gemeente], help_kinds=["lichte-begeleiding"])
        (cell,) = [c for c in cells.cells if c.level == "licht"]
        assert cell.state != "onbekend", gemeente.gemeente
        described = {
            team
            for a in region.graph["arrangements"]
            if a.aspect == "lokaal-team" and a.description == gemeente.description
            for team in a.about
        }
        assert described & set(cell.providers), (gemeente.gemeente, cell.providers)


def test_noemt_de_route_naar_jeugd_ggz_de_wmo_als_grondslag(region) -> None:
    """Item 3: jeugd-GGZ rests on the Jeugdwet only; the gemeente's basis is derived (kwestie
    003-grondslag-gemeente-als-verwijzer), and the route says so."""
    found = referral_routes(region, "school", "jeugd-ggz", gemeente="wijdemeren")
    deciders = [r.decider for r in found.routes if r.decider]
    gemeente = next(d for d in deciders if d.actor == "gemeente-wijdemeren")
    assert gemeente.legal_bases == ("Jeugdwet",)
    assert gemeente.basis_derived
    assert not next(d for d in deciders if d.actor == "huisarts").basis_derived
    for route in found.routes:
        for step in route.steps:
            assert "maatschappelijke ondersteuning" not in step.sentence, step.sentence
            if step.decider and step.decider.basis_derived:
                assert "afgeleid" in step.sentence


def test_geven_de_actorpagina_en_de_sociale_kaart_een_antwoord_over_de_toegang(region) -> None:
    """Item 4: where the sociale kaart says inhabitants go to an actor themselves, the
    actor's own answer about its access is the same, with the same note."""
    doors = [d for d in social_map(region, "gooise-meren").open_doors if d.reason == "zelf"]
    assert "huisarts" in {d.actor for d in doors}
    for door in doors:
        if region.nodes[door.actor]["access"]:
            continue
        own = self_referral(region, door.actor)
        assert own is not None, door.actor
        assert own.reason_label == door.reason_label
