"""The static SVG picture of a gemeente's map (for the PDF report): a valid picture that
draws the care view at the layout's positions, names every layer, escapes names."""

import dataclasses
from xml.etree import ElementTree

import networkx as nx
import pytest

from zorgnet.viz.maps import gemeente_map
from zorgnet.viz.svg import map_svg, shown_nodes

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def huizen_map(region: nx.MultiDiGraph):  # type: ignore[no-untyped-def]
    return gemeente_map(region, "huizen")


def test_the_picture_of_huizen_is_well_formed_svg_with_a_title_for_screen_readers(
    huizen_map,
) -> None:
    root = ElementTree.fromstring(map_svg(huizen_map))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.findtext(f"{SVG}title") == "Sociale kaart van Huizen"
    assert "actoren in lagen" in (root.findtext(f"{SVG}desc") or "")


def test_every_actor_of_the_care_view_is_drawn_once_and_no_governance_body(huizen_map) -> None:
    root = ElementTree.fromstring(map_svg(huizen_map))
    drawn = [g.findtext(f"{SVG}title") for g in root.iter(f"{SVG}g") if g.get("class")]
    shown = shown_nodes(huizen_map)
    assert len(drawn) == len(shown) > 20
    assert {f"{n.label} ({n.type_label})" for n in shown} == set(drawn)
    governance = [n for n in huizen_map.nodes if n.layer.startswith("bestuur-")]
    assert governance and not {n.id for n in governance} & {n.id for n in shown}


def test_the_layers_are_named_in_dutch_from_voorveld_down(huizen_map) -> None:
    root = ElementTree.fromstring(map_svg(huizen_map))
    bands = [t.text for t in root.iter(f"{SVG}text") if t.get("font-weight") == "700"]
    assert bands[0] == "Voorveld" and "Verwijzers" in bands
    assert not any("Bestuur" in (b or "") for b in bands)


def test_a_name_with_markup_is_text_in_the_picture_not_markup(huizen_map) -> None:
    first = shown_nodes(huizen_map)[0]
    evil = dataclasses.replace(first, label="<script>alert(1)</script> & co")
    nodes = tuple(evil if n.id == first.id else n for n in huizen_map.nodes)
    svg = map_svg(dataclasses.replace(huizen_map, nodes=nodes))
    assert "<script>" not in svg
    root = ElementTree.fromstring(svg)
    assert any("<script>alert(1)</script> & co" in (t.text or "") for t in root.iter(f"{SVG}title"))
