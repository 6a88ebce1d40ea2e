"""App-wide messages."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class DataChanged(Message):
    """Something was written; screens showing that area reload when they are next shown (or now)."""

    area: str = "all"
