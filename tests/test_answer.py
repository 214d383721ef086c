"""The answerer's question reading and abstention signals, on their own and on the real brief."""

from __future__ import annotations

import pytest

from qa.abstain import DEFAULT_MODEL, FEATURES, SIGNS
from qa.answer import Answerer
from qa.bm25 import tokenize
from qa.passage import (
    count_missing,
    count_named,
    holds_kind,
    leans_on,
    measure_missing,
    note_author,
    note_genres,
)
from qa.question import (
    answer_kind,
    asked_attribute,
    asked_genres,
    asked_measure,
    asked_period,
    asked_term,
    asked_years,
    asks_yes_no,
    capitalised_runs,
    counted_noun,
    is_source_question,
    point_years,
    question_parts,
    relation_named,
    terms_of,
)
from qa.retrieve import clean_query


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What was the total dollar amount of the aid?", "money"),
        ("How much money did Congress approve?", "money"),
        ("how much did trumps border wall cost", "money"),
        ("How much did the U.S. spend on the Mérida Initiative?", "money"),
        ("How much of the funding went to the police?", "number"),
        ("How long a border wall did Trump promise?", ""),
        ("What percentage of the funds went to training?", "percent"),
        ("¿Qué porcentaje de la ayuda se destinó a la policía?", "percent"),
        ("How many people were extradited?", "number"),
        ("How much time passed between the two events?", "duration"),
        ("How many years did the initiative last?", "duration"),
        ("When did the initiative begin?", "date"),
        ("Who wrote the chapter?", "person"),
        ("What does the author recommend?", ""),
        ("And when was the law passed?", "date"),
        # "When" as a conjunction, "whose" asking for a group: nothing in particular asked.
        ("Why were experts alarmed when Washington dropped the case?", ""),
        ("Whose livelihoods must drug policy take into account?", ""),
    ],
)
def test_answer_kind_reads_what_is_asked(question: str, kind: str) -> None:
    assert answer_kind(question) == kind


def test_holds_kind_wants_the_unit_asked_for() -> None:
    assert holds_kind("money", "an assistance package of $1.6 billion")
    assert not holds_kind("money", "a total of 587 people were extradited")
    assert holds_kind("percent", "homicides rose by 40 percent")
    assert not holds_kind("percent", "only a small fraction of the resources")
    assert holds_kind("number", "a total of 58 people")
    assert holds_kind("duration", "only a few weeks after the decision")
    assert not holds_kind("duration", "On December 15, 2020, Congress passed a law")
    assert not holds_kind("date", "the National Guard was created")
    assert holds_kind("", "anything at all")


def test_point_years_leave_out_the_ends_of_spans() -> None:
    assert point_years("under Peña Nieto (2012-2018) and Fox (2000–2006)") == set()
    assert point_years("rates decreased between 2011 and 2015") == set()
    assert point_years("in 2019, Mexico extradited 58 people") == {2019}
    assert point_years("from 2007 to 2011") == {2007, 2011}


def test_every_feature_has_a_sign_and_a_default_weight() -> None:
    assert len(FEATURES) == len(SIGNS) == len(DEFAULT_MODEL.weights) == len(DEFAULT_MODEL.means)


def test_a_name_the_brief_never_uses_is_a_signal(answerer: Answerer) -> None:
    unknown = answerer.signals("What did Angela Merkel say about the Mérida Initiative?")
    one = answerer.signals("What did Merkel say about the Mérida Initiative?")
    known = answerer.signals("What did Calderón say about the Mérida Initiative?")
    assert unknown.unknown_names == 1.0
    assert one.unknown_names == 0.5
    assert known.unknown_names == 0.0


def test_spanish_names_are_tried_through_the_glossary(answerer: Answerer) -> None:
    signals = answerer.signals("¿Qué dijo el Congreso sobre la Iniciativa Mérida?")
    assert signals.unknown_names == 0.0
    assert answerer.signals("¿Qué dijo Angela Merkel sobre México?").unknown_names == 1.0
    # "la frontera con Guatemala" is the brief's southern border.
    question = "¿A quién mandó México a la frontera con Guatemala para frenar a los migrantes?"
    assert answerer.signals(question).unknown_names == 0.0


def test_a_spanish_question_on_the_entry_of_migrants_is_answered(answerer: Answerer) -> None:
    # "la entrada" is a word the glossary knows: not a question about something else.
    answer = answerer.answer(
        "¿Qué fuerza de seguridad desplegó México en su frontera sur para impedir la entrada de "
        "migrantes?"
    )
    assert "National Guard" in answer.answer


def test_yes_no_questions_are_flagged(answerer: Answerer) -> None:
    assert answerer.signals("Did the Mérida Initiative end homicides in Tijuana?").yes_no == 1.0
    assert answerer.signals("What did the Mérida Initiative fund?").yes_no == 0.0


def test_a_yes_no_question_the_evidence_covers_is_answered(answerer: Answerer) -> None:
    question = "Did the US drop the charges against Cienfuegos?"
    assert answerer.signals(question).yes_no == 0.0
    answer = answerer.answer(question)
    assert not answer.abstained
    assert "drop drug trafficking charges" in answer.answer
    # A verdict on what the brief does not cover is still a doubt.
    doubt = "Did Biden actually halt construction of the border wall once he took office?"
    assert answerer.signals(doubt).yes_no == 1.0


def test_who_did_it_is_answered_by_a_doer_that_is_not_a_name(answerer: Answerer) -> None:
    answer = answerer.answer("Who leaked the information to the Zetas?")
    assert not answer.abstained
    assert "federal police unit leaked the information" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Who replaced General Cienfuegos as Minister of Defense?",
        "¿Quién sustituyó al general Cienfuegos al frente de la Secretaría de la Defensa Nacional?",
    ],
)
def test_who_did_it_with_no_doer_in_the_evidence_needs_someone_named_anew(
    answerer: Answerer, question: str
) -> None:
    # The evidence speaks of Cienfuegos only: nobody is said to have replaced him.
    assert answerer.signals(question).type_mismatch == 1.0
    assert answerer.answer(question).abstained


def test_whom_someone_picked_for_an_office_needs_a_name(answerer: Answerer) -> None:
    question = "Whom did Biden name as his ambassador to Mexico?"
    assert answerer.signals(question).type_mismatch == 1.0


def test_a_name_asked_for_needs_a_name_the_question_does_not_give(answerer: Answerer) -> None:
    # The brief says "a Mexican federal police unit", never what the unit was called.
    unit = "What was the name of the police unit that leaked the information to the Zetas?"
    assert answerer.signals(unit).type_mismatch == 1.0
    assert answerer.answer(unit).abstained
    operation = answerer.answer("What was the name of the 1969 operation to close the border?")
    assert not operation.abstained
    assert "Operation Intercept" in operation.answer


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        ("What does the brief say about climate change?", True),
        ("Does the author discuss cryptocurrency?", True),
        ("What does the brief say about guns?", False),
        # "growers": the brief says "poppy-growing".
        ("What does the brief say about poppy growers?", False),
        # The topic is "remittances", not the words the asker adds after it.
        ("What's the author's view on remittances as a way to keep families fed?", True),
        ("What's the author's take on the kingpin strategy as a way to fight cartels?", False),
        # A topic taken straight by the verb.
        ("Does the brief cover Mexico's energy reform and what it means for oil investors?", True),
        ("Does the brief discuss the kingpin strategy?", False),
    ],
)
def test_a_topic_the_brief_never_names_is_declined(
    answerer: Answerer, question: str, declined: bool
) -> None:
    answer = answerer.answer(question)
    assert answer.abstained is declined
    if declined:
        assert answer.related


def test_a_question_asking_for_money_with_no_money_in_the_evidence(answerer: Answerer) -> None:
    signals = answerer.signals("How many dollars did the National Guard cost?")
    assert signals.type_mismatch == 1.0


@pytest.mark.parametrize(
    ("text", "previous", "leans"),
    [
        ("The law removes the immunity of foreign agents.", "Congress passed a new law.", True),
        ("In particular, they may provide grounds for it.", "They may elicit a response.", True),
        ("Such threats include robberies.", "There are other threats.", True),
        ("The army was deployed.", "Congress passed a new law.", False),
        ("The United States agreed.", "The United States and Mexico met.", False),
        ("Violence rose in 2011.", "Congress passed a new law.", False),
        ("The surge in these criminal activities showed their reach.", "Crimes rose.", True),
        ("Centered on youth, these programs created jobs.", "Programs began.", True),
        ("Officials from both countries met in these years of crisis.", "Talks began.", False),
    ],
)
def test_a_sentence_leans_on_the_one_before(text: str, previous: str, leans: bool) -> None:
    assert leans_on(text, previous) is leans


def test_a_why_answer_brings_the_sentence_that_goes_on_from_it(answerer: Answerer) -> None:
    answer = answerer.answer("Why might pressing Mexico on the rule of law backfire for Biden?")
    assert not answer.abstained
    assert "sovereignty" in answer.answer


def test_a_why_answer_goes_back_past_a_bridge_to_the_reason(answerer: Answerer) -> None:
    # "... the negative consequences that the kingpin strategy ... had yielded. The
    # consequences were manifold. Mexico's levels of lethal violence increased dramatically."
    answer = answerer.answer("Why did lethal violence in Mexico increase dramatically?")
    assert "kingpin strategy" in answer.answer
    assert "The consequences were manifold." in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Who wrote the brief?",
        "Who wrote it?",
        "Who authored the report?",
        "Who wrote this chapter?",
        "Who is the writer of this policy brief?",
        "¿Quién escribió el informe?",
        "Who is the author of this brief?",
        "¿Quién es la autora del capítulo?",
        "who wrote this thing?",
        "Who wrote this publication?",
    ],
)
def test_who_wrote_the_document_is_answered_by_its_byline(
    answerer: Answerer, question: str
) -> None:
    # Not a question about the author of a source the brief cites.
    answer = answerer.answer(question)
    assert not answer.abstained
    assert answer.citations[0].quote == "By Gema Kloppe-Santamaría"


@pytest.mark.parametrize(
    "question",
    [
        "What is the brief about?",
        "Summarize the brief.",
        "What is the main argument of the chapter?",
        "What does the author conclude?",
        "¿De qué trata el informe?",
    ],
)
def test_a_question_about_the_whole_brief_gets_its_stated_point(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question)
    assert not answer.abstained
    quotes = [c.quote for c in answer.citations]
    assert quotes[0].startswith("On January 20, 2021, the inauguration of President Joseph Biden")
    assert any(q.startswith("The aim of this chapter is to examine") for q in quotes)
    assert any("five policy recommendations" in q for q in quotes)
    assert [c.start for c in answer.citations] == sorted(c.start for c in answer.citations)


def test_a_question_naming_a_topic_is_not_about_the_whole_brief(answerer: Answerer) -> None:
    answer = answerer.answer("What does the brief argue about the kingpin strategy?")
    assert "kingpin strategy" in answer.citations[0].quote


@pytest.mark.parametrize(
    ("question", "spelled_out"),
    [
        ("Who is AMLO?", "Andrés Manuel López Obrador (AMLO)"),
        ("What does DTO stand for?", "drug trafficking organizations (DTOs)"),
        ("What is CJNG?", "Cartel Jalisco Nueva Generación (CJNG)"),
        ("¿Qué significa DTO?", "drug trafficking organizations (DTOs)"),
    ],
)
def test_an_acronym_asked_about_is_answered_where_it_is_spelled_out(
    answerer: Answerer, question: str, spelled_out: str
) -> None:
    answer = answerer.answer(question)
    assert not answer.abstained
    assert spelled_out in answer.answer


@pytest.mark.parametrize(
    ("question", "item"),
    [
        ("What is the first recommendation?", "Transition from an all-out war approach"),
        ("What is recommendation 3?", "Address the socioeconomic roots driving migration"),
        ("What's the last recommendation?", "Tackle corruption and impunity in Mexico"),
        ("¿Cuál es la segunda recomendación?", "Implement both preventative and law enforcement"),
    ],
)
def test_a_list_item_asked_for_by_its_place(answerer: Answerer, question: str, item: str) -> None:
    answer = answerer.answer(question)
    assert not answer.abstained
    assert answer.citations[0].quote.startswith(item)
    # The section that takes the item up follows; the other items do not.
    assert len(answer.citations) == 2
    assert answer.citations[1].section.split(" > ")[-1][:1].isdigit()


def test_the_best_sentences_paragraph_comes_first(answerer: Answerer) -> None:
    # The Condor sentence's paragraph leads, though another chosen sentence (from the
    # introduction) stands earlier in the brief; within the paragraph, the brief's order.
    answer = answerer.answer("How long did Operation Condor last?")
    condor = next(c for c in answer.citations if "Condor (1977-1987)" in c.quote)
    lead = [c for c in answer.citations if c.section_id == condor.section_id]
    assert answer.citations[: len(lead)] == tuple(lead)
    assert [c.start for c in lead] == sorted(c.start for c in lead)
    assert any(c.section_id != condor.section_id for c in answer.citations)


def test_a_cause_asked_for_follows_the_chain_of_sentences(answerer: Answerer) -> None:
    # "... rumours that one of its members had snitched information to U.S. authorities.
    # According to a ProPublica investigation, a Mexican federal police unit leaked the
    # information to the criminal organization."
    answer = answerer.answer("What caused the massacre in Allende?")
    assert "federal police unit leaked the information" in answer.answer


def test_a_definite_noun_repeating_the_best_sentence_comes_along(answerer: Answerer) -> None:
    answer = answerer.answer("What does the security law passed in December 2020 do?")
    assert "diplomatic immunity" in answer.answer


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "What did Mexico agree to, and did both countries keep their promises?",
            ["What did Mexico agree to", "did both countries keep their promises"],
        ),
        (
            "Who was president; when did he leave office?",
            ["Who was president", "when did he leave office"],
        ),
        (
            "How many were extradited under Fox and under Calderón?",
            ["How many were extradited under Fox and under Calderón"],
        ),
        (
            "When did it begin, and in what year was it reorganized?",
            ["When did it begin", "in what year was it reorganized"],
        ),
        (
            "When was it reformulated, and into how many pillars was it organized?",
            ["When was it reformulated", "into how many pillars was it organized"],
        ),
    ],
)
def test_question_parts_split_only_between_questions(question: str, parts: list[str]) -> None:
    assert question_parts(question) == parts


def test_counted_reads_a_count_of_things() -> None:
    assert count_named("there are five policy recommendations that could help") == 5
    assert count_named("The new four pillars of the initiative were") == 4
    assert count_named("a total of 58 extraditions") == 58
    assert count_named("What are the five things it proposes?", anywhere=True) == 5
    assert count_named("Which five does it propose?") == 0
    assert count_named("Which five does it propose?", anywhere=True) == 5
    assert count_named("It was a watershed moment.") == 0


def test_terms_of_lets_word_forms_meet() -> None:
    assert terms_of("acknowledge") == terms_of("acknowledged")
    assert terms_of("shared") == terms_of("share")
    assert terms_of("police") != terms_of("policy")


def test_an_announced_list_brings_its_items(answerer: Answerer) -> None:
    # ... here the list of them the brief gives up front, one item per recommendation.
    answer = answerer.answer("Which five policy recommendations does the chapter make?")
    assert len(answer.citations) == 5
    assert "health-centered" in answer.answer


@pytest.mark.parametrize(
    ("question", "language", "noun"),
    [
        ("How many pages long is the report?", "en", "page"),
        ("How many illegal U.S. firearms are trafficked each year?", "en", "firearm"),
        ("How many journalists were killed in 2020?", "en", "journalist"),
        ("How many did they extradite?", "en", ""),
        ("What did the report say?", "en", ""),
        ("¿Cuántos periodistas fueron asesinados?", "es", "journalist"),
        ("¿Cuántas personas han muerto desde 2006?", "es", "peopl"),
        # A keyword query names the thing before "how many"; a year is not a thing counted.
        ("merida black hawk helicopters how many did mexico get", "en", "helicopter"),
        ("In 2019 how many did Mexico extradite?", "en", ""),
        # Coordinated nouns: the first is what is counted, not a word of the second.
        ("Roughly how many shelters and rights groups are there?", "en", "shelter"),
        ("What was the total number of overdose deaths in 2019?", "en", "death"),
        # A comparison ends what is counted: "times", which any figure counts, not "higher".
        ("Roughly how many times higher did the rate get?", "en", "time"),
        ("How many more people were extradited?", "en", ""),
        # The noun may end the question; a clause before "how many" names nothing counted.
        (
            "Cienfuegos was defense minister under which president, and for how many years?",
            "en",
            "year",
        ),
        ("Compared to Fox, how many more people were extradited under Calderón?", "en", ""),
    ],
)
def test_counted_noun_names_what_is_counted(question: str, language: str, noun: str) -> None:
    assert counted_noun(question, language) == noun


def test_a_count_needs_a_figure_before_its_noun() -> None:
    assert not count_missing(
        counted_noun("How many times higher did the murder rate get?"),
        "the rate went from 8 murders per 100,000 inhabitants to 24",
    )
    assert not count_missing("journalist", "since 2000, at least 133 journalists were murdered")
    assert count_missing("journalist", "Journalists were murdered in 2020.")
    assert count_missing("page", "a total of 211 individuals over the last fifteen years")
    # A year is not a count of the thing that follows it.
    assert count_missing("journalist", "In 2020 journalists were murdered.")
    # Any figure counts people; no noun, nothing to miss.
    assert not count_missing("peopl", "a total of 211 individuals were extradited")
    assert not count_missing("", "nothing here")
    # A share is not a count.
    assert count_missing("death", "overdoses were 70 percent of drug-related deaths")
    assert count_missing("death", "overdoses were 70% of drug-related deaths")


def test_a_count_of_something_the_evidence_does_not_count(answerer: Answerer) -> None:
    signals = answerer.signals("How many pages long is the CRS report on the Mérida Initiative?")
    assert signals.count_missing == 1.0
    assert (
        answerer.signals("How many journalists have been murdered since 2000?").count_missing == 0
    )


def test_a_figure_joined_to_its_noun_counts_it() -> None:
    assert not count_missing("mile", "far from the 2000-mile length wall he promised")
    assert count_missing("mile", "far from the length of wall he promised, miles away")


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("What is the population of Mexico City?", "population"),
        ("What was the U.S. homicide rate in 2011?", "rate"),
        ("By what vote margin did Congress approve the law?", "margin"),
        ("What share of Mexicans felt unsafe?", "percent"),
        ("¿Cuál es la población de Allende?", "population"),
        ("cual es el tipo de cambio del peso hoy", "rate"),
        # Not the value of a measure: a plural, or a measure named further on.
        ("Which areas offer better prospects of collaboration?", ""),
        ("What does the brief say about the at-risk population?", ""),
        ("Why did the homicide rate rise?", ""),
    ],
)
def test_asked_measure_reads_the_value_asked_for(question: str, measure: str) -> None:
    assert asked_measure(question) == measure


def test_a_measure_needs_a_figure_beside_it() -> None:
    assert measure_missing("population", "prevention programs centered on at-risk populations")
    assert not measure_missing("rate", "the homicide rate went from 8 murders per 100,000")
    # A year beside the measure is no value of it.
    assert measure_missing("rate", "in 2011 the homicide rate climbed")
    assert not measure_missing("percent", "as of August of 2020, 80 percent lacked training")
    assert not measure_missing("percent", "Three in four of its members came from the army.")
    assert not measure_missing("percent", "half of them lacked training")
    assert measure_missing("percent", "most members lacked training")
    assert not measure_missing("", "anything")


def test_a_measure_the_evidence_names_without_a_value_is_a_signal(answerer: Answerer) -> None:
    assert answerer.signals("What is the population of Mexico City?").count_missing == 1.0
    rate = "What was Mexico's homicide rate per 100,000 inhabitants in 2007?"
    assert answerer.signals(rate).count_missing == 0.0


def test_an_official_asked_for_is_any_person_named(answerer: Answerer) -> None:
    # The sentence names Fabián Medina of the Ministry of Foreign Affairs, not "an official".
    question = "Which SRE official said cooperation had to reflect the needs of Mexico?"
    assert answerer.signals(question).type_mismatch == 0.0
    assert "Medina" in answerer.answer(question).answer


def test_the_source_of_a_claim_is_the_note_marked_after_it(answerer: Answerer) -> None:
    # Note 22 (WOLA) shares "National Guard" with the question; note 23, a Spanish headline,
    # is the one marked after the sentence with the figure.
    question = (
        "What's the source for the claim that most National Guard members lacked police "
        "certification?"
    )
    answer = answerer.answer(question)
    assert [c.endnotes for c in answer.citations if c.section_id == "endnotes"] == [(23,)]


def test_note_author_is_what_precedes_the_title() -> None:
    assert note_author('Teague, Aileen. "Mexico\'s Dirty War on Drugs," 2019.') == "Teague, Aileen"
    assert note_author("International Crisis Group, 2020.") == "International Crisis Group, 2020"


def test_a_cited_author_outside_a_source_question_is_a_signal(answerer: Answerer) -> None:
    assert answerer.signals("What does Leon Krauze argue about the release?").cited_only == 1.0
    # Asked as a question about sources, it is what the endnotes answer.
    assert answerer.signals("Which article by Leon Krauze is cited?").cited_only == 0.0
    # Names the body uses are not cited-only, though an endnote names them too.
    assert answerer.signals("What did Barr say about the law?").cited_only == 0.0
    # Asked as a question about sources, but for what the cited work says: the brief only
    # cites it.
    column = "What did Leon Krauze argue in the column cited in note 30?"
    assert answerer.signals(column).cited_only == 1.0


def test_genres_of_questions_and_citations_meet() -> None:
    assert asked_genres("Which court filing is cited for dropping the case?") == {"court"}
    assert asked_genres("Which Spanish-language headline is cited?") == {"spanish"}
    assert asked_genres("Who wrote the article?") == frozenset()
    filing = 'Seth D. DuCharme, Acting United States Attorney, "United States v. Salvador C."'
    assert note_genres(filing) == {"court"}
    release = 'Department of Justice. "Statement by Attorney General Barr," Press Release 20-1346'
    assert note_genres(release) == {"statement"}
    assert note_genres('García, Ariadna. "Se acabó la Iniciativa Mérida," El Universal') == {
        "spanish"
    }
    assert note_genres('Krauze, Leon. "The release of a powerful general," Post') == frozenset()


def test_a_source_question_naming_a_kind_of_work_gets_that_kind(answerer: Answerer) -> None:
    answer = answerer.answer("Which court document is cited about dropping the charges?")
    assert any(c.endnotes and c.endnotes[0] in (27, 29) for c in answer.citations)


def test_a_year_naming_the_topic_is_not_a_year_asked_about() -> None:
    assert asked_years("How does the author judge the 2011 reorientation?") == set()
    assert asked_years("How many people were extradited in 2018?") == {2018}
    assert asked_years("How did its 2019 survey compare with 2020?") == {2020}
    assert asked_years("Under Peña Nieto (2012-2018), what changed?") == set()


def test_a_person_asked_for_by_role_needs_a_name(answerer: Answerer) -> None:
    # The brief says a member of the Zetas snitched, but never names him.
    unnamed = answerer.signals("Which Zetas member passed information to U.S. authorities?")
    assert unnamed.type_mismatch == 1.0
    named = answerer.signals("Which former minister did the U.S. government release?")
    assert named.type_mismatch == 0.0
    # "Who is the leader of ..." asks for a role too: a sentence naming the cartel and
    # another one, but no leader, does not answer it.
    leader = answerer.signals("Who is the current leader of the Cartel Jalisco Nueva Generación?")
    assert leader.type_mismatch == 1.0


def test_what_did_officials_say_is_not_a_question_for_a_name(answerer: Answerer) -> None:
    signals = answerer.signals("What did officials concede about the fragmentation of the cartels?")
    assert signals.type_mismatch == 0.0


@pytest.mark.parametrize(
    "question",
    [
        "Who edited the volume that contains Brian Bow's chapter?",
        "Which article is cited about the DEA?",
        "In which journal did Cottam and Marenin publish their article?",
        "¿En qué revista se publicó el artículo de Cottam y Marenin?",
        "Date of the U.S. attorney's letter in the Cienfuegos case (per the notes)?",
        "¿En qué fecha publicó InSight Crime el artículo de Chris Dalby?",
        "When did ProPublica publish its investigation of the Allende massacre?",
        "What is the number of the Justice Department press release on the law?",
        "¿Qué número tiene el comunicado de prensa del Departamento de Justicia?",
        # A keyword query names the kind of work instead.
        "krauze washington post cienfuegos column date",
        # Or it asks where the brief took something from.
        "Where does the brief get its figure on National Guard training?",
        "What is the 80 percent figure based on?",
        "Where does the claim that most journalists' murders go unpunished come from?",
    ],
)
def test_questions_about_cited_works_are_source_questions(question: str) -> None:
    assert is_source_question(question)


@pytest.mark.parametrize(
    "question",
    [
        "Where does the National Guard get its recruits?",
        "What is the kingpin strategy based on?",
        "Where do most migrants come from?",
    ],
)
def test_where_something_comes_from_is_not_always_a_source_question(question: str) -> None:
    assert not is_source_question(question)


def test_spanish_words_matching_a_cited_title_are_not_cited_only(answerer: Answerer) -> None:
    # The brief's body says "National Guard"; only a cited Spanish title says "Guardia".
    question = "¿Bajo qué tipo de control iba a operar la Guardia Nacional?"
    assert answerer.signals(question).cited_only == 0.0
    # The same kind of name in an English question still counts.
    assert answerer.signals("What does Leon Krauze argue about journalists?").cited_only == 1.0
    # A Spanish name of the body's National Guard, in an English question, is the body's.
    question = "What did AMLO promise about how the Guardia Nacional would behave?"
    assert answerer.signals(question).cited_only == 0.0


def test_a_question_in_words_the_corpus_never_uses_is_declined(answerer: Answerer) -> None:
    signals = answerer.signals("How do I renew my passport?")
    assert signals.unknown_terms >= 0.9
    assert answerer.model.abstain(signals)
    assert answerer.answer("How do I renew my passport?").abstained


def test_a_source_question_in_form_words_only_has_nothing_unknown(answerer: Answerer) -> None:
    question = "The author cites a book she co-wrote. Who is the co-author and the publisher?"
    assert answerer.signals(question).unknown_terms == 0.0
    answer = answerer.answer(question)
    assert not answer.abstained
    assert "Abello-Colak" in answer.answer


def test_a_when_question_is_led_by_a_close_sentence_with_a_date(answerer: Answerer) -> None:
    answer = answerer.answer("What date range does the introduction give the Mérida Initiative?")
    assert not answer.abstained
    assert "2007-present" in answer.answer


def test_spanish_abbreviations_of_the_united_states_are_not_unknown_names(
    answerer: Answerer,
) -> None:
    question = "¿Qué consumo de mariguana permiten varios estados de EE. UU.?"
    assert answerer.signals(question).unknown_names == 0.0


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("Which centuries does she work on?", "century"),
        ("What sort of causes did the plan consider?", "caus"),
        ("What is the Mérida Initiative?", ""),
        ("What did the author recommend?", ""),
    ],
)
def test_asked_term_is_the_noun_a_question_asks_for(question: str, term: str) -> None:
    assert asked_term(question) == term


def test_the_thing_asked_for_is_brought_from_the_same_section(answerer: Answerer) -> None:
    # The best sentence names her post; the one naming the centuries comes along.
    answer = answerer.answer("What centuries does the author's research cover?")
    assert "twentieth and twenty-first century" in answer.answer


def test_a_year_in_the_quoted_sentences_paragraph_is_not_missing(answerer: Answerer) -> None:
    # "In 2011 both countries agreed to reformulate ..." stands beside the pillars sentence.
    question = (
        "In the revamped post-2011 scheme, by what means was the first pillar supposed "
        "to take on transnational crime groups?"
    )
    assert answerer.signals(question).year_missing == 0.0
    answer = answerer.answer(question)
    assert not answer.abstained
    assert "intelligence sharing" in answer.answer
    # A year that neither the sentences nor their paragraphs hold is still missing.
    assert answerer.signals("What did the four pillars become in 1995?").year_missing == 1.0


def test_each_part_of_a_question_gets_a_share_of_the_answer(answerer: Answerer) -> None:
    # A long sentence answering the first part must not crowd out the second.
    answer = answerer.answer(
        "What did Mexico acknowledge under the new shared approach, and did the two "
        "countries meet their initial promises?"
    )
    assert "fell short" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "What does Mexico's new strategy rely on?",
        "In what month and year was the chapter published?",
        "How many people died in the Tlatlaya massacre cited in the brief?",
    ],
)
def test_questions_about_the_brief_itself_are_not_source_questions(question: str) -> None:
    assert not is_source_question(question)


def test_the_date_a_cited_outlet_published_is_answered_from_its_note(answerer: Answerer) -> None:
    answer = answerer.answer(
        "When did ProPublica publish the investigation on the Allende massacre?"
    )
    assert not answer.abstained
    assert "June 12, 2017" in answer.answer


def test_a_place_asked_for_by_kind_needs_one_the_question_does_not_name(
    answerer: Answerer,
) -> None:
    # The evidence speaks of Mexican farmers and poppy, and names no state.
    question = "Which Mexican states grow most of the country's opium poppy?"
    assert answerer.signals(question).type_mismatch == 1.0
    assert answerer.signals("In which Mexican state is the town of Allende?").type_mismatch == 0
    # "State actors" are the government, not a place.
    question = "Which state actors are caught up in webs of collusion with the cartels?"
    assert answerer.signals(question).type_mismatch == 0.0


def test_how_long_a_thing_lasted_is_given_by_the_leading_sentence(answerer: Answerer) -> None:
    # The brief dates Operation Intercept to 1969 and gives spans only for later operations.
    assert answerer.signals("How long did Operation Intercept last?").type_mismatch == 1.0
    assert answer_kind("How long a border wall did Trump promise?") != "duration"
    assert not answerer.answer("How long a border wall did Trump promise in 2016?").abstained


def test_a_decade_answers_a_year_asked_as_one(answerer: Answerer) -> None:
    question = (
        "Estoy escribiendo sobre las décadas de 1980 y 1990. ¿Qué riesgo veían los "
        "funcionarios de EE.UU. en compartir información sensible con México?"
    )
    signals = answerer.signals(question)
    assert signals.year_missing == 0.0
    # "EE.UU." is the United States through the glossary, not an unknown name.
    assert signals.unknown_terms == 0.0


def test_a_count_announced_brings_the_sentence_that_numbers_it(answerer: Answerer) -> None:
    # "organized according to four pillars" is followed by 'were: "1) ...; 4) ..."'.
    answer = answerer.answer("merida initiative pillars")
    assert "organized according to four pillars" in answer.answer
    assert "4) Building strong and resilient communities" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        # Led by "... agreed to reformulate the goals ... in 2011.", the announcing sentence next.
        "What four pillars did the Mérida Initiative have after it was revised in 2011?",
        # No sentence chosen announces the four, but their paragraph numbers them.
        "List the four pillars adopted when the goals of the Mérida Initiative were "
        "reformulated in 2011.",
    ],
)
def test_a_count_asked_for_brings_the_sentence_numbering_that_many(
    answerer: Answerer, question: str
) -> None:
    assert "4) Building strong and resilient communities" in answerer.answer(question).answer


def test_how_many_is_asked_for_a_figure_not_for_the_word_many(answerer: Answerer) -> None:
    terms = answerer._question_terms("How many pillars did the Mérida Initiative have?", "en")
    assert "pillar" in terms and "many" not in terms
    # Elsewhere "many" is a word like any other.
    assert "many" in answerer._question_terms("Why did many migrants leave?", "en")


def test_how_many_leads_with_a_close_sentence_that_counts_the_thing(answerer: Answerer) -> None:
    # "By 2011, ... revise the goals" matches the question best but counts nothing; "the new
    # four pillars" scores a little lower and gives the figure.
    answer = answerer.answer("How many pillars was the Mérida Initiative split into after 2011?")
    assert not answer.abstained
    assert "four pillars" in answer.citations[0].quote


def test_how_long_may_ask_for_a_length(answerer: Answerer) -> None:
    # "How long" asks for a time or a length; "the 2000-mile length wall" gives a length.
    answer = answerer.answer("How long a wall did Trump say he would build?")
    assert not answer.abstained and "2000-mile" in answer.answer
    answer = answerer.answer("How long was the border wall Trump promised in 2016?")
    assert not answer.abstained and "2000-mile" in answer.answer


def test_a_range_of_years_asked_is_answered_by_that_span(answerer: Answerer) -> None:
    # "from 2000 to 2006" is the span "Vicente Fox (2000-2006)", not two years on their own.
    question = "Who governed Mexico from 2000 to 2006?"
    assert answerer.signals(question).year_missing == 0.0
    answer = answerer.answer(question)
    assert not answer.abstained and "Vicente Fox (2000-2006)" in answer.answer


def test_a_year_found_only_in_an_unrelated_sentence_is_still_missing(answerer: Answerer) -> None:
    # The brief gives homicide rates for 2007 and 2011; its one 2019 figure is about opioid
    # deaths in the United States, which shares nothing with the question but the year.
    question = "What was Mexico's homicide rate in 2019?"
    assert answerer.signals(question).year_missing == 1.0
    assert answerer.answer(question).abstained


def test_a_comparison_asked_yes_or_no_is_settled_by_the_figures(answerer: Answerer) -> None:
    # "211 individuals extradited under Vicente Fox ... 587 under Felipe Calderón" never
    # says "higher", yet it settles the question.
    question = "Were extraditions higher under Calderón than under Fox?"
    assert answerer.signals(question).yes_no == 0.0
    answer = answerer.answer(question)
    assert not answer.abstained and "587" in answer.answer


def test_who_wrote_a_source_is_answered_by_the_note_naming_its_author(
    answerer: Answerer,
) -> None:
    # Note 13 names its author surname first: "Thompson, Ginger. ...".
    assert holds_kind("person", 'Thompson, Ginger. "How the U.S. triggered a massacre in Mexico"')
    assert not holds_kind("person", "However, the ongoing challenges of corruption")
    answer = answerer.answer("Who wrote the ProPublica article on the Allende massacre?")
    assert not answer.abstained and "Thompson, Ginger" in answer.answer


def test_which_x_is_answered_by_naming_x_other_than_the_question_names(
    answerer: Answerer,
) -> None:
    # The best sentence names only "Operation Intercept"; the next names the ones asked for.
    answer = answerer.answer("Which operations came after Operation Intercept?")
    assert "Canador (1970-1975), Trizo (1975-1976), and Condor" in answer.answer
    # Things asked for by kind without names are left as they were: no sentence is added
    # for a capitalised word that merely stands near the noun.
    answer = answerer.answer("Which drug crops did the eradication programs target?")
    assert "opium and marijuana" in answer.citations[0].quote


def test_a_paragraph_pointing_back_lends_the_year_of_the_one_before(answerer: Answerer) -> None:
    # "The approval of this law happened only a few weeks after ... Cienfuegos" follows the
    # paragraph that dates the law "December 15, 2020".
    question = "Which general's U.S. charges were dropped in 2020, and why?"
    assert answerer.signals(question).year_missing == 0.0
    assert "Cienfuegos" in answerer.answer(question).answer


@pytest.mark.parametrize(
    ("question", "about_sources"),
    [
        ("How many people died, according to the figures the brief cites?", False),
        ("¿Cuántas personas murieron, según las fuentes que cita el informe?", False),
        ("According to the press release, who would benefit?", True),
        ("Which sources does the brief cite, according to the notes?", True),
    ],
)
def test_a_source_named_to_qualify_a_question_does_not_make_it_one_about_sources(
    question: str, about_sources: bool
) -> None:
    assert is_source_question(question) is about_sources


def test_a_name_is_the_bodys_even_if_a_note_spells_out_one_more_word(answerer: Answerer) -> None:
    # The body says "the Hemisphere Drug Policy Commission"; only the notes say "Western".
    question = "What did the Western Hemisphere Drug Policy Commission say about Mérida?"
    assert answerer.signals(question).cited_only == 0.0
    assert capitalised_runs(question)[0] == "Western Hemisphere Drug Policy Commission"


@pytest.mark.parametrize(
    "question",
    [
        "Who did López Obrador appoint as ambassador to Washington?",
        "Who did Biden pick as his new DEA administrator?",
        "Who headed the DEA in 1985?",
    ],
)
def test_a_person_chosen_for_a_role_needs_a_name_in_that_role(
    answerer: Answerer, question: str
) -> None:
    assert answerer.signals(question).type_mismatch == 1.0


def test_a_capitalised_spanish_question_word_is_not_a_name(answerer: Answerer) -> None:
    assert "que" not in answerer._question_terms("¿Qué dijo López Obrador?", "es")


def test_the_united_states_is_one_known_name(answerer: Answerer) -> None:
    signals = answerer.signals("How many people were extradited to the United States under Fox?")
    assert signals.unknown_names == 0.0


def test_a_count_up_to_a_month_does_not_answer_for_the_whole_year(answerer: Answerer) -> None:
    # The brief counts 30 extraditions "by February of 2020", not a total for 2020.
    assert answerer.signals("What was Mexico's total number of extraditions in 2020?").year_missing
    assert answerer.answer("How many people did Mexico extradite during 2020 as a whole?").abstained
    # Asked up to that month, the count answers.
    for question in (
        "How many extraditions had Mexico completed by February 2020?",
        "¿Cuántas extradiciones había hecho México para febrero de 2020?",
    ):
        assert answerer.signals(question).year_missing == 0.0
        assert "30" in answerer.answer(question).answer


@pytest.mark.parametrize(
    "question",
    [
        "How many extraditions were there under Calderón?",
        "¿Cuántas extradiciones hubo bajo Calderón?",
    ],
)
def test_a_count_given_by_another_form_of_the_counted_noun(
    answerer: Answerer, question: str
) -> None:
    # "a total of 587 under Calderón" counts "individuals extradited": extraditions.
    assert answerer.signals(question).count_missing == 0.0
    answer = answerer.answer(question)
    assert not answer.abstained
    assert "587" in answer.answer


def test_a_spanish_question_word_is_no_unknown_name(answerer: Answerer) -> None:
    # "¿Cuántos" opens the question with a capital, like a name the corpus lacks.
    question = (
        "¿Cuántos periodistas asesinados cuenta el Comité para la Protección de los Periodistas?"
    )
    assert answerer.signals(question).unknown_terms == 0.0
    assert "133" in answerer.answer(question).answer


def test_a_shortened_month_is_read_as_the_month(answerer: Answerer) -> None:
    signals = answerer.signals("How many extraditions had Mexico completed by Feb 2020?")
    assert signals.unknown_names == 0.0
    assert signals.year_missing == 0.0


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of Coahuila?",
        "How long a prison term did General Cienfuegos face?",
        "What's Loyola University's tuition?",
        # A life event the brief never speaks of.
        "When was Felipe Calderón born?",
        "Which courses does the author teach at Loyola University?",
    ],
)
def test_an_attribute_the_corpus_never_names_is_not_in_the_evidence(
    answerer: Answerer, question: str
) -> None:
    # Every other word is the brief's ("Coahuila", "Cienfuegos", "Loyola University").
    assert answerer.signals(question).type_mismatch == 1.0
    assert answerer.answer(question).abstained


@pytest.mark.parametrize(
    "question",
    [
        "What is the title of the larger report this chapter belongs to?",
        "What was Mexico's homicide rate in 2011?",
        "What was the name of the 1969 operation that shut the border?",
        # A word any value answers for need not be the brief's own.
        "What subject does the author teach?",
        # A reader's word for one of the brief's ("scheme": "initiative"), before "meant to".
        "What was the short-lived scheme meant to spread NAFTA's benefits?",
        # A change asked for, not an attribute: "go up" is no attribute of the rate.
        "How much did Mexico's homicide rate go up between 2007 and 2011?",
        # A question about sources is answered by an endnote, whatever it calls the source.
        "What's the source behind the claim that the National Guard tortured migrants?",
    ],
)
def test_an_attribute_the_corpus_names_may_be_answered(answerer: Answerer, question: str) -> None:
    assert answerer.signals(question).type_mismatch == 0.0


def test_a_verb_after_the_counted_noun_is_not_what_is_counted(answerer: Answerer) -> None:
    # "150,000 people have died" counts people, not soldiers: "died" is not the noun.
    assert answerer.signals("How many soldiers died in the drug war?").count_missing == 1.0
    # People under any name are counted by a figure of people.
    for question in (
        "How many people died in Mexico's war on drugs since 2006?",
        "How many Mexicans died in the drug war since 2006?",
        "How many dead does the brief count for the drug war since 2006?",
    ):
        assert answerer.signals(question).count_missing == 0.0
        assert "150,000" in answerer.answer(question).answer


def test_a_figure_for_the_other_country_does_not_answer(answerer: Answerer) -> None:
    # The brief gives the opioid share of drug-related deaths in the United States only.
    mexico = "What share of drug-related deaths in Mexico came from opioid overdoses in 2019?"
    assert answerer.signals(mexico).type_mismatch == 1.0
    assert answerer.answer(mexico).abstained
    # The 133 journalists murdered since 2000 were murdered in Mexico.
    assert answerer.signals(
        "How many journalists have been killed in Guatemala since 2000?"
    ).type_mismatch
    usa = "What share of drug-related deaths in the United States came from opioids in 2019?"
    assert answerer.signals(usa).type_mismatch == 0.0
    assert "70 percent" in answerer.answer(usa).answer


def test_a_verb_straight_after_how_many_counts_no_named_thing(answerer: Answerer) -> None:
    # "how many murdered since 2000" counts people: "since" is not the thing counted.
    question = "Journalists in Mexico: how many murdered since 2000?"
    assert answerer.signals(question).count_missing == 0.0
    assert "133" in answerer.answer(question).answer


def test_a_sentence_that_is_only_a_pointer_back_brings_what_it_points_to(
    answerer: Answerer,
) -> None:
    # "This constitutes perhaps the greatest challenge ...": "this" is corruption and impunity.
    answer = answerer.answer(
        "What is the greatest challenge to opening a new chapter in security cooperation?"
    )
    assert "This constitutes perhaps the greatest challenge" in answer.answer
    assert "corruption and impunity" in answer.answer


def test_a_figure_asked_for_someones_time_in_office_must_come_from_it(
    answerer: Answerer,
) -> None:
    # The brief counts extraditions under Fox, Calderón and López Obrador, not Peña Nieto.
    question = "How many extraditions took place during the Peña Nieto administration?"
    assert answerer.signals(question).year_missing == 1.0
    assert answerer.answer(question).abstained
    for asked, figure in (
        ("How many people were extradited under Calderón?", "587"),
        ("How many extraditions did Mexico carry out under López Obrador in 2019?", "58"),
    ):
        assert answerer.signals(asked).year_missing == 0.0
        assert figure in answerer.answer(asked).answer


def test_a_spanish_name_may_be_the_cognate_of_the_corpus_name(answerer: Answerer) -> None:
    # "Operación Intercept" is "Operation Intercept", no name the corpus lacks.
    assert answerer.signals("¿Cuánto duró la Operación Intercept?").unknown_names == 0.0
    # And "¿Qué operaciones ...?" asks for operations by name, as "Which operations ...?" does.
    answer = answerer.answer("¿Qué operaciones siguieron a la Operación Intercept?")
    assert not answer.abstained
    assert "Canador" in answer.answer


def test_which_with_a_count_asks_for_the_noun_after_it(answerer: Answerer) -> None:
    # "Which three operations" asks for operations, as "Which operations" does.
    assert (
        "Canador"
        in answerer.answer("Which three operations came after Operation Intercept?").answer
    )


def test_a_question_for_several_sources_gets_every_note_of_the_claim(answerer: Answerer) -> None:
    answer = answerer.answer(
        "What sources does the brief give for the claim that 80 percent of the National Guard "
        "lacked police training?"
    )
    assert "Animal Político" in answer.answer and "WOLA" in answer.answer
    # One source asked for: one note.
    one = answerer.answer(
        "Which outlet reported that 80 percent of the National Guard lacked police training?"
    )
    assert sum(c.section_id == "endnotes" for c in one.citations) == 1


def test_a_count_of_something_else_does_not_answer(answerer: Answerer) -> None:
    # "150,000 people have died ... in Mexico's war on drugs" says nothing of overdoses, and
    # "70 percent of drug-related deaths" is a share, not a count.
    question = "How many people in the United States died of opioid overdoses?"
    assert answerer.signals(question).count_missing == 1.0
    assert answerer.answer(question).abstained
    for asked, figure in (
        ("How many people have died in Mexico's war on drugs since 2006?", "150,000"),
        ("How many journalists have been murdered in Mexico since 2000?", "133"),
    ):
        assert answerer.signals(asked).count_missing == 0.0
        assert figure in answerer.answer(asked).answer


def test_a_country_does_not_name_a_state_or_city(answerer: Answerer) -> None:
    # "Mexico joins several states in the United States that have legalized ..." names none.
    question = "Which American states allow recreational cannabis use?"
    assert answerer.signals(question).type_mismatch == 1.0
    assert answerer.answer(question).abstained
    for asked in (
        "In which Mexican state is the town of Allende?",
        "Which cities had prevention programs under the fourth pillar?",
    ):
        assert answerer.signals(asked).type_mismatch == 0.0


def test_someones_title_must_be_given_at_their_name(answerer: Answerer) -> None:
    # The brief names "the Ministry of Foreign Affairs' Fabián Medina" without a title.
    question = "What was Fabián Medina's position?"
    assert answerer.signals(question).type_mismatch == 1.0
    assert answerer.answer(question).abstained
    for asked, title in (
        ("What is William Barr's job title?", "Attorney General"),
        ("What is Gema Kloppe-Santamaría's job title?", "Assistant Professor"),
    ):
        assert answerer.signals(asked).type_mismatch == 0.0
        assert title in answerer.answer(asked).answer


def test_someones_own_attribute_must_be_named_in_the_evidence(answerer: Answerer) -> None:
    # "Mexico's homicide rate" is answered by the figures, which need not say "rate" again;
    # an attribute the evidence never names is not answered.
    assert answerer.signals("What was Mexico's homicide rate in 2011?").type_mismatch == 0.0
    assert answerer.signals("What was Calderón's approval rating?").type_mismatch == 1.0


def test_a_count_of_what_befell_something_else_does_not_answer(answerer: Answerer) -> None:
    # "the 2000-mile length wall he promised" counts a promise, not what was built.
    built = "How many miles of wall were built under Trump?"
    assert answerer.signals(built).count_missing == 1.0
    assert answerer.answer(built).abstained
    promised = "How many miles of wall were promised by Trump?"
    assert answerer.signals(promised).count_missing == 0.0
    assert "2000-mile" in answerer.answer(promised).answer


@pytest.mark.parametrize(
    "question",
    ["How old was Kiki Camarena when he was killed?", "¿Qué edad tenía Calderón en 2006?"],
)
def test_an_age_is_asked_for_by_how_old(answerer: Answerer, question: str) -> None:
    # The brief gives years ("the 1985 kidnapping"), never anyone's age.
    assert answerer.signals(question).type_mismatch == 1.0
    assert answerer.answer(question).abstained


def test_an_age_is_given_in_years_old_or_aged() -> None:
    assert holds_kind("age", "a 45-year-old officer") and holds_kind("age", "aged 45")
    assert not holds_kind("age", "the 1985 kidnapping")


def test_a_group_asked_for_by_kind_needs_a_name_beside_its_noun(answerer: Answerer) -> None:
    # The brief never says which cartel the general was accused of protecting, though the
    # sentences about him name other things.
    assert answerer.signals(
        "Which cartel was General Cienfuegos accused of protecting?"
    ).type_mismatch
    # It does name the cartel behind the Allende massacre ("the Zetas cartel").
    answer = answerer.answer("Which cartel carried out the Allende massacre?")
    assert not answer.abstained
    assert "Zetas" in answer.answer


def test_a_role_asked_for_with_a_country_before_it_needs_someone_in_that_role(
    answerer: Answerer,
) -> None:
    # The brief names no ambassador at all.
    assert answerer.answer(
        "Who was the U.S. ambassador to Mexico during the Cienfuegos affair?"
    ).abstained
    # "anti-narcotics" is no name before the role: the brief calls him the "czar".
    answer = answerer.answer("Who was the Mexican anti-narcotics chief arrested in 1997?")
    assert "Gutiérrez Rebollo" in answer.answer


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # The brief gives years at the names of other presidents, never at López Obrador's.
        ("In what years does the brief place AMLO's term in office? Give the term dates.", True),
        ("What are the term dates the brief gives for Felipe Calderón?", False),
        ("When were George W. Bush and Donald Trump in office, according to the brief?", False),
    ],
)
def test_term_dates_are_given_at_the_name(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # The statement first names who the question is about; the question asks a role or
        # a reaction the brief never gives.
        (
            "The brief quotes the Hemisphere Drug Policy Commission. Who chaired the commission?",
            True,
        ),
        ("Barr criticized Mexico's foreign-agents law. How did the FBI director respond?", True),
        # ... or one it does: "General Salvador Cienfuegos" is named, not anew.
        ("The brief discusses General Cienfuegos. Who replaced him as defense minister?", True),
        ("The chapter discusses the Allende massacre. Which cartel orchestrated it?", False),
    ],
)
def test_a_question_after_a_statement_is_read_as_asked(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Under pressure from the White House, where did Mexico send its new National Guard?",
            "southern border",
        ),
        (
            "What did Mexico City agree to after pressure from the White House on migration?",
            "southern border",
        ),
    ],
)
def test_a_government_called_by_its_seat_is_the_briefs(
    answerer: Answerer, question: str, expected: str
) -> None:
    # Only the notes write "White House" or "Mexico City"; a reader means the governments.
    answer = answerer.answer(question)
    assert not answer.abstained
    assert expected in answer.answer


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # The brief reports no reaction of the Mexican government to ProPublica, nor any of
        # Biden's team to the law.
        ("How did the Mexican government respond to the ProPublica report on Allende?", True),
        ("How did the Biden transition team respond to the foreign-agents law?", True),
        # "AMLO celebrated the controversial decision as a 'diplomatic victory'".
        ("How did AMLO react to the U.S. decision to drop the charges against Cienfuegos?", False),
    ],
)
def test_a_reaction_asked_for_is_that_ones_to_that(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


def test_how_often_is_answered_by_a_frequency(answerer: Answerer) -> None:
    # The brief says what the law on foreign agents requires, never how often.
    question = "How often must foreign agents in Mexico report to the Foreign Ministry?"
    assert answerer.answer(question).abstained


def test_a_claim_checked_against_the_brief_is_answered_by_what_it_says(
    answerer: Answerer,
) -> None:
    # "... in 2019, Mexico extradited a total of 58 people": the figure to check is wrong,
    # and the words asking for a check ("is it accurate", "says") are no content.
    answer = answerer.answer(
        "Is it accurate that the brief says Mexico extradited 90 people in 2019?"
    )
    assert not answer.abstained
    assert "58" in answer.answer


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # "Following U.S. diplomatic and economic pressure, ...": no measure is named.
        (
            "What specific economic measure did Washington use to push Mexico into sending the "
            "National Guard to its southern border?",
            True,
        ),
        # Kinds of thing asked for are no particular one: "extortions, kidnappings, ...".
        ("What particular crimes besides homicide escalated in Mexico?", False),
    ],
)
def test_a_specific_thing_done_must_be_named(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


@pytest.mark.parametrize(
    "question",
    [
        "Once Biden took office, what did his administration do about the Mérida Initiative?",
        "¿Qué hizo Biden con el muro fronterizo tras su toma de posesión?",
        "Did Biden stop the deportations once he came to power?",
        "¿Qué cambió en la frontera desde que Biden llegó a la Casa Blanca?",
        "Once he was in office, did Biden send more money for Mérida?",
        "What did Biden's first executive orders say about Mexico?",
        "Where did Biden and López Obrador meet for the first time as presidents?",
    ],
)
def test_what_happened_after_the_inauguration_is_beyond_the_brief(
    answerer: Answerer, question: str
) -> None:
    assert answerer.signals(question).after_date == 1.0


def test_a_pledge_for_the_time_in_office_is_not_after_the_brief(answerer: Answerer) -> None:
    # The pledge was made before the inauguration, and the brief reports it.
    question = "What did Biden pledge to do once he took office?"
    assert answerer.signals(question).after_date == 0.0
    assert not answerer.answer(question).abstained


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # The brief credits the count to the Committee to Protect Journalists.
        (
            "According to Amnesty International, how many journalists have been murdered in "
            "Mexico since 2000?",
            True,
        ),
        ("Per the CPJ, what share of journalist murders in Mexico go unpunished?", False),
        ("According to ProPublica, who leaked the information to the Zetas?", False),
    ],
)
def test_an_answer_credited_to_someone_comes_from_them(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


@pytest.mark.parametrize(
    "question",
    [
        # The brief names no lawmaker and no one at the head of the Guard.
        "Which senator sponsored the Mexican law on foreign agents?",
        "¿Quién dirige la Guardia Nacional?",
    ],
)
def test_someone_asked_for_by_a_role_no_one_holds_in_the_brief_is_declined(
    answerer: Answerer, question: str
) -> None:
    assert answerer.answer(question).abstained


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # "Attorney General William Barr", "Mexico's anti-narcotics czar": titles at the name.
        ("What office did William Barr hold?", False),
        ("What position did Jesús Gutiérrez Rebollo hold?", False),
        # The author's positions are in her biography.
        ("What position did the author hold before joining Loyola?", False),
        # "the Ministry of Foreign Affairs' Fabián Medina" gives him no title.
        ("What role did Fabián Medina have in the Mexican government?", True),
    ],
)
def test_a_role_someone_held_is_a_title_at_their_name(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # The brief dates both but names no place for either.
        ("Where was General Gutiérrez Rebollo arrested in 1997?", True),
        ("Where did Calderón and Bush meet to discuss cooperation?", True),
        # "... in the town of Allende, Coahuila".
        ("In which town were dozens of people killed in March 2011?", False),
    ],
)
def test_the_place_of_an_event_must_be_named(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


def test_a_figure_asked_for_a_year_is_given_where_that_year_is_named(answerer: Answerer) -> None:
    # "... surged again in the years 2016 and 2017": no rate for 2016, though 8 and 24 are
    # given beside it for 2007 and 2011.
    assert answerer.answer("What was Mexico's homicide rate per 100,000 people in 2016?").abstained
    answer = answerer.answer("What was Mexico's homicide rate per 100,000 people in 2011?")
    assert "24" in answer.answer


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # The brief names nothing that took Mérida's place, though it speaks of its end.
        ("Which agreement superseded the Mérida Initiative once Mexico ended it?", True),
        ("What's the name of the pact that took over from Mérida?", True),
        # What should be done instead is no name: "more strategic ... deterrence policies".
        ("What approach should replace the kingpin strategy?", False),
    ],
)
def test_a_named_successor_must_be_named(answerer: Answerer, question: str, declined: bool) -> None:
    assert answerer.answer(question).abstained is declined


def test_places_asked_for_by_kind_may_be_named_further_on_in_the_leads_paragraph(
    answerer: Answerer,
) -> None:
    # Led by "Centered on at-risk populations, these programs ...", the answer names the cities
    # in the sentence before it: "... in a number of cities ..., including Tijuana".
    answer = answerer.answer(
        "Which cities had prevention programs centered on at-risk populations?"
    )
    assert not answer.abstained
    assert "Tijuana" in answer.answer
    # Another sentence of the paragraph naming no such place does not count ("DTOs").
    assert answerer.answer("Which Mexican state records the most femicides?").abstained
    # A statement may come first: the brief names no U.S. state that legalized cannabis.
    assert answerer.answer(
        "Mexico joins several U.S. states in legalizing cannabis. Which states are those?"
    ).abstained
    # Nor does a titled person or an acronym in the lead ("General Jesús Gutiérrez Rebollo",
    # "DEA agent Enrique Camarena").
    assert answerer.answer(
        "In which city was General Gutiérrez Rebollo arrested in 1997?"
    ).abstained
    assert not answerer.answer("In which state is the town of Allende?").abstained


def test_a_group_asked_for_by_kind_is_named_about_what_the_question_asks(
    answerer: Answerer,
) -> None:
    # The Zetas ordered the Allende massacre; the brief names no cartel behind Camarena's murder.
    assert answerer.answer(
        "In 1985, which cartel kidnapped and murdered Enrique Camarena?"
    ).abstained
    # "U.S. authorities" beside the Zetas is no account of what U.S. prosecutors charged.
    assert answerer.answer(
        "Which cartel did U.S. prosecutors say General Cienfuegos worked for?"
    ).abstained
    # Led by where the killings happened, the answer takes the next sentence, which says who.
    answer = answerer.answer(
        "The 2011 killings in Allende, Coahuila: which criminal group carried them out?"
    )
    assert "Zetas" in answer.answer
    # A criminal organization asked for is a group, not a cited source.
    answer = answerer.answer("Which criminal organization was behind the 2011 Allende massacre?")
    assert "Zetas" in answer.answer
    # Which groups the text names at all is about no event in particular.
    assert not answerer.answer("Which cartels does the text mention by name?").abstained


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "What did Mexico recognize once both governments called the drug problem a shared "
            "responsibility?",
            "recognized corruption",
        ),
        (
            "What did Washington pledge after both governments acknowledged a shared "
            "responsibility for the drug problem?",
            "pledged to increase efforts",
        ),
    ],
)
def test_what_was_done_once_something_happened_is_answered_beside_it(
    answerer: Answerer, question: str, expected: str
) -> None:
    # "... both governments acknowledged that the drug problem constituted a 'shared
    # responsibility.'" is the event; the sentences after it say what each side did.
    assert expected in answerer.answer(question).answer


def test_the_effect_asked_for_comes_along_after_the_sentence_on_its_cause(
    answerer: Answerer,
) -> None:
    # "... decided to send the National Guard to control Mexico's southern border ..." then
    # "The consequence of this decision has been to worsen ...".
    answer = answerer.answer(
        "After being pressured by Trump, Mexico sent the National Guard to its southern border: "
        "how did that hurt migrants?"
    )
    assert "The consequence of this decision" in answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # An effect: "has led to the fragmentation and geographical diffusion of DTOs".
        ("What has the hunt for cartel bosses led to?", "fragmentation"),
        # What to do instead: "Instead of kingpin targeting, ... the arrest of mid-level members".
        (
            "Instead of the kingpins, what should the two countries' police cooperation go after?",
            "mid-level",
        ),
    ],
)
def test_the_sentence_naming_the_relation_asked_for_leads(
    answerer: Answerer, question: str, expected: str
) -> None:
    answer = answerer.answer(question)
    assert expected in answer.answer.split(" [1]")[0]


@pytest.mark.parametrize(
    "question",
    [
        "What did Joe Biden say about the Mexican law on foreign agents?",
        "¿Qué opinó Biden sobre la ley de agentes extranjeros?",
    ],
)
def test_what_someone_said_needs_their_words_on_that_subject(
    answerer: Answerer, question: str
) -> None:
    # The brief names Biden beside the law, and reports what he backed elsewhere, but not
    # a word of his about the law.
    assert answerer.signals(question).type_mismatch == 1.0
    assert answerer.answer(question).abstained


@pytest.mark.parametrize(
    "question",
    [
        "What did Barr say about the foreign agents law?",
        "What was Barr's reaction to the foreign agents law?",
        # The author's words are every sentence of the brief.
        "What does Kloppe-Santamaría say about the kingpin strategy?",
    ],
)
def test_what_someone_said_is_answered_by_their_words(answerer: Answerer, question: str) -> None:
    assert answerer.signals(question).type_mismatch == 0.0


@pytest.mark.parametrize(
    "question", ["Who commands Mexico's National Guard?", "Who chairs the Senate committee?"]
)
def test_who_commands_asks_for_a_person_in_that_role(answerer: Answerer, question: str) -> None:
    assert answerer.signals(question).type_mismatch == 1.0


def test_the_readers_words_for_the_documents_parts_are_known(answerer: Answerer) -> None:
    # No sentence says "author" or "chapter", but every reader of it does.
    assert answerer.signals("Who is the author of this chapter?").unknown_terms == 0.0


def test_a_name_and_its_acronym_count_once(answerer: Answerer) -> None:
    # The introduction's "President Andrés Manuel López Obrador (AMLO)" gives both forms; it
    # must not outweigh the sentence that answers for saying his name twice.
    answer = answerer.answer("How did AMLO react to the release of Cienfuegos?")
    assert "diplomatic victory" in answer.answer
    assert "The aim of this chapter" not in answer.answer
    answer = answerer.answer("What did AMLO promise when he took office?")
    assert "The aim of this chapter" not in answer.answer


def test_the_paragraph_laying_out_the_chapter_answers_only_about_its_plan(
    answerer: Answerer,
) -> None:
    # "In a second section, the chapter will explore both the irritants ..." names the topic
    # of many questions but answers none of them.
    answer = answerer.answer("Which irritants will shape the relationship under Biden?")
    assert "release of Cienfuegos" in answer.answer
    assert "In a second section" not in answer.answer
    # It repeats this question's words ("potential areas of collaboration", "Biden"), and is
    # still not an answer to it.
    answer = answerer.answer(
        "What potential areas of collaboration does the author see under Biden?"
    )
    assert "harm and violence reduction" in answer.answer
    assert "In a second section" not in answer.answer
    # Asked about the plan, it is the answer.
    planned = answerer.answer("How is the chapter organized?").answer
    assert "It will also point at the evolution of this initiative" in planned


def test_each_part_asking_for_a_date_gets_a_sentence_that_gives_one(answerer: Answerer) -> None:
    # The pillars sentence does not date them; the sentence before it in the paragraph does
    # ("... agreed to reformulate the goals of the Mérida Initiative in 2011").
    answer = answerer.answer("What were the four pillars, and in what year were they adopted?")
    assert not answer.abstained
    assert "2011" in answer.answer
    assert "four pillars" in answer.answer


def test_spanish_police_training_reads_as_the_brief_words_it(answerer: Answerer) -> None:
    # "formación policial" is "police training": "80 percent lacked training and
    # certification as police officers".
    answer = answerer.answer("¿La Guardia Nacional recibió formación policial?")
    assert "80 percent lacked training" in answer.answer


def test_spanish_words_the_glossary_lacks_count_through_their_cognates(
    answerer: Answerer,
) -> None:
    terms = answerer._question_terms("¿Qué intención revela la Guardia bajo control civil?", "es")
    assert {"intention", "control"} <= set(terms)
    # A cognate the corpus never uses is not evidence.
    assert "bajo" not in terms


def test_a_figure_asked_for_exactly_is_not_answered_by_a_vague_one(answerer: Answerer) -> None:
    # The brief says "dozens of people were murdered and disappeared" in Allende.
    for question in (
        "Precisely how many victims did the Zetas kill in Allende in 2011?",
        "¿Cuántas personas exactamente asesinaron los Zetas en Allende?",
    ):
        assert answerer.signals(question).count_missing == 1.0
        assert answerer.answer(question).abstained
    # Asked plainly, the vague figure is what the brief has to give.
    assert answerer.signals("How many people were murdered in Allende?").count_missing == 0.0
    # A figure the brief gives to the unit answers an exact question.
    exact = answerer.answer("Exactly how many extraditions did Mexico carry out in 2019?")
    assert not exact.abstained
    assert "58" in exact.answer


@pytest.mark.parametrize(
    "question",
    [
        "¿Cuál es el plato típico de Oaxaca?",
        "¿Cuánto cuesta un boleto de avión a Cancún?",
    ],
)
def test_a_spanish_question_about_things_the_corpus_never_names_is_declined(
    answerer: Answerer, question: str
) -> None:
    assert answerer.signals(question).type_mismatch == 1.0
    assert answerer.answer(question).abstained


@pytest.mark.parametrize(
    "question",
    [
        # "texto" is the brief itself; "recomendación" follows an ordinal.
        "¿Qué grupos criminales nombra el texto?",
        "¿Cuál es la segunda recomendación?",
        "¿Qué porcentaje de los integrantes de la Guardia Nacional no tenía capacitación?",
        "¿Qué cultivos prometió AMLO explorar la posibilidad de legalizar?",
    ],
)
def test_a_spanish_question_in_the_briefs_terms_is_not_declined_for_its_nouns(
    answerer: Answerer, question: str
) -> None:
    assert answerer.signals(question).type_mismatch == 0.0


def test_a_first_name_the_brief_does_not_use_before_its_surname_names_no_one_new(
    answerer: Answerer,
) -> None:
    # The brief names William Barr; "Bill Barr" is the same man.
    assert (
        answerer.signals("What did Bill Barr think of the foreign agents law?").unknown_names == 0
    )
    # Someone the brief never names still counts, first name and surname.
    assert answerer.signals("What did Kamala Harris say about the wall?").unknown_names == 1.0


def test_an_acronym_in_brackets_is_a_name(answerer: Answerer) -> None:
    # The brief never names CARSI; it does name the DEA.
    carsi = "What is the Central America Regional Security Initiative (CARSI)?"
    assert answerer.signals(carsi).unknown_names == 0.5
    assert answerer.answer(carsi).abstained
    dea = "What did the Drug Enforcement Administration (DEA) do in Mexico?"
    assert answerer.signals(dea).unknown_names == 0.0


def test_the_initials_of_a_name_the_brief_spells_out_are_known(answerer: Answerer) -> None:
    # "the Committee to Protect Journalists", never "CPJ", in the brief.
    assert answerer.signals("How many journalists were killed, per the CPJ?").unknown_names == 0
    # "President Enrique Peña Nieto": his initials leave the title out.
    assert answerer.signals("What did EPN promise on security?").unknown_names == 0


def test_a_verdict_followed_by_a_wh_question_is_not_a_yes_no_question(
    answerer: Answerer,
) -> None:
    question = "Does the author cite a book? Who published it?"
    assert answerer.signals(question).yes_no == 0.0
    assert answerer.signals("Does the author cite a book?").yes_no == 1.0


def test_a_polite_request_is_not_a_yes_no_question(answerer: Answerer) -> None:
    assert answerer.signals("Could you name the four pillars of Mérida?").yes_no == 0.0
    assert not answerer.answer("Could you name the four pillars of Mérida?").abstained
    assert asks_yes_no("Could the two countries agree on drug policy?")


def test_spanish_names_of_the_ministries_are_the_briefs(answerer: Answerer) -> None:
    # "Secretaría de Relaciones Exteriores" is the brief's "Ministry of Foreign Affairs".
    question = "¿Qué dijo la Secretaría de Relaciones Exteriores sobre la Iniciativa Mérida?"
    assert answerer.signals(question).unknown_names == 0.0


def test_a_comparison_of_countries_needs_evidence_on_each(answerer: Answerer) -> None:
    # The brief gives Mexico's homicide rate, no other country's.
    for question in (
        "Is Mexico's murder rate higher than Colombia's?",
        "How do homicides in Mexico compare with homicides in Guatemala?",
    ):
        assert answerer.signals(question).type_mismatch == 1.0
        assert answerer.answer(question).abstained
    # Comparing two years of one country is what the brief does.
    years = answerer.answer("How did Mexico's homicide rate in 2011 compare with 2007?")
    assert not years.abstained


def test_what_date_asks_for_a_date_and_is_not_matched_as_a_word(answerer: Answerer) -> None:
    # "date" framed the question; matched as a word it met "to date" in an undated sentence.
    assert answerer.answer("On what date was General Cienfuegos arrested?").abstained
    passed = answerer.answer("On what date did the Mexican Congress pass the foreign agents law?")
    assert not passed.abstained
    assert "December 15, 2020" in passed.answer


def test_each_part_of_a_question_gets_a_sentence_though_it_uses_the_askers_words(
    answerer: Answerer,
) -> None:
    # The second part's "ended up" and "as a result" are not the brief's words; its answer is
    # the National Guard sent to the southern border.
    answer = answerer.answer(
        "Which two goals did Trump pursue with Mexico, and what did Mexico end up doing "
        "on its southern border as a result?"
    )
    assert "two goals" in answer.answer
    assert "National Guard" in answer.answer


def test_a_part_of_a_question_in_everyday_words_is_read_in_the_briefs() -> None:
    # "commit" is the reader's word for the brief's "pledged": the part asking what the
    # United States committed to is covered by what it pledged.
    q_terms = {"shar": 3.2, "responsibility": 4.0, "usa": 1.1, "pledg": 3.8}
    part = Answerer._part_terms("what did the US commit to doing", q_terms)
    assert part == {"usa": 1.1, "pledg": 3.8}


def test_a_part_of_a_spanish_question_is_read_through_the_glossary(answerer: Answerer) -> None:
    # "¿En qué fecha asumió Biden la presidencia y en qué fecha anunciaron ...?": the first
    # part asks about the inauguration.
    question = (
        "¿En qué fecha asumió Biden la presidencia y en qué fecha anunciaron los dos "
        "presidentes un enfoque más humano de la migración?"
    )
    q_terms = answerer._question_terms(question, "es")
    part = Answerer._part_terms("En qué fecha asumió Biden la presidencia", q_terms, "es")
    assert {"biden", "inauguration"} <= part.keys()


def test_a_title_names_no_place(answerer: Answerer) -> None:
    # "General Cienfuegos" is the only capitalised thing the evidence offers: no city.
    question = "¿En qué ciudad fue arrestado el general Cienfuegos?"
    assert answerer.signals(question).type_mismatch == 1.0
    assert answerer.answer(question).abstained
    # The town of the Allende massacre the brief does name.
    assert not answerer.answer("¿En qué ciudad ocurrió la masacre de Allende?").abstained


def test_a_word_the_body_does_not_use_is_read_as_its_form_the_body_uses(
    answerer: Answerer,
) -> None:
    assert answerer._family_of("migrat") == ["migration"]
    assert answerer._family_of("accountabl") == ["accountability"]
    assert answerer._family_of("insecur") == ["insecurity"]
    terms = answerer._question_terms("Why do people migrate from Central America?", "en")
    assert "migration" in terms and "migrat" not in terms
    # Endings that only look alike are no forms of one word: "expect" is not "expectancy".
    assert answerer._family_of("expect") == []


def test_a_sentence_naming_the_kind_the_one_taken_announces_comes_along(
    answerer: Answerer,
) -> None:
    # "... several other threats ... . Such threats include robberies, kidnappings, ...".
    answer = answerer.answer(
        "Besides drug trafficking, which crimes threaten the security of Mexican citizens?"
    )
    assert "robberies" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Apart from the cartels, what everyday dangers do regular Mexicans face that the two "
        "countries should work on?",
        "Other than the drug gangs, what crimes hurt how safe normal families in Mexico feel?",
    ],
)
def test_what_a_question_sets_apart_is_answered_by_what_the_brief_sets_apart(
    answerer: Answerer, question: str
) -> None:
    # "... other threats ... not related to drug trafficking or organized crime. Such threats
    # include robberies, ...": the sentence saying what is apart from the cartels leads.
    assert "robberies" in answerer.answer(question).answer


@pytest.mark.parametrize(
    "question",
    [
        "What does the writer recommend for rural families that make a living from opium poppies?",
        "¿Qué recomienda la autora para los agricultores que siembran amapola?",
        "What should be done for the farmers who earn their living from poppy, per the author?",
    ],
)
def test_a_course_asked_for_is_the_one_the_paragraph_urges(
    answerer: Answerer, question: str
) -> None:
    # The paragraph opens on the farmers' livelihoods and closes on what "it is urgent" to do.
    assert "sustainable measures" in answerer.answer(question).answer


@pytest.mark.parametrize(
    "question",
    [
        "Once both sides called the drug problem a shared one, what did Washington promise to do?",
        "With responsibility now shared, what did the Americans commit to on their end?",
        "When Mérida began, what did the folks in the States sign up for about the guns?",
    ],
)
def test_a_pledge_asked_of_a_government_is_the_one_it_made(
    answerer: Answerer, question: str
) -> None:
    # "The U.S. government pledged to ...", not "President-elect Joe Biden has pledged to ...".
    assert "money laundering" in answerer.answer(question).answer


def test_the_source_of_figures_is_the_statistics_agency_the_paragraph_cites(
    answerer: Answerer,
) -> None:
    # Notes 11 (INEGI's press release) and 12 (a Business Insider story on 2020's record) are
    # anchored to the paragraph of the 2007 and 2011 homicide rates.
    question = "What statistics agency does the brief cite for the homicide rates of 2007 and 2011?"
    assert "INEGI" in answerer.answer(question).answer
    # Where figures (plural, however described) come from asks for a source.
    assert is_source_question("Where do the 2007 and 2011 homicide-rate figures come from?")


def test_what_the_programs_did_for_the_young_is_asked_in_everyday_words(
    answerer: Answerer,
) -> None:
    # The brief's "at-risk populations" and "prevention programs".
    for question in (
        "what did american money buy for juarez kids so they would stay out of trouble",
        "What did Mérida money do for kids in border cities to keep them out of trouble?",
    ):
        assert "after-school" in answerer.answer(question).answer


def test_the_things_a_clause_asks_for_are_named_in_the_answer(answerer: Answerer) -> None:
    # "... agreed to reformulate the goals ... in 2011" leads; the four pillars must follow.
    question = (
        "When both governments redid the Mérida Initiative in 2011, what were the pillars it "
        "was rebuilt around?"
    )
    assert "Combating transnational" in answerer.answer(question).answer


def test_a_cause_asked_by_its_verb_is_named_by_what_something_is_driven_by(
    answerer: Answerer,
) -> None:
    # "Address the socioeconomic roots driving migration" only names the topic; "migration is
    # driven by the high levels of violence ..." names the cause.
    for question in (
        "What drives migration from Mexico and Central America?",
        "¿Qué impulsa la migración desde México y Centroamérica?",
    ):
        assert "high levels of violence" in answerer.answer(question).answer


@pytest.mark.parametrize(
    "question",
    [
        "How do I renew a U.S. passport at the consulate in Monterrey?",
        "Where can I apply for a visa to work in the United States?",
        "¿Cómo puedo tramitar una visa de trabajo?",
    ],
)
def test_instructions_for_the_asker_are_declined(answerer: Answerer, question: str) -> None:
    assert answerer.signals(question).type_mismatch == 1.0
    assert answerer.answer(question).abstained


def test_how_something_was_done_is_not_instructions(answerer: Answerer) -> None:
    assert answerer.signals("How did the two countries reorient the initiative?").type_mismatch == 0


def test_a_note_the_question_describes_is_taken_whatever_the_best_claim_cites(
    answerer: Answerer,
) -> None:
    # The question describes the Reuters title ("... vow to cooperate on immigration") better
    # than any sentence of the body; the best claim ("AMLO's pledge ...") cites other notes.
    answer = answerer.answer(
        "Which news agency's report is cited for the pledge by López Obrador and Biden to "
        "cooperate on immigration?"
    )
    assert "Reuters" in answer.answer


def test_the_sources_of_a_passage_are_its_paragraphs_notes(answerer: Answerer) -> None:
    # Notes 22 (Meyer, WOLA) and 23 (Angel, Animal Político) back the paragraph on AMLO's
    # promises; the Amnesty note is marked on a sentence of the next one, on the Guard.
    answer = answerer.answer(
        "Which sources are cited in the paragraph on López Obrador's unfulfilled promises and "
        "the National Guard?"
    )
    assert "Meyer" in answer.answer and "Angel" in answer.answer


def test_a_count_asked_in_one_part_is_checked_against_that_part_only(answerer: Answerer) -> None:
    # "reformulated" is the first part's; the four pillars answer the second.
    question = "In which year was Mérida reformulated, and into how many pillars was it organized?"
    assert answerer.signals(question).count_missing == 0.0
    assert not answerer.answer(question).abstained


def test_a_sentence_taking_up_the_first_and_second_of_what_the_best_named_comes_along(
    answerer: Answerer,
) -> None:
    # "... prioritizing two goals: ..." then "While the first goal required ..., the second
    # demanded the Mexican government take concrete steps ...".
    answer = answerer.answer("Which two goals did Trump prioritize, and what did each require?")
    assert "the second demanded" in answer.answer


def test_the_members_of_a_whole_are_not_answered_by_one_name_beside_it(
    answerer: Answerer,
) -> None:
    # "USAID in Mexico and the northern triangle of Central America": Mexico is beside the
    # triangle, not one of its countries, and the brief lists none of them.
    assert answerer.answer("Which countries make up the so-called northern triangle?").abstained
    assert answerer.answer("¿Qué países integran el triángulo norte?").abstained


def test_a_president_asked_for_by_role_must_be_named(answerer: Answerer) -> None:
    # Operation Intercept is dated (1969), but no Mexican president of the time is named.
    assert answerer.answer("Who was Mexico's president when Operation Intercept began?").abstained
    answer = answerer.answer("Which U.S. president did Calderón meet to ask for support?")
    assert not answer.abstained and "Bush" in answer.answer


def test_the_authors_own_work_is_found_among_the_notes(answerer: Answerer) -> None:
    # Note 43: "Kloppe-Santamaría, Gema and Alexandra Abello-Colak. Human Security and ...".
    answer = answerer.answer("Which of the sources is the author's own book, and who co-wrote it?")
    assert not answer.abstained and "Abello-Colak" in answer.answer
    spanish = answerer.answer("¿La autora cita algún libro suyo? ¿Con quién lo escribió?")
    assert "Abello-Colak" in spanish.answer or spanish.abstained


def test_a_contraction_typed_without_its_apostrophe_is_read_as_one() -> None:
    assert clean_query("whats the title, whos she, doesnt it") == (
        "what's the title, who's she, doesn't it"
    )
    assert clean_query("Whatsapp groups") == "Whatsapp groups"


def test_how_many_years_is_answered_by_the_span_at_the_name(answerer: Answerer) -> None:
    # "The Security and Prosperity Partnership (2005 to 2008)".
    question = "How many years did the Security and Prosperity Partnership last?"
    assert answerer.signals(question).count_missing == 0.0
    # Obama's "(2008-2016)" is no span of the general's years in office.
    other = "For how many years did Salvador Cienfuegos serve as defense minister?"
    assert answerer.signals(other).count_missing == 1.0


def test_deaths_are_counted_by_how_many_died(answerer: Answerer) -> None:
    # "since 2006, 150,000 people have died ... in the context of Mexico's war on drugs"
    answer = answerer.answer("How many deaths has Mexico's drug war caused since 2006?")
    assert not answer.abstained and "150,000" in answer.answer


def test_each_part_may_ask_a_figure_for_its_own_country(answerer: Answerer) -> None:
    question = (
        "How many people died in Mexico's drug war since 2006, and what share of U.S. "
        "drug-related deaths in 2019 came from opioid overdose?"
    )
    assert answerer.signals(question).type_mismatch == 0.0
    mexico_only = "What share of Mexico's drug deaths were opioid overdoses?"
    assert answerer.signals(mexico_only).type_mismatch == 1.0


def test_a_bare_why_after_a_verdict_asks_for_the_reason(answerer: Answerer) -> None:
    question = "Does the author think pressing Mexico could backfire? Why?"
    assert answerer.signals(question).yes_no == 0.0
    assert not asks_yes_no("Is the Guard under civilian control? If so, how?")
    assert asks_yes_no("Is the Guard under civilian control?")


def test_spanish_plural_adjectives_meet_their_english_cognates(answerer: Answerer) -> None:
    question = "¿Dónde enseñó la autora Relaciones Internacionales antes de llegar a Loyola?"
    assert answerer.signals(question).unknown_names == 0.0


def test_a_death_toll_asks_for_a_figure(answerer: Answerer) -> None:
    # "since 2006, 150,000 people have died": the toll needs no word "toll" in the brief.
    answer = answerer.answer("What is the death toll of the drug war in Mexico since 2006?")
    assert not answer.abstained and "150,000" in answer.answer
    # Allende's dead are "dozens": no exact toll.
    assert answerer.answer("What exactly was the death toll in Allende in 2011?").abstained


def test_the_askers_verb_source_does_not_make_a_question_about_sources() -> None:
    assert not is_source_question("Where are the poppy farms? We source our inputs there.")
    assert is_source_question("Which sources does the brief give for the poppy farms?")


def test_a_choice_the_asker_must_make_is_declined(answerer: Answerer) -> None:
    assert answerer.answer("Which security firm should we hire for our staff in Tijuana?").abstained


def test_an_attribute_named_by_words_the_corpus_never_uses_is_missing(
    answerer: Answerer,
) -> None:
    # The brief says what the law does to foreign agents, not how it punishes them.
    assert answerer.answer("What fines does the foreign-agents law impose on violators?").abstained
    assert answerer.answer("Foreign agents law: what punishments apply to DEA officers?").abstained
    assert asked_attribute("What requirements does the new law set for foreign agents?")


def test_a_mexican_outlet_is_found_by_its_spanish_title(answerer: Answerer) -> None:
    assert "spanish" in asked_genres("Which Mexican newspaper reported the end of Mérida?")
    # Note 23: Angel, "... Guardia solo ha reclutado a militares que carecen de evaluación
    # policial," Animal Político.
    answer = answerer.answer(
        "Which Mexican outlet said the Guard recruited military personnel who had no police "
        "evaluation, and who wrote the piece?"
    )
    assert "Animal Político" in answer.answer


def test_who_leads_a_group_the_brief_names_no_leader_of_is_declined(answerer: Answerer) -> None:
    assert answerer.answer("Who heads the Cartel Jalisco Nueva Generación today?").abstained
    assert answerer.answer("Who currently runs the Zetas?").abstained


def test_a_president_is_named_by_the_time_of_his_rule(answerer: Answerer) -> None:
    # "from a total of 211 individuals extradited under Vicente Fox (2000-2006)"
    answer = answerer.answer("Under which two presidents were 211 and then 587 people extradited?")
    assert not answer.abstained and "Vicente Fox" in answer.answer


def test_whose_asks_and_names_nothing() -> None:
    assert tokenize("Whose idea was the plan?") == ["idea", "plan"]


def test_an_origin_asked_for_is_named_by_what_something_resulted_from(
    answerer: Answerer,
) -> None:
    # "... in this case the initiative resulted from the Mexican government's request" and
    # "The United States responded to Mexico's demands ...".
    answer = answerer.answer("Was the Mérida Initiative forced on Mexico by Washington?")
    assert "request" in answer.answer or "demands" in answer.answer


def test_a_thing_asked_for_by_its_name_is_named_beside_its_noun(answerer: Answerer) -> None:
    # "the commercialized sale of highly addictive drugs by major U.S. pharmaceutical
    # companies": no company is named.
    assert answerer.answer(
        "Which pharmaceutical firms does the author blame for the opioid epidemic?"
    ).abstained
    # "Some of the prevention programs supported by USAID ... showed positive results".
    program = "What was the name of the USAID prevention program that worked?"
    assert answerer.answer(program).abstained
    # The partnership's name stands where the brief does not call it a program.
    named = answerer.answer("What was the name of the short-lived 2005-2008 trilateral program?")
    assert "Security and Prosperity Partnership" in named.answer


def test_a_question_passed_on_is_read_as_the_question_itself(answerer: Answerer) -> None:
    # The brief names no one convicted for Camarena's murder; the closing "Does the brief
    # say?" must not stand in for the question.
    passed_on = "A reader asks who was sentenced for killing Kiki Camarena. Does the brief say?"
    assert answerer.answer(passed_on).abstained
    per_brief = answerer.answer("Per the brief, which criminal group ran the Allende massacre?")
    assert "Zetas" in per_brief.answer
    # The answer still shows the reader's own words.
    assert answerer.answer(passed_on).question == passed_on


def test_a_person_asked_for_by_what_was_done_to_them_must_be_named_for_it(
    answerer: Answerer,
) -> None:
    # "the arrest in 1997 of General Jesús Gutiérrez Rebollo".
    answer = answerer.answer("Who was arrested in 1997 on drug charges?")
    assert not answer.abstained and "Gutiérrez Rebollo" in answer.answer
    assert answerer.answer("Who was prosecuted for the Allende massacre?").abstained


def test_the_attribute_asked_after_a_scene_is_checked(answerer: Answerer) -> None:
    question = "The new law limits foreign agents. What fines do the agents face if they break it?"
    assert answerer.signals(question).type_mismatch == 1.0
    # The brief's own parts need not be called by the asker's name for them.
    mine = "My boss wants bullets. What are the brief's five key policy recommendations?"
    assert answerer.signals(mine).type_mismatch == 0.0


def test_an_actual_toll_is_an_exact_one(answerer: Answerer) -> None:
    # Allende: "dozens of people were murdered and disappeared".
    assert answerer.answer("What was the actual death toll of the Allende massacre?").abstained
    assert answerer.answer("Does the brief pin down how many died in Allende?").abstained


def test_a_period_named_as_the_government_doing_something(answerer: Answerer) -> None:
    assert asked_period("How many people did Peña Nieto's government extradite?") == "Peña Nieto"
    assert answerer.answer("How many people did Peña Nieto's administration extradite?").abstained


def test_cartel_bosses_asked_for_must_be_named(answerer: Answerer) -> None:
    assert answerer.answer(
        "Which cartel bosses were among the 58 people extradited in 2019?"
    ).abstained


def test_a_cause_asked_by_what_set_it_off() -> None:
    assert relation_named("What set off the massacre in Allende?") is not None


def test_a_premise_put_first_is_a_part_of_its_own() -> None:
    parts = question_parts("Since the wall stopped migration, should Biden finish it?")
    assert parts == ["Since the wall stopped migration", "should Biden finish it"]


def test_a_verdict_on_citing_her_own_work_is_settled_by_her_note(answerer: Answerer) -> None:
    question = "Does the author ever cite a study of her own on local crime?"
    assert answerer.signals(question).yes_no == 0.0
    assert "Abello-Colak" in answerer.answer(question).answer


def test_a_remark_after_the_question_is_no_part_of_it(answerer: Answerer) -> None:
    question = (
        "The brief blames 'major U.S. pharmaceutical companies.' Which companies does it name? "
        "That seems like a weak claim to me."
    )
    assert answerer.answer(question).abstained


def test_a_reason_asked_by_why_is_named_by_what_something_is_driven_by(
    answerer: Answerer,
) -> None:
    # "Mexican and Central American migration is driven by the high levels of violence ..."
    answer = answerer.answer("Why do so many people migrate from Central America and Mexico?")
    assert "is driven by" in answer.answer.split(" [1]")[0]
    spanish = answerer.answer("¿Por qué migran tantas personas desde Centroamérica y México?")
    assert "is driven by" in spanish.answer


def test_what_a_cause_takes_up_comes_along(answerer: Answerer) -> None:
    # "... snitched information to U.S. authorities." then "According to a ProPublica
    # investigation, a Mexican federal police unit leaked the information ...".
    answer = answerer.answer("What triggered the Allende killings, and who leaked the tip?")
    assert "federal police unit" in answer.answer


def test_a_figure_asked_for_as_done_is_not_answered_by_one_promised(answerer: Answerer) -> None:
    # "far from the 2000-mile length wall he promised during his 2016 campaign".
    assert answerer.answer("How much of the border wall had Trump actually completed?").abstained
    promised = answerer.answer("How many miles of wall did Trump promise in 2016?")
    assert "2000-mile" in promised.answer
    # A premise giving the promised figure is corrected, not declined.
    premise = "Since Trump actually finished the 2,000-mile wall, did drug flows fall?"
    assert answerer.signals(premise).count_missing == 0.0
    premise = "Since Trump got the 2,000-mile wall he promised built, did drug flows fall?"
    assert answerer.signals(premise).count_missing == 0.0
    # A figure the question itself calls a promise is no premise.
    asked = "Trump vowed a wall of 2,000 miles. How many miles of it were actually finished?"
    assert answerer.answer(asked).abstained


def test_names_only_a_cited_title_gives_are_not_the_briefs_to_answer_for(
    answerer: Answerer,
) -> None:
    # Tlatlaya and Regina Martínez appear only in the titles of notes 20 and 16.
    assert answerer.signals("What happened to the soldiers after Tlatlaya?").cited_only == 1.0
    deed = "Per the Guardian story in the notes, who was behind Regina Martínez's murder?"
    assert answerer.answer(deed).abstained
    # Which work reported it is the note's to answer.
    outlet = "Which newspaper's investigation of Regina Martínez's murder does the brief cite?"
    assert "Guardian" in answerer.answer(outlet).answer


def test_something_earned_is_an_attribute_the_brief_must_name(answerer: Answerer) -> None:
    # Her PhD is from the New School; the brief says nothing of an earlier degree.
    assert answerer.answer("Where did the author complete her undergraduate studies?").abstained
    assert asked_attribute("When did she finish her PhD?") == "PhD"


def test_spanish_roles_and_positions_must_be_named(answerer: Answerer) -> None:
    # The brief names no head of the CJNG and gives Fabián Medina no title.
    assert answerer.answer("¿Quién es el jefe del Cártel Jalisco Nueva Generación?").abstained
    assert answerer.answer("¿Qué puesto tenía Fabián Medina en la cancillería?").abstained
    # "U.S. Attorney General William Barr": a title at his name.
    barr = answerer.answer("¿Qué cargo ocupaba William Barr cuando criticó la ley?")
    assert not barr.abstained and "Barr" in barr.answer


def test_a_lead_naming_its_subject_as_this_institution_brings_the_sentence_naming_it(
    answerer: Answerer,
) -> None:
    # "Even though this institution was supposed to operate under civilian control, ... 80
    # percent lacked training ..." follows "... AMLO's newly created National Guard ...".
    answer = answerer.answer("What portion of the new force lacked police certification in 2020?")
    assert "80 percent" in answer.answer and "National Guard" in answer.answer


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # The brief tells of arrests and of charges dropped, never of a verdict or a sentence.
        ("When were Camarena's killers sentenced, and to what?", True),
        ("Did Cienfuegos ever face trial in Mexico?", True),
        # Charges dropped settle a conviction asked of wrongly.
        ("On what charges was General Cienfuegos convicted in the United States?", False),
        ("¿De qué fue condenado Cienfuegos en Estados Unidos?", False),
        # Sent "to face trial" is extradited: the kingpin strategy.
        (
            "What was the name for capturing cartel leaders and sending them north to face trial?",
            False,
        ),
    ],
)
def test_how_a_case_ended_in_court_must_be_told(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


def test_more_near_misses_the_evidence_must_hold(answerer: Answerer) -> None:
    # No successor of Mérida, no Zetas leader, no appropriation, no Tlatlaya toll in the brief.
    assert answerer.answer("Whats the name of the agreement that replaced Mérida?").abstained
    assert answerer.answer("Who led the Zetas in 2011?").abstained
    assert answerer.answer("How much did Congress appropriate for Mérida in 2008?").abstained
    assert answerer.answer("How many died at Tlatlaya, per the WOLA report in the notes?").abstained
    # ... asked after a sentence or a colon naming the cited work's subject.
    for question in (
        "The notes cite a WOLA report on Tlatlaya. How many people died there?",
        "Tlatlaya, in the endnotes: how many people were killed?",
    ):
        assert answerer.answer(question).abstained
    # "Which publication ran ...?" asks for an outlet, not a leader.
    outlet = "Which publication ran the piece on the Guard breaking its human-rights vow?"
    assert not answerer.answer(outlet).abstained


def test_which_of_her_own_books_is_answered_by_her_note(answerer: Answerer) -> None:
    answer = answerer.answer("Which of the author's own books is cited, and with whom?")
    assert "Abello-Colak" in answer.answer


def test_spanish_words_before_a_noun_and_common_nouns_are_read(answerer: Answerer) -> None:
    # "el actual presidente": "actual" stands before the noun; "la fuerza", "el zar" are the
    # brief's force and czar.
    question = "¿Qué porcentaje de la fuerza creada por el actual presidente no tenía formación?"
    assert not answerer.answer(question).abstained
    assert not answerer.answer("¿Qué zar antidrogas mexicano fue arrestado en 1997?").abstained


def test_where_someones_criticism_comes_from_asks_for_its_source(answerer: Answerer) -> None:
    assert is_source_question("Where does the Attorney General's statement on the law come from?")
    answer = answerer.answer("Where do Barr's remarks about the foreign-agents law come from?")
    assert "Department of Justice" in answer.answer


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # The brief's account of the general ends with his return to Mexico.
        ("Once the general was flown back home, did a Mexican court try him?", True),
        ("What has Cienfuegos been up to since he returned to Mexico?", True),
        ("Once the general was back in his country, was he investigated there?", True),
        ("¿Qué hizo la fiscalía con Cienfuegos después de su regreso?", True),
        ("Why did Mexico want Cienfuegos back?", False),
    ],
)
def test_what_followed_a_return_must_be_told_past_it(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # The brief reports the Commission's call to reassess Mérida, not what should follow it.
        ("What did the Drug Policy Commission say ought to replace the Mérida Initiative?", True),
        ("What did the Commission want put in place of Mérida?", True),
        ("¿Con qué programa quería la Comisión sustituir a la Iniciativa Mérida?", True),
        # A way of working to be replaced is the author's recommendation.
        ("What should replace kingpin targeting, in the author's view?", False),
    ],
)
def test_what_should_replace_a_program_must_be_named(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


def test_an_amount_spent_asks_for_money_the_brief_never_gives(answerer: Answerer) -> None:
    assert answer_kind("What was the combined amount of aid disbursed under Mérida?") == "money"
    long_cost = "How much did all the aircraft and scanners sent to Mexico under the plan cost?"
    assert answer_kind(long_cost) == "money"
    assert answerer.answer("What is the total amount Washington allocated to Mérida?").abstained


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # The brief gives the overdose toll as a share and the economic support fund's part
        # as "a small fraction"; a span of fiscal years is no figure.
        (
            "How many Americans were killed by opioids in 2019 - the count, not a percent?",
            True,
        ),
        (
            "In 2019, how many Americans died from opioid overdoses? Not the percent, the number.",
            True,
        ),
        ("what percent of the merida aid was given to the economic support fund exactly", True),
        ("How many of the U.S. drug deaths in 2019 were from opioids?", False),
    ],
)
def test_a_count_or_exact_share_is_not_given_by_a_share_or_a_span_of_years(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


def test_names_typed_in_lower_case_are_read_as_names(answerer: Answerer) -> None:
    # The brief gives extraditions under Fox, Calderón and in 2019, none under Peña Nieto.
    assert answerer.answer("during pena nieto's term how many extraditions were there").abstained
    assert not answerer.answer("how many were extradited under calderon").abstained


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # No editor of the report the chapter belongs to is named; a cited book's are.
        ("Who edited the Re-Building a Complex Partnership collection?", True),
        ("who edited the full report that this brief is part of", True),
        ("Who edited the Routledge volume with Brian Bow's chapter?", False),
    ],
)
def test_an_editor_asked_for_is_one_the_evidence_names(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # No head of the DEA is named; Mexico's presidents are.
        ("Who was heading the DEA during the Camarena case?", True),
        ("Whom did Trump choose to lead the DEA?", True),
        ("Who was running Mexico when the Mérida Initiative began?", False),
    ],
)
def test_who_was_running_something_asks_for_its_head(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


def test_a_rate_for_a_year_is_not_given_by_a_count_up_to_a_month_of_it(
    answerer: Answerer,
) -> None:
    # "by February of 2020, ... 30 extraditions" names 2020; no rate for it.
    question = "What was the murder rate per 100,000 people in Mexico in 2020?"
    assert answerer.signals(question).year_missing == 1.0


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # The brief names neither the U.S. states with legal cannabis nor the Guard's head.
        ("Name the American states where recreational marijuana is already legal.", True),
        ("Who has been in charge of the National Guard since it was created?", True),
        ("Name the cities where the prevention programs ran.", False),
    ],
)
def test_places_asked_by_name_and_whoever_is_in_charge_must_be_named(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


def test_a_spanish_name_of_a_partnership_is_read_for_its_years(answerer: Answerer) -> None:
    # "(2005 to 2008)" stands right after the English name of the partnership.
    question = "¿Durante cuántos años existió la Alianza para la Seguridad y la Prosperidad?"
    answer = answerer.answer(question)
    assert not answer.abstained
    assert "2005 to 2008" in answer.answer


def test_who_sat_on_a_body_asks_for_members_the_evidence_names(answerer: Answerer) -> None:
    assert answerer.answer(
        "Who served on the commission that called for reassessing Mérida?"
    ).abstained


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # Note 46 gives only "International Crisis Group, 2020."
        ("What is the Crisis Group report cited in note 46 called?", True),
        ("Which organization is cited only by name and year, without a title?", False),
    ],
)
def test_a_title_asked_of_a_note_giving_none_is_declined(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


def test_how_often_is_answered_by_a_share(answerer: Answerer) -> None:
    question = "How often is anyone punished for murdering a journalist in Mexico?"
    assert answerer.signals(question).type_mismatch == 0.0


def test_a_wrong_year_to_check_is_answered_by_the_year_the_brief_gives(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("Is it true that the Mérida Initiative began in 2009?")
    assert not answer.abstained
    assert "2007" in answer.answer


def test_the_recommendations_asked_for_as_a_whole_are_the_briefs_list(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("Which recommendations does the author make to both governments?")
    assert not answer.abstained
    for item in ("all-out war approach", "health-centered approach", "corruption and impunity"):
        assert item in answer.answer


def test_the_author_of_a_cited_piece_is_asked_of_the_notes(answerer: Answerer) -> None:
    assert is_source_question("Who was the reporter of the Reuters story on the joint pledge?")
    assert is_source_question("Which study does the brief draw on for the Guard's training?")
    answer = answerer.answer("Who is the writer of the article about the Guard breaking its vow?")
    assert not answer.abstained


def test_whose_idea_something_was_asks_where_it_came_from(answerer: Answerer) -> None:
    answer = answerer.answer("Did the impetus for the 2007 aid package come from Mexico City?")
    assert not answer.abstained
    assert "Mexican government's request" in answer.answer


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # The brief's rates are national; it names Tijuana only among the program cities.
        ("What was the murder rate in Tijuana in 2011?", True),
        ("How many people were murdered in Monterrey during the Calderón years?", True),
        ("What was the homicide rate in Mexico in 2011?", False),
        ("How many journalists have been murdered in Mexico since 2000?", False),
        ("¿Cuántos asesinatos hubo en Tijuana en 2011?", True),
        ("¿Qué porcentaje de las muertes por drogas en EE.UU. causaron los opioides?", False),
    ],
)
def test_a_figure_asked_for_a_place_is_one_given_for_it(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


def test_what_a_claim_is_footnoted_to_asks_about_sources() -> None:
    assert is_source_question("What is the figure on the Guard's training footnoted to?")


def test_what_a_cited_work_says_is_asked_after_a_clause_naming_it(answerer: Answerer) -> None:
    question = (
        "In his Washington Post column on the general, what did Leon Krauze argue would "
        "happen next?"
    )
    assert answerer.answer(question).abstained


@pytest.mark.parametrize(
    "question",
    [
        "Who contributed the remaining chapters of the Re-Building a Complex Partnership volume?",
        "What does the security chapter in the same report argue about energy?",
        "¿Quiénes escribieron los otros capítulos del informe?",
    ],
)
def test_other_chapters_of_the_report_are_beyond_the_brief(
    answerer: Answerer, question: str
) -> None:
    assert answerer.answer(question).abstained


def test_who_was_behind_something_is_read_in_spanish(answerer: Answerer) -> None:
    answer = answerer.answer("¿Qué grupo estuvo detrás de lo ocurrido en Allende en 2011?")
    assert "Zetas" in answer.answer


def test_a_named_kind_of_work_asked_for_is_a_source_question() -> None:
    assert is_source_question("Which Western Hemisphere Drug Policy Commission report says so?")
    assert not is_source_question("Which Mexican drug trafficking organization was behind it?")


def test_a_keyword_question_opening_with_a_name_only_the_notes_give(answerer: Answerer) -> None:
    assert answerer.answer("Tlatlaya victims number?").abstained


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # No one is named as convicted for Camarena's murder; the 1997 arrest is named.
        ("Which traffickers were ever convicted for Kiki Camarena's death?", True),
        ("Which people were eventually punished for the 1985 killing of Camarena?", True),
        ("Which Mexican general was arrested in 1997?", False),
        ("Which DEA agent was abducted and killed in 1985?", False),
    ],
)
def test_which_people_met_the_laws_answer_must_be_named(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


def test_a_spanish_corporation_and_season_are_read(answerer: Answerer) -> None:
    question = (
        "¿Qué parte de la corporación creada por AMLO carecía de certificación en el verano "
        "de 2020?"
    )
    answer = answerer.answer(question)
    assert "80 percent" in answer.answer


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # Only a place or a person is shared with the brief.
        ("Suggest a recipe for Monterrey cabrito", True),
        ("Any good recipe for Tijuana-style birria?", True),
        ("Who is Cienfuegos?", False),
        ("Cienfuegos arrest date?", False),
    ],
)
def test_a_question_sharing_only_a_name_with_the_brief_is_declined(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


def test_a_role_after_an_abbreviated_country_is_read(answerer: Answerer) -> None:
    question = "Which U.S. president first decertified Mexico as an anti-drug ally?"
    assert answerer.answer(question).abstained
    assert not answerer.answer("Which U.S. president launched the Mérida Initiative?").abstained


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # The asker's trade and town are beside the question, not part of it.
        (
            "I run a dental practice in Brownsville and my hygienists ask me things. "
            "Which three cities got the violence-prevention programs?",
            "Ciudad Juárez",
        ),
        (
            "We manage warehouses near Nogales. Who was behind the 2011 massacre in Allende?",
            "Zetas",
        ),
    ],
)
def test_a_sentence_about_the_asker_does_not_make_the_question_unknown(
    answerer: Answerer, question: str, fact: str
) -> None:
    answer = answerer.answer(question)
    assert not answer.abstained
    assert fact in answer.answer


def test_an_off_topic_question_after_a_sentence_about_the_asker_is_declined(
    answerer: Answerer,
) -> None:
    question = (
        "I work nights at a hospital in Laredo. What dosage of melatonin helps shift workers?"
    )
    assert answerer.answer(question).abstained


def test_the_next_sentence_taking_up_what_was_asked_comes_along(answerer: Answerer) -> None:
    # The best sentence says "murdered ... in Allende"; the next, "The massacre was
    # orchestrated by ...", names who did it.
    answer = answerer.answer("Who was behind the 2011 massacre in Allende?")
    assert "Zetas" in answer.answer


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # Everyday subjects that share a city with the brief.
        ("Which Monterrey soccer club has won the most league titles?", True),
        ("Which beach hotel in Tijuana has the best views?", True),
        # Questions about the brief, however plainly put.
        ("Short version: what does the author want both governments to do?", False),
        ("Which Texas town is Allende close to?", False),
    ],
)
def test_a_question_about_an_everyday_subject_is_declined(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


def test_a_question_standing_on_its_own_is_read_without_the_askers_sentence(
    answerer: Answerer,
) -> None:
    question = (
        "I drive a truck between Laredo and Monterrey for a U.S. company. "
        "What share of the National Guard lacked police training in 2020?"
    )
    answer = answerer.answer(question)
    assert not answer.abstained
    assert "80 percent" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Which new bilateral cooperation agreement did the two countries sign to succeed Mérida?",
        "What successor framework to the Mérida Initiative does the brief name?",
        "What program did the Commission want to take the place of the Mérida Initiative?",
    ],
)
def test_a_successor_asked_for_must_be_named_as_a_program(
    answerer: Answerer, question: str
) -> None:
    # The brief speaks of a "new chapter" and a "new administration", and names no framework
    # that follows Mérida.
    assert answerer.answer(question).abstained


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # The brief gives the year of the murder, the month of the start: not the day.
        ("What was the exact date of Kiki Camarena's murder?", True),
        ("Which day exactly was the Mérida package set to start?", True),
        ("On what date was Joe Biden inaugurated?", False),
        ("On what date was the Mérida Initiative set to begin?", False),
        # A month in a sentence about Calderón and Bush dates nothing López Obrador did.
        ("What date did López Obrador become president?", True),
        # ... but "both presidents" are those the paragraph names.
        (
            "On what date did Biden and López Obrador announce they would work for a more "
            "humane migration policy?",
            False,
        ),
        # "day-to-day" asks for no day.
        ("Which day-to-day crimes does the brief say leave Mexicans feeling insecure?", False),
    ],
)
def test_a_date_is_given_to_the_grain_asked_for(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # A choice between two things said is answered by the one the brief says.
        (
            "Is opioid abuse only an American worry, or is it spreading among Mexicans as well?",
            "opioid use is on the rise in Mexico",
        ),
        (
            "Did the taxpayer dollars mostly buy law enforcement, or did they fund development?",
            "international narcotics and law enforcement",
        ),
        # A span of years asked about is answered by the same span.
        (
            "Between 2012 and 2017, did most Mérida money go to policing or to development?",
            "international narcotics and law enforcement",
        ),
    ],
)
def test_a_choice_between_two_things_is_answered_by_the_one_said(
    answerer: Answerer, question: str, fact: str
) -> None:
    answer = answerer.answer(question)
    assert not answer.abstained
    assert fact in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "At which college does the woman who wrote this teach?",
        "where does the person who wrote this chapter teach these days",
    ],
)
def test_the_one_who_wrote_this_is_the_author(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert not answer.abstained
    assert "Loyola University Chicago" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "In a nutshell, what does the author recommend for bilateral security cooperation?",
        "What are the headline proposals in this brief?",
    ],
)
def test_the_recommendations_asked_for_in_other_words_are_the_list(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question)
    assert "Transition from an all-out war approach" in answer.answer
    assert "corruption and impunity" in answer.answer


def test_who_wrote_the_brief_as_the_first_of_two_questions(answerer: Answerer) -> None:
    answer = answerer.answer("Who wrote the brief, and where did she get her PhD?")
    assert "Kloppe-Santamaría" in answer.answer
    assert "New School" in answer.answer


def test_the_unit_of_a_rate_does_not_date_a_sentence(answerer: Answerer) -> None:
    # The brief gives murders per 100,000 inhabitants for 2007 and 2011; "58 people" were
    # extradited in 2019, which says nothing of that year's murder rate.
    question = "How many murders per 100,000 people did Mexico record in 2019?"
    assert answerer.answer(question).abstained


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("How much more dangerous had Mexico become by 2011, in murders per inhabitant?", "24"),
        (
            "Instead of troops on the Guatemala border, what should the U.S. help pay for?",
            "shelters",
        ),
    ],
)
def test_everyday_words_for_violence_and_the_southern_border(
    answerer: Answerer, question: str, fact: str
) -> None:
    answer = answerer.answer(question)
    assert not answer.abstained
    assert fact in answer.answer


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        ("¿Qué equipo de béisbol de Monterrey ha ganado más campeonatos?", True),
        ("¿Cuántos habitantes tiene la ciudad de Tijuana?", True),
        ("¿Qué ciudades recibieron los programas de prevención de la violencia?", False),
    ],
)
def test_a_spanish_question_about_an_everyday_subject_is_declined(
    answerer: Answerer, question: str, declined: bool
) -> None:
    assert answerer.answer(question).abstained is declined


@pytest.mark.parametrize(
    "question",
    [
        # Another chapter of the same report, named by its subject.
        "What does the chapter on energy in Re-Building a Complex Partnership conclude?",
        # What followed the general's return is beyond the brief.
        "Once Cienfuegos was flown home, did a Mexican court ever try him?",
    ],
)
def test_beyond_the_brief_however_introduced(answerer: Answerer, question: str) -> None:
    assert answerer.answer(question).abstained


def test_the_names_of_programs_asked_for_must_be_given(answerer: Answerer) -> None:
    # The brief says where the prevention programs ran and what they did, not what they
    # were called.
    question = "What are the names of the violence-prevention programs run in Monterrey?"
    assert answerer.answer(question).abstained


def test_wrongdoing_asked_brings_the_sentence_reporting_it(answerer: Answerer) -> None:
    # "... sent the National Guard to prevent migrants from entering" leads; the next
    # sentence, reporting "acts of torture and sexual violence", says what was asked.
    answer = answerer.answer(
        "What have the troops at Mexico's southern border been accused of doing to migrants?"
    )
    assert not answer.abstained
    assert "torture" in answer.answer
    # A wrongdoing the brief does not report is not settled by the one it does.
    bribes = "Has the National Guard been accused of taking bribes from cartels?"
    assert answerer.answer(bribes).abstained


@pytest.mark.parametrize(
    "question",
    [
        # A measure asked for with "What's", or life expectancy, which the brief gives no
        # figure for.
        "What's the population of Tijuana?",
        "What is life expectancy in the United States today?",
        "What was the average U.S. life expectancy in 2019?",
        # The report's other authors: the brief names only the chapter by Max Kaiser.
        "Which other authors contributed to the same report?",
        # Words of someone the brief never mentions.
        "What did the Mexican ambassador in Washington say about the Cienfuegos case?",
        # The brief cites Leon Krauze's column in a note; it does not say what it argues.
        "What was Leon Krauze's main point in his column?",
        # "70 percent of drug-related deaths in the United States" is no share of Mexicans.
        "¿Qué porcentaje de mexicanos consume opioides?",
    ],
)
def test_what_the_brief_does_not_give_is_declined_however_asked(
    answerer: Answerer, question: str
) -> None:
    assert answerer.answer(question).abstained


def test_a_holiday_with_its_year_is_a_date_not_a_name(answerer: Answerer) -> None:
    question = "What did the two presidents announce about migration just before Christmas 2020?"
    assert answerer.signals(question).unknown_names == 0.0
    answer = answerer.answer(question)
    assert not answer.abstained
    assert "humane approach to migration" in answer.answer


def test_a_request_put_as_can_you_is_no_yes_no_question(answerer: Answerer) -> None:
    question = "Could you lay out the four pillars for me?"
    assert answerer.signals(question).yes_no == 0.0
    answer = answerer.answer(question)
    assert not answer.abstained
    assert "rule of law" in answer.answer


def test_a_list_of_periods_is_answered_period_by_period(answerer: Answerer) -> None:
    # Each period its own part: "211 ... under Vicente Fox", "587 under Calderón", and "in
    # 2019, Mexico extradited a total of 58 people".
    answer = answerer.answer(
        "What were the extradition counts under Fox, under Calderón, and in 2019?"
    )
    assert not answer.abstained
    assert all(figure in answer.answer for figure in ("211", "587", "58"))


def test_a_verdict_on_how_well_something_worked_is_answered_in_the_briefs_words(
    answerer: Answerer,
) -> None:
    # "Recent studies suggest crop-substitution programs are not easy to implement": the
    # verdict is there, in words the question does not share.
    answer = answerer.answer("Have crop-substitution programs worked, in her view?")
    assert not answer.abstained
    assert "not easy" in answer.answer
    # A view on something the brief never discusses is still declined.
    assert answerer.answer("Does the author support life sentences for cartel bosses?").abstained


# Questions in readers' words, each answered with its fact. Every case failed before the
# reading its comment names.
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # "carried out", "conducted" and "that year" say nothing of what is counted.
        ("In 2019, how many extraditions were carried out by Mexico that year?", "58"),
        ("How many extraditions were conducted under Fox?", "211"),
        # A lead-in naming whom the question comes from: the caller's town is no topic.
        (
            "Next one's from a caller in Laredo: which cartel orchestrated the Allende massacre?",
            "Zetas",
        ),
        ("A lady from Uvalde has a question: how many people were extradited under Fox?", "211"),
        # Someone's "actual words" are asked for, however the brief reports them.
        ("What were William Barr's actual words on the foreign agents law?", "only benefit"),
        # "Central America" is spoken of in "Central American migration is driven by ...".
        ("What drives people in Central America to pack up and go north?", "levels of violence"),
        # "albergues" are the brief's shelters.
        ("¿Qué propone la autora para los albergues de migrantes?", "shelters"),
        # "When ..., did ...?" asks for a verdict, not a date.
        ("When the pandemic came, did poverty get worse in Central America?", "poverty"),
        # A cause asked for by a verb in -ing, not an attribute ("pushing so many Mexicans").
        ("What's pushing so many Mexicans to migrate?", "levels of violence"),
        # Things set apart by "nothing to do with": "not related to drug trafficking".
        (
            "Which crimes does the author name that have nothing to do with the drug trade?",
            "robberies",
        ),
        # A pledge asked about as yes/no is settled by the sentence saying what was pledged.
        (
            "Did the U.S. ever promise to do something about weapons flowing into Mexico?",
            "illegal guns",
        ),
        # "Could you inform me which ...?" asks which, not whether.
        (
            "Could you inform me which ministry must approve the activities of foreign agents?",
            "Foreign",
        ),
        # A rationale asked for is what the decision was "based on".
        ("What was the rationale for revising Mérida's goals in 2011?", "negative consequences"),
        # "..., and how?" asks how, after the verdict.
        ("Has the pandemic hurt poor families in Central America, and how?", "poverty"),
        # "Bill Barr" is the brief's William Barr, whose words it quotes.
        ("What did Bill Barr say about the foreign agents law?", "only benefit"),
        # "la matanza" is the brief's massacre: not a question about something else.
        ("¿Quién ordenó la matanza de Allende?", "Zetas"),
        # "hadn't" is no thing counted, the words between dashes name none, and "as of summer
        # 2020" asks for part of the year, which "as of August of 2020" gives.
        (
            "Of those in the new Guard — meant to be under civilian control — how many hadn't "
            "had police training as of summer 2020?",
            "80 percent",
        ),
    ],
)
def test_a_question_in_readers_words_is_answered_with_its_fact(
    answerer: Answerer, question: str, fact: str
) -> None:
    answer = answerer.answer(question)
    assert not answer.abstained
    assert fact in answer.answer
