"""Answer latency over HTTP on 127.0.0.1: sequential POST /v1/answer over the eval questions.

Starts the real server (`qa serve`) on a free loopback port with the index already built,
waits for /readyz, warms up on questions of its own, then times every eval question once (or
`--rounds` times) and prints p50, p95 and max. Targets: p50 <= 30 ms, p95 <= 60 ms. Each eval
question is new to the server (query vectors are cached in memory only, per process), so the
first round includes embedding every question; later rounds show repeated questions.

    .venv/bin/python bench/latency_http.py [--rounds 2]
"""

from __future__ import annotations

import argparse
import statistics
import time

import httpx
from serverproc import eval_questions, start_server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help="Times each question is asked.")
    args = parser.parse_args()
    questions = eval_questions()
    server, base = start_server()
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for i in range(10):  # warm-up: first calls load lazy parts
                client.post("/v1/answer", json={"question": f"Warm-up question number {i}?"})
            for round_number in range(1, args.rounds + 1):
                times: list[float] = []
                errors = 0
                for q in questions:
                    started = time.perf_counter()
                    response = client.post("/v1/answer", json={"question": q})
                    times.append((time.perf_counter() - started) * 1000)
                    errors += response.status_code != 200
                what = "new questions" if round_number == 1 else "repeated questions"
                report(f"round {round_number} ({what})", times, errors)
    finally:
        server.terminate()
        server.wait(timeout=10)


def report(label: str, times: list[float], errors: int) -> None:
    """One line: requests, errors, p50, p95 and max in milliseconds."""
    times = sorted(times)
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    print(
        f"{label}: requests {len(times)}  errors {errors}  "
        f"p50 {statistics.median(times):.1f} ms  p95 {p95:.1f} ms  max {times[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
