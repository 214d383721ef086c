"""Download one linked document over HTTP(S) without letting a link reach the local network.

Design: every hop (the link and each redirect) is parsed, its host resolved once with
`socket.getaddrinfo`, and every address it resolves to checked by `refusal`; the request is
then sent to the checked address itself, with the name kept in the Host header and in TLS
(SNI and certificate check), so a DNS answer that changes between the check and the connection
(DNS rebinding) cannot steer it elsewhere. Redirects are followed here, one hop at a time, so
each is checked before anything connects to it. The body is streamed and abandoned as soon as
it passes `max_bytes`; a connect, read and whole-download timeout bound the time.

Concessions: environment proxies are ignored (a proxy would resolve names itself and defeat the
check); cookies are not carried from one hop to the next; a name that resolves to one refused
address is refused outright, even if it has public addresses too.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass

import httpx

from qa.errors import SourceError
from qa.settings import SourcesSettings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_REDIRECTS = {301, 302, 303, 307, 308}
_ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"


@dataclass(frozen=True, slots=True)
class Download:
    """The bytes behind a link: where they came from and what the server said they were."""

    url: str
    final_url: str
    status: int
    declared_type: str
    data: bytes
    redirects: tuple[str, ...] = ()


def refusal(address: IPAddress, allow_loopback: bool = False) -> str | None:
    """Why this address must not be contacted, or None if it may be.

    >>> refusal(ipaddress.ip_address("10.0.0.1")), refusal(ipaddress.ip_address("8.8.8.8"))
    ('private', None)
    """
    # An IPv6 address can carry an IPv4 one (mapped, 6to4, Teredo); the IPv4 one decides.
    if isinstance(address, ipaddress.IPv6Address):
        embedded = [address.ipv4_mapped, address.sixtofour]
        embedded += list(address.teredo or ())
        for inner in embedded:
            if inner is not None:
                reason = refusal(inner, allow_loopback)
                if reason is not None:
                    return reason
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return None if allow_loopback else "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if address.is_private:
        return "private"
    if address.is_reserved:
        return "reserved"
    if not address.is_global:
        return "not public"
    return None


def resolve(host: str, port: int, allow_loopback: bool = False) -> list[IPAddress]:
    """Every address `host` resolves to, all checked; SourceError if any one is refused."""
    addresses = _literal(host) or _lookup(host, port)
    for address in addresses:
        reason = refusal(address, allow_loopback)
        if reason is not None:
            shown = host if host == str(address) else f"{host} ({address})"
            raise SourceError(f"blocked address: {shown} is {reason}", "blocked_address")
    return addresses


def _literal(host: str) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        return []


def _lookup(host: str, port: int) -> list[IPAddress]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise SourceError(f"cannot resolve host {host!r} ({exc})", "dns") from None
    addresses: list[IPAddress] = []
    for info in infos:
        # The scope of a link-local IPv6 address ("fe80::1%eth0") is not part of the check.
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise SourceError(f"cannot resolve host {host!r} (no addresses)", "dns")
    return addresses


def _parse(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise SourceError(f"not a valid link: {url!r} ({exc})", "bad_url") from None
    if parsed.scheme not in ("http", "https"):
        raise SourceError(f"unsupported link {url!r}: only http and https are fetched", "bad_url")
    if not parsed.host:
        raise SourceError(f"not a valid link: {url!r} has no host", "bad_url")
    return parsed


def _seconds(value: float) -> str:
    return f"{value:g} s"


class _Budget:
    """The time left for one download, redirects included."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise SourceError(
                f"timeout: the download took over {_seconds(self.seconds)}", "timeout"
            )


def fetch(
    url: str,
    settings: SourcesSettings,
    client: httpx.Client | None = None,
) -> Download:
    """Download `url`, following at most `settings.max_redirects` checked redirects.

    Raises SourceError with a short reason ("HTTP 404", "timeout: ...", "too large: ...",
    "blocked address: ...", "too many redirects: ...") for anything but a 2xx body.
    """
    own = client is None
    client = client or make_client(settings)
    try:
        budget = _Budget(settings.total_timeout)
        current = _parse(url)
        hops: list[str] = []
        while True:
            budget.check()
            response_url, status, declared, data, location = _one_hop(
                client, current, settings, budget
            )
            if location is None:
                return Download(url, str(response_url), status, declared, data, tuple(hops))
            if len(hops) >= settings.max_redirects:
                raise SourceError(
                    f"too many redirects: more than {settings.max_redirects}",
                    "too_many_redirects",
                )
            try:
                target = current.join(location)
            except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
                raise SourceError(f"bad redirect to {location!r} ({exc})", "bad_url") from None
            current = _parse(str(target))
            hops.append(str(current))
    finally:
        if own:
            client.close()


def make_client(settings: SourcesSettings, verify: ssl.SSLContext | bool = True) -> httpx.Client:
    """An httpx client that follows nothing and reads no proxy settings from the environment.

    `verify` is the TLS trust (a context trusting a test CA in tests); certificates are
    always checked against the link's host name, never against the address connected to.
    """
    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=settings.connect_timeout,
    )
    return httpx.Client(
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
        headers={"User-Agent": settings.user_agent, "Accept": _ACCEPT},
        verify=verify,
    )


def _one_hop(
    client: httpx.Client, url: httpx.URL, settings: SourcesSettings, budget: _Budget
) -> tuple[httpx.URL, int, str, bytes, str | None]:
    """One request to a checked address: (url, status, declared type, body, redirect target)."""
    host = url.raw_host.decode("ascii")
    port = url.port or (443 if url.scheme == "https" else 80)
    addresses = resolve(host, port, settings.allow_loopback)
    headers = {"Host": url.netloc.decode("ascii")}
    extensions = {"sni_hostname": host} if url.scheme == "https" else {}
    last_error: SourceError | None = None
    for address in addresses:
        pinned = url.copy_with(host=str(address))
        try:
            return _request(client, url, pinned, headers, extensions, settings, budget)
        except _ConnectFailed as exc:
            # Try the name's next checked address, as a browser would.
            last_error = exc.error
    assert last_error is not None
    raise last_error


class _ConnectFailed(Exception):
    def __init__(self, error: SourceError) -> None:
        self.error = error


def _request(
    client: httpx.Client,
    url: httpx.URL,
    pinned: httpx.URL,
    headers: dict[str, str],
    extensions: dict[str, str],
    settings: SourcesSettings,
    budget: _Budget,
) -> tuple[httpx.URL, int, str, bytes, str | None]:
    request = client.build_request("GET", pinned, headers=headers, extensions=extensions)
    try:
        response = client.send(request, stream=True)
    except httpx.ConnectTimeout:
        raise _ConnectFailed(
            SourceError(
                f"timeout: no connection to {url.host} within {_seconds(settings.connect_timeout)}",
                "timeout",
            )
        ) from None
    except httpx.ConnectError as exc:
        raise _ConnectFailed(
            SourceError(f"cannot connect to {url.host}: {_why(exc)}", "connect")
        ) from None
    except httpx.TimeoutException:
        raise SourceError(
            f"timeout: no response within {_seconds(settings.read_timeout)}", "timeout"
        ) from None
    except (httpx.HTTPError, OSError) as exc:
        raise SourceError(f"network error from {url.host}: {_why(exc)}", "connect") from None
    try:
        status = response.status_code
        if status in _REDIRECTS:
            location = response.headers.get("location")
            if not location:
                raise SourceError(f"HTTP {status} redirect without a Location", "http")
            return url, status, "", b"", location
        if status >= 300:
            raise SourceError(f"HTTP {status}", "http")
        declared = response.headers.get("content-type", "")
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > settings.max_bytes:
            raise _too_large(settings.max_bytes, f"{int(length):,} bytes announced")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > settings.max_bytes:
                    raise _too_large(settings.max_bytes, "stopped reading")
                chunks.append(chunk)
                budget.check()
        except httpx.TimeoutException:
            raise SourceError(
                f"timeout: no data for {_seconds(settings.read_timeout)}", "timeout"
            ) from None
        except (httpx.HTTPError, OSError) as exc:
            raise SourceError(f"download interrupted: {_why(exc)}", "connect") from None
        return url, status, declared, b"".join(chunks), None
    finally:
        response.close()


def _too_large(limit: int, detail: str) -> SourceError:
    return SourceError(f"too large: over the {_size(limit)} limit ({detail})", "too_large")


def _size(n: int) -> str:
    """20_000_000 -> '20 MB', 65_536 -> '65,536 bytes'."""
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000} MB"
    if n % 1000 == 0:
        return f"{n // 1000} KB"
    return f"{n:,} bytes"


def _why(exc: BaseException) -> str:
    text = str(exc).strip()
    return text or type(exc).__name__
