"""The analyses at national scale: indexed answers equal full scans; brokers say how."""

import networkx as nx
import pytest

from zorgnet.graph.analyses import active, in_scope
from zorgnet.graph.analyses import brokers as brokers_module
from zorgnet.graph.analyses._index import opening_mandates, scope_actors
from zorgnet.graph.analyses.brokers import _relations, brokers
from zorgnet.graph.analyses.gaps import referrer_reach
from zorgnet.graph.analyses.routes import ROUTE_COSTS
from zorgnet.ontology.exceptions import UnknownName


def _areas(G: nx.MultiDiGraph) -> list[str | None]:
    return [None, *sorted(G.graph["areas"])]


def test_the_actors_of_a_gemeente_are_those_a_full_scan_finds(region):
    for area in _areas(region):
        scanned = tuple(
            a
            for a, d in region.nodes(data=True)
            if active(d["status"]) and in_scope(region, d["areas"], area)
        )
        assert scope_actors(region, area) == scanned, area


def test_the_mandates_opening_care_in_a_gemeente_are_those_a_full_scan_finds(region):
    for area in _areas(region):
        scanned = tuple(
            m
            for m in region.graph["mandates"]
            if m.opens_contracted_care
            and m.holder in region
            and active(m.status)
            and in_scope(region, m.areas, area)
        )
        assert opening_mandates(region, area) == scanned, area


def test_what_legal_referrers_reach_is_what_the_graph_of_relations_reaches(region):
    for gemeente in (a.id for a in region.graph["areas"].values() if a.type == "gemeente"):
        result = referrer_reach(region, gemeente)
        reach = nx.DiGraph(
            (u, v)
            for u, v, d in region.edges(data=True)
            if d["record"] == "relation"
            and d["kind"] in ROUTE_COSTS
            and active(d["status"])
            and in_scope(region, d["areas"], gemeente)
        )
        reached = set(result.referrers).union(
            *(nx.descendants(reach, r) for r in result.referrers if r in reach)
        )
        for actors in result.unreached.values():
            assert reached.isdisjoint(actors)


def test_brokers_of_the_region_are_exact_and_say_so(region):
    report = brokers(region)
    assert (report.betweenness, report.samples, report.seed) == ("exact", None, None)
    assert not report.sampled
    assert report.actors == len(scope_actors(region, None))


def test_burts_constraint_is_the_one_networkx_computes(region):
    U = nx.Graph(_relations(region))
    expected = nx.constraint(U)
    for row in brokers(region).rows:
        value = expected[row.actor]
        assert row.constraint == (None if value != value else value)


def test_what_an_articulation_point_cuts_off_is_what_falls_apart_without_it(region):
    U = nx.Graph(_relations(region))
    for row in brokers(region).rows:
        if not row.articulation_point:
            continue
        parts = sorted(
            nx.connected_components(U.subgraph(set(U) - {row.actor})), key=len, reverse=True
        )
        assert row.cut_off == tuple(sorted(a for part in parts[1:] for a in part))


def test_brokers_of_a_big_network_are_sampled_and_say_with_what(tiny, monkeypatch):
    monkeypatch.setattr(brokers_module, "EXACT_LIMIT", 3)
    G = tiny.copy()
    G.graph = {**tiny.graph, "memo": {}}
    report = brokers(G)
    assert report.sampled
    assert (report.samples, report.seed) == (
        min(brokers_module.SAMPLES, len(G)),
        brokers_module.SEED,
    )


def test_brokers_are_computed_once_until_the_data_changes(region):
    assert brokers(region) is brokers(region)
    assert brokers(region, top=3).rows == brokers(region).rows[:3]


def test_brokers_of_one_region_keep_to_its_actors(region):
    report = brokers(region, region="gooi-en-vechtstreek")
    assert report.region == "gooi-en-vechtstreek"
    assert {r.actor for r in report.rows} <= set(scope_actors(region, "gooi-en-vechtstreek"))


def test_brokers_of_an_unknown_region_get_suggestions(region):
    with pytest.raises(UnknownName, match="gooi-en-vechtstreek"):
        brokers(region, region="gooi-en-vechtstrek")
