"""Fuzzing (issue 18): text, mutated PDFs and mutated Word files only ever give a plan or a
KeoachError, each within 10 s of CPU and with the process's peak memory under 1 GB. The suite runs a few dozen inputs of each kind; the longer run
is the same test with KEOACH_FUZZ_EXAMPLES set (README, "Errors and limits")."""
from __future__ import annotations

import io
import os
import resource
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keoach import KeoachError, parse_file
from keoach.parse.ocr import OcrOptions

SAMPLES = Path(__file__).parent.parent / "samples"
PDF = (SAMPLES / "pdf-xa-hoang-trung-2021-2030.pdf").read_bytes()
DOCX = (SAMPLES / "real-lao-cai-kiem-tra-vlncn.docx").read_bytes()
PLAN = (SAMPLES / "huyen-trung-khanh-2025.txt").read_bytes()


def _peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


_PEAK_BEFORE: list[int] = []    # what the process held before the first input (the suite may run first)
EXAMPLES = int(os.environ.get("KEOACH_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 25,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _only_keoach_errors(path: Path, ocr: OcrOptions | None = None) -> None:
    if not _PEAK_BEFORE:
        _PEAK_BEFORE.append(_peak_kib())
    started, cpu = time.perf_counter(), time.process_time()
    try:
        parse_file(path, ocr=ocr)
    except KeoachError as e:
        assert "\n" not in str(e)
    # a spin in our code shows as CPU time, which a loaded machine does not inflate; a mutated
    # PDF whose pages lost their text is OCR'd (Tesseract runs as a child process, seconds a
    # page), and a wait that never ends shows in the wall-clock bound
    assert time.process_time() - cpu < 10, path.name
    assert time.perf_counter() - started < 120, path.name
    assert _peak_kib() - _PEAK_BEFORE[0] < 1024 * 1024, path.name     # no input took 1 GB more


# a mutation: (offset as a fraction of the file, bytes written there, bytes cut after them)
MUTATION = st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=16), st.integers(0, 64))


def _mutated(data: bytes, mutations: list[tuple[float, bytes, int]]) -> bytes:
    out = bytearray(data)
    for where, new, cut in mutations:
        at = int(where * (len(out) - 1))
        out[at:at + len(new) + cut] = new
    return bytes(out)


def _docx_with(document: bytes) -> bytes:
    """The sample .docx with its document.xml replaced (a mutation of the XML, not of the zip)."""
    src = zipfile.ZipFile(io.BytesIO(DOCX))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, document if info.filename == "word/document.xml" else src.read(info))
    return buf.getvalue()


@FUZZ
@given(st.lists(MUTATION, min_size=1, max_size=8))
def test_mutated_pdf(tmp_path_factory: pytest.TempPathFactory, mutations: list) -> None:
    """The text layer's reading (a page that would need OCR is a KeoachError here)."""
    path = tmp_path_factory.mktemp("fuzz") / "x.pdf"
    path.write_bytes(_mutated(PDF, mutations))
    _only_keoach_errors(path, OcrOptions(mode="never"))


# A mutated page that loses its text is rendered and OCR'd: seconds a page, so one in 200 as many
@settings(FUZZ, max_examples=max(5, EXAMPLES // 200))
@given(st.lists(MUTATION, min_size=1, max_size=8))
def test_mutated_pdf_read_by_ocr(tmp_path_factory: pytest.TempPathFactory, mutations: list) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "x.pdf"
    path.write_bytes(_mutated(PDF, mutations))
    _only_keoach_errors(path)


@FUZZ
@given(st.lists(MUTATION, min_size=1, max_size=8), st.booleans())
def test_mutated_docx(tmp_path_factory: pytest.TempPathFactory, mutations: list, in_xml: bool) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "x.docx"
    if in_xml:
        xml = zipfile.ZipFile(io.BytesIO(DOCX)).read("word/document.xml")
        path.write_bytes(_docx_with(_mutated(xml, mutations)))
    else:
        path.write_bytes(_mutated(DOCX, mutations))
    _only_keoach_errors(path)


@FUZZ
@given(st.one_of(st.binary(max_size=4000), st.text(max_size=2000).map(lambda s: s.encode("utf-8", "surrogatepass")),
                 st.lists(MUTATION, min_size=1, max_size=8).map(lambda m: _mutated(PLAN, m))))
def test_text(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "x.txt"
    path.write_bytes(data)
    _only_keoach_errors(path)
