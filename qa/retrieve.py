"""Hybrid search: dense (FAISS) and lexical (BM25) rankings fused, aware of the query's language.

Fusion is reciprocal rank by default (`w / (rrf_k + rank)` summed over both lists) or a
weighted sum of min-max normalised scores. The BM25 index is English, so for a Spanish
question its weight drops to `bm25_weight_es` (0 by default: dense only), which keeps an
English lexical match on a name or a number from drowning the multilingual dense ranking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from qa.acronyms import Acronyms
from qa.chunking import Chunk
from qa.embeddings import MAX_QUERY_CHARS, CachedEmbedder, Embedder, FloatArray, get_embedder
from qa.errors import QueryError
from qa.lang import Language, detect_language
from qa.settings import IndexSettings, Settings
from qa.store import LoadedIndex, load_index
from qa.thesaurus import brief_words

# Words of a question the dense model reads (about 130 e5 tokens).
DENSE_QUERY_WORDS = 96

Mode = Literal["hybrid", "dense", "bm25"]
MODES: tuple[Mode, ...] = ("hybrid", "dense", "bm25")

# Each list contributes at most this many candidates to the fusion (the whole brief is ~100
# chunks, so at this size fusion sees everything).
CANDIDATES = 100
# Control characters, and lone surrogates (what Python makes of undecodable bytes in a
# command-line argument): no model can encode them, and they carry no words.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
# Words that ask about sources (English and Spanish). Without one, endnote chunks are
# demoted: a short bibliographic entry is close to many questions in embedding space, yet
# it answers only questions about the sources. Words that also describe the brief itself
# ("report", "published", "wrote") are left out: "who wrote this report?" is about the author.
_SOURCE_WORDS = re.compile(
    r"\b(?:cit(?:e|es|ed|ing|ation|ations)|sources?|references?|(?:end)?notes?|footnotes?|"
    r"articles?|pieces?|outlets?|newspapers?|journals?|columns?|headlines?|op-eds?|"
    r"stud(?:y|ies)|surveys?|filings?|analys[ie]s|bibliograph\w*|"
    r"cita\w*|fuentes?|referencias?|notas?|art[ií]culos?|columnas?|peri[oó]dicos?|"
    r"estudios?|encuestas?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Hit:
    """A retrieved chunk with its fused score and the dense and BM25 evidence behind it."""

    chunk: Chunk
    rank: int
    score: float
    dense_score: float | None
    dense_rank: int | None
    bm25_score: float | None
    bm25_rank: int | None


def asks_for_source(query: str) -> bool:
    """Whether a query asks about sources, e.g. "Which report does note 13 cite?" -> True."""
    return _SOURCE_WORDS.search(query) is not None


def clean_query(query: str) -> str:
    """The query with control characters removed, spaces collapsed, and long input cut.

    Raises QueryError for an empty or whitespace-only query.
    """
    if not isinstance(query, str):
        raise QueryError("the query must be text")
    text = " ".join(_CONTROL.sub(" ", query).split())
    if not text:
        raise QueryError("the query is empty: ask a question or give a few keywords")
    return _APOSTROPHE_DROPPED.sub(_with_apostrophe, text[:MAX_QUERY_CHARS])


# A contraction typed without its apostrophe ("whats the title", "whos", "doesnt"): read as
# the contraction, so that "whats" asks "what" rather than naming an unknown word.
_APOSTROPHE_DROPPED = re.compile(
    r"\b(?:(what|who|where|when|why|how|that|there)s|"
    r"((?:does|did|do|is|was|were|are|has|have)n)t)\b",
    re.I,
)


def _with_apostrophe(match: re.Match[str]) -> str:
    """ "whats" -> "what's", "doesnt" -> "doesn't"."""
    word = match.group(1) or match.group(2)
    return f"{word}'{match.group(0)[len(word) :]}"


# "the brief", "this brief's": the reader naming the document ("el informe" is not matched
# lexically anyway: Spanish words meet English text only through the glossary).
# A verb right after it says what the document does, not what the question is about ("What
# source does the brief give for it?").
_DOCUMENT_NAME = re.compile(
    r"\b(?:the|this|that)\s+brief(?:'s|’s)?"
    r"(?:\s+(?:gives?|offers?|provides?|mentions?|lists?|says?|uses?|reports?)\b)?\b",
    re.I,
)
# The reader's words about the request itself ("I want to check", "can you tell me"): they
# name no subject, yet the corpus barely uses them, so they would weigh the most.
_REQUEST = re.compile(
    r"\b(?:i\s+(?:want|need|would like|'d like|’d like)\s+to\s+"
    r"(?:know|check|understand|find out|verify|confirm|see)|"
    r"(?:can|could) you (?:please )?(?:tell|give|show|explain)(?: me| us)?|"
    r"(?:tell|give|show) me|please|i'?m (?:curious|wondering|looking for|trying to "
    r"(?:understand|find out|figure out))|i (?:was )?wonder(?:ing)?)\b",
    re.I,
)

# Words that frame the question ("how does it describe", "what kind of", "roughly"): they
# say how to answer, not what about, and the corpus barely uses them.
_FRAMING = re.compile(
    r"\b(?:describ(?:e|es|ed|ing)|explain(?:s|ed|ing)?|mention(?:s|ed)?|discuss(?:es|ed)?|"
    r"exactly|roughly|approximately|precisely|specifically|(?:on |in )?what (?:date|day)|"
    r"(?:kinds?|types?|sorts?) of|for (?:example|instance)|an example of|examples of|"
    r"(?:in )?the text|is it (?:true|right|correct|the case) that)\b",
    re.I,
)


def without_document_name(text: str) -> str:
    """`text` without the words that name the document itself ("the brief"), the request, or
    how it wants the answer framed.

    >>> without_document_name("What does the brief say about the wall?")
    'What does   about the wall?'
    >>> without_document_name("I want to check the 80% figure.")
    '  the 80% figure.'
    >>> without_document_name("What kind of programs does the text describe?")
    'What   programs does    ?'
    >>> without_document_name("On what date was he arrested?")
    '  was he arrested?'
    """
    return _FRAMING.sub(" ", _REQUEST.sub(" ", _DOCUMENT_NAME.sub(" ", text)))


# "Feb 2020", "Sept. 15": a month shortened before a day or a year. ("May" and "June" need
# no shortening; "Mar" and "Jan" stand alone only as names, hence the number after.)
_SHORT_MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?(?=\s*\d)", re.I)
_MONTH_NAMES = {
    month[:3].lower(): month
    for month in (
        "January", "February", "March", "April", "June", "July",
        "August", "September", "October", "November", "December",
    )
}  # fmt: skip


def with_months_spelled_out(text: str) -> str:
    """`text` with shortened month names written in full, as the corpus writes them.

    >>> with_months_spelled_out("extraditions by Feb 2020, and on Sept. 15")
    'extraditions by February 2020, and on September 15'
    """
    return _SHORT_MONTH.sub(lambda m: _MONTH_NAMES[m.group(1)[:3].lower()], text)


class Retriever:
    """Searches one loaded index with the embedder that built it."""

    def __init__(self, index: LoadedIndex, embedder: Embedder, settings: IndexSettings) -> None:
        self.index = index
        self.embedder = embedder
        self.settings = settings
        # Which stored sentences each chunk contains (by offsets), for sentence scoring, laid
        # end to end so that every chunk's best sentence is one `maximum.reduceat`.
        contained = _contained(index)
        sizes = np.array([len(m) for m in contained], dtype=np.intp)
        self._has_sentences = sizes > 0
        self._members = np.concatenate(contained) if sizes.any() else np.zeros(0, dtype=np.intp)
        self._member_starts = (np.cumsum(sizes) - sizes)[self._has_sentences]
        # The corpus spells a name out once and then uses its acronym ("DTOs"): a question
        # in either form reaches the other lexically.
        self.acronyms = Acronyms.from_texts([c.text for c in index.chunks])

    @classmethod
    def load(cls, settings: Settings, embedder: Embedder | None = None) -> Retriever:
        """Load and verify the live index (IndexError_ if it is missing or stale)."""
        inner = embedder if embedder is not None else get_embedder(settings.index)
        index = load_index(settings, inner.name)
        return cls(index, CachedEmbedder(inner, settings.cache_dir), settings.index)

    def query_vector(self, query: str) -> FloatArray:
        """The unit query vector (1-D); the embedder (a CachedEmbedder) keeps recent ones."""
        text = clean_query(query)
        # The model's cost grows with the square of the length: a question is short, and the
        # start of a 2,000-character paste says what it asks (BM25 still reads all of it).
        head = " ".join(text.split()[:DENSE_QUERY_WORDS])
        return np.asarray(self.embedder.encode_queries([head])[0], dtype=np.float32)

    def lexical_query(self, text: str) -> str:
        """The words of `text` to match lexically.

        "The brief" is the reader's name for the document, not a word of it: left in, it
        matches the one sentence that says "a brief overview" for every such question. An
        acronym brings what it stands for, words that spell one out bring the acronym, and a
        reader's word the corpus never uses brings the brief's ("bosses": "kingpin leaders").
        """
        text = without_document_name(text)
        return f"{text} {self.acronyms.other_forms(text)} {brief_words(text)}".strip()

    def bm25_weight(self, language: Language) -> float:
        """BM25's weight in the fusion for a query in `language`."""
        return self.settings.bm25_weight_es if language == "es" else self.settings.bm25_weight

    def search(self, query: str, k: int = 5, mode: Mode = "hybrid") -> list[Hit]:
        """The `k` best chunks for `query`, best first.

        Raises QueryError for an empty query, a k below 1, or an unknown mode.
        """
        text = clean_query(query)
        if k < 1:
            raise QueryError(f"k must be at least 1, not {k}")
        if mode not in MODES:
            raise QueryError(f"unknown search mode {mode!r}: choose one of {', '.join(MODES)}")
        n = len(self.index.chunks)
        dense: dict[int, tuple[float, int]] = {}
        lexical: dict[int, tuple[float, int]] = {}
        if mode != "bm25":
            dense = self._dense(text, min(n, max(CANDIDATES, k)))
        if mode != "dense":
            lexical = self._bm25(self.lexical_query(text), min(n, max(CANDIDATES, k)))

        if mode == "dense":
            fused = {i: s for i, (s, _) in dense.items()}
        elif mode == "bm25":
            fused = {i: s for i, (s, _) in lexical.items()}
        else:
            fused = self._fuse(dense, lexical, self.bm25_weight(detect_language(text)))
            if not asks_for_source(text):
                weight = self.settings.endnote_weight
                chunks = self.index.chunks
                fused = {
                    i: s * weight if chunks[i].kind == "endnote" else s for i, s in fused.items()
                }
        order = sorted(fused, key=lambda i: (-fused[i], i))[:k]
        return [
            Hit(
                chunk=self.index.chunks[i],
                rank=rank,
                score=float(fused[i]),
                dense_score=dense[i][0] if i in dense else None,
                dense_rank=dense[i][1] if i in dense else None,
                bm25_score=lexical[i][0] if i in lexical else None,
                bm25_rank=lexical[i][1] if i in lexical else None,
            )
            for rank, i in enumerate(order, start=1)
        ]

    def _dense(self, text: str, n: int) -> dict[int, tuple[float, int]]:
        vector = self.query_vector(text)
        scores, ids = self.index.faiss_index.search(vector.reshape(1, -1).astype(np.float32), n)
        found = [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
        if self.settings.sentence_max and len(self.index.sentences):
            # A chunk is as close as its closest sentence: a question about one sentence of
            # a long passage should not be diluted by the rest of it.
            sims = self.index.sentence_vectors @ vector
            sentence_best = np.full(len(self._has_sentences), -np.inf, dtype=np.float32)
            if len(self._members):
                sentence_best[self._has_sentences] = np.maximum.reduceat(
                    sims[self._members], self._member_starts
                )
            best = {i: max(s, float(sentence_best[i])) for i, s in found}
            found = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        return {i: (s, rank) for rank, (i, s) in enumerate(found, start=1)}

    def _bm25(self, text: str, n: int) -> dict[int, tuple[float, int]]:
        scores = self.index.lexical.scores(text)
        # Stable order on ties; a chunk with no matching term is not a BM25 candidate.
        order = [int(i) for i in np.argsort(-scores, kind="stable")[:n] if scores[i] > 0]
        return {i: (float(scores[i]), rank) for rank, i in enumerate(order, start=1)}

    def _fuse(
        self,
        dense: dict[int, tuple[float, int]],
        lexical: dict[int, tuple[float, int]],
        bm25_weight: float,
    ) -> dict[int, float]:
        if self.settings.fusion == "rrf":
            k = self.settings.rrf_k
            fused = {i: 1.0 / (k + rank) for i, (_, rank) in dense.items()}
            for i, (_, rank) in lexical.items():
                fused[i] = fused.get(i, 0.0) + bm25_weight / (k + rank)
            return fused
        dense_norm = _min_max({i: s for i, (s, _) in dense.items()})
        lexical_norm = _min_max({i: s for i, (s, _) in lexical.items()})
        return {
            i: dense_norm.get(i, 0.0) + bm25_weight * lexical_norm.get(i, 0.0)
            for i in dense.keys() | lexical.keys()
        }


def _contained(index: LoadedIndex) -> list[npt.NDArray[np.intp]]:
    by_doc: dict[str, list[tuple[int, int, int]]] = {}
    for j, sentence in enumerate(index.sentences):
        by_doc.setdefault(sentence.doc_id, []).append((sentence.start, sentence.end, j))
    return [
        np.array(
            [j for start, end, j in by_doc.get(c.doc_id, []) if c.start <= start and end <= c.end],
            dtype=np.intp,
        )
        for c in index.chunks
    ]


def _min_max(scores: dict[int, float]) -> dict[int, float]:
    if not scores:
        return {}
    low, high = min(scores.values()), max(scores.values())
    span = high - low
    return {i: (s - low) / span if span > 0 else 1.0 for i, s in scores.items()}
