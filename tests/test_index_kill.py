"""A build killed with SIGKILL at any point leaves the previous index whole and usable."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import BRIEF, MINI_BRIEF, ROOT

from qa import store
from qa.retrieve import Retriever
from qa.settings import Settings

TESTS = Path(__file__).resolve().parent


def qa_command(*args: str) -> list[str]:
    """`qa ARGS` run with this interpreter (the console script may not be on PATH)."""
    return [sys.executable, "-c", "from qa.cli import main; main()", *args]


def env_for(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_")}
    env.update(
        QA_CORPUS_DIR=str(settings.corpus_dir),
        QA_INDEX_DIR=str(settings.index_dir),
        QA_CACHE_DIR=str(settings.cache_dir),
        PYTHONPATH=str(ROOT),
    )
    return env


def test_sigkill_during_qa_index_rebuild(real_e5_settings: Settings, tmp_path: Path) -> None:
    # The previous index: a copy of the session's real e5 index over a copy of the brief.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(BRIEF, corpus / BRIEF.name)
    index_dir = tmp_path / "index"
    shutil.copytree(real_e5_settings.index_dir, index_dir, symlinks=True)
    # An empty embedding cache makes the rebuild embed everything, so it is slow to kill.
    settings = Settings(corpus_dir=corpus, index_dir=index_dir, cache_dir=tmp_path / "cache")
    before = store.live_path(settings).resolve()
    assert Retriever.load(settings).search("drug policy", k=3)

    log = (tmp_path / "stderr.txt").open("w")
    process = subprocess.Popen(
        qa_command("index", "--rebuild"), env=env_for(settings), stdout=log, stderr=log
    )
    try:
        deadline = time.monotonic() + 180
        # Wait until it is embedding: vectors start to land in the cache.
        while len(list(settings.cache_dir.rglob("*.f32"))) < 20:
            assert process.poll() is None, (tmp_path / "stderr.txt").read_text()
            assert time.monotonic() < deadline, "the build never started embedding"
            time.sleep(0.2)
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
        log.close()

    assert store.live_path(settings).resolve() == before
    assert store.problems(settings) == []
    hits = Retriever.load(settings).search("What does the author recommend on migration?", k=3)
    assert len(hits) == 3
    # The next `qa index` finds the index whole and up to date.
    done = subprocess.run(
        qa_command("index"), env=env_for(settings), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and "up to date" in done.stderr


# Kill points inside the write phase, where a torn index would be most likely.
KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[2])
    from conftest import FakeEmbedder
    from qa import store
    from qa.settings import Settings

    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    def link_then_die(link, target):
        os.symlink(target, link.with_name(f".{link.name}.link-{os.getpid()}"))
        die()

    point = sys.argv[1]
    if point == "files-written":
        store._fsync_tree = die
    elif point == "renamed":
        store._swap_link = die
    elif point == "mid-swap":
        store._swap_link = link_then_die
    elif point == "while-writing":
        store.LexicalIndex.save = die
    store.build_index(Settings(), embedder=FakeEmbedder())
    """
)


@pytest.mark.parametrize("point", ["while-writing", "files-written", "renamed", "mid-swap"])
def test_sigkill_in_the_write_phase(mini_settings: Settings, point: str) -> None:
    from conftest import FakeEmbedder

    store.build_index(mini_settings, embedder=FakeEmbedder())
    before = store.live_path(mini_settings).resolve()
    # A changed corpus: the killed build would have been a different index.
    path = mini_settings.corpus_dir / "mini-brief.md"
    original = path.read_text()
    path.write_text(original.replace("2007", "2006"))
    result = subprocess.run(
        [sys.executable, "-c", KILLER, point, str(TESTS)],
        env=env_for(mini_settings),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    path.write_text(original)

    assert store.live_path(mini_settings).resolve() == before
    index = store.load_index(mini_settings, "fake-bow")
    assert any("2007" in c.text for c in index.chunks)
    # The next build cleans up what the killed one left behind.
    after = store.build_index(mini_settings, embedder=FakeEmbedder()).path
    builds = mini_settings.index_dir / "builds"
    assert [p.name for p in builds.iterdir()] == [after.name]
    assert not list(mini_settings.index_dir.glob(".e5.link-*"))


def test_mini_corpus_matches_fixture() -> None:
    # Guards the kill test's edit above: it relies on "2007" being in the mini brief.
    assert "2007" in MINI_BRIEF
