"""Everyday English words for things the brief names in its own words.

Readers ask in their own vocabulary: "What happened once they went after the cartel bosses?"
where the brief says "kingpin"; "troops on the frontier" where it says "military" and
"border". Dense retrieval bridges some of that, but the lexical evidence that picks sentences
does not, and a word the corpus never uses only lowers a question's coverage. This small list
maps such words to the brief's: it only ever speaks for words the corpus does not use (a test
checks that every key is foreign to the brief and every value is the brief's own), so a
question in the brief's words reads exactly as before.

Example: `brief_words("Who should chase the bosses?") -> "targeting kingpin leaders"`.
"""

from __future__ import annotations

import re

from qa.question import WRITER_NOUNS, terms_of

# The reader's word (every form a light stemmer does not bring together) -> the brief's words.
_EVERYDAY: dict[str, str] = {
    # people
    "boss bosses capo capos ringleader ringleaders druglord druglords": "kingpin leaders",
    "cops": "police",
    "ppl ppls folks": "people",
    "journo journos reporter reporters newsmen": "journalists",
    "feds": "federal",
    "troop troops": "military soldiers",
    "thug thugs": "gangs",
    "narco narcos": "drug traffickers",
    "refugee refugees": "asylum seekers",
    # places and institutions
    "frontier frontiers": "border",
    "gendarmerie": "national guard",
    # actions
    "chase chasing chased hunt hunting hunted": "targeting",
    "rethink rethinking rethought overhaul overhauled revamp revamped redesign redesigned": (
        "revise reorient"
    ),
    "migrate migrating emigrate emigrating": "migration migrants",
    "crackdown crackdowns": "repressive militarized",
    "die dying": "died deaths",
    "commit committing": "pledged",
    # things
    "weapon weapons firearm firearms": "guns arms",
    "bribe bribes bribery graft": "corruption",
    "painkiller painkillers": "opioid",
    "cash": "money",
    "agreement agreements": "agreed",
    "scheme schemes": "initiative",
    "arrangement arrangements pact pacts": "partnership initiative",
    "doctorate doctorates doctoral": "phd",
    "college colleges": "university",
    "teach teaches teaching taught lecturer lecturers": "professor",
    "firm firms corporation corporations manufacturer manufacturers drugmaker drugmakers": (
        "companies"
    ),
    "unsafe safety": "security insecurity",
    "dangerous": "violence lethal",
    "theft thefts burglary burglaries mugging muggings": "robberies",
    "slaying slayings": "murdered killing",
    "counternarcotics antinarcotics": "narcotics anti-drug",
    "heroin": "opioid opium",
    "addiction addictions addict addicts": "drug use consumption",
    "bulk": "most",
    "safehouse safehouses": "shelters",
    "accused accusation accusations": "allegations",
    "switch switching switched": "substitution",
    "rural countryside": "local communities farmers",
    "grade graded grading": "decertify trustable",
    "family families": "communities",
    "kid kids youngster youngsters teen teens teenager teenagers youth youths": (
        "at-risk populations"
    ),
    "scatter scattered scattering splinter splintered splintering": "fragmentation diffusion",
    "motive motives motivation motivations rationale": "driven",
    "spray sprays sprayed spraying herbicide herbicides defoliant defoliants": (
        "fumigation eradication"
    ),
}  # fmt: skip

# Phrases and forms the corpus never uses, though it uses their words: "went after" (the
# brief's "targeting"), the plural "cartels", where the brief speaks of DTOs (its "cartel"
# is always a named one, "the Zetas cartel"), and their leaders, its kingpins. The brief's
# words replace a phrase; they stand beside a noun, which keeps its own weight.
_EVERYDAY_PHRASES: tuple[tuple[re.Pattern[str], str, bool], ...] = (
    (re.compile(r"\b(?:go|goes|going|went|gone)\s+after\b", re.I), "targeting", False),
    (re.compile(r"\bcartels\b", re.I), "DTOs", True),
    # A reader's "the gangs", "drug gangs" are the cartels too (the brief has "gangs" once,
    # preying on migrants): its DTOs stand beside.
    (re.compile(r"\bgangs\b", re.I), "DTOs", True),
    # ... and "cartel violence", "cartel business": what the DTOs do, not one named cartel.
    (
        re.compile(
            r"\bcartel(?=\s+(?:violence|activity|activities|business|crimes?|members?|money|"
            r"killings?|wars?)\b)",
            re.I,
        ),
        "DTO",
        True,
    ),
    # "the trafficking groups", "drug groups": the brief's DTOs and TCOs.
    (re.compile(r"\b(?:trafficking|drug)\s+groups\b", re.I), "DTOs TCOs", True),
    # "taking out the top bosses": targeting them.
    (re.compile(r"\b(?:tak(?:e|es|ing|en)|took)\s+out\b", re.I), "targeting", False),
    (re.compile(r"\bsafe\s+houses?\b", re.I), "shelters", False),
    # "to keep kids out of trouble": what the brief calls prevention.
    (
        re.compile(
            r"\b(?:stay|stays|staying|keep|keeps|keeping|kept)\s+(?:\w+\s+){0,3}?out\s+of\s+trouble\b",
            re.I,
        ),
        "prevention",
        False,
    ),
    # "families who make their living growing poppies": the brief's "livelihoods".
    (
        re.compile(
            r"\b(?:make|makes|making|made|earn|earns|earning)\s+(?:a|their|his|her|its)\s+living\b",
            re.I,
        ),
        "livelihood",
        False,
    ),
    # "What did Washington pledge?": the brief's "The U.S. government pledged ...".
    (re.compile(r"\bWashington\b(?!\s+Post)(?!['’]s\s+Post)"), "U.S.", True),
    # "people here in the States": the U.S. (not "the states of Mexico").
    (re.compile(r"\b(?i:the)\s+States\b(?!\s+of\b)"), "U.S.", True),
    # "Who was running Mexico?": its president (the verb gives way; the country stays).
    (
        re.compile(
            r"\b(?:running|ran|run|runs|leading|led|leads|heading|headed|heads)(?=\s+(?:the\s+)?"
            r"(?:country|Mexico|Mexican\s+government|United\s+States|U\.S\.|White\s+House)\b)",
            re.I,
        ),
        "president",
        False,
    ),
    # Mexico's border with Guatemala is the brief's "southern border".
    (
        re.compile(
            r"\b(?:border|frontier)\s+(?:(?:it|mexico)\s+shares\s+)?with\s+Guatemala\b"
            r"|\bGuatemalan?\s+(?:border|frontier)\b"
            r"|\bfrontera\s+(?:sur\s+)?con\s+Guatemala\b",
            re.I,
        ),
        "southern border",
        False,
    ),
    # "the guys at the very top", "the top dogs": the brief's kingpins.
    (
        re.compile(
            r"\b(?:guys|people|men|ones|figures|folks)\s+(?:at|on)\s+(?:the\s+)?(?:very\s+)?top\b"
            r"|\btop\s+(?:guys|dogs|brass)\b",
            re.I,
        ),
        "kingpin leaders",
        False,
    ),
    # "the lady who wrote this": its author.
    (
        re.compile(
            rf"\b(?:{'|'.join(WRITER_NOUNS)})\s+(?:who|that)\s+(?:wrote|writes|authored|penned)\b",
            re.I,
        ),
        "author",
        False,
    ),
    # "In plain English, ...": how to answer, not what about.
    (re.compile(r"\bin\s+plain\s+English\b,?", re.I), "", False),
    # "cartel heads", "the leaders of the gangs": the brief's kingpins.
    (
        re.compile(
            r"\b(?:cartel|gang|drug)\s+(?:heads|chiefs|leaders|bosses|lords)\b"
            r"|\b(?:heads|chiefs|leaders)\s+of\s+(?:the\s+)?(?:cartels|gangs)\b",
            re.I,
        ),
        "kingpin",
        True,
    ),
)

# Keyed by the term as answers read it (`terms_of`: "chase" is "chas").
THESAURUS: dict[str, str] = {
    term: brief for words, brief in _EVERYDAY.items() for term in terms_of(words)
}


def brief_terms(term: str) -> list[str]:
    """The terms of the brief's words for a reader's `term` ([] when it is not on the list).

    >>> brief_terms("boss"), brief_terms("kingpin")
    (['kingpin', 'leader'], [])
    """
    words = THESAURUS.get(term)
    return terms_of(words) if words is not None else []


def in_brief_phrasing(text: str) -> str:
    """`text` with the everyday phrases the corpus never uses put in the brief's words.

    >>> in_brief_phrasing("What happened once they went after the cartels?")
    'What happened once they targeting the cartels DTOs?'
    """
    for phrase, brief, beside in _EVERYDAY_PHRASES:
        text = phrase.sub(rf"\g<0> {brief}" if beside else brief, text)
    return text


def brief_words(text: str) -> str:
    """The brief's words for the everyday words and phrases of `text` ("" when it uses none).

    >>> brief_words("Who should chase the bosses?")
    'targeting kingpin leaders'
    >>> brief_words("What is the kingpin strategy?")
    ''
    >>> brief_words("Why go after the cartels?")
    'targeting DTOs'
    """
    found = [brief for phrase, brief, _ in _EVERYDAY_PHRASES if phrase.search(text)]
    for term in terms_of(text):
        words = THESAURUS.get(term)
        if words is not None and words not in found:
            found.append(words)
    return " ".join(found)
