"""Acronyms a text defines ("drug trafficking organizations (DTOs)"), read from the corpus.

The brief spells a name out once and then uses its acronym: most sentences say "DTOs", and a
reader asks about "drug cartels' organizations" or "what TCO stands for". Knowing the pairs
the corpus itself defines lets a question's words meet a sentence's either way.
"""

from __future__ import annotations

import re
from functools import lru_cache

from qa.bm25 import tokenize
from qa.passage import TITLE_NAMES

# "(DTOs)", "(AMLO)": two to six capitals, perhaps a plural "s", alone in parentheses.
_DEFINED = re.compile(r"\(([A-Z]{2,6})s?\)")
# Words an acronym skips ("Instituto Tecnológico Autónomo de México (ITAM)").
_SKIPPED = frozenset({"of", "and", "the", "for", "de", "del", "la", "las", "los", "y", "e"})
# How many words before the parenthesis may spell the acronym.
_REACH = 10


def defined_acronyms(text: str) -> dict[str, str]:
    """Each acronym `text` defines, with the words it stands for.

    The words just before the parenthesis must begin, in order, with the acronym's letters
    (connectives such as "of" or "de" may sit between them); otherwise it is not taken.

    >>> defined_acronyms("to combat DTOs and transnational criminal organizations (TCOs)")
    {'TCO': 'transnational criminal organizations'}
    >>> defined_acronyms("at the Instituto Tecnológico Autónomo de México (ITAM) and (XYZ)")
    {'ITAM': 'Instituto Tecnológico Autónomo de México'}
    """
    found: dict[str, str] = {}
    for match in _DEFINED.finditer(text):
        acronym = match.group(1)
        before = re.split(r"[\s-]+", text[max(0, match.start() - 200) : match.start()].strip())
        words = before[-_REACH:]
        letters = list(acronym.lower())
        spelled: list[str] = []
        for word in reversed(words):
            if not letters:
                break
            bare = word.strip("\"'“”‘’,;:.()")
            if not bare:
                break
            if bare[0].lower() == letters[-1]:
                letters.pop()
                spelled.append(bare)
            elif bare.lower() in _SKIPPED and spelled:
                spelled.append(bare)
            else:
                break
        if not letters and acronym not in found:
            found[acronym] = " ".join(reversed(spelled))
    return found


# A run of capitalised words a name's initials are read from, connectives allowed inside.
_NAME_RUN = re.compile(
    r"\b[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+(?:\s+(?:(?:of|to|for|the|and|on)\s+)?[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)+"
)


def initialisms(text: str) -> set[str]:
    """The initials of the names `text` spells out, which a reader may use for them though the
    text does not ("CPJ" for the Committee to Protect Journalists).

    >>> sorted(initialisms("According to the Committee to Protect Journalists, ..."))
    ['CPJ']
    >>> "EPN" in initialisms("as President Enrique Peña Nieto (2012-2018) endorsed it")
    True
    """
    found: set[str] = set()
    for run in _NAME_RUN.findall(text):
        capitals = "".join(w[0] for w in run.split() if w[0].isupper())
        # A title before a name is not part of its initials: "President Enrique Peña Nieto"
        # is "EPN".
        titled = run.split()[0] in TITLE_NAMES
        for initials in (capitals, capitals[1:]) if titled else (capitals,):
            if 2 <= len(initials) <= 6:
                found.add(initials)
    return found


class Acronyms:
    """The acronyms a corpus defines, to widen a question's words with their other form."""

    def __init__(self, defined: dict[str, str]) -> None:
        self._defined = defined
        # Worked out once: each question is read against every acronym.
        self._own = {acronym: frozenset(_words(acronym)) for acronym in defined}
        self._spelled = {acronym: frozenset(_words(words)) for acronym, words in defined.items()}
        # Names of people and bodies (three or more capitalised words) by their last two.
        self._tails: dict[str, tuple[str, frozenset[str]]] = {}
        for acronym, name in defined.items():
            parts = name.split()
            capitalised = all(p[0].isupper() for p in parts if p.lower() not in _SKIPPED)
            if len(parts) >= 3 and capitalised:
                tail = " ".join(parts[-2:])
                self._tails[acronym] = (tail, frozenset(_words(tail)))

    @classmethod
    def from_texts(cls, texts: list[str]) -> Acronyms:
        """Every acronym the texts define; the first definition of one wins."""
        defined: dict[str, str] = {}
        for text in texts:
            for acronym, words in defined_acronyms(text).items():
                defined.setdefault(acronym, words)
        return cls(defined)

    def other_forms(self, text: str) -> str:
        """What the acronyms in `text` stand for, and the acronyms whose words it spells out.

        >>> Acronyms({"TCO": "transnational criminal organizations"}).other_forms("TCOs?")
        'transnational criminal organizations'
        >>> Acronyms({"DTO": "drug trafficking organizations"}).other_forms(
        ...     "Which drug-trafficking organizations?")
        'DTO'
        """
        return " ".join(other for _, other in self.pairs(text))

    def expansions(self, text: str) -> list[tuple[str, str]]:
        """(acronym, what it stands for) for each acronym `text` uses."""
        words = _word_set(text)
        return [(a, self._defined[a]) for a, own in self._own.items() if own <= words]

    def named(self, text: str) -> list[tuple[str, str]]:
        """(the name's last words, acronym) for each person or body of three or more words
        that `text` names by its last two words, without the acronym.

        People and bodies go by their last names ("López Obrador" is AMLO); a phrase such as
        "criminal organizations" is not a name and is left alone.

        >>> Acronyms({"AMLO": "Andrés Manuel López Obrador"}).named("what López Obrador said")
        [('López Obrador', 'AMLO')]
        """
        words = _word_set(text)
        return [
            (tail, acronym)
            for acronym, (tail, tail_words) in self._tails.items()
            if tail_words <= words and not self._own[acronym] <= words
        ]

    def is_name(self, acronym: str) -> bool:
        """Whether `acronym` stands for a person's or a body's name ("AMLO")."""
        return acronym in self._tails

    def name_forms(self, text: str) -> str:
        """The other form of each name `text` gives one way: the acronym for its last words,
        the full name for its acronym.

        >>> forms = Acronyms({"AMLO": "Andrés Manuel López Obrador"})
        >>> forms.name_forms("what López Obrador said"), forms.name_forms("AMLO's guard")
        ('AMLO', 'Andrés Manuel López Obrador')
        """
        used = [self._defined[a] for a, _ in self.expansions(text) if a in self._tails]
        return " ".join([*used, *(acronym for _, acronym in self.named(text))])

    def pairs(self, text: str) -> list[tuple[str, str]]:
        """(the form `text` uses, the other form) for each acronym it uses either way."""
        used = self.expansions(text)
        words = _word_set(text)
        spelled_out = [
            (self._defined[acronym], acronym)
            for acronym, spelled in self._spelled.items()
            if spelled and spelled <= words and not self._own[acronym] <= words
        ]
        return used + spelled_out


@lru_cache(maxsize=256)
def _word_set(text: str) -> frozenset[str]:
    """`_words` as a set; a question is read once for the retriever and once for scoring."""
    return frozenset(_words(text))


def _words(text: str) -> list[str]:
    """The lexical index's terms, so that forms meet ("organization", "organizations")."""
    return tokenize(text)
