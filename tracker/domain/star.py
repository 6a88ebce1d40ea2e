"""STAR stories as data: word counts, speaking time, and how well the question bank is covered.

Pure Python. Everything here works on plain records (``StoryFacts``, ``QuestionFacts``, ``LinkFacts``) that the
services build from the database, so the rules can be tested without one.

The rules:
- a word is a run of non-blank characters holding at least one letter or digit (Markdown bullets and ``#`` are not
  words);
- speaking time assumes about 140 words per minute;
- when several stories answer a question, the best story is the one marked best; if none is marked (or, in a
  damaged database, several are), the strongest wins, then the most rehearsed, then the most recently rehearsed,
  then the oldest (lowest id) — so the choice is stable;
- a question is *uncovered* with no story, *weak* when its best story has strength ≤ 2 or was never rehearsed,
  otherwise *covered*;
- competencies and company values match tags after folding case, spaces, underscores and dashes
  ("Bias for action" matches the tag ``bias-for-action``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

STAR_FIELDS: tuple[str, ...] = ("situation", "task", "action", "result")
WORDS_PER_MINUTE = 140
WEAK_STRENGTH = 2
NO_COMPETENCY = "other"

UNCOVERED = "uncovered"
WEAK = "weak"
COVERED = "covered"
_STATUS_ORDER = {UNCOVERED: 0, WEAK: 1, COVERED: 2}

_WORD = re.compile(r"\S+")
_HAS_ALNUM = re.compile(r"\w", re.UNICODE)
_NOT_KEY = re.compile(r"[\W_]+", re.UNICODE)
_BULLET = re.compile(r"^\s*(?:[-*•+]|\d+[.)])\s+")


# ------------------------------------------------------------------------------------------------ words and time
def word_count(text: str | None) -> int:
    """Words in ``text``; Markdown punctuation standing alone (``-``, ``#``, ``**``) does not count."""
    if not text:
        return 0
    return sum(1 for token in _WORD.findall(text) if _HAS_ALNUM.search(token))


def speaking_seconds(words: int, words_per_minute: int = WORDS_PER_MINUTE) -> int:
    """Seconds to say ``words`` aloud at ``words_per_minute`` (rounded to the nearest second)."""
    if words <= 0:
        return 0
    return round(words * 60 / words_per_minute)


def format_duration(seconds: int) -> str:
    """``75`` → ``1:15``; ``3725`` → ``1:02:05``."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


@dataclass(frozen=True, slots=True)
class StarCounts:
    situation: int
    task: int
    action: int
    result: int

    @property
    def total(self) -> int:
        return self.situation + self.task + self.action + self.result

    @property
    def seconds(self) -> int:
        return speaking_seconds(self.total)

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in STAR_FIELDS}


def star_counts(
    situation: str | None, task: str | None, action: str | None, result: str | None
) -> StarCounts:
    return StarCounts(word_count(situation), word_count(task), word_count(action), word_count(result))


def describe_length(counts: StarCounts) -> str:
    """``180 words · ~1:17 spoken``."""
    noun = "word" if counts.total == 1 else "words"
    return f"{counts.total} {noun} · ~{format_duration(counts.seconds)} spoken"


# ------------------------------------------------------------------------------------------------ tags and values
def tag_key(text: str) -> str:
    """The form tags, competencies and values are compared in."""
    return _NOT_KEY.sub("-", text.casefold()).strip("-")


def normalize_tags(tags: Iterable[str]) -> list[str]:
    """Tags as stored: trimmed, lower case, blanks and duplicates (in compared form) dropped, order kept."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in tags:
        for part in raw.split(","):
            tag = " ".join(part.split()).lower()
            key = tag_key(tag)
            if key and key not in seen:
                seen.add(key)
                out.append(tag)
    return out


def parse_values(text: str | None) -> list[str]:
    """Company values, one per line; bullets and blank lines ignored, duplicates dropped."""
    out: list[str] = []
    seen: set[str] = set()
    for line in (text or "").splitlines():
        value = _BULLET.sub("", line).strip()
        key = tag_key(value)
        if key and key not in seen:
            seen.add(key)
            out.append(value)
    return out


# ------------------------------------------------------------------------------------------------------ coverage
@dataclass(frozen=True, slots=True)
class StoryFacts:
    id: int
    title: str
    strength: int
    rehearsals: int = 0
    last_rehearsed_at: datetime | None = None
    tags: tuple[str, ...] = ()

    @property
    def weak(self) -> bool:
        return self.strength <= WEAK_STRENGTH or self.rehearsals <= 0


@dataclass(frozen=True, slots=True)
class QuestionFacts:
    id: int
    text: str
    competency: str | None = None


@dataclass(frozen=True, slots=True)
class LinkFacts:
    story_id: int
    question_id: int
    is_best: bool = False


def _rank(story: StoryFacts, marked: bool) -> tuple[int, int, int, float, int]:
    last = story.last_rehearsed_at.timestamp() if story.last_rehearsed_at else float("-inf")
    return (0 if marked else 1, -story.strength, -story.rehearsals, -last, story.id)


def best_story(candidates: Iterable[tuple[StoryFacts, bool]]) -> StoryFacts | None:
    """The best of ``(story, marked_best)`` pairs linked to one question, by the rule in the module doc."""
    ranked = sorted(candidates, key=lambda pair: _rank(*pair))
    return ranked[0][0] if ranked else None


def status_of(best: StoryFacts | None) -> str:
    if best is None:
        return UNCOVERED
    return WEAK if best.weak else COVERED


def weak_reason(best: StoryFacts | None) -> str:
    """Why a question counts as weakly covered ('' when it does not)."""
    if best is None:
        return "no story"
    reasons = []
    if best.strength <= WEAK_STRENGTH:
        reasons.append(f"strength {best.strength}")
    if best.rehearsals <= 0:
        reasons.append("never rehearsed")
    return ", ".join(reasons)


def competency_of(question: QuestionFacts) -> str:
    return (question.competency or "").strip().lower() or NO_COMPETENCY


@dataclass(frozen=True, slots=True)
class QuestionCoverage:
    question: QuestionFacts
    best: StoryFacts | None
    stories: tuple[StoryFacts, ...]
    status: str

    @property
    def competency(self) -> str:
        return competency_of(self.question)

    @property
    def reason(self) -> str:
        return weak_reason(self.best) if self.status != COVERED else ""


@dataclass(frozen=True, slots=True)
class CompetencyCoverage:
    competency: str
    questions: int
    covered: int  # has a story, strong or weak
    weak: int
    uncovered: int

    @property
    def strong(self) -> int:
        return self.covered - self.weak


@dataclass(frozen=True, slots=True)
class Coverage:
    questions: tuple[QuestionCoverage, ...]
    competencies: tuple[CompetencyCoverage, ...]
    unlinked_stories: tuple[StoryFacts, ...] = field(default=())

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def covered(self) -> int:
        return sum(1 for q in self.questions if q.status != UNCOVERED)

    @property
    def weak(self) -> int:
        return sum(1 for q in self.questions if q.status == WEAK)

    @property
    def uncovered(self) -> int:
        return sum(1 for q in self.questions if q.status == UNCOVERED)

    def for_question(self, question_id: int) -> QuestionCoverage | None:
        for q in self.questions:
            if q.question.id == question_id:
                return q
        return None


def compute_coverage(
    questions: Sequence[QuestionFacts], stories: Sequence[StoryFacts], links: Iterable[LinkFacts]
) -> Coverage:
    """Per question its best story (or none) and status; per competency the counts.

    Questions come back uncovered first, then weak, then covered; inside each group by competency, then text.
    Competencies come back with the most uncovered-or-weak questions first, then by name.
    """
    by_id = {s.id: s for s in stories}
    linked: dict[int, list[tuple[StoryFacts, bool]]] = {}
    used: set[int] = set()
    for link in links:
        story = by_id.get(link.story_id)
        if story is None:
            continue
        linked.setdefault(link.question_id, []).append((story, link.is_best))
        used.add(story.id)

    rows: list[QuestionCoverage] = []
    for q in questions:
        pairs = linked.get(q.id, [])
        best = best_story(pairs)
        others = tuple(s for s, marked in sorted(pairs, key=lambda p: _rank(*p)))
        rows.append(QuestionCoverage(q, best, others, status_of(best)))
    rows.sort(
        key=lambda r: (_STATUS_ORDER[r.status], r.competency, r.question.text.casefold(), r.question.id)
    )

    counts: dict[str, list[int]] = {}
    for r in rows:
        c = counts.setdefault(r.competency, [0, 0, 0, 0])
        c[0] += 1
        c[1] += r.status != UNCOVERED
        c[2] += r.status == WEAK
        c[3] += r.status == UNCOVERED
    competencies = [CompetencyCoverage(name, *c) for name, c in counts.items()]
    competencies.sort(key=lambda c: (-(c.uncovered + c.weak), -c.uncovered, c.competency))
    unlinked = tuple(sorted((s for s in stories if s.id not in used), key=lambda s: s.title.casefold()))
    return Coverage(tuple(rows), tuple(competencies), unlinked)


# ------------------------------------------------------------------------------------------------ company values
@dataclass(frozen=True, slots=True)
class ValueCoverage:
    value: str
    stories: tuple[StoryFacts, ...]  # strongest first

    @property
    def covered(self) -> bool:
        return bool(self.stories)


def value_coverage(values: Sequence[str], stories: Sequence[StoryFacts]) -> list[ValueCoverage]:
    """For each company value (in the company's order), the stories tagged with it, strongest first."""
    out = []
    for value in values:
        key = tag_key(value)
        matching = [s for s in stories if any(tag_key(t) == key for t in s.tags)]
        matching.sort(key=lambda s: _rank(s, False))
        out.append(ValueCoverage(value, tuple(matching)))
    return out
