"""Bundled catalogs (data/): reading them, and loading them into the database idempotently."""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from tracker.paths import data_dir
from tracker.services.base import Database, Invalid


@dataclass(frozen=True, slots=True)
class CatalogInfo:
    name: str
    description: str
    count: int


@dataclass(frozen=True, slots=True)
class LoadReport:
    name: str
    added: int
    merged: int


@dataclass(frozen=True, slots=True)
class CatalogProblem:
    number: int
    title: str
    slug: str
    difficulty: str
    patterns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RoundKind:
    key: str
    label: str
    prep_days: int
    duration: int
    focus: str
    prepare: str


PROBLEM_LISTS = {"blind75": "Blind 75", "neetcode150": "NeetCode 150"}
CATALOGS = {
    "blind75": "Blind 75 problems (LeetCode number, title, difficulty, NeetCode pattern)",
    "neetcode150": "NeetCode 150 problems (LeetCode number, title, difficulty, NeetCode pattern)",
    "papers": "Seminal and current ML papers with arXiv ids and TL;DRs",
    "behavioral": "Behavioral interview questions grouped by competency",
}


def _read_text(filename: str) -> str:
    return data_dir().joinpath(filename).read_text(encoding="utf-8-sig")


def _rows(filename: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_read_text(filename))))


@cache
def catalog_problems(name: str) -> tuple[CatalogProblem, ...]:
    out = []
    for row in _rows(f"{name}.csv"):
        patterns = tuple(p.strip() for p in row["patterns"].split(";") if p.strip())
        out.append(
            CatalogProblem(
                number=int(row["number"]),
                title=row["title"].strip(),
                slug=row["slug"].strip(),
                difficulty=row["difficulty"].strip().lower(),
                patterns=patterns,
            )
        )
    return tuple(out)


@cache
def problem_index() -> dict[int, CatalogProblem]:
    """Every catalog problem by LeetCode number (NeetCode 150 and Blind 75 together)."""
    index: dict[int, CatalogProblem] = {}
    for name in PROBLEM_LISTS:
        for p in catalog_problems(name):
            index.setdefault(p.number, p)
    return index


def lookup_problem(number: int | None = None, slug: str | None = None) -> CatalogProblem | None:
    index = problem_index()
    if number is not None and number in index:
        return index[number]
    if slug:
        for p in index.values():
            if p.slug == slug:
                return p
    return None


@cache
def catalog_papers() -> tuple[dict[str, str], ...]:
    return tuple(_rows("papers.csv"))


@cache
def catalog_questions() -> tuple[dict[str, str], ...]:
    return tuple(_rows("behavioral.csv"))


@cache
def round_kinds() -> dict[str, RoundKind]:
    doc: dict[str, Any] = tomllib.loads(_read_text("round_kinds.toml"))
    return {
        key: RoundKind(
            key=key,
            label=str(v.get("label", key)),
            prep_days=int(v.get("prep_days", 3)),
            duration=int(v.get("duration", 60)),
            focus=str(v.get("focus", "any")),
            prepare=str(v.get("prepare", "")),
        )
        for key, v in doc["kinds"].items()
    }


def list_catalogs() -> list[CatalogInfo]:
    counts = {
        "blind75": len(catalog_problems("blind75")),
        "neetcode150": len(catalog_problems("neetcode150")),
        "papers": len(catalog_papers()),
        "behavioral": len(catalog_questions()),
    }
    return [CatalogInfo(name, CATALOGS[name], counts[name]) for name in CATALOGS]


def load_catalog(db: Database, name: str) -> LoadReport:
    """Load a catalog, merging with what is there. Running it twice adds nothing the second time."""
    if name not in CATALOGS:
        raise Invalid(f"unknown catalog {name!r} (choose from {', '.join(CATALOGS)})")
    if name in PROBLEM_LISTS:
        from tracker.services.problems import merge_catalog_problems

        added, merged = merge_catalog_problems(db, PROBLEM_LISTS[name], name, catalog_problems(name))
    elif name == "papers":
        from tracker.services.papers import merge_catalog_papers

        added, merged = merge_catalog_papers(db, catalog_papers())
    else:
        from tracker.services.stories import merge_catalog_questions

        added, merged = merge_catalog_questions(db, catalog_questions())
    return LoadReport(name, added, merged)
