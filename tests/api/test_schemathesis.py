"""The OpenAPI schema, fuzzed with and without the write token: no request the schema
allows makes the server fail (5xx), and every answer matches the schema (status code,
content type, headers, body)."""

import shutil

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from zorgnet.api.app import create_app

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
TOKEN = "fuzz"


@pytest.mark.parametrize("with_token", [True, False], ids=["met-token", "zonder-token"])
@pytest.mark.slow
def test_every_answer_to_a_schema_valid_request_matches_the_schema(
    tmp_path, loaded_store, make_settings, with_token: bool
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "store"
    shutil.copytree(loaded_store, target)
    headers = {"Authorization": f"Bearer {TOKEN}"} if with_token else {}
    failures: list[str] = []
    statuses: list[int] = []
    with TestClient(create_app(make_settings(target, token=TOKEN))) as client:
        schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) > 25
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
            def check(case) -> None:  # type: ignore[no-untyped-def]
                try:
                    response = case.call_and_validate(headers=headers, checks=CHECKS)
                except BaseException as failure:  # schemathesis raises a FailureGroup
                    failures.append(f"{case.method} {case.formatted_path}: {failure}")
                    return
                statuses.append(response.status_code)

            check()
    assert failures == []
    assert len(statuses) > 50
    assert any(200 <= status < 300 for status in statuses)
    if with_token:
        assert any(s in (201, 409, 422) for s in statuses)  # writes were tried, not refused
    else:
        assert 401 in statuses  # writes without the token are refused
