"""How ready the user is for an upcoming round: a 0..100 score and what to do next to raise it.

The round's kind picks the measures (see :func:`parts_for_kind`):

* coding — mastery of the company's tagged problems (60 %) and of the core lists (40 %), reduced by up to
  30 % while reviews are due (3 % per due review);
* design (system / ML design) — topic pages reviewed (60 %) and papers read (40 %) in the round's topics;
* depth (ML depth / breadth) — papers read (60 %) and topic pages reviewed (40 %) in the round's topics;
* behavioral — share of the question bank covered by a strong (strength ≥ 3), rehearsed story.

Measures are averaged; when prep hours were planned, done vs planned counts for 20 % of the score.
Reasons are ordered weakest measure first and always say what to do ("Rate 6 due reviews").
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from datetime import datetime

from tracker.domain.mastery import Mastery
from tracker.domain.words import plural

__all__ = [
    "STRONG_STORY",
    "Readiness",
    "ReadinessEvidence",
    "RoundInfo",
    "StoryEvidence",
    "TopicEvidence",
    "normalise_kind",
    "parts_for_kind",
    "readiness",
]

STRONG_STORY = 3
_round = builtins.round  # ``readiness`` takes a parameter named ``round``
_MASTERY_VALUE: dict[Mastery | None, float] = {
    None: 0.0,
    Mastery.NO_CLUE: 0.0,
    Mastery.BRUTE_FORCE: 1 / 3,
    Mastery.HAS_BUGS: 2 / 3,
    Mastery.BUG_FREE: 1.0,
}

_KIND_PARTS: dict[str, tuple[str, ...]] = {
    "coding": ("coding",),
    "phone-screen": ("coding",),
    "technical-screen": ("coding",),
    "screen": ("coding",),
    "technical": ("coding",),
    "live-coding": ("coding",),
    "oa": ("coding",),
    "online-assessment": ("coding",),
    "system-design": ("design",),
    "ml-design": ("design",),
    "ml-system-design": ("design",),
    "design": ("design",),
    "ml-depth": ("depth",),
    "ml-breadth": ("depth",),
    "ml-theory": ("depth",),
    "research": ("depth",),
    "behavioral": ("behavioral",),
    "behavioural": ("behavioral",),
    "hiring-manager": ("behavioral",),
    "bar-raiser": ("behavioral",),
    "recruiter": ("behavioral",),
    "culture": ("behavioral",),
    "onsite": ("coding", "design", "behavioral"),
    "loop": ("coding", "design", "behavioral"),
    "final": ("coding", "design", "behavioral"),
    "virtual-onsite": ("coding", "design", "behavioral"),
}


def normalise_kind(kind: str) -> str:
    """``"ML Design"`` / ``"ml_design"`` → ``"ml-design"``."""
    return "-".join(kind.strip().lower().replace("_", " ").replace("-", " ").split())


def parts_for_kind(kind: str) -> tuple[str, ...]:
    """Measures used for a round kind: some of ``coding``, ``design``, ``depth``, ``behavioral``; unknown
    kinds have none (only prep hours count)."""
    return _KIND_PARTS.get(normalise_kind(kind), ())


@dataclass(frozen=True, slots=True)
class RoundInfo:
    round_id: int
    company: str
    kind: str
    starts_at: datetime | None = None
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TopicEvidence:
    """One of the round's topics: papers tagged with it (read / all) and whether its page was reviewed."""

    name: str
    papers_read: int = 0
    papers_total: int = 0
    page_reviewed: bool = False


@dataclass(frozen=True, slots=True)
class StoryEvidence:
    story_id: int
    strength: int
    rehearsals: int
    question_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ReadinessEvidence:
    """Plain counts gathered by the service for one round.

    ``company_problems`` / ``core_problems``: current mastery of each company-tagged / core-list problem
    (``None`` = never tried). ``question_ids``: the behavioral question bank.
    """

    company_problems: tuple[Mastery | None, ...] = ()
    core_problems: tuple[Mastery | None, ...] = ()
    due_reviews: int = 0
    topics: tuple[TopicEvidence, ...] = ()
    question_ids: tuple[int, ...] = ()
    stories: tuple[StoryEvidence, ...] = ()
    prep_hours_done: float = 0.0
    prep_hours_planned: float = 0.0


@dataclass(frozen=True, slots=True)
class Readiness:
    score: int
    reasons: list[str] = field(default_factory=list)
    parts: dict[str, int] = field(default_factory=dict)
    """Score of each measure (0..100), e.g. ``{"coding": 40, "prep hours": 50}``."""


def _hours(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _coding(company: str, ev: ReadinessEvidence) -> tuple[float, list[str]]:
    reasons: list[str] = []
    shares: list[tuple[float, float]] = []
    name = company or "company"
    if ev.company_problems:
        shares.append((0.6, _mean([_MASTERY_VALUE[m] for m in ev.company_problems])))
        untried = sum(1 for m in ev.company_problems if m is None)
        weak = sum(1 for m in ev.company_problems if m is not None and m < Mastery.BUG_FREE)
        if untried:
            reasons.append(f"Try {plural(untried, f'untried {name} problem')}")
        if weak:
            reasons.append(f"Re-solve {plural(weak, f'{name} problem')} not yet bug free")
    if ev.core_problems:
        shares.append((0.4, _mean([_MASTERY_VALUE[m] for m in ev.core_problems])))
        untried = sum(1 for m in ev.core_problems if m is None)
        weak = sum(1 for m in ev.core_problems if m is not None and m < Mastery.BUG_FREE)
        if untried:
            reasons.append(f"Work through {plural(untried, 'untried core-list problem')}")
        if weak:
            reasons.append(f"Re-solve {plural(weak, 'core-list problem')} not yet bug free")
    if not shares:
        return 0.0, [f"Tag {name} problems or pick a core list to practise"]
    value = sum(w * v for w, v in shares) / sum(w for w, _ in shares)
    if ev.due_reviews > 0:
        value *= 1 - min(0.3, 0.03 * ev.due_reviews)
        reasons.insert(0, f"Rate {plural(ev.due_reviews, 'due review')}")
    return value, reasons


def _topics(round_: RoundInfo, ev: ReadinessEvidence, *, papers_weight: float) -> tuple[float, list[str]]:
    wanted = {normalise_kind(t) for t in round_.topics}
    topics = [t for t in ev.topics if not wanted or normalise_kind(t.name) in wanted]
    if not topics:
        return 0.0, ["List the topics this round covers and add papers to them"]
    read = sum(min(t.papers_read, t.papers_total) for t in topics)
    total = sum(t.papers_total for t in topics)
    reviewed = sum(1 for t in topics if t.page_reviewed)
    paper_share = read / total if total else 0.0
    page_share = reviewed / len(topics)
    value = papers_weight * paper_share + (1 - papers_weight) * page_share
    reasons: list[str] = []
    for t in topics:
        if t.papers_total == 0:
            reasons.append(f"Add papers on {t.name}")
        elif t.papers_read < t.papers_total:
            reasons.append(f"Read {plural(t.papers_total - t.papers_read, 'paper')} on {t.name}")
    unreviewed = [t.name for t in topics if not t.page_reviewed]
    if unreviewed:
        reasons.append("Review the topic page for " + ", ".join(unreviewed))
    return value, reasons


def behavioral(ev: ReadinessEvidence) -> tuple[float, list[str]]:
    """The behavioral part: the share of the question bank covered by strong, rehearsed stories, and what to do.
    It reads only ``question_ids`` and ``stories``, the same for every round."""
    bank = list(dict.fromkeys(ev.question_ids))
    if not bank:
        return 0.0, ["Add behavioral questions to the bank"]
    any_story: set[int] = set()
    strong: set[int] = set()
    ready: set[int] = set()
    for story in ev.stories:
        for q in story.question_ids:
            any_story.add(q)
            if story.strength >= STRONG_STORY:
                strong.add(q)
                if story.rehearsals > 0:
                    ready.add(q)
    covered = sum(1 for q in bank if q in ready)
    uncovered = sum(1 for q in bank if q not in any_story)
    weak = sum(1 for q in bank if q in any_story and q not in strong)
    unrehearsed = {
        s.story_id
        for s in ev.stories
        if s.strength >= STRONG_STORY
        and s.rehearsals == 0
        and any(q in bank and q not in ready for q in s.question_ids)
    }
    reasons: list[str] = []
    if uncovered:
        reasons.append(f"Write a story for {plural(uncovered, 'uncovered question')}")
    if weak:
        reasons.append(f"Strengthen the stories for {plural(weak, 'question')} (to strength {STRONG_STORY}+)")
    if unrehearsed:
        reasons.append(f"Rehearse {plural(len(unrehearsed), 'strong story', 'strong stories')}")
    return covered / len(bank), reasons


def readiness(
    round: RoundInfo,
    evidence: ReadinessEvidence,
    now: datetime,
    *,
    behavioral_part: tuple[float, list[str]] | None = None,
) -> Readiness:
    """Score 0..100 with next steps for one round (see the module docstring). ``behavioral_part``: what
    :func:`behavioral` gives for this evidence, when the caller scores many rounds with the same stories."""
    measured: list[tuple[str, float, list[str]]] = []
    for part in parts_for_kind(round.kind):
        if part == "coding":
            value, why = _coding(round.company, evidence)
        elif part == "design":
            value, why = _topics(round, evidence, papers_weight=0.4)
        elif part == "depth":
            value, why = _topics(round, evidence, papers_weight=0.6)
        else:
            value, why = behavioral_part if behavioral_part is not None else behavioral(evidence)
        measured.append((part, value, why))

    planned = max(0.0, evidence.prep_hours_planned)
    prep_share: float | None = None
    prep_reasons: list[str] = []
    if planned > 0:
        done = max(0.0, evidence.prep_hours_done)
        prep_share = min(1.0, done / planned)
        if done < planned:
            prep_reasons.append(
                f"Do {_hours(planned - done)} more prep hours ({_hours(done)} of {_hours(planned)} done)"
            )

    if measured:
        base = _mean([v for _, v, _ in measured])
        total = base if prep_share is None else 0.8 * base + 0.2 * prep_share
    elif prep_share is not None:
        total = prep_share
    else:
        total = 0.0

    parts = {name: _round(100 * value) for name, value, _ in measured}
    ordered = sorted(measured, key=lambda m: m[1])
    reasons = [reason for _, _, why in ordered for reason in why]
    if prep_share is not None:
        parts["prep hours"] = _round(100 * prep_share)
        reasons.extend(prep_reasons)
    elif not measured:
        reasons.append("Plan prep hours for this round")
    if round.starts_at is not None and round.starts_at <= now:
        reasons.insert(0, "The round has started: record its outcome")
    return Readiness(score=max(0, min(100, _round(100 * total))), reasons=reasons, parts=parts)
