"""Property-based requests from the OpenAPI document, in-process: no operation may answer a 5xx, and answers that
declare a schema must match it. Small and derandomised, so it is a fast, repeatable guard, not a fuzzing campaign
(the campaign is ``st run http://127.0.0.1:PORT/openapi.json`` against a running server)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from cityref import Settings, create_app


@pytest.fixture(scope="module")
def api_schema() -> Any:
    # The graph writes need a key, so generated requests would only ever meet the 401; they have their own tests.
    app = create_app(Settings(data_dir=None, load_examples=False, validation_timeout_s=10, query_timeout_s=2))
    return schemathesis.openapi.from_asgi("/openapi.json", app).exclude(
        path="/graphs", method=["PUT", "POST", "DELETE"]
    )


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=8,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_a_server_error(case: Any) -> None:
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
