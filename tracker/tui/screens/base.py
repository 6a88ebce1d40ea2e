"""What every area screen shares: the tab bar, the footer, loading data off the UI thread."""

from __future__ import annotations

import inspect
import sys
import threading
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from tracker.tui.widgets.area_tabs import AreaTabs
from tracker.tui.widgets.footer import AreaFooter

T = TypeVar("T")

FIRST_READ_BUDGET_S = 0.04
"""How long a screen being built waits for its first read (see AreaScreen.read_first)."""

TEXT_ENTRY = (("textual.widgets._input", "Input"), ("textual.widgets._text_area", "TextArea"))


def typing_into(widget: Any) -> bool:
    """Is ``widget`` a box the user types text into? (Without importing TextArea and its document model at
    startup: a class not imported yet has no instance.)"""
    for module, name in TEXT_ENTRY:
        loaded = sys.modules.get(module)
        if loaded is not None and isinstance(widget, getattr(loaded, name)):
            return True
    return False


def filter_binding(binding_id: str, tooltip: str = "Filter as you type") -> Binding:
    """`/` focuses the screen's filter box (AreaScreen.FILTER_BOX).

    A priority binding: the app runs it before it forwards the next key, and the action moves focus at once, so a
    letter typed right behind `/` (a fast typist, a paste) lands in the box instead of the table's key bindings.
    """
    return Binding("slash", "focus_filter", "Filter", id=binding_id, tooltip=tooltip, priority=True)


def sort_bindings(area: str, after_last: str) -> list[Binding]:
    """`o` sorts by the next column (``action_sort_next``; after the last one, ``after_last``), `O` reverses."""
    return [
        Binding(
            "o",
            "sort_next",
            "Sort",
            id=f"{area}.sort",
            tooltip=f"Sort by the next column (after the last: {after_last})",
        ),
        Binding(
            "O", "sort_reverse", "Reverse", id=f"{area}.reverse", tooltip="Reverse the sort order", show=False
        ),
    ]


def _take_layout_request(widget: Any) -> None:
    """What Widget._check_refresh does with a layout request, short of posting it to the screen: the widget's
    ancestors forget their cached arrangement, so the reflow that follows measures it again."""
    from textual.widget import Widget

    widget._layout_required = False
    for ancestor in widget.ancestors:
        if not isinstance(ancestor, Widget):
            break
        ancestor._clear_arrangement_cache()
        ancestor._layout_updates += 1
        if not ancestor.styles.auto_dimensions:
            break


def _no_paint() -> None:
    """Stands in for Screen._compositor_refresh while AreaScreen._refresh_layout reflows."""


class AreaScreen(Screen[None]):
    AREA = "dashboard"
    FILTER_BOX = ""  # id of the box that `/` focuses, on screens with a filter_binding
    _late_read: object | None = None  # a first read that missed its budget, still to be shown (read_first)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Once the app is up (its stylesheet parsed with the theme's variables), a new screen's widgets are styled
        # with the current stylesheet as they mount. Without this, switching to a mode for the first time re-parses
        # the stylesheet and restyles the app's nodes first (App.refresh_css).
        from textual._context import active_app

        app = active_app.get(None)
        if app is not None and app._dom_ready:
            self._css_update_count = app._css_update_count

    def read_first(
        self, read: Callable[[], T], show: Callable[[T], None] | Callable[[T], Awaitable[None]]
    ) -> None:
        """A screen's first load, as it mounts: ``read`` (plain SQL only, like a ``raw_work`` worker) runs on a
        thread while the UI thread waits up to ``FIRST_READ_BUDGET_S``. In time (a year of data takes 15-25 ms),
        ``show`` runs now and the screen's first frame has its data: one layout instead of a frame without it,
        then the data two or three frames later (a worker competes for the GIL with the screen being built).
        Otherwise ``show`` runs when the read is done, unless a newer load (``cancel_late_read``) came first.
        A failed read is a notification."""
        token = object()
        box: dict[str, Any] = {}
        lock = threading.Lock()
        finished = threading.Event()
        state = {"waiting": True}

        def run() -> None:
            try:
                box["value"] = read()
            except Exception as exc:  # shown as a notification, never a traceback
                box["error"] = exc
            with lock:
                late = not state["waiting"]
                finished.set()
            if late:
                try:
                    self.app.call_from_thread(self._deliver_late, token, box, show)
                except Exception:
                    pass  # the app has stopped

        self._late_read = token
        threading.Thread(target=run, name=f"first read: {self.AREA}", daemon=True).start()
        finished.wait(FIRST_READ_BUDGET_S)
        with lock:
            state["waiting"] = False
            in_time = finished.is_set()
        if in_time:
            self._late_read = None
            self._deliver(box, show)

    def cancel_late_read(self) -> None:
        """A newer load has started: a first read still running is not shown when it ends."""
        self._late_read = None

    def _deliver_late(self, token: object, box: dict[str, Any], show: Callable[[Any], Any]) -> None:
        if token is self._late_read and self.is_attached:
            self._late_read = None
            self._deliver(box, show)

    def _deliver(self, box: dict[str, Any], show: Callable[[Any], Any]) -> None:
        if "error" in box:
            self.notify(str(box["error"]) or type(box["error"]).__name__, severity="error", markup=False)
            return
        if inspect.iscoroutinefunction(show):
            # awaited right after the message being handled (the mount), still before the screen's first frame
            self.call_next(show, box["value"])
        else:
            show(box["value"])

    def compose_tabs(self) -> ComposeResult:
        yield AreaTabs(self.AREA)

    def compose_footer(self) -> ComposeResult:
        yield AreaFooter()

    @property
    def db(self) -> Any:
        return self.app.db  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        # Just styled with the current stylesheet, so the resume that follows a push need not restyle every widget
        # again (see on_screen_resume; a theme change since still restyles).
        self._css_update_count = self.app._css_update_count

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if self._css_update_count == self.app._css_update_count:
            # switch_mode (or the mount) has already brought this screen's styles up to date; restyling every
            # widget again on resume would throw away their render caches (a DataTable re-renders every cell).
            event.refresh_styles = False
        self.call_next(self._styles_current)
        stale = getattr(self.app, "stale", {}).pop(self.AREA, False)
        # First shown after being built ahead (PrepApp.build_ahead)?
        built = self.__dict__.pop("built_ahead", None)
        if built is not None:
            stale = stale or self.app.outdated_since_built(built)  # type: ignore[attr-defined]
        if stale:
            self.reload()

    def _refresh_layout(self, size: Any = None, scroll: bool = False) -> None:
        # Textual paints right after a reflow. A reflow that gives widgets their size (a mount, new rows, a
        # scrollbar appearing) marks them for layout again, and that second pass paints them all a second time.
        # Here the second reflow runs at once and the screen is painted once, after it.
        self._compositor_refresh = _no_paint  # type: ignore[method-assign]
        try:
            super()._refresh_layout(size, scroll)
            if not scroll:
                again = [w for w in self._compositor.widgets if w._layout_required]
                if again:
                    for widget in again:
                        _take_layout_request(widget)
                    super()._refresh_layout(size, scroll)
        finally:
            del self._compositor_refresh
        if self.is_current:
            if not scroll:
                release = getattr(self.app, "release_frames", None)
                if release is not None:
                    release()  # the first layout of a new screen: its frame goes out now (PrepApp.delay_update)
            if self.app._batch_count:
                self.call_later(self._compositor_refresh)
            else:
                self._compositor_refresh()
        # A layout that changed a widget's size marks that widget for layout again; Textual sends that on when the
        # widget next goes idle, which can be a frame or two later. Send it now, so the second pass is in the next frame.
        for widget in self._compositor.widgets:
            if widget._layout_required:
                widget._check_refresh()

    def _styles_current(self) -> None:
        self._css_update_count = self.app._css_update_count  # restyled on resume if it had to be

    def action_focus_filter(self) -> None:
        # Screen.set_focus, not Widget.focus: that one waits for a message behind keys already queued.
        self.set_focus(self.query_one(f"#{self.FILTER_BOX}"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_filter" and typing_into(self.focused):
            return False  # in a text box `/` is a slash
        return True

    def confirm_write(self, question: str, write: Callable[[], object], then: Callable[[], None]) -> None:
        """Ask ``question``; on yes run ``write`` (a service call), then ``then``. A refusal is shown, nothing else
        happens."""
        from tracker.services.base import ServiceError
        from tracker.tui.modals.paper_confirm import PaperConfirmModal

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                write()
            except ServiceError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            then()

        self.app.push_screen(PaperConfirmModal(question), answered)

    def confirm_delete(self, question: str, remove: Callable[[], Any], then: Callable[[], None]) -> None:
        """:meth:`confirm_write` for a delete ctrl+z can take back: ``remove`` returns what it removed
        (tracker/services/undo.py), which the app keeps (``PrepApp.deleted``)."""
        removed: list[Any] = []

        def done() -> None:
            self.app.deleted(removed[0])  # type: ignore[attr-defined]
            then()

        self.confirm_write(f"{question} (ctrl+z brings it back.)", lambda: removed.append(remove()), done)

    def reload(self) -> None:
        """Load this screen's data again (override)."""
