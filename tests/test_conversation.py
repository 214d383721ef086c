"""Folding follow-ups into the previous question: elliptical ones fold, full ones stay."""

from __future__ import annotations

import pytest

from qa.conversation import contextualize

FOX = "How many people were extradited under Fox?"
FOX_ES = "¿Cuántas personas fueron extraditadas bajo Fox?"
DRUGS = "What does the brief recommend on drug policy?"


@pytest.mark.parametrize(
    ("history", "question", "expected"),
    [
        ([FOX], "and under Calderón?", "How many people were extradited under Calderón?"),
        ([FOX], "And under Calderón?", "How many people were extradited under Calderón?"),
        ([FOX], "What about Calderón?", "How many people were extradited under Calderón?"),
        ([FOX], "what about under Calderón", "How many people were extradited under Calderón?"),
        ([FOX], "and how many under Calderón?", "How many people were extradited under Calderón?"),
        ([FOX], "Under Calderón?", "How many people were extradited under Calderón?"),
        ([FOX_ES], "¿y bajo Calderón?", "¿Cuántas personas fueron extraditadas bajo Calderón?"),
        ([FOX_ES], "¿Y Calderón?", "¿Cuántas personas fueron extraditadas bajo Calderón?"),
        ([DRUGS], "and on migration?", "What does the brief recommend on migration?"),
        ([DRUGS], "How about migration?", "What does the brief recommend on migration?"),
        # The latest searched question is the one folded into.
        (
            ["Who is the author?", FOX],
            "and under Calderón?",
            "How many people were extradited under Calderón?",
        ),
    ],
)
def test_follow_ups_fold_into_the_previous_question(
    history: list[str], question: str, expected: str
) -> None:
    assert contextualize(history, question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "How many people were extradited under Calderón?",
        "What is the Mérida Initiative?",
        "What is the recipe for mole poblano?",
        "And what did the brief recommend about public health and drug policy reform?",
        "¿Qué dice el informe sobre la migración?",
        "Thanks!",
        "",
        "   ",
        "?",
        "🙂",
    ],
)
def test_self_contained_or_empty_questions_are_left_alone(question: str) -> None:
    assert contextualize([FOX], question) == question


def test_without_history_nothing_changes() -> None:
    assert contextualize([], "and under Calderón?") == "and under Calderón?"
    assert contextualize(["", "  "], "and under Calderón?") == "and under Calderón?"


def test_a_pronoun_follow_up_keeps_the_previous_question_beside_it() -> None:
    folded = contextualize(["Who wrote the brief?"], "Where does she work?")
    assert folded.startswith("Where does she work?")
    assert "Who wrote the brief" in folded


def test_a_follow_up_that_lines_up_with_nothing_keeps_both() -> None:
    folded = contextualize(["Who wrote the brief?"], "and Colombia?")
    assert "Colombia" in folded and "Who wrote the brief" in folded


def test_chains_fold_from_the_already_folded_question() -> None:
    history: list[str] = []
    for question in [FOX, "and under Calderón?", "what about Peña Nieto?"]:
        history.append(contextualize(history, question))
    assert history[-1] == "How many people were extradited under Peña Nieto?"
