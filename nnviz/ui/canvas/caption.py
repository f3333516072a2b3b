"""The example's caption on the network canvas ("train example 4 · y = 1 (cat)"): laid out, when
drawn, in the zone the words keep for it above the input picture (wording.layout_words), as near
the picture as the picture's lines leave room. No Qt here.
"""

from __future__ import annotations

import numpy as np

from nnviz.ui.canvas.labels import PAD, Label, Measure, Option, Text, options, sizes
from nnviz.ui.canvas.marks import Box, Marks, clear_until

CAPTION_FACES = sizes(9, 11)


def caption_labels(
    zone: Box, centre_x: float, caption: str, measure: Measure, marks: Marks | None = None
) -> list[Label]:
    """The caption (parts joined by " · ") in its zone, as low as it fits (nearest the
    picture), centred on centre_x where it can be, else moved left, clear of the marks: on one
    line or two, in a readable font (10-11 px) before a smaller one; only when the whole caption
    fits nowhere in the zone, with fewer parts. [] when nothing fits."""
    if not caption:
        return []
    parts = caption.split(" · ")
    whole: list[Text] = [caption]
    if len(parts) > 1:
        whole.append((parts[0], " · ".join(parts[1:])))
    fewer: list[Text] = [" · ".join(parts[:k]) for k in range(len(parts) - 1, 0, -1)]
    readable = [f for f in CAPTION_FACES if f.px >= 10]
    small = [f for f in CAPTION_FACES if f.px < 10]
    for texts, faces in ((whole, readable), (whole, small), (fewer, CAPTION_FACES)):
        lab = _lowest(zone, centre_x, options(texts, faces), measure, marks)
        if lab is not None:
            return [lab]
    return []


def _lowest(
    zone: Box, centre_x: float, opts: list[Option], measure: Measure, marks: Marks | None
) -> Label | None:
    """The first of opts at the lowest place in the zone (tried every 2 px) where one fits,
    clear of the marks, centred on centre_x or as near it as the zone and the marks allow."""
    x0, y0, zw, zh = zone
    bottoms = np.arange(y0 + zh, y0, -2.0)  # nearest the picture first
    sized = []
    for lines, face in opts:
        w = max(measure(s, face)[0] for s in lines) + PAD
        sized.append((lines, face, w, measure("Ag", face)[1] * len(lines)))
    free = {
        h: np.full(len(bottoms), x0 + zw)
        if marks is None
        else clear_until(marks, x0, x0 + zw, bottoms - h, bottoms)
        for h in {s[3] for s in sized}
    }
    for i, bottom in enumerate(bottoms.tolist()):
        for lines, face, w, h in sized:
            x = min(max(centre_x - w / 2, x0), float(free[h][i]) - w - 0.5)
            if bottom - h >= y0 - 0.5 and x >= x0 - 0.5:
                return Label("caption", lines, face, x, bottom - h, w, h)
    return None
