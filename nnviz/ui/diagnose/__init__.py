"""Diagnose a model like a practitioner (issue 15). Where it fails: the confusion matrix per
class with the examples of each cell, the misclassified examples (the most wrong first), which
pixels decided a prediction (∂ŷ/∂x as a heatmap). How the weights and gradients evolve: ‖dW[l]‖
per layer over the iterations, and histograms of W[l], b[l], dW[l] over time. Runs side by side:
every run of the session with its settings and final figures, their curves overlaid, and a sweep
of one setting trained in the background beside them.

install_diagnose(window, controller) -> DiagnoseFeature wires it all: compute.py (ŷ over all
examples in a background thread), confusion.py (the Confusion tab), gallery.py (the Mistakes
tab), pixels.py (the Pixels tab), thumbs.py (clickable example thumbnails); evolution.py wires
norms.py (the Gradients tab) and histograms.py (the Histograms tab, summaries made by
recorder.py's thread); runs.py wires runs_view.py (the Runs tab), sweep_panel.py and
sweep_job.py (its thread). The numbers are Qt-free: nnviz.engine.diagnose, nnviz.run.gradnorms,
nnviz.run.histograms, nnviz.run.runlist, nnviz.run.sweep.
"""

from nnviz.ui.diagnose.feature import DiagnoseFeature, install_diagnose

__all__ = ["DiagnoseFeature", "install_diagnose"]
