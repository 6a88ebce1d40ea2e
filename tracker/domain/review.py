"""The weekly review as data, built from plain records, and rendered as Markdown that pastes into Notion.

The service passes every record that might matter (it may over-fetch: anything outside the weeks is
ignored); :func:`build_weekly_review` keeps this ISO week's details, the previous ISO week's totals for
comparison and the next ISO week's rounds and blocks. Weeks are local weeks (Monday 00:00 in ``tz``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from tracker.domain.mastery import Mastery

__all__ = [
    "AttemptRecord",
    "BlockRecord",
    "PaperRecord",
    "RehearsalRecord",
    "RoundEventRecord",
    "UpcomingRound",
    "WeekStats",
    "WeeklyReview",
    "build_weekly_review",
    "iso_week_bounds",
    "iso_week_of",
    "md_escape",
    "to_markdown",
]


# ------------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True, slots=True)
class AttemptRecord:
    at: datetime
    problem_title: str
    rating: Mastery
    gist: str = ""
    problem_number: int | None = None
    minutes: int | None = None

    @property
    def problem(self) -> str:
        return (
            f"{self.problem_number}. {self.problem_title}"
            if self.problem_number is not None
            else self.problem_title
        )


@dataclass(frozen=True, slots=True)
class PaperRecord:
    read_at: datetime
    title: str
    tldr: str = ""


@dataclass(frozen=True, slots=True)
class RehearsalRecord:
    at: datetime
    story_title: str


@dataclass(frozen=True, slots=True)
class RoundEventRecord:
    """A round moved on the board (``from_column`` None = added) and/or got an outcome."""

    at: datetime
    company: str
    kind: str
    to_column: str
    from_column: str | None = None
    outcome: str | None = None


@dataclass(frozen=True, slots=True)
class BlockRecord:
    start: datetime
    end: datetime
    title: str
    status: str = "planned"  # planned | done | skipped
    focus: str = "any"

    @property
    def minutes(self) -> int:
        return max(0, int((self.end - self.start).total_seconds() // 60))


@dataclass(frozen=True, slots=True)
class UpcomingRound:
    starts_at: datetime
    company: str
    kind: str


# ------------------------------------------------------------------------------------------------
# The review


@dataclass(frozen=True, slots=True)
class WeekStats:
    attempts: int = 0
    problems: int = 0
    ratings: dict[Mastery, int] = field(default_factory=dict)
    papers_read: int = 0
    rehearsals: int = 0
    round_events: int = 0
    planned_minutes: int = 0
    """Minutes of every block scheduled in the week (planned, done or skipped)."""
    done_minutes: int = 0


@dataclass(frozen=True, slots=True)
class WeeklyReview:
    year: int
    week: int
    tz: tzinfo
    start: datetime
    end: datetime
    attempts: list[AttemptRecord]
    papers: list[PaperRecord]
    rehearsals: list[RehearsalRecord]
    round_events: list[RoundEventRecord]
    blocks: list[BlockRecord]
    this_week: WeekStats
    previous_week: WeekStats
    next_rounds: list[UpcomingRound]
    next_blocks: list[BlockRecord]

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.week:02}"


def iso_week_bounds(year: int, week: int, tz: tzinfo) -> tuple[datetime, datetime]:
    """UTC ``[start, end)`` of ISO week ``week`` of ``year``: local Monday 00:00 to the next Monday 00:00.
    Raises ``ValueError`` for a week the year does not have."""
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        weeks = date(year, 12, 28).isocalendar()[1] if 1 <= year <= 9999 else 0
        raise ValueError(f"week {week}: {year} has ISO weeks 1..{weeks}") from None
    return _midnight(monday, tz), _midnight(monday + timedelta(days=7), tz)


def iso_week_of(at: datetime, tz: tzinfo) -> tuple[int, int]:
    """``(iso_year, iso_week)`` of an aware datetime, in local time."""
    iso = at.astimezone(tz).isocalendar()
    return iso[0], iso[1]


def _midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time()).replace(tzinfo=tz).astimezone(UTC)


def _within(at: datetime, start: datetime, end: datetime) -> bool:
    return start <= at < end


def _stats(
    start: datetime,
    end: datetime,
    attempts: Sequence[AttemptRecord],
    papers: Sequence[PaperRecord],
    rehearsals: Sequence[RehearsalRecord],
    events: Sequence[RoundEventRecord],
    blocks: Sequence[BlockRecord],
) -> WeekStats:
    mine = [a for a in attempts if _within(a.at, start, end)]
    week_blocks = [b for b in blocks if _within(b.start, start, end)]
    counts = Counter(a.rating for a in mine)
    return WeekStats(
        attempts=len(mine),
        problems=len({a.problem for a in mine}),
        ratings={m: counts.get(m, 0) for m in reversed(Mastery)},
        papers_read=sum(1 for p in papers if _within(p.read_at, start, end)),
        rehearsals=sum(1 for r in rehearsals if _within(r.at, start, end)),
        round_events=sum(1 for e in events if _within(e.at, start, end)),
        planned_minutes=sum(b.minutes for b in week_blocks),
        done_minutes=sum(b.minutes for b in week_blocks if b.status == "done"),
    )


def build_weekly_review(
    year: int,
    week: int,
    tz: tzinfo,
    *,
    attempts: Iterable[AttemptRecord] = (),
    papers: Iterable[PaperRecord] = (),
    rehearsals: Iterable[RehearsalRecord] = (),
    round_events: Iterable[RoundEventRecord] = (),
    blocks: Iterable[BlockRecord] = (),
    rounds: Iterable[UpcomingRound] = (),
) -> WeeklyReview:
    """The review of ISO week ``week`` of ``year`` in ``tz``; records are sorted chronologically."""
    start, end = iso_week_bounds(year, week, tz)
    prev_start = _midnight(date.fromisocalendar(year, week, 1) - timedelta(days=7), tz)
    next_end = _midnight(date.fromisocalendar(year, week, 1) + timedelta(days=14), tz)
    all_attempts = sorted(attempts, key=lambda a: a.at)
    all_papers = sorted(papers, key=lambda p: p.read_at)
    all_rehearsals = sorted(rehearsals, key=lambda r: r.at)
    all_events = sorted(round_events, key=lambda e: e.at)
    all_blocks = sorted(blocks, key=lambda b: b.start)
    everything = (all_attempts, all_papers, all_rehearsals, all_events, all_blocks)
    return WeeklyReview(
        year=year,
        week=week,
        tz=tz,
        start=start,
        end=end,
        attempts=[a for a in all_attempts if _within(a.at, start, end)],
        papers=[p for p in all_papers if _within(p.read_at, start, end)],
        rehearsals=[r for r in all_rehearsals if _within(r.at, start, end)],
        round_events=[e for e in all_events if _within(e.at, start, end)],
        blocks=[b for b in all_blocks if _within(b.start, start, end)],
        this_week=_stats(start, end, *everything),
        previous_week=_stats(prev_start, start, *everything),
        next_rounds=sorted(
            (r for r in rounds if _within(r.starts_at, end, next_end)), key=lambda r: (r.starts_at, r.company)
        ),
        next_blocks=[b for b in all_blocks if _within(b.start, end, next_end) and b.status != "skipped"],
    )


# ------------------------------------------------------------------------------------------------
# Markdown


_MD_PUNCTUATION = re.compile(r"([\\`*_\[\]~|])")
_MD_BLOCK_START = re.compile(r"^(\d{1,9}(?=[.)](?:\s|$))|(?=[#+-]))")


_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
"""An ``&`` that would start an entity (``&amp;``, ``&#35;``); any other reads as itself ("x & (x - 1)")."""


def md_escape(text: object, *, line_start: bool = False) -> str:
    """User text as literal Markdown on one line: ``<``, ``>`` and an ``&`` that would start an entity as HTML
    entities; emphasis, code, link,
    strike-through and table-pipe characters backslash-escaped; line breaks folded. ``line_start``: the text
    opens a block (a list item's text), so a leading ``#``, ``-``, ``+`` or ``1.`` is escaped too."""
    value = " ".join(str(text).split())
    value = _MD_ENTITY.sub("&amp;", value).replace("<", "&lt;").replace(">", "&gt;")
    value = _MD_PUNCTUATION.sub(r"\\\1", value)
    return _MD_BLOCK_START.sub(r"\1\\", value, count=1) if line_start else value


def _cell(text: object) -> str:
    """Table-safe literal text (see :func:`md_escape`), never empty."""
    return md_escape(text) or " "


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], align: Sequence[str] = ()) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in headers) + " |"]
    marks = [("---:" if (align[i] if i < len(align) else "l") == "r" else "---") for i in range(len(headers))]
    lines.append("| " + " | ".join(marks) + " |")
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return lines


def _duration(minutes: int) -> str:
    hours, rest = divmod(max(0, minutes), 60)
    if hours and rest:
        return f"{hours}h {rest}m"
    return f"{hours}h" if hours else f"{rest}m"


def _study(stats: WeekStats) -> str:
    text = f"{_duration(stats.done_minutes)} / {_duration(stats.planned_minutes)}"
    if stats.planned_minutes:
        text += f" ({round(100 * stats.done_minutes / stats.planned_minutes)}%)"
    return text


def _day(at: datetime, tz: tzinfo) -> str:
    local = at.astimezone(tz)
    return f"{local:%a} {local.day} {local:%b}"


def _range(start: datetime, end: datetime, tz: tzinfo) -> str:
    first = start.astimezone(tz).date()
    last = end.astimezone(tz).date() - timedelta(days=1)
    if first.year != last.year:
        return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"
    if first.month != last.month:
        return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
    return f"{first.day}–{last.day} {last:%b %Y}"


def to_markdown(review: WeeklyReview) -> str:
    """Markdown with headings, tables and bullet lists; pastes cleanly into Notion."""
    tz = review.tz
    this, prev = review.this_week, review.previous_week
    out: list[str] = [f"# Weekly review {review.label}", "", _range(review.start, review.end, tz), ""]

    out += ["## At a glance", ""]
    rows: list[list[object]] = [["Attempts", this.attempts, prev.attempts]]
    rows += [
        [m.label.capitalize(), this.ratings.get(m, 0), prev.ratings.get(m, 0)] for m in reversed(Mastery)
    ]
    rows += [
        ["Papers read", this.papers_read, prev.papers_read],
        ["Stories rehearsed", this.rehearsals, prev.rehearsals],
        ["Pipeline moves", this.round_events, prev.round_events],
        ["Study time done / planned", _study(this), _study(prev)],
    ]
    out += _table(["", "This week", "Last week"], rows, "lrr")
    out.append("")

    out += ["## Problems", ""]
    if review.attempts:
        out += _table(
            ["Day", "Problem", "Rating", "Gist"],
            ([_day(a.at, tz), a.problem, a.rating.label, a.gist] for a in review.attempts),
        )
    else:
        out.append("_No problems attempted._")
    out.append("")

    out += ["## Papers", ""]
    if review.papers:
        for p in review.papers:
            line = f"- **{md_escape(p.title)}**"
            out.append(line + (f" — {md_escape(p.tldr)}" if p.tldr.strip() else ""))
    else:
        out.append("_No papers read._")
    out.append("")

    out += ["## Stories rehearsed", ""]
    if review.rehearsals:
        counts = Counter(r.story_title for r in review.rehearsals)
        for title, n in counts.items():
            out.append(f"- {md_escape(title, line_start=True)}" + (f" (×{n})" if n > 1 else ""))
    else:
        out.append("_No stories rehearsed._")
    out.append("")

    out += ["## Pipeline", ""]
    if review.round_events:
        for e in review.round_events:
            to = md_escape(e.to_column)
            move = f"{md_escape(e.from_column)} → {to}" if e.from_column else f"added to {to}"
            line = f"- {_day(e.at, tz)}: {md_escape(e.company)} {md_escape(e.kind)} — {move}"
            out.append(line + (f" (outcome: {md_escape(e.outcome)})" if e.outcome else ""))
    else:
        out.append("_No changes._")
    out.append("")

    out += ["## Next week", "", "### Rounds", ""]
    if review.next_rounds:
        for r in review.next_rounds:
            local = r.starts_at.astimezone(tz)
            out.append(
                f"- {_day(r.starts_at, tz)} {local:%H:%M} — {md_escape(r.company)} {md_escape(r.kind)}"
            )
    else:
        out.append("_No rounds scheduled._")
    out += ["", "### Study blocks", ""]
    if review.next_blocks:
        out += _table(
            ["Day", "Time", "Block"],
            (
                [_day(b.start, tz), f"{b.start.astimezone(tz):%H:%M}–{b.end.astimezone(tz):%H:%M}", b.title]
                for b in review.next_blocks
            ),
        )
        total = sum(b.minutes for b in review.next_blocks)
        out += ["", f"Total: {_duration(total)} in {len(review.next_blocks)} blocks."]
    else:
        out.append("_No study blocks planned._")
    return "\n".join(out) + "\n"
