"""Schemathesis against the API's own OpenAPI schema, in process over ASGI.

Every operation gets generated valid and invalid requests; every response must be free of 5xx
and conform to the schema: a declared status, the declared content type and body shape (the
error responses included), and a 4xx for invalid input. Bounded for `make test`;
`bench/fuzz.py` runs the same test with many more cases (QA_FUZZ_EXAMPLES) and reports them.

Schemathesis's own pytest plugin does not run under pytest 9.2 (it reads a node attribute that
was removed), so each operation's Hypothesis strategy is driven with `@given` here instead.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from qa.answer import Answerer
from qa.api import create_app
from qa.schemas import HAS_TEXT
from qa.settings import Settings

EXAMPLES = int(os.environ.get("QA_FUZZ_EXAMPLES", "15"))
REPORT = os.environ.get("QA_FUZZ_REPORT")
# (operation, mode, status) -> responses seen; written to QA_FUZZ_REPORT for bench/fuzz.py.
SEEN: Counter[tuple[str, str, int]] = Counter()


def _operations() -> list[tuple[str, str]]:
    # The schema does not depend on the pipeline, so an app without one can list it.
    paths = create_app(Settings(), load=False).openapi()["paths"]
    return [(method.upper(), path) for path, item in paths.items() for method in item]


OPERATIONS = _operations()
# A body over 64 KB gets 413 whatever it holds. The schema cannot state that limit (maxLength
# counts characters, and one escaped character is six bytes of JSON), so 413 is a fair answer
# to a valid body that large and a right one to an invalid body.
_CHECKS = schemathesis.Config().projects.default.checks
CONFIG = schemathesis.Config.from_dict(
    {
        "checks": {
            name: {"expected-statuses": [*getattr(_CHECKS, name).expected_statuses, "413"]}
            for name in ("positive_data_acceptance", "negative_data_rejection")
        }
    }
)


@pytest.fixture(scope="module")
def api_schema(answerer: Answerer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    app_settings = Settings(feedback_db=tmp_path_factory.mktemp("fuzz") / "feedback.sqlite3")
    app = create_app(app_settings, answerer=answerer)
    yield schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)
    if REPORT:
        rows = [
            {"operation": op, "mode": mode, "status": status, "count": n}
            for (op, mode, status), n in sorted(SEEN.items())
        ]
        Path(REPORT).write_text(json.dumps(rows, indent=1), encoding="utf-8")


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_api_conforms_to_its_schema(
    api_schema: Any, method: str, path: str, mode: GenerationMode
) -> None:
    label = f"{method} {path}"

    @given(case=api_schema[path][method].as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=EXAMPLES <= 50,  # the bounded run is the same every time
        database=None,
    )
    def check(case: Any) -> None:
        response = case.call()
        SEEN[(label, mode.value, response.status_code)] += 1
        case.validate_response(response)

    try:
        check()
    except Unsatisfiable:
        # No parameters, or none with a rule to break: no request to it can be invalid.
        assert mode is GenerationMode.NEGATIVE
        pytest.skip(f"{label} takes nothing that can be invalid")
    assert sum(n for (op, m, _), n in SEEN.items() if op == label and m == mode.value) > 0


def test_every_operation_is_fuzzed() -> None:
    # Nothing the API offers may be left out of the list above.
    assert {"POST /v1/answer", "GET /v1/search", "POST /v1/feedback"} <= {
        f"{m} {p}" for m, p in OPERATIONS
    }


def test_what_the_fuzzer_found_stays_fixed(answerer: Answerer, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    client = TestClient(create_app(Settings(feedback_db=tmp_path / "f.sqlite3"), answerer=answerer))
    citation = {
        "marker": 1,
        "chunk_id": "c",
        "doc_id": "d",
        "section_id": "s",
        "section": "S",
        "paragraph": 1,
        "endnotes": [],
        "endnote_refs": [{"number": 3, "text": "t", "urls": []}],
        "quote": "q",
        "start": 0,
        "end": 1,
        "score": 1,
    }
    vote = {"vote": "up", "question": "q?", "answer": "a", "citations": [citation]}
    assert client.post("/v1/feedback", json=vote).status_code == 201
    # A boolean or a numeric string where the schema says integer was read as a number.
    for bad in (
        {"start": True},
        {"paragraph": "1"},
        {"endnote_refs": [{**citation["endnote_refs"][0], "number": True}]},
    ):
        response = client.post("/v1/feedback", json={**vote, "citations": [{**citation, **bad}]})
        assert response.status_code == 422, bad
    for top_k in (True, "5", 5.5):
        answer = client.post("/v1/answer", json={"question": "Allende?", "top_k": top_k})
        assert answer.status_code == 422, top_k
    # ...while 5.0 is an integer to JSON Schema, and so to the API.
    assert client.post("/v1/answer", json={"question": "Allende?", "top_k": 5.0}).status_code == 200
    assert (
        client.post(
            "/v1/feedback", json={**vote, "citations": [{**citation, "start": 0.0}]}
        ).status_code
        == 201
    )
    # Only spaces or control characters: refused, and the schema says so (pattern).
    assert client.get("/v1/search", params={"q": "\r"}).status_code == 422
    assert client.post("/v1/answer", json={"question": "\x00 \x07"}).status_code == 422
    schema = client.get("/openapi.json").json()
    question = schema["components"]["schemas"]["AnswerRequest"]["properties"]["question"]
    assert question["pattern"] == HAS_TEXT
