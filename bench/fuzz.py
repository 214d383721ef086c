"""A long schemathesis run: tests/test_fuzz.py with many more cases per operation, reported.

Runs the same test as `make test` (in process, over ASGI, the real pipeline) with
QA_FUZZ_EXAMPLES cases per operation and mode instead of the bounded default, then prints how
many cases each operation got, the statuses it answered, and pytest's verdict.

    .venv/bin/python bench/fuzz.py [--examples 500]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--examples", type=int, default=500, help="Cases per operation and mode (at most)."
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "fuzz.json"
        env = {
            **os.environ,
            "QA_FUZZ_EXAMPLES": str(args.examples),
            "QA_FUZZ_REPORT": str(report),
        }
        started = time.monotonic()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "tests/test_fuzz.py",
                "-rfs",
                "-p",
                "no:cacheprovider",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        elapsed = time.monotonic() - started
        rows = json.loads(report.read_text(encoding="utf-8")) if report.exists() else []
    cases: dict[tuple[str, str], int] = defaultdict(int)
    statuses: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for row in rows:
        key = (row["operation"], row["mode"])
        cases[key] += row["count"]
        statuses[key][row["status"]] = row["count"]
    print("| operation | mode | cases | statuses (count) |\n|---|---|---|---|")
    for key in sorted(cases):
        seen = ", ".join(f"{s} ({n})" for s, n in sorted(statuses[key].items()))
        print(f"| {key[0]} | {key[1]} | {cases[key]} | {seen} |")
    server_errors = sum(r["count"] for r in rows if r["status"] >= 500)
    print(
        f"\n{sum(cases.values())} cases in {elapsed:.0f} s (at most {args.examples} per operation"
        f" and mode); 5xx: {server_errors}; pytest exit status {result.returncode}"
    )
    # The verdict, each failed test and schemathesis's headline for each failure (the full
    # output can hold request bodies of hundreds of KB).
    wanted = ("FAILED", "ERROR", "passed", "failed", "- ST", "Expected:", "violates", "curl -X")
    for line in result.stdout.splitlines():
        if any(w in line for w in wanted):
            print(line[:300])
    if result.returncode != 0:
        print(result.stderr[-2000:], file=sys.stderr)
        raise SystemExit(result.returncode)


if __name__ == "__main__":
    main()
