"""The escalation ladder, overlaps and diff over HTTP and on the pages, as an advisor's
program and browser ask for them (shipped data)."""

from fastapi.testclient import TestClient


def test_which_rungs_does_the_api_give_for_huizen(client: TestClient) -> None:
    ladder = client.get("/api/analyses/escalation/huizen").json()
    assert ladder["label"] == "Huizen"
    rungs = {r["actor"]: r for r in ladder["rungs"]}
    assert rungs["hbel-doorbraakregisseur"]["level"] == 1
    assert rungs["hbel-doorbraakregisseur"]["mandates"][0]["power_label"] == "doorbraak forceren"
    assert rungs["schakelfunctionaris"]["scale_label"] == "regionaal"
    assert rungs["bovenregionaal-expertisenetwerk"]["level"] == ladder["rungs"][-1]["level"]
    assert client.get("/api/analyses/escalation/huizn").status_code == 404


def test_does_the_api_say_which_overlaps_the_law_intends(client: TestClient) -> None:
    body = client.get("/api/analyses/overlaps").json()
    labels = {k["kind"]: k["label"] for k in body["kinds"]}
    assert labels["parallel-wettelijk"] == "parallel bedoeld door de wet"
    referral = next(
        o for o in body["overlaps"] if o["name"] == "verwijzen" and "jeugdarts" in o["actors"]
    )
    assert (referral["kind"], referral["kind_label"]) == (
        "parallel-wettelijk",
        "parallel bedoeld door de wet",
    )
    research = next(o for o in body["overlaps"] if o["name"] == "onderzoek")
    assert research["kind"] == "zelfde-taak-zonder-afspraak"
    assert any("hulpplan" in e["text"] for e in research["evidence"])


def test_does_the_api_call_gooise_meren_local_team_changed_not_ended(client: TestClient) -> None:
    body = client.get("/api/analyses/diff", params={"van": 2021, "tot": 2025}).json()
    change = next(
        c for c in body["changes"] if c["record"]["id"] == "inrichting-gooise-meren-lokaal-team"
    )
    assert change["change"] == "gewijzigd"
    assert change["before"]["id"] == "inrichting-regio-2021-lokaal-team"
    assert change["before"]["description"] and change["record"]["description"]
    assert "inrichting-gooise-meren-lokaal-team" not in {r["id"] for r in body["removed"]}


def test_does_the_overlap_page_group_by_kind(client: TestClient) -> None:
    # The kinds head the groups of the result, with a capital.
    page = client.get("/overlap").text
    result = page.split('id="resultaat"')[1]
    assert result.index("Zelfde taak zonder afspraak over de verdeling") < result.index(
        "Parallel bedoeld door de wet"
    )
    assert "Samenwerkingsprotocol" in page


def test_does_the_mandate_page_show_labels(client: TestClient) -> None:
    page = client.get("/mandaten", params={"gemeente": "huizen"}).text
    assert "doorbraak forceren" in page
    assert "Jeugdwet" in page
