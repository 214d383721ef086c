"""Compose an answer whose every sentence is a verbatim, cited sentence of the corpus.

Design (no LLM): retrieve chunks (hybrid), gather their sentences (and, for questions about
sources, the endnotes linked to them), score each sentence against the question with its
precomputed vector and idf-weighted term overlap, then pick a few greedily: the best one, and
then any that scores nearly as well or covers question terms the answer still misses (so
"under Fox and under Calderón" gets both), skipping near-duplicates, within a token budget.
Chosen sentences come paragraph by paragraph, the best one's first, in the corpus's order within
a paragraph, each with a `[n]` marker and a citation
whose quote is checked against the document before the answer is returned. A logistic model
over retrieval signals (see `qa.abstain`) decides when the brief does not say.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import time
from collections import Counter
from dataclasses import dataclass
from typing import Literal

import numpy as np

from qa.abstain import AbstentionModel, Signals, configuration, load_model
from qa.acronyms import defined_acronyms, initialisms
from qa.bm25 import one_country_name, tokenize
from qa.chunking import Chunk, document_id, quotable
from qa.corpus import main_brief
from qa.embeddings import FloatArray
from qa.errors import QueryError
from qa.glossary import cognates, to_english
from qa.lang import detect_language, fold, is_spanish_function_word
from qa.leadin import lead_in
from qa.ordinal import asked_item, list_item
from qa.overview import is_overview_question, overview_sentences
from qa.retrieve import (
    Hit,
    Mode,
    Retriever,
    clean_query,
    with_months_spelled_out,
    without_document_name,
)
from qa.settings import AnswerSettings, Settings
from qa.spelling import Speller, for_documents
from qa.thesaurus import THESAURUS
from qa.tokens import count_tokens
from qa.types import (
    Answer,
    Citation,
    Document,
    EndnoteRef,
    Paragraph,
    Related,
    Retrieved,
    Sentence,
    SourceRef,
)

MAX_QUESTION_CHARS = 2000
# A list's items come together; they may go this far past the token budget.
LIST_EXTRA_TOKENS = 120
SPANISH_NOTE = "Respuesta con frases textuales del informe, en inglés:"
# "Which centuries", "what sort of causes": the noun a question asks for.
_ASKED_NOUN = re.compile(
    r"\b(?:which|what)\s+(?:(?:two|three|four|five|six|several|other)\s+)?"
    r"(?:(?:sort|sorts|kind|kinds|type|types)\s+of\s+(\w+)|([\w-]+))"
    # "¿Qué operaciones ...?", "¿Cuáles carteles ...?"
    r"|(?:^|¿)\s*(?:qu[eé]|cu[aá]l(?:es)?)\s+(?:tipos?\s+de\s+)?([\w-]+)",
    re.IGNORECASE,
)
# A Spanish noun after "qué" by its form: a plural or a noun's ending ("¿Qué operaciones
# ...?", "¿Qué institución ...?"), not a verb ("¿Qué dijo ...?").
_SPANISH_NOUN = re.compile(
    r"\w+(?:s|ci[oó]n|si[oó]n|dad|ismo|ista|aje|or|ora|ura|ncia|mento|miento)$", re.I
)
_NOT_A_NOUN = re.compile(
    r"^(?:is|was|are|were|did|does|do|has|have|had|can|could|would|should|will|the|a|an|"
    r"of|in|on|to|for|if|about|else|happened|made|makes|led|caused|role|way|ways|one|ones|"
    r"part|parts|kind|sort|type|u|us|mexican|american|u\.s|two|three|four)$",
    re.IGNORECASE,
)
_SOURCE_CUE = re.compile(
    r"\b(cite[sd]?|citing|citation|sources?|end-?notes?|footnotes?|references?|"
    r"who wrote|written by|who authored|authored by|who (?:published|reported)|"
    r"which (?:\w+ )?(?:article|report|study|paper|book|newspaper|outlet|"
    r"investigation|survey|statement|filing|publication|piece|organi[sz]ation)|"
    r"what (?:\w+ )?(?:article|study|paper|book|newspaper|outlet|headline)|"
    r"edit(?:ed|or|ors)|volume|journal|(?:the|a|its|her|these|those) notes?|"
    # a keyword query names the form of a work: "krauze washington post column date"
    r"columns?|columnists?|op-?eds?|headlines?|"
    r"cita|citad[oa]s?|fuentes?|qué (?:artículo|informe|estudio|periódico|medio|revista)|"
    r"revista|publicad[oa]s?|se public[óo]|public[óo]|publicaron|art[íi]culos?|"
    r"did (?:[\w.-]+ ){1,3}publish|press releases?|"
    # "Where does the brief get its account of ...?", "What is that figure based on?"
    r"where (?:does|did) (?:the (?:brief|author|chapter|text)|it|she) get\b|"
    r"(?:figure|claim|number|estimate|statistic|data|account) (?:is |was )?based on|"
    r"comunicados?|bolet[íi]n)\b",
    re.IGNORECASE,
)
# "Who wrote the brief?", "Who authored this chapter?", "Who wrote it?": the document's own
# author, whom its byline names, not the author of a source it cites.
_ABOUT_THE_DOCUMENT = re.compile(
    r"^\W*(?:who|quién)\s+(?:(?:wrote|authored|has written|escribió|redactó)\s+|"
    r"(?:is|was|es|fue)\s+(?:the|el|la)\s+(?:author|writer|autora?)\s+(?:of|de(?:l)?)\s+)"
    r"(?P<document>(?:(?:the|this|that|el|este|la|esta)\s+)?(?:policy\s+)?(?:brief|chapter|report|"
    r"paper|piece|document|text|essay|analysis|informe|cap[íi]tulo|documento|texto|art[íi]culo)|"
    r"it|this|esto)\s*[?.!]*\s*$",
    re.I,
)
# Cues that say only that something is cited; a work named ("press release") says more.
_CITING = re.compile(
    r"cite[sd]?|citing|citations?|sources?|references?|cita|citad[oa]s?|fuentes?", re.I
)
# What comes before "cited" when it names which thing is meant ("the massacre cited in ...")
# rather than asking what is cited ("Which works are cited ...", "the brief cited").
_AFTER_NOUN = re.compile(
    r"\b(?!(?:is|was|are|were|be|been|being|it|they|he|she|brief|author|chapter|report|"
    r"also|not|often|first|most|widely|frequently)\b)[a-z][\w'’-]*\s+$",
    re.I,
)
# "..., according to the estimates the brief cites?": a qualifier, up to the clause's end.
_ACCORDING_TO_CLAUSE = re.compile(r"\b(?:according to|as reported by|seg[uú]n)\b[^,;?]*", re.I)
# A paragraph opening like this continues the one before it ("The approval of this law ...").
_POINTS_BACK = re.compile(r"^(?:[\w'’-]+,?\s+){0,4}(?:this|these|those|such)\s+[a-z]", re.I)
# A sentence whose subject is only a pointer back ("This constitutes perhaps the greatest
# challenge ...", "These are ..."): what it speaks of is in the sentence before.
_BARE_POINTER = re.compile(
    r"^(?:This|That|These|Those)\s+(?:is|was|are|were|has|have|had|would|will|could|may|might|"
    r"can|should|must|shows|means|suggests|remains|seems|reflects|implies|highlights|makes|"
    r"puts|helps|\w+(?:es|ed))\b"
)
# A sentence about the document's own plan ("The chapter will first present ...").
_ROADMAP = re.compile(
    r"\b(?:this|the) (?:chapter|section|brief|paper)\b|"
    r"\bin a (?:first|second|third|final) section\b",
    re.I,
)
# A question about that plan ("How is the chapter laid out?", "What is the aim of this brief?").
_ASKS_PLAN = re.compile(
    r"\b(?:chapter|section|sections|structure|structured|organi[sz]ed|laid out|outline|aim|"
    r"purpose|introduction|first part|second part|cap[íi]tulo|secci[óo]n|objetivo)\b",
    re.I,
)
# "in what year ...": words that frame the part of a question asking for a date, not
# words its answer holds.
_DATE_FRAME = re.compile(r"\b(?:what|which)\s+(?:years?|dates?|months?|days?)\b", re.I)
# A sentence that starts like this leans on the one before it ("Such threats include ...").
_CONTINUATION = re.compile(
    r"^(?:Such|These|This|Those|That|It|They|Its|Their|However|In practice|Instead|"
    r"As a result|Furthermore|Moreover|In addition|Despite|Even|Yet|Still|Following|"
    r"Similarly|Most significantly|Taken together|Of all|In particular|Specifically|"
    r"In other words|As such|Thus|Therefore|Consequently|Hence|For instance|For example)\b"
)
# "Such threats include ...": a sentence naming the members of a kind the one before announces.
_NAMES_MEMBERS = re.compile(
    r"^(?:Such|These|Those)\s+([a-z][\w-]+)\s+(?:include|included|includes|are|were|range)\b"
)
# "The law, which ..." after "... passed a new security law ...": the same thing again.
_DEFINITE_START = re.compile(r"^The ([a-z][\w-]+)\b")
# "The surge in these criminal activities ...", "Centered on at-risk populations, these
# programs ...": a plural demonstrative early in the sentence points back at the one before.
_EARLY_DEMONSTRATIVE = re.compile(r"^(?:[\w'’-]+,?\s+){1,4}(?:these|those|such)\s+[a-z]", re.I)
_NOTE_NUMBER = re.compile(r"\b(?:end-?note|note|nota|footnote)\s*(?:n[oº°.]*\s*)?(\d{1,3})\b", re.I)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
# A quantity in digits or in words ("587", "three in four", "half", "two-thirds").
_QUANTITY = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|"
    r"half|halves|thirds?|quarters?|dozens?|percent|majority)\b",
    re.IGNORECASE,
)
_MONTHS = (
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
# "the total for 2020", "over the whole of 2020": a count asked for a whole year.
_TOTAL = re.compile(r"\b(?:total|full year|whole|entire)\b", re.I)
# "Exactly how many ...", "¿Qué porcentaje exacto ...?": a figure asked for to the unit.
_ASKS_EXACT = re.compile(r"\b(?:exact(?:ly|[oa]s?|amente)?|precise(?:ly)?|precis[oa]s?)\b", re.I)
# Figures that only say how large something was ("dozens of people"), not how many.
_VAGUE_FIGURE = re.compile(
    r"^(?:dozens|hundreds|thousands|millions|billions|scores|majority)\W*$", re.IGNORECASE
)
# "by February of 2020": a running count that covers only part of the year.
_PART_OF_YEAR = re.compile(
    rf"\b(?:by|until|through|up to|as of)\s+{_MONTHS}\s+(?:of\s+)?\d{{4}}", re.I
)
# What a question asks for, from its wording (English and Spanish).
_ASKS_MONEY = re.compile(
    r"\b(dollars?|dollar amount|how much money|amount of (?:money|funding|aid)|"
    # "How much did the wall cost?", "how much was spent on ..."
    r"how much (?:[\w.'’-]+ ){0,6}(?:cost|costs|spend|spent|pay|paid|fund|funded|worth)|"
    r"d[oó]lares|cu[aá]nto dinero|cu[aá]nto cost[oó])\b",
    re.I,
)
_ASKS_PERCENT = re.compile(
    r"\b(percent(?:age)?|what share|what proportion|porcentaje|por ciento|qu[eé] proporci[oó]n)\b",
    re.I,
)
# "How old was Camarena?", "At what age ...?", "¿Qué edad tenía ...?": an age.
_ASKS_AGE = re.compile(
    r"\b(?:how old|(?:at )?what age|qu[ée] edad|cu[áa]ntos años ten[ií]a)\b", re.I
)
# An age given: "45 years old", "aged 45", "at the age of 45", "a 45-year-old".
_AGE = re.compile(
    r"\b\d{1,3}[- ]years?[- ]old\b|\baged \d{1,3}\b|\bat (?:the )?age (?:of )?\d{1,3}\b", re.I
)
_ASKS_DURATION = re.compile(
    # "How long a border wall ...?" asks for a length, not a time.
    r"\b(how long(?! an? )|how much time|how many (?:days|weeks|months|years|decades)|"
    r"cu[aá]nto tiempo)\b",
    re.I,
)
_DURATION = re.compile(r"\b(?:days?|weeks?|months?|years?|decades?)\b", re.I)
# "How long was the wall?" asks for a length: a figure in miles or kilometres answers it.
_LENGTH = re.compile(
    r"\d[\d,.]*[- ]?(?:miles?|kilomet(?:er|re)s?|km|meters?|metres?|feet|foot)\b", re.I
)
_MONEY = re.compile(r"(\$|\b(?:dollars?|million|billion|USD)\b)", re.I)
_SMALL_NUMBER = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
# A share in figures or in words: "40%", "half", "three in four", "two-thirds", "a majority".
_PERCENT = re.compile(
    r"(%|\b(?:percent|per cent|half|a third|a quarter|majority)\b|"
    rf"\b{_SMALL_NUMBER} (?:in|out of) (?:every )?{_SMALL_NUMBER}\b|"
    r"\b(?:two|three|four)-(?:thirds|quarters|fifths)\b)",
    re.I,
)
_ASKS_NUMBER = re.compile(
    r"\b(how many|how much|what (?:share|percentage|proportion|number|rate)|"
    r"cuánt[oa]s?|qué porcentaje)\b",
    re.I,
)
# "When" asks for a date at the start of a question or before its verb ("and when did ...");
# elsewhere it is a conjunction ("alarmed when Washington dropped the case").
_ASKS_DATE = re.compile(
    r"^\W*when\b|\bwhen (?:did|does|do|was|were|is|are|will|would|has|have|had)\b|"
    r"\b(what (?:year|month|date)|in which year|cuándo|en qué (?:año|mes|fecha))\b",
    re.I,
)
EXPLAIN_FACTOR = 2.0
# A question asking what caused something ("Why ...?", "What triggered ...?"), not how.
_ASKS_CAUSE = re.compile(
    r"^\W*(?:why|por qu[ée])\b|"
    r"\bwhat (?:triggered|caused|causes|led to|leads to|drove|drives|prompted|explains)\b|"
    r"\b(?:qu[ée]|que) (?:provocó|causó|llevó)\b",
    re.I,
)
# A why or a how: the answer is more often spread over neighbouring sentences.
_ASKS_REASON = re.compile(rf"^\W*(?:how|cómo)\b|{_ASKS_CAUSE.pattern}", re.I)
# Most words of a sentence that only bridges to the one before it ("The consequences were
# manifold.").
BRIDGE_WORDS = 8
# Not "whose": "whose livelihoods ..." asks for a group of people as often as for a name.
_ASKS_PERSON = re.compile(r"^\W*(?:who|whom|quién|quiénes)\b", re.I)
# "Which cartel leader ...": a person asked for by role; the answer must name someone.
_PERSON_ROLE = re.compile(
    r"^\W*(?:(?:which|what)\s+(?:(?!(?:did|does|do|is|are|was|were|has|have|had|will|would|"
    r"can|could|should)\b)[\w-]+\s+)?|"
    # "Who is the current leader of ...", "Who was the head of ..."
    r"who\s+(?:is|was|are|were)\s+(?:the\s+)?(?:current\s+|former\s+|new\s+|top\s+)?|"
    # "Who did Biden pick as ambassador ...", "Who headed the DEA ..."
    r"who\s+did\s+(?:[\w.'’-]+\s+){1,4}(?:pick|name|appoint|nominate|choose|select|tap)\s+"
    r"(?:as\s+)?(?:the\s+|its\s+|his\s+|her\s+)?(?:new\s+)?(?:[A-Z][\w.-]*\s+)?|"
    r"who\s+(?=(?:headed|chaired|directed|commands|commanded|chairs|directs)\b))"
    r"(leaders?|members?|officials?|ministers?|headed|chaired|directed|commands|commanded|"
    r"chairs|directs|"
    r"secretar(?:y|ies)|directors?|heads?|chiefs?|ambassadors?|governors?|prosecutors?|"
    r"administrators?|envoys?|advis[eo]rs?|czars?|"
    r"judges?|commanders?|kingpins?|founders?|spokes(?:person|man|woman))\b",
    re.I,
)
# "What does the brief say about X?", "Does the author discuss X?": X is the whole question.
_ASKS_ABOUT = re.compile(
    r"\b(?:say|says|said|write|writes|wrote|mention|mentions|discuss|discusses|cover|covers|"
    r"argue|argues|think|thinks|tell us|teach us)\s+(?:anything\s+)?(?:about|on|regarding|"
    r"concerning)\s+(?P<topic>[^?.!;]+)",
    re.I,
)
# The share of such a topic's weight in words the corpus never uses above which it is declined.
UNKNOWN_TOPIC_SHARE = 0.5
# "Who leaked ...", "Who orchestrated ...": a doer asked for by what was done.
_WHO_DID = re.compile(
    r"^\W*who\s+(?!(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|should|"
    r"may|might|must)\b)([a-z]+ed)\b",
    re.I,
)
# "¿Quién sustituyó a ...?", "¿Quiénes ordenaron ...?": the same in Spanish (a past tense).
_WHO_DID_ES = re.compile(r"^\W*¿?\s*qui[eé]n(?:es)?\s+[a-záéíóúñ]+(?:ó|aron|ieron)\b", re.I)
# "What was the name of ...?", "What was it called?": the answer is a name.
_ASKS_NAME = re.compile(
    r"\b(?:what|which)\s+(?:is|was|were|are)\s+the\s+names?\s+of\b|"
    r"\bwhat\s+(?:is|was|were|are)\s+(?:it|they|this|that|the\s+[\w-]+(?:\s+[\w-]+)?)\s+called\b|"
    r"\bwhat\s+name\b",
    re.I,
)
# "What did Biden say about ...", "What was Ebrard's reaction to ...", "¿Qué dijo López
# Obrador sobre ...?": the answer is that person's words, so it must report them.
_ASKS_WORDS_OF = re.compile(
    r"^\W*(?:what|how)\s+(?:did|does|do|has|have|had|would)\s+(?P<who>.+?)\s+"
    r"(?:say|said|state|declare|tell|think|comment|write|argue|claim|reply|respond)\b|"
    r"^\W*what\s+(?:is|was|were)\s+(?P<whose>.+?)(?:'s|’s)\s+(?:reaction|response|view|"
    r"position|opinion|stance|comments?|statements?|words)\b|"
    r"^\W*¿?\s*qu[eé]\s+(?:dijo|opin[oó]|declar[oó]|coment[oó]|respondi[oó]|pens[oó]|"
    r"piensa|opina|dice|ha dicho)\s+(?P<quien>.+?)\s+(?:sobre|acerca|de|del|cuando|en|al|ante)\b",
    re.I,
)
# What reports someone's words: a quotation, or a verb of saying.
_REPORTED_SPEECH = re.compile(
    r"[\"“”]|\b(?:sa(?:y|id|ys|ying)|stat(?:ed|ing|ement)|declar(?:ed|ing|ation)|"
    r"announc(?:ed|ing|ement)|express(?:ed|ing)|argu(?:ed|ing)|claim(?:ed|ing)|"
    r"pledg(?:e|ed|ing)|promis(?:e|ed|ing)|warn(?:ed|ing)|call(?:ed|ing) for|insist(?:ed|ing)|"
    r"conclud(?:ed|ing)|describ(?:ed|ing)|acknowledg(?:ed|ing)|according to|quot(?:ed|ing))\b",
    re.I,
)
# Where a figure is said to hold: "in Mexico", "in the United States", "Mexico's" (after
# `one_country_name`, which writes every name of the United States "USA").
_COUNTRIES = (
    r"Mexico|USA|Canada|Guatemala|Honduras|El Salvador|Nicaragua|Costa Rica|Panama|Belize|"
    r"Colombia|Venezuela|Ecuador|Peru|Bolivia|Brazil|Argentina|Chile|Cuba|Haiti|Spain|China"
)
_COUNTRY = re.compile(rf"\b(?:{_COUNTRIES})\b", re.I)
_COUNTRY_OF_FIGURE = re.compile(
    rf"\b(?:in|within|inside|across)\s+(?:the\s+)?({_COUNTRIES})\b|\b({_COUNTRIES})(?:'s|’s)\s",
    re.I,
)
# A time asked about by whose it was: "under Calderón", "during Enrique Peña Nieto's
# presidency", "during the Fox administration", "durante el sexenio de Peña Nieto".
_NAME_WORDS = r"(?:[A-ZÁÉÍÓÚÑ][\w.-]*\s+){0,3}[A-ZÁÉÍÓÚÑ][\w.-]*"
_NAME_RUN = rf"{_NAME_WORDS}(?!['’\w])"
_PERIOD_NOUN = r"(?:presidency|administration|government|term|tenure|time in office)"
_ASKED_PERIOD = re.compile(
    rf"\b(?i:under|during|in|throughout|over)\s+(?:the\s+)?(?:whole\s+|entire\s+|full\s+)?"
    rf"(?:(?P<owner>{_NAME_WORDS})(?:'s|’s)\s+(?:\w+\s+)?{_PERIOD_NOUN}\b|"
    rf"(?P<adjective>{_NAME_RUN})\s+{_PERIOD_NOUN}\b|{_PERIOD_NOUN}\s+of\s+(?P<of>{_NAME_RUN}))"
    rf"|\b(?i:under)\s+(?:President\s+)?(?P<under>{_NAME_RUN})\b(?!'s|’s)"
    rf"|\b(?i:durante|bajo|en)\s+(?:todo\s+|toda\s+)?(?:el|la)\s+(?:sexenio|gobierno|presidencia|"
    rf"administraci[oó]n|mandato)\s+(?:completo\s+|completa\s+)?de\s+(?P<de>{_NAME_RUN})"
    rf"|\b(?i:bajo)\s+(?P<bajo>{_NAME_RUN})"
)
_COUNTRY_TERMS = frozenset(
    "mexico mexican usa american america washington federal".split()  # noqa: SIM905
)
# Titles of office. Before a name they say nothing of who it is ("President Biden" is Biden);
# at a name they answer for someone's job ("Attorney General William Barr").
_TITLE_NAMES = (
    "President", "General", "Minister", "Secretary", "Attorney", "Ambassador", "Director",
    "Governor", "Senator", "Judge", "Chief", "Commander", "Deputy", "Professor", "Czar",
    "Administrator", "Commissioner",
)  # fmt: skip
_TITLE_WORDS = " ".join((*_TITLE_NAMES, "Foreign", "Former", "Presidente", "Canciller"))
# Roles that name no office of their own: the sentence need not repeat them.
_GENERIC_ROLES = frozenset({"official"})
# Regular changes of a word's ending between its forms, as the lexical terms spell them:
# "migrat(e)" and "migration", "justif(y)" and "justification", "independenc(e)" and
# "independent", "accountabl(e)" and "accountability", "criticism" and "criticiz(e)",
# "reorientation" and "reorient".
_DERIVATIONS = (
    ("at", "ation"), ("ation", "at"), ("iz", "ization"), ("ization", "iz"),
    ("ify", "ification"), ("ifi", "ification"), ("ification", "ify"), ("ification", "ifi"),
    ("enc", "ent"), ("ent", "enc"), ("ency", "ent"), ("ent", "ency"),
    ("anc", "ant"), ("ant", "anc"), ("abl", "ability"), ("ability", "abl"),
    ("ibl", "ibility"), ("ibility", "ibl"), ("ism", "iz"), ("iz", "ism"),
    ("ation", ""), ("ment", ""),
)  # fmt: skip
# Forms of one word share a stem of at least this many letters, and differ by at most this
# many at the end of the shorter ("extradit" and "extradition").
FAMILY_STEM = 6
FAMILY_ENDING = 3
# The share of a yes/no question's terms the best sentence's paragraph must hold for the
# question to count as answered by it rather than as asking for a verdict the brief lacks.
YES_NO_COVERED = 0.9
# "Who is AMLO?", "What are TCOs?", "What does DTO stand for?", "¿Qué significa DTO?".
_ASKS_DEFINITION = re.compile(
    # The words in any case; the acronym in capitals.
    r"^\W*(?i:who|what)(?:\s+(?i:is|are|was|were)|'s|’s)\s+(?i:an?\s+|the\s+)?([A-Z]{2,6})s?\W*$|"
    r"^\W*(?i:what\s+(?:does|do|did)\s+(?:the\s+)?(?:acronym\s+|abbreviation\s+)?)([A-Z]{2,6})"
    r"s?\s+(?i:stand\s+for|mean)\W*$|"
    r"^\W*(?i:(?:qu[ée]|qui[ée]n)\s+(?:es|son|significa|quiere decir)\s+(?:(?:el|la|los|las)\s+)?)"
    r"([A-Z]{2,6})s?\W*$"
)
# How many words after the noun asked for (one fewer before it) a name of that kind may
# stand: "operations Canador (1970-1975), Trizo", "the Zetas cartel".
NAME_REACH = 3
# A question asking which one(s) of a kind: "Which operations ...?", "¿Qué cárteles ...?".
_WHICH = re.compile(r"^\W*(?:which|qu[ée]|cu[áa]l(?:es)?)\s+\w", re.I)
# Words that compare two quantities ("higher than", "fewer ... than").
_COMPARATIVE = re.compile(
    r"\b(?:higher|lower|greater|larger|bigger|smaller|fewer|more|less|increased?|decreased?|"
    r"rose|fell|grew)\b(?=.*\bthan\b)",
    re.I,
)
# A question setting two things side by side: "compare", "versus", "higher than", "higher,
# A or B". Narrower than `_COMPARATIVE`, which also takes a change ("rose ... than") in a
# question that may compare anything: this one decides whether countries are compared.
_COMPARES = re.compile(
    r"\bcompar\w*|\bversus\b|\bvs\b|\b(?:higher|lower|more|less|fewer|greater|larger)\s+than\b|"
    r"\b(?:higher|lower|larger|greater)\b.*\bor\b",
    re.I,
)
# A question that asks for a verdict rather than a fact ("Did ... actually ...?").
# Not a request ("Can you list the four pillars?").
# A part of a question that asks what, who, when ...: not for a verdict.
_WH_START = re.compile(r"^\W*(?:who|whom|whose|what|which|when|where|why|how)\b", re.I)
_YES_NO = re.compile(
    r"^\W*(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should)\b"
    r"(?!\s+(?:you|u)\s+(?:please\s+)?(?:list|name|give|tell|explain|summari[sz]e|describe|"
    r"say|show|find|point|walk|outline|remind))",
    re.I,
)
# A citation opens with its author, surname first: "Thompson, Ginger. ...".
_CITED_AUTHOR = re.compile(r"(?:^|(?<=\. ))[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*, [A-Z][\w'’-]+")
# Nouns for criminal groups, which go by a name beside the noun ("the Zetas cartel").
_GROUP_WORDS = r"cartels?|gangs?|c[áa]rteles?|pandillas?"
# "Which Mexican states ...", "¿Qué países ...", "Which cartel ...": a place or a criminal
# group asked for by kind; the answer must name one.
_NAMED_KIND = re.compile(
    r"^\W*(?:in |en )?(?:which|what|qu[ée]|cu[áa]l(?:es)?)\s+(?:[\w.-]+\s+)?"
    r"(states?|countr(?:y|ies)|cit(?:y|ies)|towns?|regions?|municipalit(?:y|ies)|"
    rf"pa[íi]s(?:es)?|estados?|ciudad(?:es)?|regi[óo]n(?:es)?|municipios?|{_GROUP_WORDS})\b"
    # ... not "which state actors / state officials": there "state" names the government.
    r"(?!\s+(?:actors?|officials?|agents?|authorit(?:y|ies)|institutions?|forces?|level|"
    r"police|security|governments?|departments?|sector|power|capacity))",
    re.I,
)
_GROUP_NOUN = re.compile(_GROUP_WORDS, re.I)
_COUNTRY_KIND = re.compile(r"countr(?:y|ies)|pa[íi]s(?:es)?", re.I)
# The name beside a group noun: "the Zetas cartel", "Cartel Jalisco Nueva Generación".
_GROUP_NAMED = re.compile(
    r"\b([A-Z][\w'’-]+)\s+(?:[Cc]artels?|gangs?)\b|\bCartel\s+(?:de\s+)?([A-Z][\w'’-]+)"
)
# A capitalised word inside a question (not its first word, not after an opening mark).
_CAPITALISED = re.compile(r"(?<![.?!¿¡:;\"“(] )(?<![¿¡\"“(])(?<!^)\b[A-ZÁÉÍÓÚÑ][\w'’-]*")
# Where a question with several parts splits ("..., and did they ...?").
_PART_BREAK = re.compile(
    r"\s*(?:[;?]|,? and (?=(?:(?:in|on|at|by|for|from|under|with|to) )?(?:how|what|why|when|"
    r"who|which|where|whether|did|does|do|is|are|was|were|has|have|had|can|could)\b)|"
    r", (?=(?:(?:in|on|at|by|for|from|under|with|to) )?(?:how|what|why|when|who|which|where)\b))"
    r"\s*",
    re.I,
)
_COUNT_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
# "five policy recommendations": a count of things, which a list may then give.
_COUNTED = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:[\w-]+\s+){0,2}"
    r"(?!(?:does|has|was|is|as|us|its|this|thus|his)\b)[\w-]+s\b",
    re.I,
)
# A year span such as "2012-2018" or "between 2011 and 2015".
_YEAR_SPAN = re.compile(
    r"\b(?:(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d|between (?:19|20)\d\d and (?:19|20)\d\d)\b"
)
# A range of years asked about ("Who was president from 2000 to 2006?"): a span such as
# "(2000-2006)" answers it. (In the corpus, "from ... 2007 to ... 2011" compares two years.)
_ASKED_RANGE = re.compile(r"\bfrom (?:19|20)\d\d (?:to|until|through) (?:19|20)\d\d\b", re.I)
# A year before a noun, after an article or possessive: "the 2011 reorientation".
_ATTRIBUTIVE_YEAR = re.compile(
    r"\b(?:the|its|their|this|that|his|her)\s+(?:19|20)\d\d(?=\s+[a-z])", re.I
)
# Two or more capitalised words in a row, not at the start of the sentence: a name.
_NAME = re.compile(r"(?<=\S )[A-ZÁÉÍÓÚÑ][\w'’-]+(?: (?:de |del |la )?[A-ZÁÉÍÓÚÑ][\w'’-]+)+")
# The word that makes "how" ask for a quantity.
_ASKS_QUANTITY_WORD = re.compile(r"(?<=\bhow )(?:many|much)\b", re.I)
# "How many pages ...", "¿Cuántos defensores ...": the words naming what is counted, up to the
# verb or preposition that ends them.
_HOW_MANY = re.compile(
    r"\b(?:how many|cu[aá]nt[oa]s|(?:total |the )number of|n[uú]mero (?:total )?de)\s+"
    # The last word may end the question: "... for how many years?"
    r"((?:[\w.'’-]+(?:\s+|(?=[?!]|$))){0,3})",
    re.I,
)
_COUNT_STOP = re.compile(
    r"^(?:did|do|does|are|is|were|was|have|has|had|han|hay|fueron|son|will|would|can|could|"
    r"of|in|per|to|from|for|long|each|de|en|por|a|that|who|which|than|and|or|y|o|e|u|"
    r"since|during|between|under|by|at|on|with|after|before|among|across|desde|durante|"
    # "how many times higher": a comparison, not a thing counted
    r"higher|lower|greater|larger|bigger|smaller|more|fewer|less|as|over)$",
    re.I,
)
# A verb after the noun ends it too: "how many Americans died", "how many miles promised"
# (but "how many armed groups" counts groups).
_COUNT_VERB = re.compile(
    r"^(?:(?!(?:hundred|need|seed|speed|breed|creed|feed)$)\w{3,}ed|died|fled|got|took|went|"
    r"left|lost|came|became|made|saw|held|fell|rose|grew|built|sent|spent|paid|kept|brought|sold|"
    r"won|found|given|taken|shown)$",
    re.I,
)
# "What is the population of ...", "By what vote margin ...": a quantity asked for by the name
# of its measure, which the brief may use ("at-risk populations") without giving one.
_MEASURE = re.compile(
    r"^\W*(?:by\s+|at\s+)?(?:what|which)\s+(?:(?:is|was|are|were)\s+)?(?:the\s+)?"
    r"(?:[\w.'’-]+\s+){0,2}?"
    r"(population|rate|margin|percentage|share|budget|cost|price|salary|height)\b"
    # Spanish puts the measure first: "¿cuál es la población de ...?", "el tipo de cambio"
    r"|^\W*(?:cu[aá]l|qu[eé])\s+(?:es|era|fue)\s+(?:el|la)\s+"
    r"(poblaci[oó]n|tasa|margen|porcentaje|presupuesto|costo|precio|salario|tipo de cambio)\b",
    re.I,
)
# "What is the capital city of ...", "What's X's minimum wage", "How long a prison sentence
# did X receive", "How large were remittances ...": the attribute whose value is asked for,
# up to the word that ends its noun phrase.
_ATTRIBUTE_END = (
    r"(?:of|in|for|at|on|like|between|from|under|during|that|which|did|does|do|is|was|were|"
    r"are|has|have|had|to|by|with|since|according|per|usually|now|today|currently)"
)
# Whose attribute it is: "the", "its", "Fabián Medina's" (case does not matter: "mexico's").
_ATTRIBUTE_OWNER = (
    r"(?:(?:the|a|an|its|his|her|their|this|that)\s+|(?:[\w.'’-]+\s+)*?[\w.-]+(?:'s|’s)\s+)"
)
_ATTRIBUTE_PHRASE = rf"((?:(?!{_ATTRIBUTE_END}\b)[\w-]+\s+){{0,3}}?(?!{_ATTRIBUTE_END}\b)[\w-]+)"
_ASKED_ATTRIBUTE = re.compile(
    rf"^\W*what(?:\s+exactly|\s+actually)?(?:'s|’s|\s+(?:is|was|are|were))\s+"
    rf"(?:exactly\s+|actually\s+)?"
    rf"{_ATTRIBUTE_OWNER}?{_ATTRIBUTE_PHRASE}\s*(?:\b{_ATTRIBUTE_END}\b|\?|$)"
    rf"|^\W*how\s+(?:long|large|big|much|high|severe|harsh|heavy)\s+(?:(?:is|was|are|were)\s+)?"
    rf"(?:a\s+|an\s+)?{_ATTRIBUTE_OWNER}?{_ATTRIBUTE_PHRASE}\s*(?:\b{_ATTRIBUTE_END}\b|\?|$)"
    rf"|^\W*(?:what|which)\s+{_ATTRIBUTE_PHRASE}\s+(?:did|does|do|has|have|had|will|would)\s+.+?\s+"
    r"(?:receive|get|serve|earn|pay|win|face|hold|teach)\b"
    # A life event: "Where was she born?", "When did he marry?"
    r"|^\W*(?:where|when|in what (?:year|city|country))\s+(?:was|were|is|did|does)\s+.+?\s+"
    r"(born|raised|buried|married|marry|baptized|grow up|grew up)\b",
    re.I,
)
# A noun of a Spanish question, led by its article ("la receta", "del mole").
# An ordinal or the like may stand between them ("la segunda recomendación").
_SPANISH_ARTICLE_NOUN = re.compile(
    r"\b(?:el|la|los|las|del|al|un|una|unos|unas)\s+"
    r"(?:(?:primer|primera|primeros|primeras|segund[oa]s?|tercer|tercer[oa]s?|cuart[oa]s?|"
    r"quint[oa]s?|últim[oa]s?|ultim[oa]s?|principal|principales|mism[oa]s?|nuev[oa]s?|"
    r"gran|grandes|otr[oa]s?)\s+)?([a-záéíóúñü]{3,})\b"
)
# Words for the brief itself and its parts, which a question may use though the brief does not
# ("según el texto").
_ABOUT_THE_BRIEF = "text report chapter author article document note notes source sources title"
# Attributes any value answers for, which the sentence giving it need not name.
_VALUE_WORDS = (
    "name title number total amount date year figure value size level percentage share rate "
    "time length duration kind type sort way part role subject topic field area discipline"
)
# Attributes that are someone's title, which the brief gives at the name if at all.
_ROLE_ATTRIBUTES = "job title position post office role rank occupation profession"
# A title at a name: "Attorney General William Barr", "Foreign Minister Marcelo Ebrard",
# "... is an Assistant Professor of ...".
_TITLE = re.compile(rf"\b(?:{'|'.join(_TITLE_NAMES)})\b")
_TITLE_AFTER = re.compile(
    r"[\w\s-]{0,30}?(?:,\s+|\s+(?:is|was|as)\s+(?:an?|the)\s+)(?:[\w-]+\s+){0,3}?"
    rf"(?:{'|'.join(_TITLE_NAMES)}|head|leader)\b",
    re.I,
)
# How far (in characters) from a name its title may stand.
TITLE_REACH = 40
_MEASURE_EN = {
    "población": "population", "poblacion": "population", "tasa": "rate", "margen": "margin",
    "porcentaje": "percentage", "presupuesto": "budget", "costo": "cost", "precio": "price",
    "salario": "salary", "tipo de cambio": "rate",
}  # fmt: skip
_NUMBER_WORD = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
# A share however it is put: "80 percent", "80%", "three in four", "half", "a majority".
_SHARE = re.compile(
    rf"%|\bpercent|\b{_NUMBER_WORD} (?:in|out of) {_NUMBER_WORD}\b|\b(?:half|thirds?|quarters?|"
    r"majority|minority)\b",
    re.I,
)
# How far (in tokens) either side of a measure its figure may stand ("a rate of 24 per ...").
MEASURE_WINDOW = 8
# Nouns that a bare figure counts anyway ("211 individuals" answers "how many people").
_GENERIC_COUNTED = (
    "people persons individuals times citizens civilians residents inhabitants Mexicans Americans"
)
# A figure written into its noun: "the 2000-mile wall".
_JOINED_FIGURE = re.compile(r"\d[\d,.]*-[a-z]", re.I)
# How far (in tokens) a figure may stand before the noun it counts ("133 journalists").
COUNT_WINDOW = 4
# How many words after "how many" may hold what befell the thing counted ("... were killed").
COUNT_VERB_REACH = 8
# Words that describe a citation's form ("which newspaper headline"): for a question about
# sources they say what kind of answer is wanted, not what the brief must contain.
_FORM_WORDS = re.compile(
    r"\b(?:article|headline|title|newspaper|outlet|report|study|paper|book|piece|"
    r"publication|cited|cites?|citing|citation|sources?|end-?notes?|footnotes?|note|"
    r"references?|wrote|written|authored|published|language|spanish|english|filing|"
    r"document|name|notes|(?:co-?)?authors?|co-?wrote|co-?written|co-?authored|"
    r"publish(?:ed|er|ers|es)?)\b",
    re.I,
)
# A question asking for several sources at once: "Which outlets are cited ...?", "What
# sources does it give for ...?", "¿Qué periódicos cita ...?".
_ASKS_SEVERAL_SOURCES = re.compile(
    r"\b(?:outlets|newspapers|sources|articles|reports|publications|notes|works|studies|"
    r"peri[oó]dicos|fuentes|art[ií]culos|medios)\b",
    re.I,
)
# Kinds of cited work, each as (how a question names it, how a citation shows it).
_GENRES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "court": (
        re.compile(r"\b(?:court|filing|lawsuit|indictment|motion|prosecutors?|legal)\b", re.I),
        re.compile(r"\bv\.\s|\bCourt\b|\bUnited States Attorney\b|\bMotion\b"),
    ),
    "statement": (
        re.compile(r"\b(?:statement|press release|communiqu[eé]|comunicado)\b", re.I),
        re.compile(r"\bStatement\b|\bPress Release\b|\bComunicado\b"),
    ),
    "survey": (
        re.compile(r"\b(?:survey|poll|encuesta)\b", re.I),
        re.compile(r"\bSurvey\b|\bEncuesta\b|\bPoll\b"),
    ),
    "journal": (
        re.compile(r"\b(?:journal|academic|scholarly|peer-reviewed|revista)\b", re.I),
        re.compile(r"\bJournal\b|\bVol\b|\b\d+\s?:\s?\d+\b"),
    ),
    "book": (
        re.compile(r"\b(?:book|edited volume|libro)\b", re.I),
        re.compile(
            r"\bed\. by\b|\bEditorial\b|\bUniversity Press\b|\(\w[\w ]*: \w+, (?:19|20)\d\d\)"
        ),
    ),
    "blog": (re.compile(r"\bblog\b", re.I), re.compile(r"\bblog\b", re.I)),
}
# "Which Spanish-language article ...": a citation whose title is in Spanish.
_ASKS_SPANISH = re.compile(r"\b(?:spanish|in spanish|en español|en castellano)\b", re.I)
_QUOTED_TITLE = re.compile(r'["“](.+?)[,.]?["”]')
# What a citation gains for being the kind of work the question names.
GENRE_BONUS = 0.4
ANSWER_TYPE_BONUS = 0.15
# Kinds of answer a sentence plainly holds or lacks, and how far below the best sentence one
# that holds the asked-for kind may score and still lead the answer.
_DEFINITE_KINDS = frozenset({"date", "number", "money", "percent", "duration"})
KIND_MARGIN = 0.25
# For its years to count as the answer's, a sentence must share with the question a word
# other than a year that is at least this rare (idf; "Mexico" is 0.7, "U.S." 1.1).
DATING_IDF = 1.0
# A sentence giving a figure for what "how many X" counts ("four pillars") answers outright,
# so it may lead from a little further below the best.
COUNT_MARGIN = 0.3
# Sentence score = rescaled cosine + LEXICAL_WEIGHT * idf-weighted term overlap + RANK_WEIGHT /
# rank of the chunk it came from (+ small bonuses). Each model has its own cosine scale (e5's
# unrelated sentences sit near 0.8, MiniLM's near 0.3), so cosines are rescaled by how
# similar this corpus's sentences are to each other under the model: floor = mean - 1.9 sd,
# span = 4.4 sd, which puts relevant sentences at roughly 0-1 like the other parts.
DENSE_FLOOR_SD = 1.9
DENSE_SPAN_SD = 4.4
LEXICAL_WEIGHT = 0.9
RANK_WEIGHT = 0.15
# A title page line says what it is by where it stands, not in words: the parser knows which
# line is the title, the byline, the date or the parent report, and these words say so.
ROLE_WORDS = {
    "collection": "title of the larger report volume collection this chapter appears in",
    "title": "title headline name of the chapter piece",
    "date": "date published publication month year when",
    "byline": "author writer who wrote written by",
}
# For a source question, what a note gains by supporting one of the best claims.
LINK_BONUS = 0.4
MARKER_BONUS = 0.6
# A part of a question counts as covered when this share of its terms (by idf) is found.
# A part's words are partly the asker's ("what did Mexico end up doing ... as a result"), so
# less than half will do (0.3-0.45 gave the same answers on the dev sets; 0.5 missed that one).
PART_COVERED = 0.4
# ... and the sentence answering a part must score within this of the best sentence.
PART_MARGIN = 0.5
# Tokens a part's answer may run over the budget by to bring the date (or figure) it asks for.
KIND_EXTRA_TOKENS = 40
# How much a question term found only in the sentence's section heading counts.
HEADING_WEIGHT = 0.5
# What a sentence of a paragraph laying out the document loses, unless its plan is asked about.
ROADMAP_PENALTY = 0.6


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence or an endnote that may go into the answer."""

    doc_id: str
    section_id: str
    paragraph: int
    start: int
    end: int
    text: str
    kind: Literal["sentence", "list-item", "endnote"]
    chunk_id: str
    note: int = 0

    @property
    def place(self) -> tuple[str, str, int]:
        """The paragraph it stands in: (document, section, paragraph)."""
        return (self.doc_id, self.section_id, self.paragraph)


@dataclass
class _Scored:
    candidate: Candidate
    vector: FloatArray
    terms: frozenset[str]
    dense: float
    lexical: float
    score: float


@dataclass(frozen=True)
class _Evidence:
    language: str
    hits: list[Hit]
    chosen: list[_Scored]
    signals: Signals
    retrieve_ms: float
    # A question about the whole document, answered from the sentences stating its point.
    overview: bool = False
    # "What does the brief say about climate change?" with a topic the corpus never names.
    unknown_topic: bool = False


class Answerer:
    """Answers questions about the indexed corpus with cited sentences."""

    def __init__(
        self,
        retriever: Retriever,
        documents: list[Document],
        settings: AnswerSettings,
        mode: Mode = "hybrid",
        model: AbstentionModel | None = None,
    ) -> None:
        self.retriever = retriever
        self.documents = documents
        self.settings = settings
        self.mode = mode
        self.configuration = configuration(retriever.settings.embedder, mode)
        self.model = (
            model
            if model is not None
            else load_model(settings.abstention_model, self.configuration)
        )
        self._dense_floor, self._dense_span = _dense_scale(retriever.index.sentence_vectors)
        self._docs = {document_id(d): d for d in documents}
        self.brief = main_brief(documents) or documents[0]
        self._chunk_row = {c.chunk_id: i for i, c in enumerate(retriever.index.chunks)}
        self._note_chunk: dict[tuple[str, int], Chunk] = {
            (c.doc_id, c.endnotes[0]): c
            for c in retriever.index.chunks
            if c.kind == "endnote" and c.endnotes
        }
        self._idf, self._max_idf = self._document_frequencies()
        # Where each acronym is first spelled out in the body ("... López Obrador (AMLO).").
        self._definitions: dict[str, tuple[str, str, Paragraph, Sentence]] = {}
        for doc_id, doc in self._docs.items():
            for section in doc.sections:
                if section.kind != "body":
                    continue
                for p in section.paragraphs:
                    for sentence in p.sentences:
                        for acronym in defined_acronyms(sentence.text):
                            where = (doc_id, section.id, p, sentence)
                            self._definitions.setdefault(acronym, where)
        # Typos are read as the corpus words they were meant to be: the brief's own text is
        # the vocabulary, headings and endnotes included.
        self.speller = speller_for(documents)
        # Every word the corpus uses, endnotes included: the idf above counts body sentences
        # only, but a word of an endnote ("Porrúa") is not unknown to it. Headings are left
        # out: a name only a heading gives ("See also the chapter by Max Kaiser") comes with
        # nothing the brief says about it.
        # The words a reader uses for the document's own parts ("the author", "this chapter")
        # are known to it too, though its sentences need not use them.
        self._vocabulary = (
            frozenset(self._idf)
            | {t for doc in documents for n in doc.endnotes for t in terms_of(n.text)}
            | frozenset(terms_of(" ".join(ROLE_WORDS.values())))
            | {
                t
                for doc in documents
                for section in doc.sections
                for p in section.paragraphs
                for t in terms_of(" ".join(initialisms(p.text)))
            }
        )
        self._sorted_vocabulary = sorted(self._vocabulary)
        # Words the corpus only ever writes capitalised, after another capitalised word: the
        # last words of names, people's surnames among them ("William Barr"; also "Congress").
        texts = [doc.text for doc in documents]
        lower = {w for text in texts for w in re.findall(r"\b[a-z][\w'’-]*", text)}
        self._surnames = {
            m.group(1)
            for text in texts
            for m in re.finditer(r"\b[A-Z][a-z]+ ([A-Z][a-zá-ú]+)\b", text)
            if m.group(1).lower() not in lower
        }
        self._heading_terms = {
            (doc_id, section.id): frozenset(terms_of(doc.section_path(section.id)))
            for doc_id, doc in self._docs.items()
            for section in doc.sections
        }
        # What the corpus can know ends at the date of its briefs (sources are older by nature).
        self._identity_terms = {
            doc_id: frozenset(terms_of(f"{doc.origin.title} {doc.origin.outlet}"))
            for doc_id, doc in self._docs.items()
            if doc.origin is not None
        }
        # The body's terms in reading order, to find a name's words as a phrase.
        self._body_terms = " {} ".format(
            " ".join(
                " ".join(terms_of(p.text))
                for doc in documents
                for section in doc.sections
                if section.kind != "endnotes"
                for p in section.paragraphs
            )
        )
        self._cited_only = self._terms_only_in_endnotes(frozenset(self._body_terms.split()))
        # The documents' own authors: every sentence of a brief is its author's words.
        self._author_terms = frozenset(
            t for doc in documents for t in terms_of(" ".join(doc.authors))
        )
        # Per-sentence work that does not depend on the question, filled in as sentences
        # come up (bounded by the corpus: candidates are always corpus sentences or notes).
        self._candidate_terms: dict[tuple[str, int, int], frozenset[str]] = {}
        self._holds_kind: dict[tuple[str, str, int, int], bool] = {}
        self._dates = [
            _year_month(d.date) for d in documents if d.kind == "brief" and _YEAR.search(d.date)
        ]
        # Paragraphs that lay out the document itself ("The chapter will first present ...,
        # In a second section, ..."): they touch every topic, so they match many questions
        # without answering any but questions about the document's plan.
        self._roadmaps = {
            (doc_id, section.id, p.number)
            for doc_id, doc in self._docs.items()
            for section in doc.sections
            for p in section.paragraphs
            if sum(bool(_ROADMAP.search(sentence.text)) for sentence in p.sentences) >= 2
        }
        self._role_terms = {
            (doc_id, p.start): frozenset(terms_of(ROLE_WORDS[role]))
            for doc_id, doc in self._docs.items()
            for section in doc.sections
            if section.kind == "front-matter"
            for p in section.paragraphs
            if (role := _front_matter_role(doc, p.text))
        }

    @classmethod
    def load(
        cls,
        settings: Settings,
        mode: str = "hybrid",
        embedder: str | None = None,
        model: AbstentionModel | None = None,
    ) -> Answerer:
        """Parse the corpus and load the index, building it first if it is missing or stale.

        `model` replaces the stored abstention model (`qa calibrate` passes the default, so
        that a models file written for other signals does not stop it from refitting).
        """
        from qa.store import ensure_index

        if mode not in ("hybrid", "dense", "bm25"):
            raise ValueError(f"unknown mode {mode!r}")
        if embedder is not None and embedder != settings.index.embedder:
            index_settings = settings.index.model_copy(update={"embedder": embedder})
            settings = settings.model_copy(update={"index": index_settings})
        from qa.corpus import load_documents

        ensure_index(settings)
        retriever = Retriever.load(settings)
        documents = load_documents(settings)
        return cls(retriever, documents, settings.answer, mode=mode, model=model)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ the pipeline

    def answer(self, question: str, top_k: int = 5) -> Answer:
        """Answer `question` from the `top_k` best chunks (plus candidates for sentences)."""
        started = time.perf_counter()
        ev = self._evidence(question, top_k)
        citations = self._citations(ev.chosen)
        related = self._related(ev.hits)
        abstained = (
            not citations
            or ev.unknown_topic
            or (not ev.overview and self.model.abstain(ev.signals))
        )
        if abstained:
            citations = []
            text = self._abstention_text(related, ev.language)
        else:
            named = len({c.doc_id for c in citations}) > 1
            body = " ".join(f"{lead_in(c, named)}{c.quote} [{c.marker}]" for c in citations)
            text = f"{SPANISH_NOTE}\n\n{body}" if ev.language == "es" else body
        done = time.perf_counter()
        return Answer(
            question=question,
            answer=text,
            abstained=abstained,
            citations=tuple(citations),
            related=tuple(related),
            timings_ms={
                "retrieve": round(ev.retrieve_ms, 2),
                "compose": round((done - started) * 1000 - ev.retrieve_ms, 2),
                "total": round((done - started) * 1000, 2),
            },
            language=ev.language,
            retrieved=tuple(
                Retrieved(h.chunk.chunk_id, h.chunk.section_id, h.chunk.endnotes, h.score)
                for h in ev.hits
            ),
        )

    def signals(self, question: str, top_k: int = 5) -> Signals:
        """The abstention signals for a question (what `qa calibrate` fits the model on)."""
        return self._evidence(question, top_k).signals

    def spelled(self, query: str, language: str | None = None) -> str:
        """`query` with misspelled words corrected (see `spelled`)."""
        return spelled(self.speller, query, language)

    def _evidence(self, question: str, top_k: int) -> _Evidence:
        started = time.perf_counter()
        query = with_months_spelled_out(clean_query(question))
        if len(question) > MAX_QUESTION_CHARS:
            raise QueryError(
                f"the question is {len(question)} characters long; "
                f"the limit is {MAX_QUESTION_CHARS}"
            )
        language = detect_language(query)
        query = self.spelled(query, language)
        hits = self.retriever.search(query, k=max(top_k, self.settings.candidates), mode=self.mode)
        qvec = self.retriever.query_vector(query) if self.mode != "bm25" else None
        retrieve_ms = (time.perf_counter() - started) * 1000
        q_terms = self._question_terms(query, language)
        source = is_source_question(query)
        q_kind = answer_kind(query)
        about_plan = bool(_ASKS_PLAN.search(query))
        scored = [
            self._score(c, qvec, q_terms, hits, q_kind, about_plan)
            for c in self._candidates(query, hits, source)
        ]
        scored.sort(key=lambda s: (-s.score, s.candidate.doc_id, s.candidate.start))
        scored = self._kind_first(q_kind, scored, counted_noun(query, language))
        scored = self._definition_first(query, scored, qvec, q_terms, hits)
        overview = [] if source else self._overview(query, qvec, q_terms, hits)
        item = [] if source or overview else self._list_item(query, qvec, q_terms, hits)
        if overview:
            chosen = overview
        elif item:
            chosen = item
        elif source:
            asked = {int(n) for n in _NOTE_NUMBER.findall(query)}
            chosen = self._choose_source(scored, q_terms, asked, query)
        else:
            part_texts = question_parts(query)
            parts = [self._part_terms(part, q_terms) for part in part_texts]
            chosen = self._choose(
                scored,
                q_terms,
                explain=bool(_ASKS_REASON.search(query)),
                parts=parts,
                part_kinds=[answer_kind(part) for part in part_texts],
                query=query,
            )
            chosen = self._complete_list(query, chosen, scored)
        signals = self._signals(query, language, hits, scored, chosen, q_terms, source)
        return _Evidence(
            language,
            hits,
            chosen,
            signals,
            retrieve_ms,
            overview=bool(overview),
            unknown_topic=language != "es" and self._unknown_topic(query),
        )

    def _unknown_topic(self, query: str) -> bool:
        """Whether the question asks what the brief says about something it never names.

        "What does the brief say about climate change?": the brief says nothing about it,
        however well its other words match ("say", "brief"). The topic counts as unknown when
        most of its weight is in words the corpus never uses.
        """
        match = _ASKS_ABOUT.search(query)
        if match is None:
            return False
        topic = {t: self._idf.get(t, self._max_idf) for t in terms_of(match.group("topic"))}
        total = sum(topic.values())
        unknown = sum(w for t, w in topic.items() if not self._known_family(t))
        return total > 0 and unknown / total > UNKNOWN_TOPIC_SHARE

    def _family_of(self, term: str) -> list[str]:
        """The body's forms of `term`, a word the body does not use, by a regular change of
        ending ("eradicat": "eradication", "independenc": "independent")."""
        return sorted(
            {
                term[: -len(ending)] + other if ending else term + other
                for ending, other in _DERIVATIONS
                if term.endswith(ending) and len(term) - len(ending) >= FAMILY_STEM - 2
            }
            & self._idf.keys()
        )

    def _known_family(self, term: str) -> bool:
        """Whether the corpus uses `term` or a word of its family ("grower": "growing")."""
        if term in self._vocabulary:
            return True
        stem = term[: max(4, len(term) - 3)]
        at = bisect.bisect_left(self._sorted_vocabulary, stem)
        return at < len(self._sorted_vocabulary) and self._sorted_vocabulary[at].startswith(stem)

    def _overview(
        self, query: str, qvec: FloatArray | None, q_terms: dict[str, float], hits: list[Hit]
    ) -> list[_Scored]:
        """For "What is the brief about?": the brief's sentences stating its point, else []."""
        if not is_overview_question(query):
            return []
        doc_id = document_id(self.brief)
        chosen = []
        for section, p, sentence in overview_sentences(self.brief):
            candidate = self._sentence_candidate(doc_id, section.id, p, sentence)
            if candidate is not None:
                chosen.append(self._score(candidate, qvec, q_terms, hits, about_plan=True))
        return chosen

    def _list_item(
        self, query: str, qvec: FloatArray | None, q_terms: dict[str, float], hits: list[Hit]
    ) -> list[_Scored]:
        """For "What is the third recommendation?": that item of the brief's list, else []."""
        asked = asked_item(query)
        if asked is None:
            return []
        doc_id = document_id(self.brief)
        chosen = []
        for section, p, sentence in list_item(self.brief, *asked):
            candidate = self._sentence_candidate(doc_id, section.id, p, sentence)
            if candidate is not None:
                chosen.append(self._score(candidate, qvec, q_terms, hits))
        return chosen

    def _sentence_candidate(
        self, doc_id: str, section_id: str, p: Paragraph, sentence: Sentence
    ) -> Candidate | None:
        """A corpus sentence as a candidate, whether or not retrieval found its chunk."""
        chunk = next(
            (
                c
                for c in self.retriever.index.chunks
                if (c.doc_id, c.section_id) == (doc_id, section_id)
                and c.start <= sentence.start < c.end
            ),
            None,
        )
        return None if chunk is None else _sentence(doc_id, section_id, p, sentence, chunk.chunk_id)

    def _definition_first(
        self,
        query: str,
        scored: list[_Scored],
        qvec: FloatArray | None,
        q_terms: dict[str, float],
        hits: list[Hit],
    ) -> list[_Scored]:
        """For "Who is AMLO?" or "What does DTO stand for?": the sentence that spells the
        acronym out ("President Andrés Manuel López Obrador (AMLO)") first.

        Every sentence naming López Obrador answers to "AMLO" lexically, and most use the
        acronym without saying what it stands for.
        """
        acronym = asked_acronym(query)
        where = self._definitions.get(acronym) if acronym else None
        if where is None:
            return scored
        candidate = self._sentence_candidate(*where)
        if candidate is None:
            return scored
        place = (candidate.doc_id, candidate.start)
        rest = [x for x in scored if (x.candidate.doc_id, x.candidate.start) != place]
        return [self._score(candidate, qvec, q_terms, hits), *rest]

    # ------------------------------------------------------------------ candidates

    def _candidates(self, query: str, hits: list[Hit], source_question: bool) -> list[Candidate]:
        seen: set[tuple[str, int]] = set()
        found: list[Candidate] = []

        def add(c: Candidate) -> None:
            if (c.doc_id, c.start) not in seen:
                seen.add((c.doc_id, c.start))
                found.append(c)

        asked = {int(n) for n in _NOTE_NUMBER.findall(query)}
        for doc_id, doc in self._docs.items():
            for number in sorted(asked):
                if any(n.number == number for n in doc.endnotes):
                    add(self._note_candidate(doc_id, number))
        for hit in hits:
            chunk = hit.chunk
            if chunk.doc_id not in self._docs:
                continue
            doc = self._docs[chunk.doc_id]
            if chunk.kind == "endnote":
                if source_question:
                    add(self._note_candidate(chunk.doc_id, chunk.endnotes[0]))
                continue
            for section in doc.sections:
                if section.id != chunk.section_id:
                    continue
                for p in section.paragraphs:
                    if p.end <= chunk.start or p.start >= chunk.end or not quotable(doc, p):
                        continue
                    for s in p.sentences:
                        if chunk.start <= s.start < chunk.end:
                            add(_sentence(chunk.doc_id, section.id, p, s, chunk.chunk_id))
                    if source_question:
                        for number in doc.anchored_endnotes(section.id, p.number):
                            add(self._note_candidate(chunk.doc_id, number))
        return found

    def _note_candidate(self, doc_id: str, number: int) -> Candidate:
        doc = self._docs[doc_id]
        note = doc.endnote(number)
        chunk = self._note_chunk.get((doc_id, number))
        notes_section = next(s for s in doc.sections if s.kind == "endnotes")
        paragraph = next(
            p.number for p in notes_section.paragraphs if p.start <= note.start < p.end
        )
        return Candidate(
            doc_id,
            notes_section.id,
            paragraph,
            note.start,
            note.end,
            note.text,
            "endnote",
            chunk.chunk_id if chunk else "",
            note=number,
        )

    # ------------------------------------------------------------------ scoring

    def _document_frequencies(self) -> tuple[dict[str, float], float]:
        units: list[set[str]] = []
        for doc in self.documents:
            for section in doc.sections:
                for p in section.paragraphs:
                    units.extend(set(terms_of(s.text)) for s in p.sentences)
        df = Counter(t for u in units for t in u)
        n = max(len(units), 1)
        idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        return idf, math.log((n + 1) / 0.5)

    def _terms_only_in_endnotes(self, body: frozenset[str]) -> frozenset[str]:
        """Terms of the endnotes' authors that the corpus uses nowhere else ("Krauze"), given
        the terms of everything but the endnotes.

        Notes whose source document is in the corpus are left out: what those authors say
        can be quoted.
        """
        # A note whose source document is indexed is answerable from that document.
        linked = {
            (d.origin.brief_id, n) for d in self.documents if d.origin for n in d.origin.notes
        }
        authors = {
            t
            for doc in self.documents
            for n in doc.endnotes
            if (document_id(doc), n.number) not in linked
            for t in terms_of(_note_author(n.text))
        }
        return frozenset(authors - body)

    def _question_terms(self, query: str, language: str) -> dict[str, float]:
        """Question terms with their idf; unknown Spanish words are dropped (not evidence).

        A Spanish question is read through the glossary (plus the words it shares with the
        English text, such as names), so "noviembre" can match "November".
        """
        terms: dict[str, float] = {}
        # "Who wrote this chapter?": "chapter" names the document, not what its byline says.
        about = _ABOUT_THE_DOCUMENT.search(query)
        if about is not None:
            query = query[: about.start("document")] + query[about.end("document") :]
        # "How many" asks for a figure (see `answer_kind`); "many" is not what the brief must say.
        text = _ASKS_QUANTITY_WORD.sub(" ", without_document_name(query))
        if language == "es":
            # Spanish function words are not English stopwords: keep only what the glossary
            # translates, names and numbers.
            # A capitalised question word opening a sentence ("Qué", "Por qué") is no name.
            names = [
                word
                for word in re.findall(r"\b(?:[A-ZÁÉÍÓÚÑ][\w-]+|\d[\d,.]*)", query)
                if not is_spanish_function_word(word)
            ]
            # Words the glossary lacks may still be cognates the corpus uses ("intención").
            text = " ".join([to_english(query), cognates(query), *names])
        for t in terms_of(text):
            if t in self._idf:
                terms[t] = self._idf[t]
            elif language != "es" and t in THESAURUS:
                # "bosses": the brief's "kingpin" and "leaders" stand for the reader's word.
                for brief in terms_of(THESAURUS[t]):
                    if brief in self._idf:
                        terms.setdefault(brief, self._idf[brief])
            elif language != "es" and t not in self._vocabulary and (family := self._family_of(t)):
                # "eradicating": the brief's "eradication" is the same word.
                for member in family:
                    terms.setdefault(member, self._idf[member])
            elif language != "es":
                terms[t] = self._max_idf
        # "What does TCO stand for?" meets "transnational criminal organizations (TCOs)": what
        # an acronym stands for shares the acronym's weight. A name and its acronym ("López
        # Obrador", "AMLO") are met on the sentence's side instead (see `_terms`): weighed on
        # both sides, the sentence that defines "AMLO" would count him twice.
        acronyms = self.retriever.acronyms
        for used, other in acronyms.expansions(text):
            if acronyms.is_name(used):
                continue
            weight = sum(terms.get(t, 0.0) for t in set(terms_of(used)))
            added = {t: self._idf[t] for t in set(terms_of(other)) if t in self._idf}
            spread = sum(added.values())
            for t, w in added.items():
                if t not in terms and spread:
                    terms[t] = w * weight / spread
        return terms

    @staticmethod
    def _part_terms(part: str, q_terms: dict[str, float]) -> dict[str, float]:
        """The question's terms that one part of it uses, everyday words read as the brief's
        ("what did the US commit to": "pledged")."""
        terms = terms_of(_DATE_FRAME.sub(" ", part))
        terms += [b for t in terms if t in THESAURUS for b in terms_of(THESAURUS[t])]
        return {t: q_terms[t] for t in terms if t in q_terms}

    def _vector(self, c: Candidate) -> FloatArray:
        index = self.retriever.index
        if c.kind != "endnote":
            try:
                vector: FloatArray = index.sentence_vector_at(c.start, c.doc_id)
                return vector
            except KeyError:
                pass
        row = self._chunk_row.get(c.chunk_id)
        if row is None:
            return np.zeros(index.chunk_vectors.shape[1], dtype=np.float32)
        chunk_vector: FloatArray = index.chunk_vectors[row]
        return chunk_vector

    def _type_bonus(self, kind: str, c: Candidate) -> float:
        """A little credit for a sentence holding the kind of thing asked for."""
        return ANSWER_TYPE_BONUS if kind and self._holds(kind, c) else 0.0

    def _holds(self, kind: str, c: Candidate) -> bool:
        """`holds_kind` for a candidate, worked out once per corpus sentence and kind."""
        key = (kind, c.doc_id, c.start, c.end)
        holds = self._holds_kind.get(key)
        if holds is None:
            holds = self._holds_kind[key] = holds_kind(kind, c.text)
        return holds

    def _kind_first(self, kind: str, scored: list[_Scored], counted: str = "") -> list[_Scored]:
        """`scored` with the best sentence holding the asked-for kind first, if it is close.

        "When ..." answered by a sentence without a date does not answer; a sentence nearly as
        close that holds one does ("What date range ..." -> "the Mérida Initiative (2007-present)").
        For "how many X", with X `counted`, the sentence must give a figure for X: "By 2011, ..."
        holds a number but does not say into how many pillars the initiative was organized.
        """

        counting = kind == "number" and bool(counted)

        def holds(c: Candidate) -> bool:
            return not count_missing(counted, c.text) if counting else self._holds(kind, c)

        if kind not in _DEFINITE_KINDS or not scored or holds(scored[0].candidate):
            return scored
        floor = scored[0].score - (COUNT_MARGIN if counting else KIND_MARGIN)
        for i, s in enumerate(scored):
            if s.score < floor:
                break
            if holds(s.candidate):
                return [s, *scored[:i], *scored[i + 1 :]]
        return scored

    def _score(
        self,
        c: Candidate,
        qvec: FloatArray | None,
        q_terms: dict[str, float],
        hits: list[Hit],
        q_kind: str = "",
        about_plan: bool = False,
    ) -> _Scored:
        vector = self._vector(c)
        # Words that name a source ("the Border Ledger article") say which document, not what
        # it says: every sentence of that source holds them, not only its title line.
        terms = self._terms(c)
        dense = float(vector @ qvec) if qvec is not None else 0.0
        total = sum(q_terms.values()) or 1.0
        lexical = sum(w for t, w in q_terms.items() if t in terms) / total
        # The heading a sentence stands under is part of what it says ("About the Author").
        heading = self._heading_terms.get((c.doc_id, c.section_id), frozenset())
        heading |= self._role_terms.get((c.doc_id, c.start), frozenset())
        lexical += (
            HEADING_WEIGHT
            * sum(w for t, w in q_terms.items() if t in heading and t not in terms)
            / total
        )
        rank = next((h.rank for h in hits if h.chunk.chunk_id == c.chunk_id), len(hits) + 1)
        # e5 cosines of related texts sit in about 0.75-0.92: rescale to roughly 0-1.
        dense_part = (dense - self._dense_floor) / self._dense_span if qvec is not None else 0.0
        score = (
            dense_part + LEXICAL_WEIGHT * lexical + RANK_WEIGHT / rank + self._type_bonus(q_kind, c)
        )
        if c.place in self._roadmaps and not about_plan:
            score -= ROADMAP_PENALTY
        return _Scored(c, vector, terms, dense, lexical, score)

    def _terms(self, c: Candidate) -> frozenset[str]:
        """A candidate's terms, worked out once per corpus sentence (the corpus is fixed)."""
        key = (c.doc_id, c.start, c.end)
        terms = self._candidate_terms.get(key)
        if terms is None:
            names = self.retriever.acronyms.name_forms(c.text)
            terms = (
                frozenset(terms_of(c.text))
                | frozenset(terms_of(names))
                | self._identity_terms.get(c.doc_id, frozenset())
            )
            self._candidate_terms[key] = terms
        return terms

    def _choose_source(
        self, scored: list[_Scored], q_terms: dict[str, float], asked: set[int], query: str = ""
    ) -> list[_Scored]:
        """For a question about sources: the claim, then the endnote that supports it.

        The question usually describes the claim ("the report on the National Guard's
        recruits") more than the citation, so a note gains when it is anchored to the best
        claims' paragraphs, and more when its marker follows the very sentence.
        """
        claims = [s for s in scored if s.candidate.kind != "endnote"]
        notes = [s for s in scored if s.candidate.kind == "endnote"]
        if not notes:
            return self._choose(claims, q_terms)

        def linked(note: _Scored) -> float:
            bonus = 1.5 if note.candidate.note in asked else 0.0
            for i, claim in enumerate(claims[:3]):
                c = claim.candidate
                doc = self._docs[c.doc_id]
                if note.candidate.doc_id != c.doc_id:
                    continue
                if note.candidate.note in doc.anchored_endnotes(c.section_id, c.paragraph):
                    marked = note.candidate.note in self._sentence_markers(c)
                    bonus = max(
                        bonus, (LINK_BONUS + (MARKER_BONUS if marked else 0.0)) * (1 - 0.3 * i)
                    )
            return bonus

        genres = asked_genres(query)

        def fits(note: _Scored) -> float:
            return GENRE_BONUS if genres & note_genres(note.candidate.text) else 0.0

        ranked = sorted(notes, key=lambda n: (-(n.score + linked(n) + fits(n)), n.candidate.start))
        top_note = ranked[0]
        chosen: list[_Scored] = []
        claim = self._claim_for(top_note, claims)
        if claim is not None:
            chosen.append(claim)
        chosen.append(top_note)
        if claim is not None and _ASKS_SEVERAL_SOURCES.search(query):
            # "Which outlets are cited for the passage on ...?": every note of the claim's
            # paragraph, those marked on the claim itself first.
            c = claim.candidate
            anchored = self._docs[c.doc_id].anchored_endnotes(c.section_id, c.paragraph)
            marked = self._sentence_markers(c)
            others = sorted(
                (n for n in ranked if n.candidate.note in anchored and n is not top_note),
                key=lambda n: (n.candidate.note not in marked, -n.score),
            )
            room = self.settings.max_sentences - len(chosen)
            chosen += sorted(others[: max(0, room)], key=lambda n: n.candidate.note)
        return chosen

    def _claim_for(self, note: _Scored, claims: list[_Scored]) -> _Scored | None:
        """The best claim the note supports (its marker's sentence first), else the best claim."""
        n = note.candidate.note
        supported = [
            c
            for c in claims
            if n
            in self._docs[c.candidate.doc_id].anchored_endnotes(
                c.candidate.section_id, c.candidate.paragraph
            )
        ]
        marked = [c for c in supported if n in self._sentence_markers(c.candidate)]
        for group in (marked, supported, claims):
            if group:
                return max(group, key=lambda c: (c.score, -c.candidate.start))
        return None

    def _sentence_markers(self, c: Candidate) -> tuple[int, ...]:
        paragraph = self._docs[c.doc_id].paragraph(c.section_id, c.paragraph)
        return next((s.endnotes for s in paragraph.sentences if s.start == c.start), ())

    # ------------------------------------------------------------------ selection

    def _choose(
        self,
        scored: list[_Scored],
        q_terms: dict[str, float],
        explain: bool = False,
        parts: list[dict[str, float]] | None = None,
        part_kinds: list[str] | None = None,
        query: str = "",
    ) -> list[_Scored]:
        """The best candidate, what completes it, and what covers the rest of the question.

        With `parts` (the terms of each part of a question such as "What did X do, and did Y
        happen?"), each part the chosen sentences do not yet cover gets its own best sentence
        before the best one's neighbours fill the answer; with `part_kinds` (what each part
        asks for), each part asking for a date or a figure gets a sentence that gives one.
        """
        if not scored:
            return []
        settings = self.settings
        total = sum(q_terms.values()) or 1.0
        best = scored[0]
        chosen = [best]
        covered = set(best.terms) & set(q_terms)
        budget = settings.token_budget - count_tokens(best.candidate.text)

        def take(s: _Scored) -> bool:
            nonlocal budget
            cost = count_tokens(s.candidate.text)
            if cost > budget or any(s is c for c in chosen):
                return False
            budget -= cost
            chosen.append(s)
            covered.update(set(s.terms) & set(q_terms))
            return True

        split = parts if parts and len(parts) > 1 else []
        kinds = (part_kinds or []) if split else []
        anchors: list[_Scored] = []
        for i, part in enumerate(split):
            if _share(part, covered) < PART_COVERED:
                # Each part left gets its share of the budget, so that one long sentence
                # answering the first part does not leave the second unanswered.
                open_parts = sum(1 for p in split[i:] if _share(p, covered) < PART_COVERED)
                anchor = _part_anchor(part, scored, best.score - PART_MARGIN, budget // open_parts)
                if anchor is not None and take(anchor):
                    anchors.append(anchor)
        # Each part asking for a date (or a figure) needs a sentence that gives one: "When was
        # it set to begin, and in what year was it reorganized around four pillars?" The
        # pillars sentence is led by the one that dates the change, in the same paragraph.
        # Nearest first to the sentences taken for the later parts, then to the best one.
        places: dict[tuple[str, str, int], tuple[int, int]] = {}
        for rank, taken in enumerate([*anchors[::-1], best]):
            places.setdefault(taken.candidate.place, (rank, taken.candidate.start))
        for kind, parts_asking in Counter(k for k in kinds if k in _DEFINITE_KINDS).items():
            given = sum(self._holds(kind, c.candidate) for c in chosen)
            holders = sorted(
                (
                    s
                    for s in scored
                    if s.candidate.place in places
                    and self._holds(kind, s.candidate)
                    and not any(s is c for c in chosen)
                ),
                key=lambda s: (
                    places[s.candidate.place][0],
                    abs(s.candidate.start - places[s.candidate.place][1]),
                ),
            )
            for holder in holders[: max(0, parts_asking - given)]:
                # A short sentence may run over the budget: without it the part is not
                # answered at all.
                budget += KIND_EXTRA_TOKENS
                take(holder)
                budget = max(0, budget - KIND_EXTRA_TOKENS)
        focus = asked_term(query)
        own = question_names(query)

        def names_near(s: _Scored) -> set[str]:
            # The names beside the noun asked for: "operations Canador (1970-1975), Trizo".
            words = s.candidate.text.split()
            return {
                t
                for i, w in enumerate(words)
                if focus in terms_of(w)
                for word in words[max(1, i - NAME_REACH + 1) : i + NAME_REACH + 1]
                if word[:1].isupper()
                for t in terms_of(word)
            }

        # "Which operations followed Operation Intercept?": a best sentence that names only
        # the question's own one ("Operation Intercept") leaves the ones asked for unnamed.
        named = [names_near(c) for c in chosen if focus in c.terms] if _WHICH.match(query) else []
        unnamed = any(n and n <= own for n in named) and not any(n - own for n in named)
        if focus in q_terms and (focus not in covered or unnamed):
            # "Which centuries ...": a sentence naming them completes the answer, from the
            # best sentence's own section or scoring nearly as well elsewhere.
            holders = [
                s
                for s in scored
                if focus in s.terms
                and s.candidate.kind == "sentence"
                and (not unnamed or bool(names_near(s) - own))
                and (
                    (s.candidate.doc_id, s.candidate.section_id)
                    == (best.candidate.doc_id, best.candidate.section_id)
                    or s.score >= best.score - PART_MARGIN
                )
            ]
            if holders:
                take(max(holders, key=lambda s: s.score))
        cause = bool(_ASKS_CAUSE.search(query))
        for s in self._context(best, scored, explain, cause):
            take(s)
        # A list asked for answers as a whole: its items come together. One item matched by
        # a question about something else ("What drives migration?" meets "Address the
        # socioeconomic roots driving migration") is one sentence among others.
        if self._list_asked(best, q_terms):
            budget += LIST_EXTRA_TOKENS
            for s in sorted(scored, key=lambda x: x.candidate.start):
                same = s.candidate.section_id == best.candidate.section_id
                if (
                    same
                    and s.candidate.kind == "list-item"
                    and s.candidate.doc_id == best.candidate.doc_id
                ):
                    take(s)
            return chosen
        # Each candidate's greatest similarity to a chosen sentence, kept up to date as
        # sentences are chosen (one matrix product per choice, not one per pair).
        matrix = np.stack([s.vector for s in scored])
        nearest = np.max(matrix @ np.stack([c.vector for c in chosen]).T, axis=1)
        asked = set(q_terms)
        while len(chosen) < settings.max_sentences:
            pick: _Scored | None = None
            pick_at = -1
            pick_value = -math.inf
            texts = {c.candidate.text for c in chosen}
            for i, s in enumerate(scored):
                if any(s is c for c in chosen) or s.candidate.kind == "list-item":
                    continue
                redundancy = float(nearest[i])
                if redundancy > 0.97 or s.candidate.text in texts:
                    continue
                new = sum(q_terms[t] for t in (s.terms & asked) - covered) / total
                close = s.score >= best.score - settings.margin
                if not (close or new >= settings.coverage_gain):
                    continue
                value = s.score + new - 0.5 * max(0.0, redundancy - 0.9)
                if value > pick_value:
                    pick, pick_at, pick_value = s, i, value
            if pick is None or not take(pick):
                break
            nearest = np.maximum(nearest, matrix @ scored[pick_at].vector)
        # "... several other threats ... . Such threats include robberies, ...": the sentence
        # naming the members of a kind a chosen one announces comes along.
        for s in list(chosen):
            after = self._neighbours(s, scored)[1]
            members = _NAMES_MEMBERS.match(after.candidate.text) if after is not None else None
            if after is not None and members and set(terms_of(members.group(1))) <= s.terms:
                take(after)
        return chosen

    def _list_asked(self, item: _Scored, q_terms: dict[str, float]) -> bool:
        """Whether a list item answers as part of its list: the question names the list
        ("What are the key policy recommendations?"), as its section's heading does."""
        if item.candidate.kind != "list-item":
            return False
        heading = self._heading_terms.get((item.candidate.doc_id, item.candidate.section_id))
        return bool(heading and heading & set(q_terms))

    def _complete_list(
        self, query: str, chosen: list[_Scored], scored: list[_Scored]
    ) -> list[_Scored]:
        """The items of the list that an answer's sentence announces ("five recommendations").

        When the question and the best sentence name the same count of things, and a list
        among the candidates has exactly that many items, the items come along, in order.
        """
        if not chosen or chosen[0].candidate.kind == "list-item":
            return chosen
        count = _counted(chosen[0].candidate.text)
        asked = _counted(query, anywhere=True)
        # The sentence announcing the count the question asks for need not lead ("What were
        # the four pillars after 2011?" led by "... agreed to reformulate the goals in 2011.").
        for lead in chosen:
            announced = _counted(lead.candidate.text)
            if announced and (asked == announced or (lead is chosen[0] and asked == 0)):
                enumeration = self._enumeration(lead, announced, scored)
                if enumeration is not None and not any(enumeration is c for c in chosen):
                    return self._with_enumeration(chosen, lead, enumeration)
        # Or no chosen sentence announces it, but one of their paragraphs numbers that many.
        for lead in chosen if asked else []:
            enumeration = self._enumeration(lead, asked, scored)
            if enumeration is not None and not any(enumeration is c for c in chosen):
                return self._with_enumeration(chosen, chosen[0], enumeration)
        if count == 0 or count != asked:
            return chosen
        lists: dict[tuple[str, str], list[_Scored]] = {}
        for s in scored:
            if s.candidate.kind == "list-item":
                lists.setdefault((s.candidate.doc_id, s.candidate.section_id), []).append(s)
        matching = [items for items in lists.values() if len(items) == count]
        if not matching:
            return chosen
        items = max(matching, key=lambda xs: max(x.score for x in xs))
        return [chosen[0], *sorted(items, key=lambda x: x.candidate.start)]

    @staticmethod
    def _enumeration(best: _Scored, count: int, scored: list[_Scored]) -> _Scored | None:
        """The sentence of the best one's paragraph that numbers the `count` things it
        announces ("organized according to four pillars" -> 'were: "1) ...; 2) ...; 4) ...')."""
        c = best.candidate
        for s in scored:
            o = s.candidate
            if o.place == c.place and o.kind == c.kind and _numbered_items(o.text) == count:
                return s
        return None

    def _with_enumeration(
        self, chosen: list[_Scored], lead: _Scored, enumeration: _Scored
    ) -> list[_Scored]:
        """The best sentence, the one announcing the list and its enumeration first, then
        what else still fits."""
        budget = self.settings.token_budget + LIST_EXTRA_TOKENS
        kept = [chosen[0]] + ([lead] if lead is not chosen[0] else []) + [enumeration]
        budget -= sum(count_tokens(s.candidate.text) for s in kept)
        for s in chosen[1:]:
            if any(s is k for k in kept):
                continue
            cost = count_tokens(s.candidate.text)
            if cost <= budget and len(kept) < self.settings.max_sentences:
                kept.append(s)
                budget -= cost
        return kept

    def _context(
        self, best: _Scored, scored: list[_Scored], explain: bool, cause: bool = False
    ) -> list[_Scored]:
        """The sentences around the best one that belong with it, in the order to take them.

        Answers often run over two sentences in a row: the next sentence comes along when it
        scores nearly as well or leans on the best one ("Such threats include ...", "The law,
        which ..."), and the one after it when it leans on that in turn. The sentence before
        comes along when it scores nearly as well. A why/how answer is more often spread
        over its neighbours (the reason after the claim, or the evidence before a
        conclusion), so for one the margins widen.
        """
        margin = self.settings.neighbour_margin * (EXPLAIN_FACTOR if explain else 1.0)
        found: list[_Scored] = []
        before, after = self._neighbours(best, scored)
        # "This constitutes perhaps the greatest challenge ...": say what "this" is first.
        if before is not None and _BARE_POINTER.match(best.candidate.text):
            found.append(before)
            before = None
        if after is not None and (
            _leans_on(after.candidate.text, best.candidate.text)
            or after.score >= best.score - margin
        ):
            found.append(after)
            _, further = self._neighbours(after, scored)
            if further is not None and (
                _leans_on(further.candidate.text, after.candidate.text)
                # "... snitched information to U.S. authorities. According to a ProPublica
                # investigation, a federal police unit leaked the information ...": for a
                # question asking what caused something, the chain goes on.
                or (cause and _repeats_definite(further.candidate.text, after.candidate.text))
            ):
                found.append(further)
        earlier = self._neighbours(before, scored)[0] if before is not None else None
        # "Why did violence rise?" matched best by "Lethal violence increased dramatically.",
        # after "The consequences were manifold.": the reason is what that short bridge points
        # back to ("... the negative consequences that the kingpin strategy had yielded").
        bridge = (
            explain
            and before is not None
            and earlier is not None
            and len(before.candidate.text.split()) <= BRIDGE_WORDS
            and _leans_on(before.candidate.text, earlier.candidate.text)
        )
        if before is not None and (bridge or before.score >= best.score - margin):
            found.append(before)
            if bridge and earlier is not None:
                found.append(earlier)
        return found

    @staticmethod
    def _neighbours(s: _Scored, scored: list[_Scored]) -> tuple[_Scored | None, _Scored | None]:
        """The candidates just before and just after `s` in its paragraph, if any."""
        c = s.candidate
        same = [x for x in scored if x.candidate.place == c.place and x.candidate.kind == c.kind]
        earlier = [x for x in same if x.candidate.start < c.start]
        later = [x for x in same if x.candidate.start > c.start]
        return (
            max(earlier, key=lambda x: x.candidate.start) if earlier else None,
            min(later, key=lambda x: x.candidate.start) if later else None,
        )

    def _signals(
        self,
        query: str,
        language: str,
        hits: list[Hit],
        scored: list[_Scored],
        chosen: list[_Scored],
        q_terms: dict[str, float],
        source: bool,
    ) -> Signals:
        total = sum(q_terms.values()) or 1.0

        def share(terms: set[str]) -> float:
            return sum(w for t, w in q_terms.items() if t in terms) / total

        content = q_terms
        if source:
            # "Which newspaper headline ...": the form of the answer, not its content. A
            # question made of such words only ("Who co-wrote the book she cites?") has no
            # content terms, so none of them can be unknown to the corpus.
            form = set(terms_of(" ".join(_FORM_WORDS.findall(query))))
            content = {t: w for t, w in q_terms.items() if t not in form}
            q_terms = content or q_terms
            total = sum(q_terms.values()) or 1.0
        chosen_terms: set[str] = set().union(*(c.terms for c in chosen)) if chosen else set()
        local_terms: set[str] = set()
        if chosen:
            best = chosen[0].candidate
            local_terms = {t for s in scored if s.candidate.place == best.place for t in s.terms}
        dense_top = max((h.dense_score for h in hits if h.dense_score is not None), default=0.0)
        dense_first = next((h for h in hits if h.dense_rank == 1), None)
        lexical_first = next((h for h in hits if h.bm25_rank == 1), None)
        agree = (
            dense_first is not None
            and lexical_first is not None
            and (dense_first.chunk.doc_id, dense_first.chunk.section_id)
            == (lexical_first.chunk.doc_id, lexical_first.chunk.section_id)
        )
        chosen_text = " ".join(c.candidate.text for c in chosen)
        counted = counted_noun(query, language)
        # "Were extraditions higher under Calderón than under Fox?" is settled by the figures
        # ("211 ... under Fox ... 587 under Calderón"), which need not say "higher".
        compared = (
            set(terms_of(" ".join(_COMPARATIVE.findall(query))))
            if scored and _QUANTITY.search(scored[0].candidate.text)
            else set()
        )
        after = any(self._after_date(int(y)) for y in _YEAR.findall(query))
        # A sentence taken for the year alone ("... deaths in the United States in 2019" for
        # "What was Mexico's homicide rate in 2019?") shares nothing else with the question but
        # a word nearly every sentence has ("Mexico"): it does not date the answer.
        telling = {t for t, w in q_terms.items() if w >= DATING_IDF and not _YEAR.fullmatch(t)}
        dated = [c for c in chosen if not telling or c.terms & telling]
        missing_year = self._year_missing(
            query, " ".join(c.candidate.text for c in dated), dated, scored
        )
        return Signals(
            dense_top=float(dense_top),
            best_score=scored[0].score if scored else 0.0,
            coverage=share(chosen_terms),
            local_coverage=share(local_terms),
            unknown_terms=(
                self._unknown_share(query, language, content, total) if content else 0.0
            ),
            agreement=1.0 if agree else 0.0,
            after_date=1.0 if after else 0.0,
            year_missing=(
                1.0
                if (missing_year and not after) or self._period_missing(query, chosen, scored)
                else 0.0
            ),
            type_mismatch=(
                0.0
                if self._kind_found(query, chosen, source)
                and self._words_found(query, chosen, q_terms)
                and not self._attribute_missing(query, language, chosen)
                and not (language == "es" and not source and self._spanish_nouns_unknown(query))
                and not figure_elsewhere(query, language, [c.candidate.text for c in chosen])
                and not compared_country_missing(query, language, chosen_text)
                else 1.0
            ),
            spanish=1.0 if language == "es" else 0.0,
            unknown_names=self._unknown_names(query, language, source),
            # "Did the U.S. drop the charges against Cienfuegos?" is answered by a sentence
            # whose paragraph holds nearly every term of it: a verdict asked for is a doubt
            # only when the evidence leaves part of the question out.
            yes_no=(
                1.0
                if asks_yes_no(query) and share(local_terms | compared) < YES_NO_COVERED
                else 0.0
            ),
            count_missing=(
                1.0
                if count_missing(counted, chosen_text)
                or measure_missing(asked_measure(query), chosen_text)
                or exact_figure_missing(query, chosen[0].candidate.text if chosen else "")
                or (language != "es" and count_elsewhere(query, counted, chosen, q_terms))
                else 0.0
            ),
            # Spanish words meet the Spanish titles of cited works: not a sign of anything.
            cited_only=0.0 if source or language == "es" else self._cited_only_names(query),
        )

    def _unknown_share(
        self, query: str, language: str, q_terms: dict[str, float], total: float
    ) -> float:
        """Weight of question terms the corpus never uses; for Spanish, unknown names only."""
        if language != "es":
            return sum(w for t, w in q_terms.items() if t not in self._vocabulary) / total
        # Not the word opening a sentence ("¿Cuántos ..."): its capital says nothing.
        words = [w for w in _CAPITALISED.findall(query) if len(w) > 1]
        names = [w for w in words if not self._known_word(w, language)]
        return min(1.0, len(names) / 2)

    def _year_missing(
        self, query: str, chosen_text: str, chosen: list[_Scored], scored: list[_Scored]
    ) -> bool:
        """Whether a year the question asks about is nowhere in the evidence.

        A year asked about on its own is not answered by a span that merely ends in it ("in
        2018" by "(2012-2018)"). The year may stand in a sentence beside the one quoted ("In
        2011 both countries agreed to ... The new four pillars were ..."), so the chosen
        sentences' paragraphs count, and so does the paragraph before one that opens by
        pointing back ("The approval of this law ..." after "On December 15, 2020, ...");
        and a decade ("the 1980s") answers a year asked as one ("la década de 1980").
        A count up to a month of the year asked about does not answer for the year.
        """
        asked = asked_years(query)
        if not asked:
            return False
        # "How many ... in 2020?" is not answered by a count "by February of 2020": that
        # covers part of the year only (unless the question names the month itself).
        counting = answer_kind(query) == "number" or _TOTAL.search(query)
        # A Spanish month ("febrero") is read through the glossary.
        whole_year = counting and not re.search(_MONTHS, f"{query} {to_english(query)}", re.I)

        def years_in(text: str) -> set[int]:
            return point_years(_PART_OF_YEAR.sub(" ", text) if whole_year else text)

        asked -= years_in(chosen_text) | decade_years(chosen_text)
        if not asked:
            return False
        paragraphs = {c.candidate.place for c in chosen}
        beside = [s.candidate.text for s in scored if s.candidate.place in paragraphs]
        for doc_id, section_id, number in paragraphs:
            doc = self._docs.get(doc_id)
            if doc is None or number < 2:
                continue
            try:
                paragraph = doc.paragraph(section_id, number)
            except KeyError:
                continue
            if _POINTS_BACK.match(paragraph.text):
                beside.append(doc.paragraph(section_id, number - 1).text)
        return bool(asked - years_in(" ".join(beside)))

    @staticmethod
    def _period_missing(query: str, chosen: list[_Scored], scored: list[_Scored]) -> bool:
        """Whether a figure asked for someone's time in office ("How many were extradited
        during Peña Nieto's presidency?") comes from paragraphs that never name them (a
        sentence naming them without a figure does not answer it)."""
        if not asks_figure(query):
            return False
        person = set(terms_of(asked_period(query))) - term_set(_TITLE_WORDS)
        if not person or not chosen:
            return False
        places = {
            c.candidate.place
            for c in chosen
            if any(map(_is_figure, _YEAR_SPAN.sub(" ", c.candidate.text).split()))
        }
        beside = {t for s in scored if s.candidate.place in places for t in s.terms}
        return bool(places) and not person & beside

    def _known_word(self, word: str, language: str) -> bool:
        """Whether the corpus uses `word` (a Spanish word also through the glossary, "EE.UU.",
        or as a cognate, "Operación")."""
        terms = [t for t in terms_of(word) if len(t) > 1]
        if language == "es":
            # "Operación Intercept" is the corpus's "Operation Intercept".
            terms += terms_of(f"{to_english(word)} {cognates(word)}")
        return not terms or any(t in self._vocabulary for t in terms)

    @staticmethod
    def _kind_found(query: str, chosen: list[_Scored], about_sources: bool) -> bool:
        """Whether the chosen sentences hold the kind of thing the question asks for.

        A person asked for by role ("which cartel leader") is named, other than by the
        question's own names, in a sentence that speaks of that role; a place or group asked
        for by kind ("which Mexican states", "which cartel") is one the question does not
        name, in the sentence that leads the answer; so is a duration, not something else's
        further down ("How long did Operation Intercept last?" led by "In 1969, ..."). A plain
        "who" may be answered by a group ("Who did the Attorney General say would benefit?"),
        so any name will do.
        """
        own = question_names(query)

        def new_name(names: list[str]) -> bool:
            return any(terms_of(n) and not set(terms_of(n)) <= own for n in names)

        lead = chosen[0].candidate.text if chosen else ""
        role = _PERSON_ROLE.search(query)
        if role is not None:
            noun = set(terms_of(role.group(1)))
            # "Which SRE official": any person named will do ("the Ministry's Fabián Medina").
            generic = noun <= _GENERIC_ROLES
            return any(
                (generic or noun & c.terms) and new_name(_NAME.findall(c.candidate.text))
                for c in chosen
            )
        # "Which outlet ..." is answered by the note itself, whatever names it.
        named_kind = _NAMED_KIND.search(query)
        if named_kind is not None and not about_sources:
            if _GROUP_NOUN.fullmatch(named_kind.group(1)):
                # A group goes by its name beside the noun: "the Zetas cartel".
                return any(
                    new_name([a or b for a, b in _GROUP_NAMED.findall(c.candidate.text)])
                    for c in chosen
                )
            # A title is no place: "General Cienfuegos" names no city.
            titles = term_set(_TITLE_WORDS)
            names = [
                n
                for n in _CAPITALISED.findall(one_country_name(lead))
                if not set(terms_of(n)) <= titles
            ]
            if not _COUNTRY_KIND.fullmatch(named_kind.group(1)):
                # A state, city or region is not a country: "Mexico joins several states in
                # the United States" names no state.
                names = [n for n in names if not set(terms_of(n)) <= _COUNTRY_TERMS]
            return new_name(names)
        # "Who leaked the information?" is answered by whoever the sentence says leaked it,
        # a name or not ("a Mexican federal police unit leaked the information").
        doer = _WHO_DID.match(query)
        if doer is not None:
            verb = set(terms_of(doer.group(1)))
            if verb and any(verb <= c.terms for c in chosen):
                return True
        if (doer is not None or _WHO_DID_ES.match(query) or _ASKS_NAME.search(query)) and (
            not about_sources
        ):
            # "Who replaced General Cienfuegos?", when no sentence says anyone did, and
            # "What was the name of the police unit?": the answer must at least name someone
            # or something the question does not.
            return named_anew(query, " ".join(c.candidate.text for c in chosen))
        kind = answer_kind(query)
        if kind == "duration":
            return may_answer_kind(kind, lead)
        return may_answer_kind(kind, " ".join(c.candidate.text for c in chosen))

    def _words_found(self, query: str, chosen: list[_Scored], q_terms: dict[str, float]) -> bool:
        """Whether a question asking what someone said is answered by that person's words.

        "What did President Biden say about the Cienfuegos case?" is not answered by a
        sentence that names Biden without reporting anything he said, nor "What did López
        Obrador say about the wall?" by his words on something else. The author needs no
        such sentence: the brief is all her words.
        """
        asked = _ASKS_WORDS_OF.search(query)
        if asked is None:
            return True
        who = asked.group("who") or asked.group("whose") or asked.group("quien")
        titles = term_set(_TITLE_WORDS)
        named = set(terms_of(" ".join(_CAPITALISED.findall(f"x {who}")))) - titles
        if not named or named & self._author_terms:
            return True
        topic = {t for t, w in q_terms.items() if w >= DATING_IDF} - named - titles
        return any(
            named & c.terms
            and (not topic or topic & c.terms)
            and _REPORTED_SPEECH.search(c.candidate.text)
            for c in chosen
        )

    def _attribute_missing(self, query: str, language: str, chosen: list[_Scored]) -> bool:
        """Whether the attribute an English question asks the value of ("What is the capital
        city of Coahuila?", "How long a prison sentence did ... receive?") is named by words
        the corpus never uses: then no sentence of it can give that value. Someone's own
        attribute ("Fabián Medina's job title") must be named in the evidence, unless it is
        a word any value answers for ("Mexico's homicide rate": "8 murders per 100,000").
        ("What was Barr's reaction ...?" asks for his words, however the brief reports them.)
        """
        if language == "es" or _ASKS_WORDS_OF.search(query):
            return False
        attribute = asked_attribute(query)
        terms = terms_of(attribute)
        # "What subject does she teach?": a word any value answers for need not be the brief's.
        if any(t not in self._vocabulary and t not in term_set(_VALUE_WORDS) for t in terms):
            return True
        if not attribute or not re.search(rf"(?:'s|’s)\s+{re.escape(attribute)}\b", query):
            return False
        if terms and terms[-1] in term_set(_ROLE_ATTRIBUTES):
            # "What is William Barr's job title?" is answered by a title at his name
            # ("Attorney General William Barr"); Fabián Medina has none in the brief.
            owner = query[: query.find(attribute)]
            return not any(self._titled(owner, c.candidate.text) for c in chosen)
        named = {t for c in chosen for t in c.terms}
        return any(t not in named for t in terms if t not in term_set(_VALUE_WORDS))

    def _spanish_nouns_unknown(self, query: str) -> bool:
        """Whether every noun a Spanish question leads with an article is one the corpus never
        uses, even through the glossary or as a cognate ("la receta tradicional del mole
        poblano", "la moneda oficial de México"): then it asks about something else. Words
        for the brief itself ("el texto") are not unknown. (A question about sources names
        the form of a work, "el reportaje", "la columna", which the body need not name: the
        caller leaves those out.)"""
        brief = term_set(_ABOUT_THE_BRIEF)
        nouns = _SPANISH_ARTICLE_NOUN.findall(query)
        return bool(nouns) and not any(
            self._known_word(noun, "es") or set(terms_of(to_english(noun))) & brief
            for noun in nouns
        )

    @staticmethod
    def _titled(owner: str, text: str) -> bool:
        """Whether `text` gives a title at the name that ends `owner` ("... Barr's")."""
        name = _CAPITALISED.findall(re.sub(r"(?:'s|’s)\s*$", "", owner.strip()))
        if not name:
            return False
        at = text.find(name[-1])
        if at < 0:
            return False
        end = at + len(name[-1])
        before, after = text[max(0, at - TITLE_REACH) : at], text[end : end + TITLE_REACH]
        return bool(_TITLE.search(before) or _TITLE_AFTER.match(after))

    def _cited_only_names(self, query: str) -> float:
        """1.0 when the question names someone or something the brief names only in endnotes.

        Outside a question about sources, asking what Leon Krauze argues asks for the content
        of a cited work, which the brief does not give.
        """
        for name in capitalised_runs(query):
            terms = [t for t in terms_of(name) if len(t) > 1]
            rest = [t for t in terms if t not in self._cited_only]
            if len(rest) == len(terms):
                continue
            # "Western Hemisphere Drug Policy Commission" is the body's "Hemisphere Drug
            # Policy Commission" with a word only a note spells out: the name is the body's.
            if len(rest) >= 2 and f" {' '.join(rest)} " in self._body_terms:
                continue
            # "the Guardia Nacional": a Spanish name of what the body calls the National
            # Guard (notes cite Spanish titles) is the body's.
            english = [t for t in terms_of(to_english(name)) if len(t) > 1]
            if english and all(f" {t} " in self._body_terms for t in english):
                continue
            return 1.0
        return 0.0

    def _unknown_names(self, query: str, language: str, source: bool = False) -> float:
        """0.5 for each capitalised word of the question the corpus never uses, at most 1.

        "Max Kaiser" in a question about a brief that never names him is strong evidence
        that the brief does not answer it. Spanish words are also tried through the glossary.
        """
        unknown = 0
        # "United States" is one name, which the index knows as one term.
        for run in capitalised_runs(one_country_name(query)):
            words = run.split()
            missing = [
                w
                for w in words
                if not (source and _FORM_WORDS.search(w)) and not self._known_word(w, language)
            ]
            # "Bill Barr" is the brief's William Barr: a first name the brief does not use,
            # before a surname it does, names no one new.
            if len(words) == 2 and missing == words[:1] and words[1] in self._surnames:
                continue
            unknown += len(missing)
        return min(1.0, unknown / 2)

    def _after_date(self, year: int) -> bool:
        """True when most of `year` lies after the date of every document in the corpus."""
        if not self._dates:
            return False
        latest = max(self._dates)
        # The document speaks as of its date: a year mostly after it is beyond what it knows.
        return year > latest[0] or (year == latest[0] and latest[1] <= 6)

    # ------------------------------------------------------------------ output

    def _citations(self, chosen: list[_Scored]) -> list[Citation]:
        # The brief's words before its sources'; then the paragraph of the best sentence first,
        # the others as they were chosen; within a paragraph, the corpus's order (a sentence
        # leaning on the one before stays after it).
        first_pick: dict[tuple[str, str, int], int] = {}
        for rank, s in enumerate(chosen):
            first_pick.setdefault(s.candidate.place, rank)
        order = sorted(
            chosen,
            key=lambda s: (
                self._docs[s.candidate.doc_id].kind != "brief",
                first_pick[s.candidate.place],
                s.candidate.start,
            ),
        )
        citations: list[Citation] = []
        for s in order:
            c = s.candidate
            doc = self._docs[c.doc_id]
            # Checked, not trusted: a quote that is not the corpus text at its offsets is dropped.
            if doc.text[c.start : c.end] != c.text:
                continue
            source = self._source_ref(doc, c)
            if source is not None and doc.origin is not None:
                # A source's own citation points back into the brief through its endnotes.
                notes, notes_doc = source.endnotes, self._docs.get(doc.origin.brief_id, doc)
            else:
                notes_doc = doc
                notes = (
                    (c.note,)
                    if c.kind == "endnote"
                    else doc.anchored_endnotes(c.section_id, c.paragraph)
                )
            refs = tuple(
                EndnoteRef(n, notes_doc.endnote(n).text, notes_doc.endnote(n).urls)
                for n in notes
                if any(e.number == n for e in notes_doc.endnotes)
            )
            citations.append(
                Citation(
                    marker=len(citations) + 1,
                    chunk_id=c.chunk_id,
                    doc_id=c.doc_id,
                    section_id=c.section_id,
                    section=doc.section_path(c.section_id),
                    paragraph=c.paragraph,
                    endnotes=tuple(notes),
                    endnote_refs=refs,
                    quote=c.text,
                    start=c.start,
                    end=c.end,
                    score=round(s.score, 4),
                    document=doc.title,
                    document_kind=doc.kind,
                    source=source,
                )
            )
        return citations

    def _source_ref(self, doc: Document, c: Candidate) -> SourceRef | None:
        """For a quote from a source: the source, its page, and the brief's linking note."""
        origin = doc.origin
        if origin is None:
            return None
        paragraph = doc.paragraph(c.section_id, c.paragraph)
        brief = self._docs.get(origin.brief_id)
        anchor = None
        if brief is not None:
            anchor = next(
                (n.anchor for n in brief.endnotes if n.number in origin.notes and n.anchor),
                None,
            )
        return SourceRef(
            title=origin.title or doc.title,
            outlet=origin.outlet,
            date=origin.date,
            url=origin.url,
            page=paragraph.page,
            endnotes=origin.notes,
            brief_section_id=anchor.section_id if anchor else None,
            brief_section=(
                brief.section_path(anchor.section_id) if anchor and brief is not None else None
            ),
            brief_paragraph=anchor.paragraph if anchor else None,
        )

    def _related(self, hits: list[Hit], limit: int = 3) -> list[Related]:
        related: list[Related] = []
        seen: set[tuple[str, str]] = set()
        for hit in hits:
            chunk = hit.chunk
            where = (chunk.doc_id, chunk.section_id)
            if where in seen or chunk.doc_id not in self._docs:
                continue
            seen.add(where)
            related.append(
                Related(chunk.section_id, chunk.section, round(hit.score, 4), chunk.doc_id)
            )
            if len(related) == limit:
                break
        return related

    @staticmethod
    def _abstention_text(related: list[Related], language: str) -> str:
        names = "; ".join(r.section for r in related)
        if language == "es":
            return "El informe no lo dice." + (
                f" Secciones más cercanas: {names}." if names else ""
            )
        return "The brief does not say." + (f" The closest sections are: {names}." if names else "")


def _sentence(
    doc_id: str, section_id: str, p: Paragraph, sentence: Sentence, chunk_id: str
) -> Candidate:
    """A corpus sentence (or list item) of paragraph `p` as a candidate."""
    kind: Literal["sentence", "list-item"] = "list-item" if p.kind == "list-item" else "sentence"
    return Candidate(
        doc_id, section_id, p.number, sentence.start, sentence.end, sentence.text, kind, chunk_id
    )


def asked_acronym(query: str) -> str:
    """The acronym a question asks the meaning of, or "".

    >>> asked_acronym("Who is AMLO?"), asked_acronym("What does DTO stand for?")
    ('AMLO', 'DTO')
    >>> asked_acronym("What are TCOs?"), asked_acronym("What did AMLO promise?")
    ('TCO', '')
    """
    match = _ASKS_DEFINITION.search(query)
    return next((g for g in match.groups() if g), "") if match else ""


def is_source_question(query: str) -> bool:
    """True for a question about the brief's sources (\"which report ...\", \"note 13\").

    A source named to qualify a question about content ("How many died, according to the
    estimates the brief cites?") does not make it a question about sources.

    >>> is_source_question("Which report does the brief cite on homicides?")
    True
    >>> is_source_question("How many died, according to the estimates the brief cites?")
    False
    >>> is_source_question("According to the press release, who would benefit?")
    True
    >>> is_source_question("How many died in the massacre cited in the brief?")
    False
    >>> is_source_question("Who wrote the brief?"), is_source_question("Who wrote the report?")
    (False, False)
    >>> is_source_question("Who wrote the report on the National Guard?")
    True
    """
    if _NOTE_NUMBER.search(query):
        return True
    if _ABOUT_THE_DOCUMENT.search(query):
        return False
    clauses = [(c.start(), c.end()) for c in _ACCORDING_TO_CLAUSE.finditer(query)]
    for cue in _SOURCE_CUE.finditer(query):
        qualifying = any(start <= cue.start() < end for start, end in clauses) or bool(
            # "the Tlatlaya massacre cited in connection with ...": a participle naming which
            # thing, not a question about what cites it.
            cue.group().lower() == "cited" and _AFTER_NOUN.search(query[: cue.start()])
        )
        # A work named in the clause still marks one ("According to the press release, ..."):
        # the answer quotes the note's source.
        if not qualifying or not _CITING.fullmatch(cue.group()):
            return True
    return False


def answer_kind(query: str) -> str:
    """What is asked for: 'age', 'money', 'duration', 'percent', 'number', 'date', 'person' or
    ''.

    >>> answer_kind("How many people were extradited?"), answer_kind("Who wrote it?")
    ('number', 'person')
    """
    if _ASKS_AGE.search(query):
        return "age"
    if _ASKS_MONEY.search(query):
        return "money"
    if _ASKS_DURATION.search(query):
        return "duration"
    if _ASKS_PERCENT.search(query):
        return "percent"
    if _ASKS_NUMBER.search(query):
        return "number"
    if _ASKS_DATE.search(query):
        return "date"
    if _ASKS_PERSON.search(query):
        return "person"
    return ""


def question_names(query: str) -> set[str]:
    """The terms of the capitalised words a question uses (not the one opening it), and of
    their English cognates ("Operación Intercept" names Operation Intercept)."""
    names = " ".join(_CAPITALISED.findall(query))
    return set(terms_of(f"{names} {cognates(names)}"))


def named_anew(query: str, text: str) -> bool:
    """Whether `text` names someone or something the question does not: a name of two or
    more words sharing no word with the question's names once titles and countries are set
    aside.

    >>> asked = "Who replaced General Cienfuegos?"
    >>> named_anew(asked, "the arrest of General Salvador Cienfuegos")
    False
    >>> named_anew(asked, "the new minister, General Luis Sandoval")
    True
    """
    own = question_names(query)
    aside = term_set(_TITLE_WORDS) | _COUNTRY_TERMS
    return any(
        (terms := set(terms_of(name)) - aside) and not terms & own for name in _NAME.findall(text)
    )


def spelled(speller: Speller, query: str, language: str | None = None) -> str:
    """`query` with misspelled words corrected (an English or undetermined one only: the
    corpus is English, so a Spanish word is not a misspelling of one of its words)."""
    if (language or detect_language(query)) == "es":
        return query
    return speller.correct(query)


def speller_for(documents: list[Document]) -> Speller:
    """The speller over `documents`, which knows other forms of their words by their stems."""
    return for_documents(documents, stem=lambda word: " ".join(terms_of(word)))


@functools.cache
def term_set(words: str) -> frozenset[str]:
    """The terms of a fixed list of words (a module's constant), worked out once."""
    return frozenset(terms_of(words))


def terms_of(text: str) -> list[str]:
    """The lexical tokenizer's terms, with a final silent "e" dropped so forms meet.

    The index's light stemmer turns "acknowledged" into "acknowledg" but leaves
    "acknowledge" alone; here both are "acknowledg" ("shared" and "share": "shar").

    >>> terms_of("They acknowledge it; it was acknowledged and shared")
    ['acknowledg', 'acknowledg', 'shar']
    """
    return [t[:-1] if len(t) > 4 and t.endswith("e") else t for t in tokenize(text)]


def asks_yes_no(query: str) -> bool:
    """Whether the question asks only for a verdict: "Did Mexico ask for Mérida?" does, "Does
    the author cite her own work? Who published it?" asks who, after the verdict.

    >>> asks_yes_no("Did Mexico ask for the Mérida Initiative?")
    True
    >>> asks_yes_no("Does the author cite her own work? Who published it?")
    False
    """
    return bool(_YES_NO.search(query)) and not any(
        _WH_START.match(part) for part in question_parts(query)[1:]
    )


def question_parts(query: str) -> list[str]:
    """The parts of a question that asks several things at once (one part for most).

    >>> question_parts("What did Mexico agree to, and did both countries keep their promises?")
    ['What did Mexico agree to', 'did both countries keep their promises']
    """
    return [p for p in _PART_BREAK.split(query) if len(p.split()) >= 2]


def asked_term(query: str) -> str:
    """The term for what a "which X" / "what X" question asks for ("" if none is named).

    >>> asked_term("Which centuries does she work on?"), asked_term("What is it?")
    ('century', '')
    >>> asked_term("What sort of causes did the plan consider?"), asked_term("Which two men?")
    ('caus', 'men')
    >>> asked_term("¿Qué operaciones siguieron?"), asked_term("¿Qué dijo?")
    ('operation', '')
    """
    match = _ASKED_NOUN.search(query)
    if not match:
        return ""
    spanish = match.group(3)
    word = match.group(2) or match.group(1) or spanish
    if _NOT_A_NOUN.match(word):
        return ""
    if spanish:
        # A Spanish noun is asked for by its English word: the glossary's, else its cognate's.
        if is_spanish_function_word(word) or not _SPANISH_NOUN.fullmatch(word):
            return ""
        own = set(terms_of(word))
        english = terms_of(to_english(word)) or [
            t for t in terms_of(cognates(word)) if t not in own
        ]
        return english[0] if english else ""
    terms = terms_of(word)
    return terms[0] if terms else ""


def _share(part: dict[str, float], terms: set[str] | frozenset[str]) -> float:
    """The idf-weighted share of a question part's terms found in `terms`."""
    total = sum(part.values())
    return sum(w for t, w in part.items() if t in terms) / total if total else 1.0


def _part_anchor(
    part: dict[str, float], scored: list[_Scored], floor: float, budget: int
) -> _Scored | None:
    """The best sentence for one part of a question that fits the budget left: most of the
    part's terms, a fair score."""
    fits = [
        s
        for s in scored
        if s.candidate.kind == "sentence"
        and s.score >= floor
        and count_tokens(s.candidate.text) <= budget
        and _share(part, s.terms) >= PART_COVERED
    ]
    return max(fits, key=lambda s: s.score + _share(part, s.terms), default=None)


def _numbered_items(text: str) -> int:
    """How many items `text` numbers inline, "1) ... 2) ..." in order (0 for none or one).

    >>> _numbered_items('The pillars were: "1) Combating crime; 2) the rule of law; 3) a border')
    3
    """
    found = [int(n) for n in re.findall(r"(?<![\w.])(\d{1,2})\)", text)]
    return len(found) if len(found) >= 2 and found == list(range(1, len(found) + 1)) else 0


def _counted(text: str, anywhere: bool = False) -> int:
    """The count a text names for a plural noun ("five policy recommendations" -> 5), or 0.

    With `anywhere`, a bare count word is enough (a question: "What are the five ...?").
    """
    match = _COUNTED.search(text)
    word = match.group(1).lower() if match else ""
    if not word and anywhere:
        bare = re.search(rf"\b({'|'.join(_COUNT_WORDS)})\b", text, re.I)
        word = bare.group(1).lower() if bare else ""
    if word.isdigit():
        return int(word)
    return _COUNT_WORDS.index(word) + 2 if word in _COUNT_WORDS else 0


def _leans_on(text: str, previous: str) -> bool:
    """Whether sentence `text` leans on the `previous` one: a connective or a repeated noun.

    >>> _leans_on("The law removes immunity.", "Congress passed a new law.")
    True
    >>> _leans_on("The army was deployed.", "Congress passed a new law.")
    False
    >>> _leans_on("The surge in these crimes showed their reach.", "Crimes escalated.")
    True
    >>> _leans_on("For instance, in 2019 Mexico extradited 58 people.", "It kept extraditing.")
    True
    """
    if _CONTINUATION.match(text) or _EARLY_DEMONSTRATIVE.match(text):
        return True
    definite = _DEFINITE_START.match(text)
    return definite is not None and bool(set(terms_of(definite.group(1))) & set(terms_of(previous)))


_DEFINITE_NOUN = re.compile(r"\bthe ([a-z][\w-]+)\b")


def _repeats_definite(text: str, previous: str) -> bool:
    """Whether `text` takes up a noun of `previous` with "the" ("... leaked the information")."""
    before = set(terms_of(previous))
    return any(set(terms_of(noun)) & before for noun in _DEFINITE_NOUN.findall(text))


def holds_kind(kind: str, text: str) -> bool:
    """Whether `text` holds the kind of thing `answer_kind` found asked for (True for '').

    >>> holds_kind("money", "a $1.6 billion package"), holds_kind("percent", "a small fraction")
    (True, False)
    """
    if kind == "age":
        return bool(_AGE.search(text))
    if kind == "money":
        return bool(_MONEY.search(text))
    if kind == "percent":
        return bool(_PERCENT.search(text))
    if kind == "duration":
        return bool(_DURATION.search(text) or _LENGTH.search(text))
    if kind == "number":
        return bool(_QUANTITY.search(text))
    if kind == "date":
        return bool(_YEAR.search(text) or re.search(_MONTHS, text))
    if kind == "person":
        return bool(_NAME.search(text) or text.startswith("By ") or _CITED_AUTHOR.search(text))
    return True


def asks_figure(query: str) -> bool:
    """Whether a question asks for a figure: a number, a share, money, or a named measure."""
    return answer_kind(query) in ("number", "percent", "money") or bool(asked_measure(query))


def figure_elsewhere(query: str, language: str, evidence: list[str]) -> bool:
    """Whether a figure asked for one country is given, by the first sentence of `evidence`
    with a figure, for another only.

    >>> figure_elsewhere("How many died of overdoses in Mexico?", "en",
    ...                  ["Overdose accounted for 70 percent of deaths in the United States."])
    True
    >>> figure_elsewhere("How many died in Mexico?", "en", ["In Mexico, 150,000 people died."])
    False
    """
    if not asks_figure(query):
        return False
    asked = countries_of_figures(to_english(query) if language == "es" else query)
    if len(asked) != 1:
        return False
    figure = next((s for s in evidence if any(map(_is_figure, s.split()))), "")
    given = countries_of_figures(figure)
    return bool(given) and not given & asked


def compared_country_missing(query: str, language: str, evidence: str) -> bool:
    """Whether a question comparing countries gets evidence that names only some of them
    ("How does Mexico's homicide rate compare with the United States'?" and the sentences
    on Mexico's rate alone).

    >>> compared_country_missing("How does Mexico's rate compare with the US rate?", "en",
    ...                          "Mexico's homicide rate went from 8 to 24.")
    True
    >>> compared_country_missing("Which rate is higher, Mexico's or the U.S.'s?", "en",
    ...                          "In Mexico, 24; in the United States, 5.")
    False
    >>> compared_country_missing("¿Cómo se compara México con Guatemala?", "es",
    ...                          "Mexico's homicide rate went from 8 to 24.")
    True
    """
    # "México" and "Estados Unidos" by their English names.
    text = f"{fold(query)} {to_english(query)}" if language == "es" else query
    if not _COMPARES.search(text):
        return False
    asked = countries_named(text)
    return len(asked) >= 2 and not asked <= countries_named(evidence)


def countries_named(text: str) -> set[str]:
    """The countries `text` names ("the U.S." and "the United States" are one)."""
    return {c.lower() for c in _COUNTRY.findall(one_country_name(text))}


def countries_of_figures(text: str) -> set[str]:
    """The countries `text` says something holds in ("in Mexico", "the U.S.'s")."""
    return {(a or b).lower() for a, b in _COUNTRY_OF_FIGURE.findall(one_country_name(text))}


def asked_period(query: str) -> str:
    """The person whose time in office a question asks about ("" if none).

    >>> asked_period("How many were extradited during Enrique Peña Nieto's presidency?")
    'Enrique Peña Nieto'
    >>> asked_period("What changed under the Mexican government?"), asked_period("Under Fox?")
    ('', 'Fox')
    """
    match = _ASKED_PERIOD.search(query)
    name = next((g for g in match.groups() if g), "") if match else ""
    # "under the Mexican government", "in the U.S. administration": a country, not a person.
    return "" if set(terms_of(name)) <= _COUNTRY_TERMS else name


def may_answer_kind(kind: str, text: str) -> bool:
    """Like `holds_kind`, but lenient where answers vary: a duration may come as years.

    >>> may_answer_kind("duration", "President Calderón (2006-2012)")
    True
    >>> may_answer_kind("duration", "In 1969, Washington launched Operation Intercept.")
    False
    >>> may_answer_kind("duration", "far from the 2000-mile length wall he promised")
    True
    """
    if kind == "duration":
        # A span of years gives a duration, a year on its own does not ("In 1969, ...").
        return (
            holds_kind(kind, text)
            or bool(_YEAR_SPAN.search(text))
            or holds_kind("number", _YEAR.sub(" ", text))
        )
    return holds_kind(kind, text)


def point_years(text: str) -> set[int]:
    """Years `text` names on their own, not as the ends of a span.

    >>> sorted(point_years("in 2019, and under Peña Nieto (2012-2018)"))
    [2019]
    """
    return {int(y) for y in _YEAR.findall(_YEAR_SPAN.sub(" ", text))}


def decade_years(text: str) -> set[int]:
    """The first years of the decades `text` names: "the 1980s" answers "la década de 1980".

    >>> sorted(decade_years("during the 1980s and 1990s, not in 1985"))
    [1980, 1990]
    """
    return {int(d) for d in re.findall(r"\b((?:19|20)\d0)s\b", text)}


def counted_noun(query: str, language: str = "en") -> str:
    """The term for what a "how many" question counts ("" for other questions).

    English names it last ("how many illegal firearms"), Spanish first ("cuántos defensores
    de ..."); a Spanish word the glossary does not know is kept as it is.

    >>> counted_noun("How many pages long is the report?"), counted_noun("How many did?")
    ('page', '')
    >>> counted_noun("How many Americans died?"), counted_noun("How many armed groups are there?")
    ('american', 'group')
    >>> counted_noun("How many killed since 2000?")
    ''
    """
    match = _HOW_MANY.search(query)
    if not match:
        return ""
    words: list[str] = []
    following = [w.strip(".,?¿!") for w in match.group(1).split()]
    for i, bare in enumerate(following):
        if _COUNT_STOP.match(bare):
            break
        if _COUNT_VERB.match(bare):
            # "how many killed since 2000": a verb straight after "how many" counts people.
            ends = i + 1 == len(following) or _COUNT_STOP.match(following[i + 1])
            if not words and ends:
                return ""
            if words:
                break
        words.append(bare)
    if not words and language == "en" and not re.search(r"[,;:]", query[: match.start()]):
        # A keyword query names the thing first: "black hawk helicopters how many did ..."
        # (a clause before it, as in "Compared to Fox, how many more ...", names no such thing).
        before = terms_of(query[: match.start()])
        return before[-1] if before and before[-1].isalpha() else ""
    if not words:
        return ""
    if language == "es":
        head = words[0]
        terms = terms_of(to_english(head)) or terms_of(head)
        return terms[0] if terms else ""
    terms = terms_of(" ".join(words))
    return terms[-1] if terms else ""


def count_elsewhere(
    query: str, noun: str, chosen: list[_Scored], q_terms: dict[str, float]
) -> bool:
    """Whether the chosen sentences that count what an English "how many" question counts
    (`noun`, as `counted_noun` reads it) are about something else: the question's telling
    words stand in the evidence, but in none of them.

    "How many Americans died of opioid overdoses in 2019?" is not answered by "150,000 people
    have died ... in the context of Mexico's war on drugs" beside "opioid overdose accounted
    for 70 percent of drug-related deaths": the words besides the thing counted and what
    befell it (opioid, overdoses) are in the second, which gives a share, not a count.
    """
    match = _HOW_MANY.search(query)
    if match is None:
        return False
    # What befell the thing counted ("died", "were killed") is part of the count itself.
    after = [w.strip(".,?!") for w in query[match.start(1) :].split()[:COUNT_VERB_REACH]]
    verbs = {t for w in after if _COUNT_VERB.match(w) for t in terms_of(w)}
    telling = {
        t
        for t, w in q_terms.items()
        if w >= DATING_IDF
        and not _YEAR.fullmatch(t)
        and t != noun
        and not any(same_family(t, v) for v in verbs)
    }
    generic = not noun or noun in term_set(_GENERIC_COUNTED)
    counting = [
        c
        for c in chosen
        if (
            _holds_count(c.candidate.text) if generic else not count_missing(noun, c.candidate.text)
        )
    ]
    # The question's topic is in the evidence, but not beside the count: the count is of
    # something else. (Whose time the count is of, "under López Obrador", is the period's
    # check: the sentence before may name him.)
    evidence = {t for c in chosen for t in c.terms}
    topical = (telling - question_names(query)) & evidence
    if topical and counting and not any(topical & c.terms for c in counting):
        return True
    # Likewise what befell it: "How many miles of wall were built?" is not answered by "the
    # 2000-mile length wall he promised" beside "the building of a wall".
    befell = {t for t in evidence if any(same_family(t, v) for v in verbs)}
    return bool(befell and counting) and not any(
        any(same_family(t, v) for t in c.terms for v in verbs) for c in counting
    )


def _holds_count(text: str) -> bool:
    """Whether `text` gives a count: a figure that is neither a year nor a share."""
    tokens = _YEAR_SPAN.sub(" ", text).split()
    return any(_counts_at(tokens, i) for i in range(len(tokens)))


def _counts_at(tokens: list[str], i: int) -> bool:
    """Whether token `i` is a figure that counts: a share is not a count ("70 percent of
    deaths" does not say how many died)."""
    word = tokens[i]
    share = (
        word.endswith("%")
        or word.lower().startswith("percent")
        or (i + 1 < len(tokens) and tokens[i + 1].lower().startswith("percent"))
    )
    return _is_figure(word) and not share


def count_missing(noun: str, text: str) -> bool:
    """Whether `text` gives no figure for the counted `noun` ("133 journalists").

    A figure must stand at most COUNT_WINDOW tokens before the noun. Nouns any figure counts
    ("people") are never missing here; `type_mismatch` covers a text with no figure at all.

    >>> count_missing("journalist", "at least 133 journalists have been murdered")
    False
    >>> count_missing("page", "Over the last fifteen years, cooperation has evolved.")
    True
    """
    if not noun or noun in term_set(_GENERIC_COUNTED):
        return False
    tokens = text.split()
    for i, token in enumerate(tokens):
        # "211 individuals extradited" counts extraditions: a word of the noun's family will do.
        if not any(same_family(noun, t) for t in terms_of(token)):
            continue
        # "the 2000-mile wall": the figure is joined to the noun.
        if _JOINED_FIGURE.match(token) or any(
            _counts_at(tokens, j) for j in range(max(0, i - COUNT_WINDOW), i)
        ):
            return False
    return True


def exact_figure_missing(query: str, lead: str) -> bool:
    """Whether a figure asked for exactly is given, by the sentence leading the answer, only
    vaguely ("Exactly how many were killed?" and "dozens of people were murdered").

    >>> exact_figure_missing("Exactly how many died?", "dozens of people were murdered")
    True
    >>> exact_figure_missing("Exactly how many died?", "since 2006, 150,000 people have died")
    False
    >>> exact_figure_missing("How many died?", "dozens of people were murdered")
    False
    """
    if not _ASKS_EXACT.search(query) or not asks_figure(query):
        return False
    return not any(_is_figure(w) and not _VAGUE_FIGURE.match(w) for w in lead.split())


def same_family(term: str, other: str) -> bool:
    """Whether two terms are forms of one word: equal, or sharing all but their endings.

    >>> same_family("extradition", "extradit"), same_family("military", "mil")
    (True, False)
    """
    if term == other:
        return True
    shared = next(
        (i for i, (a, b) in enumerate(zip(term, other, strict=False)) if a != b),
        min(len(term), len(other)),
    )
    return shared >= FAMILY_STEM and shared >= min(len(term), len(other)) - FAMILY_ENDING


def asked_measure(query: str) -> str:
    """The term for the measure a question asks the value of ("" for other questions).

    >>> asked_measure("What is the population of Mexico City?"), asked_measure("Who won?")
    ('population', '')
    >>> asked_measure("¿Cuál es el tipo de cambio del peso hoy?")
    'rate'
    """
    match = _MEASURE.search(query)
    if not match:
        return ""
    word = (match.group(1) or _MEASURE_EN[match.group(2).lower()]).lower()
    return "percent" if word in ("percentage", "share") else terms_of(word)[0]


def asked_attribute(query: str) -> str:
    """The words naming the attribute whose value an English question asks for ("" if none).

    >>> asked_attribute("What is the capital city of Coahuila?")
    'capital city'
    >>> asked_attribute("How long a prison sentence did General Gutiérrez Rebollo receive?")
    'prison sentence'
    >>> asked_attribute("What's Fabián Medina's job title?"), asked_attribute("Why did it fail?")
    ('job title', '')
    >>> asked_attribute("Where was the author born?")
    'born'
    >>> asked_attribute("What courses does she teach at Loyola?")
    'courses'
    """
    match = _ASKED_ATTRIBUTE.search(query)
    return next((g for g in match.groups() if g), "") if match else ""


def measure_missing(measure: str, text: str) -> bool:
    """Whether `text` gives no value for the `measure` asked about.

    A value is a figure within MEASURE_WINDOW tokens of the measure's name; a percentage or a
    share by any share ("80 percent", "three in four", "half").

    >>> measure_missing("population", "programs centered on at-risk populations")
    True
    >>> measure_missing("rate", "the homicide rate went from 8 murders per 100,000 to 24")
    False
    """
    if not measure:
        return False
    if measure == "percent":
        return not _SHARE.search(text)
    tokens = text.split()
    for i, token in enumerate(tokens):
        if measure not in terms_of(token):
            continue
        if any(_is_figure(w) for w in tokens[max(0, i - MEASURE_WINDOW) : i + MEASURE_WINDOW + 1]):
            return False
    return True


def _is_figure(word: str) -> bool:
    """Whether a word of text is a figure other than a year ("211", "dozens", not "2011,")."""
    return bool(_QUANTITY.search(word)) and not _YEAR.fullmatch(word.strip(",."))


def capitalised_runs(query: str) -> list[str]:
    """The names of a question: runs of capitalised words, read as one name each.

    A name is judged whole: "Western Hemisphere Drug Policy Commission" is the body's
    "Hemisphere Drug Policy Commission" even though only an endnote spells out "Western".

    >>> capitalised_runs("Did the Western Hemisphere Drug Policy Commission cite Leon Krauze?")
    ['Western Hemisphere Drug Policy Commission', 'Leon Krauze']
    """
    runs: list[str] = []
    end = -2
    for match in _CAPITALISED.finditer(query):
        if runs and query[end : match.start()].isspace():
            runs[-1] = f"{runs[-1]} {match.group()}"
        else:
            runs.append(match.group())
        end = match.end()
    return runs


def _note_author(note: str) -> str:
    """The author part of a citation: what comes before its quoted title or first full stop.

    >>> _note_author('Krauze, Leon. "The release of a powerful general," The Washington Post')
    'Krauze, Leon'
    """
    return re.split(r'["“*]|\.\s', note, maxsplit=1)[0].strip(" .,")


def asked_genres(query: str) -> frozenset[str]:
    """The kinds of cited work a question names ("which court filing" -> {'court'}).

    >>> sorted(asked_genres("Which Spanish-language survey is cited?"))
    ['spanish', 'survey']
    """
    found = {name for name, (asks, _) in _GENRES.items() if asks.search(query)}
    if _ASKS_SPANISH.search(query):
        found.add("spanish")
    return frozenset(found)


def note_genres(note: str) -> frozenset[str]:
    """The kinds of work a citation shows itself to be (a Spanish title counts as 'spanish').

    >>> sorted(note_genres('Hope, Alejandro. "El general viene de vuelta," El Universal, 2020'))
    ['spanish']
    """
    found = {name for name, (_, shows) in _GENRES.items() if shows.search(note)}
    title = _QUOTED_TITLE.search(note)
    if title and detect_language(title.group(1)) == "es":
        found.add("spanish")
    return frozenset(found)


def asked_years(query: str) -> set[int]:
    """The years a question asks about, leaving out a year that only names its topic.

    "in 2018" restricts the answer to that year; "the 2011 reorientation" names a thing,
    and an answer about that thing need not repeat its year.

    >>> sorted(asked_years("How did the 2011 reform fare in 2015?"))
    [2015]
    >>> sorted(asked_years("Who was president from 2000 to 2006?"))
    []
    """
    naming = _ASKED_RANGE.sub(" ", _ATTRIBUTIVE_YEAR.sub(" ", query))
    return point_years(naming)


def _year_month(date: str) -> tuple[int, int]:
    """(year, month) of a date such as 'January 2021' (month 12 when it is not given)."""
    year_match = _YEAR.search(date)
    year = int(year_match.group(1)) if year_match else 0
    months = _MONTHS.strip("\\b()?:").split("|")
    found = re.search(_MONTHS, date)
    month = months.index(found.group(0)) + 1 if found else 12
    return year, month


def _dense_scale(vectors: FloatArray) -> tuple[float, float]:
    """(floor, span) for rescaling cosines, from the spread of sentence-to-sentence cosines."""
    if len(vectors) < 3:
        return 0.0, 1.0
    sample = vectors[:: max(1, len(vectors) // 400)]
    sims = sample @ sample.T
    values = sims[np.triu_indices(len(sample), 1)]
    mean, sd = float(values.mean()), max(float(values.std()), 1e-3)
    return mean - DENSE_FLOOR_SD * sd, DENSE_SPAN_SD * sd


def _front_matter_role(doc: Document, text: str) -> str:
    """What a title-page paragraph is: 'collection', 'title', 'date', 'byline' or ''."""
    if doc.collection and text.startswith(doc.collection.split(";")[0].split(":")[0]):
        return "collection"
    if doc.title and text.startswith(doc.title):
        return "title"
    if doc.date and text.strip() == doc.date:
        return "date"
    if doc.authors and any(a in text for a in doc.authors):
        return "byline"
    return ""
