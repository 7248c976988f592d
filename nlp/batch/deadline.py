"""A time limit on a block of Python code: ``with deadline(120): ...`` raises :class:`Timeout`.

In the main thread (local worker processes) it uses ``SIGALRM``; in another thread (a Dask worker
runs tasks in a thread pool) it raises :class:`Timeout` asynchronously in that thread.  Both stop
pure-Python loops (pdfminer's layout analysis, regexes run from Python, ...) but not a call stuck
inside C code; the local engine kills such a worker process from outside (see :mod:`.engines`).

:class:`Timeout` derives from ``BaseException`` so that ``except Exception`` in the readers
cannot swallow it.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Timeout(BaseException):
    """The block ran longer than its deadline."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`Timeout` in the current thread if the block takes longer than ``seconds``."""
    if seconds <= 0:
        yield
    elif threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with _async_raise(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    active = True

    def ring(signum, frame) -> None:
        if active:
            raise Timeout()

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _async_raise(seconds: float) -> Iterator[None]:
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(thread_id), ctypes.py_object(Timeout)
                )

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["fired"]:  # not delivered yet if the block ended first: withdraw it
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None)
