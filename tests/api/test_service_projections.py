"""Each web app keeps the projections of its own store: two apps share no cache."""

from pathlib import Path

from conftest import settings_for

from zorgnet.api.deps import Service
from zorgnet.graph.analyses._example import example_graph
from zorgnet.graph.projection import project
from zorgnet.graph.store import Store


def test_two_apps_on_two_stores_do_not_share_a_projection_cache(
    store_copy: Path, tmp_path: Path
) -> None:
    small = tmp_path / "klein"
    with Store(small) as store:
        store.replace(example_graph())
    region, example = Service(settings_for(store_copy)), Service(settings_for(small))
    try:
        G, H = region.projection(), example.projection()
        assert region.projections is not example.projections
        assert region.projection() is G and example.projection() is H
        assert example.projections.held(region.store, region.store.version) is None
        assert region.projections.held(example.store, example.store.version) is None
        assert "veilig-thuis" in G and "veilig-thuis" not in H
        assert set(H) == set(project(example_graph()))
    finally:
        region.close()
        example.close()
