"""The command line: options -> library -> writer. Exit codes: 0 ok, 1 differences or some files
failed (diff, batch), 2 bad input or usage."""
from __future__ import annotations

import sys

from . import __version__


def main() -> None:
    """Console entry point. `keoach --version` answers before importing anything heavy."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        print(f"keoach {__version__}")
        return
    import signal

    def terminate(signum, frame):          # SIGTERM unwinds like Ctrl-C: temporary files are removed
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, terminate)
    from .commands import app
    app()


if __name__ == "__main__":
    main()
