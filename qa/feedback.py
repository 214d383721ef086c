"""Thumbs up/down on answers, kept in a local SQLite file (one row per vote, append-only).

Design: every vote opens its own connection, writes in one `BEGIN IMMEDIATE` transaction and
closes it, so a vote is on disk when `add` returns and two browsers (or two processes) voting
at once both land: WAL lets readers run beside the writer, and the busy timeout makes a second
writer wait for the first instead of failing. Votes are never updated in place; withdrawing a
vote is a row of its own, and the latest row for an answer is the one that counts.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, get_args

from qa.errors import QAError

VoteValue = Literal["up", "down", "withdrawn"]
VOTES: tuple[str, ...] = get_args(VoteValue)
# Bumped when the table changes; stored in SQLite's `user_version`.
SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS votes (
    id INTEGER PRIMARY KEY,
    created TEXT NOT NULL,
    session TEXT NOT NULL DEFAULT '',
    vote TEXT NOT NULL CHECK (vote IN ('up', 'down', 'withdrawn')),
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL
)
"""


class FeedbackError(QAError):
    """The feedback file cannot be written or read."""


@dataclass(frozen=True, slots=True)
class Vote:
    """One vote on one answer; `citations` are JSON-ready dicts (as the API returns them)."""

    vote: VoteValue
    question: str
    answer: str
    citations: tuple[dict[str, Any], ...] = ()
    session: str = ""

    def __post_init__(self) -> None:
        if self.vote not in VOTES:
            raise ValueError(f"a vote is one of {', '.join(VOTES)}, not {self.vote!r}")


@dataclass(frozen=True, slots=True)
class StoredVote:
    """A vote as it is on disk, with its row id and UTC timestamp."""

    id: int
    created: str
    vote: Vote


class FeedbackStore:
    """Append-only vote log in one SQLite file; safe to share between threads and processes."""

    def __init__(self, path: Path, timeout_s: float = 10.0) -> None:
        self.path = path
        self.timeout_s = timeout_s
        self._wal_lock = threading.Lock()
        self._wal_ready = False

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: transactions are opened explicitly below.
            conn = sqlite3.connect(self.path, timeout=self.timeout_s, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise FeedbackError(f"cannot open the feedback file {self.path}: {exc}") from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout_s * 1000)}")
            if not self._wal_ready:
                self._use_wal(conn)
            yield conn
        except sqlite3.Error as exc:
            raise FeedbackError(f"cannot use the feedback file {self.path}: {exc}") from exc
        finally:
            conn.close()

    def _use_wal(self, conn: sqlite3.Connection) -> None:
        """Put the file in WAL mode (a property of the file: once is enough per store).

        Switching a new file to WAL needs it to itself, and SQLite answers "database is
        locked" at once, without waiting out the busy timeout, when another connection is
        switching it too: the first votes of several threads or processes raced here.
        """
        with self._wal_lock:
            deadline = time.monotonic() + self.timeout_s
            while True:
                try:
                    conn.execute("PRAGMA journal_mode = WAL")
                    break
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) or time.monotonic() > deadline:
                        raise
                    time.sleep(0.01)
            self._wal_ready = True

    def add(self, vote: Vote) -> int:
        """Store one vote in its own transaction and return its row id."""
        created = datetime.now(UTC).isoformat(timespec="milliseconds")
        citations = json.dumps(list(vote.citations), ensure_ascii=False, sort_keys=True)
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(_SCHEMA)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                cursor = conn.execute(
                    "INSERT INTO votes (created, session, vote, question, answer, citations)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (created, vote.session, vote.vote, vote.question, vote.answer, citations),
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            row_id = cursor.lastrowid
        assert row_id is not None  # an INSERT always sets it
        return row_id

    def all(self) -> list[StoredVote]:
        """Every stored vote, oldest first ([] when nothing was stored yet)."""
        if not self.path.exists():
            return []
        with self._connect() as conn:
            exists = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'votes'"
            ).fetchone()
            if not exists:
                return []
            rows = conn.execute(
                "SELECT id, created, session, vote, question, answer, citations"
                " FROM votes ORDER BY id"
            ).fetchall()
        return [
            StoredVote(
                id=row[0],
                created=row[1],
                vote=Vote(
                    vote=row[3],
                    question=row[4],
                    answer=row[5],
                    citations=tuple(json.loads(row[6])),
                    session=row[2],
                ),
            )
            for row in rows
        ]
