"""Columns and cells of the problems table (every user string becomes a rich Text, never markup)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Text

from tracker.tui.widgets.text import mastery, plain

# (key, label, width); keys of sortable columns are the service's SORTABLE keys.
TABLE_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("number", "#", 5),
    ("title", "Title", 28),
    ("difficulty", "Diff", 6),
    ("mastery", "Mastery", 11),
    ("due", "Next review", 11),
    ("attempts", "Tries", 5),
    ("last_attempt", "Last", 10),
    ("patterns", "Patterns", 18),
    ("lists", "Lists", 12),
    ("companies", "Companies", 14),
    ("gist", "Gist", 44),
)
QUEUE_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("position", "", 3),
    ("number", "#", 5),
    ("title", "Title", 20),
    ("why", "Why it is here", 42),
    ("recall", "Recall", 6),
    ("mastery", "Mastery", 11),
    ("difficulty", "Diff", 6),
    ("companies", "Companies", 14),
    ("patterns", "Patterns", 18),
)
STATS_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("pattern", "Pattern", 26),
    ("problems", "Problems", 8),
    ("new", "New", 5),
    ("no_clue", "No clue", 7),
    ("brute_force", "Brute force", 11),
    ("has_bugs", "Has bugs", 8),
    ("bug_free", "Bug free", 8),
    ("weak", "Weak", 6),
    ("bar", "", 20),  # the 20-cell bar: with the detail pane hidden, every column fits 120 columns
)
DIFFICULTY_STYLE = {"easy": "green", "medium": "yellow", "hard": "red"}


def day(value: datetime | None, *, now: datetime | None = None) -> Text:
    if value is None:
        return Text("—", style="dim")
    style = "bold red" if now is not None and value <= now else ""
    return Text(value.astimezone().strftime("%Y-%m-%d"), style=style)


def tags(values: list[str]) -> Text:
    return plain(", ".join(values), style="" if values else "dim")


def problem_cells(row: Any, now: datetime) -> list[Text]:
    return [
        plain(row.number or "", style="dim"),
        plain(row.title),
        plain(row.difficulty or "", style=DIFFICULTY_STYLE.get(row.difficulty or "", "")),
        mastery(row.mastery),
        day(row.due_at, now=now),
        plain(row.attempts),
        day(row.last_attempt_at),
        tags(row.patterns),
        tags(row.lists),
        tags(row.companies),
        plain(row.gist or "", style="italic"),
    ]


def queue_cells(entry: Any) -> list[Text]:
    row = entry.problem
    recall = entry.retrievability
    if recall is None:
        recall_text = Text("new", style="dim")
    else:
        pct = round(recall * 100)
        recall_text = Text(f"{pct}%", style="green" if pct >= 90 else "yellow" if pct >= 70 else "red")
    return [
        plain(entry.position, style="bold"),
        plain(row.number or "", style="dim"),
        plain(row.title),
        plain(_without_recall(entry.reason), style="cyan" if entry.lifted_by else ""),
        recall_text,
        mastery(row.mastery),
        plain(row.difficulty or "", style=DIFFICULTY_STYLE.get(row.difficulty or "", "")),
        tags(row.companies),
        tags(row.patterns),
    ]


def _without_recall(reason: str) -> str:
    """The queue's reason minus its "NN% recall" tail (the table shows recall in its own column)."""
    head, sep, tail = reason.rpartition(" · ")
    return head if sep and tail.endswith("% recall") else reason


def stats_cells(stat: Any) -> list[Text]:
    share = stat.weak_share
    filled = round(share * 20)
    bar = Text("█" * filled, style="red")
    bar.append("░" * (20 - filled), style="dim")
    return [
        plain(stat.pattern, style="bold"),
        plain(stat.problems),
        plain(stat.new, style="dim"),
        plain(stat.no_clue, style="bold red" if stat.no_clue else "dim"),
        plain(stat.brute_force, style="dark_orange" if stat.brute_force else "dim"),
        plain(stat.has_bugs, style="yellow" if stat.has_bugs else "dim"),
        plain(stat.bug_free, style="green" if stat.bug_free else "dim"),
        plain(f"{round(share * 100)}%", style="bold red" if share >= 0.5 else ""),
        bar,
    ]


def group_header(name: str | None, stat: Any | None, width: int) -> list[Text]:
    label = Text("▾ ", style="bold")
    label.append(name or "(no pattern)", style="bold")
    info = Text(style="dim")
    if stat is not None:
        info.append(f"{stat.problems} problems · {stat.weak} weak · {round(stat.weak_share * 100)}% of tried")
    cells = [Text("") for _ in range(width)]
    cells[1] = label
    cells[-1] = info
    return cells
