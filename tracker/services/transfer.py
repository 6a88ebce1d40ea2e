"""Bringing data in and taking it out: Notion CSV imports and the full JSON backup, one transaction each.

Notion import (``import_notion``): all-or-nothing. Every row is tried inside the one write transaction (each row
in a savepoint, so a refused row leaves no trace); if any row is refused, or on a dry run, the transaction is
rolled back and the report tells what would have happened. Rows match existing records (merge) by LeetCode
number, slug or title for problems, arXiv id or title for papers, title (stories) or text (questions), and
company + kind + date for rounds; a merge fills blanks and adds tags, it never overwrites what the user wrote.

Backup (``export_json`` / ``import_json``): every table, every link table, FSRS card state and settings, ids kept
so links survive. A restore goes only into an empty database and is one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.domain.words import fold
from tracker.services.base import Database, Invalid, ServiceError, clean_text, now_utc

if TYPE_CHECKING:
    from sqlmodel import Session

KINDS = ("problems", "papers", "stories", "rounds")


# ============================================================================================ report
@dataclass(frozen=True, slots=True)
class RowResult:
    row: int
    action: str  # added | merged | refused | skipped
    label: str = ""
    reason: str | None = None
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "action": self.action,
            "label": self.label,
            "reason": self.reason,
            "notes": list(self.notes),
        }


@dataclass(frozen=True, slots=True)
class ImportReport:
    kind: str
    source: str
    columns: dict[str, str]
    unknown_columns: tuple[str, ...]
    rows: tuple[RowResult, ...]
    dry_run: bool
    written: bool
    guessed_title: str | None = None

    def _of(self, action: str) -> list[RowResult]:
        return [r for r in self.rows if r.action == action]

    @property
    def added(self) -> list[RowResult]:
        return self._of("added")

    @property
    def merged(self) -> list[RowResult]:
        return self._of("merged")

    @property
    def refused(self) -> list[RowResult]:
        return self._of("refused")

    @property
    def skipped(self) -> list[RowResult]:
        return self._of("skipped")

    def lines(self) -> list[str]:
        """The report as plain text lines, for the CLI and the TUI alike."""
        what = (
            "dry run, nothing written" if self.dry_run else ("written" if self.written else "nothing written")
        )
        out = [f"Notion import of {self.source} as {self.kind} ({what})"]
        matched = ", ".join(f"{col} → {fld}" for col, fld in self.columns.items())
        out.append(f"columns: {matched or '(none)'}")
        if self.guessed_title:
            out.append(
                f"  (no column is named like a title: the first column, {self.guessed_title}, is used)"
            )
        if self.unknown_columns:
            out.append(f"not imported (unknown columns): {', '.join(self.unknown_columns)}")
        verb = "would be " if (self.dry_run or not self.written) else ""
        skipped = len(self.skipped)
        out.append(
            f"{len(self.added)} {verb}added, {len(self.merged)} {verb}merged, {len(self.refused)} refused"
            + (f", {skipped} empty row{'s' if skipped != 1 else ''} skipped" if skipped else "")
        )
        for row in self.rows:
            if row.action == "refused":
                out.append(
                    f"  row {row.row}: refused: {row.reason}" + (f" ({row.label})" if row.label else "")
                )
            elif row.action == "merged":
                out.append(f"  row {row.row}: merged into {row.label} ({row.reason})")
            out.extend(f"  row {row.row}: note: {note}" for note in row.notes)
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "source": self.source,
            "columns": dict(self.columns),
            "unknown_columns": list(self.unknown_columns),
            "added": len(self.added),
            "merged": len(self.merged),
            "refused": len(self.refused),
            "skipped": len(self.skipped),
            "dry_run": self.dry_run,
            "written": self.written,
            "rows": [r.to_json() for r in self.rows],
        }


class _Rollback(Exception):
    pass


class _Refuse(Exception):
    """A row cannot be imported; the message says why."""


# ============================================================================================ Notion import
def import_notion(
    db: Database,
    source: Path | str | bytes,
    kind: str,
    *,
    mapping: Sequence[str] | Mapping[str, str] = (),
    dry_run: bool = False,
    now: datetime | None = None,
    zone: tzinfo | None = None,
) -> ImportReport:
    """Import a Notion database export (CSV) as ``kind``; returns the report. Writes only when no row is refused.

    ``mapping``: ``["Column=field", …]`` or {column: field}; ``field`` may be ``ignore``.
    Raises Invalid when the file or the mapping cannot be used at all (nothing is written).
    """
    from tracker.domain.when import local_zone
    from tracker.io.notion import NotionError, match_columns, parse_overrides, read_csv

    if kind not in KINDS:
        raise Invalid(f"--as must be one of {', '.join(KINDS)} (got {kind!r})")
    if isinstance(source, bytes):
        data, label = source, "<data>"
    else:
        path = Path(source)
        label = str(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise Invalid(f"no such file: {path}") from None
        except IsADirectoryError:
            raise Invalid(f"{path} is a folder; give the .csv file inside it") from None
        except OSError as exc:
            raise Invalid(f"cannot read {path}: {exc.strerror}") from None
    data = _csv_from_zip(data, label)
    try:
        notion = read_csv(data)
        overrides = dict(mapping) if isinstance(mapping, Mapping) else parse_overrides(mapping)
        match = match_columns(notion.headers, kind, overrides)
    except NotionError as exc:
        raise Invalid(f"{label}: {exc}") from None
    title_field = "round" if kind == "rounds" else "title"
    if kind == "rounds" and "company" not in match.fields and title_field not in match.fields:
        raise Invalid(f"{label}: no Company column (use --map COLUMN=company)")
    if kind != "rounds" and title_field not in match.fields:
        raise Invalid(f"{label}: no title column (use --map COLUMN=title)")
    importer_cls = {
        "problems": _ProblemImporter,
        "papers": _PaperImporter,
        "stories": _StoryImporter,
        "rounds": _RoundImporter,
    }[kind]
    results: list[RowResult] = []
    written = False
    from sqlalchemy.exc import IntegrityError

    try:
        with db.write() as session:
            importer = importer_cls(session, now or now_utc(), zone or local_zone())
            for number, cells in notion.rows:
                if not any(c.strip() for c in cells):
                    results.append(RowResult(number, "skipped", "", "empty row"))
                    continue
                values = {name: cells[index] for name, index in match.fields.items()}
                try:
                    with session.begin_nested():
                        results.append(importer.row(number, values))
                except (_Refuse, NotionError, Invalid) as exc:
                    results.append(RowResult(number, "refused", _label(values, title_field), str(exc)))
                except IntegrityError as exc:
                    from tracker.services.base import _integrity_message

                    results.append(
                        RowResult(number, "refused", _label(values, title_field), _integrity_message(exc))
                    )
            importer.finish()
            if dry_run or any(r.action == "refused" for r in results):
                raise _Rollback
            written = True
    except _Rollback:
        written = False
    return ImportReport(
        kind=kind,
        source=label,
        columns=dict(match.mapping),
        unknown_columns=match.unknown,
        rows=tuple(results),
        dry_run=dry_run,
        written=written,
        guessed_title=match.guessed_title,
    )


def _csv_from_zip(data: bytes, label: str) -> bytes:
    """Notion's export is a .zip; take its database CSV (the ``_all.csv`` one, which holds every row)."""
    if not data.startswith(b"PK\x03\x04"):
        return data
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".csv") and "__MACOSX" not in n]
            full = [n for n in names if n.lower().endswith("_all.csv")]
            views = {n[: -len("_all.csv")] + ".csv" for n in full}
            chosen = full + [n for n in names if n not in full and n not in views]
            if len(chosen) != 1:
                found = ", ".join(chosen) or "none"
                raise Invalid(
                    f"{label}: the archive must hold one database CSV (found: {found}); unzip it and pick one"
                )
            return archive.read(chosen[0])
    except zipfile.BadZipFile:
        raise Invalid(f"{label}: a damaged .zip file") from None


def _label(values: Mapping[str, str], title_field: str) -> str:
    from tracker.io.notion import strip_link

    text = strip_link(values.get(title_field) or values.get("company") or values.get("question") or "")
    return " ".join(text.split())[:80]


def _text(values: Mapping[str, str], name: str) -> str | None:
    from tracker.io.notion import strip_link

    raw = values.get(name)
    if raw is None:
        return None
    return clean_text(strip_link(raw) if "\n" not in raw else raw)


def _multiline(values: Mapping[str, str], name: str) -> str | None:
    return clean_text(values.get(name))


def _tz_local_date(at: datetime, zone: tzinfo) -> Any:
    return at.astimezone(zone).date()


class _Importer:
    def __init__(self, session: Session, now: datetime, zone: tzinfo) -> None:
        self.session = session
        self.now = now
        self.zone = zone

    def row(self, number: int, values: Mapping[str, str]) -> RowResult:  # pragma: no cover - abstract
        raise NotImplementedError

    def finish(self) -> None:
        pass


# -------------------------------------------------------------------------------------------- problems
@dataclass
class _PendingAttempt:
    problem_id: int
    at: datetime
    rating: int
    minutes: int | None
    row: int


class _ProblemImporter(_Importer):
    """Problems, matched through in-memory indexes (a year of rows imports in seconds).

    The indexes only learn a row's changes once the row has succeeded, so a refused row (rolled back to its
    savepoint) leaves no stale id behind.
    """

    def __init__(self, session: Session, now: datetime, zone: tzinfo) -> None:
        from sqlmodel import select

        from tracker.db.tables import Company, Pattern, Problem, ProblemList

        super().__init__(session, now, zone)
        self.pending: list[_PendingAttempt] = []
        self.by_number: dict[int, int] = {}
        self.by_slug: dict[str, int] = {}
        self.by_title: dict[str, int] = {}
        for pid, num, slug, title in session.exec(
            select(Problem.id, Problem.number, Problem.slug, Problem.title)
        ):
            self._learn(int(pid or 0), num, slug, title)
        self.tags: dict[tuple[str, str], int] = {}
        for model in (Pattern, ProblemList, Company):
            for tid, name in session.exec(select(model.id, model.name)):  # type: ignore[attr-defined]
                self.tags.setdefault((model.__name__, name.casefold()), int(tid or 0))

    def _learn(self, pid: int, number: int | None, slug: str | None, title: str) -> None:
        if number is not None:
            self.by_number.setdefault(number, pid)
        if slug:
            self.by_slug.setdefault(slug, pid)
        self.by_title.setdefault(title.casefold(), pid)

    def _find(self, number: int | None, slug: str | None, title: str) -> tuple[Any, str | None]:
        from tracker.db.tables import Problem

        if number is not None and number in self.by_number:
            return self.session.get(Problem, self.by_number[number]), "same number"
        if slug and slug in self.by_slug:
            return self.session.get(Problem, self.by_slug[slug]), "same slug"
        if title.casefold() in self.by_title:
            return self.session.get(Problem, self.by_title[title.casefold()]), "same title"
        return None, None

    def _link(self, problem_id: int, fresh: bool, groups: Sequence[tuple[Any, Any, str, list[str]]]) -> None:
        learned: dict[tuple[str, str], int] = {}
        for model, link, column, names in groups:
            for name in names:
                key = (model.__name__, name.casefold())
                tag_id = self.tags.get(key) or learned.get(key)
                if tag_id is None:
                    tag = model(name=name)
                    self.session.add(tag)
                    self.session.flush()
                    tag_id = learned[key] = tag.id
                if fresh or self.session.get(link, (problem_id, tag_id)) is None:
                    self.session.add(link(problem_id=problem_id, **{column: tag_id}))
        self.session.flush()
        self.tags.update(learned)

    def row(self, number: int, values: Mapping[str, str]) -> RowResult:

        from tracker.db.tables import Problem
        from tracker.io.notion import (
            parse_date,
            parse_difficulty,
            parse_int,
            parse_mastery,
            parse_problem_title,
            slug_from_url,
            split_multi,
            strip_link,
        )
        from tracker.services.catalog import lookup_problem
        from tracker.services.problems import slugify

        notes: list[str] = []
        lc_number, title = parse_problem_title(values.get("title", ""))
        title = clean_text(title) or ""
        cell_number = parse_int(values.get("number", ""), "number", low=1, high=99999)
        lc_number = cell_number or lc_number
        url = clean_text(strip_link(values.get("url", "")))
        slug = slug_from_url(url) if url else None
        known = lookup_problem(lc_number, slug)
        if known is None and lc_number is None and title:
            known = lookup_problem(None, slugify(title))
        if known is not None and lc_number is not None and known.number != lc_number:
            known = None
        if not title:
            if known is None:
                raise _Refuse("no title")
            title = known.title
        difficulty = parse_difficulty(values.get("difficulty", ""))
        mastery = parse_mastery(values.get("mastery", ""))
        when = parse_date(values.get("date", ""), self.zone)
        minutes = parse_int(values.get("minutes", ""), "minutes", low=0, high=24 * 60)
        patterns = split_multi(values.get("patterns", ""))
        companies = split_multi(values.get("companies", ""))
        lists = split_multi(values.get("lists", ""))
        gist = _multiline(values, "gist")
        text_notes = _multiline(values, "notes")
        if known is not None:
            lc_number = lc_number or known.number
            slug = slug or known.slug
            difficulty = difficulty or known.difficulty
            patterns = patterns or list(known.patterns)
        slug = slug or slugify(title) or None
        problem, why = self._find(lc_number, slug, title)
        if problem is None:
            if not url and lc_number and slug and known is not None:
                url = f"https://leetcode.com/problems/{slug}/"
            problem = Problem(
                title=title,
                number=lc_number,
                slug=slug,
                url=url,
                difficulty=difficulty,
                gist=gist,
                notes=text_notes,
            )
            self.session.add(problem)
            self.session.flush()
            action = "added"
        else:
            action = "merged"
            if problem.number is None and lc_number is not None and lc_number not in self.by_number:
                problem.number = lc_number
            if problem.slug is None and slug and slug not in self.by_slug:
                problem.slug = slug
            for attr, value in (
                ("url", url),
                ("difficulty", difficulty),
                ("gist", gist),
                ("notes", text_notes),
            ):
                if value and not getattr(problem, attr):
                    setattr(problem, attr, value)
            problem.updated_at = now_utc()
            self.session.add(problem)
            self.session.flush()
        assert problem.id is not None
        from tracker.db.tables import (
            Company,
            Pattern,
            ProblemCompany,
            ProblemList,
            ProblemListItem,
            ProblemPattern,
        )

        self._link(
            problem.id,
            action == "added",
            (
                (Pattern, ProblemPattern, "pattern_id", patterns),
                (ProblemList, ProblemListItem, "list_id", lists),
                (Company, ProblemCompany, "company_id", companies),
            ),
        )
        self._learn(problem.id, problem.number, problem.slug, problem.title)
        if mastery is not None:
            at = when.start if when is not None else self.now
            if when is None:
                notes.append("mastery without a date: attempt recorded at the time of the import")
            self.pending.append(_PendingAttempt(problem.id, at, mastery, minutes, number))
        elif when is not None:
            notes.append("a date without a mastery: no attempt recorded")
        label = f"#{problem.number} {problem.title}" if problem.number else problem.title
        return RowResult(number, action, label, why, tuple(notes))

    def finish(self) -> None:
        """Attempts in time order, so FSRS sees them as they happened; an attempt already there is not repeated."""
        from sqlmodel import col, select

        from tracker.db.tables import Attempt, Problem
        from tracker.services.problems import record_attempt, replay_attempts

        replay: set[int] = set()
        ids = sorted({p.problem_id for p in self.pending})
        seen: set[tuple[int, datetime, int]] = set()
        for chunk in range(0, len(ids), 500):
            for pid, at, rating in self.session.exec(
                select(Attempt.problem_id, Attempt.at, Attempt.rating).where(
                    col(Attempt.problem_id).in_(ids[chunk : chunk + 500])
                )
            ):
                seen.add((pid, at, rating))
        for item in sorted(self.pending, key=lambda p: (p.at, p.row)):
            problem = self.session.get(Problem, item.problem_id)
            assert problem is not None
            key = (item.problem_id, item.at, item.rating)
            if key in seen:
                continue
            seen.add(key)
            if problem.last_attempt_at is not None and item.at < problem.last_attempt_at:
                self.session.add(
                    Attempt(
                        problem_id=item.problem_id,
                        at=item.at,
                        rating=item.rating,
                        minutes=item.minutes,
                        note="imported from Notion",
                    )
                )
                replay.add(item.problem_id)
            else:
                record_attempt(
                    self.session,
                    problem,
                    item.rating,
                    item.at,
                    minutes=item.minutes,
                    note="imported from Notion",
                )
        self.session.flush()
        for pid in sorted(replay):
            replay_attempts(self.session, pid)


# -------------------------------------------------------------------------------------------- papers
class _PaperImporter(_Importer):
    def row(self, number: int, values: Mapping[str, str]) -> RowResult:
        from sqlmodel import select

        from tracker.db.tables import Paper, PaperTopic, Topic
        from tracker.io.notion import (
            NotionError,
            arxiv_from_text,
            parse_bool,
            parse_date,
            parse_int,
            parse_paper_status,
            split_multi,
            strip_link,
        )
        from tracker.services.problems import _get_or_create

        title = clean_text(" ".join(strip_link(values.get("title", "")).split()))
        if not title:
            raise _Refuse("no title")
        url = clean_text(strip_link(values.get("url", "")))
        arxiv = arxiv_from_text(values.get("arxiv_id", "")) or (arxiv_from_text(url) if url else None)
        if values.get("arxiv_id", "").strip() and arxiv is None:
            raise _Refuse(f"arXiv id {values['arxiv_id'].strip()!r} is not like 1706.03762")
        status = parse_paper_status(values.get("status", ""))
        read = parse_bool(values["read"]) if values.get("read", "").strip() else None
        read_when = parse_date(values.get("read_on", ""), self.zone)
        read_on = _tz_local_date(read_when.start, self.zone) if read_when else None
        if status is None:
            status = "read" if (read or read_on) else "to-read"
        year_text = values.get("year", "").strip()
        year = None
        if year_text:
            try:
                year = parse_int(year_text, "year", low=1800, high=2200)
            except NotionError:
                try:
                    year_date = parse_date(year_text, self.zone)
                except NotionError:
                    raise NotionError(f"year {year_text!r} is not a year (expected e.g. 2017)") from None
                assert year_date is not None
                year = year_date.start.year
        authors = _text(values, "authors")
        venue = _text(values, "venue")
        domain = _text(values, "domain")
        tldr = _multiline(values, "tldr")
        notes = _multiline(values, "notes")
        topics = split_multi(values.get("topics", ""))
        s = self.session
        paper = None
        why = None
        if arxiv:
            paper = s.exec(select(Paper).where(Paper.arxiv_id == arxiv)).first()
            why = "same arXiv id" if paper is not None else None
        if paper is None:
            for candidate in s.exec(select(Paper).where(Paper.title == title)):
                paper, why = candidate, "same title"
                break
            if paper is None:
                from sqlmodel import col, func

                paper = s.exec(select(Paper).where(func.casefold(col(Paper.title)) == fold(title))).first()
                why = "same title" if paper is not None else None
        if paper is None:
            paper = Paper(
                title=title,
                authors=authors,
                year=year,
                venue=venue,
                url=url or (f"https://arxiv.org/abs/{arxiv}" if arxiv else None),
                arxiv_id=arxiv,
                domain=domain,
                status=status,
                tldr=tldr,
                notes=notes,
                read_on=read_on,
            )
            s.add(paper)
            s.flush()
            action = "added"
        else:
            action = "merged"
            for attr, value in (
                ("authors", authors),
                ("year", year),
                ("venue", venue),
                ("url", url),
                ("domain", domain),
                ("tldr", tldr),
                ("notes", notes),
                ("read_on", read_on),
            ):
                if value and not getattr(paper, attr):
                    setattr(paper, attr, value)
            if paper.arxiv_id is None and arxiv:
                if s.exec(select(Paper.id).where(Paper.arxiv_id == arxiv)).first() is None:
                    paper.arxiv_id = arxiv
            if paper.status == "to-read" and status != "to-read":
                paper.status = status
            paper.updated_at = now_utc()
            s.add(paper)
            s.flush()
        assert paper.id is not None
        for name in topics:
            topic = _get_or_create(s, Topic, name)
            if s.get(PaperTopic, (paper.id, topic.id)) is None:
                s.add(PaperTopic(paper_id=paper.id, topic_id=topic.id))
        s.flush()
        return RowResult(number, action, paper.title, why)


# -------------------------------------------------------------------------------------------- stories
class _StoryImporter(_Importer):
    def row(self, number: int, values: Mapping[str, str]) -> RowResult:
        from sqlmodel import col, func, select

        from tracker.db.tables import Question, Story, StoryQuestion
        from tracker.io.notion import _LINK, parse_strength, split_multi, strip_link
        from tracker.services.pipeline import find_company_id

        s = self.session
        title = clean_text(" ".join(strip_link(values.get("title", "")).split()))
        raw_questions = values.get("question", "")
        if _LINK.search(raw_questions):
            questions = [clean_text(q) for q in split_multi(raw_questions)]
        else:
            questions = [clean_text(raw_questions)]
        texts = [q for q in questions if q]
        star = {part: _multiline(values, part) for part in ("situation", "task", "action", "result")}
        answer = _multiline(values, "answer")
        tags = split_multi(values.get("tags", ""))
        competency = ", ".join(split_multi(values.get("competency", ""))) or None
        kind_text = (values.get("kind") or "").strip().casefold()
        if kind_text and kind_text not in ("behavioral", "behavioural", "technical"):
            raise _Refuse(f"type {values['kind'].strip()!r} is not behavioral or technical")
        q_kind = "technical" if kind_text == "technical" else "behavioral"
        strength = parse_strength(values.get("strength", ""))
        company_name = (
            clean_text(strip_link(values.get("company", "")).split(", ")[0])
            if values.get("company")
            else None
        )
        notes = _multiline(values, "notes")
        has_story = bool(title) or any(star.values())
        if not has_story and not texts:
            raise _Refuse("no story title, STAR text or question")
        company_id = find_company_id(s, company_name, create=True) if company_name else None
        question_ids: list[int] = []
        q_action = None
        for text in texts:
            found = s.exec(select(Question).where(Question.text == text)).first()
            if found is None:
                found = Question(
                    text=text, kind=q_kind, competency=competency, answer=answer, company_id=company_id
                )
                s.add(found)
                s.flush()
                q_action = q_action or "added"
            else:
                q_action = q_action or "merged"
                if not found.competency and competency:
                    found.competency = competency
                if not found.answer and answer:
                    found.answer = answer
                if found.company_id is None and company_id is not None:
                    found.company_id = company_id
                s.add(found)
            assert found.id is not None
            question_ids.append(found.id)
        if not has_story:
            assert q_action is not None
            return RowResult(
                number, q_action, texts[0][:80], "same question" if q_action == "merged" else None
            )
        story_title = title or (texts[0][:80] if texts else "Untitled story")
        if not any(star.values()) and answer:
            star["action"] = answer
        if notes:
            star["result"] = f"{star['result']}\n\nNotes: {notes}" if star["result"] else f"Notes: {notes}"
        story = s.exec(select(Story).where(func.casefold(col(Story.title)) == fold(story_title))).first()
        all_tags = list(tags)
        if competency and not texts:
            all_tags += [c for c in split_multi(competency) if c not in all_tags]
        if story is None:
            story = Story(
                title=story_title,
                situation=star["situation"] or "",
                task=star["task"] or "",
                action=star["action"] or "",
                result=star["result"] or "",
                tags=all_tags,
                strength=strength or 3,
            )
            s.add(story)
            s.flush()
            action, why = "added", None
        else:
            action, why = "merged", "same title"
            for part, value in star.items():
                if value and not getattr(story, part):
                    setattr(story, part, value)
            story.tags = list(story.tags or []) + [t for t in all_tags if t not in (story.tags or [])]
            story.updated_at = now_utc()
            s.add(story)
            s.flush()
        assert story.id is not None
        for qid in question_ids:
            if s.get(StoryQuestion, (story.id, qid)) is None:
                s.add(StoryQuestion(story_id=story.id, question_id=qid))
        s.flush()
        return RowResult(number, action, story.title, why)


# -------------------------------------------------------------------------------------------- rounds
_SPLITTERS = (" — ", " – ", " - ", " | ", ": ")


class _RoundImporter(_Importer):
    def _column(self, status: str | None) -> Any:
        from sqlalchemy import func
        from sqlmodel import col, select

        from tracker.db.tables import BoardColumn
        from tracker.io.notion import column_is_done
        from tracker.services.pipeline import ensure_columns

        s = self.session
        ensure_columns(s)
        if not status:
            return s.exec(select(BoardColumn).order_by(col(BoardColumn.position))).first()
        found = s.exec(select(BoardColumn).where(BoardColumn.name == status)).first()
        if found is None:
            top = s.exec(select(func.max(BoardColumn.position))).one()
            found = BoardColumn(name=status, position=int(top or 0) + 1, is_done=column_is_done(status))
            s.add(found)
            s.flush()
        return found

    def row(self, number: int, values: Mapping[str, str]) -> RowResult:
        from sqlalchemy import func
        from sqlmodel import col, select

        from tracker.db.tables import Company, Round
        from tracker.io.notion import parse_date, parse_int, parse_outcome, parse_round_kind, strip_link
        from tracker.services.catalog import round_kinds
        from tracker.services.pipeline import find_company_id

        s = self.session
        notes_out: list[str] = []
        company = clean_text(" ".join(strip_link(values.get("company", "")).split(", ")[0].split()))
        name = clean_text(" ".join(strip_link(values.get("round", "")).split()))
        if not company and name:
            if " @ " in name:
                name, company = (p.strip() for p in name.split(" @ ", 1))
            else:
                for sep in _SPLITTERS:
                    if sep in name:
                        company, name = (p.strip() for p in name.split(sep, 1))
                        break
        if not company:
            raise _Refuse("no company")
        kind_cell = (values.get("kind") or "").strip()
        kind = parse_round_kind(kind_cell, name or "")
        if kind is None:
            kind = "other"
            if kind_cell or name:
                notes_out.append(
                    f"{'type' if kind_cell else 'round'} {kind_cell or name!r} is not a round kind prep knows:"
                    " imported as other"
                )
        when = parse_date(values.get("date", ""), self.zone)
        if when is not None and not when.has_time:
            notes_out.append(f"a date without a time: set for {when.start.astimezone(self.zone):%H:%M}")
        duration = parse_int(values.get("duration", ""), "duration", low=1, high=24 * 60)
        if duration is None and when is not None and when.end is not None and when.has_time:
            duration = int((when.end - when.start).total_seconds() // 60) or None
        outcome = parse_outcome(values.get("outcome", ""))
        status = clean_text(" ".join((values.get("status") or "").split()))
        notes = _multiline(values, "notes")
        if name and name.casefold().replace(" ", "-") != kind:
            notes = f"{name}\n{notes}" if notes else name
        column = self._column(status)
        company_id = find_company_id(s, company, create=True)
        comp = s.get(Company, company_id)
        assert comp is not None
        for attr in ("role", "level"):
            value = _text(values, attr)
            if value and not getattr(comp, attr):
                setattr(comp, attr, value)
                s.add(comp)
        scheduled = when.start if when is not None else None
        same_time = (
            col(Round.scheduled_at).is_(None) if scheduled is None else Round.scheduled_at == scheduled
        )
        existing = s.exec(
            select(Round).where(Round.company_id == company_id, Round.kind == kind, same_time)
        ).first()
        defaults = round_kinds().get(kind)
        fields: dict[str, Any] = {
            "duration_minutes": duration,
            "interviewer": _text(values, "interviewer"),
            "prepare": _multiline(values, "prepare"),
            "notes": notes,
            "outcome": outcome,
            "feedback": _multiline(values, "feedback"),
        }
        if existing is None:
            position = s.exec(select(func.count()).where(Round.column_id == column.id)).one()
            rnd = Round(
                company_id=company_id,
                kind=kind,
                column_id=column.id,
                position=int(position),
                scheduled_at=scheduled,
                prep_days=defaults.prep_days if defaults else None,
                **{k: v for k, v in fields.items() if k not in ("duration_minutes", "prepare")},
                duration_minutes=duration or (defaults.duration if defaults else None),
                prepare=fields["prepare"] or (defaults.prepare if defaults else None),
            )
            s.add(rnd)
            action, why = "added", None
        else:
            action, why = "merged", "same company, kind and date"
            for attr, value in fields.items():
                if value and not getattr(existing, attr):
                    setattr(existing, attr, value)
            existing.updated_at = now_utc()
            s.add(existing)
        s.flush()
        return RowResult(number, action, f"{company} {kind}", why, tuple(notes_out))


# ============================================================================================ JSON backup
@dataclass(frozen=True, slots=True)
class BackupSummary:
    path: str
    tables: int
    rows: int
    per_table: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "tables": self.tables,
            "rows": self.rows,
            "per_table": dict(self.per_table),
        }


def _value_kind(column: Any) -> str:
    import sqlalchemy as sa

    from tracker.db.tables import UTCDateTime
    from tracker.io.backup import DATE, DATETIME, PLAIN

    if isinstance(column.type, UTCDateTime | sa.DateTime):
        return DATETIME
    if isinstance(column.type, sa.Date):
        return DATE
    return PLAIN


def _schema_revision(session: Session) -> str | None:
    from sqlalchemy import text

    try:
        return session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # pragma: no cover - a database made without Alembic
        return None


def backup_document(db: Database) -> dict[str, Any]:
    """Everything in the database as one JSON-able document (see tracker.io.backup)."""
    from sqlalchemy import select

    from tracker import __version__
    from tracker.db.tables import metadata
    from tracker.io.backup import encode, envelope

    tables: dict[str, list[dict[str, Any]]] = {}
    with db.read() as session:
        revision = _schema_revision(session)
        for table in metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            names = [c.name for c in table.columns]
            rows = session.execute(select(table).order_by(*order)).all()
            tables[table.name] = [{n: encode(v) for n, v in zip(names, row, strict=True)} for row in rows]
    return envelope(tables, schema_revision=revision, prep_version=__version__)


def export_json(db: Database, path: Path | str) -> BackupSummary:
    """Write the full backup to ``path`` (replaced atomically: a crash never leaves half a file)."""
    from tracker.io.backup import dumps

    target = Path(path)
    document = backup_document(db)
    text = dumps(document)
    if target.is_dir():
        raise Invalid(f"{target} is a folder; give a file name such as prep-backup.json")
    from tracker.io.files import write_private

    try:
        write_private(target, text)  # whole or not at all, readable by the user only
    except OSError as exc:
        raise ServiceError(f"cannot write {target}: {exc.strerror}") from None
    per_table = {name: len(rows) for name, rows in document["tables"].items()}
    return BackupSummary(str(target), len(per_table), sum(per_table.values()), per_table)


def _default_columns_only(session: Session) -> bool:
    from sqlmodel import col, select

    from tracker.db.tables import BoardColumn
    from tracker.services.pipeline import DEFAULT_COLUMNS

    cols = [
        (c.name, c.is_done) for c in session.exec(select(BoardColumn).order_by(col(BoardColumn.position)))
    ]
    return not cols or cols == list(DEFAULT_COLUMNS)


_NOT_DATA = ("setting",)
"""Preferences and app state (the theme, the welcome answered): a database holding only these is still empty, and a
restore replaces them with the backup's."""


def _holds_user_data(session: Session) -> bool:
    from sqlalchemy import func, select

    from tracker.db.tables import metadata

    for table in metadata.sorted_tables:
        if table.name == "board_column":
            if not _default_columns_only(session):
                return True
            continue
        if table.name in _NOT_DATA:
            continue
        if session.execute(select(func.count()).select_from(table)).scalar_one():
            return True
    return False


def is_empty(db: Database) -> bool:
    """True when the database holds nothing the user made (the default board columns and settings do not count)."""
    with db.read() as session:
        return not _holds_user_data(session)


def restore_document(db: Database, document: Mapping[str, Any], *, source: str = "<backup>") -> BackupSummary:
    """Restore a checked backup document into an empty database, in one transaction. Raises ServiceError."""
    from sqlalchemy import delete
    from sqlalchemy.exc import IntegrityError

    from tracker.db.migrate import HEAD, known_revisions
    from tracker.db.tables import metadata
    from tracker.io.backup import BackupError, decode
    from tracker.services.base import _integrity_message

    revision = document.get("schema_revision")
    if revision is not None and revision != HEAD and revision not in known_revisions():
        raise Invalid(f"{source} was written by a newer prep (schema {revision}); upgrade prep to restore it")
    known = {t.name: t for t in metadata.sorted_tables}
    data = document["tables"]
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise Invalid(f"{source} has tables this prep does not know: {', '.join(unknown)}")
    prepared: list[tuple[Any, list[dict[str, Any]]]] = []
    try:
        for table in metadata.sorted_tables:
            rows = data.get(table.name, [])
            columns = {c.name: c for c in table.columns}
            kinds = {name: _value_kind(c) for name, c in columns.items()}
            out = []
            for index, row in enumerate(rows, start=1):
                extra = sorted(set(row) - set(columns))
                if extra:
                    raise BackupError(
                        f"{table.name} row {index} has columns this prep does not know: {', '.join(extra)}"
                    )
                values = {}
                for name, column in columns.items():
                    if name not in row:
                        if column.nullable or column.default is not None:
                            continue
                        raise BackupError(f"{table.name} row {index} lacks {name}")
                    values[name] = decode(row[name], kinds[name], f"{table.name} row {index} {name}")
                out.append(values)
            prepared.append((table, out))
    except BackupError as exc:
        raise Invalid(f"{source}: {exc}") from None
    per_table: dict[str, int] = {}
    with db.write() as session:
        if _holds_user_data(session):
            raise Invalid("the database already holds data; restore a backup only into an empty database")
        for name in ("board_column", *_NOT_DATA):  # the defaults and preferences give way to the backup's
            if name in data:
                session.execute(delete(known[name]))
        for table, rows in prepared:
            per_table[table.name] = len(rows)
            batches: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for row in rows:
                batches.setdefault(tuple(row), []).append(row)
            for batch in batches.values():
                try:
                    session.execute(table.insert(), batch)
                except IntegrityError as exc:
                    text = str(exc.orig)
                    why = (
                        "a row refers to a record that is not in the backup"
                        if text.startswith("FOREIGN KEY")
                        else _integrity_message(exc)
                    )
                    raise Invalid(f"{source}: table {table.name}: {why}; nothing was restored") from None
    return BackupSummary(source, len(per_table), sum(per_table.values()), per_table)


def import_json(db: Database, path: Path | str) -> BackupSummary:
    """Restore a backup file into an empty database (one transaction; nothing written on any error)."""
    from tracker.io.backup import BackupError, loads

    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise Invalid(f"no such file: {source}") from None
    except UnicodeDecodeError:
        raise Invalid(f"{source} is not a prep backup (not UTF-8 text)") from None
    except OSError as exc:
        raise Invalid(f"cannot read {source}: {exc.strerror}") from None
    try:
        document = loads(text)
    except BackupError as exc:
        raise Invalid(f"{source}: {exc}") from None
    return restore_document(db, document, source=str(source))
