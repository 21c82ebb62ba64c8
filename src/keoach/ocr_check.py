"""Is OCR available here? Asked by `keoach --version` (so this module imports nothing of the
parser) and by parse/ocr.py before a file that needs OCR is read."""
from __future__ import annotations

import functools
import shutil

LANG = "vie"
INSTALL = ("apt-get install tesseract-ocr tesseract-ocr-vie && pip install pytesseract "
           "(or pip install 'keoach[ocr]')")


@functools.lru_cache(maxsize=1)
def unavailable() -> str | None:
    """Why OCR cannot run here (one line), or None when it can."""
    from importlib.util import find_spec
    if find_spec("pytesseract") is None:       # found, not imported: `keoach --version` stays fast
        return "the Python package pytesseract is not installed"
    exe = shutil.which("tesseract")
    if exe is None:
        return "the tesseract command is not installed"
    if _model_file(exe):
        return None
    import subprocess           # a tessdata folder elsewhere: ask tesseract (a tenth of a second)
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError) as e:
        return f"tesseract does not run ({e})"
    if LANG not in out.stdout.split():
        return "Tesseract's Vietnamese model (vie) is not installed"
    return None


def status() -> str:
    """One line for `keoach --version`: whether OCR is available, and how to enable it."""
    problem = unavailable()
    return f"OCR: unavailable ({problem}; install: {INSTALL})" if problem else "OCR: available (tesseract, vie)"


def _model_file(exe: str) -> bool:
    """vie.traineddata in a folder where Tesseract looks: $TESSDATA_PREFIX, or share/ beside the
    command's prefix (Debian: /usr/share/tesseract-ocr/5/tessdata)."""
    import glob
    import os
    prefix = os.path.dirname(os.path.dirname(os.path.realpath(exe)))
    places = [os.environ.get("TESSDATA_PREFIX", ""), f"{prefix}/share/tessdata",
              *glob.glob(f"{prefix}/share/tesseract-ocr/*/tessdata"), f"{prefix}/share/tesseract-ocr/tessdata"]
    return any(p and os.path.isfile(os.path.join(p, f"{LANG}.traineddata")) for p in places)
