"""What the window's own views show, for --dump-state: the toolbar, the status bar, the canvas,
the example bar and the plots (features register their own; see nnviz.ui.common.dump)."""

from __future__ import annotations

from nnviz.ui.common.dump import entry, parse_text


def register_window_states(w) -> None:
    """The views built with the window (w: MainWindow)."""
    add = w.places.add_state
    add("toolbar", lambda: entry(w.transport, w, **parse_text(w.transport.text())))

    def status() -> dict:
        text = w.statusBar().currentMessage()
        return entry(w.statusBar(), w, text=text, **parse_text(text))

    def canvas() -> dict:
        snap = w.canvas_snapshot  # what the window gave the canvas to draw
        overlaps = getattr(w.canvas, "overlapping_texts", None)
        return entry(
            w.canvas,
            w,
            iteration=None if snap is None else snap.iteration,
            J=None if snap is None else snap.cost,
            overlapping_texts=[str(o) for o in overlaps()] if overlaps else [],
        )

    def example() -> dict:
        it, yhat = w.example_shown
        return entry(w.examples, w, iteration=it, J=None, yhat=yhat)

    add("status_bar", status)
    add("canvas", canvas)
    add("example_bar", example)


def register_plot_states(w) -> None:
    """The plots, once built (w.finish())."""
    add = w.places.add_state
    add("cost_plot", lambda: entry(w.cost_plot, w, **w.cost_plot.shown_point()))
    add(
        "sigmoid_plot",
        lambda: entry(
            w.sigmoid_plot,
            w,
            iteration=w.example_shown[0],
            J=None,
            overlapping_texts=w.sigmoid_plot.overlapping_texts(),
        ),
    )
