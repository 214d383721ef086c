"""`qa calibrate`: fitted on dev rows of one or more eval files, never on the test split."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from qa.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["calibrate", *args], env=env)
    return result.exit_code, result.output


def test_the_test_split_is_never_fitted_on() -> None:
    code, out = run("--split", "test")
    assert code == 2
    assert "never fitted on" in out
    assert "Traceback" not in out


def write_rows(path: Path, ids: list[str], answerable: bool) -> None:
    row = json.loads((ROOT / "eval" / "qa.jsonl").read_text(encoding="utf-8").splitlines()[0])
    with path.open("w", encoding="utf-8") as out:
        for i in ids:
            out.write(json.dumps({**row, "id": i, "answerable": answerable, "split": "dev"}) + "\n")


def test_rows_of_one_class_only_cannot_be_fitted_on(tmp_path: Path) -> None:
    only_answerable = tmp_path / "answerable.jsonl"
    write_rows(only_answerable, ["a1", "a2"], answerable=True)
    code, out = run("--eval-set", str(only_answerable), "--config", "e5/bm25")
    assert code == 2
    assert "both answerable and unanswerable" in out


def test_calibrate_fits_on_several_files_and_saves_where_settings_say(tmp_path: Path) -> None:
    model_path = tmp_path / "abstention.json"
    code, out = run(
        "--eval-set",
        str(ROOT / "eval" / "extra.jsonl"),
        "--eval-set",
        str(ROOT / "eval" / "extra2.jsonl"),
        "--config",
        "e5/bm25",
        env={"QA_ANSWER__ABSTENTION_MODEL": str(model_path)},
    )
    assert code == 0, out
    rows = sum(
        1
        for name in ("extra.jsonl", "extra2.jsonl")
        for line in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    )
    assert f"on {rows} dev rows" in out
    saved = json.loads(model_path.read_text(encoding="utf-8"))["models"]["e5/bm25"]
    assert "extra.jsonl, " in saved["fitted_on"]
    assert saved["fitted_on"].endswith(f"extra2.jsonl split=dev ({rows} rows)")
    assert 0.0 < saved["threshold"] < 1.0
