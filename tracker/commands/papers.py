"""`prep paper add|list|read` and `prep topic add|list`."""

from __future__ import annotations

import typer

from tracker.commands.common import database, echo, emit_json, fail, table


def register(app: typer.Typer) -> None:
    paper = typer.Typer(help="Papers to read, with TL;DRs and notes.")
    app.add_typer(paper, name="paper")
    topic = typer.Typer(help="Topic pages: one page of notes per topic or round kind.")
    app.add_typer(topic, name="topic")

    @paper.command("add")
    def paper_add(
        title: str = typer.Argument(..., help="Title, or an arXiv id / arXiv or DOI URL of a catalog paper."),
        arxiv: str | None = typer.Option(None, "--arxiv", help="arXiv id or URL (e.g. 2106.09685v2)."),
        url: str | None = typer.Option(
            None, "--url", help="Link (an arXiv or DOI URL fills from the catalog)."
        ),
        authors: str | None = typer.Option(None, "--authors"),
        year: int | None = typer.Option(None, "--year"),
        venue: str | None = typer.Option(None, "--venue"),
        domain: str | None = typer.Option(None, "--domain", help="e.g. nlp, vision, recsys, llm"),
        topic_: list[str] = typer.Option([], "--topic", help="Topic (repeatable; created if new)."),
        status: str = typer.Option("to-read", "--status", help="to-read, reading or read"),
        tldr: str | None = typer.Option(None, "--tldr", help="One- or two-sentence summary."),
    ) -> None:
        """Add a paper. Catalog papers (by arXiv id, DOI URL or title) get their fields filled; nothing is
        fetched from the network."""
        from tracker.services.papers import add_paper, catalog_match

        row = add_paper(
            database(),
            title,
            arxiv_id=arxiv,
            url=url,
            authors=authors,
            year=year,
            venue=venue,
            domain=domain,
            topics=topic_,
            status=status,
            tldr=tldr,
        )
        filled = catalog_match(arxiv_id=row.arxiv_id, title=row.title, url=row.url) is not None
        echo(f"added paper {row.id}: {row.title}" + (" (filled from the catalog)" if filled else ""))

    @paper.command("list")
    def paper_list(
        status: str | None = typer.Option(None, "--status", help="to-read, reading, read or revisit"),
        topic_: str | None = typer.Option(None, "--topic"),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """List papers, newest first."""
        from tracker.services.papers import list_papers

        rows = list_papers(database(), status=status, topic=topic_)
        if as_json:
            emit_json([r.to_json() for r in rows])
            return
        table(
            [
                [
                    str(r.id),
                    r.status,
                    str(r.year or "-"),
                    r.title,
                    r.arxiv_id or "-",
                    ", ".join(r.topics) or "-",
                    r.read_on.isoformat() if r.read_on else "-",
                ]
                for r in rows
            ],
            ["id", "status", "year", "title", "arxiv", "topics", "read on"],
        )

    @paper.command("read")
    def paper_read(
        ref: str = typer.Argument(..., metavar="PAPER", help="Id, arXiv id or exact title."),
        tldr: str | None = typer.Option(
            None, "--tldr", help="One- or two-sentence summary (needed when the paper has none)."
        ),
    ) -> None:
        """Mark a paper read today, with its TL;DR."""
        from tracker.services.papers import TldrRequired, read_paper

        try:
            row = read_paper(database(), ref, tldr=tldr)
        except TldrRequired as exc:
            fail(f'{exc} (--tldr "...")')
        echo(f"read on {row.read_on.isoformat() if row.read_on else '-'}: {row.title}")
        echo(f"TL;DR: {row.tldr}")

    @topic.command("add")
    def topic_add(
        name: str = typer.Argument(..., help="Topic name, e.g. Transformers."),
        area: str | None = typer.Option(
            None, "--area", help="coding, system-design, ml-breadth, ml-depth, behavioral or other"
        ),
    ) -> None:
        """Add a topic page."""
        from tracker.services.topics import add_topic

        row = add_topic(database(), name, area=area)
        echo(f"added topic {row.id}: {row.name} ({row.area})")

    @topic.command("list")
    def topic_list(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
        """List topics with what links to them; stale ones were not reviewed lately."""
        from tracker.services.topics import list_topics

        rows = list_topics(database())
        if as_json:
            emit_json([r.to_json() for r in rows])
            return
        table(
            [
                [
                    str(r.id),
                    r.name,
                    r.area,
                    r.last_reviewed_at.astimezone().strftime("%Y-%m-%d") if r.last_reviewed_at else "never",
                    "stale" if r.stale else "",
                    str(r.papers),
                    str(r.questions),
                    str(r.rounds),
                ]
                for r in rows
            ],
            ["id", "name", "area", "reviewed", "", "papers", "questions", "rounds"],
        )
