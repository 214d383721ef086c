"""Access control and limits: the API key, the rate limit, CORS, body size, and logs kept clean."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import SecretStr, ValidationError
from serving import free_port, start_serve, wait_ready

import qa.security
from qa.answer import Answerer
from qa.api import MAX_BODY_BYTES, create_app
from qa.security import RateLimiter
from qa.settings import ServerSettings, Settings

ROOT = Path(__file__).resolve().parent.parent
KEY = "right-key-4f9c2a7d1e8b6035"
WRONG = "wrong-key-0a1b2c3d4e5f6789"


def _settings(tmp_path: Path, **server: Any) -> Settings:
    return Settings(feedback_db=tmp_path / "f.sqlite3", server=ServerSettings(**server))


def _api_routes(routes: Sequence[Any], prefix: str = "") -> Iterator[tuple[str, APIRoute]]:
    """(full path, route) for every APIRoute, however deep it was included."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, route
        elif hasattr(route, "original_router"):  # FastAPI >= 0.16x includes routers lazily
            inner = prefix + getattr(route.include_context, "prefix", "")
            yield from _api_routes(route.original_router.routes, inner)
        elif hasattr(route, "routes"):  # a mounted app or router
            yield from _api_routes(route.routes, prefix + getattr(route, "path", ""))


def _v1_requests(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path) for every /v1 route of `app`, path parameters filled with dummies."""
    found = []
    for path, route in _api_routes(app.routes):
        if path.startswith("/v1"):
            filled = re.sub(r"\{[^}]+\}", "1", path)
            found.extend((method, filled) for method in sorted(route.methods))
    # Cross-check: nothing the schema documents may be missing from the enumeration.
    documented = {
        (method.upper(), re.sub(r"\{[^}]+\}", "1", path))
        for path, item in app.openapi()["paths"].items()
        if path.startswith("/v1")
        for method in item
    }
    assert documented <= set(found), documented - set(found)
    return found


@pytest.fixture(scope="module")
def keyed_app(answerer: Answerer, tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    return create_app(_settings(tmp_path_factory.mktemp("keyed"), api_key=KEY), answerer=answerer)


@pytest.fixture(scope="module")
def keyed(keyed_app: FastAPI) -> TestClient:
    return TestClient(keyed_app, raise_server_exceptions=False)


def test_every_v1_route_refuses_a_missing_or_wrong_key(
    keyed_app: FastAPI, keyed: TestClient
) -> None:
    requests = _v1_requests(keyed_app)
    # The enumeration itself must see the routes, or the loop below would prove nothing.
    assert {("POST", "/v1/answer"), ("POST", "/v1/feedback"), ("GET", "/v1/sections/1")} <= set(
        requests
    )
    refused = [
        {},
        {"authorization": f"Bearer {WRONG}"},
        {"authorization": f"Bearer {KEY}x"},
        {"authorization": f"Bearer {KEY[:-1]}"},
        {"authorization": f"Basic {KEY}"},
        {"authorization": KEY},
        {"authorization": "Bearer "},
    ]
    for method, path in requests:
        for headers in refused:
            response = keyed.request(method, path, headers=headers, json={})
            assert response.status_code == 401, (method, path, headers)
            assert response.headers["www-authenticate"].startswith("Bearer")
            assert response.json()["error"]["code"] == "unauthorized"
            assert KEY not in response.text and WRONG not in response.text
        for scheme in ("Bearer", "bearer"):
            response = keyed.request(
                method, path, headers={"authorization": f"{scheme} {KEY}"}, json={}
            )
            assert response.status_code != 401, (method, path)


def test_unknown_v1_paths_are_refused_too(keyed: TestClient) -> None:
    assert keyed.get("/v1/not-a-route").status_code == 401
    assert keyed.get("/v1").status_code == 401
    authorized = {"authorization": f"Bearer {KEY}"}
    assert keyed.get("/v1/not-a-route", headers=authorized).status_code == 404


def test_a_root_path_does_not_open_a_way_around(keyed_app: FastAPI) -> None:
    # Behind a proxy that mounts the app under /qa (uvicorn --root-path /qa).
    client = TestClient(keyed_app, root_path="/qa")
    assert client.get("/qa/v1/sections").status_code == 401
    authorized = {"authorization": f"Bearer {KEY}"}
    assert client.get("/qa/v1/sections", headers=authorized).status_code == 200
    assert client.get("/qa/healthz").status_code == 200


def test_the_right_key_gets_answers(keyed: TestClient) -> None:
    response = keyed.post(
        "/v1/answer",
        json={"question": "How many people were extradited under Calderón?"},
        headers={"authorization": f"Bearer {KEY}"},
    )
    assert response.status_code == 200 and "587" in response.json()["answer"]


def test_service_routes_and_docs_stay_open(keyed: TestClient) -> None:
    assert keyed.get("/healthz").json() == {"status": "ok"}
    assert keyed.get("/readyz").status_code == 200
    assert keyed.get("/docs").status_code == 200
    schema = keyed.get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["bearerKey"]["scheme"] == "bearer"
    for path, item in schema["paths"].items():
        for operation in item.values():
            assert (operation.get("security") is not None) == path.startswith("/v1"), path
            if path.startswith("/v1"):
                assert "401" in operation["responses"] and "429" in operation["responses"]


def test_no_key_no_guard(answerer: Answerer, tmp_path: Path) -> None:
    client = TestClient(create_app(_settings(tmp_path), answerer=answerer))
    assert client.get("/v1/sections").status_code == 200
    assert "securitySchemes" not in client.get("/openapi.json").json().get("components", {})


def test_the_key_is_compared_in_constant_time(
    keyed: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = qa.security.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(qa.security.hmac, "compare_digest", spy)
    keyed.get("/v1/sections", headers={"authorization": f"Bearer {WRONG}"})
    keyed.get("/v1/sections", headers={"authorization": f"Bearer {KEY}"})
    assert len(calls) == 2
    # Fixed-length digests are compared, never the raw key.
    assert all(len(a) == len(b) == 32 and KEY.encode() not in (a, b) for a, b in calls)


def test_key_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QA_SERVER__API_KEY", KEY)
    settings = Settings()
    key = settings.server.api_key
    assert isinstance(key, SecretStr) and key.get_secret_value() == KEY
    assert KEY not in repr(settings) and KEY not in str(settings.model_dump())
    monkeypatch.setenv("QA_SERVER__API_KEY", "")
    assert Settings().server.api_key is None
    # A too-short key is refused, and the error does not repeat it.
    monkeypatch.setenv("QA_SERVER__API_KEY", "short-secret")
    with pytest.raises(ValidationError) as caught:
        Settings()
    assert "server.api_key" in str(caught.value) and "short-secret" not in str(caught.value)


def test_binds_to_loopback_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    import qa.web

    seen: list[uvicorn.Config] = []
    monkeypatch.setattr(qa.web, "build_app", lambda settings: FastAPI())
    monkeypatch.setattr(qa.web._AnnouncingServer, "run", lambda self: seen.append(self.config))
    monkeypatch.delenv("QA_SERVER__HOST", raising=False)
    qa.web.serve(Settings())
    qa.web.serve(Settings(), host="0.0.0.0")
    assert [c.host for c in seen] == ["127.0.0.1", "0.0.0.0"]


# ---------------------------------------------------------------------- rate limit


def test_rate_limit_answers_429_with_retry_after(answerer: Answerer, tmp_path: Path) -> None:
    client = TestClient(create_app(_settings(tmp_path, rate_limit_per_minute=3), answerer=answerer))
    assert [client.get("/v1/sections").status_code for _ in range(3)] == [200, 200, 200]
    response = client.get("/v1/sections")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(response.headers["retry-after"]) <= 20
    # Only /v1 counts: the service routes and the docs are not limited.
    assert all(client.get("/healthz").status_code == 200 for _ in range(10))


def test_rate_limit_is_checked_before_the_key(answerer: Answerer, tmp_path: Path) -> None:
    settings = _settings(tmp_path, api_key=KEY, rate_limit_per_minute=2)
    client = TestClient(create_app(settings, answerer=answerer))
    wrong = {"authorization": f"Bearer {WRONG}"}
    assert [client.get("/v1/sections", headers=wrong).status_code for _ in range(3)] == [
        401,
        401,
        429,
    ]


def test_token_bucket_refills_per_client() -> None:
    limiter = RateLimiter(per_minute=60)  # one a second, bursts of 60
    assert all(limiter.wait("a", now=0.0) == 0.0 for _ in range(60))
    assert limiter.wait("a", now=0.0) == pytest.approx(1.0)
    assert limiter.wait("b", now=0.0) == 0.0  # another client has its own bucket
    assert limiter.wait("a", now=0.5) == pytest.approx(0.5)
    assert limiter.wait("a", now=1.0) == 0.0
    assert limiter.wait("a", now=1.0) > 0
    assert limiter.wait("a", now=1000.0) == 0.0  # long idle: full again, never more
    assert sum(limiter.wait("a", now=1000.0) == 0.0 for _ in range(100)) == 59


def test_token_bucket_is_thread_safe_and_bounded() -> None:
    limiter = RateLimiter(per_minute=500, max_clients=100)
    allowed: list[bool] = []
    start = threading.Barrier(8)

    def hammer() -> None:
        start.wait()
        results = [limiter.wait("same", now=5.0) == 0.0 for _ in range(200)]
        allowed.extend(results)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(allowed) == 500
    for n in range(1000):
        limiter.wait(f"client-{n}", now=float(n))
    assert len(limiter._buckets) <= 101


# ---------------------------------------------------------------------- CORS


def test_cors_is_off_unless_origins_are_configured(answerer: Answerer, tmp_path: Path) -> None:
    client = TestClient(create_app(_settings(tmp_path), answerer=answerer))
    origin = {"origin": "https://example.org"}
    assert "access-control-allow-origin" not in client.get("/v1/sections", headers=origin).headers
    preflight = client.options(
        "/v1/answer", headers={**origin, "access-control-request-method": "POST"}
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_allows_only_the_configured_origins(answerer: Answerer, tmp_path: Path) -> None:
    settings = _settings(tmp_path, api_key=KEY, cors_origins=["https://example.org"])
    client = TestClient(create_app(settings, answerer=answerer))
    preflight = client.options(
        "/v1/answer",
        headers={
            "origin": "https://example.org",
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization, content-type",
        },
    )
    # The preflight carries no key and must still pass; the refusal a browser then reads
    # carries the CORS headers, so the page can show it.
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://example.org"
    refused = client.get("/v1/sections", headers={"origin": "https://example.org"})
    assert refused.status_code == 401
    assert refused.headers["access-control-allow-origin"] == "https://example.org"
    other = client.get(
        "/v1/sections",
        headers={"origin": "https://evil.example", "authorization": f"Bearer {KEY}"},
    )
    assert other.status_code == 200 and "access-control-allow-origin" not in other.headers


def test_cors_origins_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QA_SERVER__CORS_ORIGINS", '["https://a.example", "https://b.example"]')
    assert Settings().server.cors_origins == ["https://a.example", "https://b.example"]


# ---------------------------------------------------------------------- body size, for real


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """The API (no pipeline needed: /v1/feedback) under uvicorn on a loopback port."""
    settings = _settings(tmp_path_factory.mktemp("live"))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings, load=False), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started
    yield "127.0.0.1", port
    server.should_exit = True
    thread.join(timeout=10)


def _raw(address: tuple[str, int], head: bytes, chunks: list[bytes]) -> bytes:
    """Send `head`, then each chunk (stopping if the server has answered), and read to close."""
    with socket.create_connection(address, timeout=10) as conn:
        conn.sendall(head)
        conn.settimeout(0.01)
        for chunk in chunks:
            try:
                if conn.recv(1, socket.MSG_PEEK):
                    break  # answered before the body was sent whole
            except TimeoutError:
                pass
            try:
                conn.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
        conn.settimeout(10)
        data = b""
        try:
            while part := conn.recv(65536):  # `connection: close`: read to the end
                data += part
        except ConnectionResetError:
            pass
        return data


def _chunked(payload: bytes, size: int = 4096) -> list[bytes]:
    parts = [payload[i : i + size] for i in range(0, len(payload), size)]
    return [b"%x\r\n%s\r\n" % (len(p), p) for p in parts] + [b"0\r\n\r\n"]


HEAD = (
    b"POST /v1/feedback HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n"
    b"connection: close\r\n"
)
VOTE = b'{"vote": "up", "question": "q?", "answer": "a [1]", "citations": []}'


def test_chunked_body_over_the_limit_is_413(live: tuple[str, int]) -> None:
    payload = b'{"vote": "up", "question": "' + b"x" * (MAX_BODY_BYTES + 4096) + b'"}'
    reply = _raw(live, HEAD + b"transfer-encoding: chunked\r\n\r\n", _chunked(payload))
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    assert b'"too_large"' in reply and b"64 KB" in reply


def test_chunked_body_under_the_limit_is_read(live: tuple[str, int]) -> None:
    reply = _raw(live, HEAD + b"transfer-encoding: chunked\r\n\r\n", _chunked(VOTE, size=16))
    assert reply.startswith(b"HTTP/1.1 201"), reply[:200]


def test_declared_length_over_the_limit_is_refused_before_the_body(
    live: tuple[str, int],
) -> None:
    # Headers only: the answer comes without waiting for a megabyte that is never sent.
    reply = _raw(live, HEAD + b"content-length: 1048576\r\n\r\n", [])
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]


def test_streamed_body_over_the_limit_is_413_with_httpx(live: tuple[str, int]) -> None:
    sent = 0

    def body() -> Iterator[bytes]:
        nonlocal sent
        yield b'{"vote": "up", "question": "'
        for _ in range(64):  # 1 MB in all, if the server read it all
            sent += 16384
            yield b"x" * 16384
        yield b'"}'

    host, port = live
    try:
        response = httpx.post(f"http://{host}:{port}/v1/feedback", content=body(), timeout=10)
    except httpx.TransportError:
        pytest.fail("the server should answer 413, not drop the connection")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


# ---------------------------------------------------------------------- the web page with a key


def test_the_page_stays_open_and_its_handlers_are_not_an_api(tmp_path: Path) -> None:
    from qa.web import build_app

    (tmp_path / "corpus").mkdir()  # empty: the loader fails fast, the page still serves
    settings = Settings(
        corpus_dir=tmp_path / "corpus",
        index_dir=tmp_path / "index",
        cache_dir=tmp_path / "cache",
        feedback_db=tmp_path / "f.sqlite3",
        server=ServerSettings(api_key=KEY),
    )
    with TestClient(build_app(settings)) as client:
        assert client.get("/").status_code == 200
        assert client.get("/config").status_code == 200
        assert client.get("/healthz").status_code == 200
        assert client.get("/v1/sections").status_code == 401
        info = client.get("/gradio_api/info").json()
        assert info["named_endpoints"] == {}
        # Listed or not, Gradio reaches a handler by name: those paths need the key...
        data = {"data": ["How many people were extradited?"]}
        for path in ("/gradio_api/call/ask", "/gradio_api/call/v2/ask", "/gradio_api/run/ask"):
            assert client.post(path, json=data).status_code == 401, path
        authorized = {"authorization": f"Bearer {KEY}"}
        assert client.post("/gradio_api/call/ask", json=data, headers=authorized).status_code == 200
        # ...while the page's own way in, its queue, stays open like the page.
        assert client.post("/gradio_api/queue/join", json={}).status_code != 401


# ---------------------------------------------------------------------- logs


def test_logs_never_contain_the_key(answerer: Answerer, tmp_path: Path) -> None:
    # The `answerer` fixture has built the index, so the server only loads it.
    env = {"QA_SERVER__API_KEY": KEY, "QA_FEEDBACK_DB": str(tmp_path / "f.sqlite3")}
    process, base = start_serve(env, capture=True)
    right = {"authorization": f"Bearer {KEY}"}
    try:
        wait_ready(base, process, seconds=60)
        with httpx.Client(base_url=base, timeout=30) as client:
            assert client.post("/v1/answer", json={"question": "Allende?"}).status_code == 401
            for headers in (right, {"authorization": f"Bearer {WRONG}"}, {"x-api-key": KEY}):
                client.post("/v1/answer", json={"question": "Allende?"}, headers=headers)
                client.post("/v1/answer", json={"question": ""}, headers=headers)
                client.get("/v1/sections/no-such-section", headers=headers)
                client.post("/v1/answer", content=b"{not json", headers=headers)
            assert client.get("/v1/endnotes/13", headers=right).status_code == 200
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=20)
    # The access log was captured (so the check below has something to look at)...
    assert '"POST /v1/answer HTTP/1.1" 401' in output and '"POST /v1/answer HTTP/1.1" 200' in output
    # ...and neither the key nor a wrong one sent as a key appears anywhere.
    assert KEY not in output
    assert WRONG not in output
