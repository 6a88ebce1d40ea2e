"""attempt (at, rating, problem_id): the week's numbers read the index alone

The dashboard and the weekly review count this week's and last week's attempts by rating and by distinct problem.
With the index on ``at`` alone SQLite found the rows in the index and then read each row from the table for its
rating and problem (3.3 ms per query on a year of data); with both columns in the index it never leaves it.

Revision ID: 0003_attempt_week_index
Revises: 0002_problem_search_text
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003_attempt_week_index"
down_revision: str | None = "0002_problem_search_text"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_attempt_at_rating_problem"


def upgrade() -> None:
    op.create_index(INDEX, "attempt", ["at", "rating", "problem_id"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="attempt")
