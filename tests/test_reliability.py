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


# ----------------------------------------------------------------------------- hostile .docx builders
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _para(text: str, ilvl: str | None = None) -> str:
    num = f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>' if ilvl is not None else ""
    return f"<w:p>{num}<w:r><w:t>{text}</w:t></w:r></w:p>"


def _document(body: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document {W}><w:body>{body}</w:body></w:document>'
            ).encode("utf-8")


def _plan_body(paras: int = 400) -> str:
    """A plan in paragraphs: enough varied text that its deflate stream has back-references."""
    lines = PLAN.read_text(encoding="utf-8").splitlines()
    return "".join(_para(x.replace("&", "&amp;").replace("<", "&lt;")) for x in (lines * 3)[:paras])


def _docx(path: Path, parts: dict[str, bytes], stored: bool = False) -> Path:
    import zipfile
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _numbering(start: str = "1", ilvl: str = "0", fmt: str = "decimal", text: str = "%1.") -> bytes:
    return (f'<?xml version="1.0"?><w:numbering {W}><w:abstractNum w:abstractNumId="1">'
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
            f'<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>').encode()


def _member(data: bytes, name: str = "word/document.xml") -> tuple[int, int, int, int]:
    """(local header offset, its length, compressed size, central directory record offset)."""
    import io
    import zipfile
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    central = next(i for i in _all(data, b"PK\x01\x02") if data[i + 46:i + 46 + len(name)] == name.encode())
    return info.header_offset, 30 + len(info.filename.encode()) + len(info.extra), info.compress_size, central


def _all(data: bytes, needle: bytes):
    i = data.find(needle)
    while i >= 0:
        yield i
        i = data.find(needle, i + 1)


def _damaged(kind: str, path: Path) -> Path:
    import struct
    base = _docx(path, {"word/document.xml": _document(_plan_body())}).read_bytes()
    d = bytearray(base)
    off, hdr, size, central = _member(base)
    if kind == "deflate":                       # zlib.error in the middle of the stream
        for k in range(off + hdr + size // 3, off + hdr + size // 3 + 64):
            d[k] ^= 0x55
    elif kind == "method-99":                   # NotImplementedError: compression method
        struct.pack_into("<H", d, off + 8, 99)
        struct.pack_into("<H", d, central + 10, 99)
    elif kind == "zip-version":                 # NotImplementedError: zip file version 13.7
        struct.pack_into("<H", d, central + 6, 137)
    elif kind == "name-not-utf8":               # UnicodeDecodeError on the member's name
        flags = struct.unpack_from("<H", d, off + 6)[0]
        struct.pack_into("<H", d, off + 6, flags | 0x800)
        d[off + 30 + 5] = 0x94
    elif kind == "negative-seek":               # ValueError: the directory's offset is a lie
        end = base.rfind(b"PK\x05\x06")
        struct.pack_into("<I", d, end + 16, struct.unpack_from("<I", d, end + 16)[0] + 50_000)
    path.write_bytes(bytes(d))
    return path


# ----------------------------------------------------------------------------- 9 foreign exceptions
def _bad_page_pdf(path: Path) -> Path:
    data = (SAMPLES / "pdf-xa-hoang-trung-2021-2030.pdf").read_bytes()
    bad = data.replace(b"/Type/Page/", b"/Type/Xage/", 1)
    assert bad != data
    path.write_bytes(bad)
    return path


FOREIGN: dict[str, tuple[str, object]] = {
    "deflate.docx": ("corrupt .docx", lambda p: _damaged("deflate", p)),
    "method-99.docx": ("unsupported zip feature", lambda p: _damaged("method-99", p)),
    "zip-version.docx": ("unsupported zip feature", lambda p: _damaged("zip-version", p)),
    "name-not-utf8.docx": ("not UTF-8", lambda p: _damaged("name-not-utf8", p)),
    "negative-seek.docx": ("corrupt .docx", lambda p: _damaged("negative-seek", p)),
    "unknown-encoding.docx": ("unknown text encoding", lambda p: _docx(p, {
        "word/document.xml": _document(_plan_body(20)).replace(b'encoding="UTF-8"', b'encoding="UKF-8"')})),
    "bad-page.pdf": ("page 1 cannot be read", _bad_page_pdf),
}


@pytest.mark.parametrize("name", list(FOREIGN))
def test_broken_files_raise_keoach_errors(tmp_path: Path, name: str) -> None:
    from keoach import KeoachError, parse_file
    shows, build = FOREIGN[name]
    path = build(tmp_path / name)
    with pytest.raises(KeoachError) as caught:
        parse_file(path)
    assert shows in caught.value.problem and "\n" not in str(caught.value)


@pytest.mark.parametrize("numbering, ilvl", [
    (_numbering(start="x"), "0"), (_numbering(ilvl="one"), "0"), (_numbering(), "1.5"),
    (_numbering(ilvl="12"), "12"), (_numbering(start="-5", fmt="upperRoman"), "0"),
    (_numbering(start="0", fmt="lowerLetter"), "0"), (_numbering(start="9" * 5000), "0"),
], ids=["start-x", "lvl-one", "para-ilvl-1.5", "ilvl-12", "roman-negative", "letter-zero", "start-5000-digits"])
def test_odd_numbering_values_are_read_not_raised(tmp_path: Path, numbering: bytes, ilvl: str) -> None:
    from keoach import parse_file
    path = _docx(tmp_path / "n.docx", {"word/numbering.xml": numbering,
                                       "word/document.xml": _document(_para("KẾ HOẠCH") + _para("MỤC TIÊU", ilvl))})
    assert parse_file(path).document.type


# ----------------------------------------------------------------------------- 2 numbering bomb
# small enough that the code before the fix fails fast (a 38,000-letter label; 1,000 Ms), not
# the probe's 1e11 (a 3.8-billion-character label) or 1e12 in Roman (hours)
@pytest.mark.parametrize("fmt, start", [("lowerLetter", "1000000"), ("upperLetter", "1000001"),
                                        ("upperRoman", "1000000"), ("lowerRoman", "999999")])
def test_list_labels_stay_short_whatever_the_start(tmp_path: Path, fmt: str, start: str) -> None:
    from keoach.parse.readers import read_path
    body = _para("KẾ HOẠCH") + _para("MỤC TIÊU", "0") * 50
    path = _docx(tmp_path / "bomb.docx", {"word/numbering.xml": _numbering(start=start, fmt=fmt, text="%1." * 10),
                                          "word/document.xml": _document(body)})
    started = time.perf_counter()
    lines = read_path(path).lines
    assert time.perf_counter() - started < 5
    assert max(len(x.text) for x in lines) < 100        # Word starts at 32767 at most: "32767.32767...."


def test_format_counter_in_roman_and_letters() -> None:
    from keoach.parse.readers import _format_counter
    assert [_format_counter(n, "upperRoman") for n in (1, 4, 14, 1999, 3999, 4000)] == \
        ["I", "IV", "XIV", "MCMXCIX", "MMMCMXCIX", "4000"]
    assert [_format_counter(n, "lowerLetter") for n in (1, 26, 27, 780, 781)] == ["a", "z", "aa", "z" * 30, "781"]


# ----------------------------------------------------------------------------- 6 DTD anywhere
_PAD = "<!--" + "p" * 70_000 + "-->"
DTDS = {
    "internal-entity": ('<!DOCTYPE w:document [<!ENTITY e "THAM NHAP">]>', "&e;"),
    "external-entity": ('<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/hostname">]>', "&x;"),
    "quadratic": ('<!DOCTYPE w:document [<!ENTITY q "' + "Q" * 50_000 + '">]>', "&q;" * 2000),
    "laughs": ('<!DOCTYPE w:document [<!ENTITY l0 "ha">' + "".join(
        f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10)) + "]>", "&l9;"),
    "bare-doctype": ("<!DOCTYPE w:document>", ""),
}


@pytest.mark.parametrize("part", ["word/document.xml", "word/numbering.xml"])
@pytest.mark.parametrize("name", list(DTDS))
def test_any_dtd_is_refused_wherever_it_stands(tmp_path: Path, name: str, part: str) -> None:
    from keoach import KeoachError, parse_file
    dtd, ref = DTDS[name]
    doc = _document(_para("KẾ HOẠCH") + _para("MỤC TIÊU " + ref) + _plan_body(50), prolog=_PAD + dtd)
    parts = {"word/document.xml": doc}
    if part != "word/document.xml":
        parts = {"word/document.xml": _document(_plan_body(50)),
                 part: _numbering().replace(b"?>", ("?>" + _PAD + dtd).encode(), 1)}
    path = _docx(tmp_path / f"{name}.docx", parts)
    with pytest.raises(KeoachError) as caught:
        parse_file(path)
    assert caught.value.problem == f"refused: {part} declares a DOCTYPE/ENTITY (unsafe XML)"


# ----------------------------------------------------------------------------- 5 special files
def _keoach(*args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "keoach", *args], capture_output=True, timeout=timeout)


@pytest.mark.skipif(not Path("/dev/zero").exists() or not hasattr(os, "mkfifo"), reason="POSIX special files")
@pytest.mark.parametrize("kind", ["zero.txt", "fifo.txt", "zero.json", "fifo.json"])
def test_only_regular_files_are_read(tmp_path: Path, kind: str) -> None:
    path = tmp_path / kind
    if kind.startswith("zero"):
        path.symlink_to("/dev/zero")
    else:
        os.mkfifo(path)
    command = "parse" if kind.endswith(".txt") else "deadlines"
    r = _keoach(command, str(path), "--timeout", "5") if command == "parse" else _keoach(command, str(path))
    err = r.stderr.decode()
    assert r.returncode == 2 and err.count("\n") == 1, err
    assert f"{path}: not a regular file ({'a device' if 'zero' in kind else 'a FIFO'})" in err


def test_reads_are_bounded(tmp_path: Path) -> None:
    from keoach.errors import InputError
    from keoach.files import read_regular
    path = tmp_path / "plan.txt"
    path.write_bytes(b"x" * 1000)
    assert read_regular(path, 1000) == b"x" * 1000
    with pytest.raises(InputError, match="file too large"):
        read_regular(path, 999)


# ----------------------------------------------------------------------------- 12, 13 names and small contracts
@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux")
def test_file_names_that_are_not_utf8_come_out_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    name = os.fsdecode(b"k\xff.txt")
    shutil.copyfile(PLAN, folder / name)
    (folder / os.fsdecode(b"bad\nname\xfe.txt")).write_text("không phải kế hoạch", encoding="utf-8")
    single = _keoach("parse", str(folder / name))
    assert single.returncode == 0
    assert json.loads(single.stdout.decode("utf-8"))["source"]["path"].endswith("k\\xff.txt")
    batch = _keoach("parse", str(folder), "-r", "--jobs", "1")
    records = [json.loads(x.decode("utf-8")) for x in batch.stdout.splitlines()]
    assert batch.returncode == 1 and len(records) == 2
    error = next(r for r in records if "error" in r)
    assert error["source"].endswith("bad\\nname\\xfe.txt")
    err = batch.stderr.decode("utf-8")
    assert err.count("\n") == 2 and "bad\\nname\\xfe.txt: not a plan" in err     # the error, the summary


def test_timeout_inf_means_no_limit_and_nan_is_refused() -> None:
    assert _keoach("parse", str(PLAN), "--timeout", "inf").returncode == 0
    r = _keoach("parse", str(PLAN), "--timeout", "nan")
    assert r.returncode == 2 and b"--timeout" in r.stderr


def test_standard_input_is_held_to_the_rules_of_a_file() -> None:
    novel = "Chương một\nNgày ấy, khi mùa thu về trên những cánh đồng lúa chín, bà tôi kể chuyện.\n" * 50
    r = subprocess.run([sys.executable, "-m", "keoach", "parse", "-"], input=novel.encode(), capture_output=True,
                       timeout=30)
    assert r.returncode == 2 and r.stderr.decode().startswith("keoach: -: not a plan"), r.stderr
    ok = subprocess.run([sys.executable, "-m", "keoach", "parse", "-", "--timeout", "30"], input=PLAN.read_bytes(),
                        capture_output=True, timeout=30)
    assert ok.returncode == 0 and json.loads(ok.stdout)["indicators"]


def test_bad_json_for_deadlines_is_one_line(tmp_path: Path) -> None:
    for text in ("garbage", "42"):
        path = tmp_path / "bad.json"
        path.write_text(text)
        r = _keoach("deadlines", str(path))
        err = r.stderr.decode()
        assert r.returncode == 2 and err.count("\n") == 1 and "(top level: " in err, err


# ----------------------------------------------------------------------------- 7 near-bomb .docx
_WRAPPER = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
            "print('maxrss', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
            "sys.exit(r.returncode)")


def test_a_docx_of_many_small_paragraphs_is_refused_within_bounds(tmp_path: Path) -> None:
    """The probe's near-bomb (250 MB at 165:1) passed both limits and cost 40 s and 3.8 GB. A
    smaller one of the same shape, past STREAM_ABOVE so it is read block by block, is refused
    at MAX_DOCX_LINES with memory that does not grow with the file."""
    para = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    xml = _document("").replace(b"<w:body>", b"<w:body>" + para * 330_000)
    path = _docx(tmp_path / "near-bomb.docx", {"word/document.xml": xml}, stored=True)
    r = subprocess.run([sys.executable, "-c", _WRAPPER, sys.executable, "-m", "keoach", "parse", str(path)],
                       capture_output=True, timeout=120)
    err = r.stderr.decode()
    peak_mb = int(err.split("maxrss")[-1]) / 1024
    assert r.returncode == 2 and "refused: word/document.xml holds more than 300,000 lines" in err, err
    assert peak_mb < 200, f"{peak_mb:.0f} MB"


def test_a_large_document_read_block_by_block_gives_the_same_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    from keoach.parse import docxzip
    from keoach.parse.readers import read_path
    docx = SAMPLES / "real-lao-cai-kiem-tra-vlncn.docx"
    whole = [x.text for x in read_path(docx).lines]
    monkeypatch.setattr(docxzip, "STREAM_ABOVE", 1000)
    monkeypatch.setattr(docxzip, "CHUNK", 4096)
    assert [x.text for x in read_path(docx).lines] == whole


def test_one_huge_paragraph_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from keoach import KeoachError, parse_file
    from keoach.parse import docxzip
    monkeypatch.setattr(docxzip, "STREAM_ABOVE", 1000)
    monkeypatch.setattr(docxzip, "MAX_BLOCK_ELEMENTS", 10_000)
    xml = _document("<w:p>" + "<w:r><w:t>x</w:t></w:r>" * 20_000 + "</w:p>")
    path = _docx(tmp_path / "one.docx", {"word/document.xml": xml}, stored=True)
    with pytest.raises(KeoachError, match="a paragraph or table of over 10,000 XML elements"):
        parse_file(path)


# ----------------------------------------------------------------------------- 8 diff alignment
_WORDS = ("hộ nghèo trẻ em học sinh giáo viên lao động nông thôn đô thị doanh nghiệp bệnh viện trạm y tế xã "
          "phường thị trấn rừng nước sạch điện đường giao thông văn hóa thể thao du lịch dịch vụ công nghiệp "
          "thương mại bảo hiểm xã hội thất nghiệp dân số gia đình người cao tuổi khuyết tật dân tộc").split()


class _Ind:
    def __init__(self, text: str, code: str | None = None) -> None:
        self.text, self.code, self.targets = text, code, []


def _indicators(seed: int, n: int) -> list[_Ind]:
    import random
    rng = random.Random(seed)
    return [_Ind("Tỷ lệ " + " ".join(rng.choice(_WORDS) for _ in range(6)) + f" đạt {rng.randrange(99)}%")
            for _ in range(n)]


def _dense_alignment(a, b, threshold: float):
    """The alignment before issue 18: every pair scored (kept here as the reference)."""
    from keoach.commands.diff.compare import Similarity
    sim = Similarity([x.text for x in a], [y.text for y in b])
    score = {(i, j): round(sim(i, j), 4) for i in range(len(a)) for j in range(len(b))}
    used_a, used_b, pairs = set(), set(), []
    for s, i, j in sorted(((s, i, j) for (i, j), s in score.items()), key=lambda c: (-c[0], c[1], c[2])):
        if s >= threshold and i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j, s, "meaning"))
    pairs.sort(key=lambda p: (p[0], p[1]))
    return pairs, [i for i in range(len(a)) if i not in used_a], [j for j in range(len(b)) if j not in used_b]


@pytest.mark.parametrize("threshold", [0.35, 0.2, 0.6, 0.0])
@pytest.mark.parametrize("seed", range(6))
def test_sparse_alignment_pairs_as_every_pair_scored_did(seed: int, threshold: float) -> None:
    from keoach.commands.diff.compare import align_indicators
    a, b = _indicators(seed, 40), _indicators(seed + 100, 35)
    b[:10] = [_Ind(x.text.replace("Tỷ lệ", "Tỷ lệ số")) for x in a[:10]]      # some close pairs
    assert align_indicators(a, b, threshold) == _dense_alignment(a, b, threshold)


def test_alignment_is_not_quadratic() -> None:
    from keoach.commands.diff.compare import align_indicators

    def seconds(n: int) -> float:
        a, b = _indicators(1, n), _indicators(2, n)
        started = time.perf_counter()
        align_indicators(a, b)
        return time.perf_counter() - started

    small = min(seconds(200) for _ in range(3))
    large = min(seconds(2000) for _ in range(2))
    # every pair scored: 100x (and 37 s, 3.1 GB for 3,000 a side); here ~30-45x, since with a
    # vocabulary of 85 syllables the pairs that share a rare word pair grow too
    assert large / small < 60, f"{large:.2f} s / {small:.3f} s"


def _diff_plan(seed: int, n: int) -> str:
    """mk_diff_plans.py's shape: n chỉ tiêu of six random words each, no shared numbering."""
    head = (f"ỦY BAN NHÂN DÂN\nHUYỆN A\nSố: {seed}/KH-UBND\nA, ngày 1 tháng 2 năm 2025\nKẾ HOẠCH\n"
            "Thực hiện năm 2025\nI. MỤC TIÊU\n2. Chỉ tiêu\n")
    body = "\n".join(f"- {x.text} vào năm 2025." for x in _indicators(seed, n))
    return head + body + "\nII. TỔ CHỨC THỰC HIỆN\n1. Phòng Lao động chủ trì.\n"


def test_diff_stops_at_its_timeout(tmp_path: Path) -> None:
    from keoach import parse_text
    from keoach.output import plan_dict, to_json
    paths = []
    for seed in (1, 2):
        path = tmp_path / f"{'ab'[seed - 1]}.json"
        path.write_text(to_json(plan_dict(parse_text(_diff_plan(seed, 1500)))), encoding="utf-8")
        paths.append(str(path))
    r = _keoach("diff", *paths, "--format", "json", "--timeout", "0.05")
    err = r.stderr.decode()
    assert r.returncode == 2 and err == f"keoach: {paths[0]} vs {paths[1]}: timed out after 0.05 s (raise --timeout)\n"
    done = _keoach("diff", *paths, "--format", "json")
    assert done.returncode == 1 and len(json.loads(done.stdout)["indicators"]) > 0


# ----------------------------------------------------------------------------- 3 one long paragraph
_HEAD = ("ỦY BAN NHÂN DÂN\nHUYỆN A\nSố: 1/KH-UBND\nA, ngày 1 tháng 2 năm 2025\nKẾ HOẠCH\n"
         "Thực hiện công tác năm 2025\nI. MỤC TIÊU\n")
QUADRATIC_KINDS = {     # mk_quadratic.py's inputs: one paragraph of a repeated unit
    "numbers": ("", "1.000.000,5 "),
    "percents": ("", "5%"),
    "targets": ("1. Chỉ tiêu\n", "tỷ lệ hộ nghèo giảm còn dưới 5% vào năm 2025, "),
    "deadlines": ("II. NHIỆM VỤ\n", "báo cáo Ủy ban nhân dân huyện trước ngày 15/11/2025 và hằng năm, "),
}


def _seconds(text: str) -> float:
    from keoach import parse_text
    started = time.perf_counter()
    parse_text(text)
    return time.perf_counter() - started


def _peak(text: str) -> int:
    """Peak memory of a parse, traced apart from its time (tracing slows it several times)."""
    import tracemalloc
    from keoach import parse_text
    tracemalloc.start()
    parse_text(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


@pytest.mark.parametrize("kind", QUADRATIC_KINDS)
def test_one_long_paragraph_costs_time_and_memory_linear_in_its_size(kind: str) -> None:
    head, unit = QUADRATIC_KINDS[kind]
    small, large = (_HEAD + head + unit * (n // len(unit)) for n in (20_000, 200_000))
    t_small = min(_seconds(small) for _ in range(3))
    t_large = min(_seconds(large) for _ in range(2))         # the least disturbed runs of each
    assert t_large / t_small <= 15, f"{t_large:.2f} s / {t_small:.3f} s"
    m_small, m_large = _peak(small), _peak(large)
    assert m_large / m_small <= 15, f"{m_large / 1e6:.0f} MB / {m_small / 1e6:.1f} MB"


def test_a_deadline_in_a_long_sentence_quotes_its_part() -> None:
    from keoach import parse_text
    unit = "báo cáo Ủy ban nhân dân huyện trước ngày 15/11/2025 và hằng năm, "
    plan = parse_text(_HEAD + "II. NHIỆM VỤ\n" + unit * 100)
    assert len(plan.deadlines) == 100
    assert all(len(d.text) < 1000 + 2 and "15/11/2025" in d.text for d in plan.deadlines)
    short = parse_text(_HEAD + "II. NHIỆM VỤ\n" + unit * 3)
    assert short.deadlines[0].text == " ".join((unit * 3).split())


# whitespace runs that a pattern must read once, not once per position
_RUNS = {"spaces": " ", "mixed": " \t \n", "commas": ", ", "nbsp": "\u00a0 "}


def _patterns():
    sys.path.insert(0, str(HERE))
    from test_patterns import COMPILED
    for name, pattern in COMPILED:
        yield pytest.param(name, pattern, id=name)


@pytest.mark.parametrize("name, pattern", list(_patterns()))
def test_patterns_read_a_long_run_of_white_space_once(name: str, pattern) -> None:
    import regex

    def seconds(text: str) -> float:
        started = time.perf_counter()
        for _ in (pattern.finditer(text, timeout=30) if isinstance(pattern, regex.Pattern) else pattern.finditer(text)):
            pass
        return time.perf_counter() - started

    for kind, unit in _RUNS.items():
        small = min(seconds("a" + unit * (2_000 // len(unit)) + "b") for _ in range(3))
        large = seconds("a" + unit * (20_000 // len(unit)) + "b")
        assert large < 0.1 or large / small <= 30, f"{kind}: {large:.3f} s / {small:.4f} s (quadratic: 100x)"
