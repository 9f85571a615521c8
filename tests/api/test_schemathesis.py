"""The OpenAPI schema, fuzzed: no request the schema allows makes the server fail (5xx)."""

import shutil

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from zorgnet.api.app import create_app


def test_no_request_the_schema_allows_makes_the_server_fail(
    tmp_path, loaded_store, make_settings
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "store"
    shutil.copytree(loaded_store, target)
    failures: list[str] = []
    statuses: list[int] = []
    with TestClient(create_app(make_settings(target, token="fuzz"))) as client:
        schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) > 25
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
            def check(case) -> None:  # type: ignore[no-untyped-def]
                response = case.call()
                statuses.append(response.status_code)
                if response.status_code >= 500:
                    failures.append(f"{case.method} {case.formatted_path}: {response.status_code}")

            check()
    assert failures == []
    assert len(statuses) > 50
    assert any(200 <= status < 300 for status in statuses)
