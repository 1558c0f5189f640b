"""The local runner: the Worker in this process, or in a pool of ``workers`` processes."""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any, TypeVar

from dragoman.pipeline import Outcome, Worker
from dragoman.records import Article
from dragoman.settings import Settings

Batch = list[dict[str, Any]]
In = TypeVar("In")
Out = TypeVar("Out")

# Each process of a pool holds one Worker (one model load), built by the initializer.
_process_worker: Worker | BaseException | None = None


class LocalRunner:
    """``with LocalRunner(settings) as runner: runner.map(batches)``; the model (or the pool
    of models) is loaded once on entry and reused for every call."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._worker: Worker | None = None
        self._pool: Any = None

    def __enter__(self) -> LocalRunner:
        if self.settings.workers == 1:
            self._worker = Worker(self.settings)
            _tune_process()
        else:
            context = multiprocessing.get_context("spawn")  # no fork of threads or models
            self._pool = context.Pool(self.settings.workers, initializer=_start,
                                      initargs=(self.settings,))
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._pool is not None:
            self._pool.terminate() if kind else self._pool.close()
            self._pool.join()

    @property
    def model(self) -> str:
        if self._worker is not None:
            return self._worker.pipeline.model
        return str(self._pool.apply(_model))

    def map(self, batches: Iterable[Batch]) -> Iterator[Batch]:
        """Outcome batches in the order of ``batches``, at most two per worker in flight, so
        a large corpus streams through instead of being read into memory."""
        return self._map(_dicts, batches)

    def process(self, batches: Iterable[list[Article]]) -> Iterator[list[Outcome]]:
        """As :meth:`map`, on Articles, giving typed outcomes (``Pipeline.pipe``)."""
        return self._map(_outcomes, batches)

    def _map(self, task: Callable[[Worker, In], Out], batches: Iterable[In]) -> Iterator[Out]:
        if self._worker is not None:
            for batch in batches:
                yield task(self._worker, batch)
            return
        pending: deque[Any] = deque()
        for batch in batches:
            pending.append(self._pool.apply_async(_run, (task, batch)))
            if len(pending) >= 2 * self.settings.workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _start(settings: Settings) -> None:
    global _process_worker
    try:
        _process_worker = Worker(settings)
        _tune_process()
    except BaseException as exc:  # re-raised in the parent by _run, not a hung pool
        _process_worker = exc


def _worker() -> Worker:
    if isinstance(_process_worker, BaseException):
        raise _process_worker
    assert _process_worker is not None
    return _process_worker


def _run(task: Callable[[Worker, In], Out], batch: In) -> Out:
    return task(_worker(), batch)


def _dicts(worker: Worker, batch: Batch) -> Batch:
    return worker(batch)


def _outcomes(worker: Worker, batch: list[Article]) -> list[Outcome]:
    return worker.pipeline.process(batch)


def _model() -> str:
    return _worker().pipeline.model


def _tune_process() -> None:
    """Settings for a process that runs one Worker for a whole run (this process, or one of
    the pool's). An engine such as Spark runs its own executor processes and keeps them
    untouched."""
    # The model and the knowledge tables live as long as the process: exempt them from the
    # cyclic garbage collector, whose full collections would otherwise walk their objects
    # again and again (about 1% of a run's time).
    gc.freeze()
    _keep_freed_memory()


# glibc's mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


def _keep_freed_memory() -> None:
    """Have glibc keep the memory a batch frees for the next batch, instead of returning it
    to the system at once.

    A batch's parsed documents are freed before the next batch is parsed. By default glibc
    then hands the top of its heap back to the system, and the next parse faults the same
    memory in again page by page: on the first 100 timeline17 articles (some very long)
    that was about 3 s of system time in 50 s of parsing. Fixed thresholds keep it: blocks
    up to 32 MiB (the most glibc's own adaptive threshold reaches) come from the heap, and
    the heap is trimmed only when over 1 GiB is free at its top. Elsewhere than on glibc
    this does nothing."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    libc.mallopt(_M_MMAP_THRESHOLD, 32 * 2**20)
    libc.mallopt(_M_TRIM_THRESHOLD, 2**30)
