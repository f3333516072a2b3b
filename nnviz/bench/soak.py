"""`nnviz bench soak --minutes N [--json FILE] [--drop-every S]`: a long run of the real window.

Trains the cat network at full speed with the window open and animating (offscreen without a
display), drops a picture on the window every few seconds, and reports memory (the window's RSS
plus the training process's private memory) at the start,
after the first minute and at the end, and the lateness of a 10 ms GUI timer (p99) over the run.
Target: memory growth after the first minute <= 50 MB over 30 minutes.
JSON keys: rss_start_mb, rss_first_minute_mb, rss_end_mb, growth_after_first_minute_mb,
gui_lateness_p99_ms, iterations, drops, minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from array import array
from pathlib import Path

import numpy as np

GROWTH_TARGET_MB = 50.0


def rss_mb() -> float:
    """Resident memory (MB) of this process now, plus the memory of its child processes (the
    training process) that is theirs alone (private pages: the libraries both map are counted
    once, in this process); this process's peak where /proc is missing."""
    try:
        with open("/proc/self/statm") as f:
            own = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        return (own + _children_private()) / 2**20
    except (OSError, ValueError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (2**20 if sys.platform == "darwin" else 2**10)


def _children_private() -> int:
    """Bytes of private memory of this process's children (0 where smaps_rollup is missing)."""
    pids = []
    for task in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{task}/children") as f:
            pids += f.read().split()
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith(("Private_Clean:", "Private_Dirty:")):
                        total += int(line.split()[1]) * 1024
        except OSError:  # ended meanwhile
            pass
    return total


class LatenessMeter:
    """A 10 ms precise QTimer; how late each tick came beyond its period (ms), as bench gui does."""

    def __init__(self, period_ms: int = 10) -> None:
        from PySide6.QtCore import QElapsedTimer, Qt, QTimer

        self.period = period_ms
        self.late = array("d")  # 8 bytes a tick: the meter must not grow the RSS it measures
        self._clock = QElapsedTimer()
        self._last = 0.0
        self._timer = QTimer(interval=period_ms)
        self._timer.setTimerType(Qt.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._clock.start()
        self._last = 0.0
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = self._clock.nsecsElapsed() / 1e6
        if self._last:
            self.late.append(max(0.0, now - self._last - self.period))
        self._last = now

    def p99(self) -> float:
        return float(np.percentile(np.frombuffer(self.late), 99)) if self.late else float("nan")


def _pictures(folder: Path, n: int = 4) -> list[Path]:
    """A few PNGs of built-in cats to drop."""
    from PIL import Image

    from nnviz.data import load_dataset

    ds = load_dataset("cats")
    paths = []
    for i in range(n):
        p = folder / f"drop-{i}.png"
        Image.fromarray(ds.image(i * 7 % ds.m)).resize((200, 160)).save(p)
        paths.append(p)
    return paths


def _dropper(window, controller, paths: list[Path]):
    """A function that drops the next picture: the window's drop feature when it has one, else
    the controller's custom example (decoded through nnviz.data.images)."""
    from PySide6.QtCore import QMimeData, QUrl

    from nnviz.data.images import load_image_u8, u8_to_float

    feature = getattr(window, "predictions", None)
    count = [0]

    def drop() -> None:
        p = paths[count[0] % len(paths)]
        count[0] += 1
        if feature is not None and hasattr(feature, "drop_mime"):
            mime = QMimeData()
            mime.setUrls([QUrl.fromLocalFile(str(p))])
            feature.drop_mime(mime)
        else:
            img = load_image_u8(p)
            controller.show_custom_example(u8_to_float(img).reshape(-1), img, p.name)

    return drop, count


def run_soak(minutes: float, drop_every: float = 3.0, progress=print) -> dict:
    from PySide6.QtCore import QEventLoop, QTimer

    from nnviz.ui.app import build_window, make_app

    make_app(offscreen="DISPLAY" not in os.environ and "WAYLAND_DISPLAY" not in os.environ)
    window, c = build_window("cats")
    window.resize(1600, 1000)
    window.show()
    meter = LatenessMeter()
    with tempfile.TemporaryDirectory(prefix="nnviz-soak-") as tmp:
        drop, drops = _dropper(window, c, _pictures(Path(tmp)))
        dropper = QTimer(interval=max(100, int(drop_every * 1000)))
        dropper.timeout.connect(drop)
        marks: dict[str, float] = {}
        t0 = time.perf_counter()

        def report() -> None:
            it = c.snapshot.iteration if c.snapshot else 0
            progress(f"{(time.perf_counter() - t0) / 60:5.1f} min  rss {rss_mb():7.1f} MB  it {it}")

        reporter = QTimer(interval=30_000)
        reporter.timeout.connect(report)
        loop = QEventLoop()
        QTimer.singleShot(60_000, lambda: marks.setdefault("minute", rss_mb()))
        QTimer.singleShot(int(minutes * 60_000), loop.quit)
        marks["start"] = rss_mb()
        c.play()
        meter.start()
        dropper.start()
        reporter.start()
        loop.exec()
        for timer in (dropper, reporter):
            timer.stop()
        meter.stop()
        end = rss_mb()
        iterations = c.snapshot.iteration if c.snapshot else 0
        c.pause()
        window.close()
    first = marks.get("minute", marks["start"])
    return {
        "minutes": minutes,
        "rss_start_mb": marks["start"],
        "rss_first_minute_mb": first,
        "rss_end_mb": end,
        "growth_after_first_minute_mb": end - first,
        "gui_lateness_p99_ms": meter.p99(),
        "iterations": iterations,
        "drops": drops[0],
    }


def report_text(r: dict) -> str:
    ok = r["growth_after_first_minute_mb"] <= GROWTH_TARGET_MB
    return "\n".join(
        [
            f"soak {r['minutes']:g} min: {r['iterations']:,} iterations, {r['drops']} drops",
            f"rss start {r['rss_start_mb']:.1f} MB, after 1 min {r['rss_first_minute_mb']:.1f} MB, "
            f"end {r['rss_end_mb']:.1f} MB",
            f"growth after the first minute {r['growth_after_first_minute_mb']:+.1f} MB "
            f"(target <= {GROWTH_TARGET_MB:g} MB over 30 min) {'ok' if ok else 'MISSED'}"
            + ("" if r["minutes"] >= 30 else " (a shorter run than the target's 30 min)"),
            f"gui lateness p99 {r['gui_lateness_p99_ms']:.1f} ms",
        ]
    )


def main(args) -> int:
    p = argparse.ArgumentParser(prog="nnviz bench soak")
    p.add_argument("--minutes", type=float, default=30.0)
    p.add_argument("--json", metavar="FILE")
    p.add_argument("--drop-every", type=float, default=3.0, metavar="SECONDS")
    opts = p.parse_args(getattr(args, "rest", None) or [])
    if not opts.minutes > 0:
        p.error(f"--minutes must be more than 0, got {opts.minutes}")
    result = run_soak(opts.minutes, opts.drop_every, progress=lambda s: print(s, flush=True))
    print(report_text(result))
    path = opts.json or getattr(args, "json", None)
    if path:
        with open(path, "w") as f:
            json.dump(result, f, indent=2)
    return 0
