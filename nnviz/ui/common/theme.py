"""The window's colours and fonts, in one place (plain tuples and hex strings; no Qt import)."""

from __future__ import annotations

# Colour-blind-safe diverging pair (blue = positive, orange = negative), as in TF Playground.
POSITIVE = "#2b6cb0"
NEGATIVE = "#dd6b20"
POSITIVE_RGB = (43, 108, 176)
NEGATIVE_RGB = (221, 107, 32)

# Backward pass (gradients) use another family: purple / teal.
GRAD_POSITIVE = "#805ad5"
GRAD_NEGATIVE = "#2c9a8f"

BACKGROUND = "#f7f8fa"  # window
SURFACE = "#ffffff"  # canvas, plots
BORDER = "#d9dde3"
TEXT = "#1f2933"
TEXT_MUTED = "#6b7785"
ACCENT = "#2b6cb0"

TRAIN = "#2b6cb0"  # train cost / accuracy
TEST = "#dd6b20"  # test cost / accuracy
DANGER = "#c53030"

FONT_FAMILY = "DejaVu Sans"
MONO_FAMILY = "DejaVu Sans Mono"
