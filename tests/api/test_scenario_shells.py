"""Scenarios through the shells: ``zorgnet wat-als``, ``/api/scenario`` and ``/wat-als``."""

import json
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from zorgnet.api.cli import app
from zorgnet.graph.analyses.scenarios import Scenario, compare

runner = CliRunner()
POH = "gooise-meren-poh-jeugd"


def _cli(store: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["wat-als", *args, "--store", str(store)])


@pytest.mark.slow
def test_zorgnet_wat_als_bewaart_het_scenario_en_leest_het_weer(
    loaded_store: Path, tmp_path: Path
) -> None:
    saved = tmp_path / "poh.yaml"
    told = _cli(loaded_store, "--zonder", POH, "--naam", "POH stopt", "--opslaan", str(saved))
    assert told.exit_code == 0, told.output
    assert "Wat als: POH stopt: zonder POH-jeugd (pilot Gooise Meren)" in told.output
    # The tables wrap at the terminal's width; these cells fit on one line.
    assert "Afgesneden actoren in Gooise Meren" in told.output
    assert "eerstelijns zorgverleners (Gooise Meren) │ 002 §3.2, regel 513-514" in told.output
    assert saved.read_text(encoding="utf-8") == f"naam: POH stopt\nzonder:\n- {POH}\n"
    again = _cli(loaded_store, "--scenario", str(saved), "--json")
    assert again.exit_code == 0, again.output
    answer = json.loads(again.stdout)
    assert answer["title"] == "POH stopt: zonder POH-jeugd (pilot Gooise Meren)"
    assert answer["changed"][0]["framework"][0]["lost"] == ["POH-jeugd (pilot Gooise Meren)"]


@pytest.mark.slow
def test_zorgnet_wat_als_weigert_een_onbekende_actor_en_een_fout_scenariobestand(
    loaded_store: Path, tmp_path: Path
) -> None:
    unknown = _cli(loaded_store, "--zonder", "gooise-meren-poh")
    assert unknown.exit_code == 2
    assert "Bedoelde u" in unknown.output and POH in unknown.output
    wrong = tmp_path / "fout.yaml"
    wrong.write_text(f"naam: x\nzonder-actor: {POH}\n", encoding="utf-8")
    refused = _cli(loaded_store, "--scenario", str(wrong))
    assert refused.exit_code == 1
    assert f"{wrong}:2" in refused.output and "onbekend veld 'zonder-actor'" in refused.output
    assert _cli(loaded_store).exit_code == 2
    by_label = _cli(loaded_store, "--zonder", "POH-jeugd (pilot Gooise Meren)", "--json")
    assert json.loads(by_label.stdout)["scenario"]["without_actors"] == [POH]


def test_de_api_geeft_het_scenario_uit_de_link(client: TestClient) -> None:
    answer = client.get("/api/scenario", params={"zonder": POH, "naam": "POH stopt"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["scenario"]["without_actors"] == [POH]
    [gooise_meren] = body["gemeenten"]
    assert gooise_meren["cut_off"][0]["actor"] == "gooise-meren-eerstelijns-zorgverleners"
    assert "002 §3.2, regel 512-514" in body["sources"]
    unknown = client.get("/api/scenario", params={"zonder-bevoegdheid": "huisarts-verwijs"})
    assert unknown.status_code == 422
    assert "huisarts-verwijzen" in unknown.json()["suggesties"]


@pytest.mark.slow
def test_de_api_rekent_met_registraties_en_weigert_een_foute_met_regel_en_id(
    client: TestClient,
) -> None:
    records = (
        "actors:\n  - id: jongerenwerk-huizen-nieuw\n    label: jongerenwerk Huizen (nieuw)\n"
        "    type: welzijnsorganisatie\n    scale: lokaal\n    area: huizen\n"
        "    offers: jongerenwerk\n    source: '004 §aanpak'\n"
    )
    answer = client.post("/api/scenario", json={"naam": "Jongerenwerk", "met": records})
    assert answer.status_code == 200, answer.text
    assert answer.json()["new_actors"] == ["jongerenwerk-huizen-nieuw"]
    wrong = client.post("/api/scenario", json={"met": records.replace("huizen\n", "huizn\n")})
    assert wrong.status_code == 422
    assert "met:6" in wrong.json()["detail"] and "huizn" in wrong.json()["detail"]


def test_de_pagina_wat_als_toont_per_gemeente_wat_er_verandert_en_deelt_de_link(
    client: TestClient,
) -> None:
    page = client.get("/wat-als", params={"zonder": "POH-jeugd (pilot Gooise Meren)"})
    assert page.status_code == 200
    html = page.text
    assert f'<option value="{POH}" selected>POH-jeugd (pilot Gooise Meren)</option>' in html
    assert "VNG-basisfuncties en proposities in Gooise Meren</caption>" in html
    assert "eerstelijns zorgverleners (Gooise Meren)" in html
    assert 'href="/bronnen/002"' in html
    assert f'src="/api/scenario/kaart?zonder={POH}"' in html
    assert f'href="/wat-als?zonder={POH}"' in html and f"zonder:\n- {POH}" in html
    unknown = client.get("/wat-als", params={"zonder": "nergens"})
    assert unknown.status_code == 422
    assert 'id="wat-als-zonder-fout"' in unknown.text and "Onbekende actor" in unknown.text


@pytest.mark.slow
def test_zegt_de_pagina_bovenaan_hoeveel_routes_er_veranderen_en_welke_hulp_onbereikbaar_wordt(
    client: TestClient, region: nx.MultiDiGraph
) -> None:
    providers = "gecontracteerde-jeugdhulp"
    result = compare(region, Scenario(without_actors=(providers,)))
    lost = sum(c.change == "verloren" for g in result.gemeenten for c in g.routes)
    assert lost > 0 and result.unreached_help
    html = client.get("/wat-als", params={"zonder": providers}).text
    summary = html[html.index("Samenvatting") : html.index('id="cap-weg"')]
    assert f"{lost} routes: route verloren (in 7 gemeenten)" in summary
    first, places = result.unreached_help[0]
    where = ", ".join(places)
    assert f"Geen wettelijk verwijzer bereikt nog {first}</strong> in {where}" in summary
    # What the category gives, by label: the reason its routes change.
    assert "jeugd-GGZ" in html[html.index('id="cap-weg"') :]


def test_zegt_de_pagina_dat_onbekend_is_welke_hulp_de_pilot_biedt(client: TestClient) -> None:
    html = client.get("/wat-als", params={"zonder": POH}).text
    removed = html[html.index('id="cap-weg"') :]
    assert "onbekend: de bronnen noemen niet welke soort hulp dit is" in removed


def test_vraagt_de_pagina_om_een_keuze_als_er_niets_gekozen_is(client: TestClient) -> None:
    page = client.get("/wat-als", params={"naam": ""})
    assert page.status_code == 422
    assert 'id="wat-als-zonder-fout"' in page.text
    assert "Kies eerst ten minste één actor of bevoegdheid die wegvalt." in page.text
    assert client.get("/wat-als").status_code == 200  # the empty form itself is no error


def test_de_kaart_van_een_scenario_tekent_wat_wegvalt_rood(client: TestClient) -> None:
    page = client.get("/api/scenario/kaart", params={"zonder": POH, "gemeente": "gooise-meren"})
    assert page.status_code == 200
    assert "rood: valt weg in dit scenario." in page.text
    assert '"mark":"#c0392b"' in page.text.replace(" ", "")
