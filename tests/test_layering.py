"""The core (nnviz.engine, nnviz.data, the run record in nnviz.run) and the window's Qt-free math
(the canvas's scene, edges and values, the flow's timing, the plots' ranges, readout and label
placement, the predictions' history and jobs) never import Qt or pyqtgraph; nnviz/ui is grouped
by feature."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

NNVIZ = Path(__file__).resolve().parent.parent / "nnviz"
CORE = [NNVIZ / p for p in ("engine", "data", "run")]
QT_FREE_UI = [
    NNVIZ / "ui" / p
    for p in (
        "canvas/scene.py",
        "canvas/edges.py",
        "canvas/values.py",
        "canvas/marks.py",
        "canvas/caption.py",
        "canvas/unit_map_math.py",
        "common/memory.py",
        "flow/animation.py",
        "plots/ranges.py",
        "plots/readout.py",
        "plots/label_place.py",
        "predict/history.py",
        "predict/jobs.py",
        "common/theme.py",
    )
]
FORBIDDEN = ("PySide6", "pyqtgraph", "shiboken6", "PyQt5", "PyQt6", "pickle")


def _sources():
    for folder in CORE:
        yield from folder.rglob("*.py")
    yield from QT_FREE_UI


def test_core_sources_import_no_qt():
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path} imports {name}"


def test_importing_the_core_loads_no_qt():
    code = (
        "import sys, nnviz.engine, nnviz.engine.snapshot, nnviz.data, nnviz.run.record;"
        "bad=[m for m in sys.modules if m.split('.')[0] in ('PySide6','pyqtgraph','shiboken6')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_window_is_grouped_by_feature():
    """At most four modules at the top of nnviz/ui; at least six feature folders, each with a
    docstring saying what it is for."""
    ui = NNVIZ / "ui"
    top = sorted(p.name for p in ui.glob("*.py"))
    assert len(top) <= 4, top
    folders = [p for p in ui.iterdir() if (p / "__init__.py").is_file()]
    assert len(folders) >= 6
    for f in folders:
        doc = ast.get_docstring(ast.parse((f / "__init__.py").read_text()))
        assert doc and len(doc) > 20, f"{f.name} has no docstring"
