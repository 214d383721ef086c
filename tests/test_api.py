"""The answer API through FastAPI's TestClient: contract, bad input, and no 500s."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from qa.answer import Answerer
from qa.api import create_app
from qa.settings import Settings

ANSWER_FIELDS = {"question", "answer", "abstained", "citations", "related", "timings_ms"}
CITATION_FIELDS = {
    "marker",
    "chunk_id",
    "section_id",
    "section",
    "paragraph",
    "endnotes",
    "endnote_refs",
    "quote",
    "start",
    "end",
    "score",
}


@pytest.fixture(scope="module")
def client(answerer: Answerer) -> TestClient:
    return TestClient(create_app(Settings(), answerer=answerer), raise_server_exceptions=False)


def test_answer_contract(client: TestClient, answerer: Answerer) -> None:
    response = client.post(
        "/v1/answer", json={"question": "How many people were extradited under Calderón?"}
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= ANSWER_FIELDS
    assert body["abstained"] is False
    assert "587" in body["answer"]
    assert body["citations"]
    doc = answerer.documents[0]
    for citation in body["citations"]:
        assert set(citation) >= CITATION_FIELDS
        assert f"[{citation['marker']}]" in body["answer"]
        assert doc.text[citation["start"] : citation["end"]] == citation["quote"]
        for ref in citation["endnote_refs"]:
            assert {"number", "text", "urls"} <= set(ref)


def test_unanswerable_question_abstains_with_related(client: TestClient) -> None:
    body = client.post(
        "/v1/answer", json={"question": "What is the recipe for mole poblano?"}
    ).json()
    assert body["abstained"] is True
    assert body["citations"] == []
    assert body["related"]
    assert "does not say" in body["answer"]


def test_source_question_cites_the_endnote(client: TestClient) -> None:
    body = client.post("/v1/answer", json={"question": "What does note 13 cite?"}).json()
    assert not body["abstained"]
    assert any(13 in c["endnotes"] and c["section_id"] == "endnotes" for c in body["citations"])
    assert "ProPublica" in body["answer"]


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({}, 422),
        ({"question": ""}, 422),
        ({"question": "   \n\t "}, 422),
        ({"question": "x" * 2001}, 422),
        ({"question": "ok?", "top_k": 0}, 422),
        ({"question": "ok?", "top_k": 21}, 422),
        ({"question": 5}, 422),
        ({"question": ["a"]}, 422),
        ({"question": "ok?", "top_k": "five"}, 422),
        ({"question": "ok?", "extra": 1}, 422),
    ],
)
def test_bad_answer_requests(client: TestClient, payload: dict[str, Any], status: int) -> None:
    response = client.post("/v1/answer", json=payload)
    assert response.status_code == status
    assert response.json()["error"]["message"]


def test_malformed_json_is_400(client: TestClient) -> None:
    response = client.post(
        "/v1/answer",
        content=b'{"question": "unclosed',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["error"]["message"]


def test_body_over_64_kb_is_413(client: TestClient) -> None:
    response = client.post("/v1/answer", content=b"{" + b" " * (65 * 1024) + b"}")
    assert response.status_code == 413
    assert "64 KB" in response.json()["error"]["message"]


def test_search(client: TestClient) -> None:
    body = client.get("/v1/search", params={"q": "Allende massacre", "k": 3}).json()
    assert len(body["hits"]) == 3
    hit = body["hits"][0]
    assert {"chunk_id", "section_id", "section", "endnotes", "text", "score"} <= set(hit)
    assert client.get("/v1/search", params={"q": ""}).status_code == 422
    assert client.get("/v1/search", params={"q": "x", "k": 0}).status_code == 422
    assert (
        client.get("/v1/search", params={"q": "<script>alert(1)</script>; DROP TABLE"}).status_code
        == 200
    )


def test_sections_and_endnotes(client: TestClient) -> None:
    sections = client.get("/v1/sections").json()
    ids = [s["id"] for s in sections]
    assert "introduction" in ids and "endnotes" in ids
    section = client.get("/v1/sections/introduction").json()
    assert section["paragraphs"][0]["number"] == 1
    assert client.get("/v1/sections/nope").status_code == 404
    notes = client.get("/v1/endnotes").json()
    assert [n["number"] for n in notes] == list(range(1, 50))
    note = client.get("/v1/endnotes/13").json()
    assert note["anchor"] == "marker" and note["urls"]
    assert client.get("/v1/endnotes/99").status_code == 404
    assert client.get("/v1/endnotes/abc").status_code == 422


def test_health_and_docs(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").status_code == 200
    assert client.get("/docs").status_code == 200
    schema = client.get("/openapi.json").json()
    assert "/v1/answer" in schema["paths"]


def test_not_ready_is_503() -> None:
    app = create_app(Settings(), load=False)
    with TestClient(app) as fresh:
        response = fresh.post("/v1/answer", json={"question": "anything?"})
        assert response.status_code == 503
        assert fresh.get("/readyz").status_code == 503


def test_deterministic(client: TestClient) -> None:
    question = {"question": "Why did the two countries revise the Mérida Initiative in 2011?"}
    first = client.post("/v1/answer", json=question).json()
    second = client.post("/v1/answer", json=question).json()
    first.pop("timings_ms"), second.pop("timings_ms")
    assert first == second
