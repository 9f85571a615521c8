"""Scenarios ("wat als") on the shipped region: the questions a policy advisor asks."""

from dataclasses import replace

import networkx as nx
import pytest

from zorgnet.graph.analyses import scenarios as scenarios_module
from zorgnet.graph.analyses.brokers import brokers
from zorgnet.graph.analyses.routes import referral_routes
from zorgnet.graph.analyses.scenarios import Scenario, apply_scenario, compare
from zorgnet.ontology.exceptions import UnknownName

POH_PILOT = "gooise-meren-poh-jeugd"
# The regional instruments of 2021 (seed 003 §4) that the 2025 seeds do not name again.
INSTRUMENTS_2021 = (
    "ca-team",
    "expertteam",
    "doorbraaktafel",
    "schakelfunctionaris",
    "onderwijs-zorgconsulent",
)
PROVIDERS = "gecontracteerde-jeugdhulp"


@pytest.fixture(scope="module")
def poh_stops(region: nx.MultiDiGraph):  # type: ignore[no-untyped-def]
    return compare(region, Scenario("POH-jeugd stopt", without_actors=(POH_PILOT,)))


@pytest.fixture(scope="module")
def providers_leave(region: nx.MultiDiGraph):  # type: ignore[no-untyped-def]
    return compare(region, Scenario(without_actors=(PROVIDERS,)))


def _in(result, gemeente: str):  # type: ignore[no-untyped-def]
    return next(g for g in result.gemeenten if g.gemeente == gemeente)


def test_wat_verandert_er_in_gooise_meren_als_de_poh_jeugd_stopt(poh_stops) -> None:
    assert [g.gemeente for g in poh_stops.gemeenten] == ["gooise-meren"]
    here = _in(poh_stops, "gooise-meren")
    # The seeds put the pilot on no referral route: no route changes, and the answer
    # says what does: the cooperation with the first-line care, and a VNG function.
    assert here.routes == ()
    [link] = poh_stops.links
    assert (link.source, link.kind, link.target) == (
        POH_PILOT,
        "werkt-samen",
        "gooise-meren-eerstelijns-zorgverleners",
    )
    assert link.sources == ("002 §3.2, regel 512-514",)
    assert [c.actor for c in here.cut_off] == ["gooise-meren-eerstelijns-zorgverleners"]
    [signalling] = here.framework
    assert signalling.concept == "tijdig-signaleren"
    assert signalling.lost == ("POH-jeugd (pilot Gooise Meren)",)
    assert signalling.state_after == "ingevuld"
    assert "002 §3.2, regel 512-515" in signalling.sources


@pytest.mark.slow
def test_welke_adviesroutes_verliest_de_huisarts_als_de_instrumenten_van_2021_niet_doorgaan(
    region: nx.MultiDiGraph,
) -> None:
    result = compare(region, Scenario(without_actors=INSTRUMENTS_2021))
    assert {g.gemeente for g in result.changed} == {
        a.id for a in region.graph["areas"].values() if a.type == "gemeente"
    }
    here = _in(result, "gooise-meren")
    advice = next(c for c in here.routes if (c.help_kind, c.start) == ("advies", "huisarts"))
    assert advice.change_label == "route verloren"
    assert (
        advice.before
        == "huisarts → Regionaal Consultatie- en Adviesteam (C&A-team) (verwijzer: huisarts)"
    )
    assert advice.after == ""
    assert advice.lost_relations == ("huisarts-consulteert-ca-team",)
    assert advice.sources == ("003 §4, afspraak 2",)
    assert any(c.concept == "brede-blik" and c.lost for c in here.framework)


def test_wat_als_de_gecontracteerde_jeugdhulpaanbieders_na_de_aanbesteding_vertrekken(
    providers_leave,
) -> None:
    huizen = _in(providers_leave, "huizen")
    by_question = {(c.help_kind, c.start): c for c in huizen.routes}
    foster = by_question[("pleegzorg", "huisarts")]
    assert (foster.change, foster.before_referrer) == ("verloren", "huisarts")
    assert foster.lost_relations == ("huisarts-verwijst-gecontracteerde-jeugdhulp",)
    ggz = by_question[("jeugd-ggz", "inwoner")]
    assert ggz.change == "andere-verwijzer"
    assert (ggz.before_referrer, ggz.after_referrer) == ("Gemeente Huizen", "huisarts")
    assert "aanbieders jeugd-GGZ" in ggz.after
    unreached = {c.help_kind: c for c in huizen.unreached}
    assert unreached["pleegzorg"].change == "onbereikbaar"
    assert "pleegzorg" in unreached["pleegzorg"].providers
    assert unreached["pleegzorg"].sources


@pytest.mark.slow
def test_wat_als_de_huisarts_niet_meer_mag_verwijzen(region: nx.MultiDiGraph) -> None:
    result = compare(region, Scenario(without_mandates=("huisarts-verwijzen",)))
    assert [r.label for r in result.removed_mandates] == ["huisarts: verwijzen"]
    huizen = _in(result, "huizen")
    changed = {(c.help_kind, c.start): c for c in huizen.routes}
    ggz = changed[("jeugd-ggz", "huisarts")]
    assert ggz.before_referrer == "huisarts"
    assert ggz.after_referrer != "huisarts"


def test_blijft_de_gedeelde_projectie_onveranderd_na_een_scenario(
    region: nx.MultiDiGraph, providers_leave
) -> None:
    edges, mandates = region.number_of_edges(), region.graph["mandates"]
    copy = apply_scenario(region, Scenario(without_actors=(PROVIDERS, POH_PILOT)))
    assert PROVIDERS in region and PROVIDERS not in copy
    assert region.number_of_edges() == edges and region.graph["mandates"] is mandates
    assert nx.is_frozen(copy) and copy.graph["memo"] is not region.graph["memo"]
    assert not any(m.holder == PROVIDERS for m in copy.graph["mandates"])
    assert referral_routes(region, "huisarts", "pleegzorg", gemeente="huizen").legal


@pytest.mark.slow
@pytest.mark.parametrize(
    "scenario",
    [
        Scenario(without_actors=INSTRUMENTS_2021),
        Scenario(without_actors=(PROVIDERS, POH_PILOT)),
        Scenario(without_mandates=("huisarts-verwijzen",)),
        Scenario(without_actors=("aanbieders-verblijf", "pleegzorg", "crisisopvang")),
        Scenario(without_actors=("jeugd-en-gezin",)),
    ],
    ids=["instrumenten-2021", "aanbieders-en-poh", "verwijzen-huisarts", "verblijf", "jgz"],
)
def test_geeft_het_scenario_dezelfde_routes_als_alle_vragen_opnieuw_stellen(
    region: nx.MultiDiGraph, scenario: Scenario
) -> None:
    touched = scenarios_module._touched(region, region, scenario)
    everything = [
        scenarios_module._route_changes(
            region,
            apply_scenario(region, scenario),
            gemeente,
            scenarios_module.ROUTE_STARTS,
            touched,
            everything=True,
        )[0]
        for gemeente in ("huizen", "wijdemeren")
    ]
    result = compare(region, scenario)
    assert [list(_in(result, g).routes) for g in ("huizen", "wijdemeren")] == everything
    after = apply_scenario(region, scenario)
    every_kind = [
        scenarios_module._coverage_changes(region, after, g, set(), everything=True)
        for g in ("huizen", "wijdemeren")
    ]
    assert [list(_in(result, g).coverage) for g in ("huizen", "wijdemeren")] == every_kind


def test_een_onbekende_actor_of_bevoegdheid_krijgt_namen_die_erop_lijken(
    region: nx.MultiDiGraph,
) -> None:
    with pytest.raises(UnknownName, match="gooise-meren-poh-jeugd"):
        compare(region, Scenario(without_actors=("gooise-meren-poh",)))
    with pytest.raises(UnknownName, match="Onbekende bevoegdheid: 'huisarts-verwijs'"):
        compare(region, replace(Scenario(), without_mandates=("huisarts-verwijs",)))


def test_meet_het_scenario_makelaars_zoals_de_makelaarsanalyse(region: nx.MultiDiGraph) -> None:
    betweenness, articulation = scenarios_module._positions(region, "huizen")
    report = brokers(region, region="huizen")
    assert betweenness == {r.actor: r.betweenness for r in report.rows}
    assert articulation == {r.actor for r in report.rows if r.articulation_point}


def test_wie_valt_uit_het_geplande_netwerk_van_de_hbel_als_hun_poh_jeugd_stopt(
    region: nx.MultiDiGraph,
) -> None:
    result = compare(region, Scenario(without_actors=("hbel-poh-jeugd",)))
    huizen = _in(result, "huizen")
    [dropped] = huizen.memberships
    assert (dropped.team, dropped.member, dropped.status) == (
        "hbel-netwerkstructuur",
        "hbel-poh-jeugd",
        "kern",
    )
    assert (dropped.change, dropped.record_status) == ("vervalt", "gepland")
    assert dropped.sources == ("002 §3.3, regel 606-609",)
    assert [c.actor for c in huizen.cut_off] == ["hbel-huisartsenpraktijken"]
