"""Hybrid search: modes, fusion, language awareness, bad input, and the search command."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import FakeEmbedder

from qa import store
from qa.bm25 import tokenize
from qa.commands_index import search_cmd
from qa.errors import QueryError
from qa.retrieve import (
    DENSE_QUERY_WORDS,
    Retriever,
    asks_for_source,
    clean_query,
    without_document_name,
)
from qa.settings import Settings

BAD_INPUTS = [
    "x" * 10_000,
    "🙂🔥🇲🇽",
    "<script>alert('drug policy')</script><b>Mérida</b>",
    "'; DROP TABLE chunks; -- SELECT * FROM endnotes WHERE 1=1",
    "墨西哥的安全合作是什么？",
    "Quelle est la politique de sécurité du Mexique ?",
    "\x00\x01 control \x7f characters\u200b",
    "?",
]


@pytest.fixture
def mini(mini_settings: Settings, fake_backend: FakeEmbedder) -> Retriever:
    store.build_index(mini_settings)
    return Retriever.load(mini_settings)


@pytest.fixture(scope="module")
def real(real_e5_settings: Settings) -> Retriever:
    return Retriever.load(real_e5_settings)


@pytest.mark.parametrize("query", ["", "   ", "\n\t ", "\x00\x00"])
def test_empty_queries_are_refused(query: str) -> None:
    with pytest.raises(QueryError, match="empty"):
        clean_query(query)


def test_clean_query() -> None:
    assert clean_query("  drug\x00 policy \n\n now ") == "drug policy now"
    assert len(clean_query("y" * 10_000)) == 2000


def test_asks_for_source() -> None:
    assert asks_for_source("Which report does note 13 cite?")
    assert asks_for_source("¿Quién escribió la columna publicada en El Universal?")
    assert not asks_for_source("What does the author recommend on migration?")


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_modes(mini: Retriever, mode: str) -> None:
    hits = mini.search("Merida Initiative 2007", k=3, mode=mode)  # type: ignore[arg-type]
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert all(a.score >= b.score for a, b in itertools.pairwise(hits))
    assert hits[0].chunk.section_id in {"introduction", "notes"}
    top = hits[0]
    assert (top.dense_score is None) == (mode == "bm25")
    assert (top.bm25_score is None) == (mode == "dense")


def test_k_and_mode_are_checked(mini: Retriever) -> None:
    with pytest.raises(QueryError, match="k must be"):
        mini.search("violence", k=0)
    with pytest.raises(QueryError, match="unknown search mode"):
        mini.search("violence", mode="magic")  # type: ignore[arg-type]
    assert len(mini.search("violence", k=500)) == len(mini.index.chunks)


def test_query_vector_is_cached(mini: Retriever, fake_backend: FakeEmbedder) -> None:
    before = len(fake_backend.calls)
    first = mini.query_vector("public health")
    mini.search("public health", k=2)
    assert np.array_equal(first, mini.query_vector("  public   health "))
    assert len(fake_backend.calls) == before + 1


def test_the_dense_model_reads_the_head_of_a_long_question(
    mini: Retriever, fake_backend: FakeEmbedder
) -> None:
    words = [f"word{i}" for i in range(DENSE_QUERY_WORDS + 50)]
    mini.query_vector(" ".join(words))
    assert fake_backend.calls[-1] == ("query", " ".join(words[:DENSE_QUERY_WORDS]))


def test_endnotes_are_demoted_unless_sources_are_asked(mini: Retriever) -> None:
    plain = "World Health Organization violence prevention 2019"
    demoted = {h.chunk.chunk_id: h.score for h in mini.search(plain, k=50)}
    mini.settings = mini.settings.model_copy(update={"endnote_weight": 1.0})
    full = {h.chunk.chunk_id: h.score for h in mini.search(plain, k=50)}
    note = "mini-brief/notes/n2"
    assert demoted[note] == pytest.approx(0.5 * full[note])
    mini.settings = mini.settings.model_copy(update={"endnote_weight": 0.0})
    assert mini.search(plain, k=1)[0].chunk.kind != "endnote"
    asked = mini.search("Which World Health Organization report on violence is cited?", k=1)
    assert asked[0].chunk.kind == "endnote" and asked[0].chunk.endnotes == (2,)


def test_rrf_fusion(mini: Retriever) -> None:
    mini.settings = mini.settings.model_copy(update={"fusion": "rrf"})
    hits = mini.search("courts and prosecutors", k=2)
    assert hits[0].chunk.section_id == "the-future-of-cooperation"


@pytest.mark.parametrize("query", BAD_INPUTS)
def test_bad_inputs_give_results(mini: Retriever, query: str) -> None:
    assert mini.search(query, k=3)


def test_search_command_json(mini_settings: Settings, fake_backend: FakeEmbedder) -> None:
    env = {
        "QA_CORPUS_DIR": str(mini_settings.corpus_dir),
        "QA_INDEX_DIR": str(mini_settings.index_dir),
        "QA_CACHE_DIR": str(mini_settings.cache_dir),
    }
    runner = CliRunner()
    result = runner.invoke(search_cmd, ["public health drug policy", "-k", "2", "--json"], env=env)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert len(payload["hits"]) == 2
    for hit in payload["hits"]:
        assert {"chunk_id", "section_id", "section", "endnotes", "text", "score"} <= set(hit)
    text = runner.invoke(search_cmd, ["public health"], env=env)
    assert text.exit_code == 0 and "The Future of Cooperation" in text.output
    empty = runner.invoke(search_cmd, ["   "], env=env)
    assert empty.exit_code == 2 and "error: the query is empty" in empty.output
    piped = runner.invoke(search_cmd, ["-", "--json"], env=env, input="courts\n")
    assert piped.exit_code == 0 and json.loads(piped.stdout)["query"] == "courts"


def test_search_command_repairs_a_damaged_index(
    mini_settings: Settings, fake_backend: FakeEmbedder
) -> None:
    env = {
        "QA_CORPUS_DIR": str(mini_settings.corpus_dir),
        "QA_INDEX_DIR": str(mini_settings.index_dir),
        "QA_CACHE_DIR": str(mini_settings.cache_dir),
    }
    store.build_index(mini_settings)
    (store.live_path(mini_settings) / "chunks.faiss").write_bytes(b"garbage")
    result = CliRunner().invoke(search_cmd, ["violence", "--json"], env=env)
    assert result.exit_code == 0, result.output
    assert "rebuilding the index: file chunks.faiss is damaged" in result.stderr
    assert json.loads(result.stdout)["hits"]


# ---------------------------------------------------------------- the real brief, real e5


@pytest.mark.parametrize(
    ("query", "sections"),
    [
        ("Who wrote this brief?", {"front-matter", "about-the-author"}),
        ("When did the Mérida Initiative begin?", {"us-mexico-security-cooperation-an-overview"}),
        (
            "What does the author propose about the drug problem?",
            {"key-policy-recommendations", "the-future-of-us-mexico-security-cooperation-4"},
        ),
        (
            "¿Qué propone la autora sobre la migración?",
            {"key-policy-recommendations", "the-future-of-us-mexico-security-cooperation-3"},
        ),
        ("Which Brookings piece is cited about the Cienfuegos affair?", {"endnotes"}),
    ],
)
def test_real_brief_top_three(real: Retriever, query: str, sections: set[str]) -> None:
    hits = real.search(query, k=3)
    assert {h.chunk.section_id for h in hits} & sections, [h.chunk.chunk_id for h in hits]


def test_spanish_queries_do_not_use_the_english_lexical_index(real: Retriever) -> None:
    query = "¿Qué anunció el gobierno mexicano sobre la Iniciativa Mérida en 2020?"
    assert real.bm25_weight("es") == 0.0
    # Same order as dense alone, apart from the endnote demotion that only hybrid applies.
    hybrid = [h.chunk.chunk_id for h in real.search(query, k=40) if h.chunk.kind != "endnote"]
    dense = [h.chunk.chunk_id for h in real.search(query, k=40, mode="dense")]
    assert hybrid[:10] == [c for c in dense if "/endnotes/" not in c][:10]


@pytest.mark.parametrize("query", BAD_INPUTS)
def test_real_bad_inputs_give_results(real: Retriever, query: str) -> None:
    hits = real.search(query, k=3)
    assert len(hits) == 3


def test_real_index_loads_fast(real_e5_settings: Settings) -> None:
    import time

    Retriever.load(real_e5_settings)  # warm the imports
    began = time.perf_counter()
    Retriever.load(real_e5_settings)
    assert time.perf_counter() - began < 2.0


def test_the_brief_named_by_the_reader_is_not_a_word_to_match() -> None:
    assert "brief" not in without_document_name("What does the brief say? And this brief's notes?")
    # The adjective stays: "a brief overview" is the document's own wording.
    assert "brief" in without_document_name("Which section gives a brief overview?")


@pytest.mark.parametrize(
    "text", ["the U.S. government", "the United States", "US aid", "USA", "U.S.-Mexico"]
)
def test_every_name_of_the_united_states_is_one_term(text: str) -> None:
    assert "usa" in tokenize(text)


def test_the_pronoun_us_is_not_the_country() -> None:
    assert tokenize("what does it tell us") == ["tell"]


def test_irregular_verb_forms_meet_their_base() -> None:
    # "What drives migration?" meets "migration is driven by ...".
    assert tokenize("driven drove drives") == ["drive", "drive", "drive"]
    assert tokenize("it took power, it takes power") == ["take", "power", "take", "power"]


def test_an_adverb_of_a_participle_meets_the_participle() -> None:
    # "Mexico increasingly relied on ..." meets "Mexico's increasing reliance on ...".
    assert tokenize("increasingly") == tokenize("increasing")
    assert tokenize("reportedly") == tokenize("reported")


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("I want to check the 80% figure.", "the 80% figure"),
        ("Can you tell me what the brief says about the wall?", "about the wall"),
        ("What source does the brief give for it?", "What source does"),
    ],
)
def test_the_readers_words_about_the_request_are_not_words_to_match(
    question: str, kept: str
) -> None:
    text = without_document_name(question)
    assert kept in text
    for word in ("want", "check", "tell", "give", "says"):
        assert word not in text.split()


def test_prepositions_are_not_terms() -> None:
    assert tokenize("reorganized around four pillars across the region") == [
        "reorganiz",
        "four",
        "pillar",
        "region",
    ]


def test_discourse_words_are_not_terms() -> None:
    # A question's "besides", "rather" or "exactly" says how it asks, not what about.
    assert tokenize("Besides the cartels, rather than exactly the bosses, what else?") == [
        "cartel",
        "boss",
        "else",
    ]
