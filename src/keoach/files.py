"""Reading an input's bytes: regular files only, never more than a limit. A symlink to /dev/zero
or a FIFO reports size 0, so a size check alone would let it stream forever."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import InputError

MAX_INPUT_BYTES = 200 * 1024 * 1024     # a plan (or the JSON of plans) larger than this is refused
IMAGES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")     # scans, read by OCR (parse/ocr.py)


def read_regular(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, else InputError naming the problem."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it changes nothing for a file
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from None
    with os.fdopen(fd, "rb", buffering=0) as fh:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(path, f"not a regular file ({_kind(mode)}): keoach reads files only")
        size = os.fstat(fd).st_size
        if size > limit:
            raise InputError(path, f"file too large ({size:,} bytes; the limit is {limit:,})")
        try:
            data = _read_bounded(fh, size, limit)
        except OSError as e:
            raise InputError(path, f"cannot read: {e.strerror or e}") from None
    if len(data) > limit:                   # it grew while read
        raise InputError(path, f"file too large (over {limit:,} bytes, the limit)")
    return data


def _read_bounded(fh, size: int, limit: int) -> bytes:
    """The `size` bytes stat announced in one piece (and one more, to notice a file that grows),
    then what else there is, never more than limit + 1 bytes."""
    data = fh.read(size + 1)
    if len(data) <= size:
        return data
    chunks = [data]
    total = len(data)
    while total <= limit and (chunk := fh.read(min(1 << 20, limit + 1 - total))):
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a file"
