"""`prep story`, `prep question` and `prep export stories`, run through the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import run_prep


class Cli:
    """`prep --db <tmp> …` through the real entry point; returns (exit code, stdout, stderr)."""

    def __init__(self, path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.path = path
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        result = run_prep(["--db", str(self.path), *args], self.capsys)
        return result.code, result.out, result.err


@pytest.fixture
def prep(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "cli.db", capsys)


@pytest.fixture
def bank(prep: Cli) -> Cli:
    code, _, err = prep("catalog", "load", "behavioral")
    assert code == 0, err
    return prep


def _ids(prep: Cli, *args: str) -> list[dict]:
    code, out, err = prep(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_story_add_list_link_and_coverage(bank: Cli) -> None:
    prep = bank
    questions = _ids(bank, "question", "list", "--kind", "behavioral")
    conflict = [q for q in questions if q["competency"] == "conflict"]
    first, second = conflict[0]["id"], conflict[1]["id"]
    code, out, err = prep(
        "story",
        "add",
        "Argued about [red]launch[/]",
        "--situation",
        "A PM wanted to launch early.",
        "--task",
        "Make the case for waiting.",
        "--action",
        "Showed the novelty effect.",
        "--result",
        "We waited; the lift held.",
        "--tag",
        "conflict",
        "--question",
        str(first),
        "--strength",
        "4",
    )
    assert code == 0, err
    assert "Argued about [red]launch[/]" in out and "words" in out
    stories = _ids(bank, "story", "list")
    assert len(stories) == 1
    story = stories[0]
    assert story["questions"] == [first] and story["tags"] == ["conflict"] and story["strength"] == 4
    assert {"id", "title", "situation", "task", "action", "result", "last_rehearsed_at"} <= set(story)

    code, out, err = prep("story", "link", str(story["id"]), str(second), "--best")
    assert code == 0, err
    q = next(q for q in _ids(bank, "question", "list") if q["id"] == second)
    assert q["best_story_id"] == story["id"] and q["status"] == "weak"  # never rehearsed

    uncovered = _ids(bank, "question", "list", "--uncovered")
    assert len(uncovered) == len(questions) - 2
    assert all(u["status"] == "uncovered" and u["best_story"] is None for u in uncovered)
    assert {first, second}.isdisjoint(u["id"] for u in uncovered)

    code, out, _ = prep("question", "list", "--uncovered")
    assert code == 0
    assert "conflict" in out and "2/5" in out
    assert out.index("No story (") < out.index("Weakly covered (2)")
    assert "never rehearsed" in out
    plain = prep("story", "list")[1]
    assert "Argued about [red]launch[/]" in plain


def test_question_add_both_kinds(prep: Cli) -> None:
    code, _out, err = prep(
        "question", "add", "What is KV caching?", "--kind", "technical", "--topic", "Transformers"
    )
    assert code == 0, err
    code, _out, err = prep(
        "question", "add", "Tell me about a failure.", "--company", "Acme", "--competency", "failure"
    )
    assert code == 0, err
    tech = _ids(prep, "question", "list", "--kind", "technical")
    assert [(q["text"], q["topic"]) for q in tech] == [("What is KV caching?", "Transformers")]
    acme = _ids(prep, "question", "list", "--company", "acme")
    assert [(q["text"], q["status"]) for q in acme] == [("Tell me about a failure.", "uncovered")]


@pytest.mark.parametrize(
    "args,message",
    [
        (["question", "add", "x", "--kind", "trivia"], "kind must be"),
        (["question", "list", "--kind", "nope"], "kind must be"),
        (["story", "link", "1", "1"], "no story with id 1"),
        (["story", "add", "T", "--situation", "s", "--task", "t", "--action", "a", "--result", "r",
          "--question", "999"], "no question with id 999"),
        (["story", "add", "T", "--situation", "s", "--task", "t", "--action", "a", "--result", "r",
          "--strength", "7"], "strength must be from 1 to 5"),
        (["question", "list", "--topic", "Nope"], "no topic named"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_changes_nothing(prep: Cli, args: list[str], message: str) -> None:
    code, _out, err = prep(*args)
    assert code == 1
    assert err.startswith("error: ") and message in err and err.count("\n") == 1
    assert _ids(prep, "story", "list") == []


def test_duplicate_question_is_refused(prep: Cli) -> None:
    assert prep("question", "add", "Why us?")[0] == 0
    code, _, err = prep("question", "add", "why us?")
    assert code == 1 and "already in the bank" in err
    assert len(_ids(prep, "question", "list")) == 1


def test_export_stories_to_file_and_stdout(bank: Cli, tmp_path: Path) -> None:
    prep = bank
    prep("story", "add", "Led it", "--situation", "S", "--task", "T", "--action", "A", "--result", "R",
         "--question", "1")  # fmt: skip
    target = tmp_path / "bank.md"
    code, out, err = prep("export", "stories", "-o", str(target))
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Behavioral question bank")
    assert text.count("\n### ") == len(_ids(bank, "question", "list"))
    assert "#### Best story: Led it" in text
    code, out, _ = prep("export", "stories")
    assert code == 0 and out.split("\n", 3)[3] == text.split("\n", 3)[3]  # same but the time stamp
    code, _, err = prep("export", "stories", "-o", str(tmp_path / "missing" / "x.md"))
    assert code == 1 and err.startswith("error: cannot write")


def test_cli_entry_point_reports_errors_without_traceback(prep: Cli) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(prep.path), "story", "link", "5", "6"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr == "error: no story with id 5\n"


def test_story_add_refuses_an_empty_star_part(prep) -> None:
    for part in ("situation", "task", "action", "result"):
        args = {"situation": "s", "task": "t", "action": "a", "result": "r", part: "  "}
        code, _, err = prep("story", "add", "Title", *[x for k, v in args.items() for x in (f"--{k}", v)])
        assert code == 1 and err == f"error: --{part} must not be empty (a STAR story has all four parts)\n"
    code, out, _ = prep("story", "list", "--json")
    assert code == 0 and json.loads(out) == []
