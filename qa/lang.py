"""A small deterministic English/Spanish guesser for queries, from stopwords and accents.

Retrieval needs to know one thing: is the question Spanish? The lexical index is English, so
BM25 on a Spanish question mostly matches names and numbers and drags the fused ranking
down. Stopwords are strong evidence; accented letters are weak (the brief's English text is
full of names such as "Mérida" and "López Obrador"), and inverted marks are strong.
Example: `detect_language("¿Qué propone la autora?") -> "es"`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Literal

Language = Literal["en", "es", "und"]


def fold(text: str) -> str:
    """Lowercase without accents: `fold("Extradición") -> "extradicion"`."""
    if text.isascii():  # most text: nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Words common in one language and rare in the other. "a", "no", "he", "me" are in both, and
# "un", "e", "o" look like "UN" and "e.g." in English questions, so they are left out.
_EN = frozenset(
    """the of and to in is are was were be been being what which who whom whose how why when
    where does do did that this these those from with for on by about it its as at or an
    there their they them than then should would could can will has have had not according
    brief author say says said recommend recommends between into under over after before""".split()  # noqa: SIM905
)
_ES = frozenset(
    """de la el los las del que en por para con se su sus al lo como pero sobre entre qué
    cuál cuáles quién quiénes cómo dónde cuándo cuánto cuántos es son fue fueron ser está
    están han ha hay una unos unas este esta estos estas ese esa según sin también muy
    más autora autor informe propone recomienda recomendaciones dice cuales cual porque
    desde hasta durante mediante ante tras y ni""".split()  # noqa: SIM905
)
# ... and without accents, as a reader may type them ("segun", "quien").
_ES_FOLDED = frozenset(fold(w) for w in _ES)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SPANISH_LETTERS = set("áéíóúñü")


def language_scores(text: str) -> tuple[float, float]:
    """(English, Spanish) evidence for `text`; each stopword counts 1, an accent 0.5."""
    words = [w.lower() for w in _WORD.findall(text)]
    en = float(sum(w in _EN for w in words))
    es = float(sum(w in _ES for w in words))
    # One accented word per name is common in English text about Mexico: weak evidence.
    es += 0.5 * sum(any(c in _SPANISH_LETTERS for c in w) for w in words)
    es += 2.0 * sum(text.count(mark) for mark in "¿¡")
    return en, es


def is_spanish_function_word(word: str) -> bool:
    """True for a Spanish stopword or question word, capitalised or not ("Qué", "Según").

    >>> is_spanish_function_word("Qué"), is_spanish_function_word("Obrador")
    (True, False)
    """
    return fold(word) in _ES_FOLDED


@functools.lru_cache(maxsize=4096)  # an answer asks it of the same question several times
def detect_language(text: str) -> Language:
    """'es' if the text reads as Spanish, 'en' if as English, 'und' with no evidence."""
    en, es = language_scores(unicodedata.normalize("NFC", text))
    if en == 0 and es < 1:
        return "und"
    return "es" if es > en else "en"
