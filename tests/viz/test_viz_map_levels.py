"""The map offers the same levels as the other pages (issue 19, item 6)."""

from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import value_label, vocabulary
from zorgnet.viz import maps
from zorgnet.viz.render import render_html


def test_biedt_de_kaart_dezelfde_niveaus_als_de_andere_paginas(region) -> None:
    page = render_html(maps.region_map(region))
    select = page.split('id="filter-niveau"', 1)[1].split("</select>", 1)[0]
    every = sorted(vocabulary().notations(ZN.SupportLevel))
    assert every == ["licht", "midden", "zwaar"]
    for level in every:
        assert f'value="{level}">{value_label("SupportLevel", level)}</option>' in select
