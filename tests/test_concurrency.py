"""Determinism under concurrency: 200 requests from 32 threads get the answers one at a time gets.

50 eval questions (English and Spanish, answerable and not, sources, numbers, lists) are asked
once each, one at a time, for the reference; then each is asked four times more, shuffled,
from a pool of 32 threads, in-process through FastAPI's TestClient and over HTTP against a
real `qa serve` on a loopback port. Every response must be a 200 whose body, timings aside,
is exactly the reference: the same answer text, citations, related sections and scores.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from serving import start_serve, wait_ready

from qa.answer import Answerer
from qa.api import create_app
from qa.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
THREADS = 32
REQUESTS = 200


def eval_questions(count: int = 50) -> list[str]:
    """`count` eval questions spread over the whole set (every k-th row), in file order."""
    rows = [
        json.loads(line)
        for line in (ROOT / "eval" / "qa.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [r["question"] for r in rows[:: len(rows) // count][:count]]


QUESTIONS = eval_questions()
Ask = Callable[[str], tuple[int, dict[str, Any]]]


def without_timings(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != "timings_ms"}


@pytest.fixture(scope="module")
def reference(answerer: Answerer) -> dict[str, dict[str, Any]]:
    """Each question's answer, asked one at a time through the API."""
    client = TestClient(create_app(Settings(), answerer=answerer), raise_server_exceptions=False)
    found: dict[str, dict[str, Any]] = {}
    for question in QUESTIONS:
        response = client.post("/v1/answer", json={"question": question})
        assert response.status_code == 200, response.text
        found[question] = without_timings(response.json())
    return found


def hammer(ask: Ask, reference: dict[str, dict[str, Any]]) -> None:
    """REQUESTS requests (each question several times, shuffled) from THREADS threads."""
    order = [QUESTIONS[i % len(QUESTIONS)] for i in range(REQUESTS)]
    random.Random(20210101).shuffle(order)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(ask, order))
    assert len(results) == REQUESTS
    mismatches = []
    for question, (status, body) in zip(order, results, strict=True):
        if status != 200 or without_timings(body) != reference[question]:
            mismatches.append((question, status, body.get("answer", body)))
    assert not mismatches, f"{len(mismatches)} of {REQUESTS} differ, e.g. {mismatches[:2]}"


def test_reference_covers_answers_and_abstentions(reference: dict[str, dict[str, Any]]) -> None:
    # The check below means something only if the set mixes the kinds of answers.
    bodies = list(reference.values())
    assert len(bodies) == 50
    assert any(b["abstained"] for b in bodies) and any(not b["abstained"] for b in bodies)
    assert any(b["answer"].startswith("Respuesta") for b in bodies)
    assert any(c["section_id"] == "endnotes" for b in bodies for c in b["citations"])


def test_concurrent_requests_in_process(
    answerer: Answerer, reference: dict[str, dict[str, Any]]
) -> None:
    client = TestClient(create_app(Settings(), answerer=answerer), raise_server_exceptions=False)

    def ask(question: str) -> tuple[int, dict[str, Any]]:
        response = client.post("/v1/answer", json={"question": question})
        return response.status_code, response.json()

    hammer(ask, reference)


@pytest.fixture(scope="module")
def server(answerer: Answerer) -> Iterator[str]:
    """`qa serve` over the live index (which `answerer` built) on a free loopback port."""
    process, base = start_serve()
    try:
        wait_ready(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_concurrent_requests_over_http(server: str, reference: dict[str, dict[str, Any]]) -> None:
    limits = httpx.Limits(max_connections=THREADS, max_keepalive_connections=THREADS)
    with httpx.Client(base_url=server, timeout=60, limits=limits) as client:

        def ask(question: str) -> tuple[int, dict[str, Any]]:
            response = client.post("/v1/answer", json={"question": question})
            return response.status_code, response.json()

        hammer(ask, reference)
