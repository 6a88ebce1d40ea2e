"""The baseline: a bare Textual app that paints one Static and nothing else.

Run as ``python -m benchmarks.bare_app`` or ``python benchmarks/bare_app.py``; quit with ctrl+q.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

MARKER = "bare textual app ready"


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(MARKER)


if __name__ == "__main__":
    BareApp().run()
