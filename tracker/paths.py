"""Where prep keeps its files.

Everything here is a function: nothing is computed or created at import time.
Precedence for the database: ``--db`` > ``PREP_DB`` > the platform's user data folder.
"""

from __future__ import annotations

import os
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

APP_NAME = "prep"
DB_FILENAME = "prep.db"


def user_data_dir() -> Path:
    """The platform's per-user data folder for prep (not created here)."""
    from platformdirs import user_data_path

    return Path(user_data_path(APP_NAME, appauthor=False))


class EmptyDbPath(ValueError):
    """``--db ""``: a script whose variable was unset must not fall through to the user's own database."""

    def __str__(self) -> str:
        return "--db needs a file name (it was empty)"


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the database file: explicit argument, then PREP_DB, then the user data folder. An explicit empty
    name is an error (:class:`EmptyDbPath`), not the default; an empty PREP_DB counts as unset."""
    if explicit is not None:
        if not str(explicit).strip():
            raise EmptyDbPath()
        return Path(explicit).expanduser()
    env = os.environ.get("PREP_DB")
    if env:
        return Path(env).expanduser()
    return user_data_dir() / DB_FILENAME


def db_url(path: Path) -> str:
    return f"sqlite:///{path}"


def data_dir() -> Traversable:
    """The bundled catalogs: ``tracker/_data`` inside a wheel, the top-level ``data/`` in a checkout."""
    packaged = resources.files("tracker").joinpath("_data")
    if packaged.is_dir():
        return packaged
    return resources.files("tracker").joinpath("..", "data")
