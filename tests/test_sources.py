"""`qa sources`: fetch, add and list the documents behind the endnotes, against a local server.

Every download goes to an HTTP server on 127.0.0.1 started here; an autouse fixture records
every TCP connection and fails the test if one is attempted to any other address, so the
guard's "refused before connecting" is checked, not assumed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from qa.cli import main
from qa.errors import SourceError
from qa.extract import extract, sniff
from qa.fetch import fetch, make_client, refusal
from qa.parse import load_corpus
from qa.settings import Settings, SourcesSettings
from qa.store import corpus_hashes

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
ARTICLE = (FIXTURES / "article.html").read_bytes()
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
CAP = 64 * 1024  # QA_SOURCES__MAX_BYTES in these tests

# ----------------------------------------------------------------------------- fixtures


def _esc(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def make_pdf(pages: list[str], title: str = "") -> bytes:
    """A minimal valid PDF with one text page per item (Helvetica, lines split on newlines)."""
    count = len(pages)
    page_ids = [4 + 2 * i for i in range(count)]
    kids = " ".join(f"{p} 0 R" for p in page_ids)
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    for pid, text in zip(page_ids, pages, strict=True):
        shown = b" ".join(b"(" + _esc(line) + b") Tj T*" for line in text.split("\n"))
        stream = b"BT /F1 12 Tf 14 TL 72 720 Td " + shown + b" ET"
        objects[pid] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents " + f"{pid + 1} 0 R >>".encode()
        )
        objects[pid + 1] = (
            f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream"
        )
    info = 4 + 2 * count
    objects[info] = b"<< /Title (" + _esc(title) + b") >>"
    out = b"%PDF-1.4\n"
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {info + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offsets[n]:010d} 00000 n \n".encode() for n in range(1, info + 1))
    out += f"trailer\n<< /Size {info + 1} /Root 1 0 R /Info {info} 0 R >>\n".encode()
    return out + f"startxref\n{xref}\n%%EOF\n".encode()


PDF = make_pdf(
    [
        "U.S.-Mexican Security Cooperation\nThe Merida Initiative began in 2007.",
        "Congress appropriated funds for equipment and training.",
        "By 2020 the focus had moved to courts and prosecutors.",
    ],
    title="U.S.-Mexican Security Cooperation: The Merida Initiative",
)


@dataclass
class Server:
    """The local test server: its port, hits per path, and state the routes read."""

    port: int = 0
    hits: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)
    endless_sent: int = 0
    endless_done: threading.Event = field(default_factory=threading.Event)
    changing: bytes = b"First version of a changing page."
    last_host: str = ""

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


class _Handler(BaseHTTPRequestHandler):
    state: Server  # set on the subclass made per server

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass

    def _send(self, status: int, body: bytes, ctype: str, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        state = self.state
        path = self.path
        with state.lock:
            state.hits[path] += 1
            state.last_host = self.headers.get("Host", "")
        html = "text/html; charset=utf-8"
        try:
            if path == "/article.html":
                self._send(200, ARTICLE, html)
            elif path == "/report.pdf":
                self._send(200, PDF, "application/pdf")
            elif path == "/fake.pdf":  # a web page behind a .pdf link, labelled as PDF
                self._send(200, ARTICLE, "application/pdf")
            elif path == "/notes.txt":
                self._send(200, (FIXTURES / "notes.md").read_bytes(), "text/plain")
            elif path == "/r1":
                self._redirect("/r2")
            elif path == "/r2":
                self._redirect(state.url("/article.html"), 301)
            elif path == "/loop":
                self._redirect("/loop")
            elif path == "/to-private":
                self._redirect("http://10.0.0.1/x")
            elif path == "/to-metadata":
                self._redirect("http://169.254.169.254/latest/meta-data/")
            elif path == "/slow":
                time.sleep(3)
                self._send(200, b"too late", "text/plain")
            elif path == "/big":
                self._send(200, b"a" * (CAP * 2), "text/plain")
            elif path == "/endless":
                self._endless()
            elif path == "/image.html":
                self._send(200, PNG, html)
            elif path == "/changing":
                self._send(200, state.changing, "text/plain")
            elif path == "/host-echo":
                self._send(200, f"Host was {state.last_host}".encode(), "text/plain")
            else:
                self._send(404, b"<h1>Not found</h1>", html)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _endless(self) -> None:
        """No Content-Length; up to 50 MB unless the client hangs up first."""
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        chunk = b"x" * 65536
        try:
            for _ in range(800):
                self.wfile.write(chunk)
                self.state.endless_sent += len(chunk)
        except OSError:
            pass
        finally:
            self.state.endless_done.set()


def _start(state: Server, context: ssl.SSLContext | None = None) -> ThreadingHTTPServer:
    handler = type("Handler", (_Handler,), {"state": state})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False  # the /slow handler may still be asleep at teardown
    if context is not None:
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    state.port = httpd.server_address[1]
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    return httpd


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server()
    httpd = _start(state)
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every TCP connection attempted; any address but loopback fails the test at once."""
    seen: list[tuple[str, int]] = []
    real = socket.create_connection

    def guarded(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        seen.append((str(address[0]), int(address[1])))
        if not ip_address(str(address[0])).is_loopback:
            raise AssertionError(f"a connection to {address} was attempted")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)
    return seen


NOTES: dict[int, str | None] = {
    1: "/article.html",
    2: "/report.pdf",
    3: "/r1",
    4: "/missing",
    5: "/slow",
    6: "/big",
    7: "/endless",
    8: "/image.html",
    9: "/to-private",
    10: "/to-metadata",
    11: "/loop",
    12: None,
    13: "/fake.pdf",
    14: "/notes.txt",
    15: "/article.html",  # the same link as note 1
}


def brief(port: int) -> str:
    """A small Markdown brief whose endnotes link to the local server."""
    body = " ".join(f"Claim number {n} is supported by a source.[{n}]" for n in NOTES)
    notes = []
    for n, path in NOTES.items():
        link = f" http://127.0.0.1:{port}{path}" if path else ""
        notes.append(f"[{n}] Author {n}, Title of source {n}, 2020.{link}")
    return (
        "# A Brief With Sources\n\nBy Ana Autora\n\nJanuary 2021\n\n## Introduction\n\n"
        f"{body}\n\n## Notes\n\n" + "\n\n".join(notes) + "\n"
    )


@pytest.fixture
def corpus(tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A one-brief corpus in tmp_path, and QA_* settings for the CLI: loopback allowed."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "brief.md").write_text(brief(server.port), encoding="utf-8")
    for name, value in {
        "QA_CORPUS_DIR": str(folder),
        "QA_SOURCES__ALLOW_LOOPBACK": "true",
        "QA_SOURCES__READ_TIMEOUT": "0.5",
        "QA_SOURCES__CONNECT_TIMEOUT": "2",
        "QA_SOURCES__MAX_BYTES": str(CAP),
        "QA_SOURCES__MAX_REDIRECTS": "5",
    }.items():
        monkeypatch.setenv(name, value)
    return folder


def qa(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def record(corpus: Path, note: int) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((corpus / "sources" / f"note-{note:02d}.json").read_text())
    return data


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def loopback_settings(**changes: Any) -> SourcesSettings:
    base: dict[str, Any] = {"allow_loopback": True, "read_timeout": 0.5, "max_bytes": CAP}
    return SourcesSettings(**(base | changes))


# ----------------------------------------------------------------------------- the guard


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("fc00::1", "private"),
        ("::ffff:10.0.0.1", "private"),
        ("2002:a00:1::", "private"),  # 6to4 wrapping 10.0.0.1
        ("93.184.216.34", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_refusal(address: str, reason: str | None) -> None:
    assert refusal(ip_address(address)) == reason


def test_refusal_others_and_loopback_setting() -> None:
    for address in ("240.0.0.1", "100.64.0.1", "192.0.2.1", "255.255.255.255"):
        assert refusal(ip_address(address)) is not None, address
    assert refusal(ip_address("127.0.0.1"), allow_loopback=True) is None
    assert refusal(ip_address("127.8.9.10"), allow_loopback=True) is None
    # Allowing loopback allows nothing else.
    assert refusal(ip_address("10.0.0.1"), allow_loopback=True) == "private"
    assert refusal(ip_address("169.254.169.254"), allow_loopback=True) == "link-local"


@pytest.mark.parametrize(
    ("url", "needle"),
    [
        ("http://127.0.0.1:9/x", "127.0.0.1 is loopback"),
        ("http://localhost:9/x", "is loopback"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is link-local"),
        ("http://10.0.0.1/x", "10.0.0.1 is private"),
        ("http://[::1]:9/x", "::1 is loopback"),
        ("http://2130706433:9/x", "(127.0.0.1) is loopback"),  # 127.0.0.1 as a number
    ],
)
def test_refused_before_any_connection(
    url: str, needle: str, connections: list[tuple[str, int]]
) -> None:
    with pytest.raises(SourceError) as caught:
        fetch(url, SourcesSettings())
    assert caught.value.code == "blocked_address"
    assert needle in str(caught.value)
    assert connections == []


def test_bad_links() -> None:
    for url, code in (
        ("ftp://example.org/a.pdf", "bad_url"),
        ("file:///etc/passwd", "bad_url"),
        ("http:///nohost", "bad_url"),
    ):
        with pytest.raises(SourceError) as caught:
            fetch(url, SourcesSettings())
        assert caught.value.code == code, url


def test_redirect_to_private_refused_before_connecting(
    server: Server, connections: list[tuple[str, int]]
) -> None:
    for path, needle in (("/to-private", "10.0.0.1"), ("/to-metadata", "169.254.169.254")):
        with pytest.raises(SourceError, match=needle) as caught:
            fetch(server.url(path), loopback_settings())
        assert caught.value.code == "blocked_address"
    assert {host for host, _ in connections} == {"127.0.0.1"}


def _fake_dns(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[list[str]]]) -> Counter[str]:
    """Names in `answers` resolve to their next list of addresses; IP literals resolve as is."""
    real = socket.getaddrinfo
    calls: Counter[str] = Counter()

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in answers:
            return real(host, port, *args, **kwargs)
        calls[host] += 1
        addresses = answers[host][min(calls[host], len(answers[host])) - 1]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, int(port or 0))) for a in addresses]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return calls


def test_dns_checked_once_and_connection_pinned(
    server: Server, monkeypatch: pytest.MonkeyPatch, connections: list[tuple[str, int]]
) -> None:
    # The name resolves to loopback when checked, then to a private address (rebinding):
    # the request must go to the checked address, with the name in the Host header.
    calls = _fake_dns(monkeypatch, {"docs.example": [["127.0.0.1"], ["10.0.0.1"]]})
    url = f"http://docs.example:{server.port}/host-echo"
    got = fetch(url, loopback_settings())
    assert got.data == f"Host was docs.example:{server.port}".encode()
    assert calls["docs.example"] == 1
    assert connections == [("127.0.0.1", server.port)]


def test_dns_any_refused_address_refuses_the_name(
    monkeypatch: pytest.MonkeyPatch, connections: list[tuple[str, int]]
) -> None:
    _fake_dns(monkeypatch, {"mixed.example": [["93.184.216.34", "10.0.0.1"]]})
    with pytest.raises(SourceError, match=r"mixed.example \(10.0.0.1\) is private"):
        fetch("http://mixed.example/report.pdf", SourcesSettings())
    assert connections == []


def test_unresolvable_name_and_closed_port(
    monkeypatch: pytest.MonkeyPatch, connections: list[tuple[str, int]]
) -> None:
    def no_such_host(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with monkeypatch.context() as patch:
        patch.setattr(socket, "getaddrinfo", no_such_host)
        with pytest.raises(SourceError, match=r"cannot resolve host 'gone\.example'") as caught:
            fetch("https://gone.example/a.pdf", SourcesSettings())
    assert caught.value.code == "dns" and connections == []
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SourceError, match=r"cannot connect to 127\.0\.0\.1") as caught:
        fetch(f"http://127.0.0.1:{port}/x", loopback_settings())
    assert caught.value.code == "connect"


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_https_pinned_address_keeps_sni_and_certificate_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, connections: list[tuple[str, int]]
) -> None:
    ec = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes")
    _openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
             "-subj", "/CN=Test CA", "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=tmp_path)  # fmt: skip
    _openssl("req", *ec, "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=docs.example",
             cwd=tmp_path)  # fmt: skip
    (tmp_path / "ext.cnf").write_text(
        "subjectAltName=DNS:docs.example\nbasicConstraints=CA:FALSE\n"
        "keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n"
    )
    _openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
             "-CAcreateserial", "-out", "leaf.pem", "-days", "2", "-extfile", "ext.cnf",
             cwd=tmp_path)  # fmt: skip
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(tmp_path / "leaf.pem", tmp_path / "leaf.key")
    names: list[str | None] = []
    server_context.sni_callback = lambda sock, name, ctx: names.append(name)
    state = Server()
    httpd = _start(state, server_context)
    try:
        _fake_dns(monkeypatch, {"docs.example": [["127.0.0.1"]], "other.example": [["127.0.0.1"]]})
        trust = ssl.create_default_context(cafile=str(tmp_path / "ca.pem"))
        settings = loopback_settings()
        with make_client(settings, verify=trust) as client:
            got = fetch(f"https://docs.example:{state.port}/report.pdf", settings, client)
            assert got.data == PDF
            assert names == ["docs.example"]
            # The certificate is checked against the link's name, not the address dialled.
            with pytest.raises(SourceError, match=r"certificate|hostname") as caught:
                fetch(f"https://other.example:{state.port}/report.pdf", settings, client)
            assert caught.value.code == "connect"
        assert {host for host, _ in connections} == {"127.0.0.1"}
    finally:
        httpd.shutdown()
        httpd.server_close()


# ----------------------------------------------------------------------------- sniffing


@pytest.mark.parametrize(
    ("data", "declared", "name", "kind"),
    [
        (b"%PDF-1.7\n...", "", "", "pdf"),
        (b"\n\n%PDF-1.4\n...", "text/html", "page.html", "pdf"),
        (b"<!DOCTYPE html><html><p>Hi</p></html>", "application/pdf", "x.pdf", "html"),
        (b"\xef\xbb\xbf  <!-- saved from url=(0014)about:internet -->\n<html>", "", "", "html"),
        (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', "", "", "html"),
        (b"<p>A fragment</p>", "text/html", "", "html"),
        (b"<p>A fragment</p>", "text/plain", "", "text"),
        (b"<script>var a;</script><p>Saved</p>", "", "saved.htm", "html"),
        (b"Plain words, and more.", "", "", "text"),
        (b"# Heading\n\nText.", "", "notes.md", "markdown"),
        ("Caf\xe9 cr\xe8me".encode("cp1252"), "text/plain", "", "text"),
    ],
)
def test_sniff(data: bytes, declared: str, name: str, kind: str) -> None:
    assert sniff(data, declared, name) == kind


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (PNG, "PNG image"),
        (b"PK\x03\x04rest-of-a-zip", "ZIP"),
        (bytes(range(256)) * 4, "binary"),
        (b"text then \x00\x01\x02 binary", "binary"),
    ],
)
def test_sniff_refuses_non_documents(data: bytes, needle: str) -> None:
    with pytest.raises(SourceError, match=needle) as caught:
        sniff(data, "text/html", "page.html")
    assert caught.value.code == "not_a_document"


def test_extract_pdf_keeps_page_numbers() -> None:
    got = extract(PDF, "pdf")
    assert got.pages == 3
    assert got.title == "U.S.-Mexican Security Cooperation: The Merida Initiative"
    assert got.text.startswith("[page 1]\n\nU.S.-Mexican Security Cooperation\n")
    page2 = got.text.index("[page 2]")
    assert got.text.index("Congress appropriated") > page2 > got.text.index("began in 2007")
    assert "[page 3]\n\nBy 2020 the focus had moved" in got.text


def test_extract_unreadable_and_empty_pdf() -> None:
    with pytest.raises(SourceError, match="unreadable PDF") as caught:
        extract(b"%PDF-1.4\nnot really a pdf", "pdf")
    assert caught.value.code == "unreadable"
    with pytest.raises(SourceError, match="no text") as caught:
        extract(make_pdf(["", ""]), "pdf")
    assert caught.value.code == "no_text"


# ----------------------------------------------------------------------------- qa sources fetch


def test_fetch_everything(corpus: Path, server: Server, connections: list[tuple[str, int]]) -> None:
    started = time.monotonic()
    result = qa("sources", "fetch")
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < 10
    lines = {int(line.split()[1]): line for line in result.output.splitlines()[:-1]}
    assert sorted(lines) == sorted(NOTES)
    assert result.output.splitlines()[-1].startswith(
        "6 of 15 in place (6 new, 0 updated, 0 unchanged), 8 failed, 1 without a link"
    )
    assert "Traceback" not in result.output
    folder = corpus / "sources"

    # The article: main content with its headings, none of the page around it.
    text = (folder / "note-01.md").read_text()
    assert text.startswith("# How kingpin targeting fragmented the cartels\n")
    assert "\n## Violence after the arrests\n" in text
    assert "211 people were extradited" in text and "harder to police" in text
    for boilerplate in ("cookies", "Subscribe", "World news", "Related stories", "rights"):
        assert boilerplate not in text, boilerplate
    meta = record(corpus, 1)
    assert meta["status"] == "fetched" and meta["reason"] is None
    assert meta["note"] == 1 and meta["url"] == server.url("/article.html")
    assert meta["final_url"] == meta["url"] and meta["redirects"] == []
    assert meta["content_type"] == "text/html"
    assert meta["declared_type"] == "text/html; charset=utf-8"
    assert meta["sha256"] == hashlib.sha256(ARTICLE).hexdigest()
    assert meta["size"] == len(ARTICLE) and meta["chars"] == len(text)
    assert meta["title"] == "How kingpin targeting fragmented the cartels"
    assert meta["text_file"] == "note-01.md" and meta["fetched_at"] and meta["format"] == 1

    # The PDF: page numbers kept, as a .txt.
    pdf = record(corpus, 2)
    assert (pdf["content_type"], pdf["pages"], pdf["text_file"]) == (
        "application/pdf",
        3,
        "note-02.txt",
    )
    assert pdf["sha256"] == hashlib.sha256(PDF).hexdigest()
    pdf_text = (folder / "note-02.txt").read_text()
    assert [pdf_text.count(f"[page {n}]") for n in (1, 2, 3)] == [1, 1, 1]

    # Two redirects, then the article.
    hops = record(corpus, 3)
    assert hops["final_url"] == server.url("/article.html")
    assert hops["redirects"] == [server.url("/r2"), server.url("/article.html")]
    assert (folder / "note-03.md").read_text() == text

    # What the bytes are decides, not the .pdf in the link nor the Content-Type.
    assert record(corpus, 13)["content_type"] == "text/html"
    assert record(corpus, 13)["declared_type"] == "application/pdf"
    assert record(corpus, 14)["content_type"] == "text/plain"

    failures = {
        4: ("http", "HTTP 404"),
        5: ("timeout", "timeout"),
        6: ("too_large", "too large"),
        7: ("too_large", "too large"),
        8: ("not_a_document", "not a document"),
        9: ("blocked_address", "blocked address: 10.0.0.1 is private"),
        10: ("blocked_address", "blocked address: 169.254.169.254 is link-local"),
        11: ("too_many_redirects", "too many redirects: more than 5"),
    }
    for note, (code, reason) in failures.items():
        meta = record(corpus, note)
        assert meta["status"] == "failed" and meta["error"] == code, (note, meta)
        assert reason in meta["reason"], (note, meta["reason"])
        assert meta["attempted_at"] and meta["sha256"] is None
        assert f"failed     {reason}" in lines[note]
        assert not (folder / f"note-{note:02d}.md").exists()
        assert not (folder / f"note-{note:02d}.txt").exists()
    assert "no link" in lines[12] and not (folder / "note-12.json").exists()
    assert "stopped reading" in record(corpus, 7)["reason"]
    assert "announced" in record(corpus, 6)["reason"]

    # Reading stopped near the cap: the server could not send its 50 MB.
    assert server.endless_done.wait(5)
    assert server.endless_sent < 20_000_000
    # Nothing but the local server was contacted; the same link was downloaded once.
    assert {host for host, _ in connections} == {"127.0.0.1"}
    assert server.hits["/article.html"] == 2  # note 1 (and 15, same link) and note 3's hops

    # Refetching: every fetched document is unchanged, its files untouched.
    kept = snapshot(folder)
    again = qa("sources", "fetch")
    assert again.exit_code == 0
    assert "0 new, 0 updated, 6 unchanged" in again.output
    after = snapshot(folder)
    fetched_files = [f"note-{n:02d}.json" for n in (1, 2, 3, 13, 14, 15)]
    fetched_files += [
        "note-01.md",
        "note-02.txt",
        "note-03.md",
        "note-13.md",
        "note-14.txt",
        "note-15.md",
    ]
    for name in fetched_files:
        assert after[name] == kept[name], name


def test_refetch_updates_a_changed_document_and_keeps_it_on_failure(
    corpus: Path, server: Server
) -> None:
    (corpus / "brief.md").write_text(
        brief(server.port).replace("/notes.txt", "/changing"), encoding="utf-8"
    )
    assert qa("sources", "fetch", "14").exit_code == 0
    first = record(corpus, 14)
    server.changing = b"Second version, with more words in it."
    result = qa("sources", "fetch", "14")
    assert "note 14  updated" in result.output
    second = record(corpus, 14)
    assert second["sha256"] == hashlib.sha256(server.changing).hexdigest() != first["sha256"]
    assert (corpus / "sources" / "note-14.txt").read_text().startswith("Second version")
    # The link breaks: the report says so, the good copy stays.
    (corpus / "brief.md").write_text(
        brief(server.port).replace("/notes.txt", "/missing"), encoding="utf-8"
    )
    kept = snapshot(corpus / "sources")
    result = qa("sources", "fetch", "14")
    assert result.exit_code == 1
    assert "note 14  failed     HTTP 404 (kept the copy of" in result.output
    assert snapshot(corpus / "sources") == kept


def test_fetch_selected_notes_and_errors(corpus: Path, server: Server) -> None:
    result = qa("sources", "fetch", "2", "12")
    assert result.exit_code == 0
    assert sorted(p.name for p in (corpus / "sources").iterdir()) == ["note-02.json", "note-02.txt"]
    assert server.hits["/article.html"] == 0
    result = qa("sources", "fetch", "4")
    assert result.exit_code == 1  # nothing fetched, something failed
    assert "0 of 1 in place" in result.output and "1 failed" in result.output
    result = qa("sources", "fetch", "99")
    assert result.exit_code == 1
    assert "error: no endnote 99: the document has endnotes 1-15" in result.output
    assert "Traceback" not in result.output


def test_loopback_refused_unless_allowed(
    corpus: Path, server: Server, monkeypatch: pytest.MonkeyPatch, connections: list[Any]
) -> None:
    monkeypatch.delenv("QA_SOURCES__ALLOW_LOOPBACK")
    result = qa("sources", "fetch", "1", "2")
    assert result.exit_code == 1
    assert result.output.count("blocked address: 127.0.0.1 is loopback") == 2
    assert connections == [] and sum(server.hits.values()) == 0


def test_bad_setting_is_a_message(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QA_SOURCES__MAX_BYTES", "lots")
    result = qa("sources", "fetch")
    assert result.exit_code == 1
    assert result.output.startswith("error: bad setting (sources.max_bytes")


# ----------------------------------------------------------------------------- qa sources add


def test_add_saved_page_pdf_and_markdown(corpus: Path, tmp_path: Path, server: Server) -> None:
    saved = tmp_path / "saved-page.html"
    saved.write_bytes(ARTICLE)
    result = qa("sources", "add", str(saved), "--note", "4")
    assert result.exit_code == 0, result.output
    assert "added 'How kingpin targeting fragmented the cartels' to endnote 4" in result.output
    meta = record(corpus, 4)
    assert meta["status"] == "added" and meta["added_from"] == "saved-page.html"
    assert meta["url"] == server.url("/missing")  # the link it stands in for
    assert meta["sha256"] == hashlib.sha256(ARTICLE).hexdigest()
    text = (corpus / "sources" / "note-04.md").read_text()
    assert "## Violence after the arrests" in text and "cookies" not in text

    # The same file again: nothing to do.
    before = snapshot(corpus / "sources")
    result = qa("sources", "add", str(saved), "--note", "4")
    assert result.exit_code == 0 and result.output.startswith("unchanged:")
    assert snapshot(corpus / "sources") == before

    # fetch leaves a document added by hand alone.
    result = qa("sources", "fetch", "4")
    assert "note  4  kept       kept the document added by hand (saved-page.html)" in result.output
    assert result.exit_code == 0 and server.hits["/missing"] == 0

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(PDF)
    assert qa("sources", "add", str(pdf), "--note", "12").exit_code == 0
    assert record(corpus, 12)["pages"] == 3 and record(corpus, 12)["url"] is None
    assert "[page 3]" in (corpus / "sources" / "note-12.txt").read_text()

    # Replacing note 12's PDF by Markdown removes the old text file.
    result = qa("sources", "add", str(FIXTURES / "notes.md"), "--note", "12")
    assert result.exit_code == 0
    meta = record(corpus, 12)
    assert (meta["content_type"], meta["text_file"]) == ("text/markdown", "note-12.md")
    assert meta["title"] == "Interview notes: National Guard recruitment"
    assert not (corpus / "sources" / "note-12.txt").exists()


def test_add_errors(corpus: Path, tmp_path: Path) -> None:
    image = tmp_path / "page.html"
    image.write_bytes(PNG)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    docx = tmp_path / "report.docx"
    docx.write_bytes(b"PK\x03\x04")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\ngarbage")
    cases = [
        ((str(tmp_path / "nope.html"), "--note", "1"), "nope.html: no such file"),
        ((str(tmp_path), "--note", "1"), "is not a file"),
        ((str(FIXTURES / "notes.md"), "--note", "99"), "no endnote 99"),
        ((str(docx),), "Missing option '--note'"),
        ((str(docx), "--note", "1"), "unsupported file type '.docx'"),
        ((str(image), "--note", "1"), "page.html: not a document: the bytes are a PNG image"),
        ((str(empty), "--note", "1"), "empty.txt: not a document: it is empty"),
        ((str(broken), "--note", "1"), "broken.pdf: unreadable PDF"),
    ]
    for args, needle in cases:
        result = qa("sources", "add", *args)
        assert result.exit_code != 0, args
        assert needle in result.output, (needle, result.output)
        assert "Traceback" not in result.output
    assert not (corpus / "sources").exists()


# ----------------------------------------------------------------------------- qa sources list


def test_list_table_and_json(corpus: Path, tmp_path: Path) -> None:
    assert qa("sources", "fetch", "1", "4").exit_code == 0
    saved = tmp_path / "saved.md"
    saved.write_text("# Saved\n\nA copy of the report kept by hand.\n")
    assert qa("sources", "add", str(saved), "--note", "12").exit_code == 0

    result = qa("sources", "list", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["counts"] == {"none": 12, "fetched": 1, "added": 1, "failed": 1}
    rows = {row["number"]: row for row in data["endnotes"]}
    assert len(rows) == 15
    assert rows[1]["state"] == "fetched" and rows[1]["urls"][0].endswith("/article.html")
    assert rows[1]["source"]["title"] == "How kingpin targeting fragmented the cartels"
    assert rows[4]["state"] == "failed" and rows[4]["reason"] == "HTTP 404"
    assert rows[12]["state"] == "added" and rows[12]["urls"] == []
    assert rows[2] == {
        "number": 2,
        "text": rows[2]["text"],
        "urls": [rows[2]["urls"][0]],
        "state": "none",
        "reason": None,
        "source": None,
    }

    table = qa("sources", "list").output.splitlines()
    assert table[0].split()[:2] == ["1", "fetched"]
    assert "'How kingpin targeting fragmented the cartels', text/html, note-01.md" in table[1]
    assert any("reason: HTTP 404" in line for line in table)
    assert any(line.split()[:2] == ["12", "added"] and "(no link)" in line for line in table)
    assert table[-1].startswith(
        "15 endnotes: 1 fetched, 1 added by hand, 1 failed, 12 none (1 without a link)"
    )

    # A deleted text file or damaged metadata is reported, not a crash.
    (corpus / "sources" / "note-01.md").unlink()
    (corpus / "sources" / "note-04.json").write_text("{not json")
    rows = {r["number"]: r for r in json.loads(qa("sources", "list", "--json").output)["endnotes"]}
    assert "note-01.md is missing" in rows[1]["reason"]
    assert rows[4]["state"] == "failed" and "damaged metadata" in rows[4]["reason"]


def test_a_source_changes_the_index_hashes_not_the_brief(corpus: Path, tmp_path: Path) -> None:
    settings = Settings()
    hashes, texts = corpus_hashes(settings), [d.text for d in load_corpus(corpus)]
    saved = tmp_path / "saved.md"
    saved.write_text("# Saved\n\nSome text.\n")
    assert qa("sources", "add", str(saved), "--note", "2").exit_code == 0
    assert (corpus / "sources" / "note-02.md").is_file()
    # The brief parses as before; the index manifest sees the new source (so it rebuilds).
    assert [d.text for d in load_corpus(corpus)] == texts
    after = corpus_hashes(settings)
    assert set(after) - set(hashes) == {"sources/note-02.json", "sources/note-02.md"}
    assert after["sources/note-02.md"] == hashlib.sha256(saved.read_bytes()).hexdigest()


def test_sources_dir_setting(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("QA_SOURCES_DIR", str(elsewhere))
    assert qa("sources", "add", str(FIXTURES / "notes.md"), "--note", "3").exit_code == 0
    assert (elsewhere / "note-03.md").is_file() and not (corpus / "sources").exists()
