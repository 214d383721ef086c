"""What the tests that run a real server share: a free loopback port, `qa serve`, readiness.

process, base = start_serve(env={"QA_SERVER__API_KEY": KEY}, capture=True)
wait_ready(base, process)
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_serve(
    env: dict[str, str] | None = None, capture: bool = False
) -> tuple[subprocess.Popen[str], str]:
    """`qa serve` on a free loopback port (not yet ready); its output kept when `capture`."""
    port = free_port()
    output = subprocess.PIPE if capture else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, "-m", "qa", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=output,
        stderr=subprocess.STDOUT if capture else subprocess.DEVNULL,
        text=True,
        env={**os.environ, "QA_SERVER__HOST": "127.0.0.1", **(env or {})},
    )
    return process, f"http://127.0.0.1:{port}"


def wait_ready(base: str, process: subprocess.Popen[str], seconds: float = 90) -> None:
    """Wait until `base` answers /readyz with 200; fail the test if the server dies or stalls."""
    deadline = time.monotonic() + seconds
    while True:
        assert process.poll() is None, "the server exited early"
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, f"the server was not ready within {seconds:.0f} s"
        time.sleep(0.2)
