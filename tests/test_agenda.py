"""keoach deadlines: expansion of recurrences, filters, order, CSV/JSON/ICS writers, the command."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from keoach import parse_text
from keoach.commands.deadlines.agenda import Filters, Window, agenda, period_of, rule_dates

PLAN = """KẾ HOẠCH
Thực hiện Chương trình hành động vì trẻ em giai đoạn 2021 - 2030
I. MỤC TIÊU
- Tỷ lệ xã đạt chuẩn 90%.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Lao động - Thương binh và Xã hội
- Tổng hợp, báo cáo Ủy ban nhân dân huyện kết quả thực hiện trước ngày 20/11 hằng năm.
- Tham mưu tổ chức sơ kết vào cuối năm 2025.
2. Phòng Y tế
- Gửi báo cáo tháng trước ngày 18 hằng tháng.
- Hoàn thành việc rà soát trong quý IV/2025.
- Xây dựng kế hoạch triển khai trước ngày 15/7/2021.
"""


def _occurrences(window=None, **filters):
    return agenda([parse_text(PLAN, "plan.txt")], window, Filters(**filters))


def test_yearly_deadline_expands_over_the_plan_period() -> None:
    yearly = [o.start for o in _occurrences() if o.deadline.recurrence == "yearly"]
    assert yearly == [date(y, 11, 20) for y in range(2021, 2031)]


def test_monthly_deadline_and_window() -> None:
    found = _occurrences(Window(date(2026, 1, 1), date(2026, 3, 31)))
    assert [(o.date_text, o.deadline.recurrence) for o in found] == [
        ("2026-01-18", "monthly"), ("2026-02-18", "monthly"), ("2026-03-18", "monthly")]


def test_order_and_partial_dates_sort_at_the_start_of_their_period() -> None:
    found = [o for o in _occurrences() if o.deadline.recurrence == "none"]
    assert [(o.date_text, o.precision) for o in found] == [
        ("2021-07-15", "day"), ("2025", "year"), ("2025-Q4", "quarter")]
    assert [o.start for o in found] == sorted(o.start for o in found)
    starts = [o.start for o in _occurrences()]
    assert starts == sorted(starts)


def test_filters_fold_accents_and_case() -> None:
    by_actor = _occurrences(actor="lao dong")
    assert by_actor and all("Lao động" in o.deadline.actor for o in by_actor)
    by_grep = _occurrences(grep="RA SOAT")
    assert [o.date_text for o in by_grep] == ["2025-Q4"]


def test_upcoming_and_overdue_relative_to_today() -> None:
    today = date(2025, 11, 10)
    soon = _occurrences(today=today, upcoming=10)
    assert [o.date_text for o in soon] == ["2025", "2025-Q4", "2025-11-18", "2025-11-20"]
    late = _occurrences(today=today, overdue=True)
    assert late and all(o.end < today for o in late)


def test_rule_dates_match_an_independent_rrule_expansion() -> None:
    from dateutil.rrule import MONTHLY, YEARLY, rrule
    win = Window(date(2024, 1, 1), date(2027, 12, 31))
    cases = [((12, 29, 2), dict(freq=YEARLY, bymonth=2, bymonthday=29)),
             ((1, 31, None), dict(freq=MONTHLY, bymonthday=31)),
             ((6, 15, 6), dict(freq=MONTHLY, interval=6, bymonthday=15)),
             ((3, 20, None), dict(freq=MONTHLY, interval=3, bymonthday=20))]
    for (step, day, month), rule in cases:
        mine = rule_dates(step, day, month, win)
        theirs = [d.date() for d in rrule(dtstart=mine[0], until=win.end, **rule)]
        assert mine == theirs, (step, day, month)


def test_period_of_partial_dates() -> None:
    assert period_of("2021-09") == (date(2021, 9, 1), date(2021, 9, 30), "month")
    assert period_of("2025-Q4") == (date(2025, 10, 1), date(2025, 12, 31), "quarter")
    assert period_of("2024-02-29") == (date(2024, 2, 29), date(2024, 2, 29), "day")
    assert period_of("--11-20") is None


def _keoach(*args: str) -> subprocess.CompletedProcess:
    import os
    return subprocess.run([sys.executable, "-m", "keoach", *args], capture_output=True,
                          env={**os.environ, "COLUMNS": "200"})


def _table_dates(paths: list[str]) -> list[str]:
    r = _keoach("deadlines", *paths, "--format", "json", "--today", "2026-11-22")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_ics_parses_and_rrule_expansion_equals_the_table(tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    from dateutil.rrule import rrulestr
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    ics = tmp_path / "d.ics"
    assert _keoach("deadlines", str(plan), "--format", "ics", "-o", str(ics), "--today", "2026-11-22").returncode == 0
    _check_ics(icalendar, rrulestr, ics.read_bytes(), _table_dates([str(plan)]))
    again = _keoach("deadlines", str(plan), "--format", "ics", "--today", "2026-11-22").stdout
    assert again == ics.read_bytes()                     # stable UIDs: re-importing updates


def _check_ics(icalendar, rrulestr, data: bytes, table: list[dict]) -> None:
    cal = icalendar.Calendar.from_ical(data)
    events = [e for e in cal.walk("VEVENT")]
    assert len({str(e["UID"]) for e in events}) == len(events)
    got: list[str] = []
    for e in events:
        start = e.decoded("DTSTART")
        assert type(start) is date                                   # all-day, never shifted by a time zone
        assert b"DTSTART;VALUE=DATE:" in e.to_ical()
        assert (e.decoded("DTEND") - start).days == 1                # one day: "due by", never a banner
        if "RRULE" in e:
            rule = rrulestr(e["RRULE"].to_ical().decode(), dtstart=start)
            got += [d.date().isoformat() for d in rule]
        else:
            got.append(start.isoformat())
    expected = [o["end"] for o in table if o["end"]]            # a month, quarter or year is due on its last day
    assert sorted(got) == sorted(expected)


def test_corpus_deadlines_cover_gold_and_skip_cited_dates(shared: Path) -> None:
    from keoach import parse_file
    for gold_path in sorted((shared / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        plan_file = next((shared / "corpus").glob(gold_path.stem + ".*"))
        rows = _table_dates([str(plan_file)])
        assert [r["start"] for r in rows if r["start"]] == sorted(r["start"] for r in rows if r["start"])
        written = {(r["written"], r["recurrence"]) for r in rows}
        for d in gold["deadlines"]:
            if not d.get("optional"):
                assert (d["date"], d["recurrence"]) in written, (plan_file.name, d)
            if d["recurrence"] == "yearly" and d["date"]:
                n = sum(r["written"] == d["date"] for r in rows)
                plan = parse_file(plan_file)
                assert n == plan.document.period.end - plan.document.period.start + 1
        plan = parse_file(plan_file)
        gold_dates = {d["date"] for d in gold["deadlines"]}
        excluded = {r.date for r in plan.document.references} | {plan.document.date}
        assert not {r["date"] for r in rows} & (excluded - gold_dates - {None}), plan_file.name


def test_corpus_calendar(shared: Path, tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    from dateutil.rrule import rrulestr
    r = _keoach("deadlines", str(shared / "corpus"), "-r", "--format", "ics", "--today", "2026-11-22")
    assert r.returncode == 0, r.stderr
    _check_ics(icalendar, rrulestr, r.stdout, _table_dates([str(shared / "corpus"), "-r"]))


def test_csv_bom_to_file_not_to_pipe(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "d.csv"
    assert _keoach("deadlines", str(plan), "-f", "csv", "-o", str(out)).returncode == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0]["date"] == "2021-01-18" and len(rows) == 10 + 120 + 3 and "Lao động" in "".join(r["actor"] for r in rows)
    piped = _keoach("deadlines", str(plan), "-f", "csv").stdout
    assert not piped.startswith(b"\xef\xbb\xbf") and piped.startswith(b"date,")
    assert _keoach("deadlines", str(plan), "-f", "csv", "--bom").stdout.startswith(b"\xef\xbb\xbf")


def test_jsonl_filters_and_bad_inputs(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    r = _keoach("deadlines", str(plan), str(bad), "-f", "jsonl", "--actor", "y te", "--from", "2025", "--until", "2025")
    assert r.returncode == 1 and r.stderr.decode().count("\n") == 1 and b"Traceback" not in r.stderr
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["date"] for x in rows][:2] == ["2025-01-18", "2025-02-18"] and rows[-1]["date"] == "2025-12-18"
    assert "2025-Q4" in [x["date"] for x in rows]
    for args in (("deadlines", str(bad)), ("deadlines", str(plan), "--from", "someday")):
        r = _keoach(*args)
        assert r.returncode == 2 and b"Traceback" not in r.stderr


def test_bad_window_dates_are_one_line_errors(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    for args in (("--until", "2020-13"), ("--from", "2021-02-30"), ("--from", "2030", "--until", "2025"),
                 ("--today", "hôm nay")):
        r = _keoach("deadlines", str(plan), *args)
        assert r.returncode == 2 and r.stderr.count(b"\n") == 1 and b"Traceback" not in r.stderr, args


def test_deadlines_read_parse_jsonl_and_skip_its_error_records(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    lines = _keoach("parse", str(plan), str(plan), "--jobs", "1").stdout
    jsonl = tmp_path / "plans.jsonl"
    jsonl.write_bytes(lines + b'{"source": "bad.pdf", "error": "corrupt or truncated PDF"}\n')
    r = _keoach("deadlines", str(jsonl), "-f", "json", "--from", "2025", "--until", "2025")
    rows = json.loads(r.stdout)
    assert r.returncode == 0 and len(rows) == 1 + 12 + 2     # yearly, monthly, year, quarter: the same plan twice is one


def test_corpus_calendar_reads_in_a_second_parser_one_day_events_within_each_plan(shared: Path) -> None:
    """vobject, independent of icalendar: every event one day, no recurrence past its plan's end."""
    vobject = pytest.importorskip("vobject")
    from keoach import parse_file
    from keoach.commands.deadlines.agenda import plan_window
    r = _keoach("deadlines", str(shared / "corpus"), "-r", "--format", "ics", "--today", "2026-11-22",
                "--alarm", "3", "--calendar-name", "Kế hoạch của huyện")
    assert r.returncode == 0, r.stderr
    cal = vobject.readOne(r.stdout.decode("utf-8"))
    assert cal.contents["x-wr-calname"][0].value == "Kế hoạch của huyện"
    ends = {}
    for path in sorted((shared / "corpus").iterdir()):
        if path.suffix in (".txt", ".md", ".pdf", ".docx"):
            plan = parse_file(path)
            if plan_window(plan):
                ends[str(path)] = plan_window(plan).end
    events = cal.vevent_list
    assert len(events) > 10
    checked = 0
    for e in events:
        start, end = e.dtstart.value, e.dtend.value
        assert (end - start).days == 1, e.summary.value
        assert e.valarm.trigger.value.days == -3
        dates = list(e.getrruleset()) if hasattr(e, "rrule") else [start]
        last = max(d.date() if hasattr(d, "date") and callable(d.date) else d for d in dates)
        plan = e.description.value.rsplit("\n", 1)[-1].rsplit(", dòng", 1)[0]     # "<source>, dòng <line>"
        if plan in ends and hasattr(e, "rrule"):
            assert last <= ends[plan], (e.summary.value, last, ends[plan])
            checked += 1
    assert checked == sum(hasattr(e, "rrule") for e in events) > 0       # every recurring event was checked


def test_table_counts_days_left_and_shows_a_recurring_duty_once(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    r = _keoach("deadlines", str(plan), "--today", "2025-11-10", "--from", "2025", "--until", "2025")
    text = r.stdout.decode("utf-8")
    assert r.returncode == 0 and "\x1b" not in text
    assert text.count("hằng tháng") == 1 and text.count("hằng năm") == 1     # 12 monthly dates, one row
    assert "còn 8 ngày" in text and "2025-11-18" in text                     # the next monthly date
    assert "còn 10 ngày" in text                                             # 20/11 yearly
    assert "2025-12-31 (hạn quý 4/2025)" in text and "còn 51 ngày" in text   # a quarter is due on its last day
    dates = [line.split("│")[1].split()[0] for line in text.splitlines() if line.startswith("│ 20")]
    assert dates == sorted(dates)
    late = _keoach("deadlines", str(plan), "--today", "2026-01-10", "--from", "2025", "--until", "2025")
    assert "quá hạn" in late.stdout.decode("utf-8")
