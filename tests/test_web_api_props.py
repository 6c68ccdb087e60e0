"""Property-based tests of the HTTP API with schemathesis, generated from its OpenAPI document:
no input (bounded examples per operation) gives a server error, and every error is in the
project's one shape {"error": {code, message, subject}}. One real server, editor token."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from webserver import copy_store, serving

TOKEN = "schemathesis-editor-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
EXAMPLES = 8  # per operation: about 12 operations x 8 examples, well under a minute


@pytest.fixture(scope="module")
def api_schema(picture_store: str, tmp_path_factory: pytest.TempPathFactory):
    db = copy_store(picture_store, tmp_path_factory.mktemp("api-props") / "api.db")
    with serving(db, "--token", TOKEN) as base:
        yield schemathesis.openapi.from_url(base + "/openapi.json", headers=AUTH)


schema = schemathesis.pytest.from_fixture("api_schema")


def error_shape(ctx, response, case) -> None:  # noqa: ANN001
    """Every 4xx answer of a .json path is the one error shape."""
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"}, body
        assert set(body["error"]) == {"code", "message", "subject"}, body
        assert isinstance(body["error"]["message"], str) and body["error"]["message"]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error_on_any_input(case) -> None:  # noqa: ANN001
    case.call_and_validate(headers=AUTH, checks=[not_a_server_error, error_shape])
