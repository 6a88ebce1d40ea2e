"""The technical Q&A catalog screen: filters by topic, company and confidence; add and edit answers."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import DataTable, Input, Select, TextArea

from tests.tui.conftest import make_app, settle
from tracker.services.base import Database
from tracker.services.pipeline import add_round
from tracker.services.qa import add_technical_question, list_technical_questions
from tracker.tui.screens.qa import QAScreen


def seed(db: Database) -> None:
    rnd = add_round(db, "Acme", "ml-breadth", at=datetime(2026, 11, 20, 15, tzinfo=UTC))
    add_technical_question(
        db,
        "Explain NDCG and when it misleads",
        topic="Ranking metrics",
        round_id=rnd.id,
        confidence=2,
        answer="**DCG / IDCG**; position discount `1/log2(i+1)`.",
    )
    add_technical_question(db, "What does LoRA train?", topic="Fine-tuning", company="Bolt", confidence=5)
    add_technical_question(db, "[bold]KV cache[/] sizing", topic="Transformers", company="Acme")


async def open_qa(pilot) -> QAScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    await pilot.press("q")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QAScreen)
    return screen


def questions(screen: QAScreen) -> list[str]:
    table = screen.query_one("#qa-table", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_filters_topic_company_confidence(db: Database, utc: None) -> None:
    seed(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_qa(pilot)
        assert questions(screen) == [
            "[bold]KV cache[/] sizing",  # unrated first, shown literally
            "Explain NDCG and when it misleads",
            "What does LoRA train?",
        ]
        screen.query_one("#qa-company", Select).value = "Acme"
        await pilot.pause()
        assert questions(screen) == ["[bold]KV cache[/] sizing", "Explain NDCG and when it misleads"]
        screen.query_one("#qa-confidence", Select).value = "weak"
        await pilot.pause()
        assert questions(screen) == ["Explain NDCG and when it misleads"]
        screen.query_one("#qa-company", Select).clear()
        screen.query_one("#qa-confidence", Select).value = "5"
        await pilot.pause()
        assert questions(screen) == ["What does LoRA train?"]
        screen.query_one("#qa-confidence", Select).clear()
        screen.query_one("#qa-topic", Select).value = "Transformers"
        await pilot.pause()
        assert questions(screen) == ["[bold]KV cache[/] sizing"]


async def test_add_then_edit_answer_and_confidence(db: Database, utc: None) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_qa(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#qf-text", Input).value = "Bias-variance trade-off?"
        form.query_one("#qf-topic", Input).value = "ML basics"
        form.query_one("#qf-company", Input).value = "Lumen"
        form.query_one("#qf-confidence", Select).value = 3
        form.query_one("#qf-answer", TextArea).load_text("More capacity: less bias, more variance.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert questions(screen) == ["Bias-variance trade-off?"]
        await pilot.press("plus")
        await settle(pilot)
        await pilot.press("enter")  # edit
        await pilot.pause()
        app.screen.query_one("#qf-answer", TextArea).load_text("Better answer.")
        await pilot.press("ctrl+s")
        await settle(pilot)
    [q] = list_technical_questions(db)
    assert (q.topic, q.company, q.confidence, q.answer) == ("ML basics", "Lumen", 4, "Better answer.")


def test_snapshot_question_list(db: Database, snap_compare, utc: None) -> None:
    seed(db)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_qa(pilot)
        pilot.app.screen.query_one("#qa-table", DataTable).move_cursor(row=1)
        await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=(120, 40), run_before=run_before)
