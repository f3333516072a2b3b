"""The drops being decoded, one job each: how many files, how many were used, what went wrong,
and whether the drop's first picture has been shown; summary() makes one message of a drop's
problems. No Qt: the feature (nnviz.ui.predict.feature) feeds it the loader's reports."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

NAMED = 5  # problems named in one message


@dataclass
class Job:
    total: int = 0
    used: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    shown: bool = False


def summary(job: Job) -> str | None:
    """One message for all problems of a drop, or None when every file was used."""
    if not job.errors:
        return None
    total = max(job.total, len(job.errors))
    named = ", ".join(f"{os.path.basename(n) or n} ({r})" for n, r in job.errors[:NAMED])
    more = f" and {len(job.errors) - NAMED} more" if len(job.errors) > NAMED else ""
    if job.used == 0:
        if total == 1:
            return f"Could not predict {named}."
        return f"None of the {total} files could be used: {named}{more}."
    return f"{len(job.errors)} of {total} files could not be used: {named}{more}."


class Jobs:
    """The jobs not finished yet, by the loader's job id; a job not here was cleared (its
    reports are ignored)."""

    def __init__(self) -> None:
        self._jobs: dict[int, Job] = {}

    def __bool__(self) -> bool:
        return bool(self._jobs)

    def __contains__(self, job: int) -> bool:
        return job in self._jobs

    def start(self, job: int, total: int) -> None:
        self._jobs[job] = Job(total=total)

    def used(self, job: int) -> bool:
        """A picture of `job` was decoded and used; True for the drop's first one."""
        state = self._jobs[job]
        state.used += 1
        first, state.shown = not state.shown, True
        return first

    def failed(self, job: int, name: str, reason: str) -> bool:
        """File `name` of `job` could not be used; False when the job was cleared."""
        if job not in self._jobs:
            return False
        self._jobs[job].errors.append((name, reason))
        return True

    def progress(self, job: int, total: int) -> bool:
        """The loader now knows `total` files for `job` (a folder was listed)."""
        if job not in self._jobs:
            return False
        self._jobs[job].total = total
        return True

    def finish(self, job: int) -> str | None:
        """Forget `job`; the message for its problems (summary), if any."""
        state = self._jobs.pop(job, None)
        return None if state is None else summary(state)

    def clear(self) -> None:
        self._jobs.clear()
