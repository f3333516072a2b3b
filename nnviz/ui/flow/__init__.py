"""See the math move: phase stepping, the animated forward and backward flow, the equations tab.

animation.py is the flow's Qt-free timing and pulse math; overlay.py paints it on the canvas;
stepping.py installs the feature (actions, the Equations tab); equations.py renders one phase.
"""
