"""The real server: `qa serve` in its own process on a free loopback port, asked over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from qa.answer import Answerer

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(answerer: Answerer) -> Iterator[str]:
    # The `answerer` fixture has built the index, so the server only loads it.
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "qa", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "QA_SERVER__HOST": "127.0.0.1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, "the server exited early"
            time.sleep(0.2)
        else:
            pytest.fail("the server was not ready within 60 s")
        yield base
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=20)
        assert f"listening on http://127.0.0.1:{port}" in output


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
