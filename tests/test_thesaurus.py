"""The everyday words readers use for the brief's own, and questions asked in them."""

from __future__ import annotations

import pytest

from qa.answer import Answerer
from qa.question import terms_of
from qa.thesaurus import THESAURUS, brief_words


def test_every_word_is_foreign_to_the_corpus_and_stands_for_words_of_the_brief(
    answerer: Answerer,
) -> None:
    # A word the corpus uses keeps its own meaning: the list only bridges the gaps.
    used = sorted(term for term in THESAURUS if term in answerer._vocabulary)
    assert not used, f"words the corpus uses: {used}"
    unknown = sorted(
        {t for words in THESAURUS.values() for t in terms_of(words) if t not in answerer._idf}
    )
    assert not unknown, f"the brief's words that are not the brief's: {unknown}"


def test_a_question_in_the_briefs_own_words_brings_nothing() -> None:
    assert brief_words("Why did the kingpin strategy fail on the border?") == ""
    assert brief_words("Why did hunting the bosses fail on the frontier?") == (
        "targeting kingpin leaders border"
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # The brief says "kingpin targeting" and "mid-level members".
        (
            "If not the bosses, which members of the cartels should both countries arrest?",
            "mid-level",
        ),
        ("What should replace chasing the cartel bosses?", "mid-level"),
        # "going after" is "targeting", "cartels" the brief's DTOs and their heads its kingpins.
        ("What has the policy of going after cartel heads done to the cartels?", "fragmentation"),
        # Mexico's border with Guatemala is the brief's "southern border".
        (
            "What did Mexico send to its border with Guatemala under U.S. pressure?",
            "National Guard",
        ),
        # Spraying crops is the brief's "fumigation".
        ("What is the author's view of spraying poppy fields from the air?", "environmental"),
    ],
)
def test_a_question_in_everyday_words_finds_the_briefs_answer(
    answerer: Answerer, question: str, expected: str
) -> None:
    answer = answerer.answer(question)
    assert not answer.abstained
    assert expected in answer.answer


def test_a_count_asked_in_everyday_words_is_a_count_of_the_briefs(answerer: Answerer) -> None:
    # "journos" are the brief's journalists: "133 journalists" gives the count.
    question = "How many journos have been murdered in Mexico since 2000?"
    assert answerer.signals(question).count_missing == 0.0
    assert "133" in answerer.answer(question).answer


def test_a_length_the_brief_never_gives_is_declined_in_everyday_words_too(
    answerer: Answerer,
) -> None:
    assert answerer.answer("How long is Mexico's border with Guatemala?").abstained


def test_everyday_words_for_shelters_drugs_and_shares() -> None:
    assert "shelters" in brief_words("Who helps the migrant safe houses?")
    assert "opioid" in brief_words("Is heroin addiction rising in Mexico?")
    assert "most" in brief_words("Where did the bulk of the aid go?")
    assert "fragmentation" in brief_words("Did the gangs splinter?")
    assert "people" in brief_words("how many ppl were extradited")
    assert "kingpin" in brief_words("What if you arrest the guys at the very top?")
    assert "communities" in brief_words("What about rural families?")
    assert "decertify" in brief_words("Did Washington grade Mexico as a partner?")
    assert "U.S." in brief_words("What did Washington pledge?")
    assert "DTOs" in brief_words("What happened to the drug groups?")
    assert "DTO" in brief_words("How much cartel violence is there?")
    assert "DTOs" in brief_words("What did the arrests do to the gangs?")
    assert "livelihood" in brief_words("Who makes a living growing poppies?")
    assert "U.S." in brief_words("What did folks back in the States agree to?")
    assert "at-risk populations" in brief_words("What was done for teenagers?")
    assert "prevention" in brief_words("How do you keep young men out of trouble?")
    assert "U.S." not in brief_words("Which Mexican states got the programs?")
    assert "farmers" in brief_words("What about the countryside?")
    assert "DTO" not in brief_words("Which cartel ran the massacre?")
    assert "targeting" in brief_words("What if you take out their leaders?")
    assert "U.S." not in brief_words("What did the Washington Post report?")


def test_a_topic_in_everyday_words_is_one_the_brief_speaks_of(answerer: Answerer) -> None:
    question = "What does the brief say about rural families who grow poppies for a living?"
    assert not answerer.answer(question).abstained
