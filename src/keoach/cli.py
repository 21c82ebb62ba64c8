"""The command line: options -> library -> writer. Exit codes: 0 ok, 1 differences or some files
failed (diff, batch), 2 bad input or usage."""
from __future__ import annotations

import sys

from . import __version__


def main() -> None:
    """Console entry point. `keoach --version` answers before importing anything heavy; it says
    whether OCR is available (pytesseract importable, `tesseract` on PATH with the vie model)."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from .ocr_check import status
        print(f"keoach {__version__}\n{status()}")
        return
    import signal
    try:                                   # a message never fails on a character the locale lacks
        sys.stderr.reconfigure(errors="backslashreplace")     # type: ignore[union-attr]
    except (AttributeError, ValueError):
        pass

    def terminate(signum, frame):          # SIGTERM unwinds like Ctrl-C: temporary files are removed
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, terminate)
    from .errors import KeoachError
    args = sys.argv[1:]
    try:
        if len(args) == 2 and args[0] == "parse" and not args[1].startswith("-"):
            # the commonest call, answered without importing typer (a third of the start-up)
            from .run import parse_single
            code = parse_single(args[1])
        else:
            from .commands.app import app
            app(prog_name="keoach")      # also under `python -m keoach`: usage and completion say keoach
            code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except KeyboardInterrupt:
        print("keoach: interrupted", file=sys.stderr)
        code = 130
    except BrokenPipeError:             # `keoach ... | head`: the reader has what it wanted
        _drop_stdout()
        code = 0
    except KeoachError as e:            # an output that cannot be written
        print(f"keoach: {e}", file=sys.stderr)
        code = 2
    except Exception as e:  # a bug of ours: one line, not a traceback (KEOACH_DEBUG=1 shows it)
        import os
        from .writers import ReaderGone
        if isinstance(e, ReaderGone):   # the reader of a pipe left (writers.Destination.write)
            _drop_stdout()
            _exit(0)
        if os.environ.get("KEOACH_DEBUG"):
            raise
        print(f"keoach: internal error: {type(e).__name__}: {e} (run with KEOACH_DEBUG=1 for details; "
              "please report it)", file=sys.stderr)
        code = 70
    _exit(code)


def _exit(code: int) -> None:
    """Flush and leave without the interpreter's teardown (~30 ms of freeing every module's
    objects, a sixth of a one-file run). Everything keoach writes is flushed or already renamed
    into place, and a batch's process pool is shut down before this point."""
    import os
    try:
        sys.stdout.flush()
    except BrokenPipeError:           # `keoach parse ... | head`: the reader left; not an error
        _drop_stdout()
    except OSError:
        code = code or 1
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code)


def _drop_stdout() -> None:
    """Point standard output at /dev/null: what is still buffered for a reader that left is dropped."""
    import os
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    main()
