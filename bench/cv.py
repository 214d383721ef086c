"""Cross-validation on the eval set's dev split, for decisions that must carry to new questions.

    python bench/cv.py abstention [--folds 5] [--repeats 10] [--max-false-rate 0.04]
                                  [--drop FEATURE ...]
    python bench/cv.py answers SETTING=V1,V2,... [SETTING=...] [--folds 5] [--repeats 10]

`abstention` fits the abstention model (`qa.abstain.calibrate`) on k-1 folds and measures it on
the fold left out, over repeated stratified splits; `--drop` leaves signals out of the fit, to
see whether a signal earns its place. `answers` compares values of answer settings (fields of
`AnswerSettings`, or module constants of `qa.answer` such as PART_MARGIN) by key-fact accuracy
of answerable dev questions with abstention switched off: every combination is scored, each
fold picks the combination best on its k-1 training folds (ties go to the current values), and
the fold left out measures it. It prints the held-out accuracy of choosing that way, the dev
accuracy of each combination, and how often each was chosen. Only the dev split is read.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from qa import abstain  # noqa: E402
from qa import answer as answer_module  # noqa: E402
from qa.abstain import DEFAULT_MODEL, FEATURES, Signals, calibrate  # noqa: E402
from qa.answer import Answerer  # noqa: E402
from qa.evaluate import EvalRow, load_eval_set, missing_facts, select_rows  # noqa: E402
from qa.settings import Settings  # noqa: E402

# Abstention off: every answer with a citation is given, so selection is measured alone.
NEVER_ABSTAIN = replace(DEFAULT_MODEL, threshold=2.0)


def folds(labels: Sequence[bool], k: int, seed: int) -> list[list[int]]:
    """k stratified folds of row indices (each class dealt round-robin after a shuffle)."""
    rng = random.Random(seed)
    out: list[list[int]] = [[] for _ in range(k)]
    for value in (True, False):
        members = [i for i, y in enumerate(labels) if y == value]
        rng.shuffle(members)
        for j, i in enumerate(members):
            out[j % k].append(i)
    return out


def without(signals: Signals, dropped: Sequence[str]) -> Signals:
    """The signals with the named ones set to 0 (a constant the fit cannot use)."""
    return replace(signals, **{name: 0.0 for name in dropped})


def cv_abstention(
    signals: list[Signals], unanswerable: list[bool], k: int, repeats: int, max_false: float
) -> tuple[float, float]:
    """Held-out (abstention recall, false-abstention rate), pooled over folds and repeats."""
    caught = declined_answerable = pos = neg = 0
    for seed in range(repeats):
        for held in folds(unanswerable, k, seed):
            held_set = set(held)
            train = [i for i in range(len(signals)) if i not in held_set]
            model = calibrate(
                [signals[i] for i in train], [unanswerable[i] for i in train], "cv", max_false
            )
            for i in held:
                declined = model.abstain(signals[i])
                if unanswerable[i]:
                    pos += 1
                    caught += declined
                else:
                    neg += 1
                    declined_answerable += declined
    return caught / max(pos, 1), declined_answerable / max(neg, 1)


def run_abstention(args: argparse.Namespace, rows: list[EvalRow]) -> None:
    """Print held-out abstention recall and false abstentions (with signals dropped)."""
    answerer = Answerer.load(Settings(), model=DEFAULT_MODEL)
    labels = [not r.answerable for r in rows]
    signals = [without(answerer.signals(r.question), args.drop) for r in rows]
    recall, false = cv_abstention(signals, labels, args.folds, args.repeats, args.max_false_rate)
    dropped = ", ".join(args.drop) or "none"
    print(f"abstention CV ({args.folds}x{args.repeats}, dropped: {dropped}): "
          f"recall {recall:.3f}, false abstentions {false:.3f}")  # fmt: skip
    if args.each:
        for name in FEATURES:
            signals_d = [without(s, [name]) for s in signals]
            r, f = cv_abstention(signals_d, labels, args.folds, args.repeats, args.max_false_rate)
            print(f"  without {name:15s} recall {r:.3f} ({r - recall:+.3f}), false {f:.3f}")


def parse_grid(specs: Sequence[str]) -> dict[str, list[str]]:
    """{'margin': ['0.2', '0.3']} from ['margin=0.2,0.3']."""
    grid: dict[str, list[str]] = {}
    for spec in specs:
        name, _, values = spec.partition("=")
        grid[name] = values.split(",")
    return grid


def apply(answerer: Answerer, setting: dict[str, str]) -> None:
    """Set answer settings and `qa.answer` constants to the given values."""
    fields = type(answerer.settings).model_fields
    updates = {k: fields[k].annotation(v) for k, v in setting.items() if k in fields}  # type: ignore[misc]
    answerer.settings = answerer.settings.model_copy(update=updates)
    for name, value in setting.items():
        if name not in fields:
            current = getattr(answer_module, name)
            setattr(answer_module, name, type(current)(value))


def correct(answerer: Answerer, rows: list[EvalRow]) -> list[bool]:
    """Per answerable row: all key facts in the (never abstaining) answer."""
    out = []
    for r in rows:
        a = answerer.answer(r.question)
        out.append(not a.abstained and not missing_facts(r, a.answer))
    return out


def run_answers(args: argparse.Namespace, rows: list[EvalRow]) -> None:
    """Score every combination of the grid, then choose one per fold (nested CV)."""
    answerable = [r for r in rows if r.answerable]
    answerer = Answerer.load(Settings(), model=NEVER_ABSTAIN)
    grid = parse_grid(args.grid)
    names = list(grid)
    fields = type(answerer.settings).model_fields
    current = {
        n: str(getattr(answerer.settings, n) if n in fields else getattr(answer_module, n))
        for n in names
    }
    combos = [dict(zip(names, values, strict=True)) for values in itertools.product(*grid.values())]
    results: dict[int, list[bool]] = {}
    for j, combo in enumerate(combos):
        apply(answerer, combo)
        results[j] = correct(answerer, answerable)
    apply(answerer, current)
    default = next(
        (j for j, c in enumerate(combos) if all(float(c[n]) == float(current[n]) for n in names)),
        0,
    )
    chosen: Counter[int] = Counter()
    held_right = held_total = 0
    types = [r.type for r in answerable]
    for seed in range(args.repeats):
        for held in folds([t == "paraphrase" for t in types], args.folds, seed):
            held_set = set(held)
            train = [i for i in range(len(answerable)) if i not in held_set]

            best = max(
                results, key=lambda j, t=train: (sum(results[j][i] for i in t), j == default)
            )
            chosen[best] += 1
            held_right += sum(results[best][i] for i in held)
            held_total += len(held)
    n = len(answerable)
    print(f"answers CV ({args.folds}x{args.repeats}) over {n} answerable dev rows; "
          f"current {current}")  # fmt: skip
    print(f"  held-out key-fact accuracy choosing by CV: {held_right / held_total:.3f}")
    for j, combo in enumerate(combos):
        mark = " (current)" if j == default else ""
        print(f"  {combo}: dev {sum(results[j]) / n:.3f}, chosen {chosen[j]}{mark}")


def main() -> None:
    """Parse arguments and run the chosen cross-validation."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("abstention", "answers"))
    parser.add_argument("grid", nargs="*", help="SETTING=V1,V2 (answers only)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--max-false-rate", type=float, default=0.04)
    parser.add_argument("--drop", nargs="*", default=[], choices=abstain.FEATURES)
    parser.add_argument("--each", action="store_true", help="also drop each signal in turn")
    parser.add_argument("--eval-set", default=str(ROOT / "eval" / "qa.jsonl"))
    args = parser.parse_args()
    rows = select_rows(load_eval_set(Path(args.eval_set)), "dev")
    if args.what == "abstention":
        run_abstention(args, rows)
    else:
        run_answers(args, rows)


if __name__ == "__main__":
    main()
