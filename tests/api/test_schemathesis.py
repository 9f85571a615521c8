"""The OpenAPI schema, fuzzed with and without the write token: no request the schema
allows makes the server fail (5xx), every answer matches the schema (status code,
content type, headers, body), every error is RFC 9457 problem details, and requests
the schema forbids are refused with such an error."""

import shutil
from http import HTTPStatus
from urllib.parse import urlsplit

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from zorgnet.api.app import create_app

TOKEN = "fuzz"


def problem_details(ctx, response, case) -> None:  # type: ignore[no-untyped-def]
    """An error answer is ``application/problem+json`` about this request, in Dutch."""
    if response.status_code < 400 or case.method == "HEAD":
        return
    content_type = response.headers.get("content-type", [""])[0]
    assert content_type == "application/problem+json", content_type
    body = response.json()
    assert body["type"] == "about:blank"
    assert body["status"] == response.status_code
    assert body["instance"] == urlsplit(response.request.url).path
    assert body["detail"] == body["fout"] and body["detail"].strip()
    assert body["title"] != HTTPStatus(response.status_code).phrase, body["title"]


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    problem_details,
]
# Invalid requests: the same checks, and the server must refuse them (4xx).
NEGATIVE_CHECKS = [*CHECKS, negative_data_rejection]


def _fuzz(operation, mode, checks, examples, headers, failures, statuses) -> None:  # type: ignore[no-untyped-def]
    """Send *examples* requests of *mode* to *operation*; note each failure and status."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
    def check(case) -> None:  # type: ignore[no-untyped-def]
        try:
            response = case.call_and_validate(headers=headers, checks=checks)
        except BaseException as failure:  # schemathesis raises a FailureGroup
            failures.append(f"{mode} {case.method} {case.formatted_path}: {failure}")
            return
        statuses.append(response.status_code)

    try:
        check()
    except Unsatisfiable:
        # An operation without parameters or body has no invalid request.
        assert mode is GenerationMode.NEGATIVE, operation.label


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
    refused: list[int] = []
    with TestClient(create_app(make_settings(target, token=TOKEN))) as client:
        schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) > 25
        for operation in operations:
            _fuzz(operation, GenerationMode.POSITIVE, CHECKS, 4, headers, failures, statuses)
            _fuzz(
                operation, GenerationMode.NEGATIVE, NEGATIVE_CHECKS, 2, headers, failures, refused
            )
    assert failures == []
    assert len(statuses) > 50
    assert any(200 <= status < 300 for status in statuses)
    assert 422 in refused  # invalid requests were sent, and refused as invalid
    if with_token:
        assert any(s in (201, 409, 422) for s in statuses)  # writes were tried, not refused
    else:
        assert 401 in statuses  # writes without the token are refused
