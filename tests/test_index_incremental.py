"""After a one-paragraph edit the index is stale, and the rebuild embeds only what changed."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import BRIEF, FakeEmbedder

from qa import store
from qa.embeddings import E5Embedder, Embedder, FloatArray
from qa.errors import IndexError_
from qa.retrieve import Retriever
from qa.settings import Settings

OLD = "the Mérida Initiative represents the most significant security cooperation effort"
NEW = "the Mérida Initiative represents the most important security cooperation effort"


class Counting:
    """Wraps an embedder and records every text sent to it."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.passages: list[str] = []
        self.queries: list[str] = []

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dim(self) -> int:
        return self.inner.dim

    def encode_queries(self, texts: Sequence[str]) -> FloatArray:
        self.queries.extend(texts)
        return self.inner.encode_queries(texts)

    def encode_passages(self, texts: Sequence[str]) -> FloatArray:
        self.passages.extend(texts)
        return self.inner.encode_passages(texts)


def texts_of(index: store.LoadedIndex) -> set[str]:
    return {c.embed_text for c in index.chunks} | {s.text for s in index.sentences}


def edit_one_paragraph(corpus: Path) -> None:
    path = corpus / BRIEF.name
    text = path.read_text(encoding="utf-8")
    assert text.count(OLD) == 1
    path.write_text(text.replace(OLD, NEW), encoding="utf-8")


def test_real_e5_rebuild_embeds_only_the_changed_texts(
    real_e5_settings: Settings, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(BRIEF, corpus / BRIEF.name)
    # Start from the session's warm cache (a copy: this test adds to it).
    shutil.copytree(real_e5_settings.cache_dir, tmp_path / "cache")
    settings = Settings(
        corpus_dir=corpus, index_dir=tmp_path / "index", cache_dir=tmp_path / "cache"
    )
    counting = Counting(E5Embedder())

    first = store.build_index(settings, embedder=counting)
    assert counting.passages == [] and first.embedded == 0, "a warm cache embeds nothing"
    old = store.load_index(settings, counting.name)

    edit_one_paragraph(corpus)
    assert any("changed since the index was built" in p for p in store.problems(settings))
    with pytest.raises(IndexError_, match="qa index --rebuild"):
        Retriever.load(settings)

    second = store.build_index(settings, embedder=counting)
    new = store.load_index(settings, counting.name)
    changed = texts_of(new) - texts_of(old)
    assert sorted(counting.passages) == sorted(changed)
    assert second.embedded == len(changed)
    # One sentence changed: it, and the one or two chunks holding it, are all that is embedded.
    assert 2 <= len(counting.passages) <= 3, counting.passages
    assert all("most important" in text for text in counting.passages)
    assert second.cached == first.chunks + first.sentences - len(changed)
    hits = Retriever(new, counting, settings.index).search("most important cooperation effort")
    assert any("most important" in h.chunk.text for h in hits)


def test_fake_rebuild_after_an_edit(mini_settings: Settings) -> None:
    fake = FakeEmbedder()
    store.build_index(mini_settings, embedder=fake)
    before = len(fake.calls)
    path = mini_settings.corpus_dir / "mini-brief.md"
    path.write_text(path.read_text().replace("has varied over the years", "has varied a lot"))
    assert store.problems(mini_settings, fake.name) == [
        "corpus file mini-brief.md changed since the index was built"
    ]
    store.build_index(mini_settings, embedder=fake)
    embedded = [text for _, text in fake.calls[before:]]
    assert len(embedded) == 2  # the paragraph's chunk and its one sentence
    assert all("has varied a lot" in text for text in embedded)
