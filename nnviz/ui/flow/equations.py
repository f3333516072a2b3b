"""The equations panel: the current phase's equation in the course's notation, with the real
shapes and the numbers of the shown example and one unit.

`phase_numbers` (no Qt) gathers the numbers from a Snapshot (batch quantities: W, b, dW, db, J)
and ExampleValues (the shown example's z, a, dz, computed with the snapshot's weights); `phase_html`
renders them as rich text; `EquationsPanel` shows it. During a stepped iteration the snapshot's
W, b are the ones this iteration started from until its update phase has run, and dW[l], db[l]
are this iteration's once backward through layer l has run; so every number shown for a phase is
the engine's value at that phase.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QTextBrowser, QWidget

from nnviz.engine.activations import get_activation
from nnviz.engine.snapshot import Snapshot
from nnviz.engine.trainer import Phase
from nnviz.ui.canvas.values import ExampleValues
from nnviz.ui.common import theme

N_SHOWN = 4  # weights of a row written out


def sup(l: int | str) -> str:
    return f"<sup>[{l}]</sup>"


def fmt(v: float) -> str:
    """A number as the panel writes it: 4 decimals, or 3 significant digits when tiny."""
    v = float(v)
    if v == 0:
        return "0"
    if abs(v) < 1e-3:
        return f"{v:.3e}".replace("-", "−")
    return f"{v:.4f}".replace("-", "−")


def shape(*dims: int | str) -> str:
    return "(" + ", ".join(str(d) for d in dims) + ")"


def gname(snap: Snapshot, l: int) -> str:
    return "sigmoid" if l == snap.L else snap.activation


def pick_unit(phase: Phase | None, values: ExampleValues | None, unit, L: int) -> tuple[int, int]:
    """The unit (l, j) the panel details: the clicked one when it is in the phase's layer, else
    that layer's unit with the largest |z| (forward) or |dz| (backward) for the example."""
    l = L if phase is None or phase.kind in ("cost", "update") else phase.layer
    if phase is not None and phase.kind == "update" and unit is not None and unit[0] >= 1:
        return unit
    if unit is not None and unit[0] == l:
        return unit
    if values is None:
        return l, 0
    v = (
        values.dz[l]
        if phase is not None and phase.kind == "backward" and values.dz
        else values.z[l]
    )
    return l, int(np.argmax(np.abs(np.nan_to_num(v)))) if len(v) else 0


def phase_numbers(
    phase: Phase, snap: Snapshot, values: ExampleValues | None, unit: tuple[int, int]
) -> dict:
    """The numbers the panel shows for `phase` and unit (l, j): floats and short arrays.

    forward: z, a, b, wa (w_j . a[l-1]), w (first weights of W[l] row j), w_norm;
    cost: J (batch), yhat, y, loss (this example);
    backward: dz (example), dW (first of row j), dW_norm, db; for l < L also da, gprime;
    update: alpha, W (new row j, first), dW (row j, first), db, b (new); max_step per layer."""
    l, j = unit
    out: dict = {}
    if phase.kind == "forward" and values is not None:
        out.update(z=values.z[l][j], a=values.a[l][j], b=snap.b[l][j, 0])
        out["wa"] = float(np.dot(snap.W[l][j].astype(np.float64), values.a[l - 1]))
        out.update(w=np.array(snap.W[l][j, :N_SHOWN]), w_norm=float(np.linalg.norm(snap.W[l][j])))
    elif phase.kind == "cost":
        out["J"] = snap.cost
        if values is not None:
            out.update(yhat=values.yhat, y=values.y)
            if values.y is not None:
                from nnviz.ui.flow.animation import example_loss

                out["loss"] = example_loss(snap.loss, values.z_out, values.yhat, values.y)
    elif phase.kind == "backward":
        if values is not None and values.dz is not None:
            out["dz"] = values.dz[l][j]
            if l < snap.L:
                da = np.asarray(snap.W[l + 1], np.float64)[:, j] @ values.dz[l + 1]
                gp = get_activation(snap.activation).grad(np.array([values.z[l][j]]))[0]
                out.update(da=float(da), gprime=float(gp))
        if snap.has_grad(l):
            out.update(dW=np.array(snap.dW[l][j, :N_SHOWN]), db=snap.db[l][j, 0])
            out["dW_norm"] = float(np.linalg.norm(snap.dW[l][j]))
    elif phase.kind == "update" and l >= 1 and snap.dW[l].size:
        out.update(alpha=snap.lr, W=np.array(snap.W[l][j, :N_SHOWN]), b=snap.b[l][j, 0])
        out.update(dW=np.array(snap.dW[l][j, :N_SHOWN]), db=snap.db[l][j, 0])
        out["max_step"] = [float(snap.lr * np.abs(snap.dW[k]).max()) for k in range(1, snap.L + 1)]
    return out


def _row(v: np.ndarray, n: int) -> str:
    more = ", …" if n > len(v) else ""
    return "[" + ", ".join(fmt(x) for x in v) + more + "]"


def _eq(text: str, shapes: str = "") -> str:
    s = f"<tr><td class='eq'>{text}</td></tr>"
    return s + (f"<tr><td class='shape'>{shapes}</td></tr>" if shapes else "")


def phase_html(
    phase: Phase | None,
    snap: Snapshot | None,
    values: ExampleValues | None,
    m: int,
    unit: tuple[int, int] | None = None,
) -> str:
    """Rich text for the panel: the phase's equations with shapes, then the unit's numbers."""
    head = (
        f"<style>td {{ padding: 1px 0; }} .eq {{ font-size: 15px; font-family: "
        f"'DejaVu Serif'; }} .shape {{ color: {theme.TEXT_MUTED}; font-family: "
        f"'{theme.MONO_FAMILY}'; font-size: 12px; padding-bottom: 6px; }} "
        f".num {{ font-family: '{theme.MONO_FAMILY}'; font-size: 12px; }} "
        f"h3 {{ margin: 2px 0 4px 0; font-size: 13px; }}</style>"
    )
    if snap is None:
        return head + "<p>No network yet.</p>"
    if phase is None:
        return head + (
            "<h3>One iteration, phase by phase</h3><p>Press <b>.</b> (Step phase) to run "
            "forward through layer 1; each press runs the next phase: forward through each layer, "
            "the cost, backward through each layer, the update. Click a unit to see its "
            "numbers.</p>"
        )
    dims, L = snap.layer_dims, snap.L
    l, j = pick_unit(phase, values, unit, L)
    k = j + 1  # units are numbered from 1 on screen, as the course writes x₁ … xₙ
    num = phase_numbers(phase, snap, values, (l, j))
    rows, lines = [], []
    if phase.kind == "forward":
        p = f"{l - 1}"
        rows.append(
            _eq(
                f"Z{sup(l)} = W{sup(l)} A{sup(p)} + b{sup(l)}",
                f"{shape(dims[l], m)} = {shape(dims[l], dims[l - 1])} "
                f"{shape(dims[l - 1], m)} + {shape(dims[l], 1)}",
            )
        )
        rows.append(_eq(f"A{sup(l)} = {gname(snap, l)}(Z{sup(l)})", f"{shape(dims[l], m)}"))
        if "z" in num:
            lines += [
                f"z<sub>{k}</sub> = w<sub>{k}</sub>·a{sup(p)} + b<sub>{k}</sub> = "
                f"{fmt(num['wa'])} + {fmt(num['b'])} = <b>{fmt(num['z'])}</b>",
                f"a<sub>{j + 1}</sub> = {gname(snap, l)}({fmt(num['z'])}) = <b>{fmt(num['a'])}</b>",
                f"w<sub>{j + 1}</sub> = {_row(num['w'], dims[l - 1])} ({dims[l - 1]:,} weights, "
                f"‖w<sub>{j + 1}</sub>‖ = {fmt(num['w_norm'])})",
            ]
    elif phase.kind == "cost":
        if snap.loss == "squared-error":
            formula = "J = (1/2m) Σ (A<sup>[L]</sup> − Y)<sup>2</sup>"
        else:
            formula = "J = −(1/m) Σ ( Y log A<sup>[L]</sup> + (1 − Y) log(1 − A<sup>[L]</sup>) )"
        cost = "–" if num.get("J") is None else f"<b>{num['J']:.4f}</b>"
        if snap.l2:
            formula += (
                f" + (λ/2m) Σ<sub>l</sub> ‖W{sup('l')}‖<sup>2</sup><sub>F</sub> (λ = {snap.l2:g})"
            )
        rows.append(_eq(f"{formula} = {cost}", f"A{sup(L)}, Y: {shape(1, m)} → J: a number"))
        if "loss" in num:
            lines.append(
                f"this example: ŷ = {fmt(num['yhat'])}, y = {num['y']:g}, "
                f"its loss = <b>{fmt(num['loss'])}</b>"
            )
    elif phase.kind == "backward":
        if l == L:
            dz = "A<sup>[L]</sup> − Y" if snap.loss != "squared-error" else None
            dz = dz or "(A<sup>[L]</sup> − Y) * σ′(Z<sup>[L]</sup>)"
            rows.append(_eq(f"dZ{sup(L)} = {dz}", f"{shape(1, m)}"))
        else:
            rows.append(
                _eq(f"dA{sup(l)} = W{sup(l + 1)}<sup>T</sup> dZ{sup(l + 1)}", shape(dims[l], m))
            )
            rows.append(
                _eq(
                    f"dZ{sup(l)} = dA{sup(l)} * {gname(snap, l)}′(Z{sup(l)})",
                    f"{shape(dims[l], m)} = {shape(dims[l], m)} * {shape(dims[l], m)}",
                )
            )
        l2_term = f" + (λ/m) W{sup(l)}" if snap.l2 else ""
        rows.append(
            _eq(
                f"dW{sup(l)} = (1/m) dZ{sup(l)} A{sup(l - 1)}<sup>T</sup>{l2_term}",
                f"{shape(dims[l], dims[l - 1])} = {shape(dims[l], m)} {shape(m, dims[l - 1])}",
            )
        )
        rows.append(_eq(f"db{sup(l)} = (1/m) Σ dZ{sup(l)}", f"{shape(dims[l], 1)}  (m = {m})"))
        if l > 1:
            rows.append(
                _eq(
                    f"dA{sup(l - 1)} = W{sup(l)}<sup>T</sup> dZ{sup(l)}",
                    f"{shape(dims[l - 1], m)} = {shape(dims[l - 1], dims[l])} {shape(dims[l], m)}",
                )
            )
        else:
            rows.append(_eq("", "the input layer gets no dA: X is data, not a parameter"))
        if "dz" in num:
            if "da" in num:
                lines.append(
                    f"dz<sub>{j + 1}</sub> = da<sub>{j + 1}</sub> · g′(z<sub>{j + 1}</sub>) = "
                    f"{fmt(num['da'])} · {fmt(num['gprime'])} = <b>{fmt(num['dz'])}</b>"
                )
            else:
                lines.append(f"dz = ŷ − y = <b>{fmt(num['dz'])}</b>")
        if "dW" in num:
            lines += [
                f"dW row {k} (batch) = {_row(num['dW'], dims[l - 1])}, ‖·‖ = {fmt(num['dW_norm'])}",
                f"db<sub>{j + 1}</sub> = <b>{fmt(num['db'])}</b>",
            ]
    else:
        rows.append(_eq(f"W{sup('l')} := W{sup('l')} − α dW{sup('l')}", f"l = 1 … {L}"))
        rows.append(_eq(f"b{sup('l')} := b{sup('l')} − α db{sup('l')}", f"α = {snap.lr:g}"))
        if "W" in num:
            steps = ", ".join(f"{fmt(s)}" for s in num["max_step"])
            lines += [
                f"row {j + 1} of W{sup(l)}, new: {_row(num['W'], dims[l - 1])}",
                f"its dW: {_row(num['dW'], dims[l - 1])}; b<sub>{j + 1}</sub> = {fmt(num['b'])}",
                f"largest step α|dW| per layer: {steps}",
            ]
    where = f"unit {j + 1} of layer {l}" + (" (click a unit to choose)" if unit != (l, j) else "")
    body = "<table>" + "".join(rows) + "</table>"
    if lines:
        body += f"<h3>{where}, shown example</h3><div class='num'>" + "<br>".join(lines) + "</div>"
    if unit is not None and unit != (l, j) and values is not None:
        body += _selected(phase, snap, values, unit)
    return head + f"<h3>{phase}</h3>" + body


def _selected(phase: Phase, snap: Snapshot, values: ExampleValues, unit: tuple[int, int]) -> str:
    """The clicked unit's own numbers when it is not the one detailed above: z, a, b, its row of
    W, and dz once this iteration's backward pass has reached its layer."""
    l, j = unit
    if l == 0:
        x = fmt(values.a[0][j])
        return f"<h3>input {j + 1}</h3><div class='num'>x<sub>{j + 1}</sub> = {x}</div>"
    n = snap.layer_dims[l - 1]
    parts = [
        f"z = {fmt(values.z[l][j])}, a = {fmt(values.a[l][j])}, b = {fmt(snap.b[l][j, 0])}",
        f"w<sub>{j + 1}</sub> = {_row(np.array(snap.W[l][j, :N_SHOWN]), n)}",
    ]
    if phase.kind == "backward" and phase.layer <= l and values.dz is not None:
        parts.append(f"dz = {fmt(values.dz[l][j])}")
    return (
        f"<h3>selected: unit {j + 1} of layer {l}</h3><div class='num'>"
        + "<br>".join(parts)
        + "</div>"
    )


class EquationsPanel(QTextBrowser):
    """Read-only rich text; `show_phase(...)` re-renders (cheap: a few hundred characters)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("equations")
        self.setOpenLinks(False)
        self.numbers: dict = {}
        self.setHtml(phase_html(None, None, None, 1))

    def show_phase(
        self,
        phase: Phase | None,
        snap: Snapshot | None,
        values: ExampleValues | None,
        m: int,
        unit: tuple[int, int] | None = None,
    ) -> None:
        if phase is not None and snap is not None:
            self.unit = pick_unit(phase, values, unit, snap.L)
            self.numbers = phase_numbers(phase, snap, values, self.unit)
        else:
            self.unit, self.numbers = None, {}  # type: ignore[assignment]
        self.setHtml(phase_html(phase, snap, values, m, unit))
