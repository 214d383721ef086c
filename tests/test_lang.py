"""The English/Spanish query guesser."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from qa.lang import detect_language, language_scores

EVAL = ROOT / "eval" / "qa.jsonl"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What does the brief recommend about drug policy?", "en"),
        ("Who wrote the chapter?", "en"),
        ("¿Qué propone la autora sobre la migración?", "es"),
        ("¿Cuál es el subtítulo del capítulo?", "es"),
        ("Iniciativa Mérida y los derechos humanos en México", "es"),
        ("What is the Mérida Initiative according to López Obrador?", "en"),
        ("Mérida", "und"),
        ("🙂🙂🙂", "und"),
        ("", "und"),
        ("2007 2021", "und"),
        ("What did the UN say, e.g. about Mexico?", "en"),
        ("SELECT * FROM chunks WHERE 1=1; --", "en"),
    ],
)
def test_examples(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_accents_are_weak_evidence() -> None:
    en, es = language_scores("Mérida López Kloppe-Santamaría")
    assert en == 0 and es == 1.5


@pytest.mark.skipif(not EVAL.exists(), reason="eval/qa.jsonl not present")
def test_eval_questions_are_recognised() -> None:
    rows = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines() if line]
    wrong = [r["question"] for r in rows if detect_language(r["question"]) != r["lang"]]
    assert wrong == []
