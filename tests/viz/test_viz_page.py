"""Is the page self-contained and is every text from the data escaped, before any browser?"""

import json
import re

import pytest

from zorgnet.graph.analyses._example import example_projection
from zorgnet.ontology.categories import category
from zorgnet.ontology.exceptions import ZorgnetError
from zorgnet.ontology.vocabulary import value_label as label
from zorgnet.viz import maps
from zorgnet.viz.layout import load_positions, save_positions
from zorgnet.viz.render import embed_json, render_html


def test_embedded_json_cannot_end_or_bend_a_script_block():
    value = {"a": "</script><!-- <script> & \u2028\u2029"}
    text = embed_json(value)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == value


def test_the_page_loads_nothing_from_elsewhere():
    page = render_html(maps.region_map(example_projection()))
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.I) == []
    assert re.findall(r"@import|@font-face", page) == []


def test_the_legend_names_the_categories_and_relation_kinds_in_dutch():
    network = maps.region_map(example_projection())
    page = render_html(network)
    legend = page[page.index('id="legend"') : page.index("</details>", page.index('id="legend"'))]
    for edge in network.edges:
        assert f"{label('RelationKind', edge.kind)}</li>" in legend
    for node in network.nodes:
        assert category(node.category).label in legend
    # One entry per category shown, never one per actor type.
    assert legend.count('class="category"') == len({n.category for n in network.nodes})


def test_the_heading_and_title_are_escaped():
    G = example_projection().copy()
    G.graph.update(example_projection().graph)
    G.nodes["huisarts"]["label"] = "<b>x</b>"
    page = render_html(maps.ego_map(G, "huisarts"))
    assert "<b>x</b>" not in page
    assert "<h1>Netwerk rond &lt;b&gt;x&lt;/b&gt;</h1>" in page


def test_positions_survive_a_round_trip_and_a_bad_file_is_named(tmp_path):
    path = tmp_path / "posities.json"
    save_positions(path, {"a": (1.5, -2.0)})
    assert load_positions(path) == {"a": (1.5, -2.0)}
    path.write_text('{"posities": {}}', encoding="utf-8")
    with pytest.raises(ZorgnetError, match=r"posities\.json"):
        load_positions(path)


def test_a_large_map_gets_every_position_from_python_and_light_drawing():
    from zorgnet.viz.network import pyvis_network
    from zorgnet.viz.synthetic import synthetic_projection

    network = maps.region_map(synthetic_projection(2_000))
    assert len(network.positions) == 2_000
    net = pyvis_network(network)
    assert net.options["physics"] == {"enabled": False}
    assert net.options["interaction"]["hover"] is False
    assert {e["dashes"] for e in net.edges} == {False}
