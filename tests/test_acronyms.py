"""Acronyms the corpus defines, and questions that use either form."""

from __future__ import annotations

from qa.acronyms import Acronyms, defined_acronyms
from qa.answer import Answerer


def test_an_acronym_is_taken_only_when_the_words_before_it_spell_it() -> None:
    text = (
        "officers from the Federal Bureau of Investigation (FBI) and the Drug Enforcement "
        "Administration (DEA), and a list (ABC) of nothing; the Instituto Nacional de "
        "Estadística y Geografía (INEGI)"
    )
    assert defined_acronyms(text) == {
        "FBI": "Federal Bureau of Investigation",
        "DEA": "Drug Enforcement Administration",
    }


def test_a_plural_acronym_is_defined_in_the_singular() -> None:
    assert defined_acronyms("dismantling drug trafficking organizations (DTOs) in Mexico") == {
        "DTO": "drug trafficking organizations"
    }


def test_either_form_brings_the_other() -> None:
    acronyms = Acronyms.from_texts(["to combat transnational criminal organizations (TCOs)"])
    assert acronyms.other_forms("What do TCOs smuggle?") == "transnational criminal organizations"
    assert acronyms.other_forms("Which transnational criminal organization?") == "TCO"
    assert acronyms.other_forms("Which criminal organizations?") == ""
    assert acronyms.expansions("Which transnational criminal organization?") == []


def test_the_corpus_acronyms_are_known(answerer: Answerer) -> None:
    assert "AMLO" in answerer.retriever.acronyms.other_forms("Andrés Manuel López Obrador")


def test_what_an_acronym_stands_for_is_answered(answerer: Answerer) -> None:
    answer = answerer.answer("What does the acronym TCO stand for in the brief?")
    assert not answer.abstained
    assert "transnational criminal organizations (TCOs)" in answer.answer


def test_a_name_by_its_last_words_meets_its_acronym() -> None:
    acronyms = Acronyms.from_texts(
        [
            "President Andrés Manuel López Obrador (AMLO) and",
            "to combat transnational criminal organizations (TCOs)",
        ]
    )
    assert acronyms.named("¿Qué prometió López Obrador?") == [("López Obrador", "AMLO")]
    # Not a name; and nothing to add when the acronym is there already.
    assert acronyms.named("Which criminal organizations?") == []
    assert acronyms.named("What did AMLO, López Obrador, say?") == []
