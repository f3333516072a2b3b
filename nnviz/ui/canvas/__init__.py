"""The network canvas: layers as columns of units, edges by weight, the example's values.

scene.py, edges.py and values.py are the Qt-free geometry and colour math (numpy only, checked by
tests/test_layering.py); canvas.py, layers.py, paint.py, text.py, input.py and sprites.py paint it.
"""
