"""Text-level repairs for extracted documents: endnote markers, repeats, sentences.

Each function takes a string and returns a cleaned string plus what it changed, so the parser
can record every change (nothing is lost silently). The rules are general, not tuned to line
numbers: a marker is a superscript, a `^{n}` or `[n]` form, or a bare number right after the
end of a sentence; a repeat is a run of words that the extraction doubled.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = {ord(c): str(i) for i, c in enumerate(SUPERSCRIPT_DIGITS)}

_SUP = f"[{SUPERSCRIPT_DIGITS}]+"
# Each pattern captures the marker's numbers in group "nums"; the leading whitespace is
# part of the match so removing a marker leaves no double space.
_MARKER_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("superscript", re.compile(rf"[ \t]?(?P<nums>{_SUP}(?:\s*[,،]\s*{_SUP})*)")),
    ("footnote", re.compile(r"[ \t]?\[\^(?P<nums>\d+)\]")),
    ("caret", re.compile(r"[ \t]?\^\{\s*(?P<nums>\d+(?:\s*,\s*\d+)*)\s*\}")),
    ("caret", re.compile(r"[ \t]?\^(?P<nums>\d+)\b")),
    ("html-sup", re.compile(r"[ \t]?<sup>\s*(?P<nums>\d+(?:\s*,\s*\d+)*)\s*</sup>")),
    ("bracket", re.compile(r"[ \t]?\[(?P<nums>\d+(?:\s*[,–-]\s*\d+)*)\](?!\()")),
]
# A bare number is a marker only right after the end of a sentence and before the end of
# the paragraph or the next sentence; the caller also checks the numbers are notes in order.
_BARE_MARKER = re.compile(
    r"(?<=[.!?\"”’')])(?P<ws>[ \t]+)(?P<nums>\d{1,3}(?:\s*,\s*\d{1,3})*)(?=\s*$|\s+[\"“A-ZÁÉÍÓÚÑ])"
)


@dataclass(frozen=True, slots=True)
class Marker:
    """An endnote marker removed from a text: the numbers and where it stood afterwards."""

    numbers: tuple[int, ...]
    position: int
    original: str


def _numbers(raw: str) -> tuple[int, ...]:
    raw = raw.translate(_SUP_TO_DIGIT)
    numbers: list[int] = []
    for part in re.split(r"\s*[,،]\s*", raw.strip()):
        if re.fullmatch(r"\d+\s*[–-]\s*\d+", part):
            lo, hi = (int(x) for x in re.split(r"\s*[–-]\s*", part))
            numbers.extend(range(lo, hi + 1) if 0 < hi - lo < 50 else (lo, hi))
        elif part.isdigit():
            numbers.append(int(part))
    return tuple(numbers)


def extract_markers(
    text: str, known: set[int], last_marker: int = 0
) -> tuple[str, list[Marker], list[str]]:
    """Remove endnote markers from `text`; return (clean text, markers, warnings).

    `known` holds the numbers of the document's endnotes; `last_marker` is the highest marker
    seen earlier in the document, since notes are numbered in order of appearance.

    >>> extract_markers('unpunished. ^{15, 16}', {15, 16})[0]
    'unpunished.'
    """
    spans: list[tuple[int, int, tuple[int, ...], str]] = []
    warnings: list[str] = []
    taken = [False] * (len(text) + 1)
    for _kind, pattern in _MARKER_PATTERNS:
        for m in pattern.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            numbers = _numbers(m.group("nums"))
            missing = [n for n in numbers if n not in known]
            if missing and known:
                warnings.append(
                    f"marker {m.group(0).strip()!r} points to endnote(s) "
                    f"{', '.join(map(str, missing))} that the document does not have; "
                    "the marker was removed and not attached"
                )
            spans.append((m.start(), m.end(), tuple(n for n in numbers if n in known), m.group(0)))
            for i in range(m.start(), m.end()):
                taken[i] = True
    for m in _BARE_MARKER.finditer(text):
        if any(taken[m.start() : m.end()]):
            continue
        numbers = _numbers(m.group("nums"))
        # A bare number is data unless it is a run of known notes that continues the order.
        if numbers and all(n in known for n in numbers) and list(numbers) == sorted(numbers):
            previous = max((max(s[2], default=0) for s in spans if s[0] < m.start()), default=0)
            if numbers[0] > max(previous, last_marker):
                spans.append((m.start(), m.end(), numbers, m.group(0)))
    spans.sort()
    out: list[str] = []
    markers: list[Marker] = []
    cursor = 0
    length = 0
    for start, end, numbers, original in spans:
        out.append(text[cursor:start])
        length += start - cursor
        # A marker glued to the next word ("⁴⁷While") still needs a space between the words.
        glued = end < len(text) and not text[end].isspace() and start > 0
        glued = glued and not text[start - 1].isspace() and text[end].isalnum()
        if glued:
            out.append(" ")
            length += 1
        markers.append(Marker(numbers, length - (1 if glued else 0), original))
        cursor = end
    out.append(text[cursor:])
    return "".join(out), [m for m in markers if m.numbers], warnings


def words(text: str) -> list[str]:
    """Lowercased word tokens without accents, for comparing texts.

    >>> words("Mérida's   Initiative!")
    ['merida', 's', 'initiative']
    """
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", folded)


def shingles(tokens: list[str], n: int = 3) -> set[tuple[str, ...]]:
    """Word n-grams of a token list (the list itself if it is shorter than n)."""
    if len(tokens) < n:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def containment(part: str, whole: str | set[tuple[str, ...]], n: int = 3) -> float:
    """Share of `part`'s word n-grams that occur in `whole` (0.0 to 1.0)."""
    part_sh = shingles(words(part), n)
    if not part_sh:
        return 0.0
    whole_sh = whole if isinstance(whole, set) else shingles(words(whole), n)
    return len(part_sh & whole_sh) / len(part_sh)


def collapse_repeats(text: str, min_words: int = 4) -> tuple[str, list[str]]:
    """Collapse runs of `min_words`+ words that the extraction repeated back to back.

    >>> collapse_repeats("faced by people in Central faced by people in Central America")[0]
    'faced by people in Central America'
    """
    removed: list[str] = []
    while True:
        tokens = list(re.finditer(r"\S+", text))
        values = [t.group(0) for t in tokens]
        found = None
        # A doubled run starts at i and repeats at i + length; checking the first word before
        # comparing whole runs keeps this fast on long paragraphs.
        for i in range(len(values)):
            for length in range((len(values) - i) // 2, min_words - 1, -1):
                if values[i] != values[i + length]:
                    continue
                if values[i : i + length] == values[i + length : i + 2 * length]:
                    found = (tokens[i + length].start(), tokens[i + 2 * length - 1].end())
                    break
            if found:
                break
        if not found:
            return text, removed
        start, end = found
        removed.append(text[start:end])
        # Drop the second copy and the whitespace that preceded it.
        cut_from = start
        while cut_from > 0 and text[cut_from - 1] == " ":
            cut_from -= 1
        text = text[:cut_from] + text[end:]


_ABBREVIATIONS = {
    "u.s", "u.k", "u.n", "e.g", "i.e", "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "no",
    "núm", "vol", "pp", "p", "vs", "etc", "inc", "gen", "gov", "dept", "ed", "eds", "al", "fig",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ca",
    "cf", "approx", "est", "lt", "col", "sen", "rep", "gov't", "corp", "co", "ltd",
}  # fmt: skip
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[¿¡]?[A-ZÁÉÍÓÚÑ0-9])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of a paragraph, trimmed of surrounding whitespace.

    >>> text = "George W. Bush spoke. The U.S. Department agreed."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['George W. Bush spoke.', 'The U.S. Department agreed.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        # Only the last word matters, and abbreviations are short: searching the whole
        # sentence so far backtracks in quadratic time over a long run of word characters.
        before = text[max(start, m.start() - 64) : m.start()]
        last_word = re.search(r"([\w.'’]+)$", before)
        word = last_word.group(1).lower().rstrip(".") if last_word else ""
        if word in _ABBREVIATIONS or re.fullmatch(r"[a-z]", word):
            continue
        end = m.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
        start = m.end()
    tail_end = len(text.rstrip())
    if tail_end > start:
        spans.append((start, tail_end))
    return spans


def ends_sentence(text: str) -> bool:
    """True if a paragraph ends where a sentence can end (after trailing quotes and brackets).

    >>> ends_sentence('the coming years,'), ends_sentence('"the needs of the government."')
    (False, True)
    """
    stripped = text.rstrip().rstrip("\"”’')]*")
    return stripped.endswith((".", "!", "?", "…", ":"))
