"""The vote store: round trip, survives a restart, concurrent votes all land, and the API route."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from qa.api import create_app
from qa.feedback import FeedbackError, FeedbackStore, Vote
from qa.settings import Settings

CITATION = {"marker": 1, "section_id": "introduction", "quote": "Ünïcode “quotes” <b>", "end": 9}
PER_WRITER = 25


def _vote(n: int, who: str = "") -> Vote:
    return Vote(
        vote="up" if n % 2 else "down",
        question=f"question {n}?",
        answer=f"answer {n} [1]",
        citations=(CITATION,),
        session=who,
    )


def test_round_trip_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "var" / "feedback.sqlite3"
    store = FeedbackStore(path)
    assert store.all() == []  # nothing written yet: no file either
    assert not path.exists()
    first = store.add(_vote(1, "s1"))
    second = store.add(Vote("withdrawn", "question 1?", "answer 1 [1]", (), "s1"))
    assert second > first
    # A new store on the same file, as after a restart, sees every vote as it was written.
    reopened = FeedbackStore(path).all()
    assert [v.id for v in reopened] == [first, second]
    assert reopened[0].vote == _vote(1, "s1")
    assert reopened[0].vote.citations == (CITATION,)
    assert reopened[1].vote.vote == "withdrawn"
    assert reopened[0].created.endswith("+00:00")


def test_the_file_is_in_wal_mode_with_a_schema_version(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite3")
    store.add(_vote(1))
    conn = sqlite3.connect(store.path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        conn.close()


def test_concurrent_votes_from_threads_all_land(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite3")
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            start.wait()
            for n in range(PER_WRITER):
                store.add(_vote(n, name))
        except BaseException as exc:  # reported below; a thread cannot fail the test itself
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(f"t{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    votes = store.all()
    assert len(votes) == 4 * PER_WRITER
    assert len({v.id for v in votes}) == len(votes)
    for i in range(4):
        assert sorted(v.vote.question for v in votes if v.vote.session == f"t{i}") == sorted(
            f"question {n}?" for n in range(PER_WRITER)
        )


# A child process imports only qa.feedback (not this module and its heavy imports), waits for
# the go file so both write at the same moment, then votes.
_WRITER = """
import sys, time
from pathlib import Path
from qa.feedback import FeedbackStore, Vote
path, name, go, n = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
while not go.exists():
    time.sleep(0.005)
store = FeedbackStore(Path(path))
for i in range(n):
    store.add(Vote("up", f"question {i}?", "answer [1]", ({"marker": 1},), name))
"""


def test_concurrent_votes_from_two_processes_all_land(tmp_path: Path) -> None:
    path, go = tmp_path / "f.sqlite3", tmp_path / "go"
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(path), name, str(go), str(PER_WRITER)])
        for name in ("p1", "p2")
    ]
    go.touch()
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    votes = FeedbackStore(path).all()
    assert len(votes) == 2 * PER_WRITER
    assert {v.vote.session for v in votes} == {"p1", "p2"}


def test_bad_votes_and_unwritable_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="up, down, withdrawn"):
        Vote("meh", "q", "a")  # type: ignore[arg-type]
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(FeedbackError, match="feedback file"):
        FeedbackStore(blocker / "f.sqlite3").add(_vote(1))


def test_post_feedback_route(tmp_path: Path) -> None:
    settings = Settings(feedback_db=tmp_path / "f.sqlite3")
    client = TestClient(create_app(settings, load=False), raise_server_exceptions=False)
    citation = {
        "marker": 1,
        "chunk_id": "doc/introduction/p1s1",
        "doc_id": "doc",
        "section_id": "introduction",
        "section": "Introduction",
        "paragraph": 1,
        "endnotes": [3],
        "endnote_refs": [{"number": 3, "text": "A report.", "urls": ["https://x.org"]}],
        "quote": "A sentence.",
        "start": 10,
        "end": 21,
        "score": 1.2,
    }
    body = {"vote": "down", "question": "Q?", "answer": "A sentence. [1]", "citations": [citation]}
    response = client.post("/v1/feedback", json=body)
    assert response.status_code == 201
    stored = FeedbackStore(settings.feedback_db).all()
    assert [v.id for v in stored] == [response.json()["id"]]
    assert stored[0].vote.vote == "down" and stored[0].vote.citations[0]["endnotes"] == [3]
    for bad in ({**body, "vote": "meh"}, {**body, "question": ""}, {**body, "extra": 1}, {}):
        bad_response = client.post("/v1/feedback", json=bad)
        assert bad_response.status_code == 422
        assert bad_response.json()["error"]["message"]
    assert len(FeedbackStore(settings.feedback_db).all()) == 1
