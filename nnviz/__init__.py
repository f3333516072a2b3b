"""nnviz: watch a neural network learn, the way the deep learning course teaches it."""

__version__ = "0.1.0"
