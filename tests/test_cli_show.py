"""`qa show`: outline, section and endnote, as text and as JSON, and its errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from qa.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "markdown_brief.md"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_outline_text_and_json() -> None:
    code, out = run("show", "outline")
    assert code == 0
    assert "Key Policy Recommendations  [key-policy-recommendations]  5 paragraphs" in out
    assert "  3. Address the socioeconomic roots" in out
    code, out = run("show", "outline", "--json")
    data = json.loads(out)
    assert data["authors"] == ["Gema Kloppe-Santamaría"]
    assert [s["id"] for s in data["sections"]][-2:] == ["endnotes", "about-the-author"]


def test_section() -> None:
    code, out = run("show", "section", "us-mexico-security-cooperation-an-overview")
    assert code == 0
    assert "¶7  [notes 13]" in out
    data = json.loads(run("show", "section", "introduction", "--json")[1])
    assert data["paragraphs"][0]["number"] == 1


def test_endnote_json_contract() -> None:
    code, out = run("show", "endnote", "26", "--json")
    assert code == 0
    data = json.loads(out)
    assert {"number", "text", "urls", "section_id", "section", "paragraph", "anchor"} <= set(data)
    assert data["anchor"] == "inferred"
    assert data["urls"] == ["https://www.bbc.com/news/world-us-canada-46824649"]
    code, out = run("show", "endnote", "13")
    assert "anchored (marker) at: U.S.-Mexico Security Cooperation: An Overview ¶7" in out


def test_other_file() -> None:
    code, out = run("show", "outline", "--file", str(FIXTURE))
    assert code == 0 and "Water Across Borders" in out


def test_errors_are_messages_not_tracebacks(tmp_path: Path) -> None:
    for args in (
        ("show", "endnote", "99"),
        ("show", "section", "nope"),
        ("show", "outline", "--file", str(tmp_path / "missing.txt")),
    ):
        code, out = run(*args)
        assert code == 1
        assert out.startswith("error: ") and "Traceback" not in out
