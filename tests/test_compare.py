"""keoach diff: indicator alignment (gold pairs and varied wording), target verdicts, the command."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from keoach import parse_file, parse_text
from keoach.commands.diff.compare import THRESHOLD, Similarity, align_targets, compare_plans
from keoach.parse.indicators import read_figures

from conftest import read_cases

VERDICTS = read_cases("verdicts.txt", inputs=2)


@pytest.mark.parametrize("title, a, b, expected", [pytest.param(*c, id=c[0]) for c in VERDICTS])
def test_verdicts(title: str, a: str, b: str, expected: list) -> None:
    got = [c.verdict for c in align_targets(read_figures(a), read_figures(b), None, None)]
    assert got == expected


def _gold_diff(shared: Path, name: str):
    gold = json.loads((shared / "gold" / "diff" / f"{name}.json").read_text(encoding="utf-8"))
    a = parse_file(shared / "corpus" / gold["a"])
    b = parse_file(shared / "corpus" / gold["b"])
    return gold, compare_plans(a, b)


def test_same_template_aligns_every_pair_by_code(shared: Path) -> None:
    gold, diff = _gold_diff(shared, "huyen-trieu-son__xa-hoang-trung")
    got = {(p.a.code, p.b.code) for p in diff.indicators}
    assert got == {tuple(p) for p in gold["pairs"]} and len(got) == 24
    assert {p.method for p in diff.indicators} == {"code"}


def test_different_numbering_aligns_by_meaning(shared: Path) -> None:
    gold, diff = _gold_diff(shared, "thi-xa-huong-tra__huyen-trieu-son")
    expected = {tuple(p) for p in gold["pairs"]}
    got = {(p.a.code, p.b.code): p.similarity for p in diff.indicators}
    assert len(expected & got.keys()) >= 16
    assert all(s < THRESHOLD for pair, s in got.items() if pair not in expected)
    assert sorted(r.code for r in diff.only_in_b) == sorted(gold["only_in_b"])


A_PLAN = """KẾ HOẠCH
Phát triển nông nghiệp năm 2025
I. MỤC TIÊU
- Chỉ tiêu 1: Tỷ lệ xã đạt chuẩn nông thôn mới đạt 80% vào năm 2025.
- Chỉ tiêu 2: Giá trị sản xuất nông nghiệp tăng bình quân 3,5%/năm.
- Chỉ tiêu 3: Tỷ lệ che phủ rừng đạt 42% vào năm 2025.
- Chỉ tiêu 4: Tỷ lệ dân số nông thôn được sử dụng nước sạch đạt 95% vào năm 2025.
- Chỉ tiêu 5: Diện tích lúa ứng dụng cơ giới hóa đạt 5.000 ha.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Nông nghiệp chủ trì thực hiện.
"""

# The same chỉ tiêu renumbered, reworded and reordered, one dropped and one new.
B_PLAN = """KẾ HOẠCH
Phát triển nông nghiệp năm 2026
I. MỤC TIÊU
- Chỉ tiêu 1: Phấn đấu 45% diện tích đất được che phủ rừng (tỷ lệ che phủ rừng) vào năm 2025.
- Chỉ tiêu 2: Số hợp tác xã nông nghiệp thành lập mới đạt 20 hợp tác xã.
- Chỉ tiêu 3: Phấn đấu 85% xã đạt chuẩn nông thôn mới vào năm 2025.
- Chỉ tiêu 4: Đến năm 2025, 95% dân số nông thôn sử dụng nước sạch hợp vệ sinh.
- Chỉ tiêu 5: Tốc độ tăng giá trị sản xuất ngành nông nghiệp bình quân 3%/năm.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Nông nghiệp chủ trì thực hiện.
"""


def test_renumbered_reworded_plan_aligns_by_meaning() -> None:
    diff = compare_plans(parse_text(A_PLAN), parse_text(B_PLAN))
    assert {(p.a.code, p.b.code) for p in diff.indicators} == {("1", "3"), ("2", "5"), ("3", "1"), ("4", "4")}
    assert [r.code for r in diff.only_in_a] == ["5"]
    assert [r.code for r in diff.only_in_b] == ["2"]
    verdicts = {(p.a.code, t.verdict) for p in diff.indicators for t in p.targets}
    assert verdicts == {("1", "tighter"), ("2", "looser"), ("3", "tighter"), ("4", "same")}


def test_similarity_ignores_accents_case_and_word_order() -> None:
    sim = Similarity(["Tỷ lệ che phủ rừng", "Số hợp tác xã thành lập mới"],
                     ["TY LE CHE PHU RUNG", "thành lập mới hợp tác xã"])
    assert sim(0, 0) == pytest.approx(1.0)
    assert sim(1, 1) > 0.6
    assert sim(0, 1) == 0.0


def test_unrelated_plans_pair_nothing() -> None:
    other = """KẾ HOẠCH
Bầu cử đại biểu Hội đồng nhân dân
I. MỤC TIÊU
- Chỉ tiêu 1: Tỷ lệ cử tri đi bầu cử đạt trên 98%.
- Chỉ tiêu 2: Tỷ lệ đại biểu là nữ đạt từ 35% trở lên.
"""
    diff = compare_plans(parse_text(A_PLAN), parse_text(other))
    assert diff.indicators == []
    assert len(diff.only_in_a) == 5 and len(diff.only_in_b) == 2


def _keoach(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "keoach", *args], capture_output=True, text=True)


def test_diff_against_itself_exits_0(tmp_path: Path) -> None:
    plan = tmp_path / "a.txt"
    plan.write_text(A_PLAN, encoding="utf-8")
    r = _keoach("diff", str(plan), str(plan), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert all(n == 0 for n in json.loads(r.stdout)["counts"].values())


def test_one_edited_target_is_exactly_one_change(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(A_PLAN, encoding="utf-8")
    b.write_text(A_PLAN.replace("đạt 42%", "đạt 40%"), encoding="utf-8")
    r = _keoach("diff", str(a), str(b), "--format", "json")
    assert r.returncode == 1, r.stderr
    out = json.loads(r.stdout)
    changed = [(p["a"]["code"], t["verdict"], t["changes"], t["a"]["value"], t["b"]["value"])
               for p in out["indicators"] for t in p["targets"] if t["verdict"] != "same"]
    assert changed == [("3", "looser", ["value"], 42, 40)]
    assert sum(out["counts"].values()) == 1


def test_diff_reads_parse_json_and_formats(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text(A_PLAN, encoding="utf-8")
    b = tmp_path / "b.json"
    b.write_text(_keoach("parse", str(tmp_path / "a.txt")).stdout.replace("đạt 42%", "đạt 40%")
                 .replace('"value":42.0', '"value":40.0'), encoding="utf-8")
    md = _keoach("diff", str(a), str(b), "--format", "md")
    assert md.returncode == 1 and "| 3 | 3 |" in md.stdout and "**looser**" in md.stdout
    table = _keoach("diff", str(a), str(b))
    assert table.returncode == 1 and "looser" in table.stdout
    only = _keoach("diff", str(a), str(b), "--only", "sections,deadlines", "--format", "json")
    assert only.returncode == 0 and json.loads(only.stdout)["indicators"] == []


def test_diff_trouble_exits_2_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "a plan"}', encoding="utf-8")
    for args in (("diff", str(tmp_path / "missing.txt"), str(bad)), ("diff", str(bad), str(bad)),
                 ("diff", str(bad), str(bad), "--only", "colours")):
        r = _keoach(*args)
        assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


UNITS_PLAN = """KẾ HOẠCH
Phát triển nông nghiệp năm 2025
I. MỤC TIÊU
- Chỉ tiêu 1: Tỷ lệ xã đạt chuẩn nông thôn mới đạt 80% vào năm 2025.
- Chỉ tiêu 2: Tỷ lệ che phủ rừng đạt 42% vào năm 2025.
II. NHIỆM VỤ
1. Nông nghiệp
a) Phát triển vùng lúa
2. Lâm nghiệp
a) Trồng rừng
III. TỔ CHỨC THỰC HIỆN
1. Phòng Nông nghiệp chủ trì thực hiện chỉ tiêu 1.
2. Hạt Kiểm lâm chủ trì thực hiện chỉ tiêu 2.
3. Phòng Tài chính phối hợp bố trí kinh phí.
"""


def test_a_plan_without_units_is_one_assignment_line_and_sections_carry_their_path() -> None:
    a = parse_text(UNITS_PLAN, "a.txt")
    b = parse_text(UNITS_PLAN.split("III. TỔ CHỨC")[0].replace("a) Trồng rừng", "a) Bảo vệ rừng"), "b.txt")
    assert len(a.assignments) >= 3 and not b.assignments
    d = compare_plans(a, b)
    assert [(x.change, len(x.a)) for x in d.assignments] == [("removed", len(a.assignments))]
    renamed = [s for s in d.sections if s.change == "renamed"]
    assert [(s.path, s.a, s.b) for s in renamed] == [("II.2.a", "Trồng rừng", "Bảo vệ rừng")]
