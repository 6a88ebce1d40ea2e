"""`prep paper add|list|read` and `prep topic add|list` through the real entry point."""

from __future__ import annotations

from datetime import date


def test_add_by_arxiv_id_fills_from_the_catalog(prep) -> None:
    r = prep("paper", "add", "https://arxiv.org/abs/2106.09685v2", "--topic", "Fine-tuning")
    assert r.code == 0, r.err
    assert "LoRA: Low-Rank Adaptation" in r.out and "filled from the catalog" in r.out
    papers = prep("paper", "list", "--json").json()
    assert len(papers) == 1
    p = papers[0]
    assert {
        "id",
        "title",
        "authors",
        "year",
        "venue",
        "arxiv_id",
        "domain",
        "topics",
        "status",
        "tldr",
    } <= set(p)
    assert (p["arxiv_id"], p["year"], p["venue"], p["topics"], p["status"]) == (
        "2106.09685",
        2022,
        "ICLR",
        ["Fine-tuning"],
        "to-read",
    )


def test_add_with_every_option_then_filter(prep) -> None:
    r = prep(
        "paper", "add", "Own paper", "--arxiv", "2411.00001", "--authors", "A. B", "--year", "2024",
        "--venue", "arXiv", "--domain", "llm", "--topic", "Agents", "--status", "reading", "--tldr", "Short.",
    )  # fmt: skip
    assert r.code == 0, r.err
    prep("paper", "add", "1706.03762")
    reading = prep("paper", "list", "--status", "reading", "--json").json()
    assert [p["title"] for p in reading] == ["Own paper"]
    assert reading[0]["url"] == "https://arxiv.org/abs/2411.00001"
    assert [p["title"] for p in prep("paper", "list", "--topic", "agents", "--json").json()] == ["Own paper"]
    text = prep("paper", "list")
    assert "Own paper" in text.out and "Attention Is All You Need" in text.out


def test_read_asks_for_a_tldr_when_missing(prep) -> None:
    prep("paper", "add", "[bold]x[/]")
    r = prep("paper", "read", "[bold]x[/]")
    assert r.code == 1 and r.err.startswith("error: ") and "--tldr" in r.err
    assert prep("paper", "list", "--json").json()[0]["status"] == "to-read"
    r = prep("paper", "read", "[bold]x[/]", "--tldr", "It works.")
    assert r.code == 0, r.err
    assert "[bold]x[/]" in r.out  # shown literally
    p = prep("paper", "list", "--json").json()[0]
    assert (p["status"], p["tldr"], p["read_on"]) == ("read", "It works.", date.today().isoformat())


def test_read_by_arxiv_id_uses_the_catalog_tldr(prep) -> None:
    prep("paper", "add", "1512.03385")
    r = prep("paper", "read", "arXiv:1512.03385v1")
    assert r.code == 0, r.err
    assert prep("paper", "list", "--status", "read", "--json").json()[0]["title"].startswith("Deep Residual")


def test_errors_are_one_line_and_change_nothing(prep) -> None:
    for args in (
        ("paper", "add", "2401.99999"),
        ("paper", "add", "X", "--arxiv", "not-an-id"),
        ("paper", "add", "X", "--status", "done"),
        ("paper", "add", "X", "--status", "read"),
        ("paper", "read", "nope", "--tldr", "t"),
        ("paper", "list", "--status", "done"),
        ("topic", "add", "X", "--area", "cooking"),
    ):
        r = prep(*args)
        assert r.code == 1, args
        assert r.err.startswith("error: ") and r.err.count("\n") == 1, (args, r.err)
        assert "Traceback" not in r.err
    assert prep("paper", "list", "--json").json() == []
    assert prep("topic", "list", "--json").json() == []


def test_topics_add_and_list(prep) -> None:
    assert prep("topic", "add", "Transformers", "--area", "ml-depth").code == 0
    assert prep("topic", "add", "Dynamic programming", "--area", "coding").code == 0
    r = prep("topic", "add", "transformers")
    assert r.code == 1 and "already exists" in r.err
    prep("paper", "add", "1706.03762", "--topic", "Transformers")
    topics = prep("topic", "list", "--json").json()
    assert [(t["name"], t["area"], t["papers"], t["stale"]) for t in topics] == [
        ("Dynamic programming", "coding", 0, True),
        ("Transformers", "ml-depth", 1, True),
    ]
    assert {"id", "name", "area", "last_reviewed_at", "stale", "papers", "questions", "rounds"} <= set(
        topics[0]
    )
    assert "Transformers" in prep("topic", "list").out


def test_help(prep) -> None:
    for args in (("paper", "--help"), ("paper", "add", "--help"), ("topic", "list", "--help")):
        assert prep(*args).code == 0
