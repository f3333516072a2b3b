"""Benchmarks: `nnviz bench` times the engine against the bare matrix products it must do."""
