"""Companies, board columns and interview rounds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
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

DEFAULT_COLUMNS = (("Scheduling", False), ("Scheduled", False), ("Done", True))
OUTCOMES_ALLOWED = ("passed", "failed", "pending")


@dataclass(frozen=True, slots=True)
class CompanyRow:
    id: int
    name: str
    role: str | None
    level: str | None
    source: str | None
    status: str
    rounds: int = 0
    next_round_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "level": self.level,
            "source": self.source,
            "status": self.status,
            "rounds": self.rounds,
            "next_round_at": self.next_round_at.isoformat() if self.next_round_at else None,
        }


@dataclass(frozen=True, slots=True)
class RoundRow:
    id: int
    company_id: int
    company: str
    kind: str
    column_id: int
    column: str
    position: int
    scheduled_at: datetime | None
    duration_minutes: int | None
    prep_days: int | None
    outcome: str | None
    prepare: str | None = None
    notes: str | None = None
    interviewer: str | None = None
    feedback: str | None = None
    company_status: str = "active"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "company": self.company,
            "kind": self.kind,
            "scheduled_at": self.scheduled_at.isoformat() if self.scheduled_at else None,
            "position": self.position,
            "outcome": self.outcome,
        }


@dataclass(frozen=True, slots=True)
class ColumnView:
    id: int
    name: str
    position: int
    done: bool
    rounds: list[RoundRow] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "position": self.position,
            "done": self.done,
            "rounds": [r.to_json() for r in self.rounds],
        }


def ensure_columns(session: Session) -> None:
    from sqlmodel import select

    from tracker.db.tables import BoardColumn

    if session.exec(select(BoardColumn.id).limit(1)).first() is None:
        for pos, (name, done) in enumerate(DEFAULT_COLUMNS):
            session.add(BoardColumn(name=name, position=pos, is_done=done))
        session.flush()


def _check(value: str | None, allowed: tuple[str, ...], what: str) -> str | None:
    if value is None:
        return None
    value = value.strip().lower()
    if value not in allowed:
        raise Invalid(f"{what} must be one of {', '.join(allowed)} (got {value!r})")
    return value


def add_company(
    db: Database,
    name: str,
    *,
    role: str | None = None,
    level: str | None = None,
    source: str | None = None,
    status: str | None = None,
    notes: str | None = None,
) -> CompanyRow:

    from tracker.db.tables import COMPANY_SOURCES, COMPANY_STATUSES, Company

    clean = clean_name(name, field_name="company name", required=True)
    assert clean is not None
    source = _check(source, COMPANY_SOURCES, "source")
    status = _check(status, COMPANY_STATUSES, "status") or "active"
    with db.write() as session:
        other = _company_named(session, clean)
        if other is not None:
            raise Invalid(f"company {other.name!r} already exists")
        company = Company(
            name=clean,
            role=clean_text(role),
            level=clean_text(level),
            source=source,
            status=status,
            notes=clean_text(notes),
        )
        session.add(company)
        session.flush()
        cid = company.id
    assert cid is not None
    return get_company(db, cid)


def _company_row(session: Session, company: Any) -> CompanyRow:
    from sqlalchemy import func
    from sqlmodel import col, select

    from tracker.db.tables import Round

    count = session.exec(select(func.count()).where(Round.company_id == company.id)).one()
    nxt = session.exec(
        select(func.min(Round.scheduled_at)).where(
            Round.company_id == company.id, col(Round.scheduled_at) >= now_utc()
        )
    ).one()
    from tracker.db.tables import UTCDateTime

    nxt_dt = UTCDateTime().process_result_value(nxt, None) if isinstance(nxt, datetime) else None
    return CompanyRow(
        id=company.id,
        name=company.name,
        role=company.role,
        level=company.level,
        source=company.source,
        status=company.status,
        rounds=int(count),
        next_round_at=nxt_dt,
    )


def get_company(db: Database, company_id: int) -> CompanyRow:
    from tracker.db.tables import Company

    with db.read() as session:
        company = session.get(Company, company_id)
        if company is None:
            raise NotFound(f"no company with id {company_id}")
        return _company_row(session, company)


def _company_named(session: Session, name: str) -> Any:
    """The company with this name in any case or Unicode composition ("Émile AI" is "émile ai"), or None."""
    from sqlmodel import col, func, select

    from tracker.db.tables import Company

    return session.exec(select(Company).where(func.casefold(col(Company.name)) == fold(name))).first()


def find_company_id(session: Session, name: str, *, create: bool = False) -> int:
    from tracker.db.tables import Company

    clean = clean_name(name, field_name="company name", required=True)
    assert clean is not None
    company = _company_named(session, clean)
    if company is None:
        if not create:
            raise NotFound(f"no company named {clean!r}")
        company = Company(name=clean or "")
        session.add(company)
        session.flush()
    assert company.id is not None
    return company.id


def list_companies(db: Database) -> list[CompanyRow]:
    from sqlalchemy import func
    from sqlmodel import col, select

    from tracker.db.tables import Company, Round

    with db.read() as session:
        counts: dict[int | None, int] = dict(
            session.exec(select(Round.company_id, func.count()).group_by(Round.company_id)).all()  # type: ignore[arg-type]
        )
        nexts: dict[int | None, datetime | None] = dict(
            session.exec(
                select(Round.company_id, func.min(Round.scheduled_at))
                .where(col(Round.scheduled_at) >= now_utc())
                .group_by(col(Round.company_id))
            ).all()  # type: ignore[arg-type]
        )
        from tracker.db.tables import UTCDateTime

        conv = UTCDateTime()
        return [
            CompanyRow(
                id=c.id or 0,
                name=c.name,
                role=c.role,
                level=c.level,
                source=c.source,
                status=c.status,
                rounds=int(counts.get(c.id, 0)),
                next_round_at=conv.process_result_value(nexts[c.id], None) if nexts.get(c.id) else None,
            )
            for c in session.exec(select(Company).order_by(Company.name))
        ]


def _column_by_name(session: Session, name: str) -> Any:
    from sqlmodel import col, select

    from tracker.db.tables import BoardColumn

    ensure_columns(session)
    column = session.exec(select(BoardColumn).where(BoardColumn.name == name.strip())).first()
    if column is None:
        names = ", ".join(
            c.name for c in session.exec(select(BoardColumn).order_by(col(BoardColumn.position)))
        )
        raise NotFound(f"no board column named {name!r} (columns: {names})")
    return column


def add_round(
    db: Database,
    company: str,
    kind: str,
    *,
    at: str | datetime | None = None,
    duration: int | None = None,
    column: str | None = None,
    prep_days: int | None = None,
    notes: str | None = None,
    prepare: str | None = None,
) -> RoundRow:
    from sqlalchemy import func
    from sqlmodel import col, select

    from tracker.db.tables import ROUND_KINDS, BoardColumn, Round
    from tracker.domain.when import WhenError, parse_when
    from tracker.services.catalog import round_kinds

    kind_key = _check(kind, ROUND_KINDS, "round kind")
    assert kind_key is not None
    when: datetime | None
    if isinstance(at, str):
        try:
            when = parse_when(at)
        except WhenError as exc:
            raise Invalid(str(exc)) from None
    else:
        when = at
    if duration is not None and duration <= 0:
        raise Invalid("duration must be a positive number of minutes")
    if prep_days is not None and prep_days < 0:
        raise Invalid("prep days must be zero or more")
    defaults = round_kinds().get(kind_key)
    with db.write() as session:
        company_id = find_company_id(session, company, create=True)
        ensure_columns(session)
        if column:
            col_row = _column_by_name(session, column)
        else:
            col_row = session.exec(select(BoardColumn).order_by(col(BoardColumn.position))).first()
            if when is not None:
                # A round with a date goes to the first not-done column after the first one, when there is one.
                cols = list(session.exec(select(BoardColumn).order_by(col(BoardColumn.position))))
                open_cols = [c for c in cols if not c.is_done]
                col_row = open_cols[1] if len(open_cols) > 1 else col_row
        assert col_row is not None
        position = session.exec(select(func.count()).where(Round.column_id == col_row.id)).one()
        rnd = Round(
            company_id=company_id,
            kind=kind_key,
            column_id=col_row.id or 0,
            position=int(position),
            scheduled_at=when,
            duration_minutes=duration or (defaults.duration if defaults else None),
            prep_days=prep_days if prep_days is not None else (defaults.prep_days if defaults else None),
            notes=clean_text(notes),
            prepare=clean_text(prepare) or (defaults.prepare if defaults else None),
        )
        session.add(rnd)
        session.flush()
        rid = rnd.id
    assert rid is not None
    return get_round(db, rid)


def _round_rows(
    reader: Any, where: str = "", params: Sequence[Any] = (), order: str = "", limit: int | None = None
) -> list[RoundRow]:
    """Rounds with their company and column, in plain SQL on a ``raw_read`` connection or an open session's
    (``where`` and ``order`` are SQL over ``round``, ``company`` and ``board_column``)."""
    sql = (
        "SELECT round.id, round.company_id, company.name, round.kind, round.column_id, board_column.name,"
        " round.position, round.scheduled_at, round.duration_minutes, round.prep_days, round.outcome,"
        " round.prepare, round.notes, round.interviewer, round.feedback, company.status"
        " FROM round JOIN company ON company.id = round.company_id"
        " JOIN board_column ON board_column.id = round.column_id"
        + (f" WHERE {where}" if where else "")
        + (f" ORDER BY {order}" if order else "")
        + (f" LIMIT {int(limit)}" if limit else "")
    )
    return [
        RoundRow(
            id=rid,
            company_id=company_id,
            company=company,
            kind=kind,
            column_id=column_id,
            column=column,
            position=position,
            scheduled_at=parse_db_time(scheduled),
            duration_minutes=duration,
            prep_days=prep_days,
            outcome=outcome,
            prepare=prepare,
            notes=notes,
            interviewer=interviewer,
            feedback=feedback,
            company_status=status,
        )
        for (
            rid,
            company_id,
            company,
            kind,
            column_id,
            column,
            position,
            scheduled,
            duration,
            prep_days,
            outcome,
            prepare,
            notes,
            interviewer,
            feedback,
            status,
        ) in dbapi_connection(reader).execute(sql, tuple(params))
    ]


_BY_DATE = "round.scheduled_at IS NULL, round.scheduled_at, round.id"


def get_round(db: Database, round_id: int) -> RoundRow:
    with db.raw_read() as con:
        rows = _round_rows(con, "round.id = ?", (round_id,))
    if not rows:
        raise NotFound(f"no round with id {round_id}")
    return rows[0]


def list_rounds(
    db: Database, *, company: str | None = None, upcoming: bool = False, limit: int | None = None
) -> list[RoundRow]:
    where: list[str] = []
    params: list[Any] = []
    if company:
        where.append("company.name = ?")
        params.append(company)
    if upcoming:
        where.append("round.scheduled_at >= ?")
        params.append(db_time(now_utc()))
    order = "round.scheduled_at" if upcoming else _BY_DATE
    with db.raw_read() as con:
        return _round_rows(con, " AND ".join(where), params, order, limit)


def board(db: Database, *, company: str | None = None, company_id: int | None = None) -> list[ColumnView]:
    """Every column in order with its rounds in position order; optionally only one company's rounds.

    ``company`` is a name (case-insensitive); an unknown name is an error rather than an empty board. Plain SQL:
    the board area and ``prep board`` read it without importing the ORM."""
    with db.raw_read() as con:
        columns = con.execute(
            "SELECT id, name, position, is_done FROM board_column ORDER BY position, id"
        ).fetchall()
        if company and company_id is None:
            clean = clean_text(company, field_name="company name", required=True)
            found = con.execute("SELECT id FROM company WHERE name = ?", (clean,)).fetchone()
            if found is None:
                raise NotFound(f"no company named {clean!r}")
            company_id = int(found[0])
        one_company = company_id is not None
        rounds = _round_rows(
            con,
            "round.company_id = ?" if one_company else "",
            (company_id,) if one_company else (),
            "round.column_id, round.position, round.id",
        )
    by_col: dict[int, list[RoundRow]] = {}
    for r in rounds:
        by_col.setdefault(r.column_id, []).append(r)
    return [
        ColumnView(id=cid, name=name, position=position, done=bool(done), rounds=by_col.get(cid, []))
        for cid, name, position, done in columns
    ]


# ------------------------------------------------------------------------------------------------ moving rounds
_KEEP: Any = object()


@dataclass(frozen=True, slots=True)
class MoveResult:
    """What a move did: the round as it is now, where it came from, and every card whose place changed."""

    round: RoundRow
    from_column: str
    to_column: str
    to_done: bool
    changed: dict[int, tuple[int, int]]
    questions_added: int = 0
    outcome_cleared: str | None = None
    """The outcome the round had in the done column it left (cleared by the move), if any."""

    @property
    def moved(self) -> bool:
        return bool(self.changed)


def _resolve_column(session: Session, column: str | int) -> Any:
    from tracker.db.tables import BoardColumn

    if isinstance(column, int):
        found = session.get(BoardColumn, column)
        if found is None:
            raise NotFound(f"no board column with id {column}")
        return found
    try:
        return _column_by_name(session, column)
    except NotFound:
        if column.strip().isdigit():
            found = session.get(BoardColumn, int(column.strip()))
            if found is not None:
                return found
        raise


def _ordering(
    session: Session, column_ids: set[int]
) -> tuple[dict[int, list[int]], dict[int, tuple[int, int]]]:
    """The columns ``column_ids`` as ``{column_id: [round ids in order]}`` and what the database holds for each of
    their rounds (a move touches only its source and target column; the rest of the board is not read)."""
    from sqlmodel import col, select

    from tracker.db.tables import Round

    order: dict[int, list[int]] = {cid: [] for cid in column_ids}
    stored: dict[int, tuple[int, int]] = {}
    for rid, cid, pos in session.exec(
        select(Round.id, Round.column_id, Round.position)
        .where(col(Round.column_id).in_(column_ids))
        .order_by(col(Round.column_id), col(Round.position), col(Round.id))
    ):
        assert rid is not None
        order.setdefault(cid, []).append(rid)
        stored[rid] = (cid, pos)
    return order, stored


def _add_questions(session: Session, texts: Any, *, company_id: int, round_id: int, kind: str) -> int:
    """Each non-empty line becomes a Question linked to the company and round; existing ones get linked."""
    from sqlmodel import select

    from tracker.db.tables import Question

    added = 0
    seen: set[str] = set()
    for raw in texts or ():
        text = clean_text(raw)
        if not text or text.casefold() in seen:
            continue
        seen.add(text.casefold())
        found = session.exec(select(Question).where(Question.text == text)).first()
        if found is not None:
            if found.company_id is None:
                found.company_id = company_id
                found.round_id = round_id
            continue
        session.add(Question(text=text, kind=kind, company_id=company_id, round_id=round_id))
        added += 1
    return added


def move_round(
    db: Database,
    round_id: int,
    column: str | int,
    *,
    position: int | None = None,
    before: int | None = None,
    outcome: str | None = None,
    feedback: str | None = None,
    questions: Any = (),
) -> MoveResult:
    """Move a round to ``column`` (name or id), in one transaction.

    Where it lands: ``before`` (a round id in that column) puts it just above that round; otherwise ``position``
    is its index in the column after the move (clamped; 0 = top); with neither it goes to the bottom.
    Only rounds whose (column, position) changed are written, positions stay 0..n-1 in every column, and a
    RoundEvent records a change of column or outcome. ``outcome``/``feedback``/``questions`` record how the
    round went (questions become Q&A entries linked to the company and the round). A round that leaves a done
    column for one that is not done is no longer decided: its outcome is cleared (unless ``outcome`` gives one),
    so it counts as upcoming again; the event before this one still says how it went, and its feedback is kept.
    """
    from sqlalchemy import bindparam, update

    from tracker.db.tables import BoardColumn, Round, RoundEvent
    from tracker.domain.ordering import move

    if position is not None and position < 0:
        raise Invalid("position must be 0 or more")
    outcome = _check(outcome, OUTCOMES_ALLOWED, "outcome")
    feedback = clean_text(feedback)
    with db.write() as session:
        ensure_columns(session)
        rnd = session.get(Round, round_id)
        if rnd is None:
            raise NotFound(f"no round with id {round_id}")
        target = _resolve_column(session, column)
        source = session.get(BoardColumn, rnd.column_id)
        from_id, old_outcome = rnd.column_id, rnd.outcome
        order, stored = _ordering(session, {rnd.column_id, target.id})
        if before is not None:
            if before == round_id:
                raise Invalid("a round cannot be placed before itself")
            others = [r for r in order.get(target.id, []) if r != round_id]
            if before not in others:
                raise Invalid(f"round {before} is not in column {target.name!r}")
            position = others.index(before)
        elif position is None:
            position = len([r for r in order.get(target.id, []) if r != round_id])
        after = move(order, round_id, target.id, position)
        changed = {
            rid: (cid, pos)
            for cid, ids in after.items()
            for pos, rid in enumerate(ids)
            if stored.get(rid) != (cid, pos)
        }
        now = now_utc()
        if changed:
            # One executemany of a plain UPDATE: only the rows whose place changed.
            table = Round.__table__  # type: ignore[attr-defined]
            stmt = (
                table.update()
                .where(table.c.id == bindparam("rid"))
                .values(column_id=bindparam("cid"), position=bindparam("pos"))
            )
            session.connection().execute(
                stmt, [{"rid": rid, "cid": cid, "pos": pos} for rid, (cid, pos) in changed.items()]
            )
            if round_id in changed:
                session.connection().execute(
                    table.update().where(table.c.id == round_id).values(updated_at=now.replace(tzinfo=None))
                )
        column_changed = target.id != from_id
        reopened = (
            outcome is None
            and old_outcome is not None
            and bool(source and source.is_done)
            and not target.is_done
        )
        outcome_changed = (outcome is not None and outcome != old_outcome) or reopened
        extra: dict[str, Any] = {}
        if outcome is not None or reopened:
            extra["outcome"] = outcome
        if feedback is not None:
            extra["feedback"] = feedback
        if extra:
            extra["updated_at"] = now
            session.exec(update(Round).where(Round.id == round_id).values(**extra))  # type: ignore[call-overload,arg-type]
        if column_changed or outcome_changed:
            session.add(
                RoundEvent(
                    round_id=round_id,
                    at=now,
                    from_column=source.name if source else None,
                    to_column=target.name,
                    outcome=outcome if outcome is not None or reopened else old_outcome,
                )
            )
        qkind = "behavioral" if rnd.kind == "behavioral" else "technical"
        added = _add_questions(session, questions, company_id=rnd.company_id, round_id=round_id, kind=qkind)
        from_name = source.name if source else ""
        to_name, to_done = target.name, bool(target.is_done)
        session.expire_all()
    return MoveResult(
        round=get_round(db, round_id),
        from_column=from_name,
        to_column=to_name,
        to_done=to_done,
        changed=changed,
        questions_added=added,
        outcome_cleared=old_outcome if reopened else None,
    )


def record_outcome(
    db: Database,
    round_id: int,
    outcome: str | None,
    *,
    feedback: str | None = None,
    questions: Any = (),
) -> MoveResult:
    """Record how a round went without moving it."""
    current = get_round(db, round_id)
    return move_round(
        db,
        round_id,
        current.column_id,
        position=current.position,
        outcome=outcome,
        feedback=feedback,
        questions=questions,
    )


def check_positions(db: Database) -> dict[int, list[int]]:
    """``{column_id: [positions in order]}`` straight from the database (for checks and tests)."""
    from sqlmodel import col, select

    from tracker.db.tables import Round

    out: dict[int, list[int]] = {}
    with db.read() as session:
        for cid, pos in session.exec(
            select(Round.column_id, Round.position).order_by(col(Round.column_id), col(Round.position))
        ):
            out.setdefault(cid, []).append(pos)
    return out


# ------------------------------------------------------------------------------------------------ board columns
@dataclass(frozen=True, slots=True)
class ColumnRow:
    id: int
    name: str
    position: int
    done: bool
    rounds: int


def list_columns(db: Database) -> list[ColumnRow]:
    from sqlalchemy import func
    from sqlmodel import col, select

    from tracker.db.tables import BoardColumn, Round

    with db.write() as session:
        ensure_columns(session)
        counts: dict[int | None, int] = dict(
            session.exec(select(Round.column_id, func.count()).group_by(col(Round.column_id))).all()
        )
        return [
            ColumnRow(c.id or 0, c.name, c.position, bool(c.is_done), int(counts.get(c.id, 0)))
            for c in session.exec(
                select(BoardColumn).order_by(col(BoardColumn.position), col(BoardColumn.id))
            )
        ]


def _column_name(session: Session, name: str, *, except_id: int | None = None) -> str:
    from sqlmodel import col, func, select

    from tracker.db.tables import BoardColumn

    clean = clean_name(name, field_name="column name", required=True)
    assert clean is not None
    if len(clean) > 40:
        raise Invalid("column name must be 40 characters or fewer")
    other = session.exec(
        select(BoardColumn).where(func.casefold(col(BoardColumn.name)) == fold(clean))
    ).first()
    if other is not None and other.id != except_id:
        raise Invalid(f"a column named {other.name!r} already exists")
    return clean


def _renumber_columns(session: Session, ids: list[int]) -> None:
    from tracker.db.tables import BoardColumn

    for pos, cid in enumerate(ids):
        col_row = session.get(BoardColumn, cid)
        if col_row is not None and col_row.position != pos:
            col_row.position = pos


def _column_ids(session: Session) -> list[int]:
    from sqlmodel import col, select

    from tracker.db.tables import BoardColumn

    return [
        c
        for c in session.exec(select(BoardColumn.id).order_by(col(BoardColumn.position), col(BoardColumn.id)))
        if c
    ]


def add_column(db: Database, name: str, *, done: bool = False, position: int | None = None) -> ColumnRow:
    from tracker.db.tables import BoardColumn
    from tracker.domain.ordering import move

    with db.write() as session:
        ensure_columns(session)
        clean = _column_name(session, name)
        ids = _column_ids(session)
        col_row = BoardColumn(name=clean, position=len(ids), is_done=done)
        session.add(col_row)
        session.flush()
        assert col_row.id is not None
        if position is not None:
            ids = move({0: [*ids, col_row.id]}, col_row.id, 0, position)[0]
            _renumber_columns(session, ids)
        cid = col_row.id
    return next(c for c in list_columns(db) if c.id == cid)


def rename_column(db: Database, column_id: int, name: str) -> ColumnRow:
    from tracker.db.tables import BoardColumn

    with db.write() as session:
        col_row = session.get(BoardColumn, column_id)
        if col_row is None:
            raise NotFound(f"no board column with id {column_id}")
        col_row.name = _column_name(session, name, except_id=column_id)
    return next(c for c in list_columns(db) if c.id == column_id)


def set_column_done(db: Database, column_id: int, done: bool) -> ColumnRow:
    from tracker.db.tables import BoardColumn

    with db.write() as session:
        col_row = session.get(BoardColumn, column_id)
        if col_row is None:
            raise NotFound(f"no board column with id {column_id}")
        col_row.is_done = done
    return next(c for c in list_columns(db) if c.id == column_id)


def move_column(db: Database, column_id: int, position: int) -> list[ColumnRow]:
    """Put a column at ``position`` (0 = leftmost, clamped); the others keep their order."""
    from tracker.domain.ordering import move

    with db.write() as session:
        ids = _column_ids(session)
        if column_id not in ids:
            raise NotFound(f"no board column with id {column_id}")
        _renumber_columns(session, move({0: ids}, column_id, 0, max(0, position))[0])
    return list_columns(db)


def delete_column(db: Database, column_id: int) -> None:
    """Delete an empty column; a column holding rounds, or the last column, is refused."""
    from sqlalchemy import func
    from sqlmodel import select

    from tracker.db.tables import BoardColumn, Round

    with db.write() as session:
        col_row = session.get(BoardColumn, column_id)
        if col_row is None:
            raise NotFound(f"no board column with id {column_id}")
        held = int(session.exec(select(func.count()).where(Round.column_id == column_id)).one())
        if held:
            noun = "round" if held == 1 else "rounds"
            raise Conflict(f"column {col_row.name!r} still holds {held} {noun}; move them out first")
        ids = _column_ids(session)
        if len(ids) <= 1:
            raise Conflict("the board needs at least one column")
        session.delete(col_row)
        session.flush()
        _renumber_columns(session, [c for c in ids if c != column_id])


# ------------------------------------------------------------------------------------------- company and round pages
@dataclass(frozen=True, slots=True)
class TaggedProblem:
    id: int
    number: int | None
    title: str
    difficulty: str | None
    mastery: str | None


@dataclass(frozen=True, slots=True)
class AskedQuestion:
    id: int
    text: str
    kind: str
    round_id: int | None
    round_kind: str | None


@dataclass(frozen=True, slots=True)
class CompanyDetail:
    id: int
    name: str
    role: str | None
    level: str | None
    team: str | None
    source: str | None
    status: str
    values: str | None
    notes: str | None
    rounds: list[RoundRow]
    problems: list[TaggedProblem]
    questions: list[AskedQuestion]

    @property
    def mastery_summary(self) -> dict[str, int]:
        """Tagged problems per mastery (``new`` for never tried), worst first."""
        order = ["new", "no-clue", "brute-force", "has-bugs", "bug-free"]
        counts = dict.fromkeys(order, 0)
        for p in self.problems:
            counts[p.mastery or "new"] += 1
        return {k: v for k, v in counts.items() if v}


def company_detail(db: Database, company_id: int) -> CompanyDetail:
    from sqlmodel import col, select

    from tracker.db.tables import Company, Problem, ProblemCompany, Question
    from tracker.domain.mastery import Mastery

    with db.read() as session:
        c = session.get(Company, company_id)
        if c is None:
            raise NotFound(f"no company with id {company_id}")
        rounds = _round_rows(session, "round.company_id = ?", (company_id,), _BY_DATE)
        problems = [
            TaggedProblem(
                p.id or 0,
                p.number,
                p.title,
                p.difficulty,
                Mastery(p.mastery).slug if p.mastery else None,
            )
            for p in session.exec(
                select(Problem)
                .join(ProblemCompany, col(ProblemCompany.problem_id) == Problem.id)
                .where(ProblemCompany.company_id == company_id)
                .order_by(col(Problem.mastery).is_(None).desc(), col(Problem.mastery), col(Problem.number))
            )
        ]
        kinds = {r.id: r.kind for r in rounds}
        questions = [
            AskedQuestion(q.id or 0, q.text, q.kind, q.round_id, kinds.get(q.round_id or 0))
            for q in session.exec(
                select(Question)
                .where(Question.company_id == company_id)
                .order_by(col(Question.created_at), col(Question.id))
            )
        ]
        return CompanyDetail(
            id=c.id or 0,
            name=c.name,
            role=c.role,
            level=c.level,
            team=c.team,
            source=c.source,
            status=c.status,
            values=c.values,
            notes=c.notes,
            rounds=rounds,
            problems=problems,
            questions=questions,
        )


_COMPANY_TEXT = ("role", "level", "team", "values", "notes")


def update_company(db: Database, company_id: int, **changes: Any) -> CompanyDetail:
    """Change any of: name, role, level, team, source, status, values, notes (None or '' clears)."""

    from tracker.db.tables import COMPANY_SOURCES, COMPANY_STATUSES, Company

    unknown = set(changes) - {"name", "source", "status", *_COMPANY_TEXT}
    if unknown:
        raise Invalid(f"cannot change {', '.join(sorted(unknown))} of a company")
    values: dict[str, Any] = {}
    if "name" in changes:
        values["name"] = clean_name(changes["name"], field_name="company name", required=True)
    for key in _COMPANY_TEXT:
        if key in changes:
            values[key] = clean_text(changes[key])
    if "source" in changes:
        values["source"] = _check(changes["source"] or None, COMPANY_SOURCES, "source")
    if "status" in changes:
        values["status"] = _check(changes["status"] or "active", COMPANY_STATUSES, "status")
    with db.write() as session:
        c = session.get(Company, company_id)
        if c is None:
            raise NotFound(f"no company with id {company_id}")
        if "name" in values:
            other = _company_named(session, values["name"])
            if other is not None and other.id != company_id:
                raise Invalid(f"company {other.name!r} already exists")
        for key, value in values.items():
            setattr(c, key, value)
    return company_detail(db, company_id)


@dataclass(frozen=True, slots=True)
class RoundDetail:
    round: RoundRow
    topics: list[str]
    default_prep_days: int | None
    kind_label: str


def round_detail(db: Database, round_id: int) -> RoundDetail:
    from sqlmodel import col, select

    from tracker.db.tables import RoundTopic, Topic
    from tracker.services.catalog import round_kinds

    row = get_round(db, round_id)
    with db.read() as session:
        topics = list(
            session.exec(
                select(Topic.name)
                .join(RoundTopic, col(RoundTopic.topic_id) == Topic.id)
                .where(RoundTopic.round_id == round_id)
                .order_by(Topic.name)
            )
        )
    spec = round_kinds().get(row.kind)
    return RoundDetail(
        round=row,
        topics=topics,
        default_prep_days=spec.prep_days if spec else None,
        kind_label=spec.label if spec else row.kind,
    )


def update_round(db: Database, round_id: int, **changes: Any) -> RoundDetail:
    """Change any of: kind, at (text or datetime; '' clears), duration, interviewer, prepare, prep_days
    (None = the kind's default), topics (names; created when new), outcome, feedback, notes."""
    from sqlmodel import select

    from tracker.db.tables import ROUND_KINDS, BoardColumn, Round, RoundEvent, RoundTopic, Topic
    from tracker.domain.when import WhenError, parse_when
    from tracker.services.catalog import round_kinds

    allowed = {
        "kind",
        "at",
        "duration",
        "interviewer",
        "prepare",
        "prep_days",
        "topics",
        "outcome",
        "feedback",
        "notes",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise Invalid(f"cannot change {', '.join(sorted(unknown))} of a round")
    values: dict[str, Any] = {}
    if "kind" in changes:
        values["kind"] = _check(changes["kind"], ROUND_KINDS, "round kind")
    if "at" in changes:
        at = changes["at"]
        if at is None or (isinstance(at, str) and not at.strip()):
            values["scheduled_at"] = None
        elif isinstance(at, str):
            try:
                values["scheduled_at"] = parse_when(at)
            except WhenError as exc:
                raise Invalid(str(exc)) from None
        else:
            values["scheduled_at"] = at
    if "duration" in changes:
        d = changes["duration"]
        if d is not None and d <= 0:
            raise Invalid("duration must be a positive number of minutes")
        values["duration_minutes"] = d
    if "prep_days" in changes:
        p = changes["prep_days"]
        if p is not None and p < 0:
            raise Invalid("prep days must be zero or more")
        values["prep_days"] = p
    for key in ("interviewer", "prepare", "feedback", "notes"):
        if key in changes:
            values[key] = clean_text(changes[key])
    if "outcome" in changes:
        values["outcome"] = _check(changes["outcome"] or None, OUTCOMES_ALLOWED, "outcome")
    topic_names: list[str] | None = None
    if "topics" in changes:
        topic_names = []
        for name in changes["topics"] or ():
            clean = clean_text(name)
            if clean and clean.casefold() not in {t.casefold() for t in topic_names}:
                topic_names.append(clean)
    with db.write() as session:
        rnd = session.get(Round, round_id)
        if rnd is None:
            raise NotFound(f"no round with id {round_id}")
        if "prep_days" in values and values["prep_days"] is None:
            spec = round_kinds().get(values.get("kind") or rnd.kind)
            values["prep_days"] = spec.prep_days if spec else None
        old_outcome = rnd.outcome
        for key, value in values.items():
            setattr(rnd, key, value)
        rnd.updated_at = now_utc()
        if "outcome" in values and values["outcome"] != old_outcome:
            column = session.get(BoardColumn, rnd.column_id)
            name = column.name if column else None
            session.add(
                RoundEvent(round_id=round_id, from_column=name, to_column=name, outcome=values["outcome"])
            )
        if topic_names is not None:
            for link in session.exec(select(RoundTopic).where(RoundTopic.round_id == round_id)):
                session.delete(link)
            session.flush()
            for name in topic_names:
                topic = session.exec(select(Topic).where(Topic.name == name)).first()
                if topic is None:
                    topic = Topic(name=name)
                    session.add(topic)
                    session.flush()
                session.add(RoundTopic(round_id=round_id, topic_id=topic.id or 0))
    return round_detail(db, round_id)


def prep_hint(row: RoundRow, now: datetime) -> str:
    """A short readiness hint for a card: how much of the prep window is left before the round."""
    if row.outcome or row.scheduled_at is None:
        return ""
    seconds = (row.scheduled_at - now).total_seconds()
    if seconds < 0:
        return "awaiting outcome"
    days_left = (row.scheduled_at.astimezone().date() - now.astimezone().date()).days
    plan = row.prep_days
    if plan is None:
        return f"{days_left} d to prep"
    if days_left > plan:
        return f"prep starts in {days_left - plan} d"
    return f"prep {days_left} of {plan} d left"


def company_names(db: Database) -> list[tuple[int, str, int]]:
    """``(id, name, rounds)`` for every company, by name — for pickers."""
    return [(c.id, c.name, c.rounds) for c in list_companies(db)]


def _readiness(db: Database, round_ids: list[int], now: datetime) -> dict[int, str]:
    """``{round_id: "ready 62%"}`` from the readiness service, when it is installed."""
    try:
        from tracker.services.readiness import round_readiness
    except ImportError:
        return {}
    return {rid: r.hint for rid, r in round_readiness(db, round_ids, now).items()}


def card_hints(db: Database, rows: Any, now: datetime) -> dict[int, str]:
    """The readiness hint of each card: readiness score for upcoming rounds, and the prep window left."""
    rows = list(rows)
    hints = {r.id: prep_hint(r, now) for r in rows}
    upcoming = [
        r.id for r in rows if r.outcome is None and r.scheduled_at is not None and r.scheduled_at >= now
    ]
    if upcoming:
        for rid, ready in _readiness(db, upcoming, now).items():
            hints[rid] = f"{ready} · {hints[rid]}" if hints.get(rid) else ready
    return hints
