"""Worker processes for a batch. Each worker is fed its own files through its own pipe, at most
two at a time (one running, one waiting), so the parent always knows which file a worker holds.
A worker that dies — kill -9, the kernel's OOM killer, a crash in a native library — costs only
the file it was running: that file gets an error record, the files it had not started go to
the others, and a new worker takes its place. Workers die with the parent (PR_SET_PDEATHSIG on
Linux; elsewhere they end at the end of their pipe), and a SIGTERM ends a worker after its file.
"""
from __future__ import annotations

import os
import signal
import sys
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

DEPTH = 2               # files queued per worker: one running, one waiting, so it never idles
GRACE_SECONDS = 5.0     # a worker whose pipe broke gets this long to leave before it is killed


@dataclass
class _Worker:
    process: Any                        # multiprocessing.Process
    tasks: Any                          # Connection, parent -> worker
    results: Any                        # Connection, worker -> parent
    held: deque[int] = field(default_factory=deque)     # files sent, oldest (the running one) first


def death_message(exitcode: int | None) -> str:
    """"killed by SIGKILL (out of memory?)" for -9, "exit code 3" for 3."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (out of memory, or killed)" if -exitcode == signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    return f"exit code {exitcode}"


def run_ordered(tasks: list, jobs: int, work: Callable[[Any], Any],
                lost: Callable[[Any, str], Any]) -> Iterator[Any]:
    """work(task) for every task in `jobs` processes, yielded in task order; a task whose worker
    died while running it yields lost(task, "worker died: ...") instead."""
    pool = _Pool(work, jobs)
    try:
        yield from pool.run(tasks, lost)
    finally:
        pool.stop()


class _Pool:
    def __init__(self, work: Callable[[Any], Any], jobs: int) -> None:
        import multiprocessing
        # fork where it exists: the workers start with every module imported, and close the
        # pipe ends of the other workers they inherit (else a dead worker's pipe never ends)
        methods = multiprocessing.get_all_start_methods()
        self.fork = "fork" in methods and sys.platform != "darwin"
        self.ctx = multiprocessing.get_context("fork" if self.fork else None)
        self.work, self.jobs = work, jobs
        self.workers: list[_Worker] = []

    def _spawn(self) -> None:
        task_read, task_write = self.ctx.Pipe(duplex=False)
        result_read, result_write = self.ctx.Pipe(duplex=False)
        inherited = [c for w in self.workers for c in (w.tasks, w.results)] + [task_write, result_read]
        process = self.ctx.Process(target=_serve, daemon=True,
                                   args=(task_read, result_write, self.work, os.getpid(),
                                         inherited if self.fork else []))
        process.start()
        task_read.close()
        result_write.close()
        self.workers.append(_Worker(process, task_write, result_read))

    def run(self, tasks: list, lost: Callable[[Any, str], Any]) -> Iterator[Any]:
        from multiprocessing.connection import wait
        pending = deque(range(len(tasks)))
        done: dict[int, Any] = {}
        emitted = 0
        while emitted < len(tasks):
            while pending and len(self.workers) < self.jobs:
                self._spawn()
            for w in self.workers:
                while pending and len(w.held) < DEPTH:
                    i = pending.popleft()
                    try:
                        w.tasks.send(tasks[i])
                    except OSError:             # it has died: its sentinel tells below
                        pending.appendleft(i)
                        break
                    w.held.append(i)
            ready = set(wait([w.results for w in self.workers] + [w.process.sentinel for w in self.workers]))
            for w in list(self.workers):
                alive = self._collect(w, done) if w.results in ready else True
                if alive and w.process.sentinel not in ready:
                    continue
                w.process.join(GRACE_SECONDS)
                if w.process.is_alive():        # its pipe broke but it lives on: end it
                    w.process.kill()
                    w.process.join()
                self._collect(w, done)
                code = w.process.exitcode
                if w.held and code != 0:        # the file it was running is lost
                    i = w.held.popleft()
                    done[i] = lost(tasks[i], f"worker died: {death_message(code)}")
                pending.extendleft(reversed(w.held))    # the files it had not started go to others
                self._drop(w)
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1

    def _collect(self, w: _Worker, done: dict[int, Any]) -> bool:
        """Read every result the worker has sent; False when its pipe has ended."""
        try:
            while w.held and w.results.poll():
                done[w.held[0]] = w.results.recv()
                w.held.popleft()
        except (EOFError, OSError):
            return False
        return True

    def _drop(self, w: _Worker) -> None:
        w.tasks.close()
        w.results.close()
        self.workers.remove(w)

    def stop(self) -> None:
        """The workers write nothing, so whether the batch is done, interrupted or stopped at
        its first failure, they are killed at once and reaped."""
        for w in self.workers:
            w.tasks.close()
            w.process.kill()
        for w in self.workers:
            w.process.join()
            w.results.close()
        self.workers = []


# ----------------------------------------------------------------------------- the worker
_busy = False
_stopping = False


def _serve(tasks: Any, results: Any, work: Callable[[Any], Any], parent: int, inherited: list) -> None:
    """A worker's life: read a task, send its result, until the pipe ends or a SIGTERM came."""
    global _busy
    for conn in inherited:              # only this worker's ends stay open here
        conn.close()
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # Ctrl-C reaches the whole group: the parent decides
    signal.signal(signal.SIGTERM, _on_term)
    _freeze_imports()
    while not _stopping:
        try:
            task = tasks.recv()
        except (EOFError, OSError):
            return
        _busy = True
        result = work(task)
        _busy = False
        try:
            results.send(result)
        except OSError:
            return


def _on_term(signum: int, frame: Any) -> None:
    """SIGTERM ends the worker: at once when idle, else after its file (the parent is told by the
    exit code 0 that the next file was not started). A second SIGTERM does not wait."""
    global _stopping
    if not _busy or _stopping:
        raise SystemExit(0 if not _busy else 128 + signum)
    _stopping = True


def _die_with_parent(parent: int) -> None:
    """Linux: the kernel kills this worker when the parent dies, even by kill -9."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)     # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:          # the parent died before the line above
        os._exit(1)


def _freeze_imports() -> None:
    """Move everything imported so far out of the garbage collector's sight: each parse makes
    many short-lived objects, and full collections would walk every module again (~15% of a batch)."""
    import gc

    from . import parse  # noqa: F401 - import before freezing
    gc.freeze()
