"""``db_work``: Textual's ``@db_work()`` for workers that use the services (and so the ORM).

The services import SQLAlchemy inside their functions, so the first screen that needs them would import it from
two worker threads at once (a page and its filter choices), and SQLAlchemy's circular imports fail when imported
concurrently. Starting such a worker first loads the ORM under a lock (``load_orm``, a no-op once done), on the
thread that starts the worker, so no worker thread ever imports it. For a screen's load (``paint_first``) the first
time waits ``PAINT_FIRST_S``, so the screen that asked is on the terminal before the import holds the UI thread.

``raw_work`` is for the workers that read with plain ``sqlite3`` only (the dashboard's numbers, each area's first
view, the paper page): they start at once. tests/arch/test_workers.py lists them; every other thread worker uses
db_work.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from textual import work

PAINT_FIRST_S = 0.1
"""When the ORM is not imported yet, a worker starts this long after it was asked for: the screen that asked (the
first area a person opens) is painted first, then the import (~0.3 s on a small machine) holds the UI thread."""


def db_work(
    *,
    group: str = "default",
    exclusive: bool = False,
    name: str = "",
    description: str | None = None,
    paint_first: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``paint_first``: for a screen's load. When the ORM is not imported yet, the worker starts ``PAINT_FIRST_S``
    late so the screen is on the terminal before the import holds the UI thread. Never for a write: a widget's
    timer stops with the widget, so a dialog closed meanwhile would drop it."""

    def decorator(method: Callable[..., Any]) -> Callable[..., Any]:
        threaded = work(thread=True, group=group, exclusive=exclusive, name=name, description=description)(
            method
        )

        @wraps(method)
        def start(*args: Any, **kwargs: Any) -> Any:
            from tracker.services.base import load_orm, orm_loaded

            if orm_loaded() or not paint_first:
                load_orm()
                return threaded(*args, **kwargs)

            def later() -> None:
                load_orm()
                threaded(*args, **kwargs)

            args[0].set_timer(PAINT_FIRST_S, later, name="paint, then load the ORM")  # the widget or app
            return None

        return start

    return decorator


def raw_work(
    *, group: str = "default", exclusive: bool = False, name: str = ""
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Textual's ``@work(thread=True)`` for a worker that reads only with plain ``sqlite3`` (``Database.raw_read``)
    and so starts at once without the ORM (tests/arch/test_workers.py lists them). It must never import SQLAlchemy
    (that would race the UI thread's import); tests/arch/test_startup_imports.py opens the dashboard and every area
    in a fresh process and checks that it was not imported."""
    return work(thread=True, group=group, exclusive=exclusive, name=name)
