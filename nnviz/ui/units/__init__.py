"""What every unit has learned (issue 13): the first layer's weights W[1][j] as pictures for
picture datasets (a grid of all units in the "Units" tab, one unit large with its channels and
the training pictures that excite it most and least, the hovered unit's picture on the canvas).

install_units(window, controller) -> UnitsFeature wires it (feature.py); the painted views are in
view.py; the math is Qt-free in nnviz.run.unit_pictures.
"""

from nnviz.ui.units.feature import UnitsFeature, install_units

__all__ = ["UnitsFeature", "install_units"]
