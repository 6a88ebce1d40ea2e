"""Papers: add, list, catalog merge."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker.services.base import Database, Invalid, clean_text


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


def add_paper(
    db: Database,
    title: str,
    *,
    arxiv_id: str | None = None,
    url: str | None = None,
    authors: str | None = None,
    year: int | None = None,
    venue: str | None = None,
    domain: str | None = None,
    status: str = "to-read",
    tldr: str | None = None,
) -> PaperRow:
    from tracker.db.tables import PAPER_STATUSES, Paper

    clean = clean_text(title, field_name="title", required=True)
    if status not in PAPER_STATUSES:
        raise Invalid(f"status must be one of {', '.join(PAPER_STATUSES)} (got {status!r})")
    with db.write() as session:
        paper = Paper(
            title=clean or "",
            arxiv_id=clean_text(arxiv_id),
            url=clean_text(url),
            authors=clean_text(authors),
            year=year,
            venue=clean_text(venue),
            domain=clean_text(domain),
            status=status,
            tldr=clean_text(tldr),
        )
        session.add(paper)
        session.flush()
        return _row(paper, [])


def _row(p: Any, topics: list[str]) -> PaperRow:
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
    )


def list_papers(
    db: Database,
    *,
    status: str | None = None,
    topic: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[PaperRow]:
    from sqlmodel import col, select

    from tracker.db.tables import Paper, PaperTopic, Topic

    stmt = select(Paper)
    if status:
        stmt = stmt.where(Paper.status == status)
    if topic:
        sub = (
            select(PaperTopic.paper_id)
            .join(Topic, col(Topic.id) == PaperTopic.topic_id)
            .where(Topic.name == topic)
        )
        stmt = stmt.where(col(Paper.id).in_(sub))
    stmt = stmt.order_by(col(Paper.year).desc(), Paper.title).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    with db.read() as session:
        papers = list(session.exec(stmt))
        ids = [p.id for p in papers]
        topics: dict[int, list[str]] = {}
        if ids:
            for pid, name in session.exec(
                select(PaperTopic.paper_id, Topic.name)
                .join(Topic, col(Topic.id) == PaperTopic.topic_id)
                .where(col(PaperTopic.paper_id).in_(ids))
            ):
                topics.setdefault(pid, []).append(name)
        return [_row(p, topics.get(p.id or 0, [])) for p in papers]
