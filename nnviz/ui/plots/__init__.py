"""The window's plots: live cost and accuracy, the interactive sigmoid, and the shapes table.

Importing this package sets pyqtgraph's global options once (antialiased lines); each widget sets
its own light background.
"""

from __future__ import annotations

import pyqtgraph as pg

pg.setConfigOptions(antialias=True)

from nnviz.ui.plots.cost_plot import CostPlot  # noqa: E402
from nnviz.ui.plots.dims_table import DimsTable  # noqa: E402
from nnviz.ui.plots.sigmoid_plot import SigmoidPlot  # noqa: E402

__all__ = ["CostPlot", "DimsTable", "SigmoidPlot"]
