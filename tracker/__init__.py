"""prep: a local-first terminal app for interview preparation."""

__version__ = "0.1.0"
