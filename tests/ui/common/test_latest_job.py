"""LatestJob: work done off the GUI thread, newest request first, results back on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication

from nnviz.ui.common import latest_job
from nnviz.ui.common.latest_job import LatestJob


def test_results_come_back_on_the_gui_thread_and_a_newer_job_replaces_a_waiting_one(qtbot):
    got: list = []
    gui = QThread.currentThread()
    job = LatestJob(lambda token, result: got.append((token, result, QThread.currentThread())))
    release, started = threading.Event(), threading.Event()

    def slow(x):
        started.set()
        release.wait(10)
        return (x, threading.current_thread().name)

    job("a", slow, 1)
    qtbot.waitUntil(started.is_set)
    job("b", slow, 2)  # waits behind a ...
    job("c", slow, 3)  # ... and is replaced by c
    assert job.pending("a") and job.pending("c") and not job.pending("b")
    release.set()
    qtbot.waitUntil(lambda: len(got) == 2)
    assert [(t, r[0]) for t, r, _ in got] == [("a", 1), ("c", 3)]
    assert all(r[1] == "nnviz-job" for _, r, _ in got)  # made off the GUI thread
    assert all(th is gui for _, _, th in got)  # handed over on the GUI thread
    assert not job.pending("c")


def test_discard_drops_the_running_jobs_result(qtbot):
    got: list = []
    job = LatestJob(lambda token, result: got.append(token))
    release, started = threading.Event(), threading.Event()

    def slow():
        started.set()
        release.wait(10)

    job("old", slow)
    qtbot.waitUntil(started.is_set)
    job.discard()  # e.g. the dataset changed while it ran
    job("new", lambda: None)
    release.set()
    qtbot.waitUntil(lambda: got == ["new"])


def test_an_error_is_raised_on_the_gui_thread(qtbot):
    def fail():
        raise ValueError("bad grid")

    job = LatestJob(lambda token, result: None)
    with qtbot.captureExceptions() as errors:
        job("x", fail)
        qtbot.waitUntil(lambda: len(errors) == 1)
    assert errors[0][0] is ValueError and "bad grid" in str(errors[0][1])


def test_the_thread_ends_when_idle(qtbot, monkeypatch):
    monkeypatch.setattr(latest_job, "IDLE_S", 0.05)
    done: list = []
    owner = QObject()
    job = LatestJob(lambda token, result: done.append(result), owner, "idle-test")
    job(1, lambda: 7)
    qtbot.waitUntil(lambda: done == [7])
    names = lambda: [t.name for t in threading.enumerate()]  # noqa: E731
    qtbot.waitUntil(lambda: "nnviz-idle-test" not in names())
    job(2, lambda: 8)  # starts again on demand
    qtbot.waitUntil(lambda: done == [7, 8])


def test_idle_and_stop_end_the_thread_at_once_and_refuse_later_jobs(qtbot):
    got: list = []
    job = LatestJob(lambda token, result: got.append(result), None, "stop-test")
    release, started = threading.Event(), threading.Event()

    def slow():
        started.set()
        release.wait(10)
        return "late"

    assert job.idle() and not job.running()
    job(1, slow)
    qtbot.waitUntil(started.is_set)
    job(2, lambda: "waiting")
    assert not job.idle() and job.running()
    release.set()
    job.stop()  # waits for the running job; its result and the waiting job are dropped
    assert not job.running() and job.idle()
    assert "nnviz-stop-test" not in [t.name for t in threading.enumerate()]
    job(3, lambda: "refused")
    assert not job.running() and job.idle()
    QApplication.processEvents()  # a result on its way would be delivered here
    assert got == []
