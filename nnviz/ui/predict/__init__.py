"""Drop, paste or open pictures and see what the network makes of them (issue 5).

install_drop(window, controller) -> PredictFeature wires it all: drop.py (which drags the window
takes), loader.py (background decoding through the one image pipeline), history.py (the predicted
pictures and their probabilities), jobs.py (each drop's files and problems), panel.py (the
Predictions panel), placement.py (where it sits).
"""

from nnviz.ui.predict.feature import PredictFeature, install_drop

__all__ = ["PredictFeature", "install_drop"]
