"""Issue 18: no hang, no bomb, no blow-up. Each test builds its hostile input at test time (from the
ideas of the probe's generators) and fails on the code before the fix."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).parent
SAMPLES = HERE.parent / "samples"
PLAN = SAMPLES / "huyen-trung-khanh-2025.txt"


# ----------------------------------------------------------------------------- 1 dead workers
def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _gone(pid: int) -> bool:
    """No such process, or a zombie waiting for its (new) parent to reap it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except OSError:
        return True


def _start_batch(tmp_path: Path, n: int) -> tuple[subprocess.Popen, Path, list[int]]:
    src, out = tmp_path / "plans", tmp_path / "out"
    src.mkdir()
    for i in range(n):
        shutil.copyfile(PLAN, src / f"{i:04d}.txt")
    proc = subprocess.Popen([sys.executable, "-m", "keoach", "parse", str(src), "-r", "--out-dir", str(out),
                             "--jobs", "2", "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.json"))) < 10:
        time.sleep(0.02)
    workers = _children(proc.pid)
    assert len(workers) == 2, workers
    return proc, out, workers


needs_proc = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc to find the workers")


@needs_proc
def test_a_killed_worker_costs_only_its_file(tmp_path: Path) -> None:
    proc, out, workers = _start_batch(tmp_path, 300)
    os.kill(workers[0], signal.SIGKILL)          # as the OOM killer or a crash in pdfium would
    _, err = proc.communicate(timeout=30)
    written = list(out.glob("*.json"))
    assert proc.returncode == 1, err
    assert err.count(b"worker died: killed by SIGKILL") == 1 and b"Traceback" not in err, err
    assert len(written) == 299
    for p in written:
        json.loads(p.read_text(encoding="utf-8"))


@needs_proc
def test_a_worker_ends_on_sigterm_after_its_file(tmp_path: Path) -> None:
    proc, out, workers = _start_batch(tmp_path, 300)
    ignored = int(next(x for x in Path(f"/proc/{workers[0]}/status").read_text().splitlines()
                       if x.startswith("SigIgn:")).split()[1], 16)
    assert not ignored & (1 << (signal.SIGTERM - 1)), "the worker ignores SIGTERM"
    os.kill(workers[0], signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err               # it finished its file; the next went to a new worker
    assert len(list(out.glob("*.json"))) == 300
    assert _gone(workers[0])


@needs_proc
def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    proc, _out, workers = _start_batch(tmp_path, 600)
    proc.kill()
    proc.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not all(_gone(w) for w in workers):
        time.sleep(0.05)
    assert all(_gone(w) for w in workers), "orphaned workers"
