"""The weekly review written out: Markdown (Notion/Obsidian/GitHub), a standalone HTML page with simple charts
(inline CSS and SVG, no external assets) and JSON with the same data."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timedelta, tzinfo
from html import escape
from pathlib import Path
from typing import Any

from tracker.domain.mastery import Mastery
from tracker.domain.review import WeekStats, md_escape, to_markdown
from tracker.services.review import WeekReport

FORMATS = ("md", "html", "json")
_RATING_COLOURS = {
    Mastery.BUG_FREE: "#2e9d5b",
    Mastery.HAS_BUGS: "#d9a21b",
    Mastery.BRUTE_FORCE: "#e07b39",
    Mastery.NO_CLUE: "#c94444",
}


def render(report: WeekReport, fmt: str) -> str:
    if fmt == "md":
        return markdown(report)
    if fmt == "html":
        return html(report)
    if fmt == "json":
        return json.dumps(as_json(report), ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"format must be one of {', '.join(FORMATS)} (got {fmt!r})")


def write(report: WeekReport, fmt: str, path: Path) -> Path:
    """Write the review; the file is replaced whole (written next to it first, then renamed), 0600."""
    from tracker.io.files import write_private

    text = render(report, fmt)
    path = path.expanduser()
    write_private(path, text)  # readable by the user only
    return path


# ------------------------------------------------------------------------------------------------ Markdown
def _md_text(text: str) -> str:
    return md_escape(text, line_start=True)


def _md_cell(text: object) -> str:
    return md_escape(text) or " "


def _extra_markdown(report: WeekReport) -> list[str]:
    out = ["## Mastery changes", ""]
    if report.mastery_changes:
        out += ["| Problem | Before | After |", "| --- | --- | --- |"]
        for c in report.mastery_changes:
            before = c.before.label if c.before is not None else "new"
            out.append(f"| {_md_cell(c.problem)} | {before} | {c.after.label} |")
    else:
        out.append("_No mastery changes._")
    out += ["", "## Weakest patterns", ""]
    if report.weakest_patterns:
        for p in report.weakest_patterns:
            out.append(f"- **{_md_text(p.name)}**: {p.weak} of {p.attempted} tried problems weak")
    else:
        out.append("_No weak patterns yet._")
    out += ["", "## Stories written", ""]
    if report.stories_written:
        out += [f"- {_md_text(t)}" for t in report.stories_written]
    else:
        out.append("_No new stories._")
    out.append("")
    return out


def markdown(report: WeekReport) -> str:
    """The domain's Markdown with the extra sections placed before "Next week"."""
    text = to_markdown(report.review)
    marker = "\n## Next week\n"
    head, sep, tail = text.partition(marker)
    extra = "\n".join(_extra_markdown(report))
    if not sep:
        return text.rstrip("\n") + "\n\n" + extra
    return head + "\n" + extra + sep + tail


# ------------------------------------------------------------------------------------------------ JSON
def _stats_json(s: WeekStats) -> dict[str, Any]:
    return {
        "attempts": s.attempts,
        "problems": s.problems,
        "ratings": {
            m.slug.replace("-", "_"): s.ratings.get(m, 0) for m in reversed(Mastery)
        },  # snake_case keys
        "papers_read": s.papers_read,
        "rehearsals": s.rehearsals,
        "round_events": s.round_events,
        "planned_minutes": s.planned_minutes,
        "done_minutes": s.done_minutes,
    }


def _local(at: datetime, tz: tzinfo) -> str:
    return at.astimezone(tz).isoformat()


def as_json(report: WeekReport) -> dict[str, Any]:
    r = report.review
    tz = r.tz
    return {
        "week": r.label,
        "start": _local(r.start, tz),
        "end": _local(r.end, tz),
        "this_week": _stats_json(r.this_week),
        "previous_week": _stats_json(r.previous_week),
        "problems": [
            {
                "at": _local(a.at, tz),
                "problem": a.problem,
                "number": a.problem_number,
                "title": a.problem_title,
                "rating": a.rating.slug,
                "minutes": a.minutes,
                "gist": a.gist,
            }
            for a in r.attempts
        ],
        "mastery_changes": [c.to_json() for c in report.mastery_changes],
        "weakest_patterns": [p.to_json() for p in report.weakest_patterns],
        "papers": [
            {"read_on": p.read_at.astimezone(tz).date().isoformat(), "title": p.title, "tldr": p.tldr}
            for p in r.papers
        ],
        "rehearsals": [{"at": _local(x.at, tz), "story": x.story_title} for x in r.rehearsals],
        "stories_written": list(report.stories_written),
        "pipeline": [
            {
                "at": _local(e.at, tz),
                "company": e.company,
                "kind": e.kind,
                "from_column": e.from_column,
                "to_column": e.to_column,
                "outcome": e.outcome,
            }
            for e in r.round_events
        ],
        "blocks": [_block_json(b, tz) for b in r.blocks],
        "next_week": {
            "rounds": [
                {"at": _local(x.starts_at, tz), "company": x.company, "kind": x.kind} for x in r.next_rounds
            ],
            "blocks": [_block_json(b, tz) for b in r.next_blocks],
        },
    }


def _block_json(b: Any, tz: tzinfo) -> dict[str, Any]:
    return {
        "start": _local(b.start, tz),
        "end": _local(b.end, tz),
        "title": b.title,
        "status": b.status,
        "focus": b.focus,
        "minutes": b.minutes,
    }


# ------------------------------------------------------------------------------------------------ HTML
_CSS = """
body{font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
 max-width:860px;margin:2rem auto;padding:0 1rem;color:#1f2328;background:#fff}
h1{margin-bottom:0}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
.range{color:#57606a;margin-top:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}
.bars{display:grid;grid-template-columns:12rem 1fr;gap:.25rem .75rem;align-items:center;margin:.75rem 0}
.bar{height:.7rem;border-radius:3px;background:#0969da;min-width:1px}
.bar.prev{background:#afb8c1}.pair{display:flex;flex-direction:column;gap:2px}
.legend{color:#57606a;font-size:.85rem}.legend span{display:inline-block;width:.8rem;height:.8rem;
 vertical-align:middle;margin:0 .3rem 0 .8rem;border-radius:2px}
.muted{color:#57606a;font-style:italic}.tldr{color:#57606a}
@media (prefers-color-scheme: dark){body{background:#0d1117;color:#e6edf3}th{background:#161b22}
 th,td,h2{border-color:#30363d}.range,.legend,.muted,.tldr{color:#8b949e}}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _duration(minutes: int) -> str:
    hours, rest = divmod(max(0, minutes), 60)
    if hours and rest:
        return f"{hours}h {rest}m"
    return f"{hours}h" if hours else f"{rest}m"


def _day(at: datetime, tz: tzinfo) -> str:
    local = at.astimezone(tz)
    return f"{local:%a} {local.day} {local:%b}"


def _compare_bars(rows: list[tuple[str, int, int, str]]) -> list[str]:
    """Pairs of horizontal bars: this week (blue) over last week (grey)."""
    top = max([1, *(max(a, b) for _, a, b, _ in rows)])
    out = [
        '<div class="legend" aria-hidden="true"><span style="background:#0969da"></span>this week'
        '<span style="background:#afb8c1"></span>last week</div>',
        '<div class="bars">',
    ]
    for label, this, last, shown in rows:
        out.append(f'<div>{_e(label)} <span class="legend">{_e(shown)}</span></div>')
        out.append(
            '<div class="pair">'
            f'<div class="bar" style="width:{100 * this / top:.1f}%" title="this week: {this}"></div>'
            f'<div class="bar prev" style="width:{100 * last / top:.1f}%" title="last week: {last}"></div>'
            "</div>"
        )
    out.append("</div>")
    return out


def _study_chart(report: WeekReport) -> list[str]:
    """An SVG column chart: minutes planned (outline) and done (filled) for each day of the week."""
    r = report.review
    tz = r.tz
    days = [(r.start.astimezone(tz) + timedelta(days=i)).date() for i in range(7)]
    planned: Counter[Any] = Counter()
    done: Counter[Any] = Counter()
    for b in r.blocks:
        day = b.start.astimezone(tz).date()
        planned[day] += b.minutes
        if b.status == "done":
            done[day] += b.minutes
    top = max([60, *planned.values(), *done.values()])
    width, height, pad = 560, 160, 24
    col = (width - pad) / 7
    parts = [
        f'<svg viewBox="0 0 {width} {height + 20}" width="100%" role="img" '
        'aria-label="Study minutes per day, planned and done" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, day in enumerate(days):
        x = pad + i * col + col * 0.2
        w = col * 0.6
        ph = height * planned[day] / top
        dh = height * done[day] / top
        parts.append(
            f'<rect x="{x:.1f}" y="{height - ph:.1f}" width="{w:.1f}" height="{ph:.1f}" fill="none" '
            f'stroke="#afb8c1" stroke-width="1.5"><title>{day:%a}: {planned[day]} min planned</title></rect>'
        )
        parts.append(
            f'<rect x="{x:.1f}" y="{height - dh:.1f}" width="{w:.1f}" height="{dh:.1f}" fill="#2e9d5b">'
            f"<title>{day:%a}: {done[day]} min done</title></rect>"
        )
        parts.append(
            f'<text x="{x + w / 2:.1f}" y="{height + 15}" font-size="11" text-anchor="middle" '
            f'fill="currentColor">{day:%a}</text>'
        )
    parts.append(f'<line x1="{pad}" y1="{height}" x2="{width}" y2="{height}" stroke="#d0d7de"/>')
    parts.append("</svg>")
    return parts


def _rating_chart(stats: WeekStats) -> list[str]:
    total = sum(stats.ratings.values())
    if not total:
        return []
    width, x = 560.0, 0.0
    parts = [
        f'<svg viewBox="0 0 {width:.0f} 24" width="100%" role="img" aria-label="Ratings this week" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    for m in reversed(Mastery):
        n = stats.ratings.get(m, 0)
        if not n:
            continue
        w = width * n / total
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="24" fill="{_RATING_COLOURS[m]}">'
            f"<title>{_e(m.label)}: {n}</title></rect>"
        )
        x += w
    parts.append("</svg>")
    legend = "".join(
        f'<span style="background:{_RATING_COLOURS[m]}"></span>{_e(m.label)} {stats.ratings.get(m, 0)}'
        for m in reversed(Mastery)
    )
    return [*parts, f'<div class="legend">{legend}</div>']


def _table(headers: list[str], rows: list[list[object]], numeric: set[int] | None = None) -> list[str]:
    numeric = numeric or set()
    out = [
        "<table>",
        "<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in headers) + "</tr></thead>",
        "<tbody>",
    ]
    for row in rows:
        cells = "".join(
            f'<td class="n">{_e(c)}</td>' if i in numeric else f"<td>{_e(c)}</td>" for i, c in enumerate(row)
        )
        out.append(f"<tr>{cells}</tr>")
    out += ["</tbody>", "</table>"]
    return out


def _range(report: WeekReport) -> str:
    r = report.review
    first = r.start.astimezone(r.tz).date()
    last = r.end.astimezone(r.tz).date() - timedelta(days=1)
    return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"


def html(report: WeekReport) -> str:
    r = report.review
    tz = r.tz
    this, prev = r.this_week, r.previous_week
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Weekly review {_e(r.label)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>Weekly review {_e(r.label)}</h1>",
        f'<p class="range">{_e(_range(report))}</p>',
        "<h2>At a glance</h2>",
    ]
    out += _compare_bars(
        [
            ("Attempts", this.attempts, prev.attempts, f"{this.attempts} vs {prev.attempts}"),
            ("Papers read", this.papers_read, prev.papers_read, f"{this.papers_read} vs {prev.papers_read}"),
            (
                "Stories rehearsed",
                this.rehearsals,
                prev.rehearsals,
                f"{this.rehearsals} vs {prev.rehearsals}",
            ),
            (
                "Pipeline moves",
                this.round_events,
                prev.round_events,
                f"{this.round_events} vs {prev.round_events}",
            ),
            (
                "Study time done",
                this.done_minutes,
                prev.done_minutes,
                f"{_duration(this.done_minutes)} vs {_duration(prev.done_minutes)}",
            ),
        ]
    )
    rows: list[list[object]] = [["Attempts", this.attempts, prev.attempts]]
    rows += [
        [m.label.capitalize(), this.ratings.get(m, 0), prev.ratings.get(m, 0)] for m in reversed(Mastery)
    ]
    rows += [
        ["Papers read", this.papers_read, prev.papers_read],
        ["Stories rehearsed", this.rehearsals, prev.rehearsals],
        ["Pipeline moves", this.round_events, prev.round_events],
        [
            "Study time done / planned",
            f"{_duration(this.done_minutes)} / {_duration(this.planned_minutes)}",
            f"{_duration(prev.done_minutes)} / {_duration(prev.planned_minutes)}",
        ],
    ]
    out += _table(["", "This week", "Last week"], rows, {1, 2})
    out.append("<h3>Study time per day</h3>")
    out += _study_chart(report)

    out.append("<h2>Problems</h2>")
    if r.attempts:
        out += _rating_chart(this)
        out += _table(
            ["Day", "Problem", "Rating", "Gist"],
            [[_day(a.at, tz), a.problem, a.rating.label, a.gist] for a in r.attempts],
        )
    else:
        out.append('<p class="muted">No problems attempted.</p>')

    out.append("<h2>Mastery changes</h2>")
    if report.mastery_changes:
        out += _table(
            ["Problem", "Before", "After"],
            [
                [c.problem, c.before.label if c.before else "new", c.after.label]
                for c in report.mastery_changes
            ],
        )
    else:
        out.append('<p class="muted">No mastery changes.</p>')

    out.append("<h2>Weakest patterns</h2>")
    if report.weakest_patterns:
        out.append("<ul>")
        out += [
            f"<li><strong>{_e(p.name)}</strong>: {p.weak} of {p.attempted} tried problems weak</li>"
            for p in report.weakest_patterns
        ]
        out.append("</ul>")
    else:
        out.append('<p class="muted">No weak patterns yet.</p>')

    out.append("<h2>Papers</h2>")
    if r.papers:
        out.append("<ul>")
        for p in r.papers:
            tldr = f' <span class="tldr">— {_e(" ".join(p.tldr.split()))}</span>' if p.tldr.strip() else ""
            out.append(f"<li><strong>{_e(p.title)}</strong>{tldr}</li>")
        out.append("</ul>")
    else:
        out.append('<p class="muted">No papers read.</p>')

    out.append("<h2>Stories rehearsed</h2>")
    if r.rehearsals:
        counts = Counter(x.story_title for x in r.rehearsals)
        out.append("<ul>")
        out += [f"<li>{_e(t)}{f' (×{n})' if n > 1 else ''}</li>" for t, n in counts.items()]
        out.append("</ul>")
    else:
        out.append('<p class="muted">No stories rehearsed.</p>')

    out.append("<h2>Stories written</h2>")
    if report.stories_written:
        out.append("<ul>")
        out += [f"<li>{_e(t)}</li>" for t in report.stories_written]
        out.append("</ul>")
    else:
        out.append('<p class="muted">No new stories.</p>')

    out.append("<h2>Pipeline</h2>")
    if r.round_events:
        out.append("<ul>")
        for e in r.round_events:
            move = f"{e.from_column} → {e.to_column}" if e.from_column else f"added to {e.to_column}"
            outcome = f" (outcome: {_e(e.outcome)})" if e.outcome else ""
            out.append(f"<li>{_e(_day(e.at, tz))}: {_e(e.company)} {_e(e.kind)} — {_e(move)}{outcome}</li>")
        out.append("</ul>")
    else:
        out.append('<p class="muted">No changes.</p>')

    out += ["<h2>Next week</h2>", "<h3>Rounds</h3>"]
    if r.next_rounds:
        out.append("<ul>")
        out += [
            f"<li>{_e(_day(x.starts_at, tz))} {x.starts_at.astimezone(tz):%H:%M} — {_e(x.company)} {_e(x.kind)}</li>"
            for x in r.next_rounds
        ]
        out.append("</ul>")
    else:
        out.append('<p class="muted">No rounds scheduled.</p>')
    out.append("<h3>Study blocks</h3>")
    if r.next_blocks:
        out += _table(
            ["Day", "Time", "Block"],
            [
                [_day(b.start, tz), f"{b.start.astimezone(tz):%H:%M}–{b.end.astimezone(tz):%H:%M}", b.title]
                for b in r.next_blocks
            ],
        )
        total = sum(b.minutes for b in r.next_blocks)
        out.append(f"<p>Total: {_duration(total)} in {len(r.next_blocks)} blocks.</p>")
    else:
        out.append('<p class="muted">No study blocks planned.</p>')
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
