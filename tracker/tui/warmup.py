"""Get the areas ready while the user pauses on a screen: import their code and parse their widgets' default CSS.

Opening an area for the first time used to pay, before its first frame, for importing its screen, its service and
what they render with (the problems area: FSRS for recall; 25-40 ms in all), and for parsing the default CSS of
widget classes that had not been on screen yet (10-15 ms). Both are the same work whenever it is done, so it is done
here while nobody waits, one small step at a time (:func:`steps`): after each step the app goes back to its event
loop, and the next one runs only while the user is still idle (``PrepApp._warm_up_when_idle``), so a key pressed
meanwhile waits for one step at most.

Last, each area's screen is built ahead (``PrepApp.build_ahead``): composed, mounted, its data read, laid out and
its lines rendered, off screen, as its first visit would do. That first visit then costs what any later switch costs
(15-30 ms on a year of data instead of 45-90 ms), for 2-5 MiB per area held from then on instead of from the visit.
An area built ahead reads again on its first visit if anything was committed or the day changed since (see
``AreaScreen.on_screen_resume``), and the schedule leaves its planner dry run, which loads the ORM, for then. The
database's own modules (the ORM) are not imported here; see ``PrepApp._load_orm_when_idle``.

A test checks that after the warm-up, opening every area imports no module and parses no CSS, and that every area
looks the same with and without it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from importlib import import_module
from typing import Any

AREA_MODULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "problems",
        (
            "tracker.tui.screens.problems",
            "tracker.services.problems",
            "fsrs",  # recall in the table and the detail pane
            "textual.scrollbar",
        ),
    ),
    ("papers", ("tracker.tui.screens.papers", "tracker.services.papers")),
    ("stories", ("tracker.tui.screens.stories", "tracker.services.stories", "tracker.services.questions")),
    (
        "board",
        (
            "tracker.tui.screens.board",
            "tracker.services.pipeline",
            "tracker.services.catalog",
            "importlib.readers",  # the bundled round kinds
            "importlib.resources.readers",
            "encodings.utf_8_sig",
            "zipfile",
        ),
    ),
    ("schedule", ("tracker.tui.screens.schedule", "tracker.services.schedule")),
)
"""What each area imports when it opens (its screen module first: the widget classes whose CSS is parsed are
found from it), but :data:`LEFT_COLD`."""

LEFT_COLD = (
    "rich.markdown",  # a problem's notes: 3 MiB with markdown-it and its first render, for ~45 ms
    "markdown_it",
    "mdurl",
    "linkify_it",
    "html",
    "dateutil",  # the local zone of the schedule's week: 1 MiB, for ~15 ms
)
"""Left for the area to import when it opens: together they would take 4 of the ~7 MiB between prep's memory after
start and 1.5x a bare Textual app's (the target), for 60 ms of first visits."""


def widget_classes(module_names: tuple[str, ...]) -> list[type[Any]]:
    """The widget classes a screen module uses: those named in its module and in the modules of tracker's widgets
    it imports, with the widget classes defined beside each of them (a Select composes a SelectCurrent and a
    SelectOverlay from its own module)."""
    from textual.widget import Widget

    found: dict[type[Any], None] = {}

    def named_in(module: Any) -> Iterator[type[Any]]:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Widget):
                yield value

    for name in module_names:
        module = sys.modules.get(name)
        if module is None or not name.startswith("tracker.tui"):
            continue
        for cls in named_in(module):
            found.setdefault(cls, None)
            home = sys.modules.get(cls.__module__)
            if home is not None:
                for sibling in named_in(home):
                    found.setdefault(sibling, None)
    return list(found)


def add_default_css(app: Any, classes: list[type[Any]]) -> None:
    """Add these classes' default CSS to the app's stylesheet and parse it, as mounting the first widget of each
    would (``Widget._post_register``). Sources already there are left as they are."""
    from textual.dom import DOMNode

    sheet = app.stylesheet
    for cls in classes:
        node = object.__new__(cls)  # only its class is read: no widget is built
        for read_from, css, tie_breaker, scope in DOMNode._get_default_css(node):
            sheet.add_source(
                css, read_from=read_from, is_default_css=True, tie_breaker=tie_breaker, scope=scope
            )
    if sheet._require_parse:
        sheet.parse()


BUILT_AHEAD = ("problems", "board", "papers", "stories", "schedule")
"""The areas whose screens are built once the imports are done, in this order (the slowest to build first)."""


def steps(app: Any) -> list[Callable[[], bool | None]]:
    """The warm-up as small steps, problems first (the area opened most, and the slowest to open): imports and
    CSS for every area, then each area's screen built ahead (``PrepApp.build_ahead``, then ``paint_ahead`` once its
    data is in; a step that returns False is tried again)."""
    out: list[Callable[[], bool | None]] = []
    for _area, modules in AREA_MODULES:
        for name in modules:
            out.append(lambda name=name: _import(name))  # type: ignore[misc]
        out.append(lambda modules=modules: add_default_css(app, widget_classes(modules)))  # type: ignore[misc]
    for mode in BUILT_AHEAD:
        out.append(lambda mode=mode: app.build_ahead(mode))  # type: ignore[misc]
        out.append(lambda mode=mode: app.paint_ahead(mode))  # type: ignore[misc]
    return out


def _import(name: str) -> None:
    if name not in sys.modules:
        import_module(name)
