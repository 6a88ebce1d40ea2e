"""Full JSON backup and restore: exact round trip, ids and links kept, refusals leave the database unchanged."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from tracker.db.tables import (
    Attempt,
    Company,
    Paper,
    PaperTopic,
    Problem,
    ProblemCompany,
    Setting,
    Story,
    StoryQuestion,
    Topic,
)
from tracker.io.backup import FORMAT_VERSION, dumps, loads
from tracker.services.base import Database, Invalid
from tracker.services.transfer import backup_document, export_json, import_json, is_empty


def fresh(path: Path) -> Database:
    database = Database(path)
    database.ensure_schema()
    return database


def test_demo_round_trip_is_exact(demo_db: Database, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    summary = export_json(demo_db, first)
    assert summary.rows > 500 and summary.per_table["attempt"] > 100
    target = fresh(tmp_path / "restored.db")
    try:
        restored = import_json(target, first)
        assert restored.rows == summary.rows
        second = tmp_path / "second.json"
        export_json(target, second)
        assert second.read_bytes() == first.read_bytes()
    finally:
        target.close()


def test_backup_holds_every_table_links_fsrs_state_and_the_versions(
    demo_db: Database, tmp_path: Path
) -> None:
    with demo_db.write() as s:
        s.add(Setting(key="daily_new_problems", value={"cap": 3, "days": ["mon", "tue"]}))
    path = tmp_path / "b.json"
    export_json(demo_db, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "prep-backup" and document["format_version"] == FORMAT_VERSION
    assert document["schema_revision"]
    from tracker.db.tables import metadata

    assert set(document["tables"]) == {t.name for t in metadata.sorted_tables}
    for link in ("problem_pattern", "problem_company", "problem_list_item", "story_question", "round_topic"):
        assert document["tables"][link], link
    carded = [p for p in document["tables"]["problem"] if p["card"]]
    assert carded and {"stability", "difficulty", "due", "state"} <= set(carded[0]["card"])
    assert document["tables"]["setting"] == [
        {"key": "daily_new_problems", "value": {"cap": 3, "days": ["mon", "tue"]}}
    ]


def test_ids_and_links_survive_a_restore(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    export_json(demo_db, path)
    target = fresh(tmp_path / "r.db")
    try:
        import_json(target, path)
        for database in (demo_db, target):
            with database.read() as s:
                rows = s.exec(
                    select(Problem.id, Problem.title, Company.name)
                    .join(ProblemCompany, ProblemCompany.problem_id == Problem.id)
                    .join(Company, Company.id == ProblemCompany.company_id)
                    .order_by(Problem.id, Company.name)
                ).all()
                links = s.exec(select(StoryQuestion.story_id, StoryQuestion.question_id)).all()
                attempts = s.exec(
                    select(Attempt.id, Attempt.problem_id, Attempt.at).order_by(Attempt.id)
                ).all()
            if database is demo_db:
                expected = (rows, sorted(links), attempts)
            else:
                assert (rows, sorted(links), attempts) == expected
        assert not is_empty(target)
    finally:
        target.close()


def test_restore_refuses_a_database_with_data_and_changes_nothing(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    export_json(demo_db, path)
    before = backup_document(demo_db)
    with pytest.raises(Invalid, match="already holds data"):
        import_json(demo_db, path)
    assert backup_document(demo_db) == before


def test_restore_accepts_a_new_database_with_its_default_board_columns(db: Database, tmp_path: Path) -> None:
    assert is_empty(db)
    with db.write() as s:
        s.add(Company(name="Acme"))
    assert not is_empty(db)


def test_settings_alone_do_not_make_a_database_full_and_give_way_to_the_backups(
    demo_db: Database, db: Database, tmp_path: Path
) -> None:
    """Answering the welcome ("Start empty") or choosing a theme stores a setting: the database is still empty, a
    backup restores into it, and the backup's own settings replace those."""
    from tracker.services.settings import get_value, remember, update_settings

    update_settings(demo_db, {"ui.theme": "nord"})
    export_json(demo_db, tmp_path / "backup.json")
    remember(db, "welcome.dismissed", True)
    update_settings(db, {"ui.theme": "gruvbox"})
    assert is_empty(db)
    import_json(db, tmp_path / "backup.json")
    assert get_value(db, "ui.theme") == "nord"
    assert backup_document(db)["tables"] == backup_document(demo_db)["tables"]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format_version=FORMAT_VERSION + 1), "newer than this prep reads"),
        (lambda d: d.update(format="something-else"), "not a prep backup"),
        (lambda d: d.update(schema_revision="9999_future"), "newer prep"),
        (lambda d: d["tables"].update(spaceship=[{"id": 1}]), "tables this prep does not know: spaceship"),
        (lambda d: d["tables"]["company"][0].update(colour="red"), "company row 1 has columns"),
        (lambda d: d["tables"]["attempt"][0].update(at="last tuesday"), "attempt row 1 at"),
        (
            lambda d: d["tables"]["attempt"].append(dict(d["tables"]["attempt"][0])),
            "table attempt: already exists",
        ),
        (
            lambda d: d["tables"]["attempt"][0].update(problem_id=99999),
            "refers to a record that is not in the backup",
        ),
    ],
)
def test_bad_backups_are_refused_and_nothing_is_written(
    demo_db: Database, tmp_path: Path, mutate, message
) -> None:  # type: ignore[no-untyped-def]
    document = backup_document(demo_db)
    mutate(document)
    path = tmp_path / "bad.json"
    path.write_text(dumps(document), encoding="utf-8")
    target = fresh(tmp_path / "target.db")
    try:
        before = backup_document(target)
        with pytest.raises(Invalid, match=message):
            import_json(target, path)
        assert backup_document(target) == before
        assert is_empty(target)
    finally:
        target.close()


def test_files_that_are_not_backups(db: Database, tmp_path: Path) -> None:
    with pytest.raises(Invalid, match="no such file"):
        import_json(db, tmp_path / "nope.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "prep-backup", ', encoding="utf-8")
    with pytest.raises(Invalid, match="invalid JSON"):
        import_json(db, broken)
    binary = tmp_path / "photo.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    with pytest.raises(Invalid, match="not UTF-8"):
        import_json(db, binary)
    assert is_empty(db)


def test_export_replaces_the_file_whole(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text("old content", encoding="utf-8")
    export_json(demo_db, path)
    assert loads(path.read_text(encoding="utf-8"))["format"] == "prep-backup"
    assert [p.name for p in tmp_path.iterdir()] == ["b.json"] or not any(
        p.name.endswith(".tmp") for p in tmp_path.iterdir()
    )
    with pytest.raises(Invalid, match="is a folder"):
        export_json(demo_db, tmp_path)


# ---------------------------------------------------------------------------------------- property: any data
_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
_moment = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC))
_json_value = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=10,
)


@st.composite
def _dataset(draw):  # type: ignore[no-untyped-def]
    names = draw(st.lists(_text.filter(lambda t: t.strip()), unique_by=str.casefold, max_size=4))
    problems = draw(
        st.lists(
            st.tuples(
                _text, st.lists(st.tuples(_moment, st.integers(1, 4)), max_size=3), st.sets(st.integers(0, 3))
            ),
            max_size=4,
        )
    )
    papers = draw(
        st.lists(
            st.tuples(_text, st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2090, 1, 1)))), max_size=3
        )
    )
    stories = draw(st.lists(st.tuples(_text, st.lists(_text, max_size=3), st.integers(1, 5)), max_size=2))
    setting_values = draw(st.dictionaries(st.text(min_size=1, max_size=10), _json_value, max_size=3))
    return names, problems, papers, stories, setting_values


@pytest.fixture(scope="module")
def _pair(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A source and a target database reused by every example (wiped in between: engines stay warm)."""
    work = tmp_path_factory.mktemp("prop")
    source, target = fresh(work / "source.db"), fresh(work / "target.db")
    yield source, target
    source.close()
    target.close()


def _wipe(database: Database) -> None:
    from tracker.db.tables import metadata

    with database.write() as s:
        for table in reversed(metadata.sorted_tables):
            s.execute(table.delete())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_dataset())
def test_any_data_survives_export_import_export(data, _pair) -> None:  # type: ignore[no-untyped-def]
    from tracker.domain.mastery import Mastery, review

    names, problems, papers, stories, setting_values = data
    source, target = _pair
    _wipe(source)
    _wipe(target)
    with source.write() as s:
        companies = [Company(name=n) for n in names]
        s.add_all(companies)
        s.flush()
        for index, (title, attempts, company_picks) in enumerate(problems):
            problem = Problem(title=title, slug=f"p-{index}")
            s.add(problem)
            s.flush()
            state = None
            for at, rating in sorted(attempts):
                s.add(Attempt(problem_id=problem.id, at=at, rating=rating, note=title or None))
                state = review(state, Mastery(rating), at)
            if state is not None:
                problem.card, problem.due_at, problem.mastery = state.to_dict(), state.due, rating
            for pick in company_picks:
                if pick < len(companies):
                    s.add(ProblemCompany(problem_id=problem.id, company_id=companies[pick].id))
        topic = Topic(name="topic", notes="x")
        s.add(topic)
        s.flush()
        for title, read_on in papers:
            paper = Paper(title=title, read_on=read_on, status="read" if read_on else "to-read")
            s.add(paper)
            s.flush()
            s.add(PaperTopic(paper_id=paper.id, topic_id=topic.id))
        for title, tags, strength in stories:
            s.add(
                Story(
                    title=title,
                    tags=tags,
                    strength=strength,
                    last_rehearsed_at=datetime(2024, 1, 1, tzinfo=UTC) + timedelta(seconds=strength),
                )
            )
        for key, value in setting_values.items():
            s.add(Setting(key=key, value=value))
    first = dumps(backup_document(source))
    from tracker.services.transfer import restore_document

    restore_document(target, loads(first))
    assert dumps(backup_document(target)) == first
