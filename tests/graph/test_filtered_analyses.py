"""The gaps, overlaps and mandates as the pages ask for them: filtered by gemeente, kind
of help, level and state, chosen by label, each answer with its reason and sources.

On the shipped Gooi en Vechtstreek data (``region``) and the tiny example (``tiny``).
"""

import dataclasses
import re

import pytest

from zorgnet.graph.analyses._example import example_projection
from zorgnet.graph.analyses.gaps import STATES, coverage, gap_report, gap_signals
from zorgnet.graph.analyses.mandates import mandate_matrix, mandate_statements
from zorgnet.graph.analyses.overlaps import overlaps, overlaps_in
from zorgnet.graph.areas import area_scope
from zorgnet.ontology.exceptions import UnknownName

# Gaps


def _cells(signals):
    # A signal for the region stands for the same cell in each of its gemeenten.
    return {
        (gemeente, s.help_kind, level, s.state)
        for s in signals
        for gemeente in s.gemeenten or (s.gemeente,)
        for level in s.levels
    }


def test_the_signals_of_wijdemeren_are_exactly_its_gap_cells(region):
    found = gap_signals(region, gemeente="wijdemeren")
    assert found.signals and {s.gemeente for s in found.signals} == {"wijdemeren"}
    cells = coverage(region, gemeenten=["wijdemeren"]).gaps()
    assert _cells(found.signals) == {(c.gemeente, c.help_kind, c.level, c.state) for c in cells}
    # One signal per kind of help and state here: the levels rest on the same records.
    assert len(found.signals) < len(cells)
    assert [(g.gemeente, g.label) for g in found.groups()] == [("wijdemeren", "Wijdemeren")]


def test_a_state_filter_gives_exactly_the_signals_in_that_state(region):
    for state in STATES:
        found = gap_signals(region, state=state)
        cells = [c for c in coverage(region).cells if c.state == state]
        assert _cells(found.signals) == {(c.gemeente, c.help_kind, c.level, c.state) for c in cells}
        assert found.actor_gaps == () and found.reach_gaps == ()
        counted = {s.state: s.count for s in found.states}
        assert counted[state] == len(found.signals)


def test_the_state_counts_are_those_of_the_other_filters(region):
    every = gap_signals(region, gemeente="huizen")
    for count in every.states:
        assert count.count == len(gap_signals(region, gemeente="huizen", state=count.state).signals)
        assert count.label and count.meaning


def test_filters_are_chosen_by_label_in_any_case(region):
    by_label = gap_signals(region, gemeente="WIJDEMEREN", help_kind="Verblijf", state="Tekort")
    by_id = gap_signals(region, gemeente="wijdemeren", help_kind="verblijf", state="tekort")
    assert by_label == by_id
    assert [(s.help_kind_label, s.state) for s in by_id.signals] == [("verblijf", "tekort")]
    assert gap_signals(region, state="alleen als pilot").state == "alleen-pilot"


def test_a_level_filter_keeps_that_level_only(region):
    found = gap_signals(region, gemeente="huizen", level="licht")
    assert found.signals and {s.levels for s in found.signals} == {("licht",)}
    # A kind of help whose providers state no level counts at every level, and its
    # level reads "onbekend" (issue 19, item 1).
    assert {s.level_labels for s in found.signals} <= {("licht",), ("onbekend",)}
    assert ("licht",) in {s.level_labels for s in found.signals}


def test_an_unknown_filter_names_close_labels(region):
    with pytest.raises(UnknownName, match="Bedoelde u: Wijdemeren"):
        gap_signals(region, gemeente="Wijdemeeren")
    with pytest.raises(UnknownName, match=r"toestand.*aanwezig"):
        gap_signals(region, state="slecht")


def test_every_signal_says_why_by_name_and_cites_its_records(region):
    found = gap_signals(region)
    slug = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b")
    ids = set(region.graph["records"])
    for signal in found.signals:
        assert signal.reason, signal
        assert signal.gemeente_label in signal.reason
        assert not {t for t in slug.findall(signal.reason) if t in ids}, signal.reason
        if signal.actors or signal.shortages:
            assert signal.sources, signal
        for label in signal.shortage_labels:
            assert label in signal.reason
    short = next(s for s in found.signals if s.state == "tekort" and s.help_kind == "verblijf")
    assert "tijdelijke tekorten aan verblijfsplekken" in short.reason


def test_the_actors_no_route_reaches_serve_the_gemeente(region):
    everywhere = gap_signals(region).actor_gaps
    huizen = gap_signals(region, gemeente="huizen").actor_gaps
    report = gap_report(region).dead_ends
    assert {a.actor for a in everywhere} == {*report.unreachable, *report.dead_ends}
    assert {a.actor for a in huizen} < {a.actor for a in everywhere}
    assert "wijdemeren-wijkteam" not in {a.actor for a in huizen}
    assert all(a.reason == report.reasons[a.actor] for a in everywhere)


def test_gap_report_is_what_it_was(region):
    # The signals are a view: gap_report keeps its cells (128 gaps for the region:
    # lichte begeleiding, given only at level licht, has no cells at midden and zwaar;
    # in Wijdemeren the wijkteam gives it, issue 19).
    assert len(gap_report(region, only_gaps=True).coverage.cells) == 128


# Overlaps


def test_the_overlaps_in_huizen_are_those_that_hold_there(region):
    every = overlaps(region).overlaps
    huizen = overlaps_in(region, "Huizen")
    assert huizen.gemeente == "huizen" and huizen.label == "Huizen"
    scope = area_scope(region, "huizen")
    expected = [(o.name, o.area, o.actors) for o in every if not o.area or o.area in scope]
    assert [(o.name, o.area, o.actors) for o in huizen.overlaps.overlaps] == expected
    assert {o.area for o in huizen.overlaps.overlaps} == {"gooi-en-vechtstreek", "hbel", "huizen"}
    count = next(g for g in overlaps_in(region).gemeenten if g.gemeente == "huizen")
    assert count.count == len(expected)
    assert sum(k.count for k in huizen.overlaps.kinds) == len(expected)


def test_overlap_texts_name_records_by_label(region):
    governing = next(o for o in overlaps_in(region).overlaps.overlaps if o.kind == "bestuurlijk")
    texts = " ".join(e.text for e in governing.evidence)
    assert "kwestie-004-grondslag-pfho-regionale-visie" not in texts
    assert region.graph["records"]["kwestie-004-grondslag-pfho-regionale-visie"].label in texts
    # overlaps() itself is unchanged.
    original = next(o for o in overlaps(region).overlaps if o.kind == "bestuurlijk")
    assert "kwestie-004-grondslag-pfho-regionale-visie" in " ".join(
        e.text for e in original.evidence
    )


# Mandates


def test_the_mandate_sentences_of_huizen_are_its_mandates(region):
    found = mandate_statements(region, gemeente="huizen")
    matrix = mandate_matrix(region, gemeente="huizen")
    assert sorted(s.mandate for s in found.statements()) == sorted({r.mandate for r in matrix.rows})
    assert found.gemeente_label == "Huizen"
    by_id = {s.mandate: s for s in found.statements()}
    decide = by_id["gemeente-huizen-beschikken"]
    assert decide.sentence == (
        "Gemeente Huizen mag in Huizen beslissen of iemand een voorziening krijgt "
        "(Jeugdwet en Wet maatschappelijke ondersteuning 2015)."
    )
    assert by_id["gemeenteraden-besluiten"].sentence.startswith("De gemeenteraden mogen")
    assert by_id["huisarts-verwijzen"].sentence.startswith("De huisarts mag")
    assert by_id["rechter-rechterlijke-maatregel"].sentence.startswith("De (kinder)rechter mag")
    assert "kwestie-003" not in decide.description
    for statement in found.statements():
        assert statement.holder_label[1:] in statement.sentence
        assert all(law in statement.sentence for law in statement.legal_basis_labels)
        assert "wmo-2015" not in statement.sentence and statement.sources


def test_the_mandates_are_grouped_with_referring_first(region):
    groups = mandate_statements(region).groups
    assert groups[0].label == "Verwijzen en beslissen over hulp"
    assert {s.power for s in groups[0].statements} >= {"verwijzen", "beschikken"}
    assert sum(len(g.statements) for g in groups) == len(
        {r.mandate for r in mandate_matrix(region).rows}
    )


def test_a_help_kind_keeps_the_mandates_for_it_or_for_all_help():
    G = example_projection()
    # A fresh projection, its referral of the huisarts only for jeugd-GGZ.
    G.graph["mandates"] = tuple(
        dataclasses.replace(m, help_kinds=("jeugd-ggz",)) if m.id == "huisarts-verwijzen" else m
        for m in G.graph["mandates"]
    )
    for_ggz = {s.mandate for s in mandate_statements(G, help_kind="Jeugd-GGZ").statements()}
    for_stay = {s.mandate for s in mandate_statements(G, help_kind="verblijf").statements()}
    assert "huisarts-verwijzen" in for_ggz and "huisarts-verwijzen" not in for_stay
    assert for_ggz - for_stay == {"huisarts-verwijzen"}
    sentence = next(
        s.sentence for s in mandate_statements(G).statements() if s.mandate == "huisarts-verwijzen"
    )
    assert "voor jeugd-GGZ" in sentence
