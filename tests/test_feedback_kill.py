"""The vote store survives SIGKILL mid-write: the file stays sound and every committed vote stays.

A child process votes in a loop and prints each row id after `add` returns (so after COMMIT);
it is killed at a varying moment, several times over the same file. After each kill the file
must pass SQLite's integrity check, hold every printed id, and take a new vote.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qa.feedback import FeedbackStore, Vote

# Imports only qa.feedback; large answers make each write long enough to be caught mid-way.
_WRITER = """
import sys
from pathlib import Path
from qa.feedback import FeedbackStore, Vote
store = FeedbackStore(Path(sys.argv[1]))
answer = "A sentence of the brief, quoted. [1] " * 400
citation = {"marker": 1, "quote": "x" * 2000, "endnotes": list(range(40))}
print("ready", flush=True)
n = 0
while True:
    n += 1
    row = store.add(Vote("up" if n % 2 else "down", f"question {n}?", answer, (citation,) * 5, "k"))
    print(row, flush=True)
"""


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_votes_survive_sigkill_mid_write(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite3"
    committed: set[int] = set()
    for round_ in range(6):
        writer = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path)],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        # Once it is writing (one vote committed, however slow the machine), kill it at a
        # different moment in each round, most of them well inside a write.
        first = writer.stdout.readline()
        time.sleep(0.01 + 0.023 * round_)
        os.kill(writer.pid, signal.SIGKILL)
        printed, _ = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL
        ids = {int(line) for line in (first + printed).split()}
        assert len(ids) >= 1
        committed |= ids

        assert _integrity(path) == "ok"
        stored = {v.id for v in FeedbackStore(path).all()}
        assert committed <= stored, f"lost committed votes: {sorted(committed - stored)[:10]}"
        # Anything beyond what was printed can only be the one vote committed just before the
        # kill, whose id the writer had no time to print.
        assert len(stored - committed) <= round_ + 1

    store = FeedbackStore(path)
    new = store.add(Vote("down", "after the kills?", "still here [1]", (), "check"))
    assert new > max(committed)
    assert store.all()[-1].vote.question == "after the kills?"
    assert _integrity(path) == "ok"
