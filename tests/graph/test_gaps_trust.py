"""The gaps analysis answers a policy advisor's questions without reading missing data as a
fact (review of 2026-12-02), on the shipped data."""

from zorgnet.graph.analyses.gaps import dead_ends, gap_signals


def test_staat_een_overleg_protocol_of_adviesraad_bij_de_zorg_zonder_route(region) -> None:
    """Finding 3: a meeting, a protocol and an advisory council give no help (002 and 003
    describe them as agreements and consultation), so no route needs to reach them."""
    result = dead_ends(region)
    listed = {*result.unreachable, *result.dead_ends}
    for meeting in (
        "overleg-veilig-verder",
        "samenwerkingsprotocol-gedwongen-kader",
        "adviesraden-sociaal-domein",
    ):
        assert meeting in region
        assert meeting not in listed
    for actor in result.unreachable:
        data = region.nodes[actor]
        assert data["offers"] or data["actor_class"] == "ProviderCategory", actor


def test_zegt_de_analyse_dat_het_wijkteam_wijdemeren_onbereikbaar_is(region) -> None:
    """Finding 2: 003 §4, afspraak 2 (regel 1034-1036) says the wijkteam gives light help,
    not how a resident gets there; the analysis says that is not known, and what is
    missing, instead of 'inwoners kunnen er niet zelf heen'."""
    found = gap_signals(region, gemeente="wijdemeren").actor_gaps
    wijkteam = next(a for a in found if a.actor == "wijdemeren-wijkteam")
    assert wijkteam.kind_label == "route onbekend"
    assert "De bronnen zeggen niet hoe" in wijkteam.reason
    assert "Wat ontbreekt" in wijkteam.reason
    for gap in found:
        assert "niet zelf heen" not in gap.reason
        assert "onbereikbaar" not in gap.kind_label


def test_zegt_de_analyse_over_lichte_begeleiding_in_blaricum_twee_dingen(region) -> None:
    """Finding 10: the HBEL ambulant team gives light support at level licht (002 §3.3);
    no one gives light support at a heavy level, and that is no second, contradicting
    signal "Niemand biedt lichte begeleiding in Blaricum"."""
    found = gap_signals(region, gemeente="blaricum", help_kind="lichte-begeleiding").signals
    assert [(s.state, s.levels) for s in found] == [("tekort", ("licht",))]
    assert "ambulant team jeugd (HBEL)" in found[0].reason
    # Nowhere does one signal name who gives a help while another says no one does.
    every = gap_signals(region).signals
    for signal in every:
        if "Niemand biedt" in signal.reason or "Geen bron noemt wie" in signal.reason:
            same = [
                s for s in every if (s.gemeente, s.help_kind) == (signal.gemeente, signal.help_kind)
            ]
            assert all(not s.actors for s in same), (signal.gemeente, signal.help_kind)
    aanwezig = gap_signals(region, gemeente="hilversum", state="aanwezig").signals
    assert any(s.help_kind == "lichte-begeleiding" for s in aanwezig)
    unknown = gap_signals(region, gemeente="hilversum", state="onbekend").signals
    assert all(s.help_kind != "lichte-begeleiding" for s in unknown)


def test_waarom_is_er_geen_signaal_voor_lichte_begeleiding_op_niveau_zwaar(region) -> None:
    found = gap_signals(region, help_kind="lichte-begeleiding", level="zwaar")
    assert found.signals == ()
    assert "alleen op niveau licht" in found.level_note


def test_is_het_tekort_aan_gezinshuizen_een_tekort_van_blaricum(region) -> None:
    """Finding 9: 003 (regel 2447-2449) reports too few gezinshuizen in the region; that
    is one regional signal for all seven gemeenten, not seven local shortages."""
    found = gap_signals(region).signals
    gezinshuis = [s for s in found if s.help_kind == "gezinshuis"]
    assert [(s.gemeente, s.state) for s in gezinshuis] == [("gooi-en-vechtstreek", "tekort")]
    assert len(gezinshuis[0].gemeenten) == 7
    assert "Blaricum" in gezinshuis[0].gemeente_labels
    # Seen from one gemeente, the signal says it is the region's.
    blaricum = gap_signals(region, gemeente="blaricum", help_kind="gezinshuis").signals
    assert blaricum[0].scope_label.startswith("regionaal tekort")
    assert "Gooi en Vechtstreek" in blaricum[0].scope_label


def test_tellen_de_tekorten_van_de_hiaten_op_tot_de_tekorten_van_de_bronnen(region) -> None:
    """Finding 13: the 16 shortage records of the seeds are all behind the hiaten, also
    the 8 that name no kind of help."""
    found = gap_signals(region)
    assert set(found.shortage_records()) == {s.id for s in region.graph["shortages"]}
    assert {n.id for n in found.other_shortages} == {
        s.id for s in region.graph["shortages"] if not s.help_kinds
    }


def test_waarom_is_alleen_als_pilot_nul_terwijl_gooise_meren_pilots_heeft(region) -> None:
    """Finding 38: 002 §3.2 (regel 501-503, 512-515, 523-528) names the basishulp, POH-jeugd
    and STIP pilots of Gooise Meren. 'Alleen als pilot' is 0 because regional actors give
    basishulp and advies there too; the analysis names the pilots and says so."""
    found = gap_signals(region, gemeente="gooise-meren")
    assert {s.state: s.count for s in found.states}["alleen-pilot"] == 0
    pilots = {p.actor: p for p in found.pilots}
    assert {"gooise-meren-basishulp", "gooise-meren-poh-jeugd", "gooise-meren-stip"} <= set(pilots)
    basishulp = pilots["gooise-meren-basishulp"]
    assert basishulp.help_kinds == ("basishulp",) and not basishulp.only_pilot
    assert "Jeugd en Gezin" in basishulp.reason and "niet alleen als pilot" in basishulp.reason
    assert "De bronnen noemen niet welke soort hulp" in pilots["gooise-meren-poh-jeugd"].reason
    # A pilot of another gemeente is not listed for Gooise Meren.
    assert all(region.nodes[p]["areas"] != ("huizen",) for p in pilots)


def test_noemt_de_hiatenkaart_een_zorg_zonder_route_zoals_de_hiatenlijst(region) -> None:
    """The gaps map and /hiaten use one word for care without a known route, for the
    same actors: the map's signal filter must not say 'onbereikbaar' where the list says
    'route onbekend'."""
    from zorgnet.viz.maps import SIGNAL_KINDS, signal_flags

    listed = {a.actor: a.kind_label for a in gap_signals(region).actor_gaps}
    flags = signal_flags(region)
    for actor, kind_label in listed.items():
        assert any(f.startswith(f"{kind_label}: ") for f in flags[actor]), actor
        assert kind_label in SIGNAL_KINDS
    assert not any(f.startswith("onbereikbaar") for fs in flags.values() for f in fs)
