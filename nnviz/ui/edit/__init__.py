"""Edit a weight by hand (issue 13): click an edge or a unit's bias ring on the canvas (or point
at it and press E), type a value or drag it; the edit is one step of the run.

install_editing(window, controller) -> EditFeature wires it (feature.py); the panel is editor.py;
the step itself is the engine's (nnviz.engine.edit, Trainer.edit, Timeline.record_edit).
"""

from nnviz.ui.edit.feature import EditFeature, install_editing

__all__ = ["EditFeature", "install_editing"]
