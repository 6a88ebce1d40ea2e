"""The self-rating scale used after each problem attempt, and its FSRS spaced-repetition mapping.

After every attempt the user says how it went, on a four-step scale:

=========== ============ ===========
Mastery     slug         FSRS rating
=========== ============ ===========
NO_CLUE     no-clue      Again
BRUTE_FORCE brute-force  Hard
HAS_BUGS    has-bugs     Good
BUG_FREE    bug-free     Easy
=========== ============ ===========

Scheduler choice (documented decision): problems are practised on a scale of days, not minutes, so both the
learning and the relearning phase have a single step of one day (:data:`LEARNING_STEPS`,
:data:`RELEARNING_STEPS`). For a problem never tried before, the first rating therefore gives:

* no clue      → due again in 1 day (stays in learning, step 0)
* brute force  → due in 1.5 days (stays in learning, step 0)
* has bugs     → graduates to review, due after the FSRS interval for an initial "Good" (≈2 days)
* bug free     → graduates to review, due after the FSRS interval for an initial "Easy" (≈8 days)

Fuzzing is disabled so that the same history always gives the same due date (tests, re-plans, previews).
Desired retention is 0.9.

The card state is kept in :class:`CardState`, a frozen value that round-trips through a JSON-able dict; the
database stores that dict in a JSON column and copies :attr:`CardState.due` into an indexed column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from functools import cache
from typing import TYPE_CHECKING, Any

if (
    TYPE_CHECKING
):  # fsrs is imported where a card is scheduled: the dashboard and the CLI read mastery without it
    from fsrs import Card, Rating, Scheduler

__all__ = [
    "DESIRED_RETENTION",
    "LEARNING_STEPS",
    "RELEARNING_STEPS",
    "CardState",
    "CardStatus",
    "Mastery",
    "is_due",
    "make_scheduler",
    "new_card_state",
    "preview",
    "retrievability",
    "review",
]

DESIRED_RETENTION = 0.9
LEARNING_STEPS: tuple[timedelta, ...] = (timedelta(days=1),)
RELEARNING_STEPS: tuple[timedelta, ...] = (timedelta(days=1),)


class Mastery(IntEnum):
    """How an attempt went, from worst to best."""

    NO_CLUE = 1
    BRUTE_FORCE = 2
    HAS_BUGS = 3
    BUG_FREE = 4

    @property
    def slug(self) -> str:
        """Stable machine form: ``no-clue``, ``brute-force``, ``has-bugs``, ``bug-free``."""
        return self.name.lower().replace("_", "-")

    @property
    def label(self) -> str:
        """Human form: ``no clue``, ``brute force``, ``has bugs``, ``bug free``."""
        return self.name.lower().replace("_", " ")

    @property
    def rating(self) -> Rating:
        """The FSRS rating this self-assessment maps to (the same numbers: Again, Hard, Good, Easy)."""
        from fsrs import Rating

        return Rating(int(self))

    @classmethod
    def from_rating(cls, rating: Rating) -> Mastery:
        return cls(int(rating))

    @classmethod
    def parse(cls, text: str | int) -> Mastery:
        """Read a rating typed by a person: slug, label, 1–4 or an obvious variant.

        Raises ``ValueError`` with a one-line message listing the valid values.
        """
        if isinstance(text, bool):
            raise ValueError(_parse_error(str(text)))
        if isinstance(text, int):
            if 1 <= text <= 4:
                return cls(text)
            raise ValueError(_parse_error(str(text)))
        key = re.sub(r"[\s_\-]+", "", str(text).strip().lower())
        found = _ALIASES.get(key)
        if found is None:
            raise ValueError(_parse_error(str(text)))
        return found

    @classmethod
    def choices(cls) -> tuple[str, ...]:
        return tuple(m.slug for m in cls)


# Keys are lower-case with spaces, hyphens and underscores removed.
_ALIASES: dict[str, Mastery] = {
    "1": Mastery.NO_CLUE,
    "noclue": Mastery.NO_CLUE,
    "clueless": Mastery.NO_CLUE,
    "none": Mastery.NO_CLUE,
    "again": Mastery.NO_CLUE,
    "2": Mastery.BRUTE_FORCE,
    "bruteforce": Mastery.BRUTE_FORCE,
    "brute": Mastery.BRUTE_FORCE,
    "bf": Mastery.BRUTE_FORCE,
    "hard": Mastery.BRUTE_FORCE,
    "3": Mastery.HAS_BUGS,
    "hasbugs": Mastery.HAS_BUGS,
    "bugs": Mastery.HAS_BUGS,
    "buggy": Mastery.HAS_BUGS,
    "good": Mastery.HAS_BUGS,
    "4": Mastery.BUG_FREE,
    "bugfree": Mastery.BUG_FREE,
    "clean": Mastery.BUG_FREE,
    "perfect": Mastery.BUG_FREE,
    "easy": Mastery.BUG_FREE,
}


def _parse_error(text: str) -> str:
    valid = ", ".join(f"{m.value}/{m.slug}" for m in Mastery)
    return f"{text!r} is not a rating; use one of {valid}"


class CardStatus(IntEnum):
    """FSRS learning state of a problem (same numbers as ``fsrs.State``)."""

    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


@dataclass(frozen=True, slots=True)
class CardState:
    """Spaced-repetition memory of one problem.

    ``due`` and ``last_review`` are ``None`` for a problem never tried (see :func:`new_card_state`).
    """

    state: CardStatus = CardStatus.LEARNING
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None

    @property
    def is_new(self) -> bool:
        return self.last_review is None

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form: ``state`` as a lower-case name, datetimes as ISO-8601 UTC strings."""
        return {
            "state": self.state.name.lower(),
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.isoformat() if self.due is not None else None,
            "last_review": self.last_review.isoformat() if self.last_review is not None else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CardState:
        """Inverse of :meth:`to_dict`; also accepts ``state`` as its number. Raises ``ValueError``."""
        raw_state = data.get("state", "learning")
        try:
            if isinstance(raw_state, str) and not raw_state.isdigit():
                status = CardStatus[raw_state.upper()]
            else:
                status = CardStatus(int(raw_state))
        except (KeyError, ValueError) as exc:
            raise ValueError(f"card state: {raw_state!r} is not learning, review or relearning") from exc
        step = data.get("step")
        return cls(
            state=status,
            step=None if step is None else int(step),
            stability=_opt_float(data.get("stability")),
            difficulty=_opt_float(data.get("difficulty")),
            due=_opt_datetime(data.get("due")),
            last_review=_opt_datetime(data.get("last_review")),
        )


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _opt_datetime(value: Any) -> datetime | None:
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return _utc(parsed)


def _utc(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"datetime {at.isoformat()} must be timezone-aware")
    return at.astimezone(UTC)


@cache
def make_scheduler() -> Scheduler:
    """The one FSRS scheduler configuration used by the app (see module docstring)."""
    from fsrs import Scheduler

    return Scheduler(
        desired_retention=DESIRED_RETENTION,
        learning_steps=LEARNING_STEPS,
        relearning_steps=RELEARNING_STEPS,
        enable_fuzzing=False,
    )


def new_card_state() -> CardState:
    """State of a problem never tried: learning, first step, not due (``due is None``)."""
    return CardState()


def _to_card(state: CardState | None, at: datetime) -> Card:
    from fsrs import Card, State

    state = state or new_card_state()
    return Card(
        card_id=0,
        state=State(int(state.state)),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due if state.due is not None else at,
        last_review=state.last_review,
    )


def _from_card(card: Card) -> CardState:
    return CardState(
        state=CardStatus(int(card.state)),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=_utc(card.due),
        last_review=None if card.last_review is None else _utc(card.last_review),
    )


def review(state: CardState | None, rating: Mastery, at: datetime) -> CardState:
    """The state after rating an attempt made at ``at`` (aware). ``None`` means never tried."""
    at = _utc(at)
    card, _log = make_scheduler().review_card(_to_card(state, at), rating.rating, review_datetime=at)
    return _from_card(card)


def preview(state: CardState | None, at: datetime) -> dict[Mastery, datetime]:
    """Next due date for each possible rating, to show before the user chooses."""
    return {m: review(state, m, at).due or at for m in Mastery}


def retrievability(state: CardState | None, at: datetime) -> float:
    """Predicted probability (0..1) of solving the problem cleanly at ``at``; 0 if never tried."""
    if state is None or state.is_new or state.stability is None:
        return 0.0
    at = _utc(at)
    value = float(make_scheduler().get_card_retrievability(_to_card(state, at), current_datetime=at))
    return min(1.0, max(0.0, value))


def is_due(state: CardState | None, at: datetime) -> bool:
    """True when a tried problem's review is due at ``at`` (never-tried problems are not "due")."""
    if state is None or state.due is None:
        return False
    return state.due <= _utc(at)
