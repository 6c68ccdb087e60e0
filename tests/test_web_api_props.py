"""Property-based tests of the HTTP API with schemathesis, generated from its OpenAPI document:
no input (bounded examples per operation) gives a server error, and every error is in the
project's one shape {"error": {code, message, subject}}. One real server, editor token.

(schemathesis's pytest plugin does not load under pytest 9, so the operations' hypothesis
strategies are driven here directly: same generation, same checks.)"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from webserver import copy_store, serving

TOKEN = "schemathesis-editor-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
EXAMPLES = 4  # per operation: 16 operations x 4 examples (and the explicit examples), ~25 s


def error_shape(ctx, response, case) -> None:  # noqa: ANN001
    """Every 4xx answer of a .json path is the one error shape."""
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"}, body
        assert set(body["error"]) == {"code", "message", "subject"}, body
        assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_no_server_error_on_any_input(picture_store: str, tmp_path) -> None:  # noqa: ANN001
    db = copy_store(picture_store, tmp_path / "api.db")
    with serving(db, "--token", TOKEN) as base:
        schema = schemathesis.openapi.from_url(base + "/openapi.json", headers=AUTH)
        operations = [r.ok() for r in schema.get_all_operations()]
        assert len(operations) >= 12
        tried: dict[str, int] = {}
        for op in operations:

            @given(case=op.as_strategy())
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case) -> None:  # noqa: ANN001
                case.call_and_validate(
                    base_url=base, headers=AUTH, checks=[not_a_server_error, error_shape]
                )
                tried[case.operation.label] = tried.get(case.operation.label, 0) + 1

            run()
        assert len(tried) == len(operations), set(o.label for o in operations) - set(tried)
