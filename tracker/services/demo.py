"""`prep demo`: a realistic month of somebody's interview preparation, relative to today."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from tracker.services.base import Database, ServiceError

COMPANIES = [
    ("Northwind AI", "ML Engineer, Ranking", "Senior", "referral"),
    ("Lumen Search", "Machine Learning Engineer", "L5", "recruiter"),
    ("Helix Robotics", "Perception Engineer", "Senior", "applied"),
    ("Orbital Pay", "Software Engineer, ML Platform", "Staff", "cold-message"),
    ("Quanta Labs", "Applied Scientist", "II", "recruiter"),
]

# (company index, kind, column, days from today, hour, outcome)
ROUNDS = [
    (0, "recruiter", "Done", -24, 11, "passed"),
    (0, "coding", "Done", -12, 15, "passed"),
    (0, "ml-system-design", "Scheduled", 4, 14, None),
    (0, "ml-breadth", "Scheduled", 4, 16, None),
    (0, "behavioral", "Scheduled", 5, 10, None),
    (1, "recruiter", "Done", -18, 10, "passed"),
    (1, "phone-screen", "Done", -6, 13, "passed"),
    (1, "coding", "Scheduled", 9, 11, None),
    (1, "ml-depth", "Scheduling", None, None, None),
    (2, "hiring-manager", "Done", -9, 17, "passed"),
    (2, "coding", "Scheduled", 15, 10, None),
    (2, "project-deep-dive", "Scheduling", None, None, None),
    (3, "recruiter", "Done", -20, 9, "passed"),
    (3, "coding", "Done", -8, 14, "failed"),
    (4, "recruiter", "Scheduled", 2, 12, None),
    (4, "ml-coding", "Scheduling", 19, 15, None),
]

STORIES = [
    (
        "Migrated the ranking service without downtime",
        "Our feed ranking service ran on a deprecated serving stack that paged on-call twice a week.",
        "I owned moving it to the new platform before the old one was switched off, with no drop in engagement.",
        "I shadowed traffic for two weeks, built a diff dashboard on scores, and rolled out by 5% steps.",
        "Zero downtime, p99 latency down 38%, and pages dropped to one a month.",
        ["impact", "ownership", "ambiguity"],
        5,
    ),
    (
        "Disagreed with a PM about launching early",
        "A PM wanted to launch a new recommendation model after one day of A/B data.",
        "I had to make the case for waiting without blocking the team's quarterly goal.",
        "I showed the novelty effect in past launches and proposed a 7-day readout with a guardrail metric.",
        "We waited; the lift shrank from 4% to 1.2% but held, and the PM adopted the 7-day rule.",
        ["conflict", "communication", "influence"],
        4,
    ),
    (
        "A model that silently degraded",
        "A fraud model lost recall for a month because an upstream feature changed units.",
        "As the model owner I had to find the cause and make sure it could not happen again.",
        "I traced the drift to the feature, backfilled, and added distribution checks to the pipeline.",
        "Recall recovered within a day; the checks have since caught three more upstream changes.",
        ["failure", "ownership", "learning"],
        3,
    ),
    (
        "Mentored a new grad through their first launch",
        "A new grad joined mid-project with no production ML experience.",
        "I was asked to get them productive on the embedding retraining job.",
        "We paired daily for two weeks, then I moved to reviews and let them lead the launch meeting.",
        "They shipped the job on time and now own it; they were promoted a year later.",
        ["leadership", "teamwork"],
        2,
    ),
    (
        "Scoped an ambiguous search-quality project",
        "Leadership asked to 'make search better' with no metric or owner.",
        "I volunteered to turn it into a plan the team could execute.",
        "I interviewed support, labelled 500 failing queries, and grouped them into three fixable themes.",
        "We shipped fixes for two themes in a quarter; null-result rate fell by a third.",
        ["ambiguity", "impact", "customer-focus"],
        4,
    ),
    (
        "Missed a deadline on a data pipeline",
        "I committed to a two-week estimate for a new training data pipeline.",
        "The pipeline had to be ready for a model refresh.",
        "I hit backfill issues late and told my manager only in the last days.",
        "We slipped a week; I now flag risk at the midpoint and split estimates into milestones.",
        ["failure", "communication"],
        1,
    ),
]

TOPICS = [
    ("Transformers", "ml-depth"),
    ("Ranking metrics", "ml-breadth"),
    ("Recsys system design", "system-design"),
    ("Dynamic programming", "coding"),
    ("Graphs", "coding"),
    ("Diffusion models", "ml-depth"),
    ("Leadership stories", "behavioral"),
]

DOMAIN_TOPICS = {
    "nlp": ("Transformers",),
    "llm": ("Transformers",),
    "generative": ("Diffusion models",),
    "ranking": ("Ranking metrics", "Recsys system design"),
    "recsys": ("Recsys system design",),
}

# (text, topic, confidence 1-5, answer, company index or None, round kind it was asked in)
TECHNICAL_QUESTIONS = [
    (
        "Why does attention divide by the square root of d_k?",
        "Transformers",
        4,
        "Dot products grow with dimension; scaling keeps softmax out of its flat, tiny-gradient regions.",
        0,
        "coding",
    ),
    (
        "How would you evaluate a ranking model offline?",
        "Ranking metrics",
        3,
        "NDCG@k and MRR on held-out sessions; check calibration and slice by new vs returning users.",
        0,
        "ml-system-design",
    ),
    (
        "Design the candidate generation stage for a video feed.",
        "Recsys system design",
        2,
        "Two-tower retrieval with ANN index, plus heuristic sources; dedupe and cap per source.",
        0,
        "ml-system-design",
    ),
    (
        "What is the difference between NDCG and MAP?",
        "Ranking metrics",
        4,
        "MAP uses binary relevance; NDCG uses graded gains with a log position discount.",
        1,
        "phone-screen",
    ),
    (
        "Explain the DDPM training objective.",
        "Diffusion models",
        2,
        "Predict the added noise at a random step; a simple MSE that bounds the likelihood.",
        None,
        "",
    ),
    (
        "When is a trie better than a hash set of words?",
        "Graphs",
        3,
        "Prefix queries and incremental matching, e.g. word search on a board.",
        3,
        "coding",
    ),
    (
        "How does KV caching speed up decoding?",
        "Transformers",
        3,
        "Keys and values of past tokens are kept, so each step attends without recomputing them.",
        None,
        "",
    ),
    (
        "Top-down vs bottom-up dynamic programming: when each?",
        "Dynamic programming",
        4,
        "Top-down when few states are reachable; bottom-up to control memory and avoid recursion depth.",
        None,
        "",
    ),
]

GISTS = {
    "Arrays & Hashing": "hash map from value to index; one pass",
    "Two Pointers": "sort, then move the pointer on the smaller side",
    "Sliding Window": "grow right, shrink left while the window is invalid",
    "Stack": "monotonic stack keeps the next greater element",
    "Binary Search": "binary search on the answer space with a feasibility check",
    "Linked List": "fast and slow pointers; dummy head avoids edge cases",
    "Trees": "DFS returning a tuple from each subtree",
    "Tries": "trie of characters with an end-of-word flag",
    "Heap / Priority Queue": "min-heap of size k",
    "Backtracking": "choose, recurse, un-choose; prune early",
    "Graphs": "BFS from every unvisited node; count components",
    "Advanced Graphs": "Dijkstra with a heap of (dist, node)",
    "1-D Dynamic Programming": "dp[i] from dp[i-1] and dp[i-2]",
    "2-D Dynamic Programming": "dp over two indices; fill row by row",
    "Greedy": "track the farthest reachable index",
    "Intervals": "sort by start, merge when overlapping",
    "Math & Geometry": "rotate layer by layer",
    "Bit Manipulation": "x & (x - 1) drops the lowest set bit",
}


class DatabaseNotEmpty(ServiceError):
    pass


def has_user_data(db: Database) -> bool:
    from sqlmodel import select

    from tracker.db.tables import Company, Paper, Problem, Question, Story, StudyRule

    with db.read() as session:
        return any(
            session.exec(select(model.id).limit(1)).first() is not None  # type: ignore[attr-defined]
            for model in (Problem, Company, Paper, Story, Question, StudyRule)
        )


def load_demo(db: Database, *, now: datetime | None = None, seed: int = 7) -> str:
    """Fill an empty database with a realistic sample; refuses a database that already holds data."""
    if has_user_data(db):
        raise DatabaseNotEmpty("the database already holds data; `prep demo` only fills an empty one")
    now = now or datetime.now(UTC)
    rng = random.Random(seed)
    from tracker.services.catalog import catalog_papers, catalog_problems, catalog_questions
    from tracker.services.papers import merge_catalog_papers
    from tracker.services.problems import merge_catalog_problems
    from tracker.services.stories import merge_catalog_questions

    added, _ = merge_catalog_problems(db, "NeetCode 150", "neetcode150", catalog_problems("neetcode150"))
    more, _ = merge_catalog_problems(db, "Blind 75", "blind75", catalog_problems("blind75"))
    merge_catalog_papers(db, catalog_papers())
    merge_catalog_questions(db, catalog_questions())
    with db.write() as session:
        counts = _fill(session, rng, now)
    try:
        from tracker.services import schedule

        replan = getattr(schedule, "replan", None)
        if replan is not None:
            replan(db, start=now.astimezone().date(), days=21, now=now)  # the demo's moment, not the clock's
    except ImportError:
        pass
    return (
        f"demo data loaded: {counts['companies']} companies, {counts['rounds']} rounds, "
        f"{added + more} problems ({counts['attempted']} with {counts['attempts']} attempts), {counts['papers']} papers, "
        f"{counts['stories']} stories, {counts['rules']} study rules"
    )


def _fill(session: Any, rng: random.Random, now: datetime) -> dict[str, int]:
    from sqlmodel import col, select

    from tracker.db.tables import (
        BoardColumn,
        Company,
        Paper,
        PaperTopic,
        Pattern,
        Problem,
        ProblemCompany,
        ProblemPattern,
        Question,
        Rehearsal,
        Round,
        RoundEvent,
        RoundTopic,
        Story,
        StoryQuestion,
        StudyBlock,
        StudyRule,
        Topic,
    )
    from tracker.services.catalog import round_kinds
    from tracker.services.problems import record_attempt

    local = now.astimezone()
    today = local.date()
    zone = local.tzinfo

    def at_local(day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=zone).astimezone(UTC)

    companies = []
    for name, role, level, source in COMPANIES:
        c = Company(name=name, role=role, level=level, source=source, status="active")
        session.add(c)
        companies.append(c)
    companies[3].status = "rejected"
    companies[0].values = "Customer obsession\nOwnership\nBias for action"
    session.flush()

    topics = {}
    for name, area in TOPICS:
        t = Topic(name=name, area=area, notes=f"# {name}\n\nKey ideas, formulas and pitfalls.")
        if rng.random() < 0.6:
            t.last_reviewed_at = now - timedelta(days=rng.randint(1, 30))
        session.add(t)
        topics[name] = t
    session.flush()

    columns = {c.name: c for c in session.exec(select(BoardColumn))}
    kinds = round_kinds()
    positions: dict[int, int] = {}
    rounds = []
    for ci, kind, colname, days, hour, outcome in ROUNDS:
        column = columns[colname]
        pos = positions.get(column.id or 0, 0)
        positions[column.id or 0] = pos + 1
        when = at_local(today + timedelta(days=days), hour) if days is not None and hour is not None else None
        spec = kinds.get(kind)
        r = Round(
            company_id=companies[ci].id or 0,
            kind=kind,
            column_id=column.id or 0,
            position=pos,
            scheduled_at=when,
            duration_minutes=spec.duration if spec else 60,
            prep_days=spec.prep_days if spec else 3,
            prepare=spec.prepare if spec else None,
            outcome=outcome,
            feedback="Strong on fundamentals; be crisper on trade-offs." if outcome == "passed" else None,
        )
        session.add(r)
        rounds.append(r)
    session.flush()
    for r in rounds:
        if r.outcome:
            session.add(
                RoundEvent(
                    round_id=r.id or 0,
                    at=(r.scheduled_at or now) + timedelta(hours=2),
                    from_column="Scheduled",
                    to_column="Done",
                    outcome=r.outcome,
                )
            )
        if r.kind in ("ml-system-design", "ml-breadth"):
            session.add(RoundTopic(round_id=r.id or 0, topic_id=topics["Recsys system design"].id or 0))
            session.add(RoundTopic(round_id=r.id or 0, topic_id=topics["Ranking metrics"].id or 0))
        if r.kind == "ml-depth":
            session.add(RoundTopic(round_id=r.id or 0, topic_id=topics["Transformers"].id or 0))

    # Problems: ~80 with six weeks of attempts on all four ratings.
    problems = list(session.exec(select(Problem).order_by(col(Problem.number))))
    pattern_of: dict[int, str] = {}
    for pid, pname in session.exec(
        select(ProblemPattern.problem_id, Pattern.name).join(Pattern, Pattern.id == ProblemPattern.pattern_id)  # type: ignore[arg-type]
    ):
        pattern_of[pid] = pname
    chosen = rng.sample(problems, min(80, len(problems)))
    attempts = 0
    for problem in chosen:
        tries = rng.choice([1, 1, 2, 2, 3])
        day0 = rng.randint(2, 42)
        skill = rng.random()
        for k in range(tries):
            days_ago = max(0, day0 - k * rng.randint(3, 9))
            at = at_local(
                today - timedelta(days=days_ago), rng.choice([7, 8, 19, 20, 21]), rng.randint(0, 59)
            )
            if at > now:
                at = now - timedelta(minutes=30)
            roll = skill + 0.15 * k + rng.uniform(-0.2, 0.2)
            rating = 1 if roll < 0.25 else 2 if roll < 0.5 else 3 if roll < 0.75 else 4
            minutes = {"easy": 15, "medium": 35, "hard": 55}.get(problem.difficulty or "medium", 35)
            record_attempt(
                session,
                problem,
                rating,
                at,
                minutes=minutes + rng.randint(-8, 15),
                note="Missed the edge case with an empty input." if rating == 3 else None,
            )
            attempts += 1
        problem.gist = GISTS.get(pattern_of.get(problem.id or 0, ""), None)
        if rng.random() < 0.35:
            session.add(ProblemCompany(problem_id=problem.id or 0, company_id=rng.choice(companies).id or 0))
    session.flush()

    # Papers in every status.
    papers = list(session.exec(select(Paper).order_by(col(Paper.id))))
    for i, paper in enumerate(papers):
        bucket = i % 6
        if bucket in (0, 1):
            paper.status = "read"
            paper.read_on = today - timedelta(days=rng.randint(0, 40))
            paper.notes = (
                "## Method\n\nWhat they changed and why it works.\n\n## Results\n\nHeadline numbers."
            )
        elif bucket == 2:
            paper.status = "reading"
        elif bucket == 3 and i % 12 == 3:
            paper.status = "revisit"
            paper.read_on = today - timedelta(days=rng.randint(20, 60))
        else:
            paper.status = "to-read"
        session.add(paper)
    # Papers filed under the topic pages of the rounds that need them.
    per_topic: dict[str, int] = {}
    for paper in papers:
        for topic_name in DOMAIN_TOPICS.get(paper.domain or "", ()):
            if per_topic.get(topic_name, 0) < 8:
                per_topic[topic_name] = per_topic.get(topic_name, 0) + 1
                session.add(PaperTopic(paper_id=paper.id or 0, topic_id=topics[topic_name].id or 0))

    # Technical questions asked in past rounds or kept for upcoming ones, with the answers written so far.
    by_kind: dict[tuple[int | None, str], Round] = {(r.company_id, r.kind): r for r in rounds}
    for text, topic_name, confidence, answer, company_index, kind in TECHNICAL_QUESTIONS:
        asked_in = by_kind.get((companies[company_index].id, kind)) if company_index is not None else None
        session.add(
            Question(
                text=text,
                kind="technical",
                topic_id=topics[topic_name].id,
                confidence=confidence,
                answer=answer,
                company_id=companies[company_index].id if company_index is not None else None,
                round_id=asked_in.id if asked_in else None,
            )
        )

    # Stories linked to questions, some rehearsed.
    questions = list(session.exec(select(Question).order_by(col(Question.id))))
    by_comp: dict[str, list[Any]] = {}
    for q in questions:
        by_comp.setdefault((q.competency or "").lower(), []).append(q)
    n_stories = 0
    has_best: set[int] = set()
    for title, situation, task, action, result, tags, strength in STORIES:
        story = Story(
            title=title,
            situation=situation,
            task=task,
            action=action,
            result=result,
            tags=tags,
            strength=strength,
        )
        session.add(story)
        session.flush()
        n_stories += 1
        for tag in tags:
            for q in by_comp.get(tag, [])[:2]:
                if session.get(StoryQuestion, (story.id, q.id)) is None:
                    best = q.id not in has_best  # one best story per question
                    session.add(StoryQuestion(story_id=story.id or 0, question_id=q.id or 0, is_best=best))
                    has_best.add(q.id or 0)
        for _ in range(rng.randint(0, 3) if strength >= 3 else 0):
            when = now - timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 5))
            session.add(Rehearsal(story_id=story.id or 0, at=when, seconds=rng.randint(90, 180)))
            story.rehearsals += 1
            story.last_rehearsed_at = max(story.last_rehearsed_at or when, when)
        session.flush()

    rules = [
        StudyRule(
            label="LeetCode before work",
            rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            start_time="07:00",
            minutes=60,
            focus="coding",
        ),
        StudyRule(
            label="After work deep prep",
            rrule="FREQ=WEEKLY;BYDAY=MO,WE",
            start_time="19:30",
            minutes=90,
            focus="system-design",
        ),
        StudyRule(
            label="Papers in the evening",
            rrule="FREQ=WEEKLY;BYDAY=TU,TH",
            start_time="21:00",
            minutes=60,
            focus="papers",
        ),
        StudyRule(
            label="Behavioral practice",
            rrule="FREQ=WEEKLY;BYDAY=FR",
            start_time="18:30",
            minutes=45,
            focus="behavioral",
        ),
        StudyRule(
            label="Weekend long session",
            rrule="FREQ=WEEKLY;BYDAY=SA,SU",
            start_time="10:00",
            minutes=180,
            focus="any",
        ),
    ]
    for rule in rules:
        session.add(rule)
    session.flush()
    # Past weeks' blocks, mostly done, as history for streaks and weekly reviews.
    for days_ago in range(28, 0, -1):
        day = today - timedelta(days=days_ago)
        if day.weekday() < 5:
            start = at_local(day, 7)
            status = "done" if rng.random() < 0.8 else "skipped"
            session.add(
                StudyBlock(
                    rule_id=rules[0].id,
                    start_at=start,
                    end_at=start + timedelta(minutes=60),
                    activity="coding",
                    title="LeetCode reviews",
                    status=status,
                    items=[],
                )
            )
    return {
        "companies": len(companies),
        "rounds": len(rounds),
        "attempted": len(chosen),
        "attempts": attempts,
        "papers": len(papers),
        "stories": n_stories,
        "rules": len(rules),
    }
