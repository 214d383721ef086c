"""What a passage of the corpus holds, measured against what a question asks.

The answerer's checks of its evidence: whether a sentence holds the kind of answer asked for
(`holds_kind`), a figure for what a "how many" question counts (`count_missing`), a value of
the measure asked about, a figure given exactly rather than vaguely, a name the question does
not already give, the countries a comparison needs; and how sentences hang together
(`leans_on`: "Such threats include ..." continues the sentence before it). Each works on text
alone, so each can be read and tested apart from retrieval.

Example: `holds_kind("money", "a $1.6 billion package") -> True`.
"""

from __future__ import annotations

import re

from qa.bm25 import one_country_name
from qa.glossary import to_english
from qa.lang import detect_language, fold
from qa.question import (
    COUNTRY_TERMS,
    GENRES,
    HOW_MANY,
    YEAR,
    YEAR_SPAN,
    answer_kind,
    asked_sentence,
    asked_years,
    asks_figure,
    point_years,
    question_names,
    term_set,
    terms_of,
)

# A sentence that starts like this leans on the one before it ("Such threats include ...").
_CONTINUATION = re.compile(
    r"^(?:Such|These|This|Those|That|It|They|Its|Their|However|In practice|Instead|"
    r"As a result|Furthermore|Moreover|In addition|Despite|Even|Yet|Still|Following|"
    r"Similarly|Most significantly|Taken together|Of all|In particular|Specifically|"
    r"In other words|As such|Thus|Therefore|Consequently|Hence|For instance|For example)\b"
)

# "The law, which ..." after "... passed a new security law ...": the same thing again.
_DEFINITE_START = re.compile(r"^The ([a-z][\w-]+)\b")

# "The surge in these criminal activities ...", "Centered on at-risk populations, these
# programs ...": a plural demonstrative early in the sentence points back at the one before.
_EARLY_DEMONSTRATIVE = re.compile(r"^(?:[\w'’-]+,?\s+){1,4}(?:these|those|such)\s+[a-z]", re.I)

# A quantity in digits or in words ("587", "three in four", "half", "two-thirds").
QUANTITY = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|"
    r"half|halves|thirds?|quarters?|dozens?|percent|majority)\b",
    re.IGNORECASE,
)

MONTHS = (
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)

# "Exactly how many ...", "¿Qué porcentaje exacto ...?": a figure asked for to the unit.
_ASKS_EXACT = re.compile(
    r"\b(?:exact(?:ly|[oa]s?|amente)?|precise(?:ly)?|precis[oa]s?|actual|pin\s+down)\b", re.I
)

# Figures that only say how large something was ("dozens of people"), not how many.
_VAGUE_FIGURE = re.compile(
    r"^(?:dozens|hundreds|thousands|millions|billions|scores|majority)\W*$", re.IGNORECASE
)

# An age given: "45 years old", "aged 45", "at the age of 45", "a 45-year-old".
_AGE = re.compile(
    r"\b\d{1,3}[- ]years?[- ]old\b|\baged \d{1,3}\b|\bat (?:the )?age (?:of )?\d{1,3}\b", re.I
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

# Where a figure is said to hold: "in Mexico", "in the United States", "Mexico's" (after
# `one_country_name`, which writes every name of the United States "USA").
_COUNTRIES = (
    r"Mexico|USA|Canada|Guatemala|Honduras|El Salvador|Nicaragua|Costa Rica|Panama|Belize|"
    r"Colombia|Venezuela|Ecuador|Peru|Bolivia|Brazil|Argentina|Chile|Cuba|Haiti|Spain|China"
)

_COUNTRY = re.compile(rf"\b(?:{_COUNTRIES})\b", re.I)

_MEXICANS = re.compile(r"\bMexicans?\b", re.I)

_COUNTRY_OF_FIGURE = re.compile(
    rf"\b(?:in|within|inside|across)\s+(?:the\s+)?({_COUNTRIES})\b|\b({_COUNTRIES})(?:'s|’s)\s",
    re.I,
)

# Titles of office. Before a name they say nothing of who it is ("President Biden" is Biden);
# at a name they answer for someone's job ("Attorney General William Barr").
TITLE_NAMES = (
    "President", "General", "Minister", "Secretary", "Attorney", "Ambassador", "Director",
    "Governor", "Senator", "Judge", "Chief", "Commander", "Deputy", "Professor", "Czar",
    "Administrator", "Commissioner",
)  # fmt: skip

TITLE_WORDS = " ".join((*TITLE_NAMES, "Foreign", "Former", "Presidente", "Canciller"))

# Forms of one word share a stem of at least this many letters, and differ by at most this
# many at the end of the shorter ("extradit" and "extradition").
FAMILY_STEM = 6

FAMILY_ENDING = 3

# A question setting two things side by side: "compare", "versus", "higher than", "higher,
# A or B". Narrower than `_COMPARATIVE`, which also takes a change ("rose ... than") in a
# question that may compare anything: this one decides whether countries are compared.
_COMPARES = re.compile(
    r"\bcompar\w*|\bversus\b|\bvs\b|\b(?:higher|lower|more|less|fewer|greater|larger)\s+than\b|"
    r"\b(?:higher|lower|larger|greater)\b.*\bor\b",
    re.I,
)

# A citation opens with its author, surname first: "Thompson, Ginger. ...".
_CITED_AUTHOR = re.compile(r"(?:^|(?<=\. ))[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*, [A-Z][\w'’-]+")

_COUNT_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

# "five policy recommendations": a count of things, which a list may then give.
_COUNTED = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:[\w-]+\s+){0,2}"
    r"(?!(?:does|has|was|is|as|us|its|this|thus|his)\b)[\w-]+s\b",
    re.I,
)

# Two or more capitalised words in a row, not at the start of the sentence: a name.
FULL_NAME = re.compile(r"(?<=\S )[A-ZÁÉÍÓÚÑ][\w'’-]+(?: (?:de |del |la )?[A-ZÁÉÍÓÚÑ][\w'’-]+)+")

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
GENERIC_COUNTED = (
    "people persons individuals times citizens civilians residents inhabitants Mexicans Americans "
    "dead casualties"
)

# A figure written into its noun: "the 2000-mile wall".
_JOINED_FIGURE = re.compile(r"\d[\d,.]*-[a-z]", re.I)

# How far (in tokens) a figure may stand before the noun it counts ("133 journalists").
COUNT_WINDOW = 4

_QUOTED_TITLE = re.compile(r'["“](.+?)[,.]?["”]')


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
    aside = term_set(TITLE_WORDS) | COUNTRY_TERMS
    return any(
        (terms := set(terms_of(name)) - aside) and not terms & own
        for name in FULL_NAME.findall(text)
    )


def numbered_items(text: str) -> int:
    """How many items `text` numbers inline, "1) ... 2) ..." in order (0 for none or one).

    >>> numbered_items('The pillars were: "1) Combating crime; 2) the rule of law; 3) a border')
    3
    """
    found = [int(n) for n in re.findall(r"(?<![\w.])(\d{1,2})\)", text)]
    return len(found) if len(found) >= 2 and found == list(range(1, len(found) + 1)) else 0


def count_named(text: str, anywhere: bool = False) -> int:
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


def leans_on(text: str, previous: str) -> bool:
    """Whether sentence `text` leans on the `previous` one: a connective or a repeated noun.

    >>> leans_on("The law removes immunity.", "Congress passed a new law.")
    True
    >>> leans_on("The army was deployed.", "Congress passed a new law.")
    False
    >>> leans_on("The surge in these crimes showed their reach.", "Crimes escalated.")
    True
    >>> leans_on("For instance, in 2019 Mexico extradited 58 people.", "It kept extraditing.")
    True
    >>> leans_on("While the first goal required X, the second demanded Y.", "It had two goals.")
    True
    """
    if _CONTINUATION.match(text) or _EARLY_DEMONSTRATIVE.match(text):
        return True
    # "While the first goal required ..., the second ..." after "... two goals: ...".
    ordinal = _ORDINAL_BACK.match(text)
    if ordinal is not None and set(terms_of(ordinal.group(1))) & set(terms_of(previous)):
        return True
    definite = _DEFINITE_START.match(text)
    return definite is not None and bool(set(terms_of(definite.group(1))) & set(terms_of(previous)))


_DEFINITE_NOUN = re.compile(r"\bthe ([a-z][\w-]+)\b")
# "While the first goal ...", "The second pillar ...": one of the things the sentence before
# numbered, taken up by its place.
_ORDINAL_BACK = re.compile(
    r"^(?:[\w'’-]+,?\s+){0,2}the\s+(?:first|second|third|fourth|former|latter)\s+([a-z][\w-]+)",
    re.I,
)


def takes_up(text: str, asked: set[str] | frozenset[str]) -> bool:
    """Whether sentence `text` opens with "The" and a noun the question asks about.

    "The massacre was orchestrated by ..." goes on with the event a question about "the
    massacre in Allende" asks after, though the sentence before called it "murdered".

    >>> takes_up("The massacre was orchestrated by the Zetas.", {"massacr", "allend"})
    True
    >>> takes_up("The army was deployed.", {"massacr"})
    False
    """
    definite = _DEFINITE_START.match(text)
    return definite is not None and bool(set(terms_of(definite.group(1))) & asked)


def repeats_definite(text: str, previous: str) -> bool:
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
        return bool(QUANTITY.search(text))
    if kind == "date":
        return bool(YEAR.search(text) or re.search(MONTHS, text))
    if kind == "person":
        return bool(FULL_NAME.search(text) or text.startswith("By ") or _CITED_AUTHOR.search(text))
    return True


def figure_elsewhere(query: str, language: str, evidence: list[str]) -> bool:
    """Whether a figure asked for one country is given, by the first sentence of `evidence`
    with a figure, for another only.

    >>> figure_elsewhere("How many died of overdoses in Mexico?", "en",
    ...                  ["Overdose accounted for 70 percent of deaths in the United States."])
    True
    >>> figure_elsewhere("How many died in Mexico?", "en", ["In Mexico, 150,000 people died."])
    False
    >>> figure_elsewhere("What share of Mexicans use opioids?", "en",
    ...                  ["Overdose accounted for 70 percent of deaths in the United States."])
    True
    >>> figure_elsewhere("It says 70 percent in the United States. What share in Mexico?", "en",
    ...                  ["Overdose accounted for 70 percent of deaths in the United States."])
    True
    """
    if not asks_figure(query):
        return False
    # "The chapter gives 70 percent for the United States. What share for Mexico?": the
    # statement before the question sets the scene; the question says which country.
    query = asked_sentence(query)
    text = to_english(query) if language == "es" else query
    asked = countries_of_figures(text)
    # "What share of Mexicans feel unsafe?", "¿Qué porcentaje de mexicanos ...?": a figure
    # asked of a country's people is one for that country.
    if _MEXICANS.search(text):
        asked.add("mexico")
    if len(asked) != 1:
        return False
    figure = next((s for s in evidence if any(map(is_figure, s.split()))), "")
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
            or bool(YEAR_SPAN.search(text))
            or holds_kind("number", YEAR.sub(" ", text))
        )
    return holds_kind(kind, text)


def holds_count(text: str) -> bool:
    """Whether `text` gives a count: a figure that is neither a year nor a share."""
    tokens = YEAR_SPAN.sub(" ", text).split()
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
    return is_figure(word) and not share


# How far (in characters) before a span of years the name it belongs to may stand.
SPAN_NAME_REACH = 40
# Years from one to another: "(2005 to 2008)", "2012-2018", "between 2011 and 2015".
_YEARS_SPANNED = re.compile(
    r"\b(?:19|20)\d\d\s*(?:[-–]|to|until|through)\s*(?:19|20)\d\d\b|"
    r"\bbetween\s+(?:19|20)\d\d\s+and\s+(?:19|20)\d\d\b"
)


def years_spanned(names: set[str], text: str) -> bool:
    """Whether `text` gives the span of years of something named by `names` (terms), right
    after its name: "How many years did the Security and Prosperity Partnership run?" and
    "The Security and Prosperity Partnership (2005 to 2008)", not Obama's "(2008-2016)".

    >>> years_spanned({"partnership"}, "The Security and Prosperity Partnership (2005 to 2008)")
    True
    >>> years_spanned({"cienfuego"}, "the presidency of Barack Obama (2008-2016)")
    False
    """
    return any(
        names & set(terms_of(text[max(0, m.start() - SPAN_NAME_REACH) : m.start()]))
        for m in _YEARS_SPANNED.finditer(text)
    )


# Counted nouns and the forms no ending rule reaches: "150,000 people have died" counts deaths.
_OTHER_FORMS = {"death": frozenset({"died", "dead", "dying", "die"})}


def count_missing(noun: str, text: str) -> bool:
    """Whether `text` gives no figure for the counted `noun` ("133 journalists").

    A figure must stand at most COUNT_WINDOW tokens before the noun. Nouns any figure counts
    ("people") are never missing here; `type_mismatch` covers a text with no figure at all.

    >>> count_missing("journalist", "at least 133 journalists have been murdered")
    False
    >>> count_missing("page", "Over the last fifteen years, cooperation has evolved.")
    True
    >>> count_missing("death", "since 2006, 150,000 people have died")
    False
    """
    if not noun or noun in term_set(GENERIC_COUNTED):
        return False
    tokens = text.split()
    forms = _OTHER_FORMS.get(noun, frozenset())
    for i, token in enumerate(tokens):
        # "211 individuals extradited" counts extraditions: a word of the noun's family will do.
        if not any(same_family(noun, t) or t in forms for t in terms_of(token)):
            continue
        # "the 2000-mile wall": the figure is joined to the noun.
        if _JOINED_FIGURE.match(token) or any(
            _counts_at(tokens, j) for j in range(max(0, i - COUNT_WINDOW), i)
        ):
            return False
    return True


# What was really done, asked against what was promised: "How many miles did Trump actually
# build?", "... in the end?".
_ASKS_REALIZED = re.compile(
    r"\b(?:actually|in\s+the\s+end|end(?:ed)?\s+up|by\s+the\s+end\s+of|completed|finished)\b",
    re.I,
)
# Words that make a figure a promise or a plan, not something done.
_PROMISED = re.compile(
    r"\b(?:promised|pledged|vowed|planned|proposed|intended|aimed|goal|target)\b", re.I
)
# How many words from a figure such a word may stand.
PROMISE_REACH = 6
# Words that make a figure something done.
_DONE = re.compile(r"\b(?:finished|completed|built|constructed|done|got)\b", re.I)


def _numbers(text: str) -> set[str]:
    """The numbers written in `text`, without their thousands separators ("2,000": "2000")."""
    return {n.replace(",", "") for n in re.findall(r"\d[\d,]*\d|\d", text)}


def promised_figure_only(query: str, lead: str) -> bool:
    """Whether a figure asked for as done is given, by the sentence leading the answer, only
    as promised ("How many miles of wall did Trump actually build?" and "far from the
    2000-mile length wall he promised").

    >>> promised_figure_only("How many miles did he actually build?",
    ...                      "it is far from the 2000-mile length wall he promised")
    True
    >>> promised_figure_only(
    ...     "He promised 2,000 miles of wall. How many miles had actually been built?",
    ...     "it is far from the 2000-mile length wall he promised")
    True
    >>> promised_figure_only("How many miles did he promise?",
    ...                      "it is far from the 2000-mile length wall he promised")
    False
    """
    if not _ASKS_REALIZED.search(query) or not asks_figure(query):
        return False
    words = lead.split()
    # A figure the question gives itself is its premise ("Since Trump finished the 2000-mile
    # wall he promised, ...?"), which the brief may correct; not one it calls only a promise
    # ("Trump promised 2,000 miles. How many were built?").
    asked = query.split()
    given = set()
    for i, w in enumerate(asked):
        near = " ".join(asked[max(0, i - PROMISE_REACH) : i + PROMISE_REACH + 1])
        if _DONE.search(near) or not _PROMISED.search(near):
            given |= _numbers(w)
    figures = [
        i
        for i, w in enumerate(words)
        if (is_figure(w) or _JOINED_FIGURE.match(w)) and not _numbers(w) & given
    ]
    return bool(figures) and all(
        _PROMISED.search(" ".join(words[max(0, i - PROMISE_REACH) : i + PROMISE_REACH + 1]))
        for i in figures
    )


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
    return not any(is_figure(w) and not _VAGUE_FIGURE.match(w) for w in lead.split())


# "On what exact date ...", "What day ...": a day of a month asked for.
_ASKS_DAY = re.compile(
    r"\b(?:exact|precise|specific|actual)\s+(?:date|day)\b|\b(?:what|which)\s+day\b(?!\s+of\s+the\s+week|-)"
    r"|\bqu[ée]\s+d[íi]a\b|\bfecha\s+(?:exacta|precisa)\b",
    re.I,
)
# "On what date ...", "¿En qué fecha ...?": at least a month asked for (not "what date range").
_ASKS_DATE = re.compile(r"\b(?:what|which)\s+date\b(?!\s+range)|\bqu[ée]\s+fecha\b", re.I)
_DAY_OF_MONTH = re.compile(rf"{MONTHS}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+(?:de\s+)?{MONTHS}")


def asks_date(query: str) -> bool:
    """Whether a question asks for a date to a month or a day ("On what date ...?")."""
    return bool(_ASKS_DAY.search(query) or _ASKS_DATE.search(query))


def date_missing(query: str, text: str) -> bool:
    """Whether a date asked for is given only to a coarser grain than asked: a year for "on
    what date" (a month will do), a month for "on what exact date" (a day is asked for).

    >>> date_missing("On what exact date was he kidnapped?", "the 1985 kidnapping")
    True
    >>> date_missing("On what date did Congress pass it?", "On December 15, 2020, Congress passed")
    False
    >>> date_missing("On what date was it set to begin?", "set to begin in October of 2007")
    False
    >>> date_missing("When was he kidnapped?", "the 1985 kidnapping")
    False
    """
    if _ASKS_DAY.search(query):
        return not _DAY_OF_MONTH.search(text)
    if _ASKS_DATE.search(query):
        return not re.search(MONTHS, text)
    return False


# "How many of them ...": part of a group, which a share answers.
_PARTITIVE = re.compile(r"\bhow\s+many\s+of\b|\bcu[áa]nt[oa]s\s+de\s+(?:ell|l[oa]s)\b", re.I)
# A toll, or a count asked for as such.
_ABSOLUTE_COUNT = re.compile(
    r"\b(?:died|dead|deaths?|killed|murdered|lives|actual\s+number|raw\s+number|"
    r"absolute|not\s+(?:a|the|as\s+a)\s+(?:percent|percentage|share))\b",
    re.I,
)


_MONTH_TERMS = term_set(
    "january february march april may june july august september october november december"
)
# Not a place a figure is asked for: a country (the brief's figures are national), the United
# States in Spanish ("EU", "EE.UU.", "Estados Unidos"), a month or a language.
_NO_PLACE = (
    COUNTRY_TERMS
    | _MONTH_TERMS
    | term_set("spanish english")
    | term_set("eu ee uu eeuu estados unidos")
)
# A place a figure is asked for: "the homicide rate in Ciudad Juárez".
_IN_PLACE = re.compile(
    r"\b(?:in|at|for|en)\s+((?-i:[A-ZÁÉÍÓÚ])[\w'’-]+(?:\s+(?-i:[A-ZÁÉÍÓÚ])[\w'’-]+)*)", re.I
)


def place_figure_missing(query: str, evidence: list[str]) -> bool:
    """Whether a figure asked for a place ("What was the homicide rate in Ciudad Juárez?") is
    given by no sentence of `evidence` that names the place (the country's rate is not the
    city's).

    >>> place_figure_missing("What was the homicide rate in Ciudad Juárez?",
    ...                      ["The country's homicide rate went from 8 to 24 in 2011."])
    True
    >>> place_figure_missing("How many died in Allende?", ["Dozens were murdered in Allende."])
    False
    >>> place_figure_missing("What was the homicide rate in Mexico?", ["It went from 8 to 24."])
    False
    """
    if not asks_figure(query):
        return False
    asked = asked_sentence(query)
    places = [
        place
        for m in _IN_PLACE.finditer(asked)
        if (place := set(terms_of(one_country_name(m.group(1))))) and not place <= _NO_PLACE
    ]
    figured = [set(terms_of(t)) for t in evidence if any(is_figure(w) for w in t.split())]
    return any(not any(place <= terms for terms in figured) for place in places)


def share_for_count(query: str, lead: str) -> bool:
    """Whether a count asked for ("How many Americans died of overdoses?") is given, by the
    sentence leading the answer, only as a share ("70 percent of drug-related deaths").

    >>> share_for_count("How many died of overdoses?", "Overdose accounted for 70 percent.")
    True
    >>> share_for_count("How many were extradited?", "Mexico extradited 58 people in 2019.")
    False
    """
    # "How many Guard members lacked training?" is answered by "80 percent lacked training":
    # a share answers for a group; not for a toll, nor when the count is asked for outright.
    if (
        answer_kind(query) != "number"
        or not HOW_MANY.search(query)
        or _PARTITIVE.search(query)
        or not _ABSOLUTE_COUNT.search(query)
    ):
        return False
    words = lead.split()
    figures = [i for i, w in enumerate(words) if is_figure(w)]
    return bool(figures) and all(
        _PERCENT.search(" ".join(words[i : i + 3]).lower().replace("-", " ")) for i in figures
    )


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
        if any(is_figure(w) for w in tokens[max(0, i - MEASURE_WINDOW) : i + MEASURE_WINDOW + 1]):
            return False
    return True


_FIGURE_YEAR = re.compile(
    r"\b(?:in|for|during|of|en|para|durante|de)\s+(?:the\s+year\s+|el\s+año\s+)?(\d{4})\b", re.I
)


def year_figure_missing(query: str, evidence: list[str]) -> bool:
    """Whether a figure asked for a year is missing from every sentence of `evidence` that
    names the year ("What was the homicide rate in 2017?" and "... they surged again in the
    years 2016 and 2017": the rates given are for 2007 and 2011). A year the evidence never
    names is another check's business.

    >>> asked = "What was Mexico's homicide rate in 2017?"
    >>> year_figure_missing(asked, ["8 in 2007 to 24 in 2011.", "They surged again in 2017."])
    True
    >>> year_figure_missing("How many were extradited in 2019?", ["In 2019, it extradited 58."])
    False
    """
    if not asks_figure(query):
        return False
    # The year a figure is for ("in 2017", "en 2017"), not one that frames it ("after 2011").
    figure_years = asked_years(query) & {int(y) for y in _FIGURE_YEAR.findall(query)}
    for year in figure_years:
        dated = [text for text in evidence if year in point_years(text)]
        if dated and not any(is_figure(w) for text in dated for w in text.split()):
            return True
    return False


def is_figure(word: str) -> bool:
    """Whether a word of text is a figure other than a year or a span of years ("211",
    "dozens", not "2011," nor "2012-2017,")."""
    word = word.strip(",.;:()")
    return (
        bool(QUANTITY.search(word))
        and not YEAR.fullmatch(word)
        and not re.fullmatch(r"(?:19|20)\d\d[-–](?:19|20)?\d\d", word)
    )


def untitled_note(note: str) -> bool:
    """Whether a citation gives only who and when, no title ("International Crisis Group,
    2020.").

    >>> untitled_note("International Crisis Group, 2020."), untitled_note('Hope, A. "X," 2020.')
    (True, False)
    """
    return re.fullmatch(r"[^,\"“”]+,\s*(?:19|20)\d\d\.?", note.strip()) is not None


def note_author(note: str) -> str:
    """The author part of a citation: what comes before its quoted title or first full stop.

    >>> note_author('Krauze, Leon. "The release of a powerful general," The Washington Post')
    'Krauze, Leon'
    """
    return re.split(r'["“*]|\.\s', note, maxsplit=1)[0].strip(" .,")


def note_genres(note: str) -> frozenset[str]:
    """The kinds of work a citation shows itself to be (a Spanish title counts as 'spanish').

    >>> sorted(note_genres('Hope, Alejandro. "El general viene de vuelta," El Universal, 2020'))
    ['spanish']
    """
    found = {name for name, (_, shows) in GENRES.items() if shows.search(note)}
    title = _QUOTED_TITLE.search(note)
    if title and detect_language(title.group(1)) == "es":
        found.add("spanish")
    return frozenset(found)


def year_month(date: str) -> tuple[int, int]:
    """(year, month) of a date such as 'January 2021' (month 12 when it is not given)."""
    year_match = YEAR.search(date)
    year = int(year_match.group(1)) if year_match else 0
    months = MONTHS.strip("\\b()?:").split("|")
    found = re.search(MONTHS, date)
    month = months.index(found.group(0)) + 1 if found else 12
    return year, month


# What evidence holds, for the checks of `qa.answer`.
# A place named after a word of place: "in the town of Allende", "at Loyola University".
PLACE_NAMED = re.compile(
    r"\b(?:in|at|near|outside|inside|from)\s+(?:the\s+(?:town|city|village|state|port|border\s+city)"
    # ... not a month: "In March 2007".
    r"\s+of\s+)?(?!(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b)((?-i:[A-Z])[\w'’.-]+(?:\s+(?-i:[A-Z])[\w'’.-]+)*)",
    re.I,
)

# What says how often: "every month", "annually".
FREQUENCY = re.compile(
    r"\b(?:daily|weekly|monthly|quarterly|yearly|annually|every|each\s+(?:day|week|month|year)|"
    r"times\s+(?:a|per)|(?:once|twice)\b|per\s+(?:day|week|month|year)|regularly|periodically)\b",
    re.I,
)

# A phrase in quotation marks.
QUOTED_PHRASE = re.compile(r"[\"“][^\"”]{3,}[\"”]")

# A person named after a title or a post: "General Jesús Gutiérrez Rebollo", "DEA agent
# Enrique "Kiki" Camarena".
TITLED_PERSON = re.compile(
    rf"\b(?:{'|'.join(TITLE_NAMES)}|agent|officer|minister|journalist)\s+"
    r"(?:[\"“”]?[A-ZÁÉÍÓÚÑ][\w'’.-]*[\"“”]?\s*)+"
)

# What speaks of something new or of replacing, where a successor would be named.
SPEAKS_OF_SUCCESSOR = re.compile(
    r"\b(?:new|replac\w*|succe(?:ed\w*|ssor\w*|ssion)|supersed\w*|instead|in\s+place\s+of)\b",
    re.I,
)

# What a program, an agreement or a plan is called: "the Mérida Initiative", "the Security and
# Prosperity Partnership", "Operation Intercept".
_PROGRAM_WORDS = (
    "Initiative Partnership Framework Agreement Plan Strategy Program Programme Accord Treaty "
    "Pact Alliance Dialogue Compact"
)
_PROGRAM_NAME = re.compile(
    r"\b(?:[A-ZÁÉÍÓÚ][\w'’-]+\s+(?:(?:and|for|of|de)\s+)?){1,5}"
    rf"(?:{'|'.join(_PROGRAM_WORDS.split())})\b"
    r"|\bOperation\s+[A-Z][\w'’-]+"
)
# ... and the words that say what kind of thing it is, not which one.
_PROGRAM_TERMS = term_set(f"{_PROGRAM_WORDS} operation".lower())


def names_program_anew(query: str, text: str) -> bool:
    """Whether `text` names a program, agreement or plan that the question does not.

    >>> names_program_anew("What replaced the Mérida Initiative?", "the Mérida Initiative ended")
    False
    >>> names_program_anew("What replaced it?", "a new Bicentennial Framework was signed")
    True
    >>> names_program_anew("What replaced it?", "the new administration of Joe Biden")
    False
    """
    own = question_names(query) | set(terms_of(query))
    return any(
        not set(terms_of(name)) - _PROGRAM_TERMS <= own
        for name in (m.group().strip() for m in _PROGRAM_NAME.finditer(text))
    )
