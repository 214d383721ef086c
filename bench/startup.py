"""Time from `python app.py` to a page that answers, with the index already built.

Starts the real app (`app.py`) on a free loopback port, polls every 50 ms until a
POST /v1/answer succeeds and the Gradio page at / returns 200, and reports both times and
their maximum (the figure that counts). Runs `qa index` first (untimed) so the index exists.
Target: <= 10 s. Exits 1 if a run is over `--limit`.

    .venv/bin/python bench/startup.py [--runs 3] [--limit 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from serverproc import free_port

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "How many people were extradited under Calderón?"


def one_run(timeout_s: float) -> tuple[float, float]:
    """(seconds until POST /v1/answer is 200, seconds until GET / is 200) for one start."""
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "QA_SERVER__HOST": "127.0.0.1",
            "QA_SERVER__PORT": str(port),
            "QA_FEEDBACK_DB": str(Path(tmp) / "feedback.sqlite3"),
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
        }
        started = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "app.py"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        answered = page = None
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
                while answered is None or page is None:
                    if time.perf_counter() - started > timeout_s:
                        raise SystemExit(f"the app did not answer within {timeout_s:.0f} s")
                    if server.poll() is not None:
                        raise SystemExit(f"app.py exited with code {server.returncode}")
                    try:
                        if answered is None:
                            r = client.post("/v1/answer", json={"question": QUESTION})
                            if r.status_code == 200 and "587" in r.json()["answer"]:
                                answered = time.perf_counter() - started
                        if page is None and client.get("/").status_code == 200:
                            page = time.perf_counter() - started
                    except httpx.TransportError:
                        pass
                    time.sleep(0.05)
        finally:
            server.terminate()
            server.wait(timeout=20)
    return answered, page


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="How many cold starts to time.")
    parser.add_argument("--limit", type=float, default=10.0, help="Seconds allowed per start.")
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "qa", "index"], check=True, cwd=ROOT)
    totals: list[float] = []
    for run in range(1, args.runs + 1):
        answered, page = one_run(timeout_s=max(60.0, 3 * args.limit))
        total = max(answered, page)
        totals.append(total)
        print(f"run {run}: answer {answered:.2f} s  page {page:.2f} s  ready {total:.2f} s")
    print(
        f"startup: median {statistics.median(totals):.2f} s  max {max(totals):.2f} s  "
        f"(limit {args.limit:.0f} s)"
    )
    if max(totals) > args.limit:
        sys.exit(1)


if __name__ == "__main__":
    main()
