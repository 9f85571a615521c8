"""On the gaps map, an advisor picks one kind of signal: which actors stay on the map?"""

from __future__ import annotations

from zorgnet.viz import maps


def test_the_signal_filter_keeps_exactly_the_actors_with_that_signal(region, open_map):
    network = maps.signal_map(region)
    opened = open_map(network, "signalen-filter")
    offered = opened.page.locator("#filter-signaal option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    kinds = [k for k in offered if k]
    assert len(kinds) >= 2
    care = {n.id for n in network.nodes if "zorg" in n.views}
    for kind in kinds:
        opened.page.select_option("#filter-signaal", kind)
        flagged = care & {
            n.id for n in network.nodes if any(f.startswith(f"{kind}:") for f in n.flags)
        }
        assert len(flagged) < len(care)
        assert set(opened.js("zorgnetMap.nodeView.getIds()")) == flagged, kind
        edges = {e.id for e in network.edges if e.source in flagged and e.target in flagged}
        assert set(opened.js("zorgnetMap.edgeView.getIds()")) == edges, kind
        assert opened.page.locator("#count").inner_text().startswith(f"{len(flagged)} van ")
    opened.page.select_option("#filter-signaal", "")
    assert opened.js("zorgnetMap.nodeView.length") == len(care)
    # In the bestuur view the same filter keeps the flagged governance bodies.
    opened.page.select_option("#filter-weergave", "bestuur")
    opened.page.select_option("#filter-signaal", kinds[0])
    bestuur = {n.id for n in network.nodes if "bestuur" in n.views}
    flagged = {n.id for n in network.nodes if any(f.startswith(f"{kinds[0]}:") for f in n.flags)}
    assert set(opened.js("zorgnetMap.nodeView.getIds()")) == bestuur & flagged
