"""The run, without Qt: its settings and their parsers, the run record that owns its history, and
the training loop shared by the CLI, the window's worker and the benchmarks."""
