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

from qa.question import terms_of

# The reader's word (every form a light stemmer does not bring together) -> the brief's words.
_EVERYDAY: dict[str, str] = {
    # people
    "boss bosses capo capos ringleader ringleaders druglord druglords": "kingpin leaders",
    "cops": "police",
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
    "unsafe safety": "security insecurity",
    "theft thefts burglary burglaries mugging muggings": "robberies",
    "slaying slayings": "murdered killing",
}  # fmt: skip

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


def brief_words(text: str) -> str:
    """The brief's words for the everyday words of `text` ("" when it uses none).

    >>> brief_words("Who should chase the bosses?")
    'targeting kingpin leaders'
    >>> brief_words("What is the kingpin strategy?")
    ''
    """
    found: list[str] = []
    for term in terms_of(text):
        words = THESAURUS.get(term)
        if words is not None and words not in found:
            found.append(words)
    return " ".join(found)
