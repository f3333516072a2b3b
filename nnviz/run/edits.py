"""Hand edits on their way to the training thread (Qt-free).

The window asks for an edit (nnviz.engine.edit) from its own thread; the thread that owns the
trainer applies it between iterations through the run's Loop (Loop.edit: one step, pinned in the
timeline). A drag sends many values of one parameter: the first makes the step, the later ones
amend it (the same iteration, no new cost), so a whole drag is one step of the run; values
queued behind a newer one of the same drag are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.engine.edit import Target
from nnviz.run.loop import Loop


@dataclass(frozen=True)
class EditRequest:
    """Set `target` to `value` in run number `run`; amend: a later value of the same drag."""

    run: int
    target: Target
    value: float
    amend: bool = False


class Edits:
    """Requests waiting (added and taken under the owner's lock) and the last edit applied."""

    def __init__(self) -> None:
        self.pending: list[EditRequest] = []
        self._last: tuple[int, int, Target] | None = None  # (run, iteration, target) made

    def add(self, request: EditRequest) -> None:
        self.pending.append(request)

    def take(self) -> list[EditRequest]:
        taken, self.pending = self.pending, []
        return taken

    def apply(self, loop: Loop, run: int, requests: list[EditRequest]) -> list[str]:
        """Apply the requests of run number `run` to loop's trainer, in order; one entry per
        request applied or refused: "" when applied, else why not (for the user)."""
        said = []
        for i, r in enumerate(requests):
            later = requests[i + 1] if i + 1 < len(requests) else None
            overtaken = later is not None and later.amend and later.target == r.target
            if r.run != run or (r.amend and overtaken):
                continue  # another run's, or a drag's value overtaken by a later one
            t = loop.trainer
            amend = r.amend and self._last == (run, t.iteration, r.target)
            try:
                loop.edit(r.target, r.value, amend)
            except ValueError as e:
                said.append(str(e))
                continue
            self._last = (run, t.iteration, r.target)
            said.append("")
        return said
