"""User settings: a registry of known keys with defaults and validation, stored as JSON in the Setting table."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tracker.services.base import Database, Invalid

if TYPE_CHECKING:
    import sqlite3

    from sqlmodel import Session


def _int_range(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(str(text).strip())
        except ValueError:
            raise Invalid(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise Invalid(f"must be between {low} and {high}")
        return value

    return parse


def _minutes_by_difficulty(text: str) -> dict[str, int]:
    parts = [p.strip() for p in str(text).replace(",", "/").split("/") if p.strip()]
    if len(parts) != 3:
        raise Invalid("give three numbers of minutes: easy/medium/hard, e.g. 20/40/60")
    parse = _int_range(1, 600)
    return dict(zip(("easy", "medium", "hard"), (parse(p) for p in parts), strict=True))


def _choice(*options: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = str(text).strip().lower()
        if value not in options:
            raise Invalid(f"choose one of {', '.join(options)}")
        return value

    return parse


def _flag(text: Any) -> bool:
    value = str(text).strip().lower()
    if value in ("true", "yes", "on", "1"):
        return True
    if value in ("false", "no", "off", "0"):
        return False
    raise Invalid("give yes or no")


def _theme(text: str) -> str:
    value = str(text).strip()
    if not value:
        raise Invalid("give a theme name, e.g. textual-dark")
    return value


@dataclass(frozen=True, slots=True)
class SettingSpec:
    key: str
    label: str
    default: Any
    parse: Callable[[str], Any]
    help: str = ""

    def show(self, value: Any) -> str:
        if isinstance(value, Mapping):
            return "/".join(str(value.get(k, "")) for k in ("easy", "medium", "hard"))
        return str(value)


SPECS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "queue.daily_review_cap",
        "Reviews per day",
        50,
        _int_range(0, 1000),
        "the most problems the review queue offers for review in a day",
    ),
    SettingSpec(
        "queue.daily_new_cap",
        "New problems per day",
        5,
        _int_range(0, 1000),
        "the most never-tried problems the queue offers in a day",
    ),
    SettingSpec(
        "timer.limits",
        "Solve timer (easy/medium/hard)",
        {"easy": 20, "medium": 40, "hard": 60},
        _minutes_by_difficulty,
        "default time limit in minutes by difficulty",
    ),
    SettingSpec(
        "topics.stale_days",
        "Topic is stale after (days)",
        14,
        _int_range(1, 365),
        "a topic page not reviewed for this long is marked stale",
    ),
    SettingSpec(
        "goals.papers_minutes_per_week",
        "Papers per week (minutes)",
        180,
        _int_range(0, 10080),
        "weekly paper-reading target the planner fills",
    ),
    SettingSpec(
        "week.first_day",
        "First day of the week",
        "monday",
        _choice("monday", "sunday"),
        "monday or sunday: the schedule's week, the weekly goals and the dashboard's this/last week"
        " (the weekly review export keeps ISO weeks, Monday to Sunday)",
    ),
    SettingSpec("ui.theme", "Theme", "textual-dark", _theme, "a Textual theme name"),
)
APP_STATE: tuple[SettingSpec, ...] = (
    SettingSpec(
        "welcome.dismissed",
        "Welcome dialog answered",
        False,
        _flag,
        "the first-run dialog is not offered again",
    ),
)
"""What the app remembers about the person between runs: stored like settings, not shown in the settings dialog."""
BY_KEY = {s.key: s for s in (*SPECS, *APP_STATE)}


@dataclass(frozen=True, slots=True)
class SettingValue:
    key: str
    label: str
    value: Any
    text: str
    help: str
    is_default: bool


_REGISTRY_DEFAULT: Any = object()


def default_value(key: str) -> Any:
    """A registered setting's default (None for a key the registry does not know)."""
    spec = BY_KEY.get(key)
    return spec.default if spec else None


def parse_value(key: str, text: Any, *, name: str | None = None) -> Any:
    """Validate a new value for a registered key. The error names the setting by its label
    (``Reviews per day: must be between 0 and 1000``) or by ``name`` (``review cap must be between …``)."""
    spec = BY_KEY.get(key)
    if spec is None:
        raise Invalid(f"unknown setting {key!r}")
    try:
        return spec.parse(text)
    except Invalid as exc:
        raise Invalid(f"{spec.label}: {exc}" if name is None else f"{name} {exc}") from None


def read_value(session: Session, key: str, default: Any = _REGISTRY_DEFAULT) -> Any:
    """A setting's stored value inside an open session; ``default`` (else the registry's) when it is unset."""
    from tracker.db.tables import Setting

    row = session.get(Setting, key)
    if row is None or row.value is None:
        return default_value(key) if default is _REGISTRY_DEFAULT else default
    return row.value


def read_int(session: Session, key: str) -> int:
    """A whole-number setting inside an open session; the registry default when unset or not a number."""
    value = read_value(session, key)
    try:
        return int(value)
    except (TypeError, ValueError):
        return int(default_value(key))


def write_value(session: Session, key: str, value: Any) -> None:
    """Store an already validated value inside the caller's ``db.write()`` transaction."""
    from tracker.db.tables import Setting

    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
        session.add(row)


def get_value(db: Database, key: str) -> Any:
    with db.read() as session:
        return read_value(session, key)


def startup_value(db: Database, key: str) -> Any:
    """A setting read with sqlite3 alone (no ORM import), for what the app needs before its first frame."""
    with db.raw_read() as con:
        return raw_value(con, key)


def raw_value(con: sqlite3.Connection, key: str) -> Any:
    """A setting read on an open plain ``sqlite3`` connection (``Database.raw_read``); the default when unset."""
    from tracker.services.base import parse_db_json

    spec = BY_KEY.get(key)
    row = con.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    value = parse_db_json(row[0]) if row is not None else None
    return (spec.default if spec else None) if value is None else value


def all_settings(db: Database) -> list[SettingValue]:
    from sqlmodel import col, select

    from tracker.db.tables import Setting

    with db.read() as session:
        stored = {
            r.key: r.value for r in session.exec(select(Setting).where(col(Setting.key).in_(list(BY_KEY))))
        }
    out = []
    for spec in SPECS:
        value = stored.get(spec.key, spec.default)
        out.append(
            SettingValue(spec.key, spec.label, value, spec.show(value), spec.help, spec.key not in stored)
        )
    return out


def remember(db: Database, key: str, value: Any) -> None:
    """Store one piece of app state (``APP_STATE``, e.g. ``welcome.dismissed``) in its own transaction."""
    if key not in {s.key for s in APP_STATE}:
        raise Invalid(f"unknown app state {key!r}")
    parsed = parse_value(key, value)
    with db.write() as session:
        write_value(session, key, parsed)


def update_settings(db: Database, changes: Mapping[str, str]) -> list[SettingValue]:
    """Validate every change first, then write them all in one transaction (nothing is written on an error)."""
    parsed = {key: parse_value(key, text) for key, text in changes.items()}
    with db.write() as session:
        for key, value in parsed.items():
            write_value(session, key, value)
    return all_settings(db)
