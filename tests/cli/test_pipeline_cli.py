"""`prep round move` and `prep board` through the real entry point."""

from __future__ import annotations


def column(doc: dict, name: str) -> dict:
    return next(c for c in doc["columns"] if c["name"] == name)


def test_round_move_and_board_json(prep) -> None:
    assert prep("round", "add", "Acme", "coding", "--column", "Scheduling").code == 0
    assert prep("round", "add", "Acme", "recruiter", "--column", "Scheduling").code == 0
    assert prep("round", "add", "[red]x[/]", "behavioral", "--at", "2026-12-03 14:00").code == 0

    r = prep("round", "move", "2", "Scheduled", "--position", "0")
    assert r.code == 0, r.err
    assert "Acme recruiter → Scheduled #0" in r.out
    doc = prep("board", "--json").json()
    assert [x["id"] for x in column(doc, "Scheduled")["rounds"]] == [2, 3]
    assert [x["position"] for x in column(doc, "Scheduled")["rounds"]] == [0, 1]
    assert [x["id"] for x in column(doc, "Scheduling")["rounds"]] == [1]
    assert column(doc, "Scheduled")["rounds"][1]["company"] == "[red]x[/]"
    assert set(doc["columns"][0]) == {"id", "name", "position", "done", "rounds"}
    assert set(column(doc, "Scheduled")["rounds"][0]) == {
        "id",
        "company",
        "kind",
        "scheduled_at",
        "position",
        "outcome",
    }

    r = prep("round", "move", "1", "done", "--outcome", "passed")
    assert r.code == 0, r.err
    done = column(prep("board", "--json").json(), "Done")
    assert done["done"] is True
    assert done["rounds"] == [
        {
            "id": 1,
            "company": "Acme",
            "kind": "coding",
            "scheduled_at": None,
            "position": 0,
            "outcome": "passed",
        }
    ]

    only = prep("board", "--company", "acme", "--json").json()
    assert sorted(x["id"] for c in only["columns"] for x in c["rounds"]) == [1, 2]
    text = prep("board").out
    assert "[red]x[/] · behavioral" in text

    r = prep("round", "move", "1", "Scheduled")  # back out of Done: no longer decided
    assert r.code == 0 and "(outcome passed cleared: it is no longer in a done column)" in r.out
    assert [x["outcome"] for x in column(prep("board", "--json").json(), "Scheduled")["rounds"]][-1] is None


def test_round_move_bad_input_is_one_line_and_changes_nothing(prep) -> None:
    prep("round", "add", "Acme", "coding", "--column", "Scheduling")
    before = prep("board", "--json").out
    for args, needle in [
        (["round", "move", "1", "Nowhere"], "no board column named 'Nowhere'"),
        (["round", "move", "9", "Done"], "no round with id 9"),
        (
            ["round", "move", "1", "Done", "--outcome", "great"],
            "outcome must be one of passed, failed, pending",
        ),
        (["round", "move", "1", "Done", "--position", "-2"], "position must be 0 or more"),
        (["board", "--company", "Nobody"], "no company named 'Nobody'"),
    ]:
        r = prep(*args)
        assert r.code != 0
        assert r.err.startswith("error: ") and needle in r.err and r.err.count("\n") == 1, r.err
        assert "Traceback" not in r.err
    assert prep("board", "--json").out == before


def test_round_move_help(prep) -> None:
    r = prep("round", "move", "--help", db=False)
    assert r.code == 0
    for word in ("ROUND_ID", "COLUMN", "--position", "--outcome"):
        assert word in r.out
