"""Alembic environment: SQLite with batch mode so ALTERs work; the models are the target metadata."""

from __future__ import annotations

from typing import Any

from alembic import context

from tracker.db import tables
from tracker.db.engine import make_engine

config = context.config
target_metadata = tables.metadata


def render_item(type_: str, obj: Any, autogen_context: Any) -> Any:
    # Render our TypeDecorator by its implementation so migrations do not import the models.
    if type_ == "type" and isinstance(obj, tables.UTCDateTime):
        return "sa.DateTime()"
    return False


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is not None:
        _run(connectable)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


def _run(connection: Any) -> None:
    # Batch mode recreates tables; foreign keys must be off meanwhile (SQLite cannot do that inside a transaction).
    raw = connection.connection.driver_connection  # outside any transaction, where the PRAGMA takes effect
    raw.execute("PRAGMA foreign_keys = OFF")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        render_item=render_item,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        violations = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if violations:
            raise RuntimeError(f"migration left {len(violations)} broken foreign keys")
    if connection.in_transaction():
        connection.commit()
    raw.execute("PRAGMA foreign_keys = ON")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
