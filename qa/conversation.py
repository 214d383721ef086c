"""Fold a short follow-up question into the previous one, so retrieval sees what is meant.

Design (rules, no model): a question is a follow-up when it opens with a connective ("and
...?", "what about ...?", Spanish "¿y ...?") or leans on a pronoun ("when did he ...?"), and
has few content words of its own. The fragment then replaces the matching phrase of the
previous question: "under Calderón" takes the place of "under Fox", and a bare name or noun
phrase takes the place of the previous question's last prepositional object. When nothing
lines up, the previous question is kept beside the new one. Self-contained questions are
returned unchanged.

Concessions: rules read surface words only. A pronoun is never resolved to a name (the
previous question is added instead), and a follow-up that changes two things at once keeps
only the phrase that lines up.

>>> contextualize(["How many people were extradited under Fox?"], "and under Calderón?")
'How many people were extradited under Calderón?'
"""

from __future__ import annotations

import re

# Longest first: "and what about" must win over "and".
_LEADS = (
    "and what about",
    "and how about",
    "what about",
    "how about",
    "what of",
    "and also",
    "same for",
    "also",
    "and",
    "y qué hay de",
    "y qué pasa con",
    "y en cuanto a",
    "qué hay de",
    "qué pasa con",
    "en cuanto a",
    "y",
)
_LEAD = re.compile(
    r"^\s*¿?\s*(?:" + "|".join(re.escape(lead) for lead in _LEADS) + r")\b[\s,]*",
    re.IGNORECASE,
)
_PREPOSITIONS = {
    "under", "in", "during", "for", "after", "before", "since", "with", "about", "on", "of",
    "to", "from", "between", "against", "by", "at", "within", "toward", "towards", "regarding",
    "bajo", "en", "durante", "para", "con", "sobre", "de", "del", "desde", "entre", "contra",
    "hacia", "tras", "según", "al",
}  # fmt: skip
_PRONOUNS = {
    "he", "she", "it", "they", "them", "him", "her", "his", "its", "their", "theirs", "this",
    "that", "these", "those", "there", "él", "ella", "ellos", "ellas", "eso", "esto", "esa",
    "ese", "esos", "esas", "su", "sus", "lo", "le", "les",
}  # fmt: skip
_ARTICLES = {"a", "an", "the", "el", "la", "los", "las", "un", "una"}
# Words that open a question of its own: a fragment starting with one is not a phrase.
_QUESTION_WORDS = {
    "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "is", "are", "was",
    "were", "do", "does", "did", "has", "have", "had", "can", "could", "would", "should", "will",
    "qué", "que", "quién", "quiénes", "cuándo", "dónde", "por", "cómo", "cuál", "cuáles",
    "cuánto", "cuánta", "cuántos", "cuántas", "es", "son", "fue", "fueron", "hay",
}  # fmt: skip
# Words that carry no topic of their own.
_FUNCTION_WORDS = _PREPOSITIONS | _PRONOUNS | _ARTICLES | _QUESTION_WORDS | {
    "and", "or", "many", "much", "be", "been", "say", "said", "says", "brief", "not", "no",
    "so", "then", "also", "any", "some", "y", "o", "se", "informe", "dice",
}  # fmt: skip
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
# A follow-up has at most this many words of its own that carry a topic.
MAX_CONTENT_WORDS = 3


def contextualize(history: list[str], question: str) -> str:
    """The question to retrieve with: `question` itself, or folded into `history[-1]`.

    `history` holds the earlier questions as they were searched (already folded), oldest
    first.

    >>> contextualize(["¿Cuántas personas fueron extraditadas bajo Fox?"], "¿y bajo Calderón?")
    '¿Cuántas personas fueron extraditadas bajo Calderón?'
    >>> contextualize(["Who wrote the brief?"], "What is the Mérida Initiative?")
    'What is the Mérida Initiative?'
    """
    previous = next((h.strip() for h in reversed(history) if h.strip()), "")
    if not previous or not question.strip():
        return question
    lead = _LEAD.match(question)
    fragment = _core(question[lead.end() :] if lead else question)
    words = _words(fragment)
    if not words:
        return question
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS]
    if len(content) > MAX_CONTENT_WORDS:
        return question
    has_pronoun = any(w.lower() in _PRONOUNS for w in words)
    opens_question = words[0].lower() in _QUESTION_WORDS
    # Without a connective, only a pronoun or a bare fragment ("Under Calderón?") refers back.
    bare = len(words) <= 2 and not opens_question and question.rstrip().endswith("?")
    if not lead and not has_pronoun and not bare:
        return question
    if has_pronoun:
        return _beside(previous, question)
    if opens_question:
        # "and how many under Calderón?": only its phrase "under Calderón" can stand in.
        phrase = _from_first_preposition(fragment)
        folded = _substitute(previous, phrase, same_only=True) if phrase else None
        return folded or _beside(previous, question)
    return _substitute(previous, fragment) or _beside(previous, question)


def _core(text: str) -> str:
    """Text without the question marks and spaces around it."""
    return text.strip().strip("¿?¡!.;: \t\n").strip()


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _question_mark(previous: str) -> tuple[str, str, str]:
    """Split a question into its opening `¿`, its core and its closing `?` (each may be '')."""
    stripped = previous.strip()
    opening = "¿" if stripped.startswith("¿") else ""
    closing = "?" if stripped.endswith("?") else ""
    return opening, _core(stripped), closing


def _from_first_preposition(fragment: str) -> str:
    """The fragment from its first preposition on ('' if it has none)."""
    for m in _WORD.finditer(fragment):
        if m.group(0).lower() in _PREPOSITIONS:
            return fragment[m.start() :]
    return ""


def _substitute(previous: str, fragment: str, same_only: bool = False) -> str | None:
    """Put `fragment` in place of the phrase of `previous` it stands for; None if none fits.

    With `same_only`, a prepositional phrase only replaces one with the same preposition.

    >>> _substitute("What did the brief recommend on drug policy?", "migration")
    'What did the brief recommend on migration?'
    """
    opening, core, closing = _question_mark(previous)
    words = _words(fragment)
    first = words[0].lower()
    if first in _FUNCTION_WORDS:
        # Sentence case of the follow-up ("Under ...") is not kept mid-sentence.
        at = fragment.index(words[0])
        fragment = fragment[:at] + first + fragment[at + len(first) :]
    preps = [m for m in _WORD.finditer(core) if m.group(0).lower() in _PREPOSITIONS]
    if first in _PREPOSITIONS:
        # "under Calderón" replaces the last "under ..." (else the last prepositional phrase).
        same = [m for m in preps if m.group(0).lower() == first]
        candidates = same if same_only else same or preps
        if not candidates:
            return None
        start = candidates[-1].start()
    else:
        # A bare "Calderón" replaces the object of the last preposition ("under Fox" -> Fox).
        if not preps or preps[-1].end() >= len(core):
            return None
        after = preps[-1].end()
        start = after + len(core[after:]) - len(core[after:].lstrip())
    end = _phrase_end(core, start)
    return f"{opening}{core[:start]}{fragment}{core[end:]}{closing}"


def _phrase_end(core: str, start: int) -> int:
    """Where the phrase starting at `start` ends: the next comma, semicolon or the end."""
    stop = re.search(r"[,;:()]", core[start:])
    return start + stop.start() if stop else len(core)


def _beside(previous: str, question: str) -> str:
    """The new question followed by the previous one, for retrieval to read both."""
    return f"{question.strip()} ({_core(previous)})"
