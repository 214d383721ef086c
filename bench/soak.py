"""Soak test of the real server: a steady stream of questions for minutes, watching its memory.

Starts `qa serve` on a free loopback port (index already built), warms it up for `--warmup`
seconds at the same rate, then sends eval questions at `--rate` requests per second from
`--clients` async clients (each its own shuffled order) for `--minutes`, and samples the server
process's resident memory (VmRSS in /proc/<pid>/status) every `--sample` seconds. Prints the
samples as they come, then RSS after warm-up and at the end, the growth, and the requests
sent and failed (a non-200, a transport error or a timeout). Every request goes to 127.0.0.1
and the run stops by itself.

Targets: RSS growth < 50 MB and no failed request (the exit code is 1 when one is missed).

    .venv/bin/python bench/soak.py [--minutes 10] [--warmup 60] [--rate 20] [--clients 4]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from serverproc import eval_questions, start_server

TIMEOUT_S = 30.0
GROWTH_TARGET_MB = 50.0


@dataclass
class Tally:
    """What one phase sent and what came back."""

    sent: int = 0
    failed: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    failures: dict[str, int] = field(default_factory=dict)

    def fail(self, why: str) -> None:
        self.failed += 1
        self.failures[why] = self.failures.get(why, 0) + 1


def rss_mb(pid: int) -> float:
    """Resident set size of a process in MB, from /proc/<pid>/status (VmRSS, in kB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


async def client_loop(
    client: httpx.AsyncClient,
    questions: list[str],
    seed: int,
    period: float,
    deadline: float,
    tally: Tally,
) -> None:
    """Send one question every `period` seconds until `deadline` (no burst to catch up)."""
    order = questions[:]
    random.Random(seed).shuffle(order)
    # Spread the clients over one period so the server sees an even stream.
    next_at = time.monotonic() + period * (seed % 97) / 97
    i = 0
    while True:
        now = time.monotonic()
        if next_at > now:
            await asyncio.sleep(next_at - now)
        if time.monotonic() >= deadline:
            return
        question = order[i % len(order)]
        i += 1
        tally.sent += 1
        started = time.perf_counter()
        try:
            response = await client.post("/v1/answer", json={"question": question})
        except httpx.TimeoutException:
            tally.fail("timeout")
        except httpx.TransportError as exc:
            tally.fail(exc.__class__.__name__)
        else:
            if response.status_code == 200:
                tally.latencies_ms.append((time.perf_counter() - started) * 1000)
            else:
                tally.fail(f"HTTP {response.status_code}")
        next_at = max(next_at + period, time.monotonic() - period)


async def phase(
    base: str,
    questions: list[str],
    seconds: float,
    rate: float,
    clients: int,
    sampler: Sampler,
    label: str,
) -> Tally:
    """Run the clients for `seconds` while the sampler records RSS."""
    tally = Tally()
    period = clients / rate
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(base_url=base, timeout=TIMEOUT_S, limits=limits) as client:
        workers = [
            client_loop(client, questions, seed, period, deadline, tally) for seed in range(clients)
        ]
        await asyncio.gather(sampler.run(deadline, tally, label), *workers)
    return tally


class Sampler:
    """Samples the server's RSS every `every` seconds and prints a line per sample."""

    def __init__(self, pid: int, every: float, started: float) -> None:
        self.pid = pid
        self.every = every
        self.started = started
        self.samples: list[tuple[float, float]] = []

    def take(self) -> float:
        value = rss_mb(self.pid)
        self.samples.append((time.monotonic() - self.started, value))
        return value

    async def run(self, deadline: float, tally: Tally, label: str) -> None:
        while True:
            wait = min(self.every, deadline - time.monotonic())
            if wait <= 0:
                return
            await asyncio.sleep(wait)
            value = self.take()
            elapsed = time.monotonic() - self.started
            print(
                f"  {label:<7} t={elapsed:6.0f} s  rss {value:7.1f} MB  "
                f"sent {tally.sent:6d}  failed {tally.failed}",
                flush=True,
            )


def percentile(values: list[float], p: float) -> float:
    done = sorted(values)
    return done[min(len(done) - 1, max(0, round(p * len(done)) - 1))] if done else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="Length of the soak.")
    parser.add_argument("--warmup", type=float, default=60.0, help="Warm-up seconds.")
    parser.add_argument("--rate", type=float, default=20.0, help="Requests per second, total.")
    parser.add_argument("--clients", type=int, default=4, help="Concurrent async clients.")
    parser.add_argument("--sample", type=float, default=10.0, help="Seconds between RSS samples.")
    args = parser.parse_args()
    questions = eval_questions()
    server, base = start_server()
    try:
        sampler = Sampler(server.pid, args.sample, time.monotonic())
        print(
            f"server pid {server.pid} on {base}: rss {sampler.take():.1f} MB when ready; "
            f"{args.rate:g} requests/s from {args.clients} clients",
            flush=True,
        )
        warm = asyncio.run(
            phase(base, questions, args.warmup, args.rate, args.clients, sampler, "warm-up")
        )
        after_warmup = sampler.take()
        first = len(sampler.samples) - 1
        soak = asyncio.run(
            phase(base, questions, args.minutes * 60, args.rate, args.clients, sampler, "soak")
        )
        at_end = sampler.take()
        alive = server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=20)
    growth = at_end - after_warmup
    peak = max(v for _, v in sampler.samples[first:])
    print()
    print(f"warm-up: {args.warmup:.0f} s, sent {warm.sent}, failed {warm.failed}")
    print(
        f"soak: {args.minutes:g} min at {args.rate:g}/s, sent {soak.sent}, failed {soak.failed}"
        + (f" {soak.failures}" if soak.failures else "")
    )
    if soak.latencies_ms:
        print(
            f"latency: p50 {statistics.median(soak.latencies_ms):.1f} ms, "
            f"p95 {percentile(soak.latencies_ms, 0.95):.1f} ms, "
            f"max {max(soak.latencies_ms):.1f} ms"
        )
    print(
        f"rss after warm-up {after_warmup:.1f} MB, at the end {at_end:.1f} MB, "
        f"growth {growth:+.1f} MB (peak {peak:.1f} MB)"
    )
    ok = alive and growth < GROWTH_TARGET_MB and soak.failed == 0 and warm.failed == 0
    print(
        f"targets: growth < {GROWTH_TARGET_MB:.0f} MB and no failed request: "
        + ("met" if ok else "MISSED" + ("" if alive else " (the server died)"))
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
