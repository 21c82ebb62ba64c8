"""Errors the library raises; the CLI turns each into one line on stderr and exit code 2.

    KeoachError(path, problem)          "<path>: <problem>"
    ├── InputError                      missing file, directory, empty, binary, too large
    ├── UnsupportedFormat               unknown extension, legacy .doc
    ├── ReadError                       corrupt/encrypted/scanned PDF, corrupt or unsafe DOCX, timeout
    └── OutputError                     an output file or folder that cannot be written
"""
from __future__ import annotations


def display_path(path: object) -> str:
    """A path as valid UTF-8 text on one line: bytes a file name has that are not UTF-8 are
    written as \\xff, control characters as \\n, \\x1b (JSON, CSV and stderr all take it)."""
    text = str(path)
    if text.isprintable():
        return text
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class KeoachError(Exception):
    def __init__(self, path: object, problem: str) -> None:
        path = display_path(path)
        problem = " ".join(problem.split()) if not problem.isprintable() else problem
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class InputError(KeoachError):
    """The input cannot be read as a document at all."""


class UnsupportedFormat(KeoachError):
    """The file is a kind keoach does not read."""


class ReadError(KeoachError):
    """The file is of a known kind but cannot be read safely."""


class OutputError(KeoachError):
    """An output cannot be written (missing folder, no permission, disk full)."""
