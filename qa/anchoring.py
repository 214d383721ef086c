"""Attach every endnote to the body paragraph it supports.

A note whose marker survived is anchored at its marker. Many markers are lost when a PDF is
turned into text; since notes are numbered in order of appearance, an unmarked note lies
between the paragraphs of its marked neighbours. Within that window, consecutive unmarked
notes are placed in order (never going backwards) where their words match the paragraph's
best, weighting rare words more (a DP over the window). A note with no evidence at all
follows its next neighbour: a citation usually sits with the claims after it, not before.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence

from qa.textclean import words

# Words that occur in citations but say nothing about the claim a note supports.
_CITATION_WORDS = {
    "available", "accessed", "retrieved", "last", "pp", "vol", "no", "press", "report", "ed",
    "https", "http", "www", "com", "org", "gov", "html", "pdf", "en", "news", "article",
    "articles", "analysis", "blog", "the", "and", "of", "in", "on", "for", "to", "a", "an", "is",
    "by", "at", "with", "from", "as", "its", "it", "be", "are", "was", "how", "what", "has",
    "de", "la", "el", "los", "las", "del", "y", "se", "que", "al", "et", "journal", "university",
    "updated", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "s", "wp", "content", "uploads",
    "files", "cache", "opinions", "world", "research", "id", "row", "sgp", "crs", "fas",
}  # fmt: skip


# Score lost per paragraph of distance from the marked neighbour in an open-ended window.
DISTANCE_PENALTY = 0.5


def stem(word: str) -> str:
    """A light suffix stemmer, enough to match 'homicides' with 'homicide'.

    >>> [stem(w) for w in ["homicides", "militarizing", "military", "extradited"]]
    ['homicid', 'militar', 'milit', 'extradit']
    """
    for suffix in ("izing", "ization", "ations", "ation", "ities", "ity", "ing", "ies", "ed",
                   "es", "s", "ary", "e", "y"):  # fmt: skip
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_terms(text: str) -> set[str]:
    """Stemmed content words of a text, URL slugs included (their words are split)."""
    text = re.sub(r"[/_\-.?=&]", " ", text)
    return {stem(w) for w in words(text) if w not in _CITATION_WORDS and not w.isdigit()}


def infer_anchors(
    paragraph_texts: Sequence[str],
    marked: dict[int, int],
    note_texts: dict[int, str],
    candidates: Sequence[bool] | None = None,
) -> dict[int, int]:
    """Paragraph index for every unmarked note; `marked` maps note number -> paragraph index.

    `candidates` says which paragraphs may receive an inferred note (default: all); the
    parser excludes summary list items, which state claims made and cited elsewhere.

    >>> infer_anchors(["The wall was built.", "Homicides rose.", "Drugs."],
    ...               {1: 0, 3: 2}, {1: "x", 2: "Homicides in Mexico", 3: "y"})
    {2: 1}
    """
    if not paragraph_texts:
        return {}
    terms = [content_terms(t) for t in paragraph_texts]
    if candidates is None:
        candidates = [True] * len(terms)
    df = Counter(t for ts in terms for t in ts)
    n = len(terms)
    idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}

    mean_len = sum(len(ts) for ts in terms) / n or 1.0

    def similarity(note: int, para: int) -> float:
        shared = content_terms(note_texts[note]) & terms[para]
        # Long summary paragraphs share words with everything: damp by length.
        damp = math.sqrt(max(1.0, len(terms[para]) / mean_len))
        return (sum(idf[t] for t in shared) / damp) if candidates[para] else -1e3

    unmarked = sorted(set(note_texts) - set(marked))
    result: dict[int, int] = {}
    # Runs of consecutive unmarked notes share one window between marked neighbours.
    runs: list[list[int]] = []
    for note in unmarked:
        if runs and runs[-1][-1] == note - 1 and note - 1 not in marked:
            runs[-1].append(note)
        else:
            runs.append([note])
    for run in runs:
        before = [marked[m] for m in marked if m < run[0]]
        after = [marked[m] for m in marked if m > run[-1]]
        lo = max(before) if before else 0
        hi = min(after) if after else n - 1
        if hi < lo:  # markers out of order: fall back to the earlier neighbour's paragraph
            hi = lo
        score = similarity
        if not before or not after:
            # An open-ended window (before the first marker or after the last) spans much of
            # the document: prefer paragraphs near the one marked neighbour.
            edge = hi if not before else lo

            def score(note: int, para: int, edge: int = edge) -> float:
                return similarity(note, para) - DISTANCE_PENALTY * abs(para - edge)

        result.update(_place_run(run, lo, hi, score))
    return result


def _place_run(
    run: list[int], lo: int, hi: int, similarity: Callable[[int, int], float]
) -> dict[int, int]:
    """Place a run of notes at non-decreasing paragraphs in [lo, hi], maximising similarity."""
    width = hi - lo + 1
    # score[i][j]: best total for notes run[:i+1] with note i at paragraph lo+j. Ties go to
    # the later paragraph (a small bonus), so a note without evidence joins what follows it.
    tie = 1e-6
    scores = [[similarity(note, lo + j) + tie * j for j in range(width)] for note in run]
    best = [scores[0][:]]
    back: list[list[int]] = [list(range(width))]
    for i in range(1, len(run)):
        row: list[float] = []
        brow: list[int] = []
        running_best, running_arg = -math.inf, 0
        for j in range(width):
            if best[i - 1][j] >= running_best:
                running_best, running_arg = best[i - 1][j], j
            row.append(running_best + scores[i][j])
            brow.append(running_arg)
        best.append(row)
        back.append(brow)
    j = max(range(width), key=lambda k: (best[-1][k], k))
    placement: dict[int, int] = {}
    for i in range(len(run) - 1, -1, -1):
        placement[run[i]] = lo + j
        j = back[i][j]
    return placement
