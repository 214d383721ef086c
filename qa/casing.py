"""Names typed in lower case, written as the corpus writes them.

"how many were extradited under peña nieto" names a president as surely as "... under Peña
Nieto", but the checks that find names in a question go by capitals. A question typed with
no capitals past its first word gets back the corpus's own form of each word the corpus only
ever writes capitalised ("calderon": "Calderón", "amlo": "AMLO").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from qa.lang import fold

_WORD = re.compile(r"[^\W\d_][\w-]*")
# A capital says the word is a name only inside a sentence, after a word or a comma (not at
# a sentence's, a heading's or a list item's start).
_INSIDE = re.compile(r"[\w,]\s$")
_URL = re.compile(r"\S+://\S+|www\.\S+")
# Shorter words are too often something else ("us", "un").
MIN_NAME_CHARS = 3


@dataclass(frozen=True)
class NameForm:
    """How the corpus writes a name's word, and whether it ever stands alone: "Trump" does,
    "Protect" only inside "Committee to Protect Journalists", so a reader's "protect" is a
    name only beside another."""

    form: str
    alone: bool


def name_forms(texts: Iterable[str], others: Iterable[str] = ()) -> dict[str, NameForm]:
    """Folded word -> its one form in `texts`, for words neither they nor `others` ever write
    lower case (except at a sentence's start, where any word is capitalised)."""
    lower = {fold(w) for text in others for w in _WORD.findall(_URL.sub(" ", text)) if w.islower()}
    forms: dict[str, set[str]] = {}
    alone: set[str] = set()
    for text in texts:
        words = list(_WORD.finditer(_URL.sub(" ", text)))
        for i, match in enumerate(words):
            word = match.group().rstrip("-")
            key = fold(word)
            if word[:1].islower():
                lower.add(key)
                continue
            if not _INSIDE.search(match.string[max(0, match.start() - 2) : match.start()]):
                continue
            forms.setdefault(key, set()).add(word)
            # An accented or all-capital word is no English word ("Calderón", "AMLO").
            if word != key.capitalize() or not _joined(words, i):
                alone.add(key)
    return {
        key: NameForm(next(iter(seen)), key in alone)
        for key, seen in forms.items()
        if key not in lower and len(seen) == 1 and len(key) >= MIN_NAME_CHARS
    }


def _joined(words: list[re.Match[str]], i: int) -> bool:
    """Whether words[i] is written next to another capitalised word, a space between."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(words) and words[j].group()[:1].isupper():
            left, right = sorted((words[i], words[j]), key=lambda m: m.start())
            if not left.string[left.end() : right.start()].strip():
                return True
    return False


def with_names_cased(query: str, forms: dict[str, NameForm]) -> str:
    """`query` with its names in the corpus's form, if it was typed without capitals.

    >>> forms = {"amlo": NameForm("AMLO", True), "calderon": NameForm("Calderón", True),
    ...          "operation": NameForm("Operation", False),
    ...          "intercept": NameForm("Intercept", True)}
    >>> with_names_cased("what did amlo say under calderon, what was operation intercept", forms)
    'what did AMLO say under Calderón, what was Operation Intercept'
    >>> with_names_cased("was the operation costly", forms)
    'was the operation costly'
    >>> with_names_cased("What did amlo say to Biden?", forms)
    'What did amlo say to Biden?'
    """
    words = list(_WORD.finditer(query))
    if any(w.group()[:1].isupper() for w in words[1:]):
        return query
    found = [forms.get(fold(w.group().rstrip("-"))) for w in words]
    pieces: list[str] = []
    cursor = 0
    for i, (match, name) in enumerate(zip(words, found, strict=True)):
        word = match.group().rstrip("-")
        if name is None or not word.islower():
            continue
        # A word only ever part of a longer name is one when its neighbour is a name too.
        beside = [found[j] for j in (i - 1, i + 1) if 0 <= j < len(found)]
        if not name.alone and not any(beside):
            continue
        pieces += [query[cursor : match.start()], name.form]
        cursor = match.start() + len(word)
    return "".join(pieces) + query[cursor:]
