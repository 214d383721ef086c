"""Load on the real server: POST /v1/answer at concurrency 1, 8 and 32 for a bounded time.

Starts `qa serve` on a free loopback port (index already built), then, for each concurrency
level, runs that many async clients for `--seconds`, each sending eval questions in a shuffled
order (every client its own order, so the server sees varied questions; with `--new` each
question also gets a unique suffix, so that none is answered from the query-vector cache and
every one costs an embedding). Prints throughput,
p50/p95/p99 latency, errors and timeouts per level, as a Markdown table.

    .venv/bin/python bench/load.py [--seconds 20] [--levels 1 8 32] [--url http://HOST:PORT]

Each simulated client has its own connection, set up before the clock starts (a single httpx
client's shared pool was itself the bottleneck at 32). With QA_SERVER__API_KEY set, the
clients send that key.

Targets on a 2-core machine: >= 60 answers/s at concurrency 8 with p95 <= 250 ms and no
errors; at concurrency 32 no errors and no timeouts.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx
from serverproc import eval_questions, start_server, wait_ready

TIMEOUT_S = 30.0


@dataclass
class Level:
    concurrency: int
    seconds: float
    latencies: list[float]
    errors: int
    timeouts: int
    kinds: Counter[str] = field(default_factory=Counter)

    def row(self) -> str:
        done = sorted(self.latencies)

        def pct(p: float) -> float:
            return done[min(len(done) - 1, round(p * len(done)) - 1)] if done else float("nan")

        return (
            f"| {self.concurrency} | {len(done) / self.seconds:.1f} | {pct(0.50):.0f} | "
            f"{pct(0.95):.0f} | {pct(0.99):.0f} | {self.errors} | {self.timeouts} |"
        )


async def run_level(
    base: str,
    questions: list[str],
    concurrency: int,
    seconds: float,
    headers: dict[str, str],
    new: bool = False,
) -> Level:
    level = Level(concurrency, seconds, [], 0, 0)
    # One client with one keep-alive connection per simulated user: one client's shared pool
    # was itself the bottleneck at 32. The clients are made before the clock starts (each
    # builds an SSL context, ~30 ms of CPU) so that this cost is not counted as latency.
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    clients = [
        httpx.AsyncClient(base_url=base, timeout=TIMEOUT_S, limits=limits, headers=headers)
        for _ in range(concurrency)
    ]
    deadline = time.monotonic() + seconds

    async def worker(seed: int, client: httpx.AsyncClient) -> None:
        order = questions[:]
        random.Random(seed).shuffle(order)
        i = 0
        while time.monotonic() < deadline:
            question = order[i % len(order)]
            if new:
                # A question the server has not seen: its vector must be computed.
                question = f"{question} ({seed}-{i}-{time.monotonic_ns()})"
            i += 1
            started = time.perf_counter()
            try:
                response = await client.post("/v1/answer", json={"question": question})
            except httpx.TimeoutException:
                level.timeouts += 1
                continue
            except httpx.TransportError as exc:
                level.errors += 1
                level.kinds[type(exc).__name__] += 1
                continue
            if response.status_code == 200:
                level.latencies.append((time.perf_counter() - started) * 1000)
            else:
                level.errors += 1
                level.kinds[str(response.status_code)] += 1

    try:
        await asyncio.gather(*(worker(seed, c) for seed, c in enumerate(clients)))
    finally:
        for client in clients:
            await client.aclose()
    return level


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="Duration of each level.")
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument(
        "--url", help="Load a server that is already running (e.g. an older build) instead."
    )
    parser.add_argument(
        "--new",
        action="store_true",
        help="Make every question new to the server (a unique suffix), so each one is embedded.",
    )
    args = parser.parse_args()
    questions = eval_questions()
    # A key in the environment is the server's, and so the clients' too.
    key = os.environ.get("QA_SERVER__API_KEY", "")
    headers = {"authorization": f"Bearer {key}"} if key else {}
    server: subprocess.Popen[bytes] | None = None
    if args.url:
        base = args.url.rstrip("/")
    else:
        server, base = start_server()
    try:
        wait_ready(base, server)
        asyncio.run(run_level(base, questions, 2, 3.0, headers))  # warm-up
        print("| concurrency | answers/s | p50 ms | p95 ms | p99 ms | errors | timeouts |")
        print("|---|---|---|---|---|---|---|")
        for concurrency in args.levels:
            level = asyncio.run(
                run_level(base, questions, concurrency, args.seconds, headers, args.new)
            )
            print(level.row(), flush=True)
            if level.kinds:
                print(f"errors at {concurrency}: {dict(level.kinds)}", file=sys.stderr)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
