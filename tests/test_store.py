"""The index on disk: manifest, verification, atomic swaps, one live index per embedder."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import FakeEmbedder

from qa import store
from qa.bm25 import LexicalIndex
from qa.commands_index import index_cmd
from qa.errors import IndexError_
from qa.settings import Settings


def build(settings: Settings, fake: FakeEmbedder) -> store.BuildReport:
    return store.build_index(settings, embedder=fake)


def with_index(settings: Settings, **changes: object) -> Settings:
    return settings.model_copy(update={"index": settings.index.model_copy(update=changes)})


def test_build_writes_plain_files_and_manifest(
    mini_settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    report = build(mini_settings, fake_embedder)
    live = store.live_path(mini_settings)
    assert live.is_symlink() and live.resolve() == report.path.resolve()
    assert report.path.parent.name == "builds"
    manifest = json.loads((live / "manifest.json").read_text())
    assert manifest["format_version"] == store.FORMAT_VERSION
    assert manifest["embedder"] == {"backend": "e5", "model": "fake-bow"}
    assert manifest["dimension"] == 64
    assert manifest["tokenizer"] == "cl100k_base"
    assert manifest["chunking"]["chunk_tokens"] == mini_settings.index.chunk_tokens
    corpus_file = mini_settings.corpus_dir / "mini-brief.md"
    assert manifest["corpus"] == {"mini-brief.md": store.sha256_file(corpus_file)}
    for name in ("chunks.json", "chunk_vectors.npy", "chunks.faiss", "sentences.json"):
        assert manifest["files"][name] == store.sha256_file(live / name)
    assert any(name.startswith("bm25/") for name in manifest["files"])
    assert report.chunks == manifest["counts"]["chunks"] and report.embedded > 0


def test_load_round_trip(mini_settings: Settings, fake_embedder: FakeEmbedder) -> None:
    build(mini_settings, fake_embedder)
    index = store.load_index(mini_settings, fake_embedder.name)
    assert index.model == "fake-bow"
    assert index.faiss_index.ntotal == len(index.chunks) == index.chunk_vectors.shape[0]
    assert {c.kind for c in index.chunks} >= {"body", "endnote", "front-matter", "back-matter"}
    first = index.sentences[0]
    by_key = index.sentence_vector(first.section_id, first.paragraph, first.index)
    by_start = index.sentence_vector_at(first.start)
    expected = fake_embedder.encode_passages([first.text])[0]
    assert np.allclose(by_key, expected) and np.allclose(by_start, expected)
    with pytest.raises(KeyError):
        index.sentence_vector_at(-1)


def test_missing_index_says_how_to_rebuild(mini_settings: Settings) -> None:
    with pytest.raises(IndexError_, match=r"qa index --rebuild"):
        store.load_index(mini_settings, "fake-bow")


def test_corpus_change_is_detected(mini_settings: Settings, fake_embedder: FakeEmbedder) -> None:
    build(mini_settings, fake_embedder)
    path = mini_settings.corpus_dir / "mini-brief.md"
    path.write_text(path.read_text().replace("2007", "2008"))
    (mini_settings.corpus_dir / "second.md").write_text("# Another\n\n## Part\n\nText here.\n")
    found = store.problems(mini_settings, fake_embedder.name)
    assert "corpus file mini-brief.md changed since the index was built" in found
    assert "corpus file second.md was added" in found
    with pytest.raises(IndexError_, match="changed since the index was built"):
        store.load_index(mini_settings, fake_embedder.name)


@pytest.mark.parametrize(
    "change",
    [
        {"chunk_tokens": 64},
        {"chunk_overlap": 0},
        {"tokenizer": "o200k_base"},
        {"faiss_index": "HNSW32"},
    ],
)
def test_settings_change_is_detected(
    mini_settings: Settings, fake_embedder: FakeEmbedder, change: dict[str, object]
) -> None:
    build(mini_settings, fake_embedder)
    found = store.problems(with_index(mini_settings, **change), fake_embedder.name)
    assert found and "changed" in found[0]


def test_retrieval_settings_do_not_invalidate(
    mini_settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    build(mini_settings, fake_embedder)
    tuned = with_index(mini_settings, fusion="rrf", bm25_weight=2.0, endnote_weight=1.0)
    assert store.problems(tuned, fake_embedder.name) == []


def test_model_change_is_detected(mini_settings: Settings, fake_embedder: FakeEmbedder) -> None:
    build(mini_settings, fake_embedder)
    found = store.problems(mini_settings, "another-model")
    assert any("embedder changed" in f for f in found)


@pytest.mark.parametrize("name", ["chunks.json", "chunks.faiss", "sentence_vectors.npy"])
@pytest.mark.parametrize("damage", ["delete", "corrupt", "truncate"])
def test_damaged_or_missing_files_are_reported(
    mini_settings: Settings, fake_embedder: FakeEmbedder, name: str, damage: str
) -> None:
    build(mini_settings, fake_embedder)
    path = store.live_path(mini_settings) / name
    if damage == "delete":
        path.unlink()
    elif damage == "corrupt":
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))
    else:
        path.write_bytes(path.read_bytes()[:10])
    with pytest.raises(IndexError_, match=rf"{name} is (missing|damaged).*qa index --rebuild"):
        store.load_index(mini_settings, fake_embedder.name)


def test_deleted_manifest_is_reported(mini_settings: Settings, fake_embedder: FakeEmbedder) -> None:
    build(mini_settings, fake_embedder)
    (store.live_path(mini_settings) / "manifest.json").unlink()
    with pytest.raises(IndexError_, match=r"manifest\.json is missing or unreadable"):
        store.load_index(mini_settings, fake_embedder.name)


def test_rebuild_swaps_and_removes_the_old_build(
    mini_settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    first = build(mini_settings, fake_embedder).path
    second = build(mini_settings, fake_embedder).path
    assert first != second and not first.exists() and second.exists()
    assert store.live_path(mini_settings).resolve() == second.resolve()
    assert [p.name for p in (mini_settings.index_dir / "builds").iterdir()] == [second.name]
    assert second.name.startswith("e5-")


def test_one_live_index_per_embedder(mini_settings: Settings) -> None:
    e5_fake, minilm_fake = FakeEmbedder(name="fake-e5"), FakeEmbedder(dim=32, name="fake-minilm")
    minilm = with_index(mini_settings, embedder="minilm")
    build(mini_settings, e5_fake)
    build(minilm, minilm_fake)
    build(mini_settings, e5_fake)  # rebuilding e5 must leave minilm alone
    assert store.load_index(mini_settings, "fake-e5").chunk_vectors.shape[1] == 64
    assert store.load_index(minilm, "fake-minilm").chunk_vectors.shape[1] == 32
    assert (mini_settings.index_dir / "e5").is_symlink()
    assert (mini_settings.index_dir / "minilm").is_symlink()


def test_half_written_builds_of_dead_processes_are_removed(
    mini_settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    build(mini_settings, fake_embedder)
    builds = mini_settings.index_dir / "builds"
    dead = builds / ".tmp-e5-19700101T000000-abcdef-pid999999999"
    dead.mkdir()
    (dead / "chunks.json").write_text("[")
    alive = builds / f".tmp-minilm-19700101T000000-abcdef-pid{os.getppid()}"
    alive.mkdir()
    build(mini_settings, fake_embedder)
    assert not dead.exists() and alive.exists()


def test_failed_write_leaves_the_previous_index(
    mini_settings: Settings, fake_embedder: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = build(mini_settings, fake_embedder).path

    def boom(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(LexicalIndex, "save", boom)
    with pytest.raises(IndexError_, match=r"disk full.*previous index is still in use"):
        build(mini_settings, fake_embedder)
    assert store.live_path(mini_settings).resolve() == before.resolve()
    assert not list((mini_settings.index_dir / "builds").glob(".tmp-*"))
    store.load_index(mini_settings, fake_embedder.name)


def test_bad_faiss_factory_is_a_clear_error(
    mini_settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    with pytest.raises(IndexError_, match="QA_INDEX__FAISS_INDEX"):
        build(with_index(mini_settings, faiss_index="NoSuchIndex"), fake_embedder)


@pytest.mark.parametrize("factory", ["HNSW32", "IVF4,Flat"])
def test_approximate_faiss_indexes(
    mini_settings: Settings, fake_embedder: FakeEmbedder, factory: str
) -> None:
    settings = with_index(mini_settings, faiss_index=factory)
    build(settings, fake_embedder)
    index = store.load_index(settings, fake_embedder.name)
    exact = index.chunk_vectors @ index.chunk_vectors[0]
    _, ids = index.faiss_index.search(index.chunk_vectors[:1], 3)
    assert ids[0][0] == int(np.argmax(exact))


def test_ensure_index_rebuilds_when_stale(
    mini_settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    notes: list[str] = []
    _, report = store.ensure_index(mini_settings, embedder=fake_embedder, notify=notes.append)
    assert report is not None and notes and "no e5 index" in notes[0]
    _, report = store.ensure_index(mini_settings, embedder=fake_embedder, notify=notes.append)
    assert report is None
    shutil.rmtree(store.live_path(mini_settings) / "bm25")
    _, report = store.ensure_index(mini_settings, embedder=fake_embedder, notify=notes.append)
    assert report is not None and "bm25/" in notes[-1]


def test_index_command(
    mini_settings: Settings, fake_backend: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {
        "QA_CORPUS_DIR": str(mini_settings.corpus_dir),
        "QA_INDEX_DIR": str(mini_settings.index_dir),
        "QA_CACHE_DIR": str(mini_settings.cache_dir),
    }
    runner = CliRunner()
    first = runner.invoke(index_cmd, [], env=env)
    assert first.exit_code == 0, first.output
    assert "indexed" in first.output and "embedded" in first.output
    again = runner.invoke(index_cmd, [], env=env)
    assert again.exit_code == 0 and "up to date" in again.output
    forced = runner.invoke(index_cmd, ["--rebuild"], env=env)
    assert forced.exit_code == 0 and "0 embedded" in forced.output


def test_index_command_reports_errors_without_traceback(tmp_path: Path) -> None:
    env = {"QA_CORPUS_DIR": str(tmp_path / "missing"), "QA_INDEX_DIR": str(tmp_path / "i")}
    result = CliRunner().invoke(index_cmd, ["--rebuild"], env=env)
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and "Traceback" not in result.output
    bad = CliRunner().invoke(index_cmd, [], env={"QA_INDEX__CHUNK_TOKENS": "7"})
    assert bad.exit_code == 2 and "error: bad setting" in bad.output
