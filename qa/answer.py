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
import math
import re
import time
from collections import Counter
from dataclasses import dataclass
from typing import Literal

import numpy as np

from qa.abstain import AbstentionModel, Signals, configuration, load_model
from qa.acronyms import defined_acronyms, initialisms
from qa.bm25 import one_country_name
from qa.casing import name_forms, with_names_cased
from qa.chunking import Chunk, document_id, quotable
from qa.corpus import main_brief
from qa.embeddings import FloatArray
from qa.errors import QueryError
from qa.glossary import cognates, to_english
from qa.lang import detect_language, fold, is_spanish_function_word
from qa.leadin import lead_in
from qa.offtopic import EVERYDAY_EMBEDDERS, EverydayGuard
from qa.ordinal import asked_item, list_item
from qa.overview import (
    is_overview_question,
    is_recommendations_question,
    overview_sentences,
    recommendation_sentences,
)
from qa.passage import (
    FAMILY_STEM,
    FREQUENCY,
    FULL_NAME,
    GENERIC_COUNTED,
    MONTHS,
    PLACE_NAMED,
    QUANTITY,
    QUOTED_PHRASE,
    SPEAKS_OF_SUCCESSOR,
    TITLE_NAMES,
    TITLE_WORDS,
    TITLED_PERSON,
    asks_date,
    compared_country_missing,
    count_missing,
    count_named,
    date_missing,
    exact_figure_missing,
    figure_elsewhere,
    holds_count,
    holds_kind,
    is_figure,
    leans_on,
    may_answer_kind,
    measure_missing,
    named_anew,
    names_program_anew,
    note_author,
    note_genres,
    numbered_items,
    place_figure_missing,
    promised_figure_only,
    repeats_definite,
    same_family,
    share_for_count,
    takes_up,
    untitled_note,
    year_figure_missing,
    year_month,
    years_spanned,
)
from qa.question import (
    ABOUT_THE_DOCUMENT,
    AFTER_INAUGURATION,
    AFTER_RETURN,
    ASKS_EVALUATION,
    ASKS_EVENT_PLACE,
    ASKS_FREQUENCY,
    ASKS_LEGAL_OUTCOME,
    ASKS_MEMBERS,
    ASKS_SPECIFIC,
    ASKS_SUCCESSOR,
    ASKS_TERM_YEARS,
    ATTRIBUTED_TO,
    CAPITALISED,
    COUNT_VERB,
    COUNTRY_TERMS,
    DOING_VERB,
    HOW_MANY,
    LEGAL_OUTCOME_TOLD,
    NOTE_NUMBER,
    ORIGIN_NAMED,
    OWN_WORK,
    PAST_RETURN,
    PRESCRIPTION_NAMED,
    REACTED_TO,
    RELATION_TERMS,
    ROLE_HELD,
    ROLE_HELD_ES,
    SEAT_OF_GOVERNMENT,
    VERIFYING,
    WRONGDOING_NAMED,
    YEAR,
    YEAR_SPAN,
    answer_kind,
    asked_acronym,
    asked_attribute,
    asked_genres,
    asked_measure,
    asked_period,
    asked_sentence,
    asked_term,
    asked_years,
    asks_figure,
    asks_yes_no,
    capitalised_runs,
    counted_noun,
    decade_years,
    is_source_question,
    point_years,
    question_names,
    question_parts,
    relation_named,
    term_set,
    terms_of,
)
from qa.reported import direct_question, without_asides
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
from qa.thesaurus import THESAURUS, brief_terms, in_brief_phrasing
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

# The unit a rate is given in: "per 100,000 people", "por cada 100 mil habitantes".
_RATE_UNIT = re.compile(
    r"\b(?:per|por\s+cada)\s+[\d,.]+\s*(?:mil\s+)?(?:people|persons|inhabitants|residents|"
    r"habitantes|personas)\b",
    re.I,
)
# A list's items come together; they may go this far past the token budget.
LIST_EXTRA_TOKENS = 120
SPANISH_NOTE = "Respuesta con frases textuales del informe, en inglés:"
# A paragraph opening like this continues the one before it ("The approval of this law ...").
_POINTS_BACK = re.compile(r"^(?:[\w'’-]+,?\s+){0,4}(?:this|these|those|such)\s+[a-z]", re.I)
# A sentence whose subject is only a pointer back ("This constitutes perhaps the greatest
# challenge ...", "These are ..."): what it speaks of is in the sentence before.
_BARE_POINTER = re.compile(
    r"^(?:This|That|These|Those)\s+(?:is|was|are|were|has|have|had|would|will|could|may|might|"
    r"can|should|must|shows|means|suggests|remains|seems|reflects|implies|highlights|makes|"
    r"puts|helps|\w+(?:es|ed))\b"
)
# ... or that names what it is about only as "this institution", "this law" early on: "Even
# though this institution was supposed to operate under civilian control, ... 80 percent
# lacked training" is about the National Guard the sentence before names.
_POINTED_NOUN = re.compile(
    r"^(?:[A-Z]\w*\s+(?:\w+\s+){0,2})?(?:this|these)\s+(?:institution|institutions|law|force|body|"
    r"agency|corps|measure|initiative|program|programs|strategy|policy|decision|approach)\b"
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
# "Such threats include ...": a sentence naming the members of a kind the one before announces.
_NAMES_MEMBERS = re.compile(
    r"^(?:Such|These|Those)\s+([a-z][\w-]+)\s+(?:include|included|includes|are|were|range)\b"
)
# "the total for 2020", "over the whole of 2020": a count asked for a whole year.
_TOTAL = re.compile(r"\b(?:total|full year|whole|entire)\b", re.I)
# "by February of 2020": a running count that covers only part of the year.
_PART_OF_YEAR = re.compile(
    rf"\b(?:by|until|through|up to|as of)\s+{MONTHS}\s+(?:of\s+)?\d{{4}}", re.I
)
# "as of summer 2020", "in early 2020": the question itself asks about part of the year.
_PART_OF_YEAR_ASKED = re.compile(
    r"\b(?:summer|spring|fall|autumn|winter|early|mid|late|(?:first|second)\s+half|"
    r"(?:beginning|start|end)\s+of|verano|primavera|oto[ñn]o|invierno|principios|mediados|"
    r"finales)\b",
    re.I,
)
EXPLAIN_FACTOR = 2.0
# A question asking what caused something ("Why ...?", "What triggered ...?"), not how.
_ASKS_CAUSE = re.compile(
    r"^\W*(?:why|por qu[ée])\b|"
    r"\bwhat (?:triggered|caused|causes|led to|leads to|drove|drives|prompted|explains|"
    r"set off|sets off|sparked|sparks|touched off|provoked)\b|"
    r"\b(?:qu[ée]|que) (?:provocó|causó|llevó)\b",
    re.I,
)
# A why or a how: the answer is more often spread over neighbouring sentences.
_ASKS_REASON = re.compile(rf"^\W*(?:how|cómo)\b|{_ASKS_CAUSE.pattern}", re.I)
# Most words of a sentence that only bridges to the one before it ("The consequences were
# manifold.").
BRIDGE_WORDS = 8
# "Which cartel leader ...": a person asked for by role; the answer must name someone.
_PERSON_ROLE = re.compile(
    r"^\W*(?:(?:which|what)\s+(?:(?!(?:did|does|do|is|are|was|were|has|have|had|will|would|"
    # ... not "Which publication ran ...": a verb of leading asks who only after "who".
    r"can|could|should)\b)[\w.-]+\s+)?(?!(?:leads|led|heads|runs|ran)\b)|"
    # "Who is the current leader of ...", "Who was the head of ..."
    r"who\s+(?:is|was|are|were)\s+(?:the\s+)?(?:current\s+|former\s+|new\s+|top\s+)?"
    # ... "Who was the U.S. ambassador ..."
    r"(?:(?-i:[A-Z])[\w.'’-]*\s+){0,2}|"
    # "Who did Biden pick as ambassador ...", "Who headed the DEA ..."
    r"whom?\s+did\s+(?:[\w.'’-]+\s+){1,4}(?:pick|name|appoint|nominate|choose|select|tap)\s+"
    r"(?:as\s+)?(?:the\s+|its\s+|his\s+|her\s+)?(?:new\s+)?(?:[A-Z][\w.-]*\s+)?"
    # ... "Who did Biden pick to run the DEA?"
    r"(?:to\s+(?=(?:run|head|lead|direct|chair|command)\b))?|"
    # "Who was put in charge of the Guard?", "Who sat on the Commission?"
    r"who\s+(?:is|was|were|has\s+been)\s+(?:(?:put|placed|left|named)\s+)?(?=in\s+charge\b)|"
    r"who\s+(?=(?:sat|sits|served|serves|serve)\s+on\b)|"
    r"who\s+(?:currently\s+|now\s+|still\s+|(?:is|was|were)\s+)?(?=(?:headed|chaired|directed|"
    r"commands|commanded|chairs|directs|leads|led|heads|runs|ran|edited|running|heading|leading|"
    r"directing|chairing)\b)|"
    # "¿Quién comanda la Guardia Nacional?"
    r"qui[ée]n(?:es)?\s+(?=(?:comanda|comandaba|dirige|dirig[íi]a|encabeza|encabezaba|preside|"
    r"presid[íi]a)\b)|"
    # "¿Quién era el titular de la SRE ...?"
    r"qui[ée]n(?:es)?\s+(?:era|es|fue|eran|son|fueron)\s+(?:el|la|los|las)\s+)"
    r"(leaders?|members?|officials?|ministers?|headed|chaired|directed|commands|commanded|"
    r"leads|led|heads|runs|ran|edited|editors?|running|heading|leading|directing|chairing|"
    r"run|head|lead|direct|chair|command|in\s+charge|(?:sat|sits|served|serves|serve)\s+on|"
    r"chairs|directs|comanda|comandaba|dirige|dirig[íi]a|encabeza|encabezaba|preside|presid[íi]a|"
    r"secretar(?:y|ies)|directors?|heads?|chiefs?|ambassadors?|governors?|prosecutors?|"
    r"administrators?|envoys?|advis[eo]rs?|czars?|legislators?|lawmakers?|senators?|"
    r"congress(?:wo)?m[ae]n|mayors?|"
    r"judges?|commanders?|kingpins?|bosses|capos?|druglords?|founders?|presidents?|"
    r"spokes(?:person|man|woman)|titular(?:es)?|jef[ea]s?|director(?:a|es)?|canciller|"
    r"comandante|l[íi]der(?:es)?|portavoz|vocero)\b",
    re.I,
)
# "What does the brief say about X?", "Does the author discuss X?": X is the whole question.
_ASKS_ABOUT = re.compile(
    r"\b(?:say|says|said|write|writes|wrote|mention|mentions|discuss|discusses|cover|covers|"
    r"argue|argues|think|thinks|tell us|teach us|take|view|views|position|stance|opinion|"
    r"thoughts)\s+(?:anything\s+)?(?:about|on|regarding|concerning)\s+(?P<topic>[^?.!;]+)"
    # ... "Does the brief cover AMLO's energy policy?"
    r"|\b(?:does|do|did)\s+(?:the|this|her|it)\s*(?:\w+\s+)?(?:discuss|cover|mention|address|"
    r"deal\s+with|touch\s+on|get\s+into|go\s+into|analy[sz]e|examine)\s+(?P<object>[^?.!;]+)",
    re.I,
)
# Whose view the brief itself gives: its author's, its own.
_BRIEFS_OWN = re.compile(
    r"\b(?:author|brief|chapter|report|text|Kloppe-Santamar[ií]a)(?:'s|’s)\s*$", re.I
)
_TOPIC_END = re.compile(r"\s+(?:as|to|in|for|with|from|and|that|which|because|when)\s+", re.I)
# The share of such a topic's weight in words the corpus never uses above which it is declined.
UNKNOWN_TOPIC_SHARE = 0.5
# "Who leaked ...", "Who orchestrated ...": a doer asked for by what was done.
_WHO_DID = re.compile(
    r"^\W*who\s+(?!(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|should|"
    r"may|might|must)\b)([a-z]+ed)\b",
    re.I,
)
# "Who was convicted ...?", "Who has been charged ...?": a person asked for by what was done
# to them.
_WHO_UNDERWENT = re.compile(
    r"^\W*who\s+(?:was|were|has\s+been|have\s+been|had\s+been|got)\s+(?:[a-z]+ly\s+)?"
    r"([a-z]+(?:ed|en))\b"
    # ... or which people met the law's answer: "Which traffickers were eventually convicted?"
    r"|^\W*which\s+(?:[\w-]+\s+)?(?:traffickers?|drug\s+lords?|druglords?|people|persons?|"
    r"individuals?|men|suspects?|officials?|soldiers?|generals?|politicians?|members?|leaders?|"
    r"kingpins?|bosses|criminals?)\s+(?:was|were|has\s+been|have\s+been|had\s+been|got)\s+"
    r"(?:[a-z]+ly\s+|ever\s+)?(convicted|sentenced|charged|indicted|tried|prosecuted|arrested|"
    r"extradited|jailed|imprisoned|punished|acquitted|detained|captured)\b",
    re.I,
)
# "¿Quién sustituyó a ...?", "¿Quiénes ordenaron ...?": the same in Spanish (a past tense).
_WHO_DID_ES = re.compile(r"^\W*¿?\s*qui[eé]n(?:es)?\s+[a-záéíóúñ]+(?:ó|aron|ieron)\b", re.I)
# "How do I renew a passport?", "¿Cómo puedo ...?": instructions for the asker, which a policy
# brief does not give.
_ASKS_INSTRUCTIONS = re.compile(
    r"^\W*(?:how|where|what)\s+(?:do|can|should|could|would|must)\s+(?:i|we)\b|"
    r"^\W*(?:can|could|should|may|must)\s+i\b|"
    # "Which insurer should we use?": a choice of the asker's, not the brief's subject.
    r"^\W*(?:which|what)\s+(?:[\w-]+\s+){1,4}?(?:should|can|could|must)\s+(?:i|we)\s+"
    r"(?:use|hire|choose|pick|buy|book|contact|call|visit|try|get|go\s+with)\b|"
    r"^\W*¿?\s*(?:c[óo]mo|d[óo]nde|qu[ée])\s+(?:puedo|debo|hago|tengo que)\b",
    re.I,
)
# "What did Krauze's column recommend?": what a cited work says, not which work it is.
_ASKS_CONTENT = re.compile(
    # ... also after a clause naming the work: "In his column on the case, what did Hope ...?"
    r"^\W*(?:[^?,]{3,120},\s*)?what\s+(?:did|does|do|has|have|had|would|will)\b.+?\b"
    r"(?:say|said|argue|argued|"
    r"predict|predicted|recommend|recommended|conclude|concluded|find|found|claim|claimed|"
    r"propose|proposed|suggest|suggested|reveal|revealed|show|showed)\b"
    # "... What was Felbab-Brown's main argument?", "What is the point of that post?"
    r"|(?:^|[.?!]\s+)\W*what\s+(?:is|was|were|are)\s+(?:[\w.'’-]+\s+){0,4}?"
    r"(?:main\s+|central\s+|key\s+|chief\s+|core\s+)?(?:argument|point|thesis|conclusions?|"
    r"findings?|claims?)\b",
    re.I,
)
# "Per the Guardian investigation it cites, who ordered the killing of ...?": a fact a cited
# work reports (a deed and who did it, a figure), not which work it is ("who reported").
_ASKS_REPORTED_FACT = re.compile(
    r"(?:^\W*|,\s*)who\s+(?!(?:reported|published|authored|edited|cited|quoted|compiled|"
    r"produced|released|conducted|documented|covered|investigated|interviewed)\b)[a-z]+ed\b|"
    r"(?:^\W*|,\s*)who\s+(?:was|were|is|are)\s+(?:behind|responsible\s+for|to\s+blame)\b|"
    # ... or a figure it reports: "How many were killed at Tlatlaya, per the WOLA piece?",
    # "The notes mention Tlatlaya. How many ...?", "Tlatlaya: how many ...?"
    r"(?:^\W*|[.:;?][\"'”’]*\s+|,\s*)how\s+many\s+(?!(?:sources?|notes?|endnotes?|citations?|"
    r"references?|works?|articles?|reports?|times|outlets?|authors?|books?|pages?)\b)",
    re.I,
)
# "the Central America Regional Security Initiative (CARSI)": an acronym given in brackets.
_BRACKETED_ACRONYM = re.compile(r"\(([A-ZÁÉÍÓÚÑ]{2,}s?)\)")
# "What was the name of ...?", "What was it called?": the answer is a name.
_ASKS_NAME = re.compile(
    r"\b(?:what|which)(?:\s+(?:is|was|were|are)|'s|’s)\s+the\s+names?\s+of\b|"
    r"\bwhat\s+(?:is|was|were|are)\s+(?:it|they|this|that|the\s+[\w-]+(?:\s+[\w-]+)?)\s+called\b|"
    r"\bwhat\s+name\b",
    re.I,
)


# "What did Biden say about ...", "What was Ebrard's reaction to ...", "¿Qué dijo López
# Obrador sobre ...?": the answer is that person's words, so it must report them.
_ASKS_WORDS_OF = re.compile(
    r"^\W*(?:what|how)\s+(?:did|does|do|has|have|had|would)\s+(?P<who>.+?)\s+"
    r"(?:say|said|state(?!\s+of)|declare|tell|think|comment|write|argue|claim|reply|respond|"
    r"react)\b|"
    r"^\W*what\s+(?:is|was|were)\s+(?P<whose>.+?)(?:'s|’s)\s+"
    # "What were Barr's exact words ...?"
    r"(?:(?:exact|actual|own|precise|public|official|first|initial)\s+)?(?:reaction|response|view|"
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
    r"conclud(?:ed|ing)|describ(?:ed|ing)|acknowledg(?:ed|ing)|according to|quot(?:ed|ing)|"
    # ... or a reaction: "AMLO celebrated the decision as a 'diplomatic victory'"
    r"respond(?:ed|ing)|react(?:ed|ing)|celebrat(?:ed|ing)|welcom(?:ed|ing)|reject(?:ed|ing)|"
    r"condemn(?:ed|ing)|criticiz(?:ed|ing)|protest(?:ed|ing)|denounc(?:ed|ing))\b",
    re.I,
)
# Roles that name no office of their own: the sentence need not repeat them.
_GENERIC_ROLES = frozenset({"official"})
# A name by the time of someone's rule: "under Felipe Calderón", "Vicente Fox (2000-2006)".
_RULED_BY = re.compile(
    r"\bunder\s+(?:President\s+)?[A-ZÁÉÍÓÚÑ][\w'’-]+(?:\s+[A-ZÁÉÍÓÚÑ][\w'’-]+)+|"
    r"\b[A-ZÁÉÍÓÚÑ][\w'’-]+\s+\((?:19|20)\d\d\s*[-–]"
)
# Being in charge of something: heading it, by whatever title.
_IN_CHARGE = frozenset(terms_of("head leader director chief commander command"))
# Leading something, which for a country is being its president.
_LEADING = frozenset(terms_of("running run ran head lead led direct"))
_RUNS_COUNTRY = re.compile(
    r"\s+(?:the\s+)?(?:Mexico|Mexican\s+government|United\s+States|U\.S\.|US|country|"
    r"government|White\s+House)\b",
    re.I,
)
# Other words for a role that a sentence may use instead: a president's "administration".
_EDITORS = frozenset({"edit", "editor", "ed", "eds"})  # a citation's "ed. by", "(eds.)"
_ROLE_WORDS = {
    "president": frozenset({"president", "presidency", "administration"}),
    "edit": _EDITORS,
    "editor": _EDITORS,
}
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
    ("ation", ""), ("ment", ""), ("ur", "urity"), ("urity", "ur"),
)  # fmt: skip
# The share of a yes/no question's terms the best sentence's paragraph must hold for the
# question to count as answered by it rather than as asking for a verdict the brief lacks.
YES_NO_COVERED = 0.9
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
# Nouns for criminal groups, which go by a name beside the noun ("the Zetas cartel").
_GROUP_WORDS = (
    r"cartels?|gangs?|(?:criminal|armed)\s+(?:groups?|organi[sz]ations?)|c[áa]rteles?|pandillas?|"
    r"grupos?\s+(?:criminal(?:es)?|armados?)"
)
# "Which Mexican states ...", "¿Qué países ...", "Which cartel ...": a place or a criminal
# group asked for by kind; the answer must name one.
_NAMED_KIND = re.compile(
    # ... also after a topic put first: "Allende, 2011: which criminal group was behind it?",
    # "In 1985, which cartel ...", or after a statement: "The brief names three cities. Which
    # ones ...?"
    r"(?:^|[:,;.?])\W*(?:(?:in |en )?(?:which|what|qu[ée]|cu[áa]l(?:es)?)|"
    # ... or asked for by name: "Name the U.S. states that ...", "List the cities ..."
    r"(?:name|list|nombr[ae]|enumer[ae])(?:\s+(?:the|all|los|las))?)\s+"
    r"(?:(?:one\s+)?of\s+the\s+)?(?:[\w.-]+\s+)?"
    r"(states?|countr(?:y|ies)|cit(?:y|ies)|towns?|regions?|municipalit(?:y|ies)|"
    rf"pa[íi]s(?:es)?|estados?|ciudad(?:es)?|regi[óo]n(?:es)?|municipios?|{_GROUP_WORDS})\b"
    # ... not "which state actors / state officials": there "state" names the government.
    r"(?!\s+(?:actors?|officials?|agents?|authorit(?:y|ies)|institutions?|forces?|level|"
    r"police|security|governments?|departments?|sector|power|capacity|"
    # ... nor "which cartel operatives": there the group names whose people.
    r"operatives?|members?|leaders?|bosses|kingpins?|figures?|heads?|chiefs?|violence))",
    re.I,
)
_GROUP_NOUN = re.compile(_GROUP_WORDS, re.I)
# Names listed together: "Tijuana, Monterrey, and Ciudad Juárez", "Guatemala and Honduras".
_NAME = r"[A-ZÁÉÍÓÚÑ][\w'’-]*(?:\s+(?:de\s+)?[A-ZÁÉÍÓÚÑ][\w'’-]*)*"
_NAME_LIST = re.compile(rf"\b{_NAME}(?:,\s+{_NAME})*,?\s+(?:and|or)\s+{_NAME}")
_COUNTRY_KIND = re.compile(r"countr(?:y|ies)|pa[íi]s(?:es)?", re.I)
# The name beside a group noun: "the Zetas cartel", "Cartel Jalisco Nueva Generación".
_GROUP_NAMED = re.compile(
    r"\b([A-Z][\w'’-]+)\s+(?:[Cc]artels?|gangs?)\b|\bCartel\s+(?:de\s+)?([A-Z][\w'’-]+)"
)


# "Which pharmaceutical companies ...?", "What is the name of the program ...?": a thing
# asked for by the name it goes by, which the answer gives beside its noun.
_NAMED_THING = re.compile(
    r"^\W*(?:which|what)\s+(?:[\w.-]+\s+){0,2}?(compan(?:y|ies)|firms?|corporations?|"
    r"manufacturers?|banks?|businesses|drugmakers?)\b"
    r"|\bnames?\s+of\s+(?:the|this|that|these|those|a|an)\s+(?:[\w.-]+\s+){0,4}?(programs?|"
    r"programmes?|projects?|units?|compan(?:y|ies)|firms?|operations?|laws?|bills?|"
    r"agenc(?:y|ies)|agreements?|frameworks?|treaties|treaty|accords?)\b",
    re.I,
)


def names_beside(text: str, noun: str) -> set[str]:
    """The terms of the capitalised words within NAME_REACH words of the noun `noun` (a
    term) in `text`: "operations Canador (1970-1975), Trizo" -> canador, trizo, ..."""
    words = text.split()
    return {
        t
        for i, w in enumerate(words)
        if noun in terms_of(w)
        for word in words[max(1, i - NAME_REACH + 1) : i + NAME_REACH + 1]
        if word[:1].isupper()
        for t in terms_of(word)
    }


# A place and its people's adjective, which the light stemmer keeps apart.
_DEMONYMS = {
    place: frozenset(terms_of(people))
    for place, people in (
        ("mexico", "Mexican"),
        ("america", "American"),
        ("guatemala", "Guatemalan"),
        ("hondura", "Honduran"),
        ("salvador", "Salvadoran"),
        ("colombia", "Colombian"),
        ("canada", "Canadian"),
    )
}


def _topic_shared(terms: frozenset[str], topic: set[str], q_terms: dict[str, float]) -> int:
    """How many of the question's `topic` terms a sentence's `terms` hold, a place counting
    for its people's adjective ("Central America": "Central American migration") unless
    nearly every sentence names it ("Mexico")."""
    return sum(
        1
        for t in topic
        if t in terms
        or (q_terms.get(t, 0.0) >= DATING_IDF and _DEMONYMS.get(t, frozenset()) & terms)
    )


def _relation_stated(
    relation: re.Pattern[str] | None, chosen: list[_Scored], q_terms: dict[str, float]
) -> bool:
    """Whether a verdict asked on the `relation` a question names is settled by a sentence
    stating it about the question's topic: "Was the initiative pushed on Mexico?" by "the
    initiative resulted from the Mexican government's request"."""
    topic = q_terms.keys() - RELATION_TERMS
    return relation is not None and any(
        relation.search(c.candidate.text) and c.terms & topic for c in chosen
    )


def group_question_topic(query: str) -> frozenset[str] | None:
    """What a question asking which criminal group is about, in English terms ("Which cartel
    was behind the Allende massacre?" -> the terms of "behind the Allende massacre"; empty
    for "Which cartels does the text mention by name?"); None for other questions."""
    asked = _NAMED_KIND.search(query)
    if asked is None or not _GROUP_NOUN.fullmatch(asked.group(1)) or is_source_question(query):
        return None
    rest = query[: asked.start()] + " " + query[asked.end() :]
    if detect_language(query) == "es":
        rest = to_english(rest)
    listing = term_set(f"{_ABOUT_THE_BRIEF} {_LISTING_WORDS} {_GROUP_TERMS}")
    return frozenset(terms_of(rest)) - listing


def names_group(s: _Scored, topic: frozenset[str], lead: _Scored) -> bool:
    """Whether a sentence names a criminal group by the name beside its noun ("the Zetas
    cartel"), one the question does not, about what the question asks of: it shares a term
    with it (other than a country's: "U.S. prosecutors" and "U.S. authorities" are about
    different things) or stands in the paragraph of the answer's lead."""
    named = (a or b for a, b in _GROUP_NAMED.findall(s.candidate.text))
    about = bool((topic - COUNTRY_TERMS) & s.terms) or s.candidate.place == lead.candidate.place
    return about and any(not set(terms_of(n)) <= topic for n in named)


# The word that makes "how" ask for a quantity.
_ASKS_QUANTITY_WORD = re.compile(r"(?<=\bhow )(?:many|much)\b", re.I)
# A noun of a Spanish question, led by its article ("la receta", "del mole").
# An ordinal or the like may stand between them ("la segunda recomendación").
_SPANISH_ARTICLE_NOUN = re.compile(
    r"\b(?:el|la|los|las|del|al|un|una|unos|unas)\s+"
    r"(?:(?:primer|primera|primeros|primeras|segund[oa]s?|tercer|tercer[oa]s?|cuart[oa]s?|"
    r"quint[oa]s?|últim[oa]s?|ultim[oa]s?|principal|principales|mism[oa]s?|nuev[oa]s?|"
    r"gran|grandes|otr[oa]s?|actual(?:es)?|antigu[oa]s?|futur[oa]s?)\s+)?([a-záéíóúñü]{3,})\b"
)
# Words for the brief itself and its parts, which a question may use though the brief does not
# ("según el texto").
_ABOUT_THE_BRIEF = "text report chapter author article document note notes source sources title"
# The words naming a criminal group, which say what is asked for, not what about.
_GROUP_TERMS = "cartel cartels gang gangs group groups criminal armed"
# What asks for names as the brief gives them, not about anything in particular.
_LISTING_WORDS = "mention mentions mentioned name names named cite cites cited list say says"
# Attributes any value answers for, which the sentence giving it need not name.
_VALUE_WORDS = (
    "name title number total amount date year figure value size level percentage share rate "
    "time length duration kind type sort way part role subject topic field area discipline "
    "toll tally count"
)
# Attributes that are someone's title, which the brief gives at the name if at all.
_ROLE_ATTRIBUTES = "job title position post office role rank occupation profession"
# A title at a name: "Attorney General William Barr", "Foreign Minister Marcelo Ebrard",
# "... is an Assistant Professor of ...".
_TITLE = re.compile(rf"\b(?:{'|'.join(TITLE_NAMES)})\b")
_TITLE_AFTER = re.compile(
    r"[\w\s-]{0,30}?(?:,\s+|\s+(?:is|was|as)\s+(?:an?|the)\s+)(?:[\w-]+\s+){0,3}?"
    rf"(?:{'|'.join(TITLE_NAMES)}|head|leader)\b",
    re.I,
)
# How far (in characters) from a name its title may stand.
TITLE_REACH = 40
# How many words after "how many" may hold what befell the thing counted ("... were killed").
COUNT_VERB_REACH = 8
# Words of the period a count is over ("that year"), not of what it counts.
_PERIOD_TERMS = frozenset(terms_of("year years month months week weeks decade decades period time"))
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
# A question asking whether what it states is so: "Is it true that ...", "..., correct?"
_CHECKS_PREMISE = re.compile(
    r"^\W*(?:is|was)\s+(?:it|this|that)\s+(?:true|right|correct|accurate|so)\b|"
    r"\b(?:right|correct|true|accurate)\s*\?\s*$|\bis\s+that\s+(?:right|correct|true)\b",
    re.I,
)
# Other chapters of the report the brief belongs to: "Who else wrote chapters for ...?",
# "the migration chapter in Re-Building a Complex Partnership", "¿los otros capítulos?".
_OTHER_CHAPTERS = re.compile(
    r"\b(?:other|else|remaining|rest\s+of\s+the|different)\b[^?]{0,30}?\bchapters?\b|"
    # ... "the chapter on migration in Re-Building a Complex Partnership"
    r"(?<!\bthis\s)(?<!\bher\s)\bchapter\s+(?:(?:on|about)\s+[^?]{1,40}?\s+)?(?:in|of|from)\s+"
    r"(?:the\s+)?(?:same\s+|whole\s+)?"
    r"(?:Re-?Building|report|volume|collection|book)\b|"
    # "Who are the other contributors to the Re-Building report?"
    r"\b(?:other|else)\b[^?]{0,20}?\b(?:authors?|contributors?|writers?|experts?|co-?authors?)\b"
    r"[^?]{0,40}?\b(?:report|Re-?Building|volume|collection|book)\b|"
    r"\botros\s+cap[íi]tulos\b|\bcap[íi]tulo\s+(?:de|sobre)\s+\w+\s+del\s+mismo\b",
    re.I,
)
_CHAPTER_BY = re.compile(r"\bchapter\s+by\s+[A-Z]")
# A holiday with its year dates something, it names no one: "Right before Christmas 2020".
_HOLIDAY_DATE = re.compile(
    r"\b(?:Christmas|Thanksgiving|Easter|Halloween|Navidad|Semana\s+Santa)(?:\s+of)?\s+(?:19|20)\d\d\b"
)
# Words of asking, not of what is asked about ("Suggest a recipe for ...").
_ASKING_WORDS = term_set("suggest recommend give tell share show find need want like")
# The capitalised word opening a question, which may be a name.
_OPENING_NAME = re.compile(r"^\W*([A-ZÁÉÍÓÚÑ][\w'’-]+)\b")
# A question asking for a cited work's title.
_ASKS_TITLE = re.compile(r"\b(?:title|titled|headline|called|t[íi]tulo|titula)\b", re.I)
# A question asking for several sources at once: "Which outlets are cited ...?", "What
# sources does it give for ...?", "¿Qué periódicos cita ...?".
_ASKS_SEVERAL_SOURCES = re.compile(
    r"\b(?:outlets|newspapers|sources|articles|reports|publications|notes|works|studies|"
    r"peri[oó]dicos|fuentes|art[ií]culos|medios)\b",
    re.I,
)
# What a citation gains for being the kind of work the question names.
GENRE_BONUS = 0.4
ANSWER_TYPE_BONUS = 0.15
# ... and for the sentence naming the relation a question asks for (the cause it asks for by
# its verb: "driven by"; an effect: "has led to"; what to do instead: "instead of"), when it
# speaks of the question's topic in at least two of its words besides those asking (0.6 was
# chosen by `bench/cv.py answers` over the dev questions of every eval set).
RELATION_BONUS = 0.6
# ... and such a sentence is sought this many times as far down the ranking as the others.
RELATION_REACH = 3
# Kinds of answer a sentence plainly holds or lacks, and how far below the best sentence one
# that holds the asked-for kind may score and still lead the answer.
_DEFINITE_KINDS = frozenset({"date", "number", "money", "percent", "duration"})
KIND_MARGIN = 0.25
# What a note naming the brief's own author gains when the question asks for her own work:
# as much as a note asked for by number.
OWN_WORK_BONUS = 1.5
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
# How much better than the best claim a note must match the question to be taken for itself.
NOTE_OVER_CLAIM = 0.3
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
    # "Who won the 2020 World Series?": nearer an everyday subject than any passage.
    everyday: bool = False


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
        # Lexical retrieval alone has no question vector to compare with everyday subjects;
        # the margins were measured on one embedder's similarities only.
        self._everyday = (
            EverydayGuard(retriever.embedder)
            if mode != "bm25" and retriever.settings.embedder in EVERYDAY_EMBEDDERS
            else None
        )
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
        # Names a reader types in lower case ("under peña nieto") read as the body writes them.
        self._name_forms = name_forms(
            [
                p.text
                for doc in documents
                for section in doc.sections
                if section.kind == "body"
                for p in section.paragraphs
            ],
            [doc.text for doc in documents],
        )
        # The terms of those names: "Sinaloa", "Tijuana", "Biden".
        self._name_terms = frozenset(
            t for name in self._name_forms.values() for t in terms_of(name.form)
        )
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
        self._place_terms: dict[tuple[str, str, int], frozenset[str]] = {}
        self._holds_kind: dict[tuple[str, str, int, int], bool] = {}
        self._dates = [
            year_month(d.date) for d in documents if d.kind == "brief" and YEAR.search(d.date)
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
            or ev.everyday
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
        query = direct_question(with_months_spelled_out(clean_query(question)))
        if len(question) > MAX_QUESTION_CHARS:
            raise QueryError(
                f"the question is {len(question)} characters long; "
                f"the limit is {MAX_QUESTION_CHARS}"
            )
        language = detect_language(query)
        query = with_names_cased(self.spelled(query, language), self._name_forms)
        hits = self.retriever.search(query, k=max(top_k, self.settings.candidates), mode=self.mode)
        qvec = self.retriever.query_vector(query) if self.mode != "bm25" else None
        retrieve_ms = (time.perf_counter() - started) * 1000
        q_terms = self._question_terms(query, language)
        source = is_source_question(query)
        q_kind = answer_kind(query)
        about_plan = bool(_ASKS_PLAN.search(query))
        relation = relation_named(query)
        # Wrongdoing asked of someone only brings along the sentence reporting it: a sentence
        # naming some abuse is no better an answer, nor does it settle whether the one asked
        # about happened ("Has the Guard been accused of taking bribes?" and "acts of torture").
        weighed = None if relation is WRONGDOING_NAMED else relation
        scored = [
            self._score(c, qvec, q_terms, hits, q_kind, about_plan, weighed)
            for c in self._candidates(query, hits, source)
        ]
        if weighed is not None and not source:
            scored += self._relation_candidates(query, hits, scored, qvec, q_terms, q_kind, weighed)
        scored.sort(key=lambda s: (-s.score, s.candidate.doc_id, s.candidate.start))
        scored = self._kind_first(q_kind, scored, self._counted_noun(query, language))
        scored = self._definition_first(query, scored, qvec, q_terms, hits)
        overview = [] if source else self._overview(query, qvec, q_terms, hits)
        item = [] if source or overview else self._list_item(query, qvec, q_terms, hits)
        if overview:
            chosen = overview
        elif item:
            chosen = item
        elif source:
            asked = {int(n) for n in NOTE_NUMBER.findall(query)}
            chosen = self._choose_source(scored, q_terms, asked, query)
        else:
            part_texts = question_parts(query)
            parts = [self._part_terms(part, q_terms, language) for part in part_texts]
            # "Who wrote the brief, and ...?": that part asks for its author's name.
            for part, terms in zip(part_texts, parts, strict=True):
                if ABOUT_THE_DOCUMENT.search(part):
                    terms.update({t: q_terms[t] for t in self._author_terms if t in q_terms})
            chosen = self._choose(
                scored,
                q_terms,
                explain=bool(_ASKS_REASON.search(query)),
                parts=parts,
                part_kinds=[answer_kind(part) for part in part_texts],
                query=query,
                relation=relation,
            )
            chosen = self._complete_list(query, chosen, scored)
            chosen = self._with_named_group(query, chosen, scored)
        signals = self._signals(query, language, hits, scored, chosen, q_terms, source, weighed)
        return _Evidence(
            language,
            hits,
            chosen,
            signals,
            retrieve_ms,
            overview=bool(overview),
            unknown_topic=language != "es" and self._unknown_topic(query),
            everyday=(
                not overview
                and qvec is not None
                and self._everyday is not None
                and self._everyday.is_everyday(qvec, signals.dense_top)
            ),
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
        # The topic is the noun phrase, not what the asker adds after it ("remittances as a
        # way to keep people from migrating").
        head = _TOPIC_END.split(match.group("topic") or match.group("object"), maxsplit=1)[0]
        topic = {t: self._idf.get(t, self._max_idf) for t in terms_of(head)}
        total = sum(topic.values())
        # A reader's word for one of the brief's ("rural families": its local communities)
        # names something it speaks of.
        unknown = sum(
            w for t, w in topic.items() if not self._known_family(t) and t not in THESAURUS
        )
        return total > 0 and unknown / total > UNKNOWN_TOPIC_SHARE

    def _counted_noun(self, query: str, language: str) -> str:
        """What a "how many" question counts, in the brief's word when the reader's is not
        the corpus's ("journos": "journalist")."""
        noun = counted_noun(query, language)
        if noun and noun not in self._vocabulary and (brief := brief_terms(noun)):
            return brief[0]
        return noun

    def _family_of(self, term: str) -> list[str]:
        """The body's forms of `term`, a word the body does not use, by a regular change of
        ending ("eradicat": "eradication", "independenc": "independent")."""
        return sorted(
            {
                term[: len(term) - len(ending)] + other
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
        """For "What is the brief about?": the brief's sentences stating its point; for "What
        are its recommendations?", the items of its list of them; else []."""
        if is_recommendations_question(query):
            sentences = recommendation_sentences(self.brief)
        elif is_overview_question(query):
            sentences = overview_sentences(self.brief)
        else:
            return []
        doc_id = document_id(self.brief)
        chosen = []
        for section, p, sentence in sentences:
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

        asked = {int(n) for n in NOTE_NUMBER.findall(query)}
        own_work = source_question and bool(OWN_WORK.search(query))
        for doc_id, doc in self._docs.items():
            for number in sorted(asked):
                if any(n.number == number for n in doc.endnotes):
                    add(self._note_candidate(doc_id, number))
            if own_work:
                # "Does the author cite her own book?": her notes and the claims they carry,
                # wherever the search went.
                own = {note.number for note in doc.endnotes if self._by_the_author(note.text)}
                for number in sorted(own):
                    add(self._note_candidate(doc_id, number))
                for section in doc.sections:
                    for p in section.paragraphs:
                        for sentence in p.sentences:
                            if not own & set(sentence.endnotes):
                                continue
                            claim = self._sentence_candidate(doc_id, section.id, p, sentence)
                            if claim is not None:
                                add(claim)
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

    def _relation_candidates(
        self,
        query: str,
        hits: list[Hit],
        scored: list[_Scored],
        qvec: FloatArray | None,
        q_terms: dict[str, float],
        q_kind: str,
        relation: re.Pattern[str],
    ) -> list[_Scored]:
        """Sentences from further down the ranking that name the relation the question asks
        for about its topic ("What happened to the cartels once they went after the bosses?":
        "The kingpin strategy ... has led to the fragmentation ... of DTOs"), which the chunks
        retrieved for the question's words may miss."""
        wide = self.retriever.search(query, k=RELATION_REACH * len(hits), mode=self.mode)
        seen = {(s.candidate.doc_id, s.candidate.start) for s in scored}
        topic = q_terms.keys() - RELATION_TERMS
        found: list[_Scored] = []
        for c in self._candidates(query, wide, False):
            if (c.doc_id, c.start) in seen or not relation.search(c.text):
                continue
            if _topic_shared(self._terms(c), topic, q_terms) >= 2:
                found.append(self._score(c, qvec, q_terms, hits, q_kind, relation=relation))
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
        """Terms of the endnotes' authors and of the names in their titles that the corpus
        uses nowhere else ("Krauze", "Tlatlaya"), given the terms of everything but the
        endnotes.

        Notes whose source document is in the corpus are left out: what those authors say
        can be quoted.
        """
        # A note whose source document is indexed is answerable from that document.
        linked = {
            (d.origin.brief_id, n) for d in self.documents if d.origin for n in d.origin.notes
        }
        cited = [
            n.text
            for doc in self.documents
            for n in doc.endnotes
            if (document_id(doc), n.number) not in linked
        ]
        authors = {t for text in cited for t in terms_of(note_author(text))}
        # ... and the names in their titles ("Murder in Mexico: ... Regina Martínez", "In
        # Mexico's Tlatlaya Massacre ..."), not acronyms or codes ("SRE", "FY12").
        titled = {
            t
            for text in cited
            for word in re.findall(r"\b[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+\b", text)
            for t in terms_of(word)
        }
        return frozenset((authors | titled) - body)

    def _question_terms(self, query: str, language: str) -> dict[str, float]:
        """Question terms with their idf; unknown Spanish words are dropped (not evidence).

        A Spanish question is read through the glossary (plus the words it shares with the
        English text, such as names), so "noviembre" can match "November".
        """
        terms: dict[str, float] = {}
        # "Who wrote this chapter?": "chapter" names the document, not what its byline says.
        about = ABOUT_THE_DOCUMENT.search(query)
        if about is not None:
            query = query[: about.start("document")] + query[about.end("document") :]
            # ... and it asks for the name the byline gives.
            terms.update({t: self._idf[t] for t in self._author_terms if t in self._idf})
        # "How many" asks for a figure (see `answer_kind`); "many" is not what the brief must say.
        text = _ASKS_QUANTITY_WORD.sub(" ", without_document_name(query))
        if language != "es":
            text = in_brief_phrasing(text)
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
                for brief in brief_terms(t):
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
    def _part_terms(part: str, q_terms: dict[str, float], language: str = "en") -> dict[str, float]:
        """The question's terms that one part of it uses, everyday words read as the brief's
        ("what did the US commit to": "pledged"), Spanish ones through the glossary."""
        text = _DATE_FRAME.sub(" ", part)
        if language == "es":
            text = f"{text} {to_english(text)} {cognates(text)}"
        terms = terms_of(in_brief_phrasing(text))
        terms += [b for t in terms for b in brief_terms(t)]
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
        relation: re.Pattern[str] | None = None,
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
        # "What drives migration?": the sentence saying what migration is "driven by" names
        # the cause (one about something else that is "driven by" does not).
        if (
            relation is not None
            and relation.search(c.text)
            and _topic_shared(terms, q_terms.keys() - RELATION_TERMS, q_terms) >= 2
        ):
            score += RELATION_BONUS
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
            if c.kind == "endnote" and "spanish" in note_genres(c.text):
                # A Spanish title read in English too: "Guardia solo ha reclutado a militares
                # que carecen de evaluación policial" is about the Guard's military recruits.
                terms |= frozenset(terms_of(to_english(c.text)))
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

        # "Which sources are cited in the passage on ...?" asks for a paragraph's notes: which
        # sentence a marker follows does not matter then.
        passage = bool(_ASKS_SEVERAL_SOURCES.search(query))

        def linked(note: _Scored) -> float:
            bonus = 1.5 if note.candidate.note in asked else 0.0
            for i, claim in enumerate(claims[:3]):
                c = claim.candidate
                doc = self._docs[c.doc_id]
                if note.candidate.doc_id != c.doc_id:
                    continue
                if note.candidate.note in doc.anchored_endnotes(c.section_id, c.paragraph):
                    marked = not passage and note.candidate.note in self._sentence_markers(c)
                    bonus = max(
                        bonus, (LINK_BONUS + (MARKER_BONUS if marked else 0.0)) * (1 - 0.3 * i)
                    )
            return bonus

        genres = asked_genres(query)
        # "Does the author cite her own book?": the notes naming the brief's author as theirs.
        own_work = bool(OWN_WORK.search(query))

        def fits(note: _Scored) -> float:
            bonus = GENRE_BONUS if genres & note_genres(note.candidate.text) else 0.0
            if own_work and self._by_the_author(note.candidate.text):
                bonus += OWN_WORK_BONUS
            return bonus

        ranked = sorted(notes, key=lambda n: (-(n.score + linked(n) + fits(n)), n.candidate.start))
        # A note the question describes better than any claim ("the December 2020 pledge to
        # cooperate on immigration": the Reuters title "... vow to cooperate on immigration")
        # is the one asked about, whatever the best claims cite.
        # ... a note of the kind asked for counting as it ranks ("Which Mexican outlet ...?").
        best_note = max(notes, key=lambda n: (n.score + fits(n), -n.candidate.start))
        if claims and best_note.score + fits(best_note) >= claims[0].score + NOTE_OVER_CLAIM:
            ranked = [best_note, *(n for n in ranked if n is not best_note)]
        top_note = ranked[0]
        chosen: list[_Scored] = []
        claim = self._claim_for(top_note, claims)
        if claim is not None:
            chosen.append(claim)
        chosen.append(top_note)
        if claim is not None and passage:
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
        relation: re.Pattern[str] | None = None,
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
                anchor = _part_anchor(
                    part, scored, best.score - PART_MARGIN, budget // open_parts, best
                )
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
            return names_beside(s.candidate.text, focus)

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
        for s in self._context(best, scored, explain, cause, relation, frozenset(q_terms)):
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
        count = count_named(chosen[0].candidate.text)
        asked = count_named(query, anywhere=True)
        # The sentence announcing the count the question asks for need not lead ("What were
        # the four pillars after 2011?" led by "... agreed to reformulate the goals in 2011.").
        for lead in chosen:
            announced = count_named(lead.candidate.text)
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
    def _with_named_group(
        query: str, chosen: list[_Scored], scored: list[_Scored]
    ) -> list[_Scored]:
        """`chosen` and, when the question asks which criminal group and no chosen sentence
        names one, the best sentence that does about what the question asks of: "Which cartel
        was behind the Allende massacre?" is led by where the massacre happened and answered
        by the next sentence, "orchestrated by the Zetas cartel"."""
        topic = group_question_topic(query)
        if not topic or not chosen or any(names_group(c, topic, chosen[0]) for c in chosen):
            return chosen
        # The lead's own paragraph first: it goes on about what the lead is about.
        found = next(
            (
                s
                for s in scored
                if s.candidate.place == chosen[0].candidate.place
                and names_group(s, topic, chosen[0])
            ),
            next((s for s in scored if names_group(s, topic, chosen[0])), None),
        )
        return chosen if found is None else [*chosen, found]

    @staticmethod
    def _enumeration(best: _Scored, count: int, scored: list[_Scored]) -> _Scored | None:
        """The sentence of the best one's paragraph that numbers the `count` things it
        announces ("organized according to four pillars" -> 'were: "1) ...; 2) ...; 4) ...')."""
        c = best.candidate
        for s in scored:
            o = s.candidate
            if o.place == c.place and o.kind == c.kind and numbered_items(o.text) == count:
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
        self,
        best: _Scored,
        scored: list[_Scored],
        explain: bool,
        cause: bool = False,
        relation: re.Pattern[str] | None = None,
        asked: frozenset[str] = frozenset(),
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
        if before is not None and (
            _BARE_POINTER.match(best.candidate.text) or _POINTED_NOUN.match(best.candidate.text)
        ):
            found.append(before)
            before = None
        # "... should also consider the livelihoods of Mexican farmers ... . Recent studies
        # suggest ... . Given ..., it is urgent ... to move towards sustainable measures": the
        # course a question asks for may close the paragraph the best sentence opens.
        if (
            relation is PRESCRIPTION_NAMED
            and after is not None
            and not relation.search(after.candidate.text)
        ):
            _, further = self._neighbours(after, scored)
            if further is not None and relation.search(further.candidate.text):
                after = further
        if after is not None and (
            leans_on(after.candidate.text, best.candidate.text)
            or after.score >= best.score - margin
            # "How did sending the Guard to the border hurt migrants?": "... sent the National
            # Guard ..." then "The consequence of this decision has been to worsen ...".
            or (relation is not None and relation.search(after.candidate.text) is not None)
            # ... and for a cause, what takes up the best one's "information" as "the
            # information" (see below).
            or (cause and repeats_definite(after.candidate.text, best.candidate.text))
            # "Who was behind the 2011 massacre in Allende?": "... murdered in the town of
            # Allende ..." then "The massacre was orchestrated by ...".
            or takes_up(after.candidate.text, asked)
        ):
            found.append(after)
            _, further = self._neighbours(after, scored)
            if further is not None and (
                leans_on(further.candidate.text, after.candidate.text)
                # "... snitched information to U.S. authorities. According to a ProPublica
                # investigation, a federal police unit leaked the information ...": for a
                # question asking what caused something, the chain goes on.
                or (cause and repeats_definite(further.candidate.text, after.candidate.text))
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
            and leans_on(before.candidate.text, earlier.candidate.text)
        )
        if before is not None and (bridge or before.score >= best.score - margin):
            found.append(before)
            if bridge and earlier is not None:
                found.append(earlier)
        if relation is ORIGIN_NAMED and relation.search(best.candidate.text):
            # "Was the initiative pushed on Mexico?" led by "The United States responded to
            # Mexico's demands ...": the paragraph's other sentence naming where it came from
            # ("... the initiative resulted from the Mexican government's request") too.
            found += [
                s
                for s in scored
                if s.candidate.place == best.candidate.place
                and s.candidate.kind == best.candidate.kind
                and s is not best
                and not any(s is f for f in found)
                and relation.search(s.candidate.text)
            ]
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
        relation: re.Pattern[str] | None = None,
    ) -> Signals:
        total = sum(q_terms.values()) or 1.0
        # "Does she cite her own book?": settled by a note of hers among the chosen.
        own_work_cited = source and self._own_work_cited(query, chosen)

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
        # What the chosen sentences of the lead's paragraph say.
        lead_paragraph = " ".join(
            c.candidate.text for c in chosen if c.candidate.place == chosen[0].candidate.place
        )
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
        # Words the corpus does not know count only in the question proper, not in a
        # sentence about the asker beside it ("I'm a nurse in El Paso. Which cities ...?").
        asked = without_asides(query)
        aside = set(terms_of(query)) - set(terms_of(asked))
        asked_terms = {t: w for t, w in content.items() if t not in aside} or content
        counted = self._counted_noun(query, language)
        # "Were extraditions higher under Calderón than under Fox?" is settled by the figures
        # ("211 ... under Fox ... 587 under Calderón"), which need not say "higher".
        compared = (
            set(terms_of(" ".join(_COMPARATIVE.findall(query))))
            if scored and QUANTITY.search(scored[0].candidate.text)
            else set()
        )
        # "Is it accurate that, per the brief, Camarena was murdered in 1997?": the words
        # asking for a check are no content; nor is a figure to check when the evidence
        # gives one ("the 1,000-mile wall" against "the 2000-mile length wall he promised").
        checked = set(terms_of(" ".join(VERIFYING.findall(query))))
        if chosen and QUANTITY.search(chosen[0].candidate.text):
            checked |= {t for t in terms_of(query) if t[:1].isdigit()}
        after = any(self._after_date(int(y)) for y in YEAR.findall(query)) or bool(
            AFTER_INAUGURATION.search(query)
        )
        # A sentence taken for the year alone ("... deaths in the United States in 2019" for
        # "What was Mexico's homicide rate in 2019?") shares nothing else with the question but
        # a word nearly every sentence has ("Mexico"): it does not date the answer.
        # Nor does the unit of a rate ("per 100,000 people"): any count of people has it.
        unit = set(terms_of(" ".join(_RATE_UNIT.findall(query))))
        telling = {
            t
            for t, w in q_terms.items()
            if w >= DATING_IDF and not YEAR.fullmatch(t) and t not in unit
        }
        dated = [c for c in chosen if not telling or c.terms & telling]
        missing_year = self._year_missing(
            query, " ".join(c.candidate.text for c in dated), dated, scored
        )
        # "Is it true that Mérida began in 2009?": a year to check is answered by the year
        # the evidence gives for it ("set to begin in October of 2007").
        if missing_year and _CHECKS_PREMISE.search(query):
            missing_year = not point_years(chosen_text)
        return Signals(
            dense_top=float(dense_top),
            best_score=scored[0].score if scored else 0.0,
            coverage=share(chosen_terms),
            local_coverage=share(local_terms),
            unknown_terms=(
                self._unknown_share(asked, language, asked_terms, sum(asked_terms.values()))
                # "Which of her own books does she cite?" asks for her note, which is found.
                if content and not own_work_cited
                else 0.0
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
                # "What's the source behind the claim ...?" is answered by an endnote.
                and (source or not self._attribute_missing(query, language, chosen))
                and not (language == "es" and not source and self._spanish_nouns_unknown(query))
                # "How many died in Mexico, and what share of U.S. deaths ...?": each part's
                # figure may stand for its own country.
                and not all(
                    figure_elsewhere(part, language, [c.candidate.text for c in chosen])
                    for part in question_parts(query) or [query]
                )
                and not compared_country_missing(query, language, chosen_text)
                # "On what date was López Obrador sworn in?": the month must be given in a
                # sentence about whom or what the question names, not beside someone else.
                and not (
                    asks_date(query)
                    and date_missing(query, self._text_naming(query, chosen, scored))
                )
                # "Can you give me a recipe for Sinaloa-style aguachile?": the brief shares
                # only a name with it.
                and not (language != "es" and self._names_only_known(q_terms))
                # "What happened to him after his return?": the brief's account must go on
                # past the return, not end with it.
                and not (AFTER_RETURN.search(query) and not PAST_RETURN.search(chosen_text))
                # "What prison sentence did Gutiérrez Rebollo get?" is not answered by his arrest.
                and not (
                    not source
                    and ASKS_LEGAL_OUTCOME.search(query)
                    and not LEGAL_OUTCOME_TOLD.search(chosen_text)
                )
                and not _ASKS_INSTRUCTIONS.search(query)
                # "Who wrote the other chapters of the report?": the brief names another
                # chapter's author only as "the chapter by ...".
                and not (_OTHER_CHAPTERS.search(query) and not _CHAPTER_BY.search(chosen_text))
                and not self._attribution_missing(query, chosen)
                and not (language == "en" and self._speaker_unknown(query))
                # "What is the title of the report in note 46?" of a note giving no title.
                and not (
                    source
                    and _ASKS_TITLE.search(query)
                    and any(c.candidate.kind == "endnote" for c in chosen)
                    and all(
                        untitled_note(c.candidate.text)
                        for c in chosen
                        if c.candidate.kind == "endnote"
                    )
                )
                else 1.0
            ),
            spanish=1.0 if language == "es" else 0.0,
            unknown_names=self._unknown_names(asked, language, source),
            # "Did the U.S. drop the charges against Cienfuegos?" is answered by a sentence
            # whose paragraph holds nearly every term of it: a verdict asked for is a doubt
            # only when the evidence leaves part of the question out.
            yes_no=(
                1.0
                if asks_yes_no(query)
                and not ASKS_EVALUATION.search(query)
                and share(local_terms | compared | checked) < YES_NO_COVERED
                and not _relation_stated(relation, chosen, q_terms)
                and not own_work_cited
                else 0.0
            ),
            count_missing=(
                1.0
                if (
                    count_missing(counted, chosen_text)
                    # "How many years did the partnership run?": "(2005 to 2008)".
                    and not (
                        counted == "year"
                        and years_spanned(self._names_read(query, language), chosen_text)
                    )
                )
                or measure_missing(asked_measure(query), chosen_text)
                or exact_figure_missing(query, chosen[0].candidate.text if chosen else "")
                or share_for_count(query, chosen[0].candidate.text if chosen else "")
                or place_figure_missing(query, [c.candidate.text for c in chosen])
                or promised_figure_only(query, lead_paragraph)
                or year_figure_missing(query, self._with_paragraphs(chosen, scored))
                or (language != "es" and count_elsewhere(query, counted, chosen, q_terms))
                else 0.0
            ),
            # Spanish words meet the Spanish titles of cited works: not a sign of anything.
            # ... unless a question about sources asks what the cited work says ("What did
            # Alejandro Hope predict in his El Universal column?"): the brief only cites it.
            cited_only=(
                0.0
                if (
                    source
                    and not (_ASKS_CONTENT.search(query) or _ASKS_REPORTED_FACT.search(query))
                )
                or language == "es"
                else self._cited_only_names(asked)
            ),
        )

    @staticmethod
    def _text_naming(query: str, chosen: list[_Scored], scored: list[_Scored]) -> str:
        """The chosen sentences from paragraphs where a sentence (among the candidates)
        names something the question names (all of them when it names nothing): "as of
        August of 2020, 80 percent of its members ..." goes on about the Guard the sentence
        before it names; "both presidents" are those of "the Biden administration" above."""
        names = question_names(query)
        places = {s.candidate.place for s in scored if not names or names & s.terms}
        return " ".join(c.candidate.text for c in chosen if c.candidate.place in places)

    def _names_only_known(self, q_terms: dict[str, float]) -> bool:
        """Whether the only words of an English question the corpus uses are names, beside
        words it never uses: a question about something else that shares a place or a person
        with the brief ("a recipe for Sinaloa-style aguachile", "the best time to visit
        Monterrey")."""
        known = [t for t in q_terms if t in self._vocabulary and t not in _ASKING_WORDS]
        # ... a word of a known word's family is none of those ("office": "officials"), and
        # one such word may be a reader's verb ("Which operations came after Intercept?").
        foreign = [t for t in q_terms if not self._known_family(t)]
        return bool(known) and len(foreign) >= 2 and all(t in self._name_terms for t in known)

    @staticmethod
    def _names_read(query: str, language: str) -> set[str]:
        """The terms of a question's names, a Spanish name's also in English ("la Alianza
        para la Seguridad y la Prosperidad": "partnership", "security", "prosperity")."""
        names = question_names(query)
        if language == "es":
            names |= set(terms_of(to_english(" ".join(CAPITALISED.findall(query)))))
        return names

    def _own_work_cited(self, query: str, chosen: list[_Scored]) -> bool:
        """Whether "Does the author cite her own research?" is settled by a note of hers."""
        return bool(OWN_WORK.search(query)) and any(
            c.candidate.kind == "endnote" and self._by_the_author(c.candidate.text) for c in chosen
        )

    def _by_the_author(self, note: str) -> bool:
        """Whether a note cites a work of the brief's own author ("Kloppe-Santamaría, Gema
        and Alexandra Abello-Colak. Human Security ...")."""
        return bool(set(terms_of(note_author(note))) & self._author_terms)

    def _unknown_share(
        self, query: str, language: str, q_terms: dict[str, float], total: float
    ) -> float:
        """Weight of question terms the corpus never uses; for Spanish, unknown names only."""
        if language != "es":
            return sum(w for t, w in q_terms.items() if t not in self._vocabulary) / total
        # Not the word opening a sentence ("¿Cuántos ..."): its capital says nothing.
        words = [w for w in CAPITALISED.findall(query) if len(w) > 1]
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
        # ... nor is a rate ("murder rate in 2020").
        counting = (
            answer_kind(query) == "number"
            or _TOTAL.search(query)
            or asked_measure(query) not in ("", "percent")
        )
        # A Spanish month ("febrero") is read through the glossary.
        whole_year = (
            counting
            and not re.search(MONTHS, f"{query} {to_english(query)}", re.I)
            and not _PART_OF_YEAR_ASKED.search(query)
        )

        def years_in(text: str) -> set[int]:
            return point_years(_PART_OF_YEAR.sub(" ", text) if whole_year else text)

        asked -= years_in(chosen_text) | decade_years(chosen_text)
        if not asked:
            return False
        paragraphs = {c.candidate.place for c in chosen}
        beside = self._with_paragraphs(chosen, scored)
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
    def _with_paragraphs(chosen: list[_Scored], scored: list[_Scored]) -> list[str]:
        """The chosen sentences and the others of their paragraphs among the candidates."""
        places = {c.candidate.place for c in chosen}
        return [s.candidate.text for s in scored if s.candidate.place in places]

    @staticmethod
    def _period_missing(query: str, chosen: list[_Scored], scored: list[_Scored]) -> bool:
        """Whether a figure asked for someone's time in office ("How many were extradited
        during Peña Nieto's presidency?") comes from paragraphs that never name them (a
        sentence naming them without a figure does not answer it)."""
        if not asks_figure(query):
            return False
        person = set(terms_of(asked_period(query))) - term_set(TITLE_WORDS)
        if not person or not chosen:
            return False
        places = {
            c.candidate.place
            for c in chosen
            if any(map(is_figure, YEAR_SPAN.sub(" ", c.candidate.text).split()))
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

        # "The brief names the general. Who replaced him?": the question after the scene
        # says what is asked; the names of both are the question's own.
        full, query = query, asked_sentence(query)
        lead = chosen[0].candidate.text if chosen else ""
        role = _PERSON_ROLE.search(query)
        if role is not None:
            # A Spanish role by its English word: "titular" is the head, "canciller" the
            # foreign minister.
            said = role.group(1).lower()
            if re.fullmatch(r"in\s+charge", said):
                noun = set(_IN_CHARGE)
            elif re.fullmatch(r"\w+\s+on", said):  # "sat on", "served on"
                noun = {"member"}
            else:
                noun = set(terms_of(to_english(role.group(1)) or role.group(1)))
            # "Who was running Mexico ...?" asks for its president.
            if noun & _LEADING and _RUNS_COUNTRY.match(query[role.end(1) :]):
                noun = {"president"}
            noun |= {w for t in noun for w in _ROLE_WORDS.get(t, ())}
            # "Which SRE official": any person named will do ("the Ministry's Fabián Medina").
            generic = noun <= _GENERIC_ROLES
            # A president is also named by the time of his rule: "587 under Felipe Calderón",
            # "Vicente Fox (2000-2006)".
            ruler = "president" in noun
            return any(
                (generic or noun & c.terms or (ruler and _RULED_BY.search(c.candidate.text)))
                and new_name(FULL_NAME.findall(c.candidate.text))
                for c in chosen
            )
        # "Which outlet ..." is answered by the note itself, whatever names it.
        named_kind = _NAMED_KIND.search(query)
        if named_kind is not None and not about_sources:
            topic = group_question_topic(query)
            if topic is not None:
                # "Which cartel killed Kiki Camarena?" is not answered by the Zetas ordering a
                # massacre. Which groups the text names at all asks of nothing in particular:
                # the names are all over the brief.
                return not topic or any(names_group(c, topic, chosen[0]) for c in chosen)
            # A title is no place: "General Cienfuegos" names no city. A sentence of the lead's
            # paragraph that speaks of such places may name them: "Centered on at-risk
            # populations, these programs ..." and "... carried out in a number of cities ...,
            # including Tijuana".
            titles = term_set(TITLE_WORDS)
            noun = set(terms_of(named_kind.group(1)))
            further = " ".join(
                c.candidate.text
                for c in chosen[1:]
                if c.candidate.place == chosen[0].candidate.place and noun & c.terms
            )
            # An acronym is no place ("the state's efforts against DTOs"), nor is a titled
            # person ("General Jesús Gutiérrez Rebollo", "DEA agent Enrique Camarena").
            found = [
                n
                for n in CAPITALISED.findall(
                    one_country_name(TITLED_PERSON.sub(" ", f"{lead} {further}"))
                )
                if n[1:].islower()
            ]
            names = [n for n in found if not set(terms_of(n)) <= titles]
            if not _COUNTRY_KIND.fullmatch(named_kind.group(1)):
                # A state, city or region is not a country: "Mexico joins several states in
                # the United States" names no state.
                names = [n for n in names if not set(terms_of(n)) <= COUNTRY_TERMS]
            if ASKS_MEMBERS.search(query) and named_kind.group(1).lower().endswith("s"):
                # "Which countries make up the northern triangle?" asks for a list of names
                # ("Tijuana, Monterrey, and Ciudad Juárez"): a country named beside the whole
                # ("Mexico and the northern triangle of Central America") is no member of it.
                asked = own | set(terms_of(to_english(full)))
                return any(
                    not set(terms_of(listed.group(0))) <= asked
                    for listed in _NAME_LIST.finditer(f"{lead} {further}")
                )
            return new_name(names)
        # "Who leaked the information?" is answered by whoever the sentence says leaked it,
        # a name or not ("a Mexican federal police unit leaked the information").
        doer = _WHO_DID.match(query)
        if doer is not None:
            verb = set(terms_of(doer.group(1)))
            if verb and any(verb <= c.terms for c in chosen):
                return True
        undergone = _WHO_UNDERWENT.match(query)
        if undergone is not None and not about_sources:
            # "Who was convicted for the murder of Kiki Camarena?": someone named where the
            # evidence tells of that being done ("the arrest in 1997 of General Jesús
            # Gutiérrez Rebollo" for "Who was arrested in 1997?").
            done = terms_of(undergone.group(1) or undergone.group(2))
            return any(
                any(same_family(v, t) for v in done for t in c.terms)
                and new_name(FULL_NAME.findall(c.candidate.text))
                for c in chosen
            )
        if ASKS_TERM_YEARS.search(query) and not about_sources:
            # "What were the years of López Obrador's presidential term?": the brief gives
            # them at the name ("Enrique Peña Nieto (2012-2018)"), for some presidents only.
            text = " ".join(c.candidate.text for c in chosen)
            aside = term_set(TITLE_WORDS) | COUNTRY_TERMS
            people = [run for run in capitalised_runs(query) if not set(terms_of(run)) <= aside]
            return all(
                any(
                    re.search(rf"\b{re.escape(word)}\b[^()]{{0,25}}\((?:19|20)\d\d\s*[-–]", text)
                    for word in run.split()
                    if len(word) > 2
                )
                for run in people
            )
        if ASKS_FREQUENCY.search(query):
            # "How often must agents report?" is answered by how often: "every month"; "how
            # often is anyone punished?" by a share ("99 percent ... remaining unpunished").
            return any(
                FREQUENCY.search(c.candidate.text) or holds_kind("percent", c.candidate.text)
                for c in chosen
            )
        successor = ASKS_SUCCESSOR.search(query)
        if successor is not None and not about_sources:
            # "What framework replaced the Mérida Initiative?": a sentence that speaks of
            # something new or replacing must name it, by a program's, an agreement's or a
            # plan's name ("the new administration of Joe Biden" names no framework).
            # A name of that kind is specific enough for "What specific program ...?".
            return names_program_anew(
                full,
                " ".join(
                    c.candidate.text for c in chosen if SPEAKS_OF_SUCCESSOR.search(c.candidate.text)
                ),
            )
        if ASKS_SPECIFIC.search(query) and not about_sources:
            # "What specific economic measure did Trump use?" is not answered by "economic
            # pressure": a specific one has a name, a figure or a quoted phrase.
            text = " ".join(c.candidate.text for c in chosen)
            return (
                named_anew(full, text)
                or any(is_figure(w) for w in text.split())
                or bool(QUOTED_PHRASE.search(text))
            )
        named_thing = _NAMED_THING.search(query)
        things = (
            set(terms_of(named_thing.group(1) or named_thing.group(2))) if named_thing else set()
        )
        # "Which firms ...?" and "major U.S. pharmaceutical companies".
        things |= {w for t in things for w in brief_terms(t)}
        spoken = things & chosen[0].terms if chosen and not about_sources else set()
        if spoken:
            # "Which pharmaceutical companies ...?", "What is the name of the prevention
            # program ...?": when the lead speaks of such things, a name beside that noun
            # ("major U.S. pharmaceutical companies" names none).
            not_new = own | COUNTRY_TERMS | term_set(TITLE_WORDS)
            return any(
                names_beside(c.candidate.text, thing) - not_new for c in chosen for thing in spoken
            )
        if (doer is not None or _WHO_DID_ES.match(query) or _ASKS_NAME.search(query)) and (
            not about_sources
        ):
            # "Who replaced General Cienfuegos?", when no sentence says anyone did, and
            # "What was the name of the police unit?": the answer must at least name someone
            # or something the question does not.
            return named_anew(full, " ".join(c.candidate.text for c in chosen))
        if ASKS_EVENT_PLACE.search(query) and not about_sources:
            # "Where was Camarena kidnapped?" is not answered by a sentence naming no place
            # ("the 1985 kidnapping ... of DEA agent Enrique Camarena at the hands of ...").
            return any(
                not set(terms_of(place)) <= own | term_set(TITLE_WORDS)
                for c in chosen
                for place in PLACE_NAMED.findall(c.candidate.text)
            )
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
        # "Barr criticized the law. How did the FBI respond?": the question after the scene.
        asked = _ASKS_WORDS_OF.search(asked_sentence(query))
        if asked is None:
            return True
        who = asked.group("who") or asked.group("whose") or asked.group("quien")
        titles = term_set(TITLE_WORDS)
        named = set(terms_of(" ".join(CAPITALISED.findall(f"x {who}")))) - titles
        if not named or named & self._author_terms:
            return True
        topic = {t for t, w in q_terms.items() if w >= DATING_IDF} - named - titles
        # "How did the Mexican government respond to William Barr's criticism?": the one
        # reacting by name and by what they are ("government", not any "Mexican"), and
        # whoever they answer.
        after_name = re.split(r"\b[A-ZÁÉÍÓÚÑ][\w.'’-]*", who)[-1]
        heads = set(terms_of(after_name)) & q_terms.keys()
        answered = REACTED_TO.search(asked_sentence(query))
        whom = (
            set(terms_of(" ".join(CAPITALISED.findall(f"x {answered.group(1)}"))))
            - titles
            - COUNTRY_TERMS
            if answered is not None
            else set()
        )
        return any(
            named & c.terms
            and heads <= c.terms
            and whom <= c.terms
            # ... about the question's topic, which the sentence may leave to its paragraph
            # ("AMLO celebrated the controversial decision ...", after the one naming it).
            and (not topic or topic & (c.terms | self._paragraph_terms(c.candidate)))
            and _REPORTED_SPEECH.search(c.candidate.text)
            for c in chosen
        )

    def _paragraph_terms(self, c: Candidate) -> frozenset[str]:
        """The terms of the paragraph a candidate stands in, worked out once per paragraph."""
        if c.kind == "endnote":
            return frozenset()
        terms = self._place_terms.get(c.place)
        if terms is None:
            doc = self._docs.get(c.doc_id)
            try:
                text = doc.paragraph(c.section_id, c.paragraph).text if doc else ""
            except KeyError:
                text = ""
            terms = self._place_terms[c.place] = frozenset(terms_of(text))
        return terms

    def _attribute_missing(self, query: str, language: str, chosen: list[_Scored]) -> bool:
        """Whether the attribute an English question asks the value of ("What is the capital
        city of Coahuila?", "How long a prison sentence did ... receive?") is named by words
        the corpus never uses: then no sentence of it can give that value. Someone's own
        attribute ("Fabián Medina's job title") must be named in the evidence, unless it is
        a word any value answers for ("Mexico's homicide rate": "8 murders per 100,000").
        ("What was Barr's reaction ...?" asks for his words, however the brief reports them.)
        """
        held_es = ROLE_HELD_ES.search(query) if language == "es" else None
        if held_es is not None:
            # "¿Qué cargo ocupaba Fabián Medina?": a title at his name, as below.
            owner = held_es.group("owner")
            return not any(self._titled(f"{owner}'s", c.candidate.text) for c in chosen)
        if language == "es" or _ASKS_WORDS_OF.search(query):
            return False
        # "The law limits foreign agents. What penalties do they face?": the question after
        # the scene says what is asked.
        attribute = asked_attribute(query) or asked_attribute(asked_sentence(query))
        terms = terms_of(attribute)
        held = ROLE_HELD.search(query)
        if held is not None:
            # "What position did Fabián Medina hold?": a title at his name, as below; the
            # author's are in her biography, and "the general" names no one to look for.
            owner = held.group("owner")
            named = set(terms_of(" ".join(CAPITALISED.findall(f"x {owner}"))))
            if not named or named & self._author_terms:
                return False
            return not any(self._titled(f"{owner}'s", c.candidate.text) for c in chosen)
        # "What subject does she teach?": a word any value answers for need not be the brief's;
        # nor a reader's word for one of the brief's ("scheme": "initiative").
        if any(
            t not in self._vocabulary
            and t not in term_set(_VALUE_WORDS)
            and t not in THESAURUS
            and not self._family_of(t)
            for t in terms
        ):
            return True
        if not attribute or not re.search(rf"(?:'s|’s)\s+{re.escape(attribute)}\b", query):
            return False
        if _BRIEFS_OWN.search(query[: query.find(attribute)]):
            # "What's the author's take on ...?": the brief is all her view; no sentence need
            # say "take". Nor need one call the brief's parts by the asker's name ("What are
            # the brief's five key policy recommendations?").
            return False
        if terms and terms[-1] in term_set(_ROLE_ATTRIBUTES):
            # "What is William Barr's job title?" is answered by a title at his name
            # ("Attorney General William Barr"); Fabián Medina has none in the brief.
            owner = query[: query.find(attribute)]
            return not any(self._titled(owner, c.candidate.text) for c in chosen)
        named = {t for c in chosen for t in c.terms}
        # ... or by the brief's word for it ("people's safety": "security").
        return any(
            t not in named and not set(brief_terms(t)) & named
            for t in terms
            if t not in term_set(_VALUE_WORDS)
        )

    def _surname_known(self, word: str) -> bool:
        """Whether `word` (possessive or not: "Barr's") is a surname the corpus gives after a
        first name."""
        return re.sub(r"(?:'s|’s)$", "", word) in self._surnames

    def _speaker_unknown(self, query: str) -> bool:
        """Whether an English question asks what someone said or thought ("What did the U.S.
        ambassador say about the law?") of someone named by a word the corpus never uses:
        the brief reports no words of theirs."""
        asked = _ASKS_WORDS_OF.search(query)
        if asked is None:
            return False
        speaker = asked.group("who") or asked.group("whose") or ""
        # "Bill Barr" is the brief's William Barr: a known surname names someone it quotes.
        if any(
            self._surname_known(w) for w in re.findall(r"\b[A-Z][a-z]+\s+([A-Z][\w'’]+)", speaker)
        ):
            return False
        return any(not self._known_family(t) and t not in THESAURUS for t in terms_of(speaker))

    def _attribution_missing(self, query: str, chosen: list[_Scored]) -> bool:
        """Whether the question credits its answer to someone ("According to Amnesty
        International, how many journalists ...?") whom neither the evidence nor its notes
        name: the brief credits that figure to someone else, or no one."""
        credited = ATTRIBUTED_TO.search(query)
        # A Spanish name need not be the corpus's ("el Comité para la Protección de los
        # Periodistas"): the question's other signals judge it.
        if credited is None or detect_language(query) == "es":
            return False
        name = credited.group(1)
        named = set(terms_of(name))
        if named & (self._author_terms | term_set(_ABOUT_THE_BRIEF)):
            return False
        # A source document goes by its title and outlet ("the Border Ledger article").
        if any(named <= self._identity_terms.get(c.candidate.doc_id, frozenset()) for c in chosen):
            return False
        forms = [
            name,
            self.retriever.acronyms.name_forms(name),
            self.retriever.acronyms.other_forms(name),
        ]
        texts = []
        for c in chosen:
            texts.append(c.candidate.text)
            doc = self._docs[c.candidate.doc_id]
            for number in doc.anchored_endnotes(c.candidate.section_id, c.candidate.paragraph):
                texts.append(doc.endnote(number).text)
        joined = " ".join(" ".join(texts).split())
        if name in initialisms(joined):
            # "per the CPJ": "According to the Committee to Protect Journalists".
            return False
        evidence = fold(joined)
        return not any(form.strip() and fold(form.strip()) in evidence for form in forms)

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
        name = CAPITALISED.findall(re.sub(r"(?:'s|’s)\s*$", "", owner.strip()))
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
        query = SEAT_OF_GOVERNMENT.sub(" ", query)
        names = capitalised_runs(query)
        # A keyword question may open with the name: "Tlatlaya massacre death toll?" (a name
        # is not inflected: "Bowing to pressure, ..." does not name Brian Bow).
        opening = _OPENING_NAME.match(query)
        word = opening.group(1) if opening is not None else ""
        if word and terms_of(word) == [word.lower()] and word.lower() in self._cited_only:
            names.insert(0, word)
        for name in names:
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
        # "United States" is one name, which the index knows as one term. An acronym in
        # brackets is a name too, though it follows an opening mark: "(CARSI)".
        # "the frontier with Guatemala" ("la frontera con Guatemala") is the brief's "southern
        # border".
        query = _HOLIDAY_DATE.sub(" ", in_brief_phrasing(query))
        runs = capitalised_runs(one_country_name(SEAT_OF_GOVERNMENT.sub(" ", query)))
        runs += _BRACKETED_ACRONYM.findall(query)
        for run in runs:
            words = run.split()
            missing = [
                w
                for w in words
                if not (source and _FORM_WORDS.search(w)) and not self._known_word(w, language)
            ]
            # "Bill Barr" is the brief's William Barr: a first name the brief does not use,
            # before a surname it does, names no one new.
            if len(words) == 2 and missing == words[:1] and self._surname_known(words[1]):
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


def spelled(speller: Speller, query: str, language: str | None = None) -> str:
    """`query` with misspelled words corrected (an English or undetermined one only: the
    corpus is English, so a Spanish word is not a misspelling of one of its words)."""
    if (language or detect_language(query)) == "es":
        return query
    return speller.correct(query)


def speller_for(documents: list[Document]) -> Speller:
    """The speller over `documents`, which knows other forms of their words by their stems."""
    return for_documents(documents, stem=lambda word: " ".join(terms_of(word)))


def _share(part: dict[str, float], terms: set[str] | frozenset[str]) -> float:
    """The idf-weighted share of a question part's terms found in `terms`."""
    total = sum(part.values())
    return sum(w for t, w in part.items() if t in terms) / total if total else 1.0


def _part_anchor(
    part: dict[str, float], scored: list[_Scored], floor: float, budget: int, best: _Scored
) -> _Scored | None:
    """The best sentence for one part of a question that fits the budget left: most of the
    part's terms, a fair score (a little less for one of the best sentence's paragraph,
    which goes on about the same thing: "... both governments acknowledged ... a 'shared
    responsibility.' The U.S. government pledged to ...")."""
    fits = [
        s
        for s in scored
        if s.candidate.kind == "sentence"
        and s.score >= floor - (PART_MARGIN if s.candidate.place == best.candidate.place else 0.0)
        and count_tokens(s.candidate.text) <= budget
        and _share(part, s.terms) >= PART_COVERED
    ]
    return max(fits, key=lambda s: s.score + _share(part, s.terms), default=None)


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
    match = HOW_MANY.search(query)
    if match is None:
        return False
    # What befell the thing counted ("died", "were killed") is part of the count itself.
    after = [w.strip(".,?!") for w in query[match.start(1) :].split()[:COUNT_VERB_REACH]]
    doing = {t for w in after if DOING_VERB.match(w) for t in terms_of(w)}
    verbs = {t for w in after if COUNT_VERB.match(w) for t in terms_of(w)} - doing
    # Only the part of the question that asks how many: "In what year was it reformulated,
    # and into how many pillars ...?" counts pillars; "reformulated" is the other part's.
    parts = question_parts(query)
    asking = next((p for p in parts if HOW_MANY.search(p)), query) if len(parts) > 1 else ""
    part_terms = set(terms_of(asking))
    telling = {
        t
        for t, w in q_terms.items()
        if w >= DATING_IDF
        and (not asking or t in part_terms)
        and not YEAR.fullmatch(t)
        and t not in doing
        # "that year", "in those months": the period counted over is the period check's.
        and t not in _PERIOD_TERMS
        and t != noun
        and not any(same_family(t, v) for v in verbs)
    }
    generic = not noun or noun in term_set(GENERIC_COUNTED)
    counting = [
        c
        for c in chosen
        if (holds_count(c.candidate.text) if generic else not count_missing(noun, c.candidate.text))
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
