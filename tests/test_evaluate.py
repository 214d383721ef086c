"""Eval metrics on small hand-made Answers over the tiny document, the gate, and `qa eval`."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from qa.chunking import Chunk
from qa.commands_eval import COMPARE_CONFIGS, RetrievalOnly, make_eval_command
from qa.evaluate import (
    EvalError,
    EvalRow,
    RowResult,
    Thresholds,
    ThresholdsError,
    answer_sentences,
    check_gate,
    contains_fact,
    documents_by_id,
    expected_splits,
    load_eval_set,
    load_thresholds,
    missing_facts,
    quote_is_faithful,
    score_row,
    summarise,
)
from qa.retrieve import Hit
from qa.settings import Settings
from qa.types import Answer, Citation, Document, Retrieved

DOC_ID = "tiny-brief"
BEGAN = "The Merida Initiative began in 2007."
TRUST = "Trust between the two governments has varied."
DRUGS = "Drug policy should be health-centered rather than punitive."


def make_row(**changes: Any) -> EvalRow:
    base = EvalRow(
        id="q001",
        question="When did the Merida Initiative begin?",
        answer="In 2007.",
        facts=(("2007",),),
        sections=("introduction",),
        endnotes=(1,),
        type="number",
        lang="en",
        answerable=True,
        split="dev",
    )
    return replace(base, **changes)


def cite(doc: Document, quote: str, marker: int, section_id: str = "introduction") -> Citation:
    start = doc.text.index(quote)
    return Citation(
        marker=marker,
        chunk_id=f"c{marker}",
        doc_id=DOC_ID,
        section_id=section_id,
        section=section_id,
        paragraph=1,
        endnotes=(),
        endnote_refs=(),
        quote=quote,
        start=start,
        end=start + len(quote),
        score=1.0,
    )


def make_answer(
    text: str,
    citations: tuple[Citation, ...] = (),
    abstained: bool = False,
    language: str = "en",
    sections: tuple[str, ...] = ("introduction",),
) -> Answer:
    retrieved = tuple(Retrieved(f"r{i}", s, (), 1.0) for i, s in enumerate(sections))
    return Answer("q", text, abstained, citations, (), {}, language, retrieved)


def score(
    row: EvalRow, answer: Answer | None, doc: Document, latency: float = 10.0, stage: bool = True
) -> Any:
    return score_row(RowResult(row, answer, latency), documents_by_id([doc]), answer_stage=stage)


# ---------------------------------------------------------------------------- facts


@pytest.mark.parametrize(
    ("text", "fact", "found"),
    [
        ("There were 587 cases.", "8", False),
        ("It happened in 2018.", "8", False),
        ("About 8 cases.", "8", True),
        ("Cases: 8.", "8", True),
        ("It grew 1.5 times.", "5", False),
        ("Some 2,000 troops.", "000", False),
        ("Some 2,000 troops.", "2,000", True),
        ("Almost 70 percent of them.", "70 percent", True),
        ("In the 1990s.", "1990", False),
        ("ALMOST   70\nPERCENT", "70 percent", True),
        ("Citizens’ Security First", "Citizens' Security First", True),
        ("the “war on drugs”", '"war on drugs"', True),
        ("López Obrador said", "lópez obrador", True),
        ("AMLO's plan", "AMLO", True),
        ("", "AMLO", False),
    ],
)
def test_contains_fact(text: str, fact: str, found: bool) -> None:
    assert contains_fact(text, fact) is found


def test_markers_are_not_facts() -> None:
    row = make_row(facts=(("8",), ("Merida", "Mérida")))
    assert missing_facts(row, "The Mérida Initiative [8].") == [("8",)]
    assert missing_facts(row, "The Merida Initiative had 8 parts [1].") == []


# ---------------------------------------------------------------------------- sentences


def test_answer_sentences_and_markers(tiny_doc: Document) -> None:
    answer = make_answer(f"{BEGAN} [1] {TRUST} [2][3] It grew.", ())
    sentences = answer_sentences(answer)
    assert [s.markers for s in sentences] == [(1,), (2, 3), ()]
    assert sentences[0].text == BEGAN


def test_spanish_lead_line_is_not_a_sentence(tiny_doc: Document) -> None:
    answer = make_answer(f"Respuesta del informe.\n\n{BEGAN} [1]", language="es")
    assert [s.markers for s in answer_sentences(answer, spanish_lead=True)] == [(1,)]
    assert [s.markers for s in answer_sentences(answer)] == [(), (1,)]


def test_a_quote_cited_whole_is_one_sentence(tiny_doc: Document) -> None:
    note = "Author, A. Title. Outlet, 2020."
    citation = replace(cite(tiny_doc, BEGAN, 1), quote=note)
    answer = make_answer(f"{note} [1]", (citation,))
    assert [s.markers for s in answer_sentences(answer)] == [(1,)]


# ---------------------------------------------------------------------------- citations


def test_supported_answer_scores_full(tiny_doc: Document) -> None:
    citations = (cite(tiny_doc, BEGAN, 1), cite(tiny_doc, DRUGS, 2, "future-1"))
    answer = make_answer(f"{BEGAN} [1] {DRUGS} [2]", citations)
    s = score(make_row(), answer, tiny_doc)
    assert s.key_facts is True
    assert s.citation_recall == 1.0
    assert s.citation_precision == 1.0
    assert s.quotes == (2, 2)
    assert s.well_formed is True
    assert s.cited_ok is True
    assert s.reasons == ()


def test_unrelated_quote_fails_recall_and_precision(tiny_doc: Document) -> None:
    answer = make_answer(f"{TRUST} [1]", (cite(tiny_doc, BEGAN, 1),))
    s = score(make_row(facts=(("varied",),)), answer, tiny_doc)
    assert s.citation_recall == 0.0
    assert s.citation_precision == 0.0


def test_partial_support_counts_for_precision_not_recall(tiny_doc: Document) -> None:
    sentence = "The Merida Initiative began in 2007 and changed everything about security policy"
    answer = make_answer(f"{sentence} [1].", (cite(tiny_doc, BEGAN, 1),))
    s = score(make_row(), answer, tiny_doc)
    assert s.citation_precision == 1.0  # every content word of the quote is in the sentence
    assert s.citation_recall == 0.0  # half of the sentence is not in the quote


def test_unmarked_sentence_and_missing_citation(tiny_doc: Document) -> None:
    s = score(
        make_row(), make_answer(f"{BEGAN} [1] It grew.", (cite(tiny_doc, BEGAN, 1),)), tiny_doc
    )
    assert s.sentences == (1, 2)
    assert s.citation_recall == 0.5
    assert s.well_formed is False
    assert "1 sentence(s) without a marker" in s.reasons
    bare = score(make_row(), make_answer("It began in 2007."), tiny_doc)
    assert bare.well_formed is False and "no citations" in bare.reasons


def test_quote_fidelity_catches_a_wrong_offset(tiny_doc: Document) -> None:
    good = cite(tiny_doc, BEGAN, 1)
    shifted = replace(good, start=good.start + 1, end=good.end + 1)
    docs = documents_by_id([tiny_doc])
    assert quote_is_faithful(good, docs)
    assert not quote_is_faithful(shifted, docs)
    assert not quote_is_faithful(replace(good, doc_id="other"), docs)
    assert not quote_is_faithful(replace(good, end=10**6), docs)
    answer = make_answer(f"{BEGAN} [1] {BEGAN} [2]", (good, replace(shifted, marker=2)))
    s = score(make_row(), answer, tiny_doc)
    assert s.quotes == (1, 2)
    assert any("not verbatim" in r for r in s.reasons)
    assert summarise([s], answer_stage=True).metrics["quote_fidelity"].value == 0.5


def test_cited_section_by_section_or_endnote(tiny_doc: Document) -> None:
    in_other = cite(tiny_doc, DRUGS, 1, "future-1")
    answer = make_answer(f"{DRUGS} [1] 2007", (in_other,))
    assert score(make_row(), answer, tiny_doc).cited_ok is False
    with_note = replace(in_other, endnotes=(1,))
    answer = make_answer(f"{DRUGS} [1] 2007", (with_note,))
    assert score(make_row(), answer, tiny_doc).cited_ok is True


# ---------------------------------------------------------------------------- summary


def test_abstention_metrics(tiny_doc: Document) -> None:
    cited = (cite(tiny_doc, BEGAN, 1),)
    unanswerable = make_row(id="u", type="unanswerable", answerable=False, facts=(), endnotes=())
    scores = [
        score(unanswerable, make_answer("The brief does not say.", abstained=True), tiny_doc),
        score(replace(unanswerable, id="u2"), make_answer(f"{BEGAN} [1]", cited), tiny_doc),
        score(make_row(id="a"), make_answer("The brief does not say.", abstained=True), tiny_doc),
        score(make_row(id="a2"), make_answer(f"{BEGAN} [1]", cited), tiny_doc),
    ]
    metrics = summarise(scores, answer_stage=True).values()
    assert metrics["abstention_recall"] == 0.5
    assert metrics["abstention_precision"] == 0.5
    assert metrics["false_abstention_rate"] == 0.5
    assert metrics["key_fact_accuracy"] == 0.5
    assert scores[1].reasons == ("answered a question the brief does not answer",)
    assert scores[2].reasons == ("abstained on an answerable question",)


def test_retrieval_metrics_and_breakdowns(tiny_doc: Document) -> None:
    def run(row: EvalRow, *sections: str) -> Any:
        return score(row, make_answer("x", sections=sections), tiny_doc, stage=False)

    first = run(make_row(id="a"), "introduction")
    third = run(make_row(id="b", lang="es"), "future", "future-1", "introduction")
    missed = run(make_row(id="c", endnotes=()), "future")
    summary = summarise([first, third, missed], answer_stage=False)
    values = summary.values()
    assert values["recall_at_3"] == pytest.approx(2 / 3)
    assert values["mrr"] == pytest.approx((1 + 1 / 3 + 0) / 3)
    assert values["key_fact_accuracy"] is None  # no answer stage: skipped, not zero
    assert [g.name for g in summary.per_lang] == ["en", "es"]
    assert summary.per_type[0].measure == "recall_at_5"
    assert missed.reasons == ("no gold section in the top 5 retrieved chunks",)


def test_latency_percentiles(tiny_doc: Document) -> None:
    scores = [score(make_row(id=f"q{i}"), None, tiny_doc, latency=float(i)) for i in range(101)]
    values = summarise(scores, answer_stage=True).values()
    assert values["latency_p50_ms"] == 50.0
    assert values["latency_p95_ms"] == 95.0


def test_expected_splits_alternate_within_type() -> None:
    rows = [make_row(id=i, type=t) for i, t in [("q3", "list"), ("q1", "list"), ("q2", "why")]]
    assert expected_splits(rows) == {"q1": "dev", "q3": "test", "q2": "dev"}


# ---------------------------------------------------------------------------- gate


def test_gate_passes_and_fails() -> None:
    thresholds = Thresholds("test", {"recall_at_3": 0.6, "mrr": 0.5}, {"latency_p95_ms": 100.0})
    values = {"recall_at_3": 0.5, "mrr": 0.9, "latency_p95_ms": None}
    failures = check_gate(values, thresholds)
    assert [(f.metric, f.kind) for f in failures] == [
        ("recall_at_3", "minimum"),
        ("latency_p95_ms", "maximum"),
    ]
    assert str(failures[0]) == "recall_at_3 = 0.5 < minimum 0.6"
    assert "not measured" in str(failures[1])
    assert check_gate({"recall_at_3": 0.6, "mrr": 0.5, "latency_p95_ms": 99.0}, thresholds) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not valid JSON"),
        ('{"split": "test"}', "expected"),
        ('{"metrics": {"recall_at_99": 0.1}}', "unknown metric"),
        ('{"metrics": {"mrr": "high"}}', "must be a number"),
        ('{"split": "train", "metrics": {}}', "'split'"),
    ],
)
def test_bad_thresholds_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "thresholds.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ThresholdsError, match=message):
        load_thresholds(path)
    with pytest.raises(ThresholdsError, match="not found"):
        load_thresholds(tmp_path / "missing.json")


def test_repo_thresholds_file_is_valid() -> None:
    thresholds = load_thresholds(Path(__file__).resolve().parent.parent / "eval/thresholds.json")
    assert thresholds.split == "test"
    assert {"recall_at_3", "mrr"} <= set(thresholds.minimums)


# ---------------------------------------------------------------------------- the set


def row_json(row: EvalRow) -> str:
    data = {
        "id": row.id,
        "question": row.question,
        "answer": row.answer,
        "facts": [list(g) for g in row.facts],
        "sections": list(row.sections),
        "endnotes": list(row.endnotes),
        "type": row.type,
        "lang": row.lang,
        "answerable": row.answerable,
        "split": row.split,
    }
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 2: not valid JSON"),
        ('{"id": "q9"}', "line 2: missing keys"),
        (row_json(make_row(id="q001")), "line 2: id 'q001' is already used on line 1"),
        (row_json(make_row(id="q9")).replace('"number"', '"trivia"'), "line 2: 'type'"),
        (row_json(make_row(id="q9", facts=())), "line 2: answerable rows need facts"),
        (row_json(make_row(id="q9")).replace('"endnotes": [1]', '"endnotes": ["1"]'), "line 2"),
    ],
)
def test_bad_row_names_its_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "qa.jsonl"
    path.write_text(row_json(make_row()) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(EvalError, match=message):
        load_eval_set(path)


# ---------------------------------------------------------------------------- CLI


class FakeAnswerer:
    """Canned answers by question over the tiny document; counts its calls."""

    def __init__(self, doc: Document, answers: dict[str, Answer]) -> None:
        self.documents = [doc]
        self.answers = answers
        self.calls: list[str] = []

    def answer(self, question: str, top_k: int = 5) -> Answer:
        self.calls.append(question)
        return self.answers.get(question, make_answer("The brief does not say.", abstained=True))


EVAL_ROWS = [
    make_row(id="q001"),
    make_row(
        id="q002",
        question="¿Qué propone el informe sobre drogas?",
        facts=(("health-centered",),),
        sections=("future-1",),
        endnotes=(3,),
        type="factoid",
        lang="es",
        split="test",
    ),
    make_row(
        id="q003",
        question="What is the recipe for mole poblano?",
        facts=(),
        sections=(),
        endnotes=(),
        type="unanswerable",
        answerable=False,
    ),
]


@pytest.fixture
def eval_file(tmp_path: Path) -> Path:
    path = tmp_path / "qa.jsonl"
    path.write_text("".join(row_json(r) + "\n" for r in EVAL_ROWS), encoding="utf-8")
    return path


@pytest.fixture
def fake(tiny_doc: Document) -> FakeAnswerer:
    drugs = cite(tiny_doc, DRUGS, 1, "future-1")
    return FakeAnswerer(
        tiny_doc,
        {
            EVAL_ROWS[0].question: make_answer(f"{BEGAN} [1]", (cite(tiny_doc, BEGAN, 1),)),
            EVAL_ROWS[1].question: make_answer(
                f"Frases del informe:\n\n{DRUGS} [1]", (drugs,), language="es"
            ),
        },
    )


def metric_cells(stdout: str) -> dict[str, list[str]]:
    """The summary table's cells after the metric name, by metric."""
    return {line.split()[0]: line.split()[1:] for line in stdout.splitlines() if line.strip()}


def invoke(factory: Any, *args: str) -> Any:
    command = make_eval_command(factory)
    return CliRunner().invoke(command, list(args), catch_exceptions=False)


def test_cli_runs_reports_and_tables(eval_file: Path, tmp_path: Path, fake: FakeAnswerer) -> None:
    reports = tmp_path / "reports"
    result = invoke(
        lambda s, m, e: fake, "--eval-file", str(eval_file), "--reports-dir", str(reports)
    )
    assert result.exit_code == 0, result.output
    assert metric_cells(result.stdout)["key_fact_accuracy"] == ["1.000", "2"]
    assert "unanswerable" in result.stdout and "abstention_accuracy" in result.stdout
    assert "by language (answerable rows): en 1" in result.stdout
    assert fake.calls[1:] == [r.question for r in EVAL_ROWS]  # calls[0] is the warm-up
    names = sorted(p.name for p in reports.iterdir())
    assert "latest.json" in names and "latest.md" in names
    assert sum(n.endswith(".png") for n in names) == 2
    report = json.loads((reports / "latest.json").read_text(encoding="utf-8"))
    assert report["configs"][0]["metrics"]["key_fact_accuracy_es"] == 1.0
    assert [r["id"] for r in report["configs"][0]["results"]] == ["q001", "q002", "q003"]
    markdown = (reports / "latest.md").read_text(encoding="utf-8")
    assert "## Failures (0 of 3, hybrid)" in markdown
    assert "-latency.png)" in markdown


def test_cli_markdown_lists_failures(eval_file: Path, tmp_path: Path, tiny_doc: Document) -> None:
    wrong = FakeAnswerer(tiny_doc, {EVAL_ROWS[0].question: make_answer(f"{TRUST} [1]", ())})
    reports = tmp_path / "reports"
    args = ["--eval-file", str(eval_file), "--reports-dir", str(reports), "--no-charts"]
    assert invoke(lambda s, m, e: wrong, *args).exit_code == 0
    markdown = (reports / "latest.md").read_text(encoding="utf-8")
    assert "### q001 · number · en · dev" in markdown
    assert "missing facts: '2007'" in markdown
    assert f"> {TRUST} [1]" in markdown
    assert "### q002" in markdown and "abstained on an answerable question" in markdown
    assert not list(reports.glob("*.png"))


def test_cli_json_split_and_limit(eval_file: Path, tmp_path: Path, fake: FakeAnswerer) -> None:
    args = ["--eval-file", str(eval_file), "--reports-dir", str(tmp_path / "r"), "--no-charts"]
    result = invoke(lambda s, m, e: fake, *args, "--json", "--split", "dev", "--limit", "1")
    data = json.loads(result.stdout)
    assert data["split"] == "dev" and data["limit"] == 1
    assert data["configs"][0]["rows"] == 1
    assert data["configs"][0]["metrics"]["recall_at_3"] == 1.0


def test_cli_gate(eval_file: Path, tmp_path: Path, fake: FakeAnswerer) -> None:
    args = ["--eval-file", str(eval_file), "--reports-dir", str(tmp_path / "r"), "--no-charts"]
    passing = tmp_path / "pass.json"
    passing.write_text('{"split": "all", "metrics": {"recall_at_3": 0.0, "mrr": 0.0}}')
    result = invoke(lambda s, m, e: fake, *args, "--fail-under", str(passing))
    assert result.exit_code == 0
    assert "eval gate: passed" in result.stdout
    failing = tmp_path / "fail.json"
    failing.write_text(
        '{"split": "all", "metrics": {"key_fact_accuracy": 1.0, "abstention_precision": 0.5},'
        ' "maximums": {"false_abstention_rate": 0.0}}'
    )
    slow = FakeAnswerer(
        fake.documents[0], {EVAL_ROWS[0].question: fake.answers[EVAL_ROWS[0].question]}
    )
    result = invoke(lambda s, m, e: slow, *args, "--fail-under", str(failing))
    assert result.exit_code == 1
    assert "eval gate: failed" in result.stdout
    assert "key_fact_accuracy = 0.5 < minimum 1" in result.stdout
    assert "false_abstention_rate = 0.5 > maximum 0" in result.stdout
    assert "abstention_precision" not in result.stdout.split("eval gate")[1]


def test_cli_gate_uses_the_thresholds_split(
    eval_file: Path, tmp_path: Path, fake: FakeAnswerer
) -> None:
    thresholds = tmp_path / "t.json"
    thresholds.write_text('{"split": "test", "metrics": {"mrr": 0.0}}')
    args = ["--eval-file", str(eval_file), "--reports-dir", str(tmp_path / "r"), "--no-charts"]
    result = invoke(lambda s, m, e: fake, *args, "--fail-under", str(thresholds), "--json")
    assert json.loads(result.stdout)["split"] == "test"
    assert "eval gate: passed" in result.stderr


def test_cli_compare_runs_every_configuration(
    eval_file: Path, tmp_path: Path, fake: FakeAnswerer
) -> None:
    seen: list[tuple[str, str | None]] = []

    def factory(settings: Settings, mode: str, embedder: str | None) -> FakeAnswerer:
        seen.append((mode, embedder))
        return fake

    args = ["--eval-file", str(eval_file), "--reports-dir", str(tmp_path / "r"), "--no-charts"]
    result = invoke(factory, *args, "--compare")
    assert result.exit_code == 0
    assert seen == [(c.mode, c.embedder) for c in COMPARE_CONFIGS]
    header = next(line for line in result.stdout.splitlines() if line.startswith("metric"))
    assert header.split() == ["metric", "bm25", "dense-e5", "dense-minilm", "hybrid"]


def test_cli_retrieval_only_says_answer_metrics_are_skipped(
    eval_file: Path, tmp_path: Path, tiny_doc: Document
) -> None:
    chunk = Chunk(
        "c1", DOC_ID, "introduction", "Introduction", (1,), 0, 5, "x", "x", (1,), "body", 3
    )

    class Searcher:
        def search(self, query: str, k: int = 5, mode: str = "hybrid") -> list[Hit]:
            return [Hit(chunk, 1, 1.0, 1.0, 1, None, None)]

    engine = RetrievalOnly(Searcher(), "hybrid")  # type: ignore[arg-type]
    args = ["--eval-file", str(eval_file), "--reports-dir", str(tmp_path / "r"), "--no-charts"]
    result = invoke(lambda s, m, e: engine, *args)
    assert result.exit_code == 0
    assert "answer metrics skipped" in result.stdout
    cells = metric_cells(result.stdout)
    assert cells["key_fact_accuracy"] == ["skipped"]
    assert cells["recall_at_3"] == ["0.500", "2"]  # q001 hits, q002 (future-1) misses


def test_cli_errors_are_one_line(tmp_path: Path, fake: FakeAnswerer) -> None:
    result = invoke(lambda s, m, e: fake, "--eval-file", str(tmp_path / "nope.jsonl"))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "eval set not found" in result.stderr
    assert "Traceback" not in result.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text(row_json(make_row()) + "\n{oops\n")
    result = invoke(lambda s, m, e: fake, "--eval-file", str(bad))
    assert result.exit_code == 1 and "line 2" in result.stderr


def test_eval_is_a_qa_subcommand() -> None:
    from qa.cli import main

    assert "eval" in main.commands


def test_facts_in_a_lead_in_do_not_count() -> None:
    row = EvalRow("s1", "q", "a", (("Review",), ("22",)), (), (), "source", "en", True, "dev")
    text = (
        "The source of endnote 2 (“Security Review”, p. 3) says: It delivered 22 helicopters. [1]"
    )
    assert missing_facts(row, text) == [("Review",)]
