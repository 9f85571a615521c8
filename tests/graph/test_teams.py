"""Who's in, who's out, for every gemeente: each local team and network the seeds
describe, and where a gemeente has no team in the VNG sense, that, with the source."""

from zorgnet.graph.analyses.membership import compare_teams, team_network

GEMEENTEN = {"hilversum", "gooise-meren", "wijdemeren", "huizen", "blaricum", "eemnes", "laren"}


def test_every_gemeente_is_in_the_team_comparison_with_its_source(region) -> None:
    per_gemeente = {g.gemeente: g for g in compare_teams(region).gemeenten}
    assert set(per_gemeente) == GEMEENTEN
    assert all(g.sources and g.description for g in per_gemeente.values())


def test_heeft_gooise_meren_een_stevig_lokaal_team(region) -> None:
    """002 §3.2: no strong local team in the VNG sense; teams per wet, a poetstafel."""
    gooise_meren = next(g for g in compare_teams(region).gemeenten if g.gemeente == "gooise-meren")
    assert gooise_meren.local_team == "afwezig"
    assert any(s.startswith("002 §3.2") for s in gooise_meren.sources)
    assert "gooise-meren-poetstafel" in gooise_meren.teams
    poetstafel = team_network(region, "gooise-meren-poetstafel")
    assert "gooise-meren-teams-per-wet" in poetstafel.kern


def test_wijdemeren_has_a_wijkteam_whose_network_is_not_described(region) -> None:
    """003 §4 afspraak 2 (2021): a wijkteam that gives light help; no members named."""
    wijdemeren = next(g for g in compare_teams(region).gemeenten if g.gemeente == "wijdemeren")
    assert wijdemeren.local_team == "bestaand"
    assert "wijkteam" in wijdemeren.description.lower()
    assert wijdemeren.teams == ()


def test_the_hbel_network_holds_for_each_hbel_gemeente(region) -> None:
    for gemeente in ("huizen", "blaricum", "eemnes", "laren"):
        cell = next(g for g in compare_teams(region).gemeenten if g.gemeente == gemeente)
        assert "hbel-netwerkstructuur" in cell.teams
