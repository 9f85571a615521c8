"""The one check that two projections are the same, order included."""

import networkx as nx


def assert_same(first: nx.MultiDiGraph, second: nx.MultiDiGraph) -> None:
    """Nodes, edges, each actor's in-edge order and the graph data (but its memo) agree."""
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(keys=True, data=True)) == list(second.edges(keys=True, data=True))
    assert [list(first.pred[n]) for n in first] == [list(second.pred[n]) for n in second]
    without_memo = {k: v for k, v in first.graph.items() if k != "memo"}
    assert without_memo == {k: v for k, v in second.graph.items() if k != "memo"}
