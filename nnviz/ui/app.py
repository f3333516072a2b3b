"""Start the window (placeholder until the window lands)."""

from __future__ import annotations

import argparse


def run_app(args: argparse.Namespace) -> int:
    """Open the nnviz window with args.dataset, args.screenshot, args.train, args.size."""
    import sys

    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    w = QLabel("nnviz")
    w.setWindowTitle("nnviz")
    w.resize(800, 600)
    w.show()
    return app.exec()
