"""Companies, board columns and interview rounds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tracker.services.base import Database, Invalid, NotFound, clean_text

if TYPE_CHECKING:
    from sqlmodel import Session

DEFAULT_COLUMNS = (("Scheduling", False), ("Scheduled", False), ("Done", True))


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
    from sqlmodel import select

    from tracker.db.tables import COMPANY_SOURCES, COMPANY_STATUSES, Company

    clean = clean_text(name, field_name="company name", required=True)
    assert clean is not None
    source = _check(source, COMPANY_SOURCES, "source")
    status = _check(status, COMPANY_STATUSES, "status") or "active"
    with db.write() as session:
        if session.exec(select(Company).where(Company.name == clean)).first() is not None:
            raise Invalid(f"company {clean!r} already exists")
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
    from tracker.services.base import now_utc

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


def find_company_id(session: Session, name: str, *, create: bool = False) -> int:
    from sqlmodel import select

    from tracker.db.tables import Company

    clean = clean_text(name, field_name="company name", required=True)
    company = session.exec(select(Company).where(Company.name == clean)).first()
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
    from tracker.services.base import now_utc

    with db.read() as session:
        counts = dict(
            session.exec(select(Round.company_id, func.count()).group_by(Round.company_id)).all()  # type: ignore[arg-type]
        )
        nexts = dict(
            session.exec(
                select(Round.company_id, func.min(Round.scheduled_at))
                .where(col(Round.scheduled_at) >= now_utc())
                .group_by(Round.company_id)
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
    from sqlmodel import select

    from tracker.db.tables import BoardColumn

    ensure_columns(session)
    column = session.exec(select(BoardColumn).where(BoardColumn.name == name.strip())).first()
    if column is None:
        names = ", ".join(c.name for c in session.exec(select(BoardColumn).order_by(BoardColumn.position)))
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
    from sqlmodel import select

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
            col_row = session.exec(select(BoardColumn).order_by(BoardColumn.position)).first()
            if when is not None:
                # A round with a date goes to the first not-done column after the first one, when there is one.
                cols = list(session.exec(select(BoardColumn).order_by(BoardColumn.position)))
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


def _round_rows(session: Session, stmt: Any) -> list[RoundRow]:
    from sqlmodel import col, select

    from tracker.db.tables import BoardColumn, Company, Round

    q = (
        select(Round, Company.name, BoardColumn.name)
        .join(Company, col(Company.id) == Round.company_id)
        .join(BoardColumn, col(BoardColumn.id) == Round.column_id)
    )
    q = stmt(q) if stmt else q
    return [
        RoundRow(
            id=r.id or 0,
            company_id=r.company_id,
            company=cname,
            kind=r.kind,
            column_id=r.column_id,
            column=colname,
            position=r.position,
            scheduled_at=r.scheduled_at,
            duration_minutes=r.duration_minutes,
            prep_days=r.prep_days,
            outcome=r.outcome,
            prepare=r.prepare,
            notes=r.notes,
        )
        for r, cname, colname in session.exec(q)
    ]


def get_round(db: Database, round_id: int) -> RoundRow:
    from tracker.db.tables import Round

    with db.read() as session:
        rows = _round_rows(session, lambda q: q.where(Round.id == round_id))
    if not rows:
        raise NotFound(f"no round with id {round_id}")
    return rows[0]


def list_rounds(
    db: Database, *, company: str | None = None, upcoming: bool = False, limit: int | None = None
) -> list[RoundRow]:
    from sqlmodel import col

    from tracker.db.tables import Company, Round
    from tracker.services.base import now_utc

    def build(q: Any) -> Any:
        if company:
            q = q.where(Company.name == company)
        if upcoming:
            q = q.where(col(Round.scheduled_at) >= now_utc()).order_by(Round.scheduled_at)
        else:
            q = q.order_by(col(Round.scheduled_at).is_(None), Round.scheduled_at, Round.id)
        if limit:
            q = q.limit(limit)
        return q

    with db.read() as session:
        return _round_rows(session, build)


def board(db: Database, *, company: str | None = None) -> list[ColumnView]:
    from sqlmodel import select

    from tracker.db.tables import BoardColumn, Company, Round

    with db.read() as session:
        columns = list(session.exec(select(BoardColumn).order_by(BoardColumn.position, BoardColumn.id)))

        def build(q: Any) -> Any:
            if company:
                q = q.where(Company.name == company)
            return q.order_by(Round.column_id, Round.position, Round.id)

        rounds = _round_rows(session, build)
    by_col: dict[int, list[RoundRow]] = {}
    for r in rounds:
        by_col.setdefault(r.column_id, []).append(r)
    return [
        ColumnView(
            id=c.id or 0, name=c.name, position=c.position, done=c.is_done, rounds=by_col.get(c.id or 0, [])
        )
        for c in columns
    ]
