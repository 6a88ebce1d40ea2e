"""Papers: add (by title, arXiv id or arXiv/DOI URL, filled from the bundled catalog), edit, status with the
TL;DR rule, notes, the reading list ordered by the topics of the next rounds, and the catalog merge."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tracker.domain.words import fold
from tracker.services.base import (
    Conflict,
    Database,
    Invalid,
    NotFound,
    clean_name,
    clean_text,
    db_time,
    dbapi_connection,
    now_utc,
    parse_db_time,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from tracker.services.undo import Removed

VIEWS = ("all", "reading-list", "this-month")
EDITABLE = (
    "title",
    "authors",
    "year",
    "venue",
    "url",
    "arxiv_id",
    "domain",
    "tldr",
    "notes",
    "topics",
    "status",
)


class TldrRequired(Invalid):
    """Marking a paper read needs a TL;DR; the faces ask for one when they see this."""


@dataclass(frozen=True, slots=True)
class PaperRow:
    id: int
    title: str
    authors: str | None
    year: int | None
    venue: str | None
    arxiv_id: str | None
    domain: str | None
    status: str
    tldr: str | None
    read_on: date | None
    url: str | None = None
    topics: list[str] = field(default_factory=list)
    next_round: str | None = None  # reading list: the soonest upcoming round that lists one of its topics

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "authors": self.authors,
            "year": self.year,
            "venue": self.venue,
            "arxiv_id": self.arxiv_id,
            "url": self.url,
            "domain": self.domain,
            "topics": self.topics,
            "status": self.status,
            "tldr": self.tldr,
            "read_on": self.read_on.isoformat() if self.read_on else None,
        }


def merge_catalog_papers(db: Database, rows: Sequence[Mapping[str, str]]) -> tuple[int, int]:
    """Add catalog papers not yet present (matched by arXiv id, else title); returns (added, merged)."""
    from sqlmodel import select

    from tracker.db.tables import Paper

    added = merged = 0
    with db.write() as session:
        existing = list(session.exec(select(Paper)))
        by_arxiv = {p.arxiv_id: p for p in existing if p.arxiv_id}
        by_title = {p.title.casefold(): p for p in existing}
        for row in rows:
            arxiv = (row.get("arxiv_id") or "").strip() or None
            title = (row.get("title") or "").strip()
            if not title:
                continue
            found = (by_arxiv.get(arxiv) if arxiv else None) or by_title.get(title.casefold())
            if found is not None:
                merged += 1
                for attr in ("authors", "venue", "url", "domain", "tldr"):
                    if not getattr(found, attr) and row.get(attr):
                        setattr(found, attr, row[attr].strip())
                if found.year is None and (row.get("year") or "").isdigit():
                    found.year = int(row["year"])
                if found.arxiv_id is None and arxiv and arxiv not in by_arxiv:
                    found.arxiv_id = arxiv
                continue
            paper = Paper(
                title=title,
                authors=(row.get("authors") or "").strip() or None,
                year=int(row["year"]) if (row.get("year") or "").strip().isdigit() else None,
                venue=(row.get("venue") or "").strip() or None,
                arxiv_id=arxiv,
                domain=(row.get("domain") or "").strip() or None,
                url=(row.get("url") or "").strip() or (f"https://arxiv.org/abs/{arxiv}" if arxiv else None),
                tldr=(row.get("tldr") or "").strip() or None,
            )
            session.add(paper)
            by_title[title.casefold()] = paper
            if arxiv:
                by_arxiv[arxiv] = paper
            added += 1
    return added, merged


_ROW_COLUMNS = (
    "paper.id, paper.title, paper.authors, paper.year, paper.venue, paper.arxiv_id, paper.domain, paper.status,"
    " paper.tldr, paper.read_on, paper.url"
)
"""The columns a PaperRow shows (not the notes), in its fields' order: see _sql_row."""


def _sql_row(r: Sequence[Any], topics: list[str] | None = None) -> PaperRow:
    """A PaperRow from a plain-SQL row that starts with ``_ROW_COLUMNS``."""
    return PaperRow(
        r[0],
        r[1],
        r[2],
        r[3],
        r[4],
        r[5],
        r[6],
        r[7],
        r[8],
        date.fromisoformat(r[9]) if r[9] else None,
        r[10],
        topics=topics or [],
    )


def _row(p: Any, topics: list[str], next_round: str | None = None) -> PaperRow:
    return PaperRow(
        id=p.id,
        title=p.title,
        authors=p.authors,
        year=p.year,
        venue=p.venue,
        arxiv_id=p.arxiv_id,
        domain=p.domain,
        status=p.status,
        tldr=p.tldr,
        read_on=p.read_on,
        url=p.url,
        topics=topics,
        next_round=next_round,
    )


@dataclass(frozen=True, slots=True)
class PaperDetail:
    """One paper with everything its page shows."""

    paper: PaperRow
    notes: str
    doi: str | None = None
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PaperDraft:
    """Fields prefilled from what the user typed (title, arXiv id or URL) and the bundled catalog."""

    title: str | None = None
    authors: str | None = None
    year: int | None = None
    venue: str | None = None
    domain: str | None = None
    arxiv_id: str | None = None
    url: str | None = None
    tldr: str | None = None
    from_catalog: bool = False


def today_local(now: datetime | None = None) -> date:
    return (now or now_utc()).astimezone().date()


def _year(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        year = int(str(value).strip())
    except ValueError:
        raise Invalid(f"year must be a number (got {value!r})") from None
    if not 1900 <= year <= 2100:
        raise Invalid(f"year must be between 1900 and 2100 (got {year})")
    return year


def _status(value: str) -> str:
    from tracker.db.tables import PAPER_STATUSES

    status = (value or "").strip().lower().replace(" ", "-").replace("_", "-")
    if status not in PAPER_STATUSES:
        raise Invalid(f"status must be one of {', '.join(PAPER_STATUSES)} (got {value!r})")
    return status


def catalog_match(
    *, arxiv_id: str | None = None, title: str | None = None, url: str | None = None
) -> dict[str, str] | None:
    """The bundled catalog's row for an arXiv id, else a DOI or link, else an exact title (case-insensitive)."""
    from tracker.domain.arxiv import parse_doi
    from tracker.services.catalog import catalog_papers

    rows = catalog_papers()
    if arxiv_id:
        for row in rows:
            if (row.get("arxiv_id") or "").strip() == arxiv_id:
                return dict(row)
    if url:
        doi = (parse_doi(url) or "").lower()
        link = url.strip().rstrip("/").lower()
        for row in rows:
            theirs = (row.get("url") or "").strip()
            if not theirs:
                continue
            if (doi and (parse_doi(theirs) or "").lower() == doi) or theirs.rstrip("/").lower() == link:
                return dict(row)
    if title:
        key = title.strip().casefold()
        for row in rows:
            if (row.get("title") or "").strip().casefold() == key:
                return dict(row)
    return None


def draft_from(text: str | None = None, *, arxiv_id: str | None = None, url: str | None = None) -> PaperDraft:
    """Parse a title / arXiv id / arXiv or DOI URL (plus explicit --arxiv / --url) and fill from the catalog.

    Raises Invalid when an explicit arXiv id cannot be parsed."""
    from tracker.domain.arxiv import parse_arxiv_id, parse_reference

    title = clean_text(text)
    ref = parse_reference(title) if title else None
    aid: str | None = None
    link = clean_text(url)
    if ref is not None:
        title = None
        aid = ref.arxiv_id
        link = link or ref.url
    if arxiv_id:
        parsed = parse_arxiv_id(arxiv_id)
        if parsed is None:
            raise Invalid(f"not an arXiv id or arXiv URL: {arxiv_id.strip()!r}")
        aid = parsed.id
    link_ref = parse_reference(link) if link else None
    if link_ref is not None and link_ref.arxiv_id and not aid:
        aid = link_ref.arxiv_id
    if aid and (not link or (link_ref is not None and link_ref.arxiv_id == aid)):
        link = f"https://arxiv.org/abs/{aid}"
    row = catalog_match(arxiv_id=aid, title=title, url=link)
    if row is None:
        return PaperDraft(title=title, arxiv_id=aid, url=link)
    cat_arxiv = (row.get("arxiv_id") or "").strip() or None
    cat_title = row["title"].strip()
    if title and title.casefold() == cat_title.casefold():
        title = cat_title
    return PaperDraft(
        title=title or cat_title,
        authors=(row.get("authors") or "").strip() or None,
        year=_year(row.get("year")),
        venue=(row.get("venue") or "").strip() or None,
        domain=(row.get("domain") or "").strip() or None,
        arxiv_id=aid or cat_arxiv,
        url=link or (row.get("url") or "").strip() or None,
        tldr=(row.get("tldr") or "").strip() or None,
        from_catalog=True,
    )


@dataclass(frozen=True)
class PaperNames:
    """What the paper form completes as one types: domains and topics in use, the most used first."""

    domains: list[str]
    topics: list[str]


def paper_names(db: Database) -> PaperNames:
    """The domains of papers and every topic (those on the most papers first, then by name). Plain SQL."""
    with db.raw_read() as con:
        domains = [
            r[0]
            for r in con.execute(
                "SELECT min(domain) FROM paper WHERE trim(coalesce(domain, '')) != ''"
                " GROUP BY casefold(domain) ORDER BY count(*) DESC, casefold(min(domain))"
            )
        ]
        topics = [
            r[0]
            for r in con.execute(
                "SELECT t.name FROM topic t LEFT JOIN paper_topic pt ON pt.topic_id = t.id"
                " GROUP BY t.id ORDER BY count(pt.paper_id) DESC, casefold(t.name)"
            )
        ]
    return PaperNames(domains, topics)


def _topics_of(reader: Any, ids: Sequence[int]) -> dict[int, list[str]]:
    """Each paper's topic names (NOCASE order), in plain SQL on a ``raw_read`` connection or an open session's."""
    out: dict[int, list[str]] = {}
    if not ids:
        return out
    con = dbapi_connection(reader)
    for pid, name in con.execute(
        "SELECT pt.paper_id, t.name FROM paper_topic pt JOIN topic t ON t.id = pt.topic_id"
        f" WHERE pt.paper_id IN ({','.join('?' * len(ids))}) ORDER BY t.name",
        tuple(ids),
    ):
        out.setdefault(pid, []).append(name)
    return out


def _set_topics(session: Session, paper_id: int, names: Sequence[str]) -> None:
    from sqlmodel import select

    from tracker.db.tables import PaperTopic
    from tracker.services.topics import topic_ids

    wanted = set(topic_ids(session, names, create=True))
    current = {
        link.topic_id: link
        for link in session.exec(select(PaperTopic).where(PaperTopic.paper_id == paper_id))
    }
    for tid, link in current.items():
        if tid not in wanted:
            session.delete(link)
    for tid in wanted - set(current):
        session.add(PaperTopic(paper_id=paper_id, topic_id=tid))


def _check_unique(
    session: Session, *, title: str, arxiv_id: str | None, except_id: int | None = None
) -> None:
    from sqlmodel import col, func, select

    from tracker.db.tables import Paper

    if arxiv_id:
        stmt = select(Paper).where(Paper.arxiv_id == arxiv_id)
        if except_id is not None:
            stmt = stmt.where(col(Paper.id) != except_id)
        other = session.exec(stmt).first()
        if other is not None:
            raise Conflict(f"arXiv {arxiv_id} is already in your papers: {other.title} (id {other.id})")
    stmt = select(Paper).where(func.casefold(col(Paper.title)) == fold(title))
    if except_id is not None:
        stmt = stmt.where(col(Paper.id) != except_id)
    for other in session.exec(stmt):
        raise Conflict(f"a paper with this title already exists (id {other.id})")


def add_paper(
    db: Database,
    title: str | None,
    *,
    arxiv_id: str | None = None,
    url: str | None = None,
    authors: str | None = None,
    year: int | str | None = None,
    venue: str | None = None,
    domain: str | None = None,
    status: str = "to-read",
    tldr: str | None = None,
    topics: Sequence[str] = (),
    notes: str | None = None,
    today: date | None = None,
) -> PaperRow:
    """Add a paper. TITLE may itself be an arXiv id or an arXiv/DOI URL; catalog papers get their fields filled
    (what the user typed wins). Nothing is fetched from the network."""
    from tracker.db.tables import Paper

    status = _status(status)
    draft = draft_from(title, arxiv_id=arxiv_id, url=url)
    final_title = clean_name(draft.title, field_name="title")
    if not final_title:
        if draft.arxiv_id:
            raise Invalid(f"arXiv {draft.arxiv_id} is not in the bundled catalog: give its title too")
        raise Invalid(f"{(title or url or '').strip()!r} is not in the bundled catalog: give its title too")
    final_tldr = clean_text(tldr) or draft.tldr
    if status == "read" and not final_tldr:
        raise TldrRequired("a paper marked read needs a TL;DR (one or two sentences)")
    with db.write() as session:
        _check_unique(session, title=final_title, arxiv_id=draft.arxiv_id)
        paper = Paper(
            title=final_title,
            arxiv_id=draft.arxiv_id,
            url=draft.url,
            authors=clean_text(authors) or draft.authors,
            year=_year(year) if year not in (None, "") else draft.year,
            venue=clean_text(venue) or draft.venue,
            domain=(clean_text(domain) or draft.domain or "").lower() or None,
            status=status,
            tldr=final_tldr,
            notes=clean_text(notes),
            read_on=(today or today_local()) if status in ("read", "revisit") else None,
        )
        session.add(paper)
        session.flush()
        pid = paper.id or 0
        if topics:
            _set_topics(session, pid, list(topics))
        session.flush()
        return _row(paper, _topics_of(session, [pid]).get(pid, []))


def get_paper(db: Database, paper_id: int) -> PaperDetail:
    """Plain SQL (one row): the paper page reads it as it opens, on the UI thread."""
    from tracker.domain.arxiv import parse_doi

    with db.raw_read() as con:
        r = con.execute(
            f"SELECT {_ROW_COLUMNS}, paper.notes, paper.created_at FROM paper WHERE paper.id = ?",
            (int(paper_id),),
        ).fetchone()
        if r is None:
            raise NotFound(f"no paper with id {paper_id}")
        row = _sql_row(r, _topics_of(con, [r[0]]).get(r[0], []))
    return PaperDetail(paper=row, notes=r[11] or "", doi=parse_doi(row.url), created_at=parse_db_time(r[12]))


def find_paper(db: Database, ref: str | int) -> PaperRow:
    """A paper by id, arXiv id (or arXiv URL) or exact title (case-insensitive)."""
    from sqlalchemy import func
    from sqlmodel import select

    from tracker.db.tables import Paper
    from tracker.domain.arxiv import parse_arxiv_id

    text = str(ref).strip()
    with db.read() as session:
        paper = None
        if text.isdigit():
            paper = session.get(Paper, int(text))
        if paper is None:
            aid = parse_arxiv_id(text)
            if aid is not None:
                paper = session.exec(select(Paper).where(Paper.arxiv_id == aid.id)).first()
        if paper is None and text:
            matches = list(session.exec(select(Paper).where(func.casefold(Paper.title) == fold(text))))
            if len(matches) > 1:
                raise Invalid(f"{len(matches)} papers have this title; use the id")
            paper = matches[0] if matches else None
        if paper is None:
            raise NotFound(f"no paper {text!r} (give an id, an arXiv id or the exact title)")
        pid = paper.id or 0
        return _row(paper, _topics_of(session, [pid]).get(pid, []))


def update_paper(db: Database, paper_id: int, **changes: Any) -> PaperRow:
    """Edit fields (any of EDITABLE). Empty strings clear optional fields; `topics` replaces the paper's topics."""
    from tracker.db.tables import Paper
    from tracker.domain.arxiv import parse_arxiv_id

    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise Invalid(f"cannot edit {', '.join(sorted(unknown))}")
    status = _status(changes.pop("status")) if "status" in changes else None
    with db.write() as session:
        paper = session.get(Paper, paper_id)
        if paper is None:
            raise NotFound(f"no paper with id {paper_id}")
        for key, value in changes.items():
            if key == "topics":
                continue
            if key == "title":
                paper.title = clean_name(value, field_name="title", required=True) or ""
            elif key == "year":
                paper.year = _year(value)
            elif key == "arxiv_id":
                if value in (None, ""):
                    paper.arxiv_id = None
                else:
                    aid = parse_arxiv_id(str(value))
                    if aid is None:
                        raise Invalid(f"not an arXiv id or arXiv URL: {str(value).strip()!r}")
                    paper.arxiv_id = aid.id
            elif key == "domain":
                paper.domain = (clean_text(value) or "").lower() or None
            else:
                setattr(paper, key, clean_text(value) if isinstance(value, str) or value is None else value)
        if status is not None and status != paper.status:
            if status == "read":
                paper.read_on = today_local()
            elif status in UNREAD:
                paper.read_on = None  # not read (any more): no "read on" date to show
            paper.status = status
        if paper.status == "read" and not paper.tldr:
            raise TldrRequired("a paper marked read needs a TL;DR (one or two sentences)")
        _check_unique(session, title=paper.title, arxiv_id=paper.arxiv_id, except_id=paper_id)
        paper.updated_at = now_utc()
        session.add(paper)
        if "topics" in changes:
            _set_topics(session, paper_id, list(changes["topics"] or []))
        session.flush()
        return _row(paper, _topics_of(session, [paper_id]).get(paper_id, []))


UNREAD = ("to-read", "reading")
"""Statuses of a paper not read (yet): it has no read-on date."""


def set_status(
    db: Database, paper_id: int, status: str, *, tldr: str | None = None, today: date | None = None
) -> PaperRow:
    """Change a paper's status. Marking it read needs a TL;DR (stored, or given here) and records the date."""
    from tracker.db.tables import Paper

    status = _status(status)
    new_tldr = clean_text(tldr)
    with db.write() as session:
        paper = session.get(Paper, paper_id)
        if paper is None:
            raise NotFound(f"no paper with id {paper_id}")
        if new_tldr:
            paper.tldr = new_tldr
        if status == "read":
            if not paper.tldr:
                raise TldrRequired(
                    f"{paper.title!r} has no TL;DR yet: write one or two sentences to mark it read"
                )
            paper.read_on = today or today_local()
        elif status in UNREAD:
            paper.read_on = None  # back on the reading list: "to read  2026-12-06" said two things at once
        paper.status = status
        paper.updated_at = now_utc()
        session.add(paper)
        session.flush()
        return _row(paper, _topics_of(session, [paper_id]).get(paper_id, []))


def read_paper(db: Database, ref: str, *, tldr: str | None, today: date | None = None) -> PaperRow:
    """`prep paper read PAPER --tldr T`: mark read on today's date."""
    paper = find_paper(db, ref)
    return set_status(db, paper.id, "read", tldr=tldr, today=today)


def save_notes(db: Database, paper_id: int, notes: str) -> None:
    from tracker.db.tables import Paper

    with db.write() as session:
        paper = session.get(Paper, paper_id)
        if paper is None:
            raise NotFound(f"no paper with id {paper_id}")
        paper.notes = clean_text(notes)
        paper.updated_at = now_utc()
        session.add(paper)


DRILL_PROMPTS = (
    ("abstract", "Abstract", "What problem does it solve, and what is the one-line idea?"),
    ("method", "Method", "How does it work? The key mechanism, as you would draw it on a whiteboard."),
    ("results", "Results", "What did they show, on what data, against which baselines?"),
    ("conclusion", "Conclusion", "Why does it matter, what are its limits, what came after?"),
)


def drill_notes(answers: Mapping[str, str], *, when: date, minutes_used: int | None = None) -> str:
    """The Markdown section an "explain this paper" drill appends to the notes."""
    heading = f"## Explain-this-paper drill, {when.isoformat()}"
    if minutes_used is not None:
        heading += f" ({minutes_used} min)"
    parts = [heading]
    for key, label, _ in DRILL_PROMPTS:
        text = clean_text(answers.get(key)) or "_(no answer)_"
        parts.append(f"### {label}\n\n{text}")
    return "\n\n".join(parts)


def append_drill(
    db: Database,
    paper_id: int,
    answers: Mapping[str, str],
    *,
    minutes_used: int | None = None,
    today: date | None = None,
) -> str:
    """Append a drill's four answers to the paper's notes (in one write); returns the new notes."""
    from tracker.db.tables import Paper

    if not any(clean_text(v) for v in answers.values()):
        raise Invalid("the drill has no answers to save")
    section = drill_notes(answers, when=today or today_local(), minutes_used=minutes_used)
    with db.write() as session:
        paper = session.get(Paper, paper_id)
        if paper is None:
            raise NotFound(f"no paper with id {paper_id}")
        notes = (paper.notes or "").rstrip()
        paper.notes = f"{notes}\n\n{section}\n" if notes else f"{section}\n"
        paper.updated_at = now_utc()
        session.add(paper)
        return paper.notes


def delete_paper(db: Database, paper_id: int) -> None:
    with db.write() as session:
        _delete_paper(session, paper_id)


def remove_paper(db: Database, paper_id: int) -> Removed:
    """:func:`delete_paper`, keeping what it removes so that :func:`tracker.services.undo.restore` can put it back."""
    from tracker.services.undo import deleting

    return deleting(db, "paper", paper_id, lambda session: _delete_paper(session, paper_id), "paper")


def _delete_paper(session: Session, paper_id: int) -> str:
    from tracker.db.tables import Paper

    paper = session.get(Paper, paper_id)
    if paper is None:
        raise NotFound(f"no paper with id {paper_id}")
    title = paper.title
    session.delete(paper)
    return title


def _next_round_topics(con: sqlite3.Connection, now: datetime) -> dict[int, tuple[datetime, str]]:
    """topic id → (when, label) of the soonest upcoming round that lists it (rounds not in a done column)."""
    out: dict[int, tuple[datetime, str]] = {}
    for tid, at_text, kind, company in con.execute(
        "SELECT rt.topic_id, round.scheduled_at, round.kind, company.name FROM round_topic rt"
        " JOIN round ON round.id = rt.round_id JOIN company ON company.id = round.company_id"
        " JOIN board_column ON board_column.id = round.column_id"
        " WHERE round.scheduled_at >= ? AND board_column.is_done = 0 ORDER BY round.scheduled_at",
        (db_time(now),),
    ):
        at = parse_db_time(at_text)
        if at is not None and tid not in out:
            label = f"{company} {kind} {at.astimezone().strftime('%b %-d')}"
            out[tid] = (at, label)
    return out


def list_papers(
    db: Database,
    *,
    status: str | None = None,
    topic: str | None = None,
    domain: str | None = None,
    view: str = "all",
    search: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    now: datetime | None = None,
) -> list[PaperRow]:
    """Papers, newest first; view "reading-list" (to read, papers on the topics of the next rounds first),
    "this-month" (read or revisit, read on this calendar month), or "all"."""
    if view not in VIEWS:
        raise Invalid(f"view must be one of {', '.join(VIEWS)} (got {view!r})")
    moment = now or now_utc()
    # Only the columns a row shows (not notes), in plain SQL: no ORM to import, no objects for a thousand papers.
    clauses: list[str] = []
    params: list[Any] = []
    if status:
        clauses.append("paper.status = ?")
        params.append(_status(status))
    if domain:
        clauses.append("lower(paper.domain) = ?")
        params.append(domain.strip().lower())
    if topic:
        clauses.append(
            "paper.id IN (SELECT pt.paper_id FROM paper_topic pt JOIN topic t ON t.id = pt.topic_id WHERE t.name = ?)"
        )
        params.append(topic.strip())
    if search and search.strip():
        clauses.append(
            "(lower(paper.title) LIKE ? OR lower(coalesce(paper.authors, '')) LIKE ?"
            " OR lower(coalesce(paper.tldr, '')) LIKE ?)"
        )
        params += [f"%{search.strip().lower()}%"] * 3
    if view == "reading-list":
        clauses.append("paper.status = 'to-read'")
    elif view == "this-month":
        clauses.append("paper.status IN ('read', 'revisit') AND paper.read_on >= ?")
        params.append(today_local(moment).replace(day=1).isoformat())
    sql = (
        f"SELECT {_ROW_COLUMNS} FROM paper"
        + (" WHERE " + " AND ".join(clauses) if clauses else "")
        + (
            " ORDER BY paper.read_on DESC, paper.title"
            if view == "this-month"
            else " ORDER BY paper.year DESC, paper.title"
        )
    )
    if view != "reading-list":
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
    with db.raw_read() as con:
        found = con.execute(sql, params).fetchall()
        topics = _topics_of(con, [r[0] for r in found])
        papers = [_sql_row(r, topics.get(r[0])) for r in found]  # rows made once, with their topics
        if view != "reading-list":
            return papers
        upcoming = _next_round_topics(con, moment)
        name_ids = {name: tid for tid, name in con.execute("SELECT id, name FROM topic")} if upcoming else {}
    ranked: list[tuple[tuple[Any, ...], PaperRow]] = []
    for i, p in enumerate(papers):
        best: tuple[datetime, str] | None = None
        for name in topics.get(p.id, []):
            hit = upcoming.get(name_ids.get(name) or 0)
            if hit and (best is None or hit[0] < best[0]):
                best = hit
        key = (0, best[0], i) if best else (1, moment, i)
        ranked.append((key, replace(p, topics=topics.get(p.id, []), next_round=best[1] if best else None)))
    ranked.sort(key=lambda kv: kv[0])
    rows = [r for _, r in ranked][offset:]
    return rows[:limit] if limit is not None else rows
