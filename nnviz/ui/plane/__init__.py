"""2-D data in the window (issue 13): the "Plane" tab with Playground's datasets (kind, noise,
train share, seed, input feature toggles) and the output's decision map over the input plane.

install_plane(window, controller) -> PlaneFeature wires it (feature.py); panel.py is the tab's
widget, settings.py holds the data controls, map_view.py paints the map, drawing.py draws your own
points; the math is Qt-free in nnviz.run.plane_maps and the data in nnviz.data.planar.
"""

from nnviz.ui.plane.feature import PlaneFeature, install_plane

__all__ = ["PlaneFeature", "install_plane"]
