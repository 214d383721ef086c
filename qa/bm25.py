"""The lexical side of retrieval: our own tokenizer and a bm25s index saved as plain files.

We tokenize ourselves (lowercase, accents stripped, English stopwords dropped, a light
suffix stemmer) and pass token lists to bm25s, so that the query and the chunks go through
exactly the same function. Example: `tokenize("The Mérida Initiative's policies") ->
['merida', 'initiative', 'policy']`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from qa.errors import DependencyError
from qa.lang import fold

# Bump when tokenize() changes: the manifest records it, so old indexes rebuild.
TOKENIZER_VERSION = 7

K1 = 1.2
B = 0.75

_STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom whose why will with would you your us
    yours yourself yourselves also according s t around among amongst across within toward
    towards upon via along amid onto throughout beside besides except unlike regarding
    concerning versus vs per whether though although however rather really actually exactly
    even ever still yet already""".split()  # noqa: SIM905 (a word list reads better)
)
_TOKEN = re.compile(r"[a-z0-9]+")
# The country goes by many names. "U.S." would split into two dropped letters and "US" would
# read as the pronoun "us", so every form becomes one token; only capital "US"/"USA" is the
# country ("tell us" is not).
_COUNTRY = re.compile(r"\bU\.\s?S\.(?:\s?A\.)?|\bUnited\s+States\b", re.IGNORECASE)
_COUNTRY_CAPS = re.compile(r"\bUSA?\b")


# Irregular forms of verbs, which no suffix rule brings to their base: "What drives
# migration?" must meet "migration is driven by ...".
_IRREGULAR = {
    form: base
    for base, forms in {
        "drive": "driven drove", "take": "taken took", "give": "given gave",
        "choose": "chosen chose", "grow": "grown grew", "show": "shown", "know": "known knew",
        "write": "written wrote", "speak": "spoken spoke", "break": "broken broke",
        "rise": "risen rose arose arisen", "fall": "fallen fell", "begin": "begun began",
        "hold": "held", "lead": "led", "keep": "kept", "bring": "brought", "buy": "bought",
        "catch": "caught", "seek": "sought", "fight": "fought", "teach": "taught",
        "build": "built", "send": "sent", "spend": "spent", "lose": "lost", "pay": "paid",
        "make": "made", "find": "found", "meet": "met", "win": "won", "strike": "struck",
        "stand": "stood", "understand": "understood", "undertake": "undertaken undertook",
        "withdraw": "withdrawn withdrew", "draw": "drawn drew", "see": "seen saw",
        "flee": "fled", "hide": "hidden hid", "forbid": "forbidden forbade",
        "overtake": "overtaken overtook", "shake": "shaken shook", "steal": "stolen stole",
        "freeze": "frozen froze", "swear": "sworn swore", "tear": "torn tore", "wear": "worn",
    }.items()
    for form in forms.split()
}  # fmt: skip


def stem(word: str) -> str:
    """A light suffix stemmer: plurals, -ing, -ed, -ly. `stem("policies") -> "policy"`.

    Irregular verb forms go to their base: `stem("driven") -> "drive"`; an adverb made of a
    participle loses both endings: `stem("increasingly") -> "increas"`, as "increasing" does.
    """
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith(("ingly", "edly")) and len(word) >= 8:
        word = word[:-2]
    for suffix, shortest in (("ing", 6), ("ed", 5), ("ly", 6)):
        if word.endswith(suffix) and len(word) >= shortest:
            return word[: -len(suffix)]
    return word


def tokenize(text: str) -> list[str]:
    """Lexical tokens of `text` (see the module docstring for an example)."""
    return list(_tokens(text))


# An answer reads the question and its parts several times over; the corpus side is read once.
@functools.lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(
        stem(token)
        for token in _TOKEN.findall(fold(one_country_name(text)))
        if token not in _STOPWORDS and (len(token) > 1 or token.isdigit())
    )


def one_country_name(text: str) -> str:
    """`text` with every name of the United States written "USA".

    >>> one_country_name("The U.S. and the United States (US), but tell us")
    'The USA and the USA (USA), but tell us'
    """
    return _COUNTRY_CAPS.sub("USA", _COUNTRY.sub("USA", text))


def _bm25s() -> Any:
    try:
        import bm25s
    except ImportError as exc:
        raise DependencyError("lexical search needs bm25s: pip install bm25s") from exc
    return bm25s


class LexicalIndex:
    """BM25 over a fixed list of texts; `scores(query)` gives one score per text."""

    def __init__(self, model: Any, size: int) -> None:
        self._model = model
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str]) -> LexicalIndex:
        """Index `texts` (their order is the order of `scores`)."""
        model = _bm25s().BM25(k1=K1, b=B)
        model.index([tokenize(t) for t in texts], show_progress=False)
        return cls(model, len(texts))

    def save(self, folder: Path) -> None:
        """Write the index as bm25s's plain files (.npy, .json) into `folder`."""
        self._model.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> LexicalIndex:
        """Read an index that `save` wrote; `size` is the expected number of texts."""
        model = _bm25s().BM25.load(str(folder), show_progress=False)
        if int(model.scores["num_docs"]) != size:
            raise ValueError(f"BM25 index holds {model.scores['num_docs']} texts, not {size}")
        return cls(model, size)

    def scores(self, query: str) -> npt.NDArray[np.float32]:
        """BM25 score of every text for `query`; all zeros when no query token is known."""
        known = [t for t in tokenize(query) if t in self._model.vocab_dict]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._model.get_scores(known), dtype=np.float32)
