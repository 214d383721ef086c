"""Questions about one item of a list by its place: "What is the third recommendation?".

Every recommendation matches "recommendation" equally well, and the sentence announcing "five
policy recommendations" better than any of them, so retrieval cannot tell the third from the
others. The brief's lists are in its structure: a section whose heading names the things
listed ("Key Policy Recommendations") holds them as list items, in order, and a later
section may take each up under a numbered heading ("3. Address the socioeconomic roots
..."). Example: `asked_item("What is the third recommendation?") -> (3, "recommendation")`.
"""

from __future__ import annotations

import re

from qa.bm25 import tokenize
from qa.glossary import to_english
from qa.types import Document, Paragraph, Section, Sentence

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
    "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10, "last": -1, "final": -1,
    "primer": 1, "primera": 1, "primero": 1, "segunda": 2, "segundo": 2, "tercer": 3,
    "tercera": 3, "tercero": 3, "cuarta": 4, "cuarto": 4, "quinta": 5, "quinto": 5,
    "sexta": 6, "sexto": 6, "última": -1, "último": -1, "ultima": -1, "ultimo": -1,
}  # fmt: skip
# "the third recommendation", "la segunda recomendación", "recommendation 3", "recommendation
# number 3", "recommendation #3".
_ORDINAL_NOUN = re.compile(
    r"\b(" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r")\s+([^\W\d_]+)", re.I
)
_NOUN_NUMBER = re.compile(r"\b([^\W\d_]+)\s+(?:number\s+|no\.\s*|n[º°]\s*|#\s*)?(\d{1,2})\b", re.I)
# Words after an ordinal that count or date, and name no list: "the last four years".
_NOT_LISTED = frozenset(
    tokenize(
        "one two three four five six seven eight nine ten year years month months week weeks "
        "day days decade decades time times term terms phase phases half"
    )
)


def asked_item(query: str) -> tuple[int, str] | None:
    """(place, noun's term) of the item a question asks for by its place; -1 is the last.

    >>> asked_item("What is the third recommendation?"), asked_item("recommendation #2")
    ((3, 'recommendation'), (2, 'recommendation'))
    >>> asked_item("¿Cuál es la última recomendación?")
    (-1, 'recommendation')
    >>> asked_item("How many people died in 2011?"), asked_item("in the last four years")
    (None, None)
    """
    for match in _ORDINAL_NOUN.finditer(query):
        terms = tokenize(to_english(match.group(2)) or match.group(2))
        if terms and terms[0] not in _NOT_LISTED:
            return _ORDINALS[match.group(1).lower()], terms[0]
    for match in _NOUN_NUMBER.finditer(query):
        terms = tokenize(to_english(match.group(1)) or match.group(1))
        if terms and terms[0] not in _NOT_LISTED and not match.group(1)[:1].isupper():
            return int(match.group(2)), terms[0]
    return None


def list_item(doc: Document, place: int, noun: str) -> list[tuple[Section, Paragraph, Sentence]]:
    """The item at `place` of the list of `noun`s, and where a later section takes it up.

    The list is the list items of a section whose heading names the noun; the section taking
    item 3 up is one whose heading starts with "3." and the item's first words. Empty when
    there is no such list: an enumeration inside a sentence ('The new four pillars ... were:
    "1) ...') is found by retrieval as it is, with the sentences around it.
    """
    for section in doc.sections:
        if noun not in tokenize(section.title):
            continue
        items = [p for p in section.paragraphs if p.kind == "list-item" and p.sentences]
        if not items or not (-len(items) <= (place - 1 if place > 0 else place) < len(items)):
            continue
        item = items[place - 1 if place > 0 else place]
        found = [(section, item, item.sentences[0])]
        number = items.index(item) + 1
        # The heading may word the item a little differently ("preventive" for
        # "preventative"): its first two words are enough beside the number.
        first_words = " ".join(item.text.split()[:2]).lower()
        for later in doc.sections:
            title = later.title.lower()
            if title.startswith(f"{number}.") and first_words in title:
                prose = [p for p in later.paragraphs if p.kind == "body" and p.sentences]
                if prose:
                    found.append((later, prose[0], prose[0].sentences[0]))
                break
        return found
    return []
