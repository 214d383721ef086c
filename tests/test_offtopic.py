"""The everyday-subject guard compares a question with plain descriptions of other subjects."""

from __future__ import annotations

import numpy as np
import pytest

from qa.offtopic import EVERYDAY_MARGIN_ES, EVERYDAY_SUBJECTS, EVERYDAY_SUBJECTS_ES, EverydayGuard


class _Axes:
    """Each subject description is its own axis, so a question can be placed exactly."""

    def encode_passages(self, texts: tuple[str, ...]) -> np.ndarray:
        return np.eye(len(texts), dtype=np.float32)


def test_a_question_nearer_a_subject_than_the_corpus_is_everyday() -> None:
    guard = EverydayGuard(_Axes())
    question = np.zeros(len(EVERYDAY_SUBJECTS) + len(EVERYDAY_SUBJECTS_ES), dtype=np.float32)
    question[0] = 0.8
    subject, similarity = guard.nearest(question)
    assert subject == EVERYDAY_SUBJECTS[0]
    assert similarity == pytest.approx(0.8)
    assert guard.is_everyday(question, corpus_similarity=0.79)
    assert not guard.is_everyday(question, corpus_similarity=0.81)


def test_a_spanish_description_must_be_nearer_by_its_margin() -> None:
    guard = EverydayGuard(_Axes())
    question = np.zeros(len(EVERYDAY_SUBJECTS) + len(EVERYDAY_SUBJECTS_ES), dtype=np.float32)
    question[len(EVERYDAY_SUBJECTS)] = 0.8
    assert not guard.is_everyday(question, corpus_similarity=0.79)
    assert guard.is_everyday(question, corpus_similarity=0.79 - EVERYDAY_MARGIN_ES)
