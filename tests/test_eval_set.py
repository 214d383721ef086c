"""Acceptance of eval/qa.jsonl: size, coverage of types and sections, and facts the brief holds."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from qa.evaluate import ROW_KEYS, EvalRow, expected_splits, load_eval_set
from qa.parse import parse_file
from qa.types import Document

ROOT = Path(__file__).resolve().parent.parent
EVAL_FILE = ROOT / "eval" / "qa.jsonl"
BRIEF = ROOT / "corpus" / "kloppe-santamaria-2021-putting-citizens-security-first.txt"
MINIMUMS = {
    "factoid": 8,
    "number": 8,
    "list": 8,
    "quote": 8,
    "why": 8,
    "source": 8,
    "paraphrase": 8,
    "multipart": 8,
    "false-premise": 5,
    "unanswerable": 20,
}


def flat(text: str) -> str:
    return " ".join(text.lower().split())


@pytest.fixture(scope="module")
def rows() -> list[EvalRow]:
    return load_eval_set(EVAL_FILE)  # also validates every row's schema


@pytest.fixture(scope="module")
def brief() -> Document:
    return parse_file(BRIEF)


def test_size_and_type_minimums(rows: list[EvalRow]) -> None:
    assert len(rows) >= 120
    counts = Counter(r.type for r in rows)
    short = {t: counts[t] for t, low in MINIMUMS.items() if counts[t] < low}
    assert not short, f"types below their minimum: {short}"
    assert sum(r.lang == "es" for r in rows) >= 15


def test_keys_in_schema_order_and_unique_ids() -> None:
    lines = [line for line in EVAL_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    ids = []
    for number, line in enumerate(lines, start=1):
        data = json.loads(line)
        assert tuple(data) == ROW_KEYS, f"line {number}: keys {list(data)}"
        ids.append(data["id"])
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]


def test_answerable_rows_facts_occur_in_the_brief(rows: list[EvalRow], brief: Document) -> None:
    text = flat(brief.text)
    absent = [
        (r.id, alternative)
        for r in rows
        if r.answerable
        for group in r.facts
        for alternative in group
        if flat(alternative) not in text
    ]
    assert not absent, f"facts not in the brief: {absent}"


def test_sections_and_endnotes_exist(rows: list[EvalRow], brief: Document) -> None:
    section_ids = {s.id for s in brief.sections}
    notes = {n.number for n in brief.endnotes}
    assert not [(r.id, s) for r in rows for s in r.sections if s not in section_ids]
    assert not [(r.id, n) for r in rows for n in r.endnotes if n not in notes]


def test_every_section_is_covered(rows: list[EvalRow], brief: Document) -> None:
    covered = {s for r in rows for s in r.sections}
    assert not [s.id for s in brief.sections if s.id not in covered]


def test_split_follows_the_readme_rule(rows: list[EvalRow]) -> None:
    expected = expected_splits(rows)
    wrong = [(r.id, r.split, expected[r.id]) for r in rows if r.split != expected[r.id]]
    assert not wrong, f"(id, split, expected): {wrong}"
