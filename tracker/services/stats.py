"""Pattern stats: where the user keeps failing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tracker.services.base import Database

WEAK_LEVELS = (1, 3)  # last rating "no clue" or "has bugs" (the problems screen's Weak view)


@dataclass(frozen=True, slots=True)
class PatternStat:
    id: int
    pattern: str
    problems: int
    new: int
    no_clue: int
    brute_force: int
    has_bugs: int
    bug_free: int

    @property
    def attempted(self) -> int:
        return self.problems - self.new

    @property
    def weak(self) -> int:
        return self.no_clue + self.has_bugs

    @property
    def weak_share(self) -> float:
        """Share of the tried problems whose last rating was weak (0 when none was tried)."""
        return self.weak / self.attempted if self.attempted else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "pattern": self.pattern,
            "problems": self.problems,
            "attempted": self.attempted,
            "mastery": {
                "new": self.new,  # snake_case keys (shared/CLI.md); the rating values stay "no-clue" …
                "no_clue": self.no_clue,
                "brute_force": self.brute_force,
                "has_bugs": self.has_bugs,
                "bug_free": self.bug_free,
            },
            "weak": self.weak,
            "weak_share": round(self.weak_share, 3),
        }


def pattern_stats(db: Database) -> list[PatternStat]:
    """Every pattern with its problem count and mastery counts, weakest first (one aggregate query)."""
    from sqlalchemy import case, func
    from sqlmodel import col, select

    from tracker.db.tables import Pattern, Problem, ProblemPattern

    def level(n: int | None) -> Any:
        cond = col(Problem.mastery).is_(None) if n is None else col(Problem.mastery) == n
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    stmt = (
        # sqlmodel types select() for at most 4 columns; this one has more
        select(  # type: ignore[call-overload]
            Pattern.id,
            Pattern.name,
            func.count(col(Problem.id)),
            level(None),
            level(1),
            level(2),
            level(3),
            level(4),
        )
        .select_from(Pattern)
        .outerjoin(ProblemPattern, col(ProblemPattern.pattern_id) == Pattern.id)
        .outerjoin(Problem, col(Problem.id) == ProblemPattern.problem_id)
        .group_by(Pattern.id, Pattern.name)
    )
    with db.read() as session:
        stats = [
            PatternStat(int(pid), name, int(n), int(new), int(a), int(b), int(c), int(d))
            for pid, name, n, new, a, b, c, d in session.exec(stmt)
        ]
    stats.sort(key=_weakest_first)
    return stats


def _weakest_first(s: PatternStat) -> tuple[object, ...]:
    """Highest share weak first; then the lowest average rating; untried patterns after tried ones."""
    tried = s.attempted
    average = (s.no_clue + 2 * s.brute_force + 3 * s.has_bugs + 4 * s.bug_free) / tried if tried else 5.0
    return (-s.weak_share, tried == 0, average, s.pattern.lower())
