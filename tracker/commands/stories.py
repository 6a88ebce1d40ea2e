"""`prep story add|list|link`, `prep question add|list`, `prep export stories`."""

from __future__ import annotations

from pathlib import Path

import typer

from tracker.commands.common import database, echo, emit_json, fail, fmt_dt, table
from tracker.commands.export_group import get_export_app


def register(app: typer.Typer) -> None:
    story = typer.Typer(help="STAR stories (situation, task, action, result).", no_args_is_help=True)
    app.add_typer(story, name="story")
    question = typer.Typer(help="The question bank: behavioral and technical.", no_args_is_help=True)
    app.add_typer(question, name="question")
    export = get_export_app(app)

    @story.command("add")
    def story_add(
        title: str = typer.Argument(..., help="A short title you will recognise."),
        situation: str = typer.Option(..., "--situation", help="S: the context."),
        task: str = typer.Option(..., "--task", help="T: what you had to do."),
        action: str = typer.Option(..., "--action", help="A: what you did."),
        result: str = typer.Option(..., "--result", help="R: what came of it, with numbers."),
        tag: list[str] = typer.Option([], "--tag", help="Tag or competency, e.g. conflict (repeatable)."),
        question_id: list[int] = typer.Option(
            [], "--question", help="Id of a question it answers (repeatable)."
        ),
        strength: int | None = typer.Option(None, "--strength", help="How good it is, 1-5 (default 3)."),
    ) -> None:
        """Add a STAR story."""
        from tracker.services.stories import add_story

        for option, value in (
            ("situation", situation),
            ("task", task),
            ("action", action),
            ("result", result),
        ):
            if not value.strip():
                fail(f"--{option} must not be empty (a STAR story has all four parts)")
        row = add_story(
            database(),
            title,
            situation=situation,
            task=task,
            action=action,
            result=result,
            tags=tag,
            strength=strength,
            question_ids=question_id,
        )
        counts = row.counts
        from tracker.domain.star import describe_length

        echo(f"added story {row.id}: {row.title} ({describe_length(counts)})")

    @story.command("list")
    def story_list(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
        """List stories: strength, questions answered, rehearsals."""
        from tracker.domain.star import format_duration
        from tracker.services.stories import list_stories

        rows = list_stories(database())
        if as_json:
            emit_json([r.to_json() for r in rows])
            return
        table(
            [
                [
                    str(r.id),
                    r.title,
                    ", ".join(r.tags) or "-",
                    f"{r.strength}/5",
                    str(len(r.question_ids)),
                    str(r.rehearsals),
                    fmt_dt(r.last_rehearsed_at),
                    format_duration(r.counts.seconds),
                ]
                for r in rows
            ],
            ["id", "title", "tags", "strength", "questions", "rehearsed", "last rehearsed", "length"],
        )

    @story.command("link")
    def story_link(
        story_id: int = typer.Argument(..., metavar="STORY_ID"),
        question_id: int = typer.Argument(..., metavar="QUESTION_ID"),
        best: bool = typer.Option(False, "--best", help="Also mark it the best answer to that question."),
        unlink: bool = typer.Option(False, "--unlink", help="Remove the link instead."),
    ) -> None:
        """Link a story to a question it answers."""
        from tracker.services.stories import link_story, unlink_story

        if best and unlink:
            fail("--best and --unlink cannot be used together")
        if unlink:
            row = unlink_story(database(), story_id, question_id)
            echo(f"unlinked story {row.id} from question {question_id}")
            return
        row = link_story(database(), story_id, question_id, best=best)
        extra = " as the best answer" if best else ""
        echo(f"linked story {row.id} ({row.title}) to question {question_id}{extra}")

    @question.command("add")
    def question_add(
        text: str = typer.Argument(..., help="The question, as an interviewer would ask it."),
        kind: str = typer.Option("behavioral", "--kind", help="behavioral or technical"),
        topic: str | None = typer.Option(None, "--topic", help="Topic name (created if new)."),
        company: str | None = typer.Option(None, "--company", help="Company that asked it (created if new)."),
        competency: str | None = typer.Option(
            None, "--competency", help="For behavioral questions, e.g. conflict, leadership."
        ),
    ) -> None:
        """Add a question to the bank."""
        from tracker.services.questions import add_question

        row = add_question(database(), text, kind=kind, topic=topic, company=company, competency=competency)
        echo(f"added {row.kind} question {row.id}: {row.text}")

    @question.command("list")
    def question_list(
        kind: str | None = typer.Option(None, "--kind", help="behavioral or technical"),
        topic: str | None = typer.Option(None, "--topic"),
        company: str | None = typer.Option(None, "--company"),
        uncovered: bool = typer.Option(
            False,
            "--uncovered",
            help="Behavioral questions with no story (text output also lists weak ones).",
        ),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """List questions with their best story, or the coverage gaps with --uncovered."""
        from tracker.services.questions import list_questions

        db = database()
        if uncovered:
            if kind is not None and kind.strip().lower() == "technical":
                fail("--uncovered is about behavioral questions; drop --kind technical")
            rows = list_questions(
                db, kind=kind, topic=topic, company=company, uncovered=True, weak=not as_json
            )
            if as_json:
                emit_json([r.to_json() for r in rows])
                return
            _print_coverage(db, rows, filtered=bool(topic or company))
            return
        rows = list_questions(db, kind=kind, topic=topic, company=company)
        if as_json:
            emit_json([r.to_json() for r in rows])
            return
        _listing(
            [[str(r.id), r.kind, r.competency or r.topic or "-", _best_cell(r), r.text] for r in rows],
            ["id", "kind", "competency/topic", "best story", "question"],
        )

    @export.command("stories")
    def export_stories_cmd(
        output: Path | None = typer.Option(None, "-o", "--output", help="File to write (default: print)."),
    ) -> None:
        """Write the whole question bank with its best stories as Markdown, question by question."""
        from tracker.io.stories_md import export_stories, write_text_atomic
        from tracker.services.base import now_utc

        text = export_stories(database(), now=now_utc())
        if output is None:
            typer.echo(text, nl=False)
            return
        if output.is_dir():
            fail(f"{output} is a folder; give a file name")
        try:
            write_text_atomic(output, text)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}")
        echo(f"wrote {output}")


def _best_cell(row: object) -> str:
    from tracker.services.stories import QuestionRow

    assert isinstance(row, QuestionRow)
    if row.kind != "behavioral":
        return "(answered)" if row.answer else "-"
    if row.best_story is None:
        return "✗ no story"
    return ("⚠ " if row.status == "weak" else "") + row.best_story


def _print_coverage(db: object, rows: list, *, filtered: bool) -> None:
    """Per competency counts, then questions with no story, then weakly covered ones."""
    from tracker.services.stories import story_coverage

    cov = story_coverage(db)  # type: ignore[arg-type]
    echo(
        f"Coverage: {cov.covered}/{cov.total} questions have a story ({cov.weak} weak), "
        f"{cov.uncovered} {'has' if cov.uncovered == 1 else 'have'} none"
    )
    table(
        [
            [c.competency, f"{c.covered}/{c.questions}", str(c.weak), str(c.uncovered)]
            for c in cov.competencies
        ],
        ["competency", "covered", "weak", "no story"],
    )
    none = [r for r in rows if r.status == "uncovered"]
    weak = [r for r in rows if r.status == "weak"]
    echo()
    echo(f"No story ({len(none)}){' — filtered' if filtered else ''}")
    _listing([[str(r.id), r.competency or "-", r.text] for r in none], ["id", "competency", "question"])
    echo()
    echo(f"Weakly covered ({len(weak)}): best story strength ≤ 2 or never rehearsed")
    _listing(
        [[str(r.id), r.competency or "-", r.best_story or "-", r.reason, r.text] for r in weak],
        ["id", "competency", "best story", "why", "question"],
    )


def _listing(rows: list[list[str]], headers: list[str]) -> None:
    """A plain aligned table whose last column (the question) is never cut; the others are clipped at 40."""
    if not rows:
        echo("(none)")
        return
    clipped = [
        [c if len(c) <= 40 else c[:39] + "…" for c in row[:-1]] + [" ".join(row[-1].split())] for row in rows
    ]
    widths = [max(len(h), *(len(r[i]) for r in clipped)) for i, h in enumerate(headers[:-1])]
    echo("  ".join([*(h.ljust(widths[i]) for i, h in enumerate(headers[:-1])), headers[-1]]))
    for row in clipped:
        echo("  ".join([*(c.ljust(widths[i]) for i, c in enumerate(row[:-1])), row[-1]]))
