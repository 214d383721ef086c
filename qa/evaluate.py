"""The eval set and its metrics: rows loaded and checked, then scored as pure functions.

Design: `load_eval_set` turns `eval/qa.jsonl` into frozen `EvalRow`s (a bad line is an
`EvalError` naming the line). `run_rows` sends every question through one answer engine (the
same `Answerer.answer` the API uses) and keeps the `Answer` and the wall time. `score_row`
scores one row from (row, Answer, documents) alone, and `summarise` folds the row scores into
the headline metrics, a per-type and a per-language breakdown. `check_gate` compares headline
metrics with the bounds of a thresholds file.

Concessions: answer sentences are found by cutting the text at every run of `[n]` markers and
splitting each piece with the project's own splitter (unless the piece is exactly a quote it
cites), so a sentence that carries no marker is still counted; support is measured on
content words (no stemming), so a faithful paraphrase can score as unsupported. MRR and
endnote recall look at the top 5 retrieved chunks, as recall@5 does, so every mode is
measured at the same depth whatever number of candidates the answer stage retrieves.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np

from qa.chunking import document_id
from qa.errors import QAError
from qa.leadin import LEAD_IN_RE
from qa.textclean import split_sentences, words
from qa.types import Answer, Citation, Document, Retrieved

EVAL_TYPES = (
    "factoid",
    "number",
    "list",
    "quote",
    "why",
    "source",
    "paraphrase",
    "multipart",
    "false-premise",
    "unanswerable",
)
LANGS = ("en", "es")
SPLITS = ("dev", "test")
ROW_KEYS = (
    "id",
    "question",
    "answer",
    "facts",
    "sections",
    "endnotes",
    "type",
    "lang",
    "answerable",
    "split",
)
# Rows about the documents behind the endnotes also say which document and page they expect.
OPTIONAL_KEYS = ("documents", "pages")

RETRIEVAL_METRICS = ("recall_at_3", "recall_at_5", "mrr", "endnote_recall")
ANSWER_METRICS = (
    "key_fact_accuracy",
    "key_fact_accuracy_es",
    "cited_section_accuracy",
    "source_citation_accuracy",
    "quote_fidelity",
    "citation_recall",
    "citation_precision",
    "abstention_precision",
    "abstention_recall",
    "false_abstention_rate",
    "well_formed_answers",
)
LATENCY_METRICS = ("latency_p50_ms", "latency_p95_ms")
HEADLINE_METRICS = RETRIEVAL_METRICS + ANSWER_METRICS + LATENCY_METRICS
# For these a smaller value is better, so a thresholds file bounds them from above.
LOWER_IS_BETTER = frozenset({"false_abstention_rate", "latency_p50_ms", "latency_p95_ms"})

TOP_K = 5
RECALL_SUPPORT = 0.8  # share of a sentence's content words its cited quotes must hold
PRECISION_SUPPORT = 0.5  # share of a quote's content words its sentence must hold

# Words that carry no claim; leaving them in would let any quote "support" any sentence.
_STOPWORD_TEXT = """
    a an the of and or but nor to in on at by for from with without into onto over under
    about above below between among through during before after since until as than then so
    that this these those there here it its they them their he she his her him we our you your
    i me my is are was were be been being am do does did done has have had having will would
    shall should can could may might must not no yes also too very more most less least such
    which who whom whose what when where why how all any both each few other some own same
    just only even still yet however thus therefore while whereas if because although though
    s t de la el los las del y en que por para con se su sus un una al lo es son"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'}
)
_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
# One or more markers, with the punctuation that closes their sentence ("2007 [1][2].").
_MARKER_RUN = re.compile(r"(?:\s*\[\d+(?:\s*,\s*\d+)*\])+[.!?;:]*")
_WORDY = re.compile(r"\w")


class EvalError(QAError):
    """The eval set or its options cannot be used as given."""


class ThresholdsError(EvalError):
    """The thresholds file is missing or malformed."""


# ---------------------------------------------------------------------------- the set


@dataclass(frozen=True, slots=True)
class EvalRow:
    """One question of the eval set (see eval/README.md for the meaning of each field)."""

    id: str
    question: str
    answer: str
    facts: tuple[tuple[str, ...], ...]
    sections: tuple[str, ...]
    endnotes: tuple[int, ...]
    type: str
    lang: str
    answerable: bool
    split: str
    documents: tuple[str, ...] = ()  # doc ids the answer must cite (e.g. 'sources/note-02')
    pages: tuple[int, ...] = ()  # pages of those documents, when they have pages


def load_eval_set(path: Path) -> list[EvalRow]:
    """Read and validate a JSONL eval set; EvalError names the file and line of a bad row."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise EvalError(f"{path}: eval set not found; give one with --eval-file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read the eval set ({exc})") from None
    rows: list[EvalRow] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path} line {number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
        row = parse_row(data, where)
        if row.id in seen:
            raise EvalError(f"{where}: id {row.id!r} is already used on line {seen[row.id]}")
        seen[row.id] = number
        rows.append(row)
    if not rows:
        raise EvalError(f"{path}: the eval set is empty")
    return rows


def parse_row(data: Any, where: str) -> EvalRow:
    """One row from its decoded JSON, checked against the schema in eval/README.md."""
    if not isinstance(data, dict):
        raise EvalError(f"{where}: a row must be a JSON object")
    missing = [k for k in ROW_KEYS if k not in data]
    extra = sorted(set(data) - set(ROW_KEYS) - set(OPTIONAL_KEYS))
    if missing:
        raise EvalError(f"{where}: missing keys {', '.join(missing)}")
    if extra:
        known = ", ".join(ROW_KEYS + OPTIONAL_KEYS)
        raise EvalError(f"{where}: unknown keys {', '.join(extra)}; keys are {known}")
    documents = data.get("documents", [])
    if not isinstance(documents, list) or not all(isinstance(d, str) and d for d in documents):
        raise EvalError(f"{where}: 'documents' must be a list of document ids")
    pages = data.get("pages", [])
    if not isinstance(pages, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in pages
    ):
        raise EvalError(f"{where}: 'pages' must be a list of positive integers")

    def text(key: str) -> str:
        value = data[key]
        if not isinstance(value, str) or not value.strip():
            raise EvalError(f"{where}: {key!r} must be a non-empty string")
        return value

    def choice(key: str, allowed: Sequence[str]) -> str:
        value = text(key)
        if value not in allowed:
            raise EvalError(f"{where}: {key!r} is {value!r}; allowed: {', '.join(allowed)}")
        return value

    facts = data["facts"]
    if not isinstance(facts, list) or not all(
        isinstance(g, list) and g and all(isinstance(a, str) and a.strip() for a in g)
        for g in facts
    ):
        raise EvalError(f"{where}: 'facts' must be a list of non-empty lists of strings")
    sections = data["sections"]
    if not isinstance(sections, list) or not all(isinstance(s, str) and s for s in sections):
        raise EvalError(f"{where}: 'sections' must be a list of section ids")
    notes = data["endnotes"]
    if not isinstance(notes, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in notes
    ):
        raise EvalError(f"{where}: 'endnotes' must be a list of positive integers")
    if not isinstance(data["answerable"], bool):
        raise EvalError(f"{where}: 'answerable' must be true or false")
    row = EvalRow(
        id=text("id"),
        question=text("question"),
        answer=text("answer"),
        facts=tuple(tuple(g) for g in facts),
        sections=tuple(sections),
        endnotes=tuple(notes),
        type=choice("type", EVAL_TYPES),
        lang=choice("lang", LANGS),
        answerable=data["answerable"],
        split=choice("split", SPLITS),
        documents=tuple(documents),
        pages=tuple(pages),
    )
    if row.answerable == (row.type == "unanswerable"):
        raise EvalError(f"{where}: 'answerable' must be false exactly for type 'unanswerable'")
    if row.answerable != bool(row.facts):
        raise EvalError(f"{where}: answerable rows need facts; unanswerable rows have none")
    return row


def expected_splits(rows: Iterable[EvalRow]) -> dict[str, str]:
    """The split rule of eval/README.md: per type, by id, alternate dev, test, dev, ...

    >>> rows = [EvalRow(i, "q", "a", (("x",),), (), (), "number", "en", True, "dev")
    ...         for i in ("q2", "q1", "q3")]
    >>> expected_splits(rows)
    {'q1': 'dev', 'q2': 'test', 'q3': 'dev'}
    """
    by_type: dict[str, list[str]] = {}
    for row in rows:
        by_type.setdefault(row.type, []).append(row.id)
    return {
        row_id: SPLITS[i % 2] for ids in by_type.values() for i, row_id in enumerate(sorted(ids))
    }


def select_rows(rows: Sequence[EvalRow], split: str, limit: int | None = None) -> list[EvalRow]:
    """Rows of a split ('dev', 'test' or 'all'), the first `limit` of them if given."""
    if split not in (*SPLITS, "all"):
        raise EvalError(f"unknown split {split!r}: choose dev, test or all")
    chosen = [r for r in rows if split == "all" or r.split == split]
    return chosen[:limit] if limit is not None else chosen


# ---------------------------------------------------------------------------- running


class AnswerEngine(Protocol):
    """What the eval needs from the answer stage: `Answerer.answer` and the parsed corpus."""

    documents: list[Document]

    def answer(self, question: str, top_k: int = 5) -> Answer: ...


@dataclass(frozen=True, slots=True)
class RowResult:
    """What one question produced: the answer (None on error), its wall time, any error."""

    row: EvalRow
    answer: Answer | None
    latency_ms: float
    error: str = ""


def run_rows(
    engine: AnswerEngine,
    rows: Sequence[EvalRow],
    top_k: int = TOP_K,
    progress: Callable[[int], None] | None = None,
) -> list[RowResult]:
    """Every question through `engine.answer`, timed; a QAError is recorded, not raised."""
    results: list[RowResult] = []
    for row in rows:
        began = time.perf_counter()
        try:
            answer: Answer | None = engine.answer(row.question, top_k=top_k)
            error = ""
        except QAError as exc:  # a question the engine refuses is a failed row, not a crash
            answer, error = None, str(exc)
        results.append(RowResult(row, answer, (time.perf_counter() - began) * 1000.0, error))
        if progress is not None:
            progress(1)
    return results


# ---------------------------------------------------------------------------- text


def normalize_text(text: str) -> str:
    """Lowercase, straight quotes, one space between words (for fact matching).

    >>> normalize_text("Citizens’  Security\\nFirst")
    "citizens' security first"
    """
    return " ".join(unicodedata.normalize("NFC", text).translate(_QUOTES).lower().split())


def strip_markers(text: str) -> str:
    """The text without `[n]` markers.

    >>> strip_markers("It began in 2007 [1][2].")
    'It began in 2007.'
    """
    return re.sub(r"\s+([.!?;:,])", r"\1", _MARKER.sub("", text)).strip()


def contains_fact(text: str, alternative: str) -> bool:
    """True if `alternative` occurs in `text`; numbers only as whole tokens.

    >>> contains_fact("In 2018 there were 587 cases.", "8"), contains_fact("8 cases", "8")
    (False, True)
    """
    hay, needle = normalize_text(text), normalize_text(alternative)
    if not needle:
        return False
    if not any(c.isdigit() for c in needle):
        return needle in hay
    # A digit or letter (or "2," of "2,000", "1." of "1.5") next to it makes a longer token.
    left = r"(?<!\w)(?<!\d[.,])" if needle[0].isalnum() else ""
    right = r"(?!\w)(?![.,]\d)" if needle[-1].isalnum() else ""
    return re.search(left + re.escape(needle) + right, hay) is not None


def missing_facts(row: EvalRow, answer_text: str) -> list[tuple[str, ...]]:
    """The fact groups of which no alternative occurs in the answer text (markers removed).

    The lead-ins that say whose words a quote is are removed too: a fact found only in a
    source's title, as the lead-in names it, is not a fact the answer states.
    """
    text = strip_markers(LEAD_IN_RE.sub("", answer_text))
    return [group for group in row.facts if not any(contains_fact(text, a) for a in group)]


def content_words(text: str) -> set[str]:
    """Words that carry meaning: folded to lowercase ASCII, stopwords and lone letters out.

    >>> sorted(content_words("The Mérida Initiative began in 2007."))
    ['2007', 'began', 'initiative', 'merida']
    """
    return {w for w in words(text) if w not in _STOPWORDS and not (len(w) == 1 and w.isalpha())}


@dataclass(frozen=True, slots=True)
class AnswerSentence:
    """A sentence of an answer, markers removed, with the marker numbers it carries."""

    text: str
    markers: tuple[int, ...]


def answer_sentences(answer: Answer, spanish_lead: bool = False) -> list[AnswerSentence]:
    """The sentences of an answer and their markers; a Spanish answer's unmarked lead is skipped.

    >>> a = Answer("q", "It began in 2007 [1]. It grew. It ended [2, 3].", False, (), (), {})
    >>> [(s.text, s.markers) for s in answer_sentences(a)]
    [('It began in 2007', (1,)), ('It grew.', ()), ('It ended', (2, 3))]
    """
    text = answer.answer
    if spanish_lead and "\n" in text:
        lead, rest = text.split("\n", 1)
        if not _MARKER.search(lead):
            text = rest
    sentences: list[AnswerSentence] = []
    cursor = 0
    quotes = {c.marker: normalize_text(c.quote) for c in answer.citations}
    for run in _MARKER_RUN.finditer(text):
        markers = tuple(int(n) for m in _MARKER.finditer(run.group()) for n in m[1].split(","))
        # Whose words follow ("The source of endnote 13 (...) says: ") is not part of the quote.
        segment = LEAD_IN_RE.sub("", text[cursor : run.start()])
        cursor = run.end()
        # A quote cited whole is one unit, even if it reads as two sentences (an endnote's
        # 'Author. "Title," date'): no part of it is uncited.
        flat = normalize_text(segment)
        if flat and any(flat in quotes.get(m, "") for m in markers):
            sentences.append(AnswerSentence(segment.strip(), markers))
        else:
            sentences.extend(_sentences(segment, markers))
    sentences.extend(_sentences(text[cursor:], ()))
    if spanish_lead and "\n" not in answer.answer and sentences and not sentences[0].markers:
        sentences = sentences[1:]  # a one-line answer whose Spanish lead ends with a period
    return sentences


def _sentences(segment: str, markers: tuple[int, ...]) -> list[AnswerSentence]:
    """A stretch of text ending at one marker run: only its last sentence carries the markers."""
    spans = [(s, e) for s, e in split_sentences(segment) if _WORDY.search(segment[s:e])]
    return [
        AnswerSentence(segment[s:e].strip(), markers if i == len(spans) - 1 else ())
        for i, (s, e) in enumerate(spans)
    ]


# ---------------------------------------------------------------------------- citations


def quote_is_faithful(citation: Citation, documents: Mapping[str, Document]) -> bool:
    """True if the quote is exactly `document.text[start:end]` of the document it names."""
    doc = documents.get(citation.doc_id)
    if doc is None or not citation.quote:
        return False
    if not 0 <= citation.start < citation.end <= len(doc.text):
        return False
    return doc.text[citation.start : citation.end] == citation.quote


def documents_by_id(documents: Iterable[Document]) -> dict[str, Document]:
    """Documents by the id citations use: the source file name without its extension."""
    return {document_id(doc): doc for doc in documents}


def _share(part: set[str], whole: set[str]) -> float:
    return len(part & whole) / len(part) if part else 1.0


def sentence_supported(sentence: AnswerSentence, citations: Sequence[Citation]) -> bool:
    """ALCE-style recall test: the union of the cited quotes holds >= 80% of its content words."""
    quotes = [c.quote for c in citations if c.marker in sentence.markers]
    if not quotes:
        return False
    found = set().union(*(content_words(q) for q in quotes))
    return _share(content_words(sentence.text), found) >= RECALL_SUPPORT


def citation_relevant(citation: Citation, sentences: Sequence[AnswerSentence]) -> bool:
    """ALCE-style precision test: >= 50% of the quote's content words are in a citing sentence."""
    quote = content_words(citation.quote)
    return any(
        _share(quote, content_words(s.text)) >= PRECISION_SUPPORT
        for s in sentences
        if citation.marker in s.markers
    )


def cited_section_ok(row: EvalRow, answer: Answer) -> bool:
    """True if a citation is in a gold section or carries a gold endnote."""
    gold_notes = set(row.endnotes)
    return any(
        c.section_id in row.sections or gold_notes.intersection(c.endnotes)
        for c in answer.citations
    )


def source_cited_ok(row: EvalRow, answer: Answer) -> bool:
    """True if a citation quotes an expected document and names its source, page and endnote.

    A citation into a source must name the source (a title), the page when the row expects
    one, and one of the row's endnotes as the note that links the source.
    """
    for c in answer.citations:
        if c.doc_id not in row.documents:
            continue
        if c.source is None:
            if c.document_kind != "source":
                return True  # another document of the corpus: naming it is enough
            continue
        if not c.source.title:
            continue
        if row.pages and c.source.page not in row.pages:
            continue
        if row.endnotes and not set(row.endnotes).intersection(c.source.endnotes):
            continue
        return True
    return False


# ---------------------------------------------------------------------------- retrieval


def first_gold_rank(row: EvalRow, retrieved: Sequence[Retrieved]) -> int | None:
    """1-based rank of the first retrieved chunk in a gold section, None if there is none."""
    for rank, hit in enumerate(retrieved, start=1):
        if hit.section_id in row.sections:
            return rank
    return None


def endnote_recall(row: EvalRow, retrieved: Sequence[Retrieved], k: int = TOP_K) -> float | None:
    """Share of the gold endnotes found among the top-k chunks' endnotes (None if no gold)."""
    if not row.endnotes:
        return None
    found = {n for hit in retrieved[:k] for n in hit.endnotes}
    gold = set(row.endnotes)
    return len(gold & found) / len(gold)


# ---------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class RowScore:
    """Every per-row verdict the summary needs, and why the row failed (empty if it passed)."""

    row: EvalRow
    latency_ms: float
    answer_text: str
    abstained: bool
    cited_sections: tuple[str, ...]
    retrieved_sections: tuple[str, ...]
    gold_rank: int | None
    endnote_recall: float | None
    key_facts: bool | None  # None: not scored (unanswerable row, or no answer stage)
    missing: tuple[tuple[str, ...], ...]
    cited_ok: bool | None
    quotes: tuple[int, int]  # (faithful, total)
    citation_recall: float | None
    citation_precision: float | None
    sentences: tuple[int, int]  # (with a marker, total)
    well_formed: bool | None
    reasons: tuple[str, ...] = ()
    error: str = ""
    source_ok: bool | None = None  # rows that expect documents: cited with source, page, note


def score_row(
    result: RowResult, documents: Mapping[str, Document], answer_stage: bool = True
) -> RowScore:
    """Score one row from its answer alone; answer metrics stay None without an answer stage."""
    row, answer = result.row, result.answer
    retrieved = answer.retrieved if answer is not None else ()
    rank = first_gold_rank(row, retrieved)
    notes = endnote_recall(row, retrieved) if row.answerable else None
    sections = tuple(h.section_id for h in retrieved)
    reasons: list[str] = [f"error: {result.error}"] if result.error else []
    if not answer_stage or answer is None:
        if row.answerable and row.sections and (rank is None or rank > TOP_K):
            reasons.append(f"no gold section in the top {TOP_K} retrieved chunks")
        # With an answer stage, a question that raised has failed every answer check.
        failed = answer_stage and row.answerable
        return RowScore(
            row=row,
            latency_ms=result.latency_ms,
            answer_text="",
            abstained=False,
            cited_sections=(),
            retrieved_sections=sections,
            gold_rank=rank,
            endnote_recall=notes,
            key_facts=False if failed else None,
            missing=row.facts if failed else (),
            cited_ok=None,
            quotes=(0, 0),
            citation_recall=None,
            citation_precision=None,
            sentences=(0, 0),
            well_formed=None,
            reasons=tuple(reasons),
            error=result.error,
        )

    spanish = row.lang == "es" or answer.language == "es"
    sentences = [] if answer.abstained else answer_sentences(answer, spanish_lead=spanish)
    faithful = sum(quote_is_faithful(c, documents) for c in answer.citations)
    marked = sum(bool(s.markers) for s in sentences)
    missing: list[tuple[str, ...]] = []
    key_facts: bool | None = None
    cited_ok: bool | None = None
    source_ok: bool | None = None
    if row.answerable:
        missing = list(row.facts) if answer.abstained else missing_facts(row, answer.answer)
        key_facts = not answer.abstained and not missing
        if answer.abstained:
            reasons.append("abstained on an answerable question")
        elif missing:
            shown = "; ".join(" | ".join(repr(a) for a in g) for g in missing)
            reasons.append(f"missing facts: {shown}")
        if not answer.abstained:
            cited_ok = cited_section_ok(row, answer)
            if not cited_ok:
                reasons.append("no citation in a gold section or with a gold endnote")
            if row.documents:
                source_ok = source_cited_ok(row, answer)
                if not source_ok:
                    reasons.append("no citation naming the expected source, page and endnote")
    elif not answer.abstained:
        reasons.append("answered a question the brief does not answer")
    if faithful < len(answer.citations):
        reasons.append(f"{len(answer.citations) - faithful} quote(s) not verbatim at their offsets")
    well_formed: bool | None = None
    recall: float | None = None
    precision: float | None = None
    if not answer.abstained:
        well_formed = bool(answer.citations) and marked == len(sentences)
        if not answer.citations:
            reasons.append("no citations")
        elif marked < len(sentences):
            reasons.append(f"{len(sentences) - marked} sentence(s) without a marker")
        if sentences:
            recall = sum(sentence_supported(s, answer.citations) for s in sentences) / len(
                sentences
            )
        if answer.citations:
            precision = sum(citation_relevant(c, sentences) for c in answer.citations) / len(
                answer.citations
            )
    return RowScore(
        row=row,
        latency_ms=result.latency_ms,
        answer_text=answer.answer,
        abstained=answer.abstained,
        cited_sections=tuple(dict.fromkeys(c.section_id for c in answer.citations)),
        retrieved_sections=sections,
        gold_rank=rank,
        endnote_recall=notes,
        key_facts=key_facts,
        missing=tuple(missing),
        cited_ok=cited_ok,
        quotes=(faithful, len(answer.citations)),
        citation_recall=recall,
        citation_precision=precision,
        sentences=(marked, len(sentences)),
        well_formed=well_formed,
        reasons=tuple(reasons),
        error=result.error,
        source_ok=source_ok,
    )


# ---------------------------------------------------------------------------- summary


@dataclass(frozen=True, slots=True)
class Metric:
    """A headline metric: its value (None when nothing was measurable) and its denominator."""

    name: str
    value: float | None
    n: int


@dataclass(frozen=True, slots=True)
class GroupScore:
    """One line of a breakdown: rows, the group's accuracy (what it means is `measure`), MRR."""

    name: str
    n: int
    measure: str
    accuracy: float | None
    recall_at_5: float | None
    mrr: float | None


@dataclass(frozen=True, slots=True)
class Summary:
    """The result of one configuration: headline metrics, breakdowns, and every row's score."""

    config: str
    mode: str
    embedder: str | None
    answer_stage: bool
    metrics: dict[str, Metric]
    per_type: tuple[GroupScore, ...]
    per_lang: tuple[GroupScore, ...]
    scores: tuple[RowScore, ...] = field(default=(), repr=False)

    def values(self) -> dict[str, float | None]:
        """Headline metric values by name."""
        return {name: m.value for name, m in self.metrics.items()}

    @property
    def failures(self) -> list[RowScore]:
        """Rows that failed any check, in eval-set order."""
        return [s for s in self.scores if s.reasons]


def mean(values: Iterable[float | bool]) -> tuple[float | None, int]:
    """(mean, count) of the values; mean None when there are none."""
    items = [float(v) for v in values]
    return (sum(items) / len(items) if items else None), len(items)


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (linear interpolation), None for no values.

    >>> percentile([10.0, 20.0, 30.0, 40.0], 50)
    25.0
    """
    return float(np.percentile(np.asarray(values, dtype=float), q)) if values else None


def abstention_metrics(scores: Sequence[RowScore]) -> dict[str, tuple[float | None, int]]:
    """Precision and recall of abstaining (positive = unanswerable), false-abstention rate."""
    unanswerable = [s for s in scores if not s.row.answerable]
    answerable = [s for s in scores if s.row.answerable]
    abstained = [s for s in scores if s.abstained]
    return {
        "abstention_recall": mean(s.abstained for s in unanswerable),
        "abstention_precision": mean(not s.row.answerable for s in abstained),
        "false_abstention_rate": mean(s.abstained for s in answerable),
    }


def _hit(score: RowScore, k: int) -> bool:
    return score.gold_rank is not None and score.gold_rank <= k


def _retrieval(scores: Sequence[RowScore]) -> dict[str, tuple[float | None, int]]:
    gold = [s for s in scores if s.row.answerable and s.row.sections]
    return {
        "recall_at_3": mean(_hit(s, 3) for s in gold),
        "recall_at_5": mean(_hit(s, 5) for s in gold),
        "mrr": mean(1.0 / s.gold_rank if _hit(s, TOP_K) and s.gold_rank else 0.0 for s in gold),
        "endnote_recall": mean(s.endnote_recall for s in scores if s.endnote_recall is not None),
    }


def summarise(
    scores: Sequence[RowScore],
    answer_stage: bool,
    config: str = "hybrid",
    mode: str = "hybrid",
    embedder: str | None = None,
) -> Summary:
    """Fold row scores into the headline metrics and the per-type and per-language lines."""
    found: dict[str, tuple[float | None, int]] = dict(_retrieval(scores))
    if answer_stage:
        answered = [s for s in scores if s.key_facts is not None]
        faithful = sum(s.quotes[0] for s in scores)
        total = sum(s.quotes[1] for s in scores)
        found.update(
            {
                "key_fact_accuracy": mean(bool(s.key_facts) for s in answered),
                "key_fact_accuracy_es": mean(
                    bool(s.key_facts) for s in answered if s.row.lang == "es"
                ),
                "cited_section_accuracy": mean(
                    bool(s.cited_ok) for s in scores if s.cited_ok is not None
                ),
                "source_citation_accuracy": mean(
                    bool(s.source_ok) for s in scores if s.source_ok is not None
                ),
                "quote_fidelity": ((faithful / total) if total else None, total),
                "citation_recall": mean(
                    s.citation_recall for s in scores if s.citation_recall is not None
                ),
                "citation_precision": mean(
                    s.citation_precision for s in scores if s.citation_precision is not None
                ),
                **abstention_metrics(scores),
                "well_formed_answers": mean(
                    bool(s.well_formed) for s in scores if s.well_formed is not None
                ),
            }
        )
    latencies = [s.latency_ms for s in scores]
    found["latency_p50_ms"] = (percentile(latencies, 50), len(latencies))
    found["latency_p95_ms"] = (percentile(latencies, 95), len(latencies))
    metrics = {
        name: Metric(name, *found.get(name, (None, 0)))  # answer metrics: None, n=0 if skipped
        for name in HEADLINE_METRICS
    }
    per_type = tuple(
        _group(t, [s for s in scores if s.row.type == t], answer_stage)
        for t in EVAL_TYPES
        if any(s.row.type == t for s in scores)
    )
    per_lang = tuple(
        _group(lang, [s for s in scores if s.row.lang == lang and s.row.answerable], answer_stage)
        for lang in LANGS
        if any(s.row.lang == lang for s in scores)
    )
    return Summary(config, mode, embedder, answer_stage, metrics, per_type, per_lang, tuple(scores))


def _group(name: str, scores: Sequence[RowScore], answer_stage: bool) -> GroupScore:
    retrieval = _retrieval(scores)
    if not answer_stage:
        measure, accuracy = "recall_at_5", retrieval["recall_at_5"][0]
    elif scores and not any(s.row.answerable for s in scores):
        measure, accuracy = "abstention_accuracy", mean(s.abstained for s in scores)[0]
    else:
        measure = "key_fact_accuracy"
        accuracy = mean(bool(s.key_facts) for s in scores if s.key_facts is not None)[0]
    return GroupScore(
        name, len(scores), measure, accuracy, retrieval["recall_at_5"][0], retrieval["mrr"][0]
    )


# ---------------------------------------------------------------------------- gate


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Bounds for headline metrics: minimums, and maximums for lower-is-better metrics."""

    split: str
    minimums: dict[str, float]
    maximums: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class GateFailure:
    """A metric outside its bound (value None: the metric was not measured in this run)."""

    metric: str
    value: float | None
    bound: float
    kind: Literal["minimum", "maximum"]

    def __str__(self) -> str:
        shown = "not measured" if self.value is None else f"{self.value:.4g}"
        sign = "<" if self.kind == "minimum" else ">"
        return f"{self.metric} = {shown} {sign} {self.kind} {self.bound:g}"


def load_thresholds(path: Path) -> Thresholds:
    """Read `{"split": ..., "metrics": {name: minimum}, "maximums": {name: maximum}}`."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ThresholdsError(f"{path}: thresholds file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ThresholdsError(f"{path}: cannot read the thresholds file ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ThresholdsError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("metrics"), dict):
        raise ThresholdsError(f'{path}: expected {{"split": ..., "metrics": {{name: minimum}}}}')
    extra = sorted(set(data) - {"split", "metrics", "maximums"})
    if extra:
        raise ThresholdsError(f"{path}: unknown keys {', '.join(extra)}")
    split = data.get("split", "test")
    if split not in (*SPLITS, "all"):
        raise ThresholdsError(f"{path}: 'split' is {split!r}; allowed: dev, test, all")
    maximums = data.get("maximums", {})
    if not isinstance(maximums, dict):
        raise ThresholdsError(f"{path}: 'maximums' must map metric names to numbers")
    return Thresholds(split, _bounds(path, data["metrics"]), _bounds(path, maximums))


def _bounds(path: Path, raw: dict[Any, Any]) -> dict[str, float]:
    bounds: dict[str, float] = {}
    for name, value in raw.items():
        if name not in HEADLINE_METRICS:
            raise ThresholdsError(
                f"{path}: unknown metric {name!r}; metrics are: {', '.join(HEADLINE_METRICS)}"
            )
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ThresholdsError(f"{path}: the bound of {name!r} must be a number, not {value!r}")
        bounds[name] = float(value)
    return bounds


def check_gate(values: Mapping[str, float | None], thresholds: Thresholds) -> list[GateFailure]:
    """Metrics below their minimum or above their maximum; an unmeasured metric fails."""
    failures: list[GateFailure] = []
    for name, low in thresholds.minimums.items():
        value = values.get(name)
        if value is None or value < low:
            failures.append(GateFailure(name, value, low, "minimum"))
    for name, high in thresholds.maximums.items():
        value = values.get(name)
        if value is None or value > high:
            failures.append(GateFailure(name, value, high, "maximum"))
    return failures
