"""The "wat als" page and the report of its scenario on a web app over Virtuoso (over
Oxigraph: tests/api/test_scenario_shells.py and test_report_scenario.py)."""

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from virtuoso import VirtuosoServer

from zorgnet.api.app import create_app
from zorgnet.api.settings import Settings

CA_TEAM = "ca-team"


@pytest.mark.slow
@pytest.mark.virtuoso
def test_wat_als_en_het_rapport_van_het_scenario_op_een_server_over_virtuoso(
    empty_virtuoso: VirtuosoServer, make_settings: Callable[..., Settings]
) -> None:
    # The app fills the empty store with the shipped data, as `zorgnet serve` does.
    with TestClient(create_app(make_settings(empty_virtuoso.store_url))) as client:
        page = client.get("/wat-als", params={"zonder": CA_TEAM})
        assert page.status_code == 200
        assert "Routes die veranderen in Huizen</caption>" in page.text
        assert f'href="/rapport/huizen?zonder={CA_TEAM}"' in page.text
        report = client.get("/rapport/huizen", params={"zonder": CA_TEAM})
        assert report.status_code == 200
        assert "Dit is een scenario, niet de huidige situatie" in report.text
        # The bibliography comes from the store's own register of sources.
        assert '<dt id="bron-003">' in report.text
