"""Every output a user asks for, exactly as asked (issue 17).

`test_matrix` walks every command × format × destination × input; each cell either writes what it
says where it says, or is refused with exit 2 before any plan is parsed. The expectations are
written here as data, apart from writers.FORMATS, so that the table and the code check each other."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import keoach.parse
from keoach.commands.app import app

SAMPLES = Path(__file__).parent.parent / "samples"
PLAN_A = SAMPLES / "thi-xa-huong-tra-2021-2025.txt"
PLAN_B = SAMPLES / "huyen-trung-khanh-2025.txt"

FORMATS = {"parse": ["json", "jsonl", "summary", "csv", "xlsx"], "diff": ["table", "json", "md"],
           "deadlines": ["table", "json", "jsonl", "csv", "ics"]}
DESTINATIONS = ["stdout", "-o FILE", "-o -", "--out-dir"]
INPUTS = {"parse": ["one", "many", "stdin"], "diff": ["one", "stdin"], "deadlines": ["one", "many", "stdin"]}


def refused(command: str, fmt: str, dest: str, inputs: str) -> bool:
    """The cells that cannot be done, and so must be refused (exit 2) before any parsing."""
    if dest == "--out-dir":
        return command != "parse" or fmt == "jsonl" or inputs == "stdin"
    return False


def _check(fmt: str, data: bytes, plans: int, command: str) -> None:
    """The bytes are what `fmt` says, holding `plans` plans (parse)."""
    if fmt == "xlsx":
        import openpyxl
        book = openpyxl.load_workbook(io.BytesIO(data))
        assert book.sheetnames[:3] == ["targets", "deadlines", "assignments"]
        return
    text = data.decode("utf-8")
    if fmt == "json":
        value = json.loads(text)
        if command == "parse":
            assert (isinstance(value, list) and len(value) == plans) if plans > 1 else value["schema_version"] == "1"
    elif fmt == "jsonl":
        rows = [json.loads(x) for x in text.splitlines()]
        assert rows and (command != "parse" or len(rows) == plans)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
        assert len(rows) > 1 and len({len(r) for r in rows}) == 1
    elif fmt == "ics":
        import icalendar
        assert icalendar.Calendar.from_ical(data).walk("VEVENT")
    elif fmt == "md":
        assert text.startswith("# Diff")
    else:                                               # summary, table: text for people
        assert text.strip() and "\x1b" not in text
        if fmt == "summary":
            assert text.count("Các phần") == plans


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The paths parsed so far (every reader goes through parse.parse_read)."""
    calls: list[str] = []
    real = keoach.parse.parse_read

    def counting(read, path):
        calls.append(path)
        return real(read, path)
    monkeypatch.setattr(keoach.parse, "parse_read", counting)
    return calls


CELLS = [(c, f, d, i) for c in FORMATS for f in FORMATS[c] for d in DESTINATIONS for i in INPUTS[c]]


@pytest.mark.parametrize("command, fmt, dest, inputs", CELLS, ids=["-".join(c).replace(" ", "") for c in CELLS])
def test_matrix(command: str, fmt: str, dest: str, inputs: str, tmp_path: Path, parsed: list[str],
                monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    args: list[str] = [command]
    stdin = None
    if command == "diff":
        args += ["-", str(PLAN_B)] if inputs == "stdin" else [str(PLAN_A), str(PLAN_B)]
        stdin = PLAN_A.read_bytes() if inputs == "stdin" else None
    elif inputs == "stdin":
        args.append("-")
        stdin = PLAN_B.read_bytes()
    else:
        args += [str(PLAN_A), str(PLAN_B)] if inputs == "many" else [str(PLAN_B)]
    plans = 2 if inputs == "many" else 1
    args += ["--format", fmt]
    if command == "parse":
        args += ["--jobs", "1"]
    if command == "deadlines":
        args += ["--today", "2025-06-01"]
    out = tmp_path / "out"
    if dest == "-o FILE":
        args += ["-o", str(out)]
    elif dest == "-o -":
        args += ["-o", "-"]
    elif dest == "--out-dir":
        args += ["--out-dir", str(out)]
    r = CliRunner().invoke(app, args, input=stdin)
    if refused(command, fmt, dest, inputs):
        assert r.exit_code == 2 and not parsed and not out.exists(), (r.exit_code, r.stdout, r.stderr)
        assert not r.stdout_bytes
        return
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert r.exit_code in ((0, 1) if command == "diff" else (0,)), (r.exit_code, r.stderr)
    assert not (tmp_path / "-").exists()
    if dest in ("stdout", "-o -"):
        assert not out.exists()
        _check(fmt, r.stdout_bytes, plans, command)
    elif dest == "-o FILE":
        assert not r.stdout_bytes and out.is_file()
        _check(fmt, out.read_bytes(), plans, command)
    else:
        files = sorted(out.iterdir())
        assert not r.stdout_bytes and len(files) == plans
        suffix = {"summary": ".txt"}.get(fmt, "." + fmt)
        for f in files:
            assert f.suffix == suffix
            _check(fmt, f.read_bytes(), 1, command)


def test_matrix_covers_every_format_the_code_knows() -> None:
    from keoach.writers import FORMATS as CODE
    assert {c: list(f) for c, f in CODE.items() if c != "schema"} == FORMATS     # schema: JSON, no inputs


def test_resolve_refuses_binary_on_a_terminal_and_guesses_from_the_suffix(monkeypatch) -> None:
    from keoach.writers import UsageError, resolve
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    with pytest.raises(UsageError, match="binary"):
        resolve("parse", "xlsx", None)
    with pytest.raises(UsageError, match="binary"):
        resolve("parse", "xlsx", Path("-"))
    assert resolve("parse", None, Path("plans.xlsx"))[0].name == "xlsx"
    assert resolve("parse", None, Path("t.csv"))[0].name == "csv"
    assert resolve("deadlines", None, Path("d.ics"))[0].name == "ics"
    assert resolve("parse", None, Path("notes.txt"))[0].name == "json"          # .txt is never guessed
    with pytest.raises(UsageError, match="not a format of diff"):
        resolve("diff", "csv", None)


def test_a_failed_write_leaves_no_file_and_no_temporary(tmp_path: Path) -> None:
    from keoach.errors import OutputError
    from keoach.writers import Stream
    target = tmp_path / "x.json"
    with pytest.raises(OutputError, match="cannot write"):
        with Stream(target) as fh:
            fh.write(b"half")
            raise OSError(28, "No space left on device")
    with pytest.raises(KeyboardInterrupt):
        with Stream(target) as fh:
            fh.write(b"half")
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_a_fifo_or_device_is_written_not_replaced(tmp_path: Path) -> None:
    """`-o /dev/stdout`, `-o /dev/null`, a named pipe: written into, never replaced by a renamed file
    (as root, a rename over /dev/null would replace the device)."""
    import os
    import stat
    import subprocess
    import sys
    import threading
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    r = subprocess.run([sys.executable, "-m", "keoach", "parse", str(PLAN_B), "-o", str(fifo)], capture_output=True,
                       timeout=120)
    reader.join(timeout=30)
    assert r.returncode == 0, r.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode) and json.loads(got[0])["schema_version"] == "1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_every_format_names_a_writer_that_exists() -> None:
    import importlib

    from keoach.writers import FORMATS as CODE
    for command, formats in CODE.items():
        for form in formats.values():
            if command == "parse":                  # plan by plan: writers.PlanWriter
                assert not form.writer
                continue
            module, name = form.writer.split(":")
            assert callable(getattr(importlib.import_module(module, "keoach"), name)), (command, form.name)
