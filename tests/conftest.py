"""Shared fixtures: a tiny hand-built Document, a deterministic fake embedder, settings in tmp."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from qa.embeddings import FloatArray, normalize
from qa.settings import IndexSettings, Settings
from qa.types import Anchor, Document, Endnote, Paragraph, Section, Sentence

if TYPE_CHECKING:
    from qa.answer import Answerer

ROOT = Path(__file__).resolve().parent.parent
BRIEF = ROOT / "corpus" / "kloppe-santamaria-2021-putting-citizens-security-first.txt"

# (id, title, kind, parent, paragraphs); a paragraph is a list of (sentence, endnote markers).
SectionSpec = tuple[str, str, str, str | None, list[list[tuple[str, tuple[int, ...]]]]]

TINY_SECTIONS: list[SectionSpec] = [
    (
        "front-matter",
        "Front Matter",
        "front-matter",
        None,
        [[("January 2021", ())], [("By Ana Autora", ())]],
    ),
    (
        "introduction",
        "Introduction",
        "body",
        None,
        [
            [
                ("The Merida Initiative began in 2007.", (1,)),
                ("It changed security cooperation between Mexico and the United States.", ()),
            ],
            [("Trust between the two governments has varied.", ())],
        ],
    ),
    (
        "future",
        "The Future of Cooperation",
        "body",
        None,
        [
            [
                (
                    f"Sentence {i} says that violence reduction, public health and migration "
                    f"policy all matter for citizens' security in case {i}.",
                    (2,) if i == 5 else (),
                )
                for i in range(12)
            ]
        ],
    ),
    (
        "future-1",
        "1. Reduce violence",
        "body",
        "future",
        [[("Drug policy should be health-centered rather than punitive.", (3,))]],
    ),
    (
        "endnotes",
        "Endnotes",
        "endnotes",
        None,
        [
            [("1 Congressional Research Service, Merida Initiative report, 2020.", ())],
            [("2 World Health Organization, Violence prevention, 2019.", ())],
            [("3 Drug Policy Commission, Report, 2020.", ())],
        ],
    ),
    (
        "about-the-author",
        "About the Author",
        "back-matter",
        None,
        [[("Ana Autora is a historian of violence in Mexico.", ())]],
    ),
]
TINY_ANCHORS = {1: ("introduction", 1), 2: ("future", 1), 3: ("future-1", 1)}


def build_tiny_document(
    sections: list[SectionSpec] | None = None, source: str = "tiny-brief.txt"
) -> Document:
    """A small Document with correct offsets: headings, paragraphs, sentences, endnotes."""
    specs = TINY_SECTIONS if sections is None else sections
    text = "Tiny Brief\n\n"
    built: list[Section] = []
    notes: list[Endnote] = []
    for sid, title, kind, parent, paragraphs in specs:
        heading_start = len(text)
        text += title
        heading_end = len(text)
        text += "\n\n"
        paras: list[Paragraph] = []
        for number, sentences in enumerate(paragraphs, start=1):
            p_start = len(text)
            sents: list[Sentence] = []
            for i, (sentence, markers) in enumerate(sentences):
                if i:
                    text += " "
                s_start = len(text)
                text += sentence
                sents.append(Sentence(s_start, len(text), sentence, markers))
            p_end = len(text)
            text += "\n\n"
            p_kind = "endnote" if kind == "endnotes" else "body"
            markers_all = tuple(m for s in sents for m in s.endnotes)
            paras.append(
                Paragraph(
                    section_id=sid,
                    number=number,
                    start=p_start,
                    end=p_end,
                    text=text[p_start:p_end],
                    sentences=tuple(sents),
                    kind=p_kind,  # type: ignore[arg-type]
                    markers=markers_all,
                )
            )
            if kind == "endnotes":
                note_no = int(sentences[0][0].split()[0])
                where = TINY_ANCHORS.get(note_no)
                anchor = Anchor(where[0], where[1], "marker") if where else None
                note_text = text[p_start:p_end]
                notes.append(Endnote(note_no, p_start, p_end, note_text, note_text, (), anchor))
        built.append(
            Section(
                id=sid,
                title=title,
                level=2 if parent else 1,
                parent_id=parent,
                start=heading_start,
                end=len(text),
                heading_start=heading_start,
                heading_end=heading_end,
                paragraphs=tuple(paras),
                kind=kind,  # type: ignore[arg-type]
                heading=title,
            )
        )
    return Document(
        source=source,
        text=text,
        title="Tiny Brief",
        sections=tuple(built),
        endnotes=tuple(notes),
    )


class FakeEmbedder:
    """Deterministic bag-of-words hashing embedder; counts every text it embeds."""

    def __init__(self, dim: int = 64, name: str = "fake-bow") -> None:
        self._dim = dim
        self._name = name
        self.calls: list[tuple[str, str]] = []

    @property
    def name(self) -> str:
        return self._name

    @property
    def dim(self) -> int:
        return self._dim

    def _encode(self, texts: Sequence[str], kind: str) -> FloatArray:
        self.calls.extend((kind, t) for t in texts)
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row, 0] = 0.01  # never a zero vector
            for word in re.findall(r"\w+", text.lower()):
                h = int.from_bytes(hashlib.sha256(word.encode()).digest()[:4], "little")
                out[row, h % self._dim] += 1.0
        return normalize(out)

    def encode_queries(self, texts: Sequence[str]) -> FloatArray:
        return self._encode(texts, "query")

    def encode_passages(self, texts: Sequence[str]) -> FloatArray:
        return self._encode(texts, "passage")


@pytest.fixture
def tiny_doc() -> Document:
    return build_tiny_document()


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


# A small Markdown brief the real parser reads in milliseconds: store and CLI tests build it.
MINI_BRIEF = """# Tiny Brief on Security

By Ana Autora

January 2021

## Introduction

The Merida Initiative began in 2007.[1] It changed security cooperation between Mexico and \
the United States.

Trust between the two governments has varied over the years, and migration became a shared \
concern.

## The Future of Cooperation

Violence reduction should come first. Public health should guide drug policy.[2] Corruption \
and impunity must be tackled by strengthening courts and prosecutors.

## Notes

[1] Congressional Research Service, Merida Initiative report, 2020.

[2] World Health Organization, Violence prevention, 2019.

## About the Author

Ana Autora is a historian of violence in Mexico.
"""


@pytest.fixture
def mini_settings(tmp_path: Path) -> Settings:
    """Settings over a one-file Markdown corpus (MINI_BRIEF), index and cache in tmp_path."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "mini-brief.md").write_text(MINI_BRIEF, encoding="utf-8")
    return Settings(
        corpus_dir=corpus,
        index_dir=tmp_path / "index",
        cache_dir=tmp_path / "cache",
        index=IndexSettings(),
    )


@pytest.fixture
def fake_backend(monkeypatch: pytest.MonkeyPatch) -> FakeEmbedder:
    """Every get_embedder() in this test returns one FakeEmbedder (for the CLI and loaders)."""
    fake = FakeEmbedder()
    for module in ("qa.embeddings", "qa.store", "qa.retrieve"):
        monkeypatch.setattr(f"{module}.get_embedder", lambda settings: fake)
    return fake


@pytest.fixture(scope="session")
def real_e5_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The real brief indexed once per session with the real e5 back-end (in a temp folder).

    Tests must not modify it: copy the index folder first (see tests/test_index_kill.py).
    """
    from qa.store import build_index

    root = tmp_path_factory.mktemp("real-e5")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(BRIEF, corpus / BRIEF.name)
    settings = Settings(
        corpus_dir=corpus, index_dir=root / "index", cache_dir=root / "cache", index=IndexSettings()
    )
    build_index(settings)
    return settings


@pytest.fixture
def tmp_settings(tmp_path: Path) -> Settings:
    """Settings whose corpus, index and cache live in tmp_path (corpus: the real brief)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(BRIEF, corpus / BRIEF.name)
    return Settings(
        corpus_dir=corpus,
        index_dir=tmp_path / "index",
        cache_dir=tmp_path / "cache",
        index=IndexSettings(),
    )


@pytest.fixture(scope="session")
def answerer() -> Answerer:
    """The real pipeline over the real corpus (the index is built on first use, then reused)."""
    from qa.answer import Answerer

    return Answerer.load(Settings())
