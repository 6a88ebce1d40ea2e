"""problem.search_text: one lowercased column the problems filter searches, kept by triggers

The filter matched a term against the title, the gist and the names of the problem's patterns, companies and lists:
three IN-subqueries that built lists of thousands of ids on every keystroke (~6 ms on 5,000 problems for a one-letter
term). Now it reads one column. Triggers keep it current on every write that can change it: a problem's title or
gist, its links to patterns, companies and lists, and the renaming of a pattern, company or list. The parts are
joined by the unit separator (char 31), which no user text contains, so a term never matches across two of them.

Revision ID: 0002_problem_search_text
Revises: 0001_initial
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_problem_search_text"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The search text of the problem row in scope (``problem``), as lower() leaves it: ASCII letters folded, as LIKE does.
SEARCH_TEXT = """lower(
    problem.title || char(31) || coalesce(problem.gist, '') || char(31)
    || coalesce((SELECT group_concat(t.name, char(31)) FROM problem_pattern l JOIN pattern t ON t.id = l.pattern_id
                 WHERE l.problem_id = problem.id), '') || char(31)
    || coalesce((SELECT group_concat(t.name, char(31)) FROM problem_company l JOIN company t ON t.id = l.company_id
                 WHERE l.problem_id = problem.id), '') || char(31)
    || coalesce((SELECT group_concat(t.name, char(31)) FROM problem_list_item l JOIN problem_list t ON t.id = l.list_id
                 WHERE l.problem_id = problem.id), '')
)"""


def _refresh(where: str) -> str:
    return f"UPDATE problem SET search_text = {SEARCH_TEXT} WHERE {where};"


# (trigger name, event, statement)
TRIGGERS = [
    ("trg_problem_search_insert", "AFTER INSERT ON problem", _refresh("problem.id = NEW.id")),
    ("trg_problem_search_update", "AFTER UPDATE OF title, gist ON problem", _refresh("problem.id = NEW.id")),
]
for _link, _key, _named, _named_key in (
    ("problem_pattern", "pattern_id", "pattern", "pattern_id"),
    ("problem_company", "company_id", "company", "company_id"),
    ("problem_list_item", "list_id", "problem_list", "list_id"),
):
    TRIGGERS += [
        (f"trg_{_link}_search_insert", f"AFTER INSERT ON {_link}", _refresh("problem.id = NEW.problem_id")),
        (f"trg_{_link}_search_delete", f"AFTER DELETE ON {_link}", _refresh("problem.id = OLD.problem_id")),
        (
            f"trg_{_link}_search_update",
            f"AFTER UPDATE ON {_link}",
            _refresh("problem.id IN (OLD.problem_id, NEW.problem_id)"),
        ),
        (
            f"trg_{_named}_search_rename",
            f"AFTER UPDATE OF name ON {_named}",
            _refresh(f"problem.id IN (SELECT problem_id FROM {_link} WHERE {_named_key} = NEW.id)"),
        ),
    ]


def upgrade() -> None:
    op.add_column("problem", sa.Column("search_text", sa.String(), nullable=False, server_default=""))
    for name, event, statement in TRIGGERS:
        op.execute(f"CREATE TRIGGER {name} {event} BEGIN {statement} END")
    op.execute(_refresh("1"))  # every row there is


def downgrade() -> None:
    for name, _, _ in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("problem") as batch_op:
        batch_op.drop_column("search_text")
