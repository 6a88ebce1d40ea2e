"""CLI command groups, one module per area; tracker.cli registers them. Thin: they call services."""
