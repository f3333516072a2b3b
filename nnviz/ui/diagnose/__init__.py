"""Diagnose a model like a practitioner (issue 15): where it fails. The confusion matrix per
class with the examples of each cell, the misclassified examples (the most wrong first), and
which pixels decided a prediction (∂ŷ/∂x as a heatmap); and how the gradients evolve (‖dW[l]‖
per layer over the iterations).

install_diagnose(window, controller) -> DiagnoseFeature wires it all: compute.py (ŷ over all
examples in a background thread), confusion.py (the Confusion tab), gallery.py (the Mistakes
tab), pixels.py (the Pixels tab), norms.py (the Gradients tab, from
nnviz.run.gradnorms), thumbs.py (clickable example thumbnails); the numbers are
Qt-free in nnviz.engine.diagnose.
"""

from nnviz.ui.diagnose.feature import DiagnoseFeature, install_diagnose

__all__ = ["DiagnoseFeature", "install_diagnose"]
