"""Where every output goes: the one table of what each command can write, and where.

A command names a format (`--format`) and a destination (nothing or `-o -`: standard output;
`-o FILE`; `--out-dir DIR` for `parse`). `resolve` checks the pair against FORMATS before any
input is read, and refuses what cannot be done with a one-line usage error (exit 2); every
pair it accepts is written exactly as asked, by the writer FORMATS names (`write`), or for
`parse` plan by plan by `PlanWriter`:

    command    format   stdout               -o FILE             --out-dir DIR
    parse      json     one plan: JSON; several plans: a JSON array     one .json per input
               jsonl    one line per plan (and per error record)        refused: one stream
               summary  plain text (colour on a terminal)               one .txt per input
               csv      one row per target (or --table ...)             one .csv per input
               xlsx     refused on a terminal    workbook               one .xlsx per input
    diff       table, json, md         stdout or -o FILE (a table in a file is plain text)
    deadlines  table, json, jsonl, csv, ics   stdout or -o FILE
    schema     json                           stdout or -o FILE

Data formats are UTF-8 bytes whatever the locale; a view for people (table, summary) is
encoded for the terminal it is shown on (characters it lacks replaced), else UTF-8. Files are
written atomically with the user's umask (an existing file keeps its mode).
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Optional


class UsageError(Exception):
    """A format and destination that do not go together (the CLI exits 2 before reading input)."""


class ReaderGone(Exception):
    """The reader of standard output went away (`keoach ... | head`): not an error, exit 0.
    Not an OSError, so that click does not turn it into exit 1 on the way out."""


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    """The file suffix of one output (in --out-dir, and to guess --format from -o FILE)."""
    human: bool = False
    """A view for people: colour and the terminal's encoding on a terminal, plain UTF-8 elsewhere."""
    binary: bool = False
    """Bytes that a terminal cannot show (xlsx)."""
    per_input: bool = True
    """Can be written one file per input (--out-dir)."""
    writer: str = ""
    """"module:function" (relative to keoach) that turns the command's result into this format's
    text for a destination; `parse` writes plan by plan through PlanWriter below instead."""


def _formats(*formats: Format) -> dict[str, Format]:
    return {f.name: f for f in formats}


_DIFF, _DEADLINES = ".commands.diff.view:write_", ".commands.deadlines.view:write_"
FORMATS: dict[str, dict[str, Format]] = {
    "parse": _formats(Format("json", ".json"), Format("jsonl", ".jsonl", per_input=False),
                      Format("summary", ".txt", human=True), Format("csv", ".csv"),
                      Format("xlsx", ".xlsx", binary=True)),
    "diff": _formats(Format("table", ".txt", human=True, per_input=False, writer=_DIFF + "table"),
                     Format("json", ".json", per_input=False, writer=_DIFF + "json"),
                     Format("md", ".md", per_input=False, writer=_DIFF + "md")),
    "deadlines": _formats(*(Format(name, suffix, human=name == "table", per_input=False, writer=_DEADLINES + name)
                            for name, suffix in (("table", ".txt"), ("json", ".json"), ("jsonl", ".jsonl"),
                                                 ("csv", ".csv"), ("ics", ".ics")))),
    "schema": _formats(Format("json", ".json", per_input=False, writer=".output:write_schema")),
}
DEFAULT = {"parse": "json", "diff": "table", "deadlines": "table", "schema": "json"}


@dataclass(frozen=True)
class Destination:
    """Standard output, one file, or a folder of one file per input."""
    kind: str
    """"stdout", "file" or "dir"."""
    path: Optional[Path] = None

    @property
    def terminal(self) -> bool:
        return self.kind == "stdout" and sys.stdout.isatty()

    @property
    def color(self) -> bool:
        """Colours for a view: on a terminal, unless NO_COLOR is set."""
        return self.terminal and not os.environ.get("NO_COLOR")

    def open(self, name: Optional[Path] = None) -> "Stream":
        """A binary stream for the output (`name`: the file inside --out-dir)."""
        if self.kind == "stdout":
            return Stream(None)
        assert self.path is not None
        return Stream(self.path / name if self.kind == "dir" and name is not None else self.path)

    def write(self, data: bytes | str, name: Optional[Path] = None, human: bool = False) -> None:
        try:
            with self.open(name) as fh:
                fh.write(self.encode(data, human) if isinstance(data, str) else data)
                fh.flush()
        except BrokenPipeError:
            raise ReaderGone() from None

    def encode(self, text: str, human: bool = False) -> bytes:
        """UTF-8; a view shown on a terminal in the terminal's encoding, never failing on a character."""
        if human and self.terminal:
            return text.encode(getattr(sys.stdout, "encoding", None) or "utf-8", "replace")
        return text.encode("utf-8")


def resolve(command: str, fmt: Optional[str], output: Optional[Path], out_dir: Optional[Path] = None,
            stdin: bool = False) -> tuple[Format, Destination]:
    """The format and destination of a command line, or UsageError naming what to change."""
    formats = FORMATS[command]
    if output is not None and out_dir is not None:
        raise UsageError("-o and --out-dir exclude each other: -o writes one file, --out-dir one per input")
    if fmt is None:                     # guessed from -o FILE.csv (the default otherwise)
        guess = [f for f in formats.values() if output is not None and output.suffix.lower() == f.suffix
                 and f.suffix != ".txt"]
        fmt = guess[0].name if guess else DEFAULT[command]
    if fmt not in formats:
        raise UsageError(f"--format {fmt}: not a format of {command} (use {', '.join(formats)})")
    form = formats[fmt]
    if out_dir is not None:
        if stdin:
            raise UsageError("--out-dir names each output after its input; standard input has no name (use -o FILE)")
        if not form.per_input:
            raise UsageError(f"--format {fmt} is one stream for all plans: use -o FILE, not --out-dir")
        if out_dir.exists() and not out_dir.is_dir():
            raise UsageError(f"--out-dir {out_dir}: is a file, not a folder")
        return form, Destination("dir", out_dir)
    if output is not None and output.is_dir():
        raise UsageError(f"-o {output}: is a folder (for one file per input use --out-dir)")
    dest = Destination("stdout") if output is None or str(output) == "-" else Destination("file", output)
    if form.binary and dest.terminal:
        raise UsageError(f"--format {fmt} is binary: pass -o FILE{form.suffix} or redirect standard output")
    return form, dest


def write(form: Format, dest: Destination, result: Any, **options: Any) -> None:
    """The result of a command written by its format's writer (FORMATS) to the destination."""
    import importlib
    module, name = form.writer.split(":")
    render = getattr(importlib.import_module(module, "keoach"), name)
    dest.write(render(result, dest, **options), human=form.human)


# --- writing -------------------------------------------------------------------------------------

def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class Stream:
    """A binary output: standard output's bytes, or a file written atomically (a temporary file
    beside it, renamed into place when the block ends without error, removed otherwise)."""

    def __init__(self, path: Optional[Path]) -> None:
        self.path = path
        self.fh: Optional[BinaryIO] = None
        self.tmp: Optional[str] = None

    def __enter__(self) -> BinaryIO:
        if self.path is None:
            sys.stdout.flush()
            self.fh = getattr(sys.stdout, "buffer", None) or _TextAsBytes(sys.stdout)
            return self.fh
        import stat
        import tempfile

        from .errors import OutputError
        try:
            if self.path.exists() and not stat.S_ISREG(self.path.stat().st_mode):
                self.fh = open(self.path, "wb")     # /dev/null, /dev/stdout, a FIFO: written as it is, never
                return self.fh                      # replaced by a renamed file
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _signals_held():       # the file and its name are made together, or not at all
                fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent)
                self.fh = os.fdopen(fd, "wb")
            try:                        # mkstemp makes 0600; the file gets what the user's umask says
                mode = self.path.stat().st_mode & 0o7777
            except OSError:
                mode = 0o666 & ~_umask()
            os.fchmod(fd, mode)
        except OSError as e:
            self._discard()
            raise OutputError(self.path, f"cannot write: {e.strerror or e}") from None
        except BaseException:           # Ctrl-C or SIGTERM after mkstemp: the block never starts, so
            self._discard()             # __exit__ never runs; the temporary file goes here
            raise
        return self.fh

    def _discard(self) -> None:
        if self.fh is not None and not self.fh.closed:
            self.fh.close()
        if self.tmp is not None and os.path.exists(self.tmp):
            os.unlink(self.tmp)

    def __exit__(self, exc_type, exc, tb) -> bool:
        if self.path is None:
            if exc_type is None and self.fh is not None:
                self.fh.flush()
            return False
        if self.tmp is None and self.fh is not None:        # a device or a FIFO
            self.fh.close()
            return False
        from .errors import OutputError
        if self.fh is None or self.tmp is None:         # never opened
            return False
        try:
            if exc_type is None:
                with _signals_held():
                    self.fh.flush()
                    os.fsync(self.fh.fileno())
                    self.fh.close()
                    os.replace(self.tmp, self.path)
                return False
        except OSError as e:
            raise OutputError(self.path, f"cannot write: {e.strerror or e}") from None
        finally:
            self._discard()
        if isinstance(exc, OSError):    # a full disk while writing: one line naming the file
            raise OutputError(self.path, f"cannot write: {exc.strerror or exc}") from None
        return False


class _signals_held:
    """Ctrl-C and SIGTERM wait until the block ends, then are raised again. Done with Python
    handlers, not the thread's signal mask: a process pool's helper thread may be the one the
    kernel hands the signal to, and Python would still run the handler in the main thread."""

    def __enter__(self):
        import signal
        import threading
        self.pending: list[int] = []
        self.saved = {}
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.saved[sig] = signal.signal(sig, lambda signum, frame: self.pending.append(signum))
        return self

    def __exit__(self, *exc):
        import signal
        for sig, handler in self.saved.items():
            signal.signal(sig, handler)
        if self.pending:
            signal.raise_signal(self.pending[0])
        return False


class _TextAsBytes:
    """Standard output replaced by a text stream (tests, notebooks): bytes decoded as UTF-8."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, data: bytes) -> int:
        self.stream.write(data.decode("utf-8"))
        return len(data)

    def flush(self) -> None:
        self.stream.flush()


def atomic_write(path: Path, data: str | bytes) -> None:
    """`data` (text as UTF-8) as the whole content of `path`, atomically, with the user's umask."""
    with Stream(path) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)


# --- keoach parse: plans as they come --------------------------------------------------------------

class PlanWriter:
    """Writes the plans of `keoach parse` as they arrive, in the format asked, to the destination
    resolved above. A file is opened at the first output and renamed into place by `close`; an
    interrupted or failed run leaves no file. Error records ({"source", "error"}) go into JSON
    and JSON Lines; the other formats leave them to stderr."""

    def __init__(self, form: Format, dest: Destination, many: bool, table: str = "targets",
                 fields: Optional[list[str]] = None, bom: Optional[bool] = None) -> None:
        self.form, self.dest, self.many = form, dest, many
        self.table, self.fields = table, fields
        self.bom = dest.kind != "stdout" if bom is None else bom
        self.stream: Optional[Stream] = None
        self.fh: Optional[BinaryIO] = None
        self.items = 0
        self.kept: list[dict] = []          # xlsx: the workbook is made at the end

    @property
    def worker_form(self) -> str:
        """What a worker sends back: "pretty" or "jsonl" JSON bytes, or the plan's "dict" (one
        plan is encoded here, without the batch encoder's import)."""
        if not self.many or self.form.name not in ("json", "jsonl"):
            return "dict"
        return "pretty" if self.dest.kind == "dir" else "jsonl"

    @property
    def indent(self) -> Optional[int]:
        """One JSON plan is indented in a file or on a terminal, one line in a pipe."""
        pretty = self.form.name == "json" and (self.dest.kind in ("file", "dir") or self.dest.terminal)
        return 2 if pretty and not (self.many and self.dest.kind != "dir") else None

    def _out(self) -> BinaryIO:
        if self.fh is None:
            stream = self.dest.open()
            self.fh = stream.__enter__()
            self.stream = stream
        return self.fh

    def plan(self, data: dict | bytes, name: Optional[Path] = None) -> None:
        """One plan: its JSON bytes (in `worker_form`) or its dict; `name` inside --out-dir."""
        if self.dest.kind == "dir":
            assert name is not None
            self.dest.write(self._one(data), name.with_suffix(self.form.suffix) if name.suffix != self.form.suffix
                            else name)
            return
        fmt = self.form.name
        if fmt == "xlsx":
            self.kept.append(_as_dict(data))
        elif fmt == "json" and self.many:
            self._array_item(data if isinstance(data, bytes) else _json(data, None))
        elif fmt in ("json", "jsonl"):
            self._out().write(data if isinstance(data, bytes) else _json(data, self.indent))
        elif fmt == "summary":
            self._out().write(self.dest.encode(("\n" if self.items else "") + self._summary(_as_dict(data)), True))
        else:                                           # csv: the header once, then the rows
            from .output import plan_csv
            self._out().write(plan_csv([_as_dict(data)], self.table, self.fields, self.bom and not self.items,
                                       with_header=not self.items).encode("utf-8"))
        self.items += 1

    def error(self, path: str, problem: str) -> None:
        """An error record where the format has room for one (JSON, JSON Lines)."""
        if self.dest.kind == "dir" or self.form.name not in ("json", "jsonl"):
            return
        record = _json({"source": path, "error": problem}, None)
        if self.form.name == "json" and self.many:
            self._array_item(record)
        else:
            self._out().write(record)
        self.items += 1

    def _array_item(self, data: bytes) -> None:
        self._out().write((b",\n" if self.items else b"[\n") + data.rstrip(b"\n"))

    def close(self, failed: Optional[BaseException] = None) -> None:
        """Finish the output (close the JSON array, make the workbook) and rename it into place;
        with `failed`, a file is removed instead."""
        if failed is None:
            if self.form.name == "xlsx" and self.kept:
                from .output import xlsx_bytes
                self._out().write(xlsx_bytes(self.kept))
            elif self.form.name == "json" and self.many and self.dest.kind != "dir":
                self._out().write(b"\n]\n" if self.items else b"[]\n")
        if self.stream is not None:
            stream, self.stream = self.stream, None
            if failed is None:
                stream.__exit__(None, None, None)
            else:
                stream.__exit__(type(failed), failed, None)

    def _one(self, data: dict | bytes) -> bytes:
        """One plan as the whole content of its own file (--out-dir)."""
        fmt = self.form.name
        if fmt == "json":
            return data if isinstance(data, bytes) else _json(data, 2)
        plan = _as_dict(data)
        if fmt == "summary":
            return self._summary(plan).encode("utf-8")
        if fmt == "xlsx":
            from .output import xlsx_bytes
            return xlsx_bytes([plan])
        from .output import plan_csv
        return plan_csv([plan], self.table, self.fields, self.bom).encode("utf-8")

    def _summary(self, plan: dict) -> str:
        from .output import view_width
        from .commands.parse.summary import summary_text
        return summary_text(plan, color=self.dest.color, width=view_width(self.dest.terminal))


def _json(data: object, indent: Optional[int]) -> bytes:
    from .output import to_json
    return to_json(data, indent).encode("utf-8")


def _as_dict(data: dict | bytes) -> dict:
    import json
    return json.loads(data) if isinstance(data, bytes) else data
