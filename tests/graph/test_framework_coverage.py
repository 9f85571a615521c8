"""Which VNG basisfuncties and proposities does each gemeente fill in, and by whom?"""

from zorgnet.graph.analyses.gaps import framework_coverage


def test_hilversum_fills_in_dichtbij_with_its_buurtteams(region):
    """002 §3.1: the buurtteams work from fixed locations in every wijk (dichtbij)."""
    cell = next(
        c for c in framework_coverage(region, gemeenten=["hilversum"], concepts=["dichtbij"]).cells
    )
    assert cell.state == "ingevuld"
    assert "buurtteams-hilversum" in cell.serving
    assert all(source.startswith("002") for source in cell.sources)


def test_for_wijdemeren_the_seeds_describe_none_of_the_three_basisfuncties(region):
    """Seed 002 has no section on Wijdemeren: its basisfuncties are not described,
    which the matrix says as 'niet-beschreven', not as absent."""
    cells = framework_coverage(
        region, gemeenten=["wijdemeren"], concepts=["dichtbij", "integraal", "met-mandaat"]
    ).cells
    assert {c.state for c in cells} == {"niet-beschreven"}
    assert all(c.serving == () for c in cells)


def test_every_gemeente_has_a_cell_for_every_basisfunctie_and_propositie(region):
    matrix = framework_coverage(region)
    gemeenten = {c.gemeente for c in matrix.cells}
    concepts = {c.concept for c in matrix.cells}
    assert len(gemeenten) == 7
    assert {"dichtbij", "integraal", "met-mandaat", "tijdig-signaleren"} <= concepts
    assert len(matrix.cells) == len(gemeenten) * len(concepts)
