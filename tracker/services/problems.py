"""Problems: add, find, list (paged, filtered), and catalog merges."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from tracker.domain.words import fold
from tracker.services.base import (
    Database,
    Invalid,
    NotFound,
    clean_name,
    clean_text,
    db_time,
    dbapi_connection,
    now_utc,
    parse_db_json,
    parse_db_time,
)

if TYPE_CHECKING:
    import sqlite3

    from sqlmodel import Session

    from tracker.services.catalog import CatalogProblem
    from tracker.services.undo import Removed

MASTERY_SLUGS = {1: "no-clue", 2: "brute-force", 3: "has-bugs", 4: "bug-free"}


@dataclass(frozen=True, slots=True)
class ProblemRow:
    id: int
    number: int | None
    slug: str | None
    title: str
    difficulty: str | None
    url: str | None
    gist: str | None
    mastery: str | None
    attempts: int
    last_attempt_at: datetime | None
    due_at: datetime | None
    patterns: list[str] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "slug": self.slug,
            "title": self.title,
            "difficulty": self.difficulty,
            "patterns": self.patterns,
            "lists": self.lists,
            "companies": self.companies,
            "mastery": self.mastery,
            "attempts": self.attempts,
            "last_attempt_at": self.last_attempt_at.isoformat() if self.last_attempt_at else None,
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "gist": self.gist,
        }


@dataclass(frozen=True, slots=True)
class ProblemFilter:
    search: str | None = None
    due: bool = False
    pattern: str | None = None
    company: str | None = None
    list_name: str | None = None
    mastery: int | None = None
    difficulty: str | None = None
    weak: bool = False
    new: bool = False
    order_by: str = "number"
    descending: bool = False
    now: datetime | None = None


def _named(problem: Any) -> str:
    return f"#{problem.number} {problem.title}" if problem.number else problem.title


def slugify(title: str) -> str:
    out = []
    for ch in title.lower():
        if ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def _get_or_create(session: Session, model: Any, name: str) -> Any:
    """The tag row named ``name`` (matched case-insensitively), created if missing."""
    from sqlmodel import select

    name = name.strip()
    row = session.exec(select(model).where(model.name == name)).first()
    if row is None:
        row = model(name=name)
        session.add(row)
        session.flush()
    return row


def _tag_id(session: Session, model: Any, name: str, cache: dict[Any, int] | None) -> int:
    key = (model.__name__, name.strip().lower())
    if cache is not None and key in cache:
        return cache[key]
    tag_id = int(_get_or_create(session, model, name).id)
    if cache is not None:
        cache[key] = tag_id
    return tag_id


def _link_tags(
    session: Session,
    problem_id: int,
    patterns: Iterable[str] = (),
    lists: Iterable[str] = (),
    companies: Iterable[str] = (),
    *,
    cache: dict[Any, int] | None = None,
    fresh: bool = False,
) -> None:
    """Link a problem to patterns, lists and companies by name. ``fresh``: the problem has no links yet."""
    from tracker.db.tables import (
        Company,
        Pattern,
        ProblemCompany,
        ProblemList,
        ProblemListItem,
        ProblemPattern,
    )

    for names, model, link, column in (
        (patterns, Pattern, ProblemPattern, "pattern_id"),
        (lists, ProblemList, ProblemListItem, "list_id"),
        (companies, Company, ProblemCompany, "company_id"),
    ):
        seen: set[str] = set()
        for raw in names:
            name = (raw or "").strip()
            if not name or name.lower() in seen:
                continue
            seen.add(name.lower())
            tag_id = _tag_id(session, model, name, cache)
            if fresh or session.get(link, (problem_id, tag_id)) is None:
                session.add(link(problem_id=problem_id, **{column: tag_id}))


def add_problem(
    db: Database,
    title: str | None = None,
    *,
    number: int | None = None,
    slug: str | None = None,
    url: str | None = None,
    difficulty: str | None = None,
    patterns: Sequence[str] = (),
    lists: Sequence[str] = (),
    companies: Sequence[str] = (),
    gist: str | None = None,
    notes: str | None = None,
) -> ProblemRow:
    """Add a problem. With only a catalog number (or slug), the rest is filled from the bundled catalog."""
    from sqlmodel import or_, select

    from tracker.db.tables import Problem
    from tracker.services.catalog import lookup_problem

    title = clean_name(title, field_name="title")
    if number is not None and number <= 0:
        raise Invalid("number must be a positive whole number")
    slug = (
        slugify(clean_text(slug) or "") or None
    )  # "Two Sum " and "two-sum" are one slug, as find_problem reads it
    known = lookup_problem(number, slug)
    if known is not None and (number is None or number == known.number):
        title = title or known.title
        number = known.number
        slug = slug or known.slug
        difficulty = difficulty or known.difficulty
        patterns = list(patterns) or list(known.patterns)
    if not title:
        raise Invalid("a title is needed (or --number of a catalog problem)")
    difficulty = _difficulty(difficulty)
    slug = slug or slugify(title) or None
    url = clean_text(url) or (f"https://leetcode.com/problems/{slug}/" if number and slug else None)
    with db.write() as session:
        clash = session.exec(
            select(Problem).where(
                or_(Problem.slug == slug, Problem.number == number) if number else Problem.slug == slug
            )
        ).first()
        if clash is not None:
            raise Invalid(f"problem already exists: {_named(clash)} (id {clash.id})")
        problem = Problem(
            title=title,
            number=number,
            slug=slug,
            url=url,
            difficulty=difficulty,
            gist=clean_text(gist),
            notes=clean_text(notes),
        )
        session.add(problem)
        session.flush()
        assert problem.id is not None
        _link_tags(session, problem.id, patterns, lists, companies)
        pid = problem.id
    return get_problem(db, pid)


def merge_catalog_problems(
    db: Database, list_name: str, list_slug: str, items: Sequence[CatalogProblem]
) -> tuple[int, int]:
    """Add missing catalog problems, tag every one with the list; returns (added, merged)."""
    from sqlmodel import select

    from tracker.db.tables import Problem, ProblemList, ProblemListItem

    added = merged = 0
    with db.write() as session:
        lst = session.exec(select(ProblemList).where(ProblemList.name == list_name)).first()
        if lst is None:
            lst = ProblemList(name=list_name, slug=list_slug)
            session.add(lst)
            session.flush()
        assert lst.id is not None  # read from the database or just flushed
        everything = list(session.exec(select(Problem)))
        by_number = {p.number: p for p in everything if p.number is not None}
        by_slug = {
            p.slug: p for p in everything if p.slug
        }  # with or without a number ("Two Sum" added by hand)
        for pos, item in enumerate(items):
            problem = by_number.get(item.number) or by_slug.get(item.slug)
            if problem is not None:
                # The catalog fills in what the user's row lacks; what they wrote stays.
                if problem.number is None and item.number not in by_number:
                    problem.number = item.number
                    by_number[item.number] = problem
                problem.difficulty = problem.difficulty or item.difficulty
                problem.url = problem.url or f"https://leetcode.com/problems/{item.slug}/"
                session.add(problem)
            if problem is None:
                problem = Problem(
                    number=item.number,
                    slug=item.slug,
                    title=item.title,
                    difficulty=item.difficulty,
                    url=f"https://leetcode.com/problems/{item.slug}/",
                )
                session.add(problem)
                session.flush()
                added += 1
            else:
                merged += 1
            assert problem.id is not None
            _link_tags(session, problem.id, patterns=item.patterns)
            link = session.get(ProblemListItem, (problem.id, lst.id))
            if link is None:
                session.add(ProblemListItem(problem_id=problem.id, list_id=lst.id, position=pos))
    return added, merged


def _to_rows(reader: Session | sqlite3.Connection, problems: Sequence[Any]) -> list[ProblemRow]:
    """ProblemRows with their tags, from ORM problems or ``_RawProblem`` rows (a session or a raw connection)."""
    tags = _raw_tags(dbapi_connection(reader), [p.id for p in problems])
    return [_row_of(p, tags) for p in problems]


_RAW_TAG_QUERIES = (
    (
        "patterns",
        "SELECT l.problem_id, t.name FROM problem_pattern l JOIN pattern t ON t.id = l.pattern_id"
        " WHERE l.problem_id IN ({}) ORDER BY t.name",
    ),
    (
        "lists",
        "SELECT l.problem_id, t.name FROM problem_list_item l JOIN problem_list t ON t.id = l.list_id"
        " WHERE l.problem_id IN ({}) ORDER BY t.name",
    ),
    (
        "companies",
        "SELECT l.problem_id, t.name FROM problem_company l JOIN company t ON t.id = l.company_id"
        " WHERE l.problem_id IN ({}) ORDER BY t.name",
    ),
)


def _raw_tags(con: sqlite3.Connection, ids: Sequence[int]) -> dict[str, dict[int, list[str]]]:
    """Each problem's patterns, lists and companies, in plain SQL on a ``sqlite3`` connection (a raw_read one, or
    the one under an ORM session: :func:`dbapi_connection`); names sort in their NOCASE order."""
    out: dict[str, dict[int, list[str]]] = {
        "patterns": defaultdict(list),
        "lists": defaultdict(list),
        "companies": defaultdict(list),
    }
    if not ids:
        return out
    marks = ",".join("?" * len(ids))
    for kind, sql in _RAW_TAG_QUERIES:
        target = out[kind]
        for pid, name in con.execute(sql.format(marks), tuple(ids)):
            target[pid].append(name)
    return out


def _row_of(p: Any, tags: dict[str, dict[int, list[str]]]) -> ProblemRow:
    """A ProblemRow from anything with the problem's attributes (an ORM row, or a named tuple of columns)."""
    return ProblemRow(
        id=p.id,
        number=p.number,
        slug=p.slug,
        title=p.title,
        difficulty=p.difficulty,
        url=p.url,
        gist=p.gist,
        mastery=MASTERY_SLUGS.get(p.mastery) if p.mastery else None,
        attempts=p.attempts_count,
        last_attempt_at=p.last_attempt_at,
        due_at=p.due_at,
        patterns=list(tags["patterns"].get(p.id, [])),
        lists=list(tags["lists"].get(p.id, [])),
        companies=list(tags["companies"].get(p.id, [])),
    )


_ROW_COLUMNS = (
    "problem.id, problem.number, problem.slug, problem.title, problem.difficulty, problem.url, problem.gist,"
    " problem.mastery, problem.attempts_count, problem.last_attempt_at, problem.due_at"
)
"""The columns a ProblemRow needs, in _RawProblem's order (not the FSRS card, whose JSON would be decoded per row)."""

_IN_TAG = {  # filter → the ids of the problems linked to the tag named ``?``
    "pattern": "problem.id IN (SELECT l.problem_id FROM problem_pattern l JOIN pattern t ON t.id = l.pattern_id"
    " WHERE t.name = ?)",
    "company": "problem.id IN (SELECT l.problem_id FROM problem_company l JOIN company t ON t.id = l.company_id"
    " WHERE t.name = ?)",
    "list": "problem.id IN (SELECT l.problem_id FROM problem_list_item l JOIN problem_list t ON t.id = l.list_id"
    " WHERE t.name = ? OR t.slug = ?)",
}


def _where(flt: ProblemFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (or "") of the problems matching ``flt``, and its parameters.

    Plain SQL on purpose: the problems area's first page and the CLI's listings read through ``Database.raw_read``
    without importing SQLAlchemy (~0.3 s). Tag names compare in their columns' NOCASE collation."""
    clauses: list[str] = []
    params: list[Any] = []
    if flt.due:
        clauses.append("problem.due_at IS NOT NULL AND problem.due_at <= ?")
        params.append(db_time(flt.now or now_utc()))
    if flt.weak:
        clauses.append("problem.mastery IN (1, 3)")
    if flt.new:
        clauses.append("problem.mastery IS NULL")
    if flt.mastery is not None:
        clauses.append("problem.mastery = ?")
        params.append(flt.mastery)
    if flt.difficulty:
        clauses.append("problem.difficulty = ?")
        params.append(flt.difficulty.lower())
    if flt.pattern:
        clauses.append(_IN_TAG["pattern"])
        params.append(flt.pattern)
    if flt.company:
        clauses.append(_IN_TAG["company"])
        params.append(flt.company)
    if flt.list_name:
        clauses.append(_IN_TAG["list"])
        params += [flt.list_name, flt.list_name]
    if flt.search:
        # search_text holds the title, gist and tag names, lowercased (kept by triggers: migration 0002)
        # (SQLite's lower() on both sides, as the column is built: only ASCII letters fold)
        needle = flt.search.strip()
        clause = "problem.search_text LIKE lower(?) ESCAPE '\\'"  # "50%" and "a_b" are text, not wildcards
        params.append("%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        if needle.isdigit():
            clause = f"({clause} OR problem.number = ?)"
            params.append(int(needle))
        clauses.append(clause)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


SORTABLE = {
    "number": "number",
    "title": "title",
    "difficulty": "difficulty",
    "patterns": "patterns",
    "lists": "lists",
    "companies": "companies",
    "mastery": "mastery",
    "attempts": "attempts_count",
    "last_attempt": "last_attempt_at",
    "due": "due_at",
    "gist": "gist",
}

_FIRST_TAG = {  # sort by the alphabetically first tag of that kind
    "patterns": "(SELECT min(t.name) FROM pattern t JOIN problem_pattern l ON l.pattern_id = t.id"
    " WHERE l.problem_id = problem.id)",
    "lists": "(SELECT min(t.name) FROM problem_list t JOIN problem_list_item l ON l.list_id = t.id"
    " WHERE l.problem_id = problem.id)",
    "companies": "(SELECT min(t.name) FROM company t JOIN problem_company l ON l.company_id = t.id"
    " WHERE l.problem_id = problem.id)",
}


def _sort_column(order_by: str) -> str:
    """The SQL expression a column sorts by (tags sort by their first name alphabetically)."""
    key = order_by if order_by in SORTABLE else "number"
    if key == "difficulty":
        return "(CASE problem.difficulty WHEN 'easy' THEN 1 WHEN 'medium' THEN 2 WHEN 'hard' THEN 3 END)"
    if key in ("title", "gist"):
        return f"problem.{key} COLLATE NOCASE"
    if key in _FIRST_TAG:
        return _FIRST_TAG[key]
    return f"problem.{SORTABLE[key]}"


def _order_by(flt: ProblemFilter, *first: str) -> str:
    column = _sort_column(flt.order_by)
    # Empty values always last, whichever the direction; then the problem's id, so pages never overlap.
    keys = [
        *first,
        f"{column.removesuffix(' COLLATE NOCASE')} IS NULL",
        f"{column} {'DESC' if flt.descending else 'ASC'}",
    ]
    return " ORDER BY " + ", ".join([*keys, "problem.id"])


def _page(limit: int | None, offset: int) -> str:
    return "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"


def _listed_rows(
    con: sqlite3.Connection, flt: ProblemFilter, limit: int | None, offset: int
) -> list[ProblemRow]:
    where, params = _where(flt)
    found = con.execute(
        f"SELECT {_ROW_COLUMNS} FROM problem{where}{_order_by(flt)}{_page(limit, offset)}", params
    ).fetchall()
    return _to_rows(con, [_RawProblem(*r) for r in found])


def _count(con: sqlite3.Connection, flt: ProblemFilter) -> int:
    where, params = _where(flt)
    return int(con.execute(f"SELECT count(*) FROM problem{where}", params).fetchone()[0])


def list_problems(
    db: Database, flt: ProblemFilter | None = None, *, limit: int | None = None, offset: int = 0
) -> list[ProblemRow]:
    """One page of problems matching the filter, in the filter's order (LIMIT/OFFSET; indexes on due, mastery)."""
    with db.raw_read() as con:
        return _listed_rows(con, flt or ProblemFilter(), limit, offset)


def problem_page(
    db: Database, flt: ProblemFilter | None = None, *, limit: int, offset: int = 0
) -> tuple[int, list[ProblemRow]]:
    """How many problems match the filter, and the page of them at ``offset``, read in one snapshot.

    Two queries: SQLite stops sorting at the LIMIT for the page, where a window count over every match would make
    it keep and sort them all (8 ms against 2.5 ms for a one-letter filter on 5,000 problems)."""
    flt = flt or ProblemFilter()
    with db.raw_read() as con:
        total = _count(con, flt)
        return total, (_listed_rows(con, flt, limit, offset) if total > offset else [])


@dataclass(frozen=True, slots=True)
class GroupedRow:
    """A problem under one of its patterns (a problem with two patterns appears in both groups)."""

    group: str | None
    problem: ProblemRow


_GROUPED_FROM = (
    " FROM problem LEFT OUTER JOIN problem_pattern ON problem_pattern.problem_id = problem.id"
    " LEFT OUTER JOIN pattern ON pattern.id = problem_pattern.pattern_id"
)


def list_grouped_by_pattern(
    db: Database, flt: ProblemFilter | None = None, *, limit: int | None = None, offset: int = 0
) -> list[GroupedRow]:
    """Problems grouped by pattern (groups alphabetical, "no pattern" last; the filter's order inside)."""
    flt = flt or ProblemFilter()
    where, params = _where(flt)
    order = _order_by(flt, "pattern.name IS NULL", "pattern.name COLLATE NOCASE")
    with db.raw_read() as con:
        found = con.execute(
            f"SELECT {_ROW_COLUMNS}, pattern.name{_GROUPED_FROM}{where}{order}{_page(limit, offset)}", params
        ).fetchall()
        rows = _to_rows(con, [_RawProblem(*r[:-1]) for r in found])
    return [GroupedRow(r[-1], row) for r, row in zip(found, rows, strict=True)]


def count_grouped_by_pattern(db: Database, flt: ProblemFilter | None = None) -> int:
    where, params = _where(flt or ProblemFilter())
    with db.raw_read() as con:
        return int(con.execute(f"SELECT count(*){_GROUPED_FROM}{where}", params).fetchone()[0])


def count_problems(db: Database, flt: ProblemFilter | None = None) -> int:
    with db.raw_read() as con:
        return _count(con, flt or ProblemFilter())


def get_problem(db: Database, problem_id: int) -> ProblemRow:
    from tracker.db.tables import Problem

    with db.read() as session:
        problem = session.get(Problem, problem_id)
        if problem is None:
            raise NotFound(f"no problem with id {problem_id}")
        return _to_rows(session, [problem])[0]


def problem_titles(db: Database) -> list[tuple[int, int | None, str]]:
    """(id, number, title) of every problem, by number then title: what the command palette searches."""
    with db.raw_read() as con:
        return [
            (int(pid), number, title)
            for pid, number, title in con.execute(
                "SELECT id, number, title FROM problem ORDER BY number IS NULL, number, title"
            )
        ]


def find_problem(db: Database, ref: str) -> ProblemRow:
    """A problem by LeetCode number, slug or exact title (case-insensitive)."""
    from sqlmodel import col, func, select

    from tracker.db.tables import Problem

    ref = ref.strip()
    with db.read() as session:
        problem = None
        if ref.isdigit():
            problem = session.exec(select(Problem).where(Problem.number == int(ref))).first()
        if problem is None:
            slugs = {ref, ref.lower(), slugify(ref)}  # as typed, and as add_problem stores slugs
            problem = session.exec(select(Problem).where(col(Problem.slug).in_(slugs))).first()
        if problem is None:
            problem = session.exec(
                select(Problem).where(func.casefold(col(Problem.title)) == fold(ref))
            ).first()
        if problem is None:
            raise NotFound(f"no problem matches {ref!r} (give a number, slug or exact title)")
        return _to_rows(session, [problem])[0]


@dataclass(frozen=True, slots=True)
class RateResult:
    problem: ProblemRow
    attempt_id: int
    rating: str
    next_due_at: datetime


def record_attempt(
    session: Session,
    problem: Any,
    rating: int,
    at: datetime,
    *,
    minutes: int | None = None,
    note: str | None = None,
) -> int:
    """Write an Attempt and move the problem's mastery and FSRS card, inside the caller's transaction."""
    from tracker.db.tables import Attempt
    from tracker.domain.mastery import CardState, Mastery, review

    level = Mastery(rating)
    attempt = Attempt(problem_id=problem.id, at=at, rating=int(level), minutes=minutes, note=note)
    session.add(attempt)
    if problem.last_attempt_at is not None and at < problem.last_attempt_at:
        # Dated before the latest attempt: FSRS must see the history in the order it happened, so the mastery and
        # next review still come from the latest attempt.
        session.flush()
        replay_attempts(session, problem.id)
        assert attempt.id is not None
        return attempt.id
    state = CardState.from_dict(problem.card) if problem.card else None
    new_state = review(state, level, at)
    problem.mastery = int(level)
    problem.card = new_state.to_dict()
    problem.due_at = new_state.due
    problem.attempts_count = (problem.attempts_count or 0) + 1
    if problem.last_attempt_at is None or at >= problem.last_attempt_at:
        problem.last_attempt_at = at
    problem.updated_at = now_utc()
    session.add(problem)
    session.flush()
    assert attempt.id is not None
    return attempt.id


def replay_attempts(session: Session, problem_id: int) -> None:
    """Recompute a problem's mastery and FSRS card from its whole attempt history, oldest first."""
    from sqlmodel import col, select

    from tracker.db.tables import Attempt, Problem
    from tracker.domain.mastery import Mastery, review

    problem = session.get(Problem, problem_id)
    assert problem is not None
    attempts = list(
        session.exec(
            select(Attempt).where(Attempt.problem_id == problem_id).order_by(col(Attempt.at), col(Attempt.id))
        )
    )
    state = None
    for attempt in attempts:
        state = review(state, Mastery(attempt.rating), attempt.at)
    if state is None:
        return
    problem.card = state.to_dict()
    problem.due_at = state.due
    problem.mastery = attempts[-1].rating
    problem.attempts_count = len(attempts)
    problem.last_attempt_at = attempts[-1].at
    problem.updated_at = now_utc()
    session.add(problem)
    session.flush()


def rate_problem(
    db: Database,
    problem_id: int,
    rating: int | str,
    *,
    minutes: int | None = None,
    note: str | None = None,
    gist: str | None = None,
    at: datetime | None = None,
) -> RateResult:
    """Rate an attempt on a problem: one transaction writes the Attempt, mastery, FSRS card and gist."""
    from tracker.db.tables import Problem
    from tracker.domain.mastery import Mastery

    try:
        level = Mastery.parse(rating)
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    if minutes is not None and not (0 <= minutes <= 24 * 60):
        raise Invalid("minutes must be between 0 and 1440")
    when = at or now_utc()
    with db.write() as session:
        problem = session.get(Problem, problem_id)
        if problem is None:
            raise NotFound(f"no problem with id {problem_id}")
        clean_gist = clean_text(gist)
        if clean_gist:
            problem.gist = clean_gist
        attempt_id = record_attempt(
            session, problem, int(level), when, minutes=minutes, note=clean_text(note)
        )
        # The row as written (no second read of the problem): its tags from the same transaction.
        row = _row_of(problem, _raw_tags(dbapi_connection(session), [problem_id]))
    assert row.due_at is not None
    return RateResult(row, attempt_id, level.slug, row.due_at)


# ------------------------------------------------------------------------------------------ edit, delete, detail
_UNSET: Any = object()


def _set_tags(session: Session, problem_id: int, model: Any, names: Sequence[str]) -> None:
    """Replace one kind of tag link (patterns, lists or companies) with exactly ``names``."""
    from sqlmodel import col, delete

    from tracker.db.tables import ProblemCompany, ProblemListItem, ProblemPattern

    links: dict[str, type[ProblemPattern] | type[ProblemListItem] | type[ProblemCompany]] = {
        "patterns": ProblemPattern,
        "lists": ProblemListItem,
        "companies": ProblemCompany,
    }
    link = links[model]
    session.exec(delete(link).where(col(link.problem_id) == problem_id))
    session.flush()
    tags: dict[str, Any] = {model: names}
    _link_tags(session, problem_id, **tags)


def update_problem(
    db: Database,
    problem_id: int,
    *,
    title: str | None = _UNSET,
    number: int | None = _UNSET,
    slug: str | None = _UNSET,
    url: str | None = _UNSET,
    difficulty: str | None = _UNSET,
    gist: str | None = _UNSET,
    notes: str | None = _UNSET,
    patterns: Sequence[str] | None = None,
    lists: Sequence[str] | None = None,
    companies: Sequence[str] | None = None,
) -> ProblemRow:
    """Change a problem's fields; tag lists given replace the current ones (None leaves them)."""
    from sqlmodel import or_, select

    from tracker.db.tables import Problem

    with db.write() as session:
        problem = session.get(Problem, problem_id)
        if problem is None:
            raise NotFound(f"no problem with id {problem_id}")
        if title is not _UNSET:
            problem.title = clean_name(title, field_name="title", required=True) or ""
        if number is not _UNSET:
            if number is not None and number <= 0:
                raise Invalid("number must be a positive whole number")
            problem.number = number
        if slug is not _UNSET:
            problem.slug = slugify(clean_text(slug) or "") or None
        if url is not _UNSET:
            problem.url = clean_text(url)
        if difficulty is not _UNSET:
            problem.difficulty = _difficulty(difficulty)
        if gist is not _UNSET:
            problem.gist = clean_text(gist)
        if notes is not _UNSET:
            problem.notes = clean_text(notes)
        conds = []
        if problem.number is not None:
            conds.append(Problem.number == problem.number)
        if problem.slug:
            conds.append(Problem.slug == problem.slug)
        if conds:
            with session.no_autoflush:
                clash = session.exec(select(Problem).where(or_(*conds), Problem.id != problem_id)).first()
            if clash is not None:
                raise Invalid(f"another problem has that number or slug: {_named(clash)}")
        problem.updated_at = now_utc()
        session.add(problem)
        session.flush()
        for kind, names in (("patterns", patterns), ("lists", lists), ("companies", companies)):
            if names is not None:
                _set_tags(session, problem_id, kind, names)
    return get_problem(db, problem_id)


def _difficulty(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    level = value.strip().lower()
    level = {"e": "easy", "m": "medium", "h": "hard"}.get(level, level)
    if level not in ("easy", "medium", "hard"):
        raise Invalid(f"difficulty must be easy, medium or hard, not {value!r}")
    return level


def delete_problem(db: Database, problem_id: int) -> str:
    """Delete a problem with its attempts and tag links; returns its title."""
    with db.write() as session:
        return _delete_problem(session, problem_id)


def remove_problem(db: Database, problem_id: int) -> Removed:
    """:func:`delete_problem`, keeping what it removes so that :func:`tracker.services.undo.restore` can put it back."""
    from tracker.services.undo import deleting

    return deleting(
        db, "problem", problem_id, lambda session: _delete_problem(session, problem_id), "problem"
    )


def _delete_problem(session: Session, problem_id: int) -> str:
    from tracker.db.tables import Problem

    problem = session.get(Problem, problem_id)
    if problem is None:
        raise NotFound(f"no problem with id {problem_id}")
    title = problem.title
    session.delete(problem)
    return title


@dataclass(frozen=True, slots=True)
class AttemptLine:
    id: int
    at: datetime
    rating: str
    minutes: int | None
    note: str | None


@dataclass(frozen=True, slots=True)
class ProblemDetail:
    problem: ProblemRow
    notes: str | None
    attempts: list[AttemptLine]
    retrievability: float | None
    card: dict[str, Any] | None


def problem_detail(db: Database, problem_id: int, *, now: datetime | None = None) -> ProblemDetail:
    """Everything the detail pane shows: notes, attempt history (newest first), chance of remembering now.

    Plain SQL on one snapshot (the pane loads on every new selection and after every write)."""
    from tracker.domain.mastery import CardState, retrievability

    with db.raw_read() as con:
        found = con.execute(
            "SELECT id, number, slug, title, difficulty, url, gist, mastery, attempts_count, last_attempt_at,"
            " due_at, card, notes FROM problem WHERE id = ?",
            (problem_id,),
        ).fetchone()
        if found is None:
            raise NotFound(f"no problem with id {problem_id}")
        tags = _raw_tags(con, [problem_id])
        history = con.execute(
            "SELECT id, at, rating, minutes, note FROM attempt WHERE problem_id = ?"
            " ORDER BY at DESC, id DESC LIMIT 100",
            (problem_id,),
        ).fetchall()
    row = _row_of(_RawProblem(*found[:11]), tags)
    attempts = [
        AttemptLine(aid or 0, parse_db_time(at), MASTERY_SLUGS[rating], minutes, note)  # type: ignore[arg-type]
        for aid, at, rating, minutes, note in history
    ]
    raw_card = parse_db_json(found[11])
    card = dict(raw_card) if raw_card else None
    notes = found[12]
    recall = None
    if card:
        try:
            recall = retrievability(CardState.from_dict(card), now or now_utc())
        except ValueError:
            recall = None
    return ProblemDetail(row, notes, attempts, recall, card)


class _RawProblem(NamedTuple):
    """The row columns of a problem as plain SQL returns them (datetimes still text until parsed)."""

    id: int
    number: int | None
    slug: str | None
    title: str
    difficulty: str | None
    url: str | None
    gist: str | None
    mastery: int | None
    attempts_count: int
    last_attempt_raw: str | None
    due_raw: str | None

    @property
    def last_attempt_at(self) -> datetime | None:
        return parse_db_time(self.last_attempt_raw)

    @property
    def due_at(self) -> datetime | None:
        return parse_db_time(self.due_raw)


@dataclass(frozen=True, slots=True)
class TagChoices:
    patterns: list[str]
    lists: list[str]
    companies: list[str]


def tag_choices(db: Database) -> TagChoices:
    """Existing pattern, list and company names, for pickers and quick filters (plain SQL; names sort NOCASE)."""
    with db.raw_read() as con:
        names = [
            [name for (name,) in con.execute(f"SELECT name FROM {table} ORDER BY name")]
            for table in ("pattern", "problem_list", "company")
        ]
    return TagChoices(patterns=names[0], lists=names[1], companies=names[2])


def preview_rating(db: Database, problem_id: int, *, at: datetime | None = None) -> dict[int, datetime]:
    """The next review date each of the four ratings would give, before the user chooses."""
    from tracker.db.tables import Problem
    from tracker.domain.mastery import CardState, preview

    with db.read() as session:
        problem = session.get(Problem, problem_id)
        if problem is None:
            raise NotFound(f"no problem with id {problem_id}")
        card = dict(problem.card) if problem.card else None
    state = CardState.from_dict(card) if card else None
    return {int(level): due for level, due in preview(state, at or now_utc()).items()}


# ---------------------------------------------------------------------------------------------------- import
@dataclass(frozen=True, slots=True)
class ImportRow:
    """One row of a problems CSV, already split into fields; ``line`` is its line in the file."""

    line: int
    number: str = ""
    title: str = ""
    slug: str = ""
    difficulty: str = ""
    patterns: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    line: int
    status: str  # added | merged | refused
    title: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ImportReport:
    outcomes: list[ImportOutcome]
    applied: bool

    def _count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def added(self) -> int:
        return self._count("added")

    @property
    def merged(self) -> int:
        return self._count("merged")

    @property
    def refused(self) -> int:
        return self._count("refused")


class _Refused(Exception):
    pass


class _Rollback(Exception):
    pass


def _dedupe(names: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for n in names:
        n = (clean_text(n) or "").strip()
        if n and n.lower() not in seen:
            seen[n.lower()] = n
    return list(seen.values())


def _import_one(session: Session, row: ImportRow, cache: dict[Any, int]) -> ImportOutcome:
    from sqlmodel import col, func, select

    from tracker.db.tables import Problem
    from tracker.services.catalog import lookup_problem

    number: int | None = None
    raw_number = row.number.strip().lstrip("#")
    if raw_number:
        if not raw_number.isdigit() or int(raw_number) <= 0:
            raise _Refused(f"number {row.number.strip()!r} is not a positive whole number")
        number = int(raw_number)
    title = clean_text(row.title) or None
    slug = slugify(clean_text(row.slug) or "") or None
    try:
        difficulty = _difficulty(row.difficulty)
    except Invalid as exc:
        raise _Refused(str(exc)) from None
    known = lookup_problem(number, slug)
    if known is not None and number is not None and known.number != number:
        known = None
    by_number = (
        session.exec(select(Problem).where(Problem.number == number)).first() if number is not None else None
    )
    by_slug = session.exec(select(Problem).where(Problem.slug == slug)).first() if slug else None
    if by_number is not None and by_slug is not None and by_number.id != by_slug.id:
        raise _Refused(f"number {number} is {by_number.title!r} but slug {slug!r} is {by_slug.title!r}")
    existing = by_number or by_slug
    if existing is None and title and number is None and slug is None:
        existing = session.exec(
            select(Problem).where(func.casefold(col(Problem.title)) == fold(title))
        ).first()
    patterns = _dedupe(row.patterns)
    if existing is not None:
        if number is not None and existing.number is None:
            existing.number = number
        if slug and not existing.slug:
            existing.slug = slug
        if difficulty and not existing.difficulty:
            existing.difficulty = difficulty
        session.add(existing)
        session.flush()
        assert existing.id is not None
        _link_tags(session, existing.id, patterns, _dedupe(row.lists), _dedupe(row.companies), cache=cache)
        return ImportOutcome(row.line, "merged", existing.title)
    if known is not None:
        title = title or known.title
        slug = slug or known.slug
        difficulty = difficulty or known.difficulty
        patterns = patterns or list(known.patterns)
    if not title:
        raise _Refused("no title (and the number is not a catalog problem)")
    slug = slug or slugify(title) or None
    if slug and session.exec(select(Problem).where(Problem.slug == slug)).first() is not None:
        raise _Refused(f"slug {slug!r} is taken by another problem")
    problem = Problem(
        title=title,
        number=number,
        slug=slug,
        difficulty=difficulty,
        url=f"https://leetcode.com/problems/{slug}/" if number and slug else None,
    )
    session.add(problem)
    session.flush()
    assert problem.id is not None
    _link_tags(
        session, problem.id, patterns, _dedupe(row.lists), _dedupe(row.companies), cache=cache, fresh=True
    )
    return ImportOutcome(row.line, "added", title)


def import_problem_rows(db: Database, rows: Sequence[ImportRow], *, skip_bad: bool = False) -> ImportReport:
    """Add or merge problems in one transaction. Any refused row leaves the database unchanged unless skip_bad.

    Rows match existing problems by number or slug (or by exact title when they give neither); a match is merged:
    its tags are added and empty fields filled. Names of patterns, lists and companies match case-insensitively.
    """
    from sqlalchemy.exc import IntegrityError

    outcomes: list[ImportOutcome] = []
    cache: dict[Any, int] = {}  # tag name -> id, dropped whenever a row is rolled back
    try:
        with db.write() as session:
            for row in rows:
                label = (row.title or row.number or row.slug or "").strip()
                try:
                    with session.begin_nested():
                        outcomes.append(_import_one(session, row, cache))
                except _Refused as exc:
                    cache.clear()
                    outcomes.append(ImportOutcome(row.line, "refused", label, str(exc)))
                except IntegrityError as exc:
                    cache.clear()
                    reason = str(getattr(exc, "orig", exc)).split("\n")[0]
                    outcomes.append(ImportOutcome(row.line, "refused", label, reason))
            if any(o.status == "refused" for o in outcomes) and not skip_bad:
                raise _Rollback
    except _Rollback:
        return ImportReport(outcomes, applied=False)
    return ImportReport(outcomes, applied=True)
