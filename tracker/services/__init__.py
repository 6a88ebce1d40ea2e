"""Use cases shared by the CLI and the TUI. Each write is one transaction; results are plain dataclasses."""
