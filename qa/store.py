"""Build, save, verify and load the search index: plain files plus a manifest, swapped atomically.

Layout under `settings.index_dir` (one live index per embedder, so back-ends can be compared):

    index/e5 -> builds/e5-<build id>        symlink, replaced with os.replace
    index/builds/e5-<build id>/manifest.json, chunks.json, chunk_vectors.npy, chunks.faiss,
                               sentences.json, sentence_vectors.npy, bm25/*.npy|json

A build writes into `builds/.tmp-...` and only then renames it and swaps the symlink, so a
crash or SIGKILL mid-build leaves the previous index whole. Loading recomputes the sha256 of
every file and compares the manifest with the corpus and the settings; any difference is an
`IndexError_` that says what changed and how to rebuild, never a silently wrong answer.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from qa.bm25 import TOKENIZER_VERSION, LexicalIndex
from qa.chunking import CHUNKER_VERSION, Chunk, SentenceRef, body_sentences, chunk_document
from qa.corpus import corpus_files
from qa.embeddings import CachedEmbedder, Embedder, FloatArray, get_embedder, normalize
from qa.errors import DependencyError, IndexError_
from qa.settings import Settings

FORMAT_VERSION = 1
REBUILD_HINT = "run `qa index --rebuild`"
# Source files whose behaviour shapes the stored chunks: if any of them changes, stored
# offsets and texts may no longer match a fresh parse, so the index is stale.
PIPELINE_SOURCES = (
    "corpus.py",
    "parse.py",
    "parse_extracted.py",
    "extract.py",
    "anchoring.py",
    "textclean.py",
    "chunking.py",
    "tokens.py",
    "bm25.py",
)

MANIFEST = "manifest.json"
CHUNKS = "chunks.json"
CHUNK_VECTORS = "chunk_vectors.npy"
FAISS = "chunks.faiss"
SENTENCES = "sentences.json"
SENTENCE_VECTORS = "sentence_vectors.npy"
BM25_DIR = "bm25"

# (stage, done, total): "chunks" then "sentences".
Progress = Callable[[str, int, int], None]
BATCH = 16


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did: where it went, how much it held, how much it had to embed."""

    path: Path
    chunks: int
    sentences: int
    embedded: int
    cached: int
    seconds: float


class LoadedIndex:
    """An index read from disk and verified: chunks, vectors, FAISS, BM25, sentence vectors."""

    def __init__(
        self,
        path: Path,
        manifest: dict[str, Any],
        chunks: list[Chunk],
        chunk_vectors: FloatArray,
        faiss_index: Any,
        lexical: LexicalIndex,
        sentences: list[SentenceRef],
        sentence_vectors: FloatArray,
    ) -> None:
        self.path = path
        self.manifest = manifest
        self.chunks = chunks
        self.chunk_vectors = chunk_vectors
        self.faiss_index = faiss_index
        self.lexical = lexical
        self.sentences = sentences
        self.sentence_vectors = sentence_vectors
        self._by_key = {
            (s.doc_id, s.section_id, s.paragraph, s.index): i for i, s in enumerate(sentences)
        }
        self._by_start = {(s.doc_id, s.start): i for i, s in enumerate(sentences)}
        self._docs = sorted({s.doc_id for s in sentences} | {c.doc_id for c in chunks})

    @property
    def model(self) -> str:
        """Name of the embedding model the vectors come from."""
        return str(self.manifest["embedder"]["model"])

    def _doc(self, doc_id: str | None) -> str:
        if doc_id is not None:
            return doc_id
        if len(self._docs) != 1:
            raise KeyError("several documents are indexed: give doc_id")
        return self._docs[0]

    def sentence_vector(
        self, section_id: str, paragraph: int, index: int, doc_id: str | None = None
    ) -> FloatArray:
        """Vector of sentence `index` (0-based) of paragraph `paragraph` (1-based); KeyError."""
        row = self._by_key[(self._doc(doc_id), section_id, paragraph, index)]
        return np.asarray(self.sentence_vectors[row], dtype=np.float32)

    def sentence_vector_at(self, start: int, doc_id: str | None = None) -> FloatArray:
        """Vector of the stored sentence that starts at character `start`; KeyError if none."""
        row = self._by_start[(self._doc(doc_id), start)]
        return np.asarray(self.sentence_vectors[row], dtype=np.float32)


# ---------------------------------------------------------------------------- paths


def live_path(settings: Settings) -> Path:
    """The live index of the configured embedder, e.g. index/e5 (a symlink to a build)."""
    return settings.index_dir / settings.index.embedder


def _builds(settings: Settings) -> Path:
    return settings.index_dir / "builds"


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def corpus_hashes(settings: Settings) -> dict[str, str]:
    """sha256 of every file that is indexed: corpus documents by name, sources as sources/..."""
    from qa.sources import sources_dir

    hashes = {p.name: sha256_file(p) for p in corpus_files(settings.corpus_dir)}
    folder = sources_dir(settings)
    if folder.is_dir():
        # Every stored source file, metadata included: a new title or a new endnote is a change.
        for path in sorted(folder.glob("note-*")):
            if path.is_file() and path.suffix in (".json", ".md", ".txt"):
                hashes[f"sources/{path.name}"] = sha256_file(path)
    return hashes


def pipeline_fingerprint() -> str:
    """sha256 over the source of the modules that decide chunk texts and offsets."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for name in PIPELINE_SOURCES:
        path = package / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()


def expected_manifest(settings: Settings, model: str) -> dict[str, Any]:
    """The manifest fields that must match for an index to be usable with these settings."""
    index = settings.index
    return {
        "format_version": FORMAT_VERSION,
        "embedder": {"backend": index.embedder, "model": model},
        "tokenizer": index.tokenizer,
        "chunking": {
            "chunk_tokens": index.chunk_tokens,
            "chunk_overlap": index.chunk_overlap,
            "chunker_version": CHUNKER_VERSION,
        },
        "faiss_index": index.faiss_index,
        "bm25": {"tokenizer_version": TOKENIZER_VERSION},
        "pipeline": pipeline_fingerprint(),
        "corpus": corpus_hashes(settings),
    }


# ---------------------------------------------------------------------------- build


def build_index(
    settings: Settings,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    warn: Callable[[str], None] | None = None,
) -> BuildReport:
    """Parse, chunk, embed (through the cache) and index the corpus; swap it in atomically."""
    from qa.corpus import load_documents  # imported here: loading an index never parses

    began = time.perf_counter()
    inner = embedder if embedder is not None else get_embedder(settings.index)
    # Hash the corpus before reading it: an edit during the build then shows up as stale.
    expected = expected_manifest(settings, inner.name)
    cached = CachedEmbedder(inner, settings.cache_dir)
    docs = load_documents(settings, warn)
    chunks = [c for doc in docs for c in chunk_document(doc, settings.index)]
    sentences = [s for doc in docs for s in body_sentences(doc)]
    if not chunks:
        raise IndexError_(f"{settings.corpus_dir}: the corpus has no text to index")

    chunk_vectors = _embed(cached, [c.embed_text for c in chunks], "chunks", progress)
    sentence_vectors = _embed(cached, [s.text for s in sentences], "sentences", progress)

    builds = _builds(settings)
    try:
        builds.mkdir(parents=True, exist_ok=True)
        with _lock(settings):
            _remove_stale_temps(builds)
            build_id = (
                f"{settings.index.embedder}-{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(3)}"
            )
            tmp = builds / f".tmp-{build_id}-pid{os.getpid()}"
            tmp.mkdir()
            try:
                vectors = (chunk_vectors, sentence_vectors)
                final = _finish(tmp, build_id, chunks, sentences, vectors, settings, expected)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                # Renamed but never made live (the link swap failed): nothing points at it.
                if live_path(settings).resolve() != (builds / build_id).resolve():
                    shutil.rmtree(builds / build_id, ignore_errors=True)
                raise
    except OSError as exc:
        # A full disk, a read-only folder, ...: say so in one line instead of a traceback.
        raise IndexError_(_write_failure(settings, exc)) from exc
    return BuildReport(
        path=final,
        chunks=len(chunks),
        sentences=len(sentences),
        embedded=cached.misses,
        cached=cached.hits,
        seconds=time.perf_counter() - began,
    )


def _write_failure(settings: Settings, exc: OSError) -> str:
    """What a failed write means for the user, e.g. "... no space left on device ..."."""
    reason = exc.strerror or str(exc) or exc.__class__.__name__
    reason = reason[:1].lower() + reason[1:]
    where = f" ({exc.filename})" if exc.filename else ""
    if live_path(settings).exists():
        state = "the previous index is still in use"
    else:
        state = "no index was written"
    if exc.errno == errno.ENOSPC:
        advice = "Free some disk space"
    else:
        advice = "Check the disk and the permissions of the index folder"
    return f"the index build failed: {reason}{where}; {state}. {advice}, then {REBUILD_HINT}."


def _finish(
    tmp: Path,
    build_id: str,
    chunks: list[Chunk],
    sentences: list[SentenceRef],
    vectors: tuple[FloatArray, FloatArray],
    settings: Settings,
    expected: dict[str, Any],
) -> Path:
    """Write the files into `tmp`, the manifest last, then make the build live."""
    chunk_vectors, sentence_vectors = vectors
    _write_files(tmp, chunks, chunk_vectors, sentences, sentence_vectors, settings)
    manifest = {
        **expected,
        "build_id": build_id,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "dimension": int(chunk_vectors.shape[1]),
        "counts": {"chunks": len(chunks), "sentences": len(sentences)},
        "files": {
            p.relative_to(tmp).as_posix(): sha256_file(p)
            for p in sorted(tmp.rglob("*"))
            if p.is_file()
        },
    }
    _write_json(tmp / MANIFEST, manifest)
    _fsync_tree(tmp)
    try:
        _read(tmp)
    except (ValueError, KeyError, TypeError, RuntimeError) as exc:
        # Some writers only print a failed close (FAISS does): a short file shows up here,
        # before it can replace a good index.
        raise OSError(errno.EIO, f"the new index does not read back ({exc})") from exc
    final = tmp.parent / build_id
    os.replace(tmp, final)
    _swap_link(live_path(settings), Path("builds") / build_id)
    _remove_old_builds(settings, keep=final)
    return final


def _embed(
    embedder: CachedEmbedder, texts: Sequence[str], stage: str, progress: Progress | None
) -> FloatArray:
    parts: list[FloatArray] = []
    for first in range(0, len(texts), BATCH):
        parts.append(embedder.encode_passages(texts[first : first + BATCH]))
        if progress is not None:
            progress(stage, min(first + BATCH, len(texts)), len(texts))
    if not parts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return normalize(np.concatenate(parts))


def _faiss() -> Any:
    try:
        import faiss
    except ImportError as exc:
        raise DependencyError("vector search needs FAISS: pip install faiss-cpu") from exc
    return faiss


def _write_files(
    folder: Path,
    chunks: list[Chunk],
    chunk_vectors: FloatArray,
    sentences: list[SentenceRef],
    sentence_vectors: FloatArray,
    settings: Settings,
) -> None:
    faiss = _faiss()
    _write_json(folder / CHUNKS, [c.to_dict() for c in chunks])
    _write_json(
        folder / SENTENCES,
        [[s.doc_id, s.section_id, s.paragraph, s.index, s.start, s.end, s.text] for s in sentences],
    )
    np.save(folder / CHUNK_VECTORS, chunk_vectors, allow_pickle=False)
    np.save(folder / SENTENCE_VECTORS, sentence_vectors, allow_pickle=False)
    try:
        index = faiss.index_factory(
            chunk_vectors.shape[1], settings.index.faiss_index, faiss.METRIC_INNER_PRODUCT
        )
        if not index.is_trained:
            index.train(chunk_vectors)
        index.add(chunk_vectors)
    except RuntimeError as exc:
        raise IndexError_(
            f"FAISS could not build a {settings.index.faiss_index!r} index over "
            f"{len(chunks)} vectors ({str(exc).strip().splitlines()[-1]}); "
            "choose another QA_INDEX__FAISS_INDEX, e.g. Flat"
        ) from exc
    try:
        faiss.write_index(index, str(folder / FAISS))
    except RuntimeError as exc:
        # FAISS reports a failed write (a full disk, say) as a RuntimeError.
        path, message = str(folder / FAISS), str(exc).strip().splitlines()[-1]
        if os.strerror(errno.ENOSPC) in message:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path) from exc
        raise OSError(errno.EIO, f"FAISS could not write the file ({message})", path) from exc
    lexical = LexicalIndex.build([c.embed_text for c in chunks])
    (folder / BM25_DIR).mkdir()
    lexical.save(folder / BM25_DIR)


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def _fsync_tree(folder: Path) -> None:
    # Data must be on disk before the rename makes it live, or a power cut could expose
    # a build whose files are empty.
    for path in sorted(folder.rglob("*"), reverse=True):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    _fsync_dir(folder)
    _fsync_dir(folder.parent)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _swap_link(link: Path, target: Path) -> None:
    """Point `link` at `target` in one step: a new symlink renamed over the old one."""
    tmp = link.with_name(f".{link.name}.link-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(target, tmp)
    if link.is_dir() and not link.is_symlink():
        # A real folder (hand-made or an old layout) cannot be replaced by a rename.
        shutil.rmtree(link)
    os.replace(tmp, link)
    _fsync_dir(link.parent)


@contextlib.contextmanager
def _lock(settings: Settings) -> Iterator[None]:
    """One build per embedder at a time; the lock dies with its process."""
    path = settings.index_dir / f".{settings.index.embedder}.lock"
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_stale_temps(builds: Path) -> None:
    """Remove the half-written builds of processes that died (killed mid-build)."""
    for path in builds.glob(".tmp-*"):
        pid_part = path.name.rsplit("-pid", 1)[-1]
        if not pid_part.isdigit() or not _pid_alive(int(pid_part)) or int(pid_part) == os.getpid():
            shutil.rmtree(path, ignore_errors=True)


def _remove_old_builds(settings: Settings, keep: Path) -> None:
    """Remove this embedder's builds that no live link points to any more.

    Also removes the temporary links that killed builds left behind (`.e5.link-<pid>`).
    """
    for stale in settings.index_dir.glob(f".{settings.index.embedder}.link-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or not _pid_alive(int(pid)):
            stale.unlink(missing_ok=True)
    live = {
        p.resolve()
        for p in settings.index_dir.iterdir()
        if p.is_symlink() and not p.name.startswith(".")
    }
    prefix = f"{settings.index.embedder}-"
    for path in _builds(settings).iterdir():
        if path.name.startswith(prefix) and path.resolve() not in live and path != keep:
            shutil.rmtree(path, ignore_errors=True)


# ---------------------------------------------------------------------------- check and load


def problems(settings: Settings, model: str | None = None) -> list[str]:
    """Why the live index cannot be used as it is (empty when it is fine)."""
    live = live_path(settings)
    if not live.exists():
        return [f"there is no {settings.index.embedder} index in {settings.index_dir}"]
    try:
        manifest = json.loads((live / MANIFEST).read_text(encoding="utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError("not an object")
    except (OSError, ValueError) as exc:
        return [f"{live / MANIFEST} is missing or unreadable ({exc.__class__.__name__})"]
    found: list[str] = []
    if model is None:
        model = get_embedder(settings.index).name
    expected = expected_manifest(settings, model)
    for key, want in expected.items():
        have = manifest.get(key)
        if have == want:
            continue
        if key == "corpus" and isinstance(have, dict):
            found.extend(_corpus_changes(have, want))
        elif key == "pipeline":
            found.append("the parsing or chunking code changed since the index was built")
        else:
            found.append(f"{key} changed: index has {have!r}, settings want {want!r}")
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        found.append("the manifest lists no files")
        return found
    for name, digest in sorted(files.items()):
        path = live / name
        if not path.is_file():
            found.append(f"file {name} is missing")
        elif sha256_file(path) != digest:
            found.append(f"file {name} is damaged (its sha256 does not match the manifest)")
    return found


def _corpus_changes(have: dict[str, str], want: dict[str, str]) -> list[str]:
    changes = [f"corpus file {n} was added" for n in sorted(set(want) - set(have))]
    changes += [f"corpus file {n} was removed" for n in sorted(set(have) - set(want))]
    changes += [
        f"corpus file {n} changed since the index was built"
        for n in sorted(set(have) & set(want))
        if have[n] != want[n]
    ]
    return changes


def load_index(settings: Settings, model: str | None = None) -> LoadedIndex:
    """The verified live index; IndexError_ saying what is wrong and how to rebuild."""
    found = problems(settings, model)
    if found:
        raise IndexError_(
            f"the {settings.index.embedder} index in {settings.index_dir} cannot be used: "
            + "; ".join(found)
            + f". To rebuild it, {REBUILD_HINT}."
        )
    # Resolve once: a build that swaps the link while we read must not mix two builds.
    path = live_path(settings).resolve()
    try:
        return _read(path)
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise IndexError_(
            f"the index in {path} could not be read ({exc}). To rebuild it, {REBUILD_HINT}."
        ) from exc


def _read(path: Path) -> LoadedIndex:
    faiss = _faiss()
    manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    chunks = [Chunk.from_dict(d) for d in json.loads((path / CHUNKS).read_text(encoding="utf-8"))]
    sentences = [
        SentenceRef(doc, sec, int(par), int(idx), int(start), int(end), text)
        for doc, sec, par, idx, start, end, text in json.loads(
            (path / SENTENCES).read_text(encoding="utf-8")
        )
    ]
    chunk_vectors = np.load(path / CHUNK_VECTORS, allow_pickle=False).astype(np.float32)
    sentence_vectors = np.load(path / SENTENCE_VECTORS, allow_pickle=False).astype(np.float32)
    faiss_index = faiss.read_index(str(path / FAISS))
    lexical = LexicalIndex.load(path / BM25_DIR, len(chunks))
    dim = int(manifest["dimension"])
    if chunk_vectors.shape != (len(chunks), dim) or faiss_index.ntotal != len(chunks):
        raise ValueError("chunk vectors do not match the chunk list")
    if sentence_vectors.shape[0] != len(sentences) or (
        sentences and sentence_vectors.shape[1] != dim
    ):
        raise ValueError("sentence vectors do not match the sentence list")
    _tune_search(faiss, faiss_index)
    return LoadedIndex(
        path, manifest, chunks, chunk_vectors, faiss_index, lexical, sentences, sentence_vectors
    )


def _tune_search(faiss: Any, index: Any) -> None:
    # Approximate indexes default to tiny search budgets (nprobe=1, efSearch=16); at this
    # corpus size an exhaustive probe costs nothing and keeps results exact.
    with contextlib.suppress(Exception):
        ivf = faiss.extract_index_ivf(index)
        ivf.nprobe = ivf.nlist
    with contextlib.suppress(Exception):
        hnsw = faiss.downcast_index(index)
        if hasattr(hnsw, "hnsw"):
            hnsw.hnsw.efSearch = max(64, index.ntotal)


def ensure_index(
    settings: Settings,
    rebuild: bool = False,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    notify: Callable[[str], None] | None = None,
) -> tuple[LoadedIndex, BuildReport | None]:
    """The live index, (re)built first if asked or if it is missing or stale (CLI behaviour)."""
    model = (embedder if embedder is not None else get_embedder(settings.index)).name
    report = None
    found = [] if rebuild else problems(settings, model)
    if rebuild or found:
        if found and notify is not None:
            notify("rebuilding the index: " + "; ".join(found))
        report = build_index(settings, embedder=embedder, progress=progress, warn=notify)
    return load_index(settings, model), report
