"""The real server: `qa serve` in its own process on a free loopback port, asked over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from serving import start_serve, wait_ready

from qa.answer import Answerer

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def server(answerer: Answerer) -> Iterator[str]:
    # The `answerer` fixture has built the index, so the server only loads it.
    process, base = start_serve(capture=True)
    try:
        wait_ready(base, process, seconds=60)
        yield base
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=20)
        assert f"listening on {base}" in output


def test_answer_over_http(server: str) -> None:
    response = httpx.post(
        f"{server}/v1/answer",
        json={"question": "What was the homicide rate in 2007 and in 2011?"},
        timeout=30,
    )
    assert response.status_code == 200
    body = response.json()
    assert not body["abstained"]
    assert "8 murders per 100,000" in body["answer"] and "24 in 2011" in body["answer"]
    assert all(f"[{c['marker']}]" in body["answer"] for c in body["citations"])


def test_bad_request_over_http(server: str) -> None:
    response = httpx.post(f"{server}/v1/answer", json={"question": " "}, timeout=30)
    assert response.status_code == 422
    assert response.json()["error"]["message"]
    assert httpx.get(f"{server}/v1/endnotes/50", timeout=30).status_code == 404
