"""What the benchmark scripts share: the eval questions and a real `qa serve` on loopback.

server, base = start_server()   # builds the index if needed, then waits for /readyz
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def eval_questions() -> list[str]:
    """Every question of eval/qa.jsonl, in file order."""
    lines = (ROOT / "eval" / "qa.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(base: str, server: subprocess.Popen[bytes] | None, seconds: float = 180) -> None:
    """Wait until the server at `base` answers /readyz with 200; exit if it dies or stalls."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            raise SystemExit(f"the server exited with status {server.returncode}")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server did not become ready within {seconds:.0f} s")


def start_server() -> tuple[subprocess.Popen[bytes], str]:
    """Build the index if needed, start `qa serve` on a free loopback port, wait until ready."""
    subprocess.run([sys.executable, "-m", "qa", "index"], check=True, cwd=ROOT)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "qa", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "QA_SERVER__HOST": "127.0.0.1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, server)
    except BaseException:
        server.terminate()
        raise
    return server, base
