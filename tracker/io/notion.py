"""Reading the CSV that Notion's "Markdown & CSV" export writes for a database.

Pure parsing, no database: the file becomes a header and numbered rows; headers are matched to the fields of
one kind of record (problems, papers, stories, rounds) by name, case-insensitively and with synonyms; cell values
are read the way Notion writes them:

- multi-select and relation values are joined by ", "; relation values may carry the page link in parentheses,
  either ``(https://www.notion.so/…)`` or a relative ``(Some%20Page%20abc123.md)`` path;
- dates look like ``October 15, 2024``, ``October 15, 2024 3:00 PM`` or a range ``A → B``; a date without a time
  means 09:00 local time (the same rule as everywhere else in prep);
- checkboxes are ``Yes``/``No``; the file is UTF-8, usually with a BOM.

Row numbers count the header as row 1, as a spreadsheet does, so a report's "row 5" is the fifth line a person
sees when opening the file.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo

__all__ = [
    "KINDS",
    "ColumnMatch",
    "DateValue",
    "NotionError",
    "NotionFile",
    "match_columns",
    "parse_bool",
    "parse_date",
    "parse_difficulty",
    "parse_mastery",
    "parse_outcome",
    "parse_paper_status",
    "parse_problem_title",
    "parse_round_kind",
    "parse_strength",
    "read_csv",
    "split_multi",
    "strip_link",
]

IGNORE = "ignore"


class NotionError(ValueError):
    """The file or a value cannot be read; the message is one line for the user."""


# --------------------------------------------------------------------------------------------- fields per kind
# Field name → synonyms (normalised column names), best first. The first synonym is the field's own name.
KINDS: dict[str, dict[str, tuple[str, ...]]] = {
    "problems": {
        "title": ("title", "name", "problem", "problem name", "question", "leetcode problem"),
        "number": ("number", "no", "#", "lc", "lc #", "leetcode #", "leetcode number", "problem #", "id"),
        "difficulty": ("difficulty", "level", "diff"),
        "mastery": ("mastery", "status", "rating", "confidence", "result", "how it went"),
        "patterns": ("patterns", "pattern", "tags", "tag", "topic", "topics", "category", "categories"),
        "companies": ("companies", "company", "asked by", "asked at"),
        "lists": ("lists", "list", "source", "sheet"),
        "date": (
            "date",
            "solved",
            "last attempt",
            "last attempted",
            "date solved",
            "solved on",
            "attempted",
            "attempted on",
            "last reviewed",
            "reviewed",
            "done on",
        ),
        "minutes": ("minutes", "time", "time spent", "duration", "mins", "time taken"),
        "url": ("url", "link", "leetcode link", "problem link", "leetcode url", "leetcode"),
        "gist": ("gist", "tl dr", "tldr", "summary", "key idea", "insight", "trick", "approach"),
        "notes": ("notes", "note", "comments", "remarks"),
    },
    "papers": {
        "title": ("title", "name", "paper", "paper title"),
        "authors": ("authors", "author", "by"),
        "year": ("year", "published", "publication year"),
        "venue": ("venue", "conference", "journal", "published in"),
        "arxiv_id": ("arxiv id", "arxiv", "arxiv number"),
        "url": ("url", "link", "pdf", "paper link", "paper url"),
        "status": ("status", "reading status", "read status", "state", "stage"),
        "read": ("read", "done", "finished", "read it"),
        "read_on": ("read on", "date", "date read", "finished on", "completed", "read date"),
        "topics": ("topics", "topic", "tags", "tag", "area", "category", "categories", "keywords"),
        "domain": ("domain", "field"),
        "tldr": ("tldr", "tl dr", "summary", "gist", "takeaway", "takeaways", "key idea", "one liner"),
        "notes": ("notes", "note", "comments", "thoughts"),
    },
    "stories": {
        "title": ("title", "name", "story", "story title"),
        "question": ("question", "questions", "prompt", "behavioral question", "asked"),
        "situation": ("situation", "s"),
        "task": ("task", "t"),
        "action": ("action", "actions", "a"),
        "result": ("result", "results", "outcome", "r"),
        "answer": ("answer", "response", "my answer", "star", "star answer"),
        "tags": ("tags", "tag", "themes", "theme", "leadership principles", "principles", "values"),
        "competency": ("competency", "competencies", "category", "type of question", "skill"),
        "kind": ("kind", "type"),
        "strength": ("strength", "confidence", "rating", "score"),
        "company": ("company", "companies", "asked by", "asked at"),
        "notes": ("notes", "note", "comments"),
    },
    "rounds": {
        "company": ("company", "companies", "employer", "org", "organisation", "organization"),
        "round": ("round", "name", "title", "interview", "round name", "event"),
        "kind": ("kind", "type", "round type", "interview type", "format"),
        "date": ("date", "when", "scheduled", "scheduled at", "date time", "time", "interview date"),
        "status": ("status", "stage", "column", "state", "pipeline", "board"),
        "outcome": ("outcome", "result", "verdict", "passed"),
        "duration": ("duration", "minutes", "length", "mins"),
        "interviewer": ("interviewer", "interviewers", "with", "panel"),
        "prepare": ("prepare", "prep", "what to prepare", "to prepare", "prep notes"),
        "feedback": ("feedback",),
        "notes": ("notes", "note", "comments"),
        "role": ("role", "position", "job", "job title"),
        "level": ("level",),
    },
}


def normalise(name: str) -> str:
    """A column name as compared: BOM and emoji gone, case folded, punctuation as spaces (``#`` kept)."""
    text = name.replace("\ufeff", "").casefold()
    text = re.sub(r"[^\w#]+", " ", text)
    return " ".join(text.replace("_", " ").split())


# --------------------------------------------------------------------------------------------- the file
@dataclass(frozen=True, slots=True)
class NotionFile:
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    """(row number, cells) for every data row; blank rows are kept (callers skip them)."""


def read_csv(data: bytes | str) -> NotionFile:
    """Decode (UTF-8, BOM or not) and split into header and numbered rows. Raises NotionError."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise NotionError(
                "the file is not UTF-8 text (export it from Notion as Markdown & CSV)"
            ) from None
    else:
        text = data.removeprefix("\ufeff")
    if not text.strip():
        raise NotionError("the file is empty")
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise NotionError(f"the file is not a readable CSV ({exc})") from None
    header_index = next((i for i, r in enumerate(records) if any(c.strip() for c in r)), None)
    if header_index is None:
        raise NotionError("the file is empty")
    headers = tuple(h.replace("\ufeff", "").strip() for h in records[header_index])
    if len(headers) < 1 or not any(headers):
        raise NotionError("the file has no header row")
    width = len(headers)
    rows = []
    for offset, record in enumerate(records[header_index + 1 :], start=header_index + 2):
        cells = tuple((record + [""] * width)[:width])
        rows.append((offset, cells))
    return NotionFile(headers, tuple(rows))


# --------------------------------------------------------------------------------------------- column matching
@dataclass(frozen=True, slots=True)
class ColumnMatch:
    fields: dict[str, int] = field(default_factory=dict)
    """field name → column index"""
    mapping: dict[str, str] = field(default_factory=dict)
    """column header → field name (or ``ignore``), in column order"""
    unknown: tuple[str, ...] = ()
    """columns that match no field and were not mapped: not imported"""
    guessed_title: str | None = None
    """the first column, taken as the title because no column is named like one"""


def parse_overrides(items: Sequence[str]) -> dict[str, str]:
    """``["Col=field", …]`` → {column: field}. Raises NotionError on a malformed item."""
    out: dict[str, str] = {}
    for item in items:
        col, sep, target = item.partition("=")
        if not sep or not col.strip() or not target.strip():
            raise NotionError(f"--map takes COLUMN=field, not {item!r}")
        out[col.strip()] = target.strip()
    return out


def match_columns(
    headers: Sequence[str], kind: str, overrides: Mapping[str, str] | None = None
) -> ColumnMatch:
    """Match headers to the fields of ``kind``; ``overrides`` ({column: field}) win. Raises NotionError."""
    if kind not in KINDS:
        raise NotionError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    spec = KINDS[kind]
    fields: dict[str, int] = {}
    taken: dict[int, str] = {}
    norm_headers = [normalise(h) for h in headers]
    for col, target in (overrides or {}).items():
        key = normalise(col)
        index = next((i for i, h in enumerate(norm_headers) if h == key and i not in taken), None)
        if index is None:
            raise NotionError(
                f"--map: no column named {col!r} (columns: {', '.join(h for h in headers if h)})"
            )
        name = target.strip().lower().replace("-", "_")
        if name in ("_", "", "none", "skip", IGNORE):
            taken[index] = IGNORE
            continue
        if name not in spec:
            raise NotionError(f"--map: {kind} have no field {target!r} (fields: {', '.join(spec)}, ignore)")
        if name in fields:
            raise NotionError(f"--map: two columns mapped to {name}")
        fields[name] = index
        taken[index] = name
    # Best synonym first: every (column, field) pair ranked by how good the name is for the field.
    candidates = []
    for index, key in enumerate(norm_headers):
        if index in taken or not key:
            continue
        for fname, synonyms in spec.items():
            if key in synonyms:
                candidates.append((synonyms.index(key), index, fname))
    for _rank, index, fname in sorted(candidates):
        if index in taken or fname in fields:
            continue
        fields[fname] = index
        taken[index] = fname
    guessed = None
    title_field = "round" if kind == "rounds" else "title"
    if title_field not in fields and headers and 0 not in taken and headers[0].strip():
        fields[title_field] = 0
        taken[0] = title_field
        guessed = headers[0]
    mapping = {headers[i]: taken[i] for i in sorted(taken)}
    unknown = tuple(h for i, h in enumerate(headers) if i not in taken and h.strip())
    return ColumnMatch(fields=fields, mapping=mapping, unknown=unknown, guessed_title=guessed)


# --------------------------------------------------------------------------------------------- values
_LINK = re.compile(
    r"\s*\((?:https?://(?:www\.)?notion\.(?:so|site)/[^()\s]*|[^()]*?\.(?:md|csv|html))\)",
    re.IGNORECASE,
)


def strip_link(value: str) -> str:
    """A relation value without its Notion link: ``Two Sum (https://www.notion.so/…)`` → ``Two Sum``."""
    return _LINK.sub("", value).strip()


def split_multi(value: str) -> list[str]:
    """Multi-select or relation cell → its values, without links, blanks and repeats (order kept)."""
    value = value.strip()
    if not value:
        return []
    if _LINK.search(value):
        # Relations with links: each value ends with its link, so split after each link.
        parts = [p for p in re.split(r"(?<=\))\s*,\s*", value)]
        items = [strip_link(p) for p in parts]
    else:
        items = [p.strip() for p in value.split(",")]
    seen: list[str] = []
    for item in items:
        if item and item.casefold() not in {s.casefold() for s in seen}:
            seen.append(item)
    return seen


_TRUE = {"yes", "y", "true", "x", "1", "checked", "✓", "✔", "✅", "done"}
_FALSE = {"no", "n", "false", "0", "", "unchecked", "-"}


def parse_bool(value: str) -> bool:
    key = value.strip().casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise NotionError(f"{value!r} is not Yes or No")


@dataclass(frozen=True, slots=True)
class DateValue:
    start: datetime
    end: datetime | None
    has_time: bool


_DATE_FORMATS = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%m/%d/%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
)
_TIME_FORMATS = ("%I:%M %p", "%I %p", "%H:%M", "%I:%M%p", "%I%p")
_TZ_SUFFIX = re.compile(r"\s*\(([A-Za-z]{2,5}|UTC[+-]\d{1,2}(?::\d\d)?|GMT[+-]\d{1,2}(?::\d\d)?)\)\s*$")


def _parse_one(text: str, zone: tzinfo, *, day_hint: datetime | None = None) -> tuple[datetime, bool]:
    raw = " ".join(text.replace("@", " ").split())
    zone_here: tzinfo = zone
    m = _TZ_SUFFIX.search(raw)
    if m:
        label = m.group(1).upper()
        raw = raw[: m.start()].strip()
        if label in ("UTC", "GMT", "Z"):
            zone_here = UTC
        elif label.startswith(("UTC", "GMT")) and len(label) > 3:
            sign = 1 if label[3] == "+" else -1
            hours, _, mins = label[4:].partition(":")
            from datetime import timezone

            zone_here = timezone(sign * timedelta(hours=int(hours), minutes=int(mins or 0)))
    try:
        iso = datetime.fromisoformat(raw)
    except ValueError:
        iso = None
    if iso is not None:
        has_time = "T" in raw or ":" in raw
        if iso.tzinfo is None:
            if not has_time:
                iso = iso.replace(hour=9)
            iso = iso.replace(tzinfo=zone_here)
        return iso.astimezone(UTC), has_time
    for dfmt in _DATE_FORMATS:
        try:
            day = datetime.strptime(raw, dfmt)
            return day.replace(hour=9, tzinfo=zone_here).astimezone(UTC), False
        except ValueError:
            pass
        for tfmt in _TIME_FORMATS:
            try:
                when = datetime.strptime(raw, f"{dfmt} {tfmt}")
                return when.replace(tzinfo=zone_here).astimezone(UTC), True
            except ValueError:
                pass
    if day_hint is not None:
        local_day = day_hint.astimezone(zone_here)
        for tfmt in _TIME_FORMATS:
            try:
                t = datetime.strptime(raw, tfmt)
            except ValueError:
                continue
            when = datetime(
                local_day.year, local_day.month, local_day.day, t.hour, t.minute, tzinfo=zone_here
            )
            return when.astimezone(UTC), True
    raise NotionError(
        f"{text.strip()!r} is not a date (expected e.g. 'October 15, 2024' or 'October 15, 2024 3:00 PM')"
    )


def parse_date(value: str, zone: tzinfo) -> DateValue | None:
    """A Notion date cell in ``zone`` → aware UTC start (and end of a range); ``None`` for an empty cell."""
    text = value.strip()
    if not text:
        return None
    parts = re.split(r"\s*(?:→|->)\s*", text, maxsplit=1)
    start, has_time = _parse_one(parts[0], zone)
    end = None
    if len(parts) == 2 and parts[1].strip():
        end, _ = _parse_one(parts[1], zone, day_hint=start)
        if end < start:
            raise NotionError(f"{text!r}: the range ends before it starts")
    return DateValue(start, end, has_time)


def _key(value: str) -> str:
    """Letters and digits only, lower case: emoji, punctuation and spaces dropped."""
    return re.sub(r"[^0-9a-z]+", "", value.casefold())


_DIFFICULTY = {
    "easy": "easy",
    "e": "easy",
    "medium": "medium",
    "med": "medium",
    "m": "medium",
    "hard": "hard",
    "h": "hard",
}


def parse_difficulty(value: str) -> str | None:
    key = _key(value)
    if not key:
        return None
    found = _DIFFICULTY.get(key)
    if found is None:
        raise NotionError(f"difficulty {value.strip()!r} is not easy, medium or hard")
    return found


# Extra spellings seen in Notion trackers, on top of Mastery.parse's own aliases.
_MASTERY_EXTRA = {
    "noidea": 1,
    "stuck": 1,
    "failed": 1,
    "fail": 1,
    "needhelp": 1,
    "neededhelp": 1,
    "neededhint": 1,
    "needhint": 1,
    "lookedatsolution": 1,
    "sawsolution": 1,
    "naive": 2,
    "suboptimal": 2,
    "bruteforced": 2,
    "slow": 2,
    "bug": 3,
    "minorbugs": 3,
    "almost": 3,
    "mostly": 3,
    "withbugs": 3,
    "optimal": 4,
    "nailedit": 4,
    "solid": 4,
    "mastered": 4,
    "nobugs": 4,
    "flawless": 4,
}


def parse_mastery(value: str) -> int | None:
    """A mastery cell → 1..4 (no clue … bug free); ``None`` for an empty cell. Raises NotionError."""
    from tracker.domain.mastery import Mastery

    text = value.strip()
    if not text:
        return None
    try:
        return int(Mastery.parse(text))
    except ValueError:
        pass
    key = _key(text)
    if key in _MASTERY_EXTRA:
        return _MASTERY_EXTRA[key]
    try:
        return int(Mastery.parse(key))
    except ValueError:
        pass
    m = re.fullmatch(r"([1-4])\s*(?:/\s*4|of\s*4)", text, re.IGNORECASE)
    if m:
        return int(m.group(1))
    stars = text.count("⭐") + text.count("★")
    if 1 <= stars <= 4 and not key:
        return stars
    raise NotionError(f"mastery {text!r} is not a rating (no clue, brute force, has bugs, bug free or 1-4)")


_PAPER_STATUS = {
    "toread": "to-read",
    "notstarted": "to-read",
    "notread": "to-read",
    "queue": "to-read",
    "queued": "to-read",
    "backlog": "to-read",
    "wanttoread": "to-read",
    "todo": "to-read",
    "unread": "to-read",
    "later": "to-read",
    "reading": "reading",
    "inprogress": "reading",
    "started": "reading",
    "skimming": "reading",
    "currentlyreading": "reading",
    "read": "read",
    "done": "read",
    "finished": "read",
    "completed": "read",
    "complete": "read",
    "skimmed": "read",
    "revisit": "revisit",
    "reread": "revisit",
    "rereading": "revisit",
    "toreread": "revisit",
    "review": "revisit",
}


def parse_paper_status(value: str) -> str | None:
    key = _key(value)
    if not key:
        return None
    found = _PAPER_STATUS.get(key)
    if found is None:
        raise NotionError(f"status {value.strip()!r} is not to read, reading, read or revisit")
    return found


_ROUND_KIND_WORDS: tuple[tuple[str, str], ...] = (
    # Most specific first; matched against the lower-cased name with punctuation as spaces.
    ("ml system design", "ml-system-design"),
    ("machine learning system design", "ml-system-design"),
    ("mlsd", "ml-system-design"),
    ("ml coding", "ml-coding"),
    ("ml breadth", "ml-breadth"),
    ("ml depth", "ml-depth"),
    ("system design", "system-design"),
    ("sys design", "system-design"),
    ("architecture", "system-design"),
    ("hiring manager", "hiring-manager"),
    ("hm", "hiring-manager"),
    ("recruiter", "recruiter"),
    ("hr", "recruiter"),
    ("phone screen", "phone-screen"),
    ("phone", "phone-screen"),
    ("screen", "phone-screen"),
    ("take home", "take-home"),
    ("takehome", "take-home"),
    ("assignment", "take-home"),
    ("team match", "team-match"),
    ("team matching", "team-match"),
    ("deep dive", "project-deep-dive"),
    ("project", "project-deep-dive"),
    ("behavioral", "behavioral"),
    ("behavioural", "behavioral"),
    ("bar raiser", "behavioral"),
    ("culture", "behavioral"),
    ("leadership", "behavioral"),
    ("onsite", "onsite"),
    ("on site", "onsite"),
    ("final", "onsite"),
    ("loop", "onsite"),
    ("coding", "coding"),
    ("leetcode", "coding"),
    ("dsa", "coding"),
    ("algorithms", "coding"),
    ("technical", "coding"),
    ("tech", "coding"),
)


def parse_round_kind(*texts: str) -> str | None:
    """The round kind named in any of ``texts`` (kind column first, then the round's name); ``None`` if none."""
    from_kinds = {k.replace("-", " "): k for _w, k in _ROUND_KIND_WORDS}
    for text in texts:
        words = " " + " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split()) + " "
        if not words.strip():
            continue
        if words.strip() in from_kinds:
            return from_kinds[words.strip()]
        for needle, kind in _ROUND_KIND_WORDS:
            if f" {needle} " in words:
                return kind
        if words.strip() == "other":
            return "other"
    return None


_OUTCOME = {
    "passed": "passed",
    "pass": "passed",
    "yes": "passed",
    "advanced": "passed",
    "movedforward": "passed",
    "nextround": "passed",
    "offer": "passed",
    "success": "passed",
    "failed": "failed",
    "fail": "failed",
    "no": "failed",
    "rejected": "failed",
    "rejection": "failed",
    "reject": "failed",
    "didnotpass": "failed",
    "pending": "pending",
    "waiting": "pending",
    "tbd": "pending",
    "unknown": "pending",
    "awaiting": "pending",
}


def parse_outcome(value: str) -> str | None:
    key = _key(value)
    if not key:
        return None
    found = _OUTCOME.get(key)
    if found is None:
        raise NotionError(f"outcome {value.strip()!r} is not passed, failed or pending")
    return found


_DONE_WORDS = ("done", "complete", "completed", "finished", "closed", "rejected", "offer", "passed", "failed")


def column_is_done(name: str) -> bool:
    """Whether a new board column named by a Notion status holds finished rounds."""
    key = " " + " ".join(re.sub(r"[^0-9a-z]+", " ", name.casefold()).split()) + " "
    return any(f" {w} " in key for w in _DONE_WORDS)


_STRENGTH = {
    "weak": 2,
    "poor": 1,
    "bad": 1,
    "ok": 3,
    "okay": 3,
    "medium": 3,
    "average": 3,
    "decent": 3,
    "good": 4,
    "strong": 5,
    "great": 5,
    "excellent": 5,
}


def parse_strength(value: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    stars = text.count("⭐") + text.count("★")
    if stars and not _key(text):
        if stars > 5:
            raise NotionError(f"strength {text!r} is more than 5 stars")
        return stars
    key = _key(text)
    m = re.fullmatch(r"([1-5])\s*(?:/\s*5|of\s*5)?", text, re.IGNORECASE)
    if m:
        return int(m.group(1))
    if key in _STRENGTH:
        return _STRENGTH[key]
    raise NotionError(f"strength {text!r} is not 1-5 (or weak, ok, good, strong)")


_TITLE_NUMBER = re.compile(
    r"^\s*(?:#|lc\s*|leetcode\s*)?(\d{1,4})\s*(?:[.:)]|\s[-–—]\s)\s*(\S.*)$", re.IGNORECASE
)
_LEETCODE_SLUG = re.compile(r"leetcode\.(?:com|cn)/problems/([a-z0-9-]+)", re.IGNORECASE)


def parse_problem_title(value: str) -> tuple[int | None, str]:
    """``1. Two Sum`` → (1, 'Two Sum'); ``Two Sum`` → (None, 'Two Sum'). A Notion link is dropped."""
    text = strip_link(value)
    m = _TITLE_NUMBER.match(text)
    if m:
        return int(m.group(1)), m.group(2).strip()
    return None, text


def slug_from_url(url: str) -> str | None:
    m = _LEETCODE_SLUG.search(url)
    return m.group(1).lower() if m else None


_ARXIV = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf)/|arxiv:\s*|^)(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?", re.IGNORECASE
)


def arxiv_from_text(text: str) -> str | None:
    m = _ARXIV.search(text.strip())
    return m.group(1) if m else None


def parse_int(value: str, what: str, *, low: int | None = None, high: int | None = None) -> int | None:
    text = value.strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d+)(?:\.0+)?\s*(?:min|mins|minutes|m)?", text, re.IGNORECASE)
    if not m:
        raise NotionError(f"{what} {text!r} is not a whole number")
    number = int(m.group(1))
    if (low is not None and number < low) or (high is not None and number > high):
        raise NotionError(f"{what} {number} is out of range")
    return number
