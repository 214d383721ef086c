"""How well answers hold up when questions carry typos, with and without spelling correction.

    python bench/typos.py [--eval-set eval/qa.jsonl ...] [--seed 0] [--per-question 1]

Each English dev question gets typos (a letter dropped, doubled, swapped with the next or
replaced by its keyboard neighbour) in its longer words, chosen by a seeded generator, so a
run is repeatable. It prints key-fact accuracy and abstention rates for the clean questions,
for the misspelled ones as they are, and for the misspelled ones read through the speller.
Only the dev split of each set is read.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from qa.answer import Answerer  # noqa: E402
from qa.evaluate import EvalRow, load_eval_set, missing_facts, select_rows  # noqa: E402
from qa.settings import Settings  # noqa: E402

# Letters next to each other on a QWERTY keyboard: the usual slip of a finger.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEXT_TO = {
    c: row[max(0, i - 1) : i] + row[i + 1 : i + 2] for row in _ROWS for i, c in enumerate(row)
}
# Words long enough to carry a typo; names and figures are left alone only by chance.
_LONG_WORD = re.compile(r"\b[a-z]{6,}\b")


def misspell(word: str, rng: random.Random) -> str:
    """`word` with one typo inside it (never its first letter)."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "double", "swap", "neighbour"))
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice(_NEXT_TO.get(word[i], word[i])) + word[i + 1 :]


def with_typos(question: str, rng: random.Random, count: int) -> str:
    """`question` with typos in `count` of its longer lower-case words."""
    spans = [m.span() for m in _LONG_WORD.finditer(question)]
    for start, end in sorted(rng.sample(spans, min(count, len(spans))), reverse=True):
        question = question[:start] + misspell(question[start:end], rng) + question[end:]
    return question


def measure(
    answerer: Answerer, rows: Sequence[EvalRow], questions: Sequence[str]
) -> tuple[float, float, float]:
    """(key-fact accuracy, abstention recall, false abstention rate) over `rows`."""
    facts_ok = declined = false = answerable = 0
    for row, question in zip(rows, questions, strict=True):
        answer = answerer.answer(question)
        if row.answerable:
            answerable += 1
            false += answer.abstained
            facts_ok += not answer.abstained and not missing_facts(row, answer.answer)
        else:
            declined += answer.abstained
    unanswerable = len(rows) - answerable
    return (
        facts_ok / max(1, answerable),
        declined / max(1, unanswerable),
        false / max(1, answerable),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-set", action="append", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-question", type=int, default=1, help="Typos per question.")
    args = parser.parse_args(argv)
    paths = args.eval_set or [ROOT / "eval" / "qa.jsonl"]
    rows = [
        row for path in paths for row in select_rows(load_eval_set(path), "dev") if row.lang == "en"
    ]
    rng = random.Random(args.seed)
    typed = [with_typos(row.question, rng, args.per_question) for row in rows]
    answerer = Answerer.load(Settings())
    speller = answerer.speller
    print(f"{len(rows)} English dev questions, {args.per_question} typo(s) each, seed {args.seed}")
    print(f"{'questions':26s} {'key-fact':>8s} {'abst. recall':>12s} {'false abst.':>11s}")
    for name, questions, spelling in (
        ("clean", [row.question for row in rows], True),
        ("with typos, speller off", typed, False),
        ("with typos, speller on", typed, True),
    ):
        answerer.speller = speller if spelling else _AsTyped()  # type: ignore[assignment]
        key_fact, recall, false = measure(answerer, rows, questions)
        print(f"{name:26s} {key_fact:8.3f} {recall:12.3f} {false:11.3f}")
    answerer.speller = speller
    return 0


class _AsTyped:
    """A speller that leaves every word as typed."""

    @staticmethod
    def correct(query: str) -> str:
        return query


if __name__ == "__main__":
    raise SystemExit(main())
