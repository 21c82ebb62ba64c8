"""Errors the library raises; the CLI turns each into one line on stderr and exit code 2.

    KeoachError(path, problem)          "<path>: <problem>"
    ├── InputError                      missing file, directory, empty, binary, too large
    ├── UnsupportedFormat               unknown extension, legacy .doc
    ├── ReadError                       corrupt/encrypted/scanned PDF, corrupt or unsafe DOCX, timeout
    └── OutputError                     an output file or folder that cannot be written
"""
from __future__ import annotations


class KeoachError(Exception):
    def __init__(self, path: object, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


class InputError(KeoachError):
    """The input cannot be read as a document at all."""


class UnsupportedFormat(KeoachError):
    """The file is a kind keoach does not read."""


class ReadError(KeoachError):
    """The file is of a known kind but cannot be read safely."""


class OutputError(KeoachError):
    """An output cannot be written (missing folder, no permission, disk full)."""
