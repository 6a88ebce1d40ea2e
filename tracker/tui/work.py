"""``db_work``: Textual's ``@db_work()`` for workers that use the services (and so the ORM).

The services import SQLAlchemy inside their functions, so the first screen that needs them would import it from
two worker threads at once (a page and its filter choices), and SQLAlchemy's circular imports fail when imported
concurrently. Starting such a worker first loads the ORM under a lock (``load_orm``, a no-op once done), on the
thread that starts the worker, so no worker thread ever imports it. Only the dashboard's loader, which reads with
plain ``sqlite3``, keeps a bare ``@db_work()`` (tests/arch/test_workers.py keeps it that way).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from textual import work


def db_work(
    *, group: str = "default", exclusive: bool = False, name: str = "", description: str | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorator(method: Callable[..., Any]) -> Callable[..., Any]:
        threaded = work(thread=True, group=group, exclusive=exclusive, name=name, description=description)(
            method
        )

        @wraps(method)
        def start(*args: Any, **kwargs: Any) -> Any:
            from tracker.services.base import load_orm

            load_orm()
            return threaded(*args, **kwargs)

        return start

    return decorator
