"""See the math move: phase stepping, the animated forward and backward flow, the equations tab.

animation.py is the flow's Qt-free timing and pulse math; overlay.py plays it on the canvas and
overlay_paint.py draws each phase; stepping.py installs the feature (actions, the Equations tab);
equations.py renders one phase.
"""
