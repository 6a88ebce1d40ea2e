"""Benchmarks for prep: a large-database generator and a startup/latency harness (``python -m benchmarks``)."""
