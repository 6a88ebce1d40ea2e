"""A large, realistic prep database: a year of somebody's interview preparation, generated deterministically.

At ``scale=1.0``: 5,000 problems (the bundled catalogs first, then synthetic ones), 20,000 attempts over the past year
with consistent mastery / FSRS card / due date per problem, 1,000 papers, 300 stories, 300 questions, 100 companies,
800 rounds on the board, topics, 10 study rules and a year of study blocks (the next two weeks planned).

The schema is created by the app itself (``Database(path).ensure_schema()``); rows are bulk-inserted with SQLAlchemy
Core inside one transaction, with explicit ids, so links are known without reading anything back.

Everything comes from ``random.Random(seed)`` and a fixed anchor moment ``now`` (default: today 12:00 UTC), so the same
(seed, scale, now, schema) gives the same rows. Clock times of study blocks are local, so the machine's time zone is
part of the cache key too. Generated files are cached in ``benchmarks/.cache/``.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import time as _time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

# Bump when the generated content changes, so cached files are rebuilt.
GENERATOR_VERSION = 2
CACHE_DIR = Path(__file__).resolve().parent / ".cache"
CACHE_KEEP = 4

# Row counts at scale 1.0.
FULL = {
    "problems": 5000,
    "attempts": 20000,
    "papers": 1000,
    "stories": 300,
    "questions": 300,
    "companies": 100,
    "rounds": 800,
}
RULES = 10
HISTORY_DAYS = 365
PLANNED_DAYS = 14
FUTURE_ROUND_DAYS = 60


@dataclass(frozen=True)
class Counts:
    problems: int
    attempts: int
    papers: int
    stories: int
    questions: int
    companies: int
    rounds: int

    @classmethod
    def at(cls, scale: float) -> Counts:
        if scale <= 0:
            raise ValueError("scale must be positive")
        n = {k: max(1, round(v * scale)) for k, v in FULL.items()}
        return cls(**n)


def default_now() -> datetime:
    return datetime.combine(datetime.now(UTC).date(), time(12, 0), tzinfo=UTC)


def _tz_tag() -> str:
    return _time.strftime("%z").replace("+", "p").replace("-", "m") or "utc"


def cache_key(scale: float, seed: int, now: datetime) -> str:
    from tracker.db.migrate import HEAD

    return f"v{GENERATOR_VERSION}-{HEAD}-s{scale:g}-seed{seed}-{now:%Y%m%dT%H%M}-tz{_tz_tag()}"


def cached_path(scale: float = 1.0, seed: int = 1, now: datetime | None = None) -> Path:
    return CACHE_DIR / f"large-{cache_key(scale, seed, now or default_now())}.db"


def generate(
    out: Path | None = None,
    *,
    scale: float = 1.0,
    seed: int = 1,
    now: datetime | None = None,
    use_cache: bool = True,
    quiet: bool = True,
) -> Path:
    """Make (or reuse from the cache) a large database; copy it to ``out`` when given. Returns the file written."""
    now = now or default_now()
    cache = cached_path(scale, seed, now)
    if not (use_cache and cache.exists()):
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        for old in CACHE_DIR.glob("large-*.db*"):
            if old.name.startswith(cache.name):
                old.unlink()
        tmp = cache.with_name(cache.name + ".tmp")
        started = _time.perf_counter()
        counts = build(tmp, scale=scale, seed=seed, now=now)
        tmp.replace(cache)
        # keep the cache small: the few most recent files (other days, scales and seeds)
        cached = sorted(CACHE_DIR.glob("large-*.db"), key=lambda f: f.stat().st_mtime, reverse=True)
        for old in cached[CACHE_KEEP:]:
            old.unlink(missing_ok=True)
        if not quiet:
            print(f"generated {cache} in {_time.perf_counter() - started:.1f} s: {counts}")
    elif not quiet:
        print(f"reusing {cache}")
    if out is None:
        return cache
    out = Path(out)
    if out.resolve() != cache.resolve():
        out.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{out}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(cache, out)
    return out


def build(path: Path, *, scale: float = 1.0, seed: int = 1, now: datetime | None = None) -> dict[str, int]:
    """Write a fresh database at ``path`` (replacing it). Returns the number of rows per table."""
    from tracker.services.base import Database

    now = now or default_now()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = Database(path)
    db.ensure_schema()
    try:
        rows = _Builder(random.Random(seed), Counts.at(scale), now).rows(db)
        _insert(db, rows)
    finally:
        db.close()
    # One self-contained file: fold the WAL back in so the file can be copied on its own.
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("ANALYZE")
    finally:
        con.close()
    for suffix in ("-wal", "-shm"):
        extra = Path(f"{path}{suffix}")
        if extra.exists() and (suffix == "-shm" or extra.stat().st_size == 0):
            extra.unlink()
    return {name: len(r) for name, r in rows.items()}


def _insert(db: Any, rows: dict[str, list[dict[str, Any]]]) -> None:
    from sqlalchemy import insert, text

    from tracker.db.tables import metadata

    with db.write() as session:
        conn = session.connection()
        # Parents before children: metadata.sorted_tables follows the foreign keys.
        for table in metadata.sorted_tables:
            batch = rows.get(table.name)
            if batch:
                conn.execute(insert(table), batch)
        # Core serialises None in a JSON column as the JSON text 'null'; the app stores SQL NULL for "never tried".
        conn.execute(text("UPDATE problem SET card = NULL WHERE card = 'null'"))


# ------------------------------------------------------------------------------------------------------ vocabulary
PATTERNS = (
    "Arrays & Hashing",
    "Two Pointers",
    "Sliding Window",
    "Stack",
    "Binary Search",
    "Linked List",
    "Trees",
    "Tries",
    "Heap / Priority Queue",
    "Backtracking",
    "Graphs",
    "Advanced Graphs",
    "1-D Dynamic Programming",
    "2-D Dynamic Programming",
    "Greedy",
    "Intervals",
    "Math & Geometry",
    "Bit Manipulation",
)
EXTRA_LISTS = (
    "Grind 169",
    "Top Interview 150",
    "LeetCode 75",
    "Weak spots",
    "Before onsite",
    "Contest practice",
)
TITLE_A = (
    "Maximum", "Minimum", "Longest", "Shortest", "Count", "Find", "Valid", "Merge", "Split", "Reverse", "Rotate",
    "Design", "Kth", "Smallest", "Largest", "Sum of", "Number of", "Remove", "Partition", "Balanced", "Closest",
    "Distinct", "Unique", "Sorted", "Next", "Detect", "Encode", "Decode", "Serialize", "Flatten",
)  # fmt: skip
TITLE_B = (
    "Subarray", "Substring", "Subsequence", "Path", "Island", "Interval", "Triplet", "Pair", "Window", "Matrix",
    "Tree", "Graph", "Palindrome", "Anagram", "Permutation", "Combination", "Square", "Rectangle", "Jump", "Stone",
    "Coin", "Ladder", "Bracket", "Stream", "Median", "Frequency", "Bitmask", "Cycle", "Bridge", "Circuit",
)  # fmt: skip
TITLE_C = (
    "", "", "", " Product", " Sum", " With K Swaps", " in a Grid", " After Deletions", " of Size K", " Queries",
    " With Obstacles", " in Rotated Array", " Between Nodes", " by Cost", " II", " III", " With Wildcards",
)  # fmt: skip
GISTS = (
    "hash map from value to index; one pass",
    "sort, then move the pointer on the smaller side",
    "grow right, shrink left while the window is invalid",
    "monotonic stack keeps the next greater element",
    "binary search on the answer with a feasibility check",
    "fast and slow pointers; dummy head avoids edge cases",
    "DFS returning a tuple from each subtree",
    "min-heap of size k",
    "choose, recurse, un-choose; prune early",
    "BFS from every unvisited node; count components",
    "dp[i] from dp[i-1] and dp[i-2]",
    "sort by start, merge when overlapping",
)
COMPANY_A = (
    "Northwind", "Lumen", "Helix", "Orbital", "Quanta", "Cobalt", "Aurora", "Vertex", "Nimbus", "Granite", "Harbor",
    "Juniper", "Kestrel", "Meridian", "Nova", "Onyx", "Pioneer", "Redwood", "Sierra", "Tidal", "Umbra", "Vantage",
    "Willow", "Zenith", "Atlas", "Beacon", "Cascade", "Delta", "Ember", "Fjord",
)  # fmt: skip
COMPANY_B = (
    "AI",
    "Labs",
    "Search",
    "Robotics",
    "Pay",
    "Health",
    "Cloud",
    "Data",
    "Systems",
    "Analytics",
    "Bio",
)
ROLES = (
    "ML Engineer, Ranking", "Machine Learning Engineer", "Applied Scientist", "Software Engineer, ML Platform",
    "Research Engineer", "Perception Engineer", "Data Scientist", "Backend Engineer",
)  # fmt: skip
LEVELS = ("II", "Senior", "Staff", "L4", "L5", "L6", "E5", "IC4")
TOPICS = (
    ("Transformers", "ml-depth"), ("Attention variants", "ml-depth"), ("Diffusion models", "ml-depth"),
    ("Contrastive learning", "ml-depth"), ("RLHF", "ml-depth"), ("Mixture of experts", "ml-depth"),
    ("Quantization", "ml-depth"), ("Retrieval-augmented generation", "ml-depth"), ("Object detection", "ml-depth"),
    ("Ranking metrics", "ml-breadth"), ("Loss functions", "ml-breadth"), ("Regularization", "ml-breadth"),
    ("Optimizers", "ml-breadth"), ("Evaluation and A/B tests", "ml-breadth"), ("Bias and variance", "ml-breadth"),
    ("Embeddings", "ml-breadth"), ("Gradient boosting", "ml-breadth"), ("Calibration", "ml-breadth"),
    ("Recsys system design", "system-design"), ("Search system design", "system-design"),
    ("Feature stores", "system-design"), ("Model serving", "system-design"), ("Caching", "system-design"),
    ("Rate limiting", "system-design"), ("Message queues", "system-design"), ("Sharding", "system-design"),
    ("Dynamic programming", "coding"), ("Graphs", "coding"), ("Binary search", "coding"), ("Heaps", "coding"),
    ("Leadership stories", "behavioral"), ("Conflict stories", "behavioral"), ("Failure stories", "behavioral"),
    ("Company research", "other"), ("Salary negotiation", "other"),
)  # fmt: skip
PAPER_METHOD = (
    "Sparse", "Efficient", "Scalable", "Robust", "Contrastive", "Hierarchical", "Adaptive", "Self-Supervised",
    "Multi-Task", "Causal", "Federated", "Latent", "Neural", "Retrieval-Augmented", "Distilled", "Equivariant",
)  # fmt: skip
PAPER_NOUN = (
    "Transformers", "Mixture of Experts", "Attention", "Embeddings", "Diffusion", "Graph Networks", "Rankers",
    "Two-Tower Models", "Tokenizers", "State Space Models", "Autoencoders", "Policies", "Reward Models",
)  # fmt: skip
PAPER_TASK = (
    "Recommendation", "Click-Through Prediction", "Long-Context Language Modeling", "Image Segmentation",
    "Speech Recognition", "Code Generation", "Retrieval", "Object Detection", "Machine Translation",
    "Video Understanding", "Tabular Data", "Reinforcement Learning", "Ads Ranking", "Search Relevance",
)  # fmt: skip
SURNAMES = (
    "Chen", "Wang", "Smith", "Garcia", "Kumar", "Nguyen", "Müller", "Rossi", "Kim", "Tanaka", "Okafor", "Silva",
    "Cohen", "Ivanova", "Haddad", "Larsen", "Novak", "Patel", "Lopez", "Dubois",
)  # fmt: skip
VENUES = ("NeurIPS", "ICML", "ICLR", "CVPR", "ACL", "EMNLP", "KDD", "RecSys", "WWW", "SIGIR", "arXiv")
DOMAINS = ("ml-systems", "llm", "recsys", "nlp", "generative", "vision", "optimization", "ranking")
COMPETENCIES = (
    "leadership", "conflict", "failure", "ambiguity", "impact", "teamwork", "communication", "ownership",
    "growth", "customer-focus", "prioritization", "motivation",
)  # fmt: skip
QUESTION_STEMS = (
    "Tell me about a time you {}.", "Describe a situation where you {}.", "Give an example of when you {}.",
    "Walk me through a time you {}.", "What did you do the last time you {}?",
)  # fmt: skip
QUESTION_ACTS = (
    "had to deliver bad news to a stakeholder", "changed your mind after new data", "missed a deadline",
    "pushed back on a senior engineer", "simplified an over-engineered system", "took over a failing project",
    "mentored someone who was struggling", "made a decision with incomplete information", "owned an outage",
    "negotiated scope with a product manager", "improved a team process", "disagreed with your manager",
    "shipped under a hard deadline", "learned a new domain quickly", "turned around an unhappy customer",
)  # fmt: skip
TECH_QUESTIONS = (
    "How would you design {} for {}?", "What are the trade-offs of {} in {}?", "How do you evaluate {} in {}?",
    "Explain how you would debug {} in {}.",
)  # fmt: skip
TECH_WHAT = (
    "a feature store",
    "a two-tower retrieval model",
    "an online A/B test",
    "a ranking loss",
    "a cache",
)
TECH_WHERE = ("a feed", "ads ranking", "search", "a marketplace", "a video platform", "a payments system")
STORY_VERBS = (
    "Migrated", "Rebuilt", "Scoped", "Rescued", "Simplified", "Launched", "Debugged", "Negotiated", "Mentored", "Led",
)  # fmt: skip
STORY_THINGS = (
    "the ranking service", "a flaky training pipeline", "an ambiguous search project", "the on-call rotation",
    "a model that silently degraded", "a cross-team data contract", "the feature store", "a late launch",
    "a new grad's first project", "the experiment platform", "an inference cost overrun", "a labelling effort",
)  # fmt: skip
STUDY_RULES = (
    ("LeetCode before work", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "07:00", 60, "coding"),
    ("After work deep prep", "FREQ=WEEKLY;BYDAY=MO,WE", "19:30", 90, "system-design"),
    ("Papers in the evening", "FREQ=WEEKLY;BYDAY=TU,TH", "21:00", 60, "papers"),
    ("Behavioral practice", "FREQ=WEEKLY;BYDAY=FR", "18:30", 45, "behavioral"),
    ("Weekend long session", "FREQ=WEEKLY;BYDAY=SA,SU", "10:00", 180, "any"),
    ("Lunch review", "FREQ=WEEKLY;BYDAY=TU,TH", "12:30", 30, "coding"),
    ("Sunday mock interview", "FREQ=WEEKLY;BYDAY=SU", "16:00", 60, "any"),
    ("ML breadth flashcards", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "22:00", 20, "papers"),
    ("Saturday system design", "FREQ=WEEKLY;BYDAY=SA", "15:00", 90, "system-design"),
    ("Story rehearsal", "FREQ=WEEKLY;BYDAY=WE", "08:15", 25, "behavioral"),
)
WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
NOTES = (
    "## Approach\n\nWrite the brute force first, then find the repeated work.\n\n## Pitfalls\n\n- empty input\n"
    "- off-by-one at the window edge\n"
)


def _slugify(title: str) -> str:
    out: list[str] = []
    for ch in title.lower():
        if ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def _naive(at: datetime) -> datetime:
    return at.astimezone(UTC).replace(tzinfo=None)


# ------------------------------------------------------------------------------------------------------ the rows
class _Builder:
    def __init__(self, rng: random.Random, counts: Counts, now: datetime) -> None:
        self.rng = rng
        self.n = counts
        self.now = now
        self.zone = datetime.now().astimezone().tzinfo
        self.today = now.astimezone(self.zone).date()
        self.year_ago = now - timedelta(days=HISTORY_DAYS)
        self.out: dict[str, list[dict[str, Any]]] = {}

    def rows(self, db: Any) -> dict[str, list[dict[str, Any]]]:
        from sqlalchemy import text

        with db.read() as session:
            self.columns = {
                name: (cid, bool(done))
                for cid, name, done in session.connection().execute(
                    text("SELECT id, name, is_done FROM board_column ORDER BY position")
                )
            }
        self._companies()
        self._topics()
        self._problems()
        self._attempts()
        self._papers()
        self._rounds()
        self._questions()
        self._stories()
        self._schedule()
        return self.out

    def _add(self, table: str, row: dict[str, Any]) -> None:
        self.out.setdefault(table, []).append(row)

    def _past(self, days: int = HISTORY_DAYS) -> datetime:
        """A moment in the last ``days`` days, never in the future."""
        return self.now - timedelta(seconds=self.rng.randint(3600, days * 86400))

    def _local(self, day: date, hhmm: str) -> datetime:
        hour, minute = (int(x) for x in hhmm.split(":"))
        return datetime.combine(day, time(hour, minute), tzinfo=self.zone).astimezone(UTC)

    # -------------------------------------------------------------------------------------------- companies
    def _companies(self) -> None:
        rng = self.rng
        names = [f"{a} {b}" for a in COMPANY_A for b in COMPANY_B]
        rng.shuffle(names)
        statuses = ["active"] * 10 + ["rejected"] * 4 + ["paused"] * 3 + ["withdrawn"] * 2 + ["offer"]
        self.company_ids = []
        for i in range(self.n.companies):
            name = names[i] if i < len(names) else f"{names[i % len(names)]} {i // len(names) + 1}"
            created = self._past()
            self._add(
                "company",
                {
                    "id": i + 1,
                    "name": name,
                    "role": rng.choice(ROLES),
                    "level": rng.choice(LEVELS),
                    "team": rng.choice([None, "Ranking", "Search", "Ads", "Platform", "Perception"]),
                    "source": rng.choice(["referral", "recruiter", "cold-message", "applied", "other", None]),
                    "status": rng.choice(statuses),
                    "values": "Customer obsession\nOwnership\nBias for action"
                    if rng.random() < 0.3
                    else None,
                    "notes": "Recruiter: reply within 2 days. Team is hiring 3."
                    if rng.random() < 0.4
                    else None,
                    "created_at": _naive(created),
                },
            )
            self.company_ids.append(i + 1)

    # -------------------------------------------------------------------------------------------- topics
    def _topics(self) -> None:
        self.topic_ids: dict[str, list[int]] = {}
        for i, (name, area) in enumerate(TOPICS, start=1):
            reviewed = self._past(90) if self.rng.random() < 0.6 else None
            self._add(
                "topic",
                {
                    "id": i,
                    "name": name,
                    "area": area,
                    "notes": f"# {name}\n\nKey ideas, formulas and pitfalls.",
                    "last_reviewed_at": _naive(reviewed) if reviewed else None,
                    "created_at": _naive(self.year_ago),
                },
            )
            self.topic_ids.setdefault(area, []).append(i)
        self.all_topics = list(range(1, len(TOPICS) + 1))

    # -------------------------------------------------------------------------------------------- problems
    def _problems(self) -> None:
        from tracker.services.catalog import PROBLEM_LISTS, catalog_problems, problem_index

        rng = self.rng
        pattern_id = {name: i for i, name in enumerate(PATTERNS, start=1)}
        catalog = list(problem_index().values())
        for p in catalog:
            for name in p.patterns:
                if name not in pattern_id:
                    pattern_id[name] = len(pattern_id) + 1
        for name, pid in pattern_id.items():
            self._add("pattern", {"id": pid, "name": name})
        list_names = [*PROBLEM_LISTS.items(), *((_slugify(n), n) for n in EXTRA_LISTS)]
        list_id: dict[str, int] = {}
        for i, (slug, name) in enumerate(list_names, start=1):
            self._add("problem_list", {"id": i, "name": name, "slug": slug})
            list_id[slug] = i
        # list membership of catalog problems, in catalog order
        catalog_lists: dict[int, list[tuple[int, int]]] = {}
        for slug in PROBLEM_LISTS:
            for pos, p in enumerate(catalog_problems(slug)):
                catalog_lists.setdefault(p.number, []).append((list_id[slug], pos))
        extra_list_ids = [list_id[_slugify(n)] for n in EXTRA_LISTS]
        list_next = {lid: 0 for lid in extra_list_ids}

        numbers_used = {p.number for p in catalog}
        slugs_used = {p.slug for p in catalog}
        next_number = 1
        self.problems: list[dict[str, Any]] = []
        for i in range(self.n.problems):
            pid = i + 1
            if i < len(catalog):
                c = catalog[i]
                number, title, slug, difficulty, patterns = (
                    c.number,
                    c.title,
                    c.slug,
                    c.difficulty,
                    c.patterns,
                )
                lists = catalog_lists.get(number, [])
            else:
                while next_number in numbers_used:
                    next_number += 1
                number = next_number
                numbers_used.add(number)
                title = f"{rng.choice(TITLE_A)} {rng.choice(TITLE_B)}{rng.choice(TITLE_C)}"
                slug = _slugify(title)
                k = 2
                base_title = title
                while slug in slugs_used:
                    title = f"{base_title} {k}"
                    slug = _slugify(title)
                    k += 1
                slugs_used.add(slug)
                difficulty = rng.choices(("easy", "medium", "hard"), weights=(25, 55, 20))[0]
                patterns = tuple(rng.sample(PATTERNS, rng.choice((1, 1, 1, 2))))
                lists = []
                for lid in extra_list_ids:
                    if rng.random() < 0.05:
                        lists.append((lid, list_next[lid]))
                        list_next[lid] += 1
            created = self.year_ago - timedelta(days=rng.randint(0, 30))
            row = {
                "id": pid,
                "number": number,
                "slug": slug,
                "title": title,
                "url": f"https://leetcode.com/problems/{slug}/",
                "difficulty": difficulty,
                "gist": None,
                "notes": NOTES if rng.random() < 0.05 else None,
                "mastery": None,
                "card": None,
                "due_at": None,
                "attempts_count": 0,
                "last_attempt_at": None,
                "created_at": _naive(created),
                "updated_at": _naive(created),
            }
            self._add("problem", row)
            self.problems.append(row)
            for name in patterns:
                self._add("problem_pattern", {"problem_id": pid, "pattern_id": pattern_id[name]})
            for lid, pos in lists:
                self._add("problem_list_item", {"problem_id": pid, "list_id": lid, "position": pos})
            if rng.random() < 0.3:
                for cid in rng.sample(self.company_ids, min(len(self.company_ids), rng.randint(1, 3))):
                    self._add("problem_company", {"problem_id": pid, "company_id": cid})

    # -------------------------------------------------------------------------------------------- attempts
    def _attempts(self) -> None:
        """Spread the attempts over ~40% of the problems (catalog ones first), then replay FSRS per problem."""
        from tracker.domain.mastery import Mastery, review

        rng = self.rng
        n_attempts = self.n.attempts
        n_tried = max(1, min(len(self.problems), round(len(self.problems) * 0.4), n_attempts))
        n_catalog = min(n_tried, 150)
        tried = self.problems[:n_catalog] + rng.sample(self.problems[n_catalog:], n_tried - n_catalog)
        per = [1] * n_tried
        weights = [rng.paretovariate(1.3) for _ in tried]
        for index in rng.choices(range(n_tried), weights=weights, k=n_attempts - n_tried):
            per[index] += 1
        attempt_id = 0
        for problem, k in zip(tried, per, strict=True):
            start = self.year_ago + timedelta(seconds=rng.randint(0, HISTORY_DAYS * 86400 - 7200))
            span = (self.now - timedelta(hours=1) - start).total_seconds()
            moments = sorted(start + timedelta(seconds=rng.randint(0, int(span))) for _ in range(k - 1))
            moments.insert(0, start)
            skill = rng.random() * 0.7
            base = {"easy": 15, "medium": 35, "hard": 55}[problem["difficulty"] or "medium"]
            state = None
            rating = 1
            for j, at in enumerate(moments):
                roll = skill + 0.12 * j + rng.uniform(-0.25, 0.25)
                rating = 1 if roll < 0.25 else 2 if roll < 0.5 else 3 if roll < 0.8 else 4
                state = review(state, Mastery(rating), at)
                attempt_id += 1
                self._add(
                    "attempt",
                    {
                        "id": attempt_id,
                        "problem_id": problem["id"],
                        "at": _naive(at),
                        "rating": rating,
                        "minutes": max(3, base + rng.randint(-10, 20)),
                        "note": "Missed the edge case with an empty input." if rating == 3 else None,
                    },
                )
            assert state is not None and state.due is not None
            problem.update(
                mastery=rating,
                card=state.to_dict(),
                due_at=_naive(state.due),
                attempts_count=k,
                last_attempt_at=_naive(moments[-1]),
                updated_at=_naive(moments[-1]),
                gist=rng.choice(GISTS) if rng.random() < 0.6 else None,
            )

    # -------------------------------------------------------------------------------------------- papers
    def _papers(self) -> None:
        from tracker.services.catalog import catalog_papers

        rng = self.rng
        catalog = list(catalog_papers())
        arxiv_used = {r["arxiv_id"] for r in catalog if r.get("arxiv_id")}
        titles_used: set[str] = set()
        statuses = ["to-read"] * 10 + ["reading"] * 2 + ["read"] * 7 + ["revisit"]
        for i in range(self.n.papers):
            pid = i + 1
            if i < len(catalog):
                c = catalog[i]
                title, authors, venue = c["title"], c["authors"], c["venue"] or None
                year = int(c["year"]) if c.get("year") else None
                arxiv = c.get("arxiv_id") or None
                domain, url, tldr = c.get("domain") or None, c.get("url") or None, c.get("tldr") or None
            else:
                title = f"{rng.choice(PAPER_METHOD)} {rng.choice(PAPER_NOUN)} for {rng.choice(PAPER_TASK)}"
                k = 2
                base = title
                while title.lower() in titles_used:
                    title = f"{base}, Part {k}"
                    k += 1
                authors = ", ".join(
                    f"{chr(65 + rng.randrange(26))}. {rng.choice(SURNAMES)}" for _ in range(rng.randint(1, 6))
                )
                year = rng.randint(2012, self.today.year)
                venue = rng.choice(VENUES)
                arxiv = None
                if rng.random() < 0.85:
                    while arxiv is None or arxiv in arxiv_used:
                        arxiv = f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(1, 29999):05d}"
                    arxiv_used.add(arxiv)
                domain = rng.choice(DOMAINS)
                url = f"https://arxiv.org/abs/{arxiv}" if arxiv else None
                tldr = None
            titles_used.add(title.lower())
            status = statuses[i % len(statuses)] if i < len(catalog) else rng.choice(statuses)
            read_on = None
            if status in ("read", "revisit"):
                read_on = self.today - timedelta(days=rng.randint(0, HISTORY_DAYS))
                tldr = tldr or f"{title}: a simple change that beats the baseline; the ablations show why."
            created = self._past()
            self._add(
                "paper",
                {
                    "id": pid,
                    "title": title,
                    "authors": authors,
                    "year": year,
                    "venue": venue,
                    "url": url,
                    "arxiv_id": arxiv,
                    "domain": domain,
                    "status": status,
                    "tldr": tldr,
                    "notes": "## Method\n\nWhat changed and why it works.\n\n## Results\n\nHeadline numbers."
                    if status == "read" and rng.random() < 0.5
                    else None,
                    "read_on": read_on,
                    "created_at": _naive(created),
                    "updated_at": _naive(created),
                },
            )
            for tid in rng.sample(self.all_topics, rng.randint(1, 3)):
                self._add("paper_topic", {"paper_id": pid, "topic_id": tid})

    # -------------------------------------------------------------------------------------------- rounds
    def _rounds(self) -> None:
        from tracker.services.catalog import round_kinds

        rng = self.rng
        kinds = round_kinds()
        names = {"scheduling": None, "scheduled": None, "done": None}
        for name, (cid, done) in self.columns.items():
            key = "done" if done else name.lower()
            names[key if key in names else "scheduling"] = cid
        fallback = next(iter(self.columns.values()))[0]
        col_id = {k: v if v is not None else fallback for k, v in names.items()}
        drafts: list[dict[str, Any]] = []
        for i in range(self.n.rounds):
            roll = rng.random()
            kind = rng.choice(list(kinds))
            spec = kinds[kind]
            if roll < 0.6:
                column = "done"
                day = self.today - timedelta(days=rng.randint(1, HISTORY_DAYS))
                when: datetime | None = self._local(day, f"{rng.randint(9, 17)}:00")
                outcome = rng.choices(("passed", "failed", "pending"), weights=(60, 30, 10))[0]
            elif roll < 0.85:
                column = "scheduled"
                day = self.today + timedelta(days=rng.randint(1, FUTURE_ROUND_DAYS))
                when = self._local(day, f"{rng.randint(9, 17)}:{rng.choice(('00', '30'))}")
                outcome = None
            else:
                column = "scheduling"
                when = None
                if rng.random() < 0.4:
                    day = self.today + timedelta(days=rng.randint(7, FUTURE_ROUND_DAYS))
                    when = self._local(day, "10:00")
                outcome = None
            created = (when or self.now) - timedelta(days=rng.randint(7, 30))
            created = min(created, self.now)
            drafts.append(
                {
                    "id": i + 1,
                    "company_id": rng.choice(self.company_ids),
                    "kind": kind,
                    "column_id": col_id[column],
                    "position": 0,
                    "scheduled_at": _naive(when) if when else None,
                    "duration_minutes": spec.duration,
                    "prep_days": spec.prep_days,
                    "interviewer": rng.choice([None, "Sam (EM)", "Priya, staff engineer", "Alex"]),
                    "prepare": spec.prepare or None,
                    "notes": "Ask about team size and on-call." if rng.random() < 0.3 else None,
                    "outcome": outcome,
                    "feedback": "Strong on fundamentals; be crisper on trade-offs."
                    if outcome == "passed"
                    else None,
                    "created_at": _naive(created),
                    "updated_at": _naive(when if when and when < self.now else created),
                    "_column": column,
                }
            )
        # positions 0..n-1 per column: soonest first in the open columns, most recent first in Done
        far = datetime.max
        for column in ("scheduling", "scheduled", "done"):
            in_col = [d for d in drafts if d["_column"] == column]
            in_col.sort(key=lambda d: (d["scheduled_at"] or far, d["id"]), reverse=column == "done")
            for pos, d in enumerate(in_col):
                d["position"] = pos
        self.round_ids = []
        for d in drafts:
            column = d.pop("_column")
            self._add("round", d)
            self.round_ids.append(d["id"])
            if column == "done":
                self._add(
                    "round_event",
                    {
                        "id": len(self.out.get("round_event", [])) + 1,
                        "round_id": d["id"],
                        "at": d["scheduled_at"] + timedelta(hours=2),
                        "from_column": "Scheduled",
                        "to_column": "Done",
                        "outcome": d["outcome"],
                    },
                )
            area = {"coding": "coding", "ml-coding": "coding", "behavioral": "behavioral"}.get(d["kind"])
            if area is None and d["kind"] in ("system-design", "ml-system-design"):
                area = "system-design"
            if area is None and d["kind"].startswith("ml-"):
                area = d["kind"][3:]
            pool = self.topic_ids.get(area or "", [])
            for tid in rng.sample(pool, min(len(pool), rng.randint(0, 2))):
                self._add("round_topic", {"round_id": d["id"], "topic_id": tid})

    # -------------------------------------------------------------------------------------------- questions
    def _questions(self) -> None:
        from tracker.services.catalog import catalog_questions

        rng = self.rng
        catalog = list(catalog_questions())
        used: set[str] = set()
        self.question_competency: dict[int, str | None] = {}
        for i in range(self.n.questions):
            qid = i + 1
            if i < len(catalog):
                text, kind, competency = (
                    catalog[i]["text"],
                    "behavioral",
                    catalog[i].get("competency") or None,
                )
            elif rng.random() < 0.7:
                kind, competency = "behavioral", rng.choice(COMPETENCIES)
                text = rng.choice(QUESTION_STEMS).format(rng.choice(QUESTION_ACTS))
            else:
                kind, competency = "technical", None
                text = rng.choice(TECH_QUESTIONS).format(rng.choice(TECH_WHAT), rng.choice(TECH_WHERE))
            base, k = text, 2
            while text.lower() in used:
                text = f"{base} (variant {k})"
                k += 1
            used.add(text.lower())
            topic = rng.choice(self.all_topics) if kind == "technical" or rng.random() < 0.2 else None
            self._add(
                "question",
                {
                    "id": qid,
                    "text": text,
                    "kind": kind,
                    "competency": competency,
                    "answer": "Outline: context, what I did, the result, what I learned."
                    if rng.random() < 0.3
                    else None,
                    "confidence": rng.choice([None, 1, 2, 3, 4, 5]),
                    "topic_id": topic,
                    "company_id": rng.choice(self.company_ids) if rng.random() < 0.25 else None,
                    "round_id": rng.choice(self.round_ids) if rng.random() < 0.15 else None,
                    "created_at": _naive(self._past()),
                },
            )
            self.question_competency[qid] = competency

    # -------------------------------------------------------------------------------------------- stories
    def _stories(self) -> None:
        rng = self.rng
        by_comp: dict[str, list[int]] = {}
        for qid, comp in self.question_competency.items():
            if comp:
                by_comp.setdefault(comp, []).append(qid)
        all_q = list(self.question_competency)
        has_best: set[int] = set()
        rehearsal_id = 0
        for i in range(self.n.stories):
            sid = i + 1
            tags = rng.sample(COMPETENCIES, rng.randint(1, 3))
            strength = rng.randint(1, 5)
            created = self._past()
            times = sorted(
                created + timedelta(seconds=rng.randint(0, int((self.now - created).total_seconds())))
                for _ in range(rng.randint(0, 6) if strength >= 3 else rng.randint(0, 1))
            )
            for at in times:
                rehearsal_id += 1
                self._add(
                    "rehearsal",
                    {"id": rehearsal_id, "story_id": sid, "at": _naive(at), "seconds": rng.randint(60, 240)},
                )
            self._add(
                "story",
                {
                    "id": sid,
                    "title": f"{rng.choice(STORY_VERBS)} {rng.choice(STORY_THINGS)}",
                    "situation": "Our team owned a service that paged on-call twice a week and blocked two launches.",
                    "task": "I had to fix it within the quarter without pausing feature work.",
                    "action": "I measured where time went, split the work into three milestones and paired with "
                    "the two engineers who knew the code best.",
                    "result": f"Pages dropped by {rng.randint(20, 90)}% and both launches shipped on time.",
                    "tags": tags,
                    "strength": strength,
                    "rehearsals": len(times),
                    "last_rehearsed_at": _naive(times[-1]) if times else None,
                    "created_at": _naive(created),
                    "updated_at": _naive(times[-1] if times else created),
                },
            )
            pool = sorted({q for t in tags for q in by_comp.get(t, [])}) or all_q
            for qid in rng.sample(pool, min(len(pool), rng.randint(1, 4))):
                best = qid not in has_best
                has_best.add(qid)
                self._add("story_question", {"story_id": sid, "question_id": qid, "is_best": best})

    # -------------------------------------------------------------------------------------------- schedule
    def _schedule(self) -> None:
        rng = self.rng
        rules = []
        for i, (label, rrule, start, minutes, focus) in enumerate(STUDY_RULES[:RULES], start=1):
            days = {WEEKDAYS[d] for d in rrule.split("BYDAY=")[1].split(",")}
            rules.append((i, label, start, minutes, focus, days))
            self._add(
                "study_rule",
                {
                    "id": i,
                    "label": label,
                    "rrule": rrule,
                    "start_time": start,
                    "minutes": minutes,
                    "focus": focus,
                    "exceptions": [],
                    "active": True,
                    "created_at": _naive(self.year_ago - timedelta(days=1)),
                },
            )
        # a few days off: two holiday weeks and some scattered days
        days_off: set[date] = set()
        for _ in range(2):
            first = self.today - timedelta(days=rng.randint(30, HISTORY_DAYS - 10))
            days_off.update(first + timedelta(days=k) for k in range(7))
        days_off.update(self.today - timedelta(days=rng.randint(1, HISTORY_DAYS)) for _ in range(8))
        for i, day in enumerate(sorted(days_off), start=1):
            self._add("day_off", {"id": i, "day": day, "note": "vacation" if i % 3 else None})
        problem_ids = [p["id"] for p in self.problems]
        paper_ids = list(range(1, self.n.papers + 1))
        story_ids = list(range(1, self.n.stories + 1))
        upcoming = [r for r in self.out["round"] if r["scheduled_at"] and r["outcome"] is None]
        block_id = 0
        for offset in range(-HISTORY_DAYS, PLANNED_DAYS):
            day = self.today + timedelta(days=offset)
            if day in days_off:
                continue
            for rule_id, label, start, minutes, focus, weekdays in rules:
                if day.weekday() not in weekdays:
                    continue
                begin = self._local(day, start)
                end = begin + timedelta(minutes=minutes)
                if end <= self.now:
                    status = rng.choices(("done", "skipped", "planned"), weights=(75, 20, 5))[0]
                else:
                    status = "planned"
                activity = focus if focus != "any" else rng.choice(("coding", "papers", "behavioral"))
                items = self._items(activity, minutes, problem_ids, paper_ids, story_ids)
                round_id = None
                if offset >= 0 and upcoming and rng.random() < 0.3:
                    round_id = rng.choice(upcoming)["id"]
                block_id += 1
                self._add(
                    "study_block",
                    {
                        "id": block_id,
                        "rule_id": rule_id,
                        "round_id": round_id,
                        "start_at": _naive(begin),
                        "end_at": _naive(end),
                        "activity": activity,
                        "title": label,
                        "items": items,
                        "status": status,
                        "pinned": rng.random() < 0.03,
                        "created_at": _naive(min(begin - timedelta(days=7), self.now)),
                    },
                )

    def _items(
        self, activity: str, minutes: int, problems: list[int], papers: list[int], stories: list[int]
    ) -> list[dict[str, Any]]:
        rng = self.rng
        kind, pool, each = {
            "coding": ("problem", problems, 30),
            "papers": ("paper", papers, 45),
            "behavioral": ("story", stories, 15),
        }.get(activity, ("topic", self.all_topics, 30))
        n = max(1, min(len(pool), minutes // each))
        return [{"kind": kind, "ref_id": ref, "minutes": each} for ref in rng.sample(pool, n)]


def iter_counts(path: Path) -> Iterator[tuple[str, int]]:
    """(table, rows) for every table of a database file, read with sqlite3 only."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for name in names:
            if not name.startswith(("sqlite_", "alembic_")):
                yield name, con.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
    finally:
        con.close()
