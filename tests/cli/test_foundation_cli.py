"""The foundation commands of shared/CLI.md, run through the real entry point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tracker import __version__


def test_version_and_help(prep) -> None:
    r = prep("--version", db=False)
    assert r.code == 0 and r.out.strip() == f"prep {__version__}"
    r = prep("--help", db=False)
    assert r.code == 0
    for command in ("demo", "catalog", "problem", "company", "round", "board"):
        assert command in r.out


def test_python_dash_m_tracker_help() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tracker", "--help"], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0
    assert "catalog" in out.stdout


def test_db_option_and_env_choose_the_database(tmp_path: Path) -> None:
    env = {**os.environ, "PREP_DB": str(tmp_path / "env.db")}
    cmd = [sys.executable, "-m", "tracker"]
    subprocess.run([*cmd, "company", "add", "ViaEnv"], env=env, check=True, capture_output=True, timeout=60)
    subprocess.run(
        [*cmd, "--db", str(tmp_path / "flag.db"), "company", "add", "ViaFlag"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert (tmp_path / "env.db").exists() and (tmp_path / "flag.db").exists()
    listed = subprocess.run([*cmd, "company", "list"], env=env, capture_output=True, text=True, timeout=60)
    assert "ViaEnv" in listed.stdout and "ViaFlag" not in listed.stdout


def test_default_database_lives_in_the_user_data_folder(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PREP_DB"}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    env["HOME"] = str(tmp_path)
    subprocess.run(
        [sys.executable, "-m", "tracker", "company", "add", "Acme"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert (tmp_path / "xdg" / "prep" / "prep.db").exists()


def test_catalog_list_and_load_is_idempotent(prep) -> None:
    r = prep("catalog", "list", "--json")
    names = {c["name"]: c["count"] for c in r.json()}
    assert names["blind75"] == 75 and names["neetcode150"] == 150
    assert names["papers"] >= 40 and names["behavioral"] >= 40
    r = prep("catalog", "load", "blind75")
    assert r.code == 0 and "75 added" in r.out
    r = prep("catalog", "load", "neetcode150")
    assert r.code == 0
    r = prep("catalog", "load", "blind75")
    assert "0 added" in r.out
    problems = prep("problem", "list", "--json").json()
    numbers = [p["number"] for p in problems]
    assert len(numbers) == len(set(numbers))
    two_sum = next(p for p in problems if p["number"] == 1)
    assert set(two_sum["lists"]) == {"Blind 75", "NeetCode 150"}
    assert two_sum["patterns"] == ["Arrays & Hashing"]


def test_unknown_catalog_is_a_clear_error(prep) -> None:
    r = prep("catalog", "load", "nope")
    assert r.code != 0 and r.err.startswith("error: unknown catalog") and "Traceback" not in r.err


def test_problem_add_from_catalog_number_and_list_json(prep) -> None:
    r = prep("problem", "add", "--number", "200")
    assert r.code == 0 and "Number of Islands" in r.out
    r = prep(
        "problem",
        "add",
        "My own problem",
        "--difficulty",
        "hard",
        "--pattern",
        "Graphs",
        "--company",
        "Acme",
        "--list",
        "Favourites",
        "--gist",
        "BFS from the border",
    )
    assert r.code == 0
    rows = prep("problem", "list", "--json").json()
    assert {tuple(sorted(r)) for r in rows} == {
        tuple(
            sorted(
                [
                    "id",
                    "number",
                    "slug",
                    "title",
                    "difficulty",
                    "patterns",
                    "lists",
                    "companies",
                    "mastery",
                    "attempts",
                    "last_attempt_at",
                    "due_at",
                    "gist",
                ]
            )
        )
    }
    islands = next(r for r in rows if r["number"] == 200)
    assert islands["difficulty"] == "medium" and islands["slug"] == "number-of-islands"
    mine = next(r for r in rows if r["title"] == "My own problem")
    assert mine["companies"] == ["Acme"] and mine["lists"] == ["Favourites"] and mine["mastery"] is None
    assert prep("problem", "list", "--company", "Acme", "--json").json()[0]["title"] == "My own problem"


def test_bad_input_is_one_line_and_changes_nothing(prep) -> None:
    prep("company", "add", "Acme")
    r = prep("company", "add", "ACME")
    assert r.code == 1 and r.err.count("\n") == 1 and r.err.startswith("error: ")
    r = prep("problem", "add", "X", "--difficulty", "impossible")
    assert r.code == 1 and "difficulty" in r.err
    r = prep("round", "add", "Acme", "coding", "--at", "the day after never")
    assert r.code == 1 and "cannot read" in r.err
    r = prep("round", "add", "Acme", "dancing")
    assert r.code == 1 and "round kind" in r.err
    assert [c["name"] for c in prep("company", "list", "--json").json()] == ["Acme"]
    assert prep("board", "--json").json()["columns"][0]["rounds"] == []


def test_company_round_and_board_json(prep) -> None:
    assert prep("company", "add", "Acme", "--role", "MLE", "--source", "referral").code == 0
    r = prep("round", "add", "Acme", "coding", "--at", "2026-12-03 14:00", "--duration", "45")
    assert r.code == 0
    prep("round", "add", "Globex", "recruiter")
    board = prep("board", "--json").json()
    assert [c["name"] for c in board["columns"]] == ["Scheduling", "Scheduled", "Done"]
    assert [c["done"] for c in board["columns"]] == [False, False, True]
    rounds = [r for c in board["columns"] for r in c["rounds"]]
    assert {r["company"] for r in rounds} == {"Acme", "Globex"}
    for c in board["columns"]:
        assert set(c) == {"id", "name", "position", "done", "rounds"}
        for rnd in c["rounds"]:
            assert set(rnd) == {"id", "company", "kind", "scheduled_at", "position", "outcome"}
    coding = next(r for r in rounds if r["kind"] == "coding")
    assert coding["scheduled_at"].endswith("+00:00")
    companies = prep("company", "list", "--json").json()
    assert {c["name"] for c in companies} == {"Acme", "Globex"}
    assert all("id" in c for c in companies)
    only = prep("board", "--company", "Acme", "--json").json()
    assert [r["company"] for c in only["columns"] for r in c["rounds"]] == ["Acme"]


def test_demo_fills_an_empty_database_and_refuses_a_full_one(prep) -> None:
    r = prep("demo")
    assert r.code == 0 and "demo data loaded" in r.out
    board = prep("board", "--json").json()
    assert all(c["rounds"] for c in board["columns"]), "rounds in every column"
    companies = prep("company", "list", "--json").json()
    assert 4 <= len(companies) <= 6
    problems = prep("problem", "list", "--json").json()
    attempted = [p for p in problems if p["attempts"]]
    assert 60 <= len(attempted) <= 100
    assert {p["mastery"] for p in attempted} == {"no-clue", "brute-force", "has-bugs", "bug-free"}
    r = prep("demo")
    assert r.code == 1 and "already holds data" in r.err


def test_not_a_prep_database_is_refused_untouched(prep, tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("hello, this is not sqlite\n")
    before = bad.read_bytes()
    r = prep("company", "list", db=bad)
    assert r.code == 2 and r.err.startswith("error: ") and "not a prep database" in r.err
    assert "Traceback" not in r.err and bad.read_bytes() == before


def test_bare_prep_goes_straight_to_the_tui_without_building_the_command_tree() -> None:
    from tracker.cli import _tui_only

    assert _tui_only([]) == (True, None)
    assert _tui_only(["--db", "x.db"]) == (True, "x.db")
    assert _tui_only(["--db=x.db"]) == (True, "x.db")
    assert _tui_only(["--db", "x.db", "board"]) == (False, None)
    assert _tui_only(["--version"]) == (False, None)
    assert _tui_only(["--help"]) == (False, None)


def _in_a_terminal(args: list[str]) -> subprocess.CompletedProcess[str]:
    """`prep ARGS` with a pseudo-terminal for its stdin and stdout (as in a shell), stderr captured."""
    import pty

    leader, follower = pty.openpty()
    try:
        return subprocess.run(
            [sys.executable, "-m", "tracker", *args],
            stdin=follower,
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(follower)
        os.close(leader)


def test_bare_prep_on_a_foreign_file_exits_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "x.db"
    bad.write_bytes(b"\x00garbage" * 100)
    out = _in_a_terminal(["--db", str(bad)])
    assert out.returncode == 2
    assert out.stderr.startswith("error: ") and out.stderr.count("\n") == 1
    assert "not a prep database" in out.stderr


def test_bare_prep_without_a_terminal_exits_with_one_line(tmp_path: Path) -> None:
    """From a script or a pipe the full-screen app would wait for keys forever: one line, exit 2, nothing made."""
    target = tmp_path / "new.db"
    out = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(target)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith("error: ") and out.stderr.count("\n") == 1 and "not a terminal" in out.stderr
    assert not target.exists()


def test_an_empty_db_option_is_an_error_not_the_default_database(tmp_path: Path) -> None:
    """`prep --db "$DB" …` with DB unset must not write to the user's own database."""
    env = {k: v for k, v in os.environ.items() if k != "PREP_DB"}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    env["HOME"] = str(tmp_path)
    for args in (["--db", "", "company", "add", "Acme"], ["--db=", "company", "list"], ["--db", ""]):
        out = subprocess.run(
            [sys.executable, "-m", "tracker", *args],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert out.returncode == 2, args
        assert out.stderr == "error: --db needs a file name (it was empty)\n", args
    assert not (tmp_path / "xdg").exists()


def test_demo_has_at_most_one_best_story_per_question(demo_db) -> None:
    import sqlite3

    con = sqlite3.connect(demo_db.path)
    rows = con.execute(
        "SELECT question_id, count(*) FROM story_question WHERE is_best GROUP BY question_id HAVING count(*) > 1"
    ).fetchall()
    linked = con.execute("SELECT count(DISTINCT question_id) FROM story_question").fetchone()[0]
    con.close()
    assert rows == [] and linked >= 5


def test_usage_mistakes_are_one_line_errors_too(prep) -> None:
    """What the parser refuses (unknown command or option, missing or malformed argument) follows the same
    contract as every other error: one line on stderr starting "error: ", naming where to look, exit 2."""
    cases = {
        ("bogus",): "No such command 'bogus' (see prep --help)",
        ("rate", "1"): "Missing argument 'rating' (see prep rate --help)",
        ("due", "--limit", "0"): "'--limit': must be at least 1",
        ("problem", "add", "--number", "abc"): "'--number': not a whole number",
        ("export", "json"): "Missing option '-o' / '--output'",
        ("problem", "list", "--nope"): "No such option: --nope",
    }
    for args, needle in cases.items():
        r = prep(*args)
        assert r.code == 2, (args, r.code)
        assert r.err.startswith("error: ") and r.err.count("\n") == 1 and needle in r.err, (args, r.err)
        assert r.out == ""
    assert prep("--help", db=False).code == 0 and prep("problem", "--help").code == 0
