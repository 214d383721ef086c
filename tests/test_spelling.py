"""Typos in questions are read as the corpus words they were meant to be."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from qa.answer import Answerer
from qa.spelling import Correction, Speller, distance

CORPUS = [
    "The Mérida Initiative, set to begin in October of 2007, focused on the kingpin strategy.",
    "General Cienfuegos was arrested. Journalists were murdered. We must maintain trust.",
    "The form of the law came from Congress. Opioid deaths rose.",
]


@pytest.fixture(scope="module")
def speller() -> Speller:
    # The real English word list; a crude stemmer is enough for these words.
    return Speller(CORPUS, stem=lambda word: word.removesuffix("s"))


@pytest.mark.parametrize(
    ("question", "read_as"),
    [
        ("When did the Merida Inititive begin?", "When did the Merida Initiative begin?"),
        ("What is the kingpin stratgy?", "What is the kingpin strategy?"),
        ("What did Cienfeugos do?", "What did Cienfuegos do?"),
        ("How many journalsts died?", "How many journalists died?"),
        ("Journalsts were murdered?", "Journalists were murdered?"),
        ("What is the populaton of Mexico City?", "What is the population of Mexico City?"),
        ("What happend next?", "What happened next?"),
        ("WHAT IS THE STRATGY?", "WHAT IS THE STRATEGY?"),
    ],
)
def test_a_misspelled_word_is_read_as_the_word_meant(
    speller: Speller, question: str, read_as: str
) -> None:
    assert speller.correct(question) == read_as


@pytest.mark.parametrize(
    "question",
    [
        # An English word the corpus does not use is not a typo of one it does ("maintain").
        "What is the highest mountain in Mexico?",
        # Neither is a word with another form in the corpus ("Opioid" -> "opioids").
        "How many opioids were seized?",
        # A name the corpus never uses is not a typo of an English word ("blinked").
        "Did Blinken push back?",
        # A contraction is not a misspelled "were".
        "Why weren't they partners?",
        # A rare English word is not what a misspelling meant ("desertification").
        "What were the decertifications about?",
        # Short words have too many neighbours to guess from.
        "Who is teh boss?",
    ],
)
def test_words_that_are_not_typos_stay(speller: Speller, question: str) -> None:
    assert speller.correct(question) == question


def test_two_equally_likely_words_leave_the_typo_alone() -> None:
    # "carx" is one edit from both "cart" and "card", each used once.
    speller = Speller(["cart card"], english={})
    assert speller.suggest("carx") is None
    assert Speller(["cart card card card"], english={}).suggest("carx") == "card"


def test_corrections_are_listed(speller: Speller) -> None:
    assert speller.corrections("Did Cienfeugos meet the journalsts?") == [
        Correction("Cienfeugos", "Cienfuegos"),
        Correction("journalsts", "journalists"),
    ]


@pytest.mark.parametrize(
    ("a", "b", "edits"),
    [("stratgy", "strategy", 1), ("form", "from", 1), ("", "abc", 3), ("same", "same", 0)],
)
def test_distance(a: str, b: str, edits: int) -> None:
    assert distance(a, b) == edits


def test_a_question_with_a_typo_is_answered_like_the_one_without(answerer: Answerer) -> None:
    typed = answerer.answer("When did the Merida Inititive begin?")
    assert not typed.abstained
    assert "October of 2007" in typed.answer
    assert typed.question == "When did the Merida Inititive begin?"


def test_a_spanish_question_is_not_corrected_towards_english_words(answerer: Answerer) -> None:
    question = "¿Cuál es la moneda oficial de México?"
    assert answerer.spelled(question) == question


def test_search_reads_typos_too(answerer: Answerer) -> None:
    from qa.api import create_app
    from qa.settings import Settings

    client = TestClient(create_app(Settings(), answerer=answerer), raise_server_exceptions=False)
    typed = client.get("/v1/search", params={"q": "Allende masacre", "k": 3}).json()
    right = client.get("/v1/search", params={"q": "Allende massacre", "k": 3}).json()
    assert typed["query"] == "Allende masacre"
    assert [h["chunk_id"] for h in typed["hits"]] == [h["chunk_id"] for h in right["hits"]]
