"""The behavioral question bank as Markdown, question by question, for reading before a round."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tracker.domain.star import COVERED, UNCOVERED, WEAK, format_duration
from tracker.services.base import Database
from tracker.services.stories import StoryBank, StoryRow, story_bank

_MARK = {UNCOVERED: "✗ no story", WEAK: "⚠ weak", COVERED: "✓"}


def _inline(text: str) -> str:
    """One line of user text for a heading or a list item (newlines folded)."""
    return " ".join(text.split())


def _story_block(story: StoryRow, *, heading: str) -> list[str]:
    counts = story.counts
    rehearsed = (
        f"rehearsed {story.rehearsals}×, last {story.last_rehearsed_at.astimezone():%Y-%m-%d}"
        if story.last_rehearsed_at
        else "never rehearsed"
    )
    lines = [
        f"{heading} {_inline(story.title)}",
        "",
        f"_Strength {story.strength}/5 · {rehearsed} · {counts.total} words, ~{format_duration(counts.seconds)}"
        " spoken" + (f" · tags: {', '.join(story.tags)}" if story.tags else "") + "_",
        "",
    ]
    for name in ("situation", "task", "action", "result"):
        text = getattr(story, name).strip()
        lines.append(f"**{name.capitalize()}.** " + (text if text else "_(empty)_"))
        lines.append("")
    return lines


def render_markdown(bank: StoryBank, *, now: datetime | None = None) -> str:
    cov = bank.coverage
    out: list[str] = ["# Behavioral question bank", ""]
    stamp = f"Exported {now.astimezone():%Y-%m-%d %H:%M} · " if now else ""
    out.append(
        f"_{stamp}{cov.total} questions · {cov.covered} with a story ({cov.weak} weak) · "
        f"{cov.uncovered} without a story · {len(bank.stories)} stories_"
    )
    out.append("")
    if cov.competencies:
        out += ["| Competency | Questions | Covered | Weak | No story |", "|---|---:|---:|---:|---:|"]
        for c in sorted(cov.competencies, key=lambda c: c.competency):
            out.append(f"| {c.competency} | {c.questions} | {c.covered} | {c.weak} | {c.uncovered} |")
        out.append("")

    by_comp: dict[str, list] = {}
    for q in cov.questions:
        by_comp.setdefault(q.competency, []).append(q)
    for comp in sorted(by_comp):
        out += [f"## {comp.replace('-', ' ').capitalize()}", ""]
        for q in sorted(by_comp[comp], key=lambda q: q.question.text.casefold()):
            out += [f"### {_inline(q.question.text)}", ""]
            mark = _MARK[q.status]
            if q.best is None:
                out += [f"**{mark}.** Write one, or link a story that fits.", ""]
                continue
            best = bank.stories.get(q.best.id)
            if q.status == WEAK:
                out += [f"**{mark}:** {q.reason}.", ""]
            if best is not None:
                out += _story_block(best, heading="#### Best story:")
            others = [s for s in q.stories if s.id != q.best.id]
            if others:
                out.append("Also fits: " + "; ".join(f"{_inline(s.title)} ({s.strength}/5)" for s in others))
                out.append("")

    unlinked = [bank.stories[s.id] for s in cov.unlinked_stories if s.id in bank.stories]
    if unlinked:
        out += ["## Stories not linked to any question", ""]
        for story in unlinked:
            out += _story_block(story, heading="###")
    return "\n".join(out).rstrip() + "\n"


def export_stories(db: Database, *, now: datetime | None = None) -> str:
    return render_markdown(story_bank(db), now=now)


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all, readable by the user only."""
    from tracker.io.files import write_private

    write_private(path, text)
