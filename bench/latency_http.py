"""Answer latency over HTTP on 127.0.0.1: sequential POST /v1/answer over the eval questions.

Starts the real server (`qa serve`) on a free loopback port with the index already built,
waits for /readyz, warms up, then times every eval question once (or `--rounds` times) and
prints p50, p95 and max. Targets: p50 <= 30 ms, p95 <= 60 ms.

    .venv/bin/python bench/latency_http.py [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help="Times each question is asked.")
    args = parser.parse_args()
    questions = [
        json.loads(line)["question"]
        for line in (ROOT / "eval" / "qa.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
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
        with httpx.Client(base_url=base, timeout=30) as client:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    if client.get("/readyz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.2)
            else:
                raise SystemExit("the server did not become ready within 120 s")
            for q in questions[:10]:  # warm-up: first calls load lazy parts
                client.post("/v1/answer", json={"question": q})
            times: list[float] = []
            errors = 0
            for _ in range(args.rounds):
                for q in questions:
                    started = time.perf_counter()
                    response = client.post("/v1/answer", json={"question": q})
                    times.append((time.perf_counter() - started) * 1000)
                    errors += response.status_code != 200
    finally:
        server.terminate()
        server.wait(timeout=10)
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    print(
        f"requests {len(times)}  errors {errors}  p50 {statistics.median(times):.1f} ms  "
        f"p95 {p95:.1f} ms  max {times[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
