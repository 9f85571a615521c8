"""The Dutch pages: what a policy advisor sees, and that data never becomes markup."""

import pytest
from fastapi.testclient import TestClient


def test_home_shows_counts_gemeenten_and_the_region_map(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "Sociale kaart van Gooi en Vechtstreek" in page.text
    assert 'href="/gemeenten/huizen"' in page.text
    assert 'src="/api/maps/region"' in page.text


def test_every_page_answers(client: TestClient) -> None:
    for url in (
        "/actoren",
        "/actoren/veilig-thuis",
        "/gemeenten/huizen",
        "/route",
        "/teams",
        "/hiaten?gemeente=huizen",
        "/overlap",
        "/mandaten",
        "/sparql-vragen",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("text/html")


def test_the_route_form_shows_routes_and_the_map(client: TestClient) -> None:
    page = client.get(
        "/route", params={"van": "huisarts", "naar": "jeugd-ggz", "gemeente": "huizen"}
    )
    assert "Route 1" in page.text
    assert "/api/maps/route?van=huisarts" in page.text


def test_a_team_page_shows_kern_verbonden_and_buiten(client: TestClient) -> None:
    teams = client.get("/api/analyses/teams").json()["partner_types"]
    assert teams
    page = client.get("/teams")
    team = page.text.split('href="/teams/')[1].split('"')[0]
    text = client.get(f"/teams/{team}").text
    assert all(ring in text for ring in ("kern", "verbonden", "buiten"))


def test_an_unknown_actor_page_suggests_close_ids(client: TestClient) -> None:
    page = client.get("/actoren/veilig-thuuis")
    assert page.status_code == 404
    assert "veilig-thuis" in page.text


@pytest.mark.slow
def test_values_from_the_data_and_the_query_are_escaped(editor: TestClient, auth) -> None:
    hostile = "<script>alert('x')</script> & <b>vet</b>"
    body = {
        "registratie": {
            "id": "test-escape",
            "label": hostile,
            "type": "welzijnsorganisatie",
            "scale": "lokaal",
            "area": ["huizen"],
            "description": hostile,
            "source": ["003 §4"],
        },
        "reden": "Test van het escapen.",
    }
    assert editor.post("/api/edits/actors", json=body, headers=auth).status_code == 201
    for url in ("/actoren/test-escape", "/gemeenten/huizen", "/actoren?q=script"):
        text = editor.get(url).text
        assert "<script>alert" not in text, url
        assert "&lt;script&gt;alert(" in text, url
    route = editor.get("/route", params={"van": "<script>x</script>", "naar": "jeugd-ggz"})
    assert "<script>x</script>" not in route.text


@pytest.mark.slow
def test_the_sparql_page_answers_every_example_as_a_table(client: TestClient) -> None:
    from zorgnet.api.routers.pages import EXAMPLE_QUERIES

    for title, query in EXAMPLE_QUERIES.items():
        page = client.get("/sparql-vragen", params={"query": query})
        assert page.status_code == 200, title
        answer = page.text.split('id="antwoord"')[1]
        assert answer.count('<tr class="utrecht-table__row">') > 2, title
    refused = client.get("/sparql-vragen", params={"query": "CLEAR ALL"})
    assert refused.status_code == 400
    assert "alleen-lezen" in refused.text


def test_vindt_de_adviseur_het_rapport_en_wat_als_vanuit_het_menu(client: TestClient) -> None:
    import re

    home = client.get("/").text
    menu = home[home.index('aria-label="Hoofdmenu"') : home.index("</nav>")]
    links = dict(re.findall(r'href="([^"]+)"[^>]*>([^<]+)</a>', menu))
    assert links["/vergelijking"] == "Vergelijken" and links["/wat-als"] == "Wat als"
    assert links["/rapport"] == "Rapport"
    assert "De foto van de regio</h1>" in client.get("/rapport").text
    comparison = client.get("/vergelijking").text
    assert 'href="/rapport/huizen">Huizen</a>' in comparison
    # And from a gemeente's sociale kaart straight to its report.
    kaart = client.get("/gemeenten/huizen").text
    assert 'href="/rapport/huizen">Rapport van Huizen om uit te delen (ook als PDF)' in kaart
    assert client.get("/wat-als").status_code == 200
