"""Keep parsed CSS across Textual's stylesheet re-parses.

Textual 8.2.8 caches parsed rules per ``Stylesheet`` instance, but ``App.refresh_css`` (run when a mode is first
shown and when the theme is set) clears that cache and parses into a fresh instance whose cache is then dropped. Each
widget class registered afterwards marks the sheet for parsing, so at startup the whole of app.tcss and every
DEFAULT_CSS was parsed about ten times (~60-90 ms before the first paint on a small machine).

``install()`` wraps ``Stylesheet._parse_rules`` with one process-wide cache keyed by the CSS source, where it was read
from, its scope and the stylesheet's variables (the theme), so a source is parsed once per theme. Parsed rule sets
are already shared between parses inside Textual, which never mutates them. If Textual's private method changes
shape, nothing is installed and Textual behaves as it does without this module.
"""

from __future__ import annotations

import inspect
from collections import OrderedDict
from typing import Any

MAX_ENTRIES = 512

_cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_installed = False


def _variables_key(sheet: Any) -> tuple[tuple[str, str], ...]:
    variables = sheet._variables
    memo = sheet.__dict__.get("_prep_variables_memo")
    if memo is not None and memo[0] is variables:
        return memo[1]  # type: ignore[no-any-return]
    key = tuple(sorted(variables.items()))
    sheet.__dict__["_prep_variables_memo"] = (variables, key)
    return key


def install() -> bool:
    global _installed
    if _installed:
        return True
    from textual.css.stylesheet import Stylesheet

    original = getattr(Stylesheet, "_parse_rules", None)
    expected = ["self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"]
    if original is None or list(inspect.signature(original).parameters) != expected:
        return False

    def _parse_rules(
        self: Any,
        css: str,
        read_from: Any,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> Any:
        key = (css, read_from, is_default_rules, tie_breaker, scope, _variables_key(self))
        rules = _cache.get(key)
        if rules is not None:
            _cache.move_to_end(key)
            return rules
        rules = original(self, css, read_from, is_default_rules, tie_breaker, scope)
        _cache[key] = rules
        if len(_cache) > MAX_ENTRIES:
            _cache.popitem(last=False)
        return rules

    Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]
    _installed = True
    return True
