"""Access control in front of the answer API: an optional bearer key and a per-client rate limit.

Both live in one ASGI middleware that guards every path under `/v1`, so a route added later is
covered without anyone remembering to add a dependency; `/healthz`, `/readyz`, `/docs`,
`/openapi.json` and the web page stay open. The rate limit is checked before the key, so a
client guessing keys is slowed down like any other. The key is compared in constant time and
is never logged or echoed; a wrong key gets the same answer whatever it looks like.

The web page's handlers run the same pipeline in-process. Gradio also exposes them by name
(`/gradio_api/call/ask`, `/run/...`, `/api/...`) however they are listed, so those paths are
guarded too; the page itself does not use them. Concession: what the page does use, its queue
(`/gradio_api/queue/join`), is as open as the page, and a script that imitates the page can
ask through it what the page can ask (with the page's settings), vote and read sections. A
deployment that must be closed entirely needs a proxy with authentication in front of it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from pydantic import SecretStr

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Gradio's by-name endpoints; the page calls through /gradio_api/queue/join instead.
GRADIO_BY_NAME = ("/gradio_api/call", "/gradio_api/run", "/gradio_api/api")
GUARDED_PREFIXES = ("/v1", *GRADIO_BY_NAME)


async def send_error(
    send: Send,
    status: int,
    code: str,
    message: str,
    headers: Iterable[tuple[bytes, bytes]] = (),
) -> None:
    """Send `{"error": {"code", "message"}}` with `status` straight from an ASGI middleware."""
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RateLimiter:
    """A token bucket per client: bursts of up to `per_minute` requests, refilled evenly.

    `wait(client)` takes a token and returns 0.0, or returns the seconds until one is due.
    Safe to call from several threads. Buckets that would be full again are forgotten once
    more than `max_clients` are kept, so memory stays bounded under many addresses.

    >>> limiter = RateLimiter(per_minute=2)
    >>> [limiter.wait("a", now=0.0), limiter.wait("a", now=0.0), limiter.wait("a", now=0.0)]
    [0.0, 0.0, 30.0]
    """

    def __init__(self, per_minute: int, max_clients: int = 10_000) -> None:
        if per_minute < 1:
            raise ValueError("a rate limit is at least 1 request a minute")
        self.capacity = float(per_minute)
        self.per_second = per_minute / 60.0
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, updated)
        self._lock = threading.Lock()

    def wait(self, client: str, now: float | None = None) -> float:
        """Take one token for `client`: 0.0 if allowed, else the seconds until one is due."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, updated = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - updated) * self.per_second)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                if len(self._buckets) > self.max_clients:
                    self._forget_full(now)
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1.0 - tokens) / self.per_second

    def _forget_full(self, now: float) -> None:
        refill = self.capacity / self.per_second
        self._buckets = {
            client: (tokens, updated)
            for client, (tokens, updated) in self._buckets.items()
            if now - updated < refill
        }


def _digest(value: bytes) -> bytes:
    # Comparing fixed-length digests keeps even the key's length out of the timing.
    return hashlib.sha256(value).digest()


class AccessGuard:
    """Rate limit (429 with Retry-After), then bearer key (401 with WWW-Authenticate)."""

    def __init__(
        self,
        app: ASGIApp,
        api_key: SecretStr | None = None,
        limiter: RateLimiter | None = None,
        prefixes: tuple[str, ...] = GUARDED_PREFIXES,
    ) -> None:
        self.app = app
        self._key_digest = _digest(api_key.get_secret_value().encode()) if api_key else None
        self.limiter = limiter
        self.prefixes = prefixes

    def guards(self, path: str) -> bool:
        """Whether `path` is behind the guard: `/v1` (or another prefix) and all under it."""
        return any(path == p or path.startswith(p + "/") for p in self.prefixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.guards(route_path(scope)):
            await self.app(scope, receive, send)
            return
        if self.limiter is not None:
            client = scope.get("client")
            delay = self.limiter.wait(client[0] if client else "unknown")
            if delay > 0:
                seconds = max(1, math.ceil(delay))
                await send_error(
                    send,
                    429,
                    "rate_limited",
                    f"too many requests from your address; try again in {seconds} s",
                    [(b"retry-after", str(seconds).encode())],
                )
                return
        if self._key_digest is not None:
            token = bearer_token(scope)
            if token is None:
                await send_error(
                    send,
                    401,
                    "unauthorized",
                    "this API needs a key: send the header `Authorization: Bearer <key>`",
                    [(b"www-authenticate", b"Bearer")],
                )
                return
            if not hmac.compare_digest(_digest(token), self._key_digest):
                await send_error(
                    send,
                    401,
                    "unauthorized",
                    "the API key is not valid",
                    [(b"www-authenticate", b'Bearer error="invalid_token"')],
                )
                return
        await self.app(scope, receive, send)


def route_path(scope: Scope) -> str:
    """The path the router matches: without the `root_path` a proxy may put in front of it
    (as Starlette does), so that `/prefix/v1/...` is guarded like `/v1/...`."""
    path: str = scope.get("path", "")
    root = scope.get("root_path", "")
    if root and path.startswith(root) and path[len(root) : len(root) + 1] in ("/", ""):
        return path[len(root) :]
    return path


def bearer_token(scope: Scope) -> bytes | None:
    """The token of an `Authorization: Bearer <token>` header, as sent, or None."""
    for name, value in scope.get("headers") or ():
        if name.lower() == b"authorization":
            scheme, _, token = bytes(value).strip().partition(b" ")
            if scheme.lower() == b"bearer" and token.strip():
                return token.strip()
            return None
    return None
