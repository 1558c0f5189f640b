"""Schema-driven fuzzing (schemathesis) of the JSON API, from the app's own ``/openapi.json``.

Every operation is called with requests that fit the schema (``positive``) and requests that
break it (``negative``: huge integers, wrong types, strings for numbers, …), through the whole
ASGI app (its guard and error handlers included), over the hand-made store of the web tests.
No answer may be a server error, and every answer must match the schema: a documented status
code and content type, a body of the documented shape, the documented headers.

Not checked: that every schema-valid request is accepted (``positive_data_acceptance``). The
filters have rules a JSON schema does not state (a real date, ``since`` before ``until``, a
known event type in any case), so a schema-valid request may get a 400, which the schema
documents.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
import schemathesis.checks
from schemathesis import GenerationMode

from dragoman.store import open_store
from dragoman.web import create_app
from tests.fixtures.api_fuzz import fuzz_operation
from tests.fixtures.web_records import build_store

EXAMPLES = 25  # per operation and mode: some 500 requests in all


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    app = create_app(str(build_store(tmp_path_factory.mktemp("fuzz") / "web.db")))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_answers_as_its_schema_says(api_schema: Any,
                                                    mode: GenerationMode) -> None:
    sent, failed = 0, []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 11  # every /api/ route
    for operation in operations:
        result = fuzz_operation(operation, mode, EXAMPLES)
        sent, failed = sent + result.sent, failed + result.failed
    assert sent >= 8 * EXAMPLES
    assert not failed, f"{len(failed)} of {sent} requests failed:\n" + "\n".join(failed[:20])


def test_the_schema_documents_errors_as_json_and_lists_as_csv(api_schema: Any) -> None:
    paths = api_schema.raw_schema["paths"]
    for path, item in paths.items():
        responses = item["get"]["responses"]
        assert "422" not in responses, path  # never answered: a bad parameter is a 400
        error = responses["4XX"]["content"]["application/json"]["schema"]
        assert error == {"$ref": "#/components/schemas/ErrorBody"}, path
    assert "text/csv" in paths["/api/quotes"]["get"]["responses"]["200"]["content"]



def test_a_reader_closed_by_one_lifespan_serves_the_next(tmp_path: Path) -> None:
    """Found by the fuzzing: each schemathesis call runs the app's lifespan, whose end closes
    the reader; a thread's connection closed then must not answer 'closed database' later."""
    reader = open_store(str(build_store(tmp_path / "web.db")), read_only=True, timeout_s=3.0)
    assert reader.rows("SELECT count(*) AS n FROM articles")[0]["n"] > 0
    reader.close()
    assert reader.rows("SELECT count(*) AS n FROM articles")[0]["n"] > 0
    reader.close()
