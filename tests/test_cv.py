"""bench/cv.py: the stratified folds its cross-validation is built on."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import cv


def test_folds_partition_the_rows_and_spread_each_class() -> None:
    labels = [True] * 10 + [False] * 23
    parts = cv.folds(labels, 5, seed=3)
    assert sorted(i for p in parts for i in p) == list(range(33))
    assert [sum(labels[i] for i in p) for p in parts] == [2, 2, 2, 2, 2]
    assert cv.folds(labels, 5, seed=3) == parts
    assert cv.folds(labels, 5, seed=4) != parts


def test_parse_grid_splits_settings_and_values() -> None:
    assert cv.parse_grid(["margin=0.2,0.3", "max_sentences=4"]) == {
        "margin": ["0.2", "0.3"],
        "max_sentences": ["4"],
    }
