"""Make Qt's SVG read right outside Qt: strokes drawn with `vector-effect="non-scaling-stroke"`
under a scaling transform are rewritten with their coordinates already in device space.

QSvgGenerator writes a plot's curves in data coordinates inside `<g transform="matrix(...)">`
(x scaled by ~2, y by ~-158 for a cost plot) and asks for non-scaling strokes. Qt honours that;
librsvg, cairosvg and ImageMagick do not, and scale the 1.2 px pen by 158 into a filled blob. Here
every such shape (path, polyline, polygon, line, rect) gets the group's matrix applied to its
coordinates, so its stroke width is in device pixels with or without vector-effect; anything else
in the group (text, images) keeps the transform in a group of its own. No Qt here (xml only).
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET

NS = "http://www.w3.org/2000/svg"
ET.register_namespace("", NS)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
Matrix = tuple[float, float, float, float, float, float]  # a b c d e f: x' = a x + c y + e
_MATRIX = re.compile(r"^\s*matrix\(([^)]*)\)\s*$")
_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PAIRS = {"M": 1, "L": 1, "C": 3, "Q": 2, "S": 2, "T": 1}  # coordinate pairs per segment
SHAPES = {"path", "polyline", "polygon", "line", "rect"}


def parse_matrix(text: str | None) -> Matrix | None:
    """ "matrix(a,b,c,d,e,f)" -> (a, b, c, d, e, f); None for anything else."""
    m = _MATRIX.match(text or "")
    if not m:
        return None
    vals = [float(v) for v in re.split(r"[\s,]+", m.group(1).strip()) if v]
    return tuple(vals) if len(vals) == 6 else None  # type: ignore[return-value]


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _num(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".") or "0"


def transform_path(d: str, m: Matrix) -> str | None:
    """Path data d with every point mapped by m; None when d holds commands this does not map
    (relative ones, arcs)."""
    tokens = _TOKEN.findall(d)
    out: list[str] = []
    i, cmd, cur = 0, "", (0.0, 0.0)
    while i < len(tokens):
        t = tokens[i]
        if t.isalpha():
            cmd = t
            i += 1
            if cmd in "Zz":
                out.append("Z")
                continue
            if cmd not in _PAIRS and cmd not in "HV":
                return None
            out.append(cmd if cmd in _PAIRS else "L")
            continue
        if cmd in "HV":  # one number: make it a full point
            v = float(t)
            cur = (v, cur[1]) if cmd == "H" else (cur[0], v)
            x, y = _apply(m, *cur)
            out.append(f"{_num(x)},{_num(y)}")
            i += 1
            continue
        if cmd not in _PAIRS:
            return None
        n = 2 * _PAIRS[cmd]
        if i + n > len(tokens):
            return None
        pts = []
        for k in range(0, n, 2):
            cur = (float(tokens[i + k]), float(tokens[i + k + 1]))
            x, y = _apply(m, *cur)
            pts.append(f"{_num(x)},{_num(y)}")
        out.append(" ".join(pts))
        i += n
    return " ".join(out)


def _points(text: str, m: Matrix) -> str:
    v = [float(t) for t in _TOKEN.findall(text)]
    return " ".join(
        "{},{}".format(*map(_num, _apply(m, v[k], v[k + 1]))) for k in range(0, len(v) - 1, 2)
    )


def flatten_shape(el: ET.Element, m: Matrix) -> bool:
    """Map el's coordinates by m in place (dropping its vector-effect); False if it cannot."""
    tag = el.tag.split("}")[-1]
    if tag == "path":
        d = transform_path(el.get("d", ""), m)
        if d is None:
            return False
        el.set("d", d)
    elif tag in ("polyline", "polygon"):
        el.set("points", _points(el.get("points", ""), m))
    elif tag == "line":
        for a, b in (("x1", "y1"), ("x2", "y2")):
            x, y = _apply(m, float(el.get(a, 0)), float(el.get(b, 0)))
            el.set(a, _num(x))
            el.set(b, _num(y))
    elif tag == "rect":
        if m[1] or m[2] or el.get("rx") or el.get("ry"):
            return False
        x, y = float(el.get("x", 0)), float(el.get("y", 0))
        w, h = float(el.get("width", 0)), float(el.get("height", 0))
        (x0, y0), (x1, y1) = _apply(m, x, y), _apply(m, x + w, y + h)
        el.set("x", _num(min(x0, x1)))
        el.set("y", _num(min(y0, y1)))
        el.set("width", _num(abs(x1 - x0)))
        el.set("height", _num(abs(y1 - y0)))
    else:
        return False
    el.attrib.pop("vector-effect", None)
    return True


def flatten(root: ET.Element) -> int:
    """Rewrite every group whose transform is a matrix and that holds non-scaling strokes;
    returns how many shapes were mapped."""
    mapped = 0
    for g in list(root.iter(f"{{{NS}}}g")):
        m = parse_matrix(g.get("transform"))
        kids = list(g)
        if m is None or not any(k.get("vector-effect") == "non-scaling-stroke" for k in kids):
            continue
        del g.attrib["transform"]
        for pos, kid in enumerate(kids):
            tag = kid.tag.split("}")[-1]
            if tag in SHAPES and kid.get("vector-effect") and flatten_shape(kid, m):
                mapped += 1
                continue
            holder = ET.Element(f"{{{NS}}}g", {"transform": "matrix({},{},{},{},{},{})".format(*m)})
            g.remove(kid)
            holder.append(kid)
            g.insert(pos, holder)
    return mapped


def flatten_file(path: str | os.PathLike) -> int:
    """flatten() an SVG file in place; returns how many shapes were mapped."""
    tree = ET.parse(os.fspath(path))
    n = flatten(tree.getroot())
    tree.write(os.fspath(path), encoding="UTF-8", xml_declaration=True)
    return n
