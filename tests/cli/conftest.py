"""The CLI fixtures live in tests/conftest.py (shared with tests/safety); re-exported for older imports."""

from tests.conftest import Result, run_prep

__all__ = ["Result", "run_prep"]
