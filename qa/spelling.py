"""Misspelled question words, read as the corpus word they were meant to be.

A typo ("Merida Inititive", "journalsts", "Cienfuego") is a word the corpus never uses: BM25
cannot match it, and the abstention model counts it as a sign that the question is about
something else, so a question the brief answers gets "the brief does not say". A word is
corrected only when it is neither the corpus's nor an English word (pyspellchecker's list),
and exactly one corpus word, or one clearly more frequent, lies one edit away:
"mountain" stays "mountain", though the corpus says "maintain". Example:
`Speller(["The Mérida Initiative"]).correct("the merida inititive") -> "the merida initiative"`.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from qa.lang import fold
from qa.types import Document

# Shorter words have too many neighbours one edit away to guess from.
MIN_LENGTH = 4
# Most typos are one edit away. Two edits reach other words of the same family too often
# ("decertification" -> "certification").
MAX_EDITS = 1

# pyspellchecker's count (half its words sit at the floor, 50) above which an English word is
# common enough to be what a misspelling meant.
COMMON_ENGLISH = 500

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# A word with what an apostrophe joins to it: "Mexico's", "weren't".
_TOKEN = re.compile(r"([^\W\d_]+)(['’][^\W\d_]+)?", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Correction:
    """One question word read as another (for the answer's record and for tests)."""

    word: str
    corrected: str


@functools.cache
def _english_words() -> Mapping[str, int]:
    """pyspellchecker's English words (about 160,000) with their frequencies, loaded once."""
    from spellchecker import SpellChecker

    return dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _edits(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
        | {a + c + b for a, b in splits for c in _LETTERS}
    )


def _deletes(word: str, edits: int) -> set[str]:
    """`word` with up to `edits` letters deleted (itself included)."""
    found = {word}
    frontier = {word}
    for _ in range(edits):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def distance(a: str, b: str) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment).

    >>> distance("stratgy", "strategy"), distance("form", "from"), distance("cat", "dog")
    (1, 1, 3)
    """
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


class Speller:
    """Corrects question words towards the words of a corpus."""

    def __init__(
        self,
        texts: Iterable[str],
        english: Mapping[str, int] | None = None,
        stem: Callable[[str], str] | None = None,
    ) -> None:
        self._counts = Counter(w for text in texts for w in _WORD.findall(fold(text)))
        self.english = english if english is not None else _english_words()
        # With a stemmer, another form of a corpus word ("opioids" for "opioid") is known.
        self._stem = stem
        self._stems = {stem(w) for w in self._counts} if stem is not None else set()
        # Every corpus word with a letter deleted, pointing back to the word: a typo and its
        # word meet where deleting a letter from each gives the same string.
        self._by_delete: dict[str, set[str]] = {}
        for word in self._counts:
            if len(word) >= MIN_LENGTH - MAX_EDITS:
                for key in _deletes(word, MAX_EDITS):
                    self._by_delete.setdefault(key, set()).add(word)

    def knows(self, word: str) -> bool:
        """Whether `word` is a word of the corpus or of English."""
        folded = fold(word)
        if folded in self._counts or folded in self.english:
            return True
        return self._stem is not None and self._stem(folded) in self._stems

    def suggest(self, word: str) -> str | None:
        """The word `word` most likely misspells (a corpus word first, else an English one),
        or None if there is none to trust."""
        folded = fold(word)
        if len(folded) < MIN_LENGTH or not folded.isalpha() or self.knows(folded):
            return None
        near = {
            candidate
            for key in _deletes(folded, MAX_EDITS)
            for candidate in self._by_delete.get(key, ())
        }
        in_corpus = [(self._counts[c], c) for c in near if distance(folded, c) <= MAX_EDITS]
        found = _clear_best(in_corpus)
        if found is not None or word[:1].isupper():
            # A capitalised word is a name more often than a typo: "Blinken" is not "blinked".
            return found
        # Not a corpus word: a common English one still reads the question right ("populaton"
        # -> "population" for a question the brief cannot answer). Rare words are left out:
        # "decertification" is not "desertification".
        return _clear_best(
            [
                (self.english[c], c)
                for c in _edits(folded)
                if self.english.get(c, 0) >= COMMON_ENGLISH
            ]
        )

    def correct(self, query: str) -> str:
        """`query` with each misspelled word replaced by its corpus word."""
        return "".join(self._pieces(query))

    def corrections(self, query: str) -> list[Correction]:
        """The words `correct` replaces, in order."""
        return [Correction(word, fixed) for _, _, word, fixed in self._fixes(query)]

    def _fixes(self, query: str) -> Iterator[tuple[int, int, str, str]]:
        """(start, end, word, corrected) for each word to replace."""
        for match in _TOKEN.finditer(query):
            word, joined = match.group(1), match.group(2) or ""
            # "weren't", "aren't": a contraction, not a misspelled "were".
            if joined[1:].lower() == "t":
                continue
            fixed = self.suggest(word)
            if fixed is not None:
                yield match.start(1), match.end(1), word, _same_case(word, fixed)

    def _pieces(self, query: str) -> Iterator[str]:
        cursor = 0
        for start, end, _, fixed in self._fixes(query):
            yield query[cursor:start]
            yield fixed
            cursor = end
        yield query[cursor:]


def for_documents(
    documents: Iterable[Document], stem: Callable[[str], str] | None = None
) -> Speller:
    """A speller whose vocabulary is the documents' text: headings, paragraphs and endnotes."""
    documents = list(documents)
    return Speller(
        [doc.section_path(section.id) for doc in documents for section in doc.sections]
        + [p.text for doc in documents for section in doc.sections for p in section.paragraphs]
        + [note.text for doc in documents for note in doc.endnotes],
        stem=stem,
    )


def _clear_best(candidates: list[tuple[int, str]]) -> str | None:
    """The most frequent candidate, unless another is at least half as frequent: with "form"
    and "from" both one edit from "fom", there is no telling which was meant."""
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda fc: (-fc[0], fc[1]))
    if len(ranked) > 1 and ranked[1][0] * 2 > ranked[0][0]:
        return None
    return ranked[0][1]


def _same_case(original: str, word: str) -> str:
    """`word` capitalised as `original` is ("Inititive" -> "Initiative")."""
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
