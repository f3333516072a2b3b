"""The network canvas: layers as columns of units, edges by weight, the example's values.

scene.py, edges.py, values.py and unit_map_math.py are the Qt-free geometry and colour math (numpy
only; the first three are checked by tests/test_layering.py). canvas.py is the widget (what is
shown), frame.py its cached frame, pace and paint, input.py the pointer; layers.py, paint.py,
text.py, fonts.py, hover.py, sprites.py and unit_maps.py paint it.
"""
