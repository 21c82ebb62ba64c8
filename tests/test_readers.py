"""PDF and Word readers: the same plan gives the same data; Word tables, line breaks, numbering."""
from __future__ import annotations

from pathlib import Path

import pytest

from keoach import parse_file
from keoach.output import plan_dict
from keoach.parse.lines import paragraphs, repair
from keoach.parse.readers import read_path

CORPUS = ["huyen-trung-khanh-2025", "so-ldtbxh-gia-lai-2021", "thi-xa-huong-tra-2021-2025", "xa-hoang-trung-2021-2030"]


def _words(path: Path) -> list[str]:
    read = read_path(path)
    return " ".join(p.text for p in paragraphs(repair(read.lines, read.markdown or None))).split()


@pytest.mark.parametrize("name", CORPUS)
def test_pdf_text_matches_text_twin(shared: Path, name: str) -> None:
    pdf, txt = _words(shared / "corpus-pdf" / f"{name}.pdf"), _words(shared / "corpus" / f"{name}.txt")
    import difflib
    ratio = difflib.SequenceMatcher(None, pdf, txt, autojunk=False).ratio()
    assert ratio > 0.995


@pytest.mark.parametrize("ext", ["pdf", "docx"])
@pytest.mark.parametrize("name", CORPUS)
def test_same_data_as_text(shared: Path, name: str, ext: str) -> None:
    a = plan_dict(parse_file(shared / f"corpus-{ext}" / f"{name}.{ext}"))
    b = plan_dict(parse_file(shared / "corpus" / f"{name}.txt"))
    for key in ("indicators", "assignments"):
        assert [_strip(x) for x in a[key]] == [_strip(x) for x in b[key]]
    assert a["document"]["references"] and [r["number"] for r in a["document"]["references"]] == \
        [r["number"] for r in b["document"]["references"]]


def _strip(item: dict) -> dict:
    return {k: (_strip_list(v) if isinstance(v, list) else v) for k, v in item.items() if k not in ("line", "page")}


def _strip_list(v: list) -> list:
    return [_strip(x) if isinstance(x, dict) else x for x in v]


def test_pdf_pages_recorded(shared: Path) -> None:
    plan = parse_file(shared / "corpus-pdf" / "xa-hoang-trung-2021-2030.pdf")
    assert plan.source.pages and plan.source.pages > 1
    assert plan.indicators[-1].page and plan.indicators[-1].page > 1


def test_pdfplumber_engine_reads_the_same(shared: Path) -> None:
    path = shared / "corpus-pdf" / "thi-xa-huong-tra-2021-2025.pdf"
    a = parse_file(path, pdf_engine="pdfplumber")
    b = parse_file(path)
    assert [len(i.targets) for i in a.indicators] == [len(i.targets) for i in b.indicators]


def test_docx_tables_breaks_and_numbering(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    from docx.enum.text import WD_BREAK

    doc = docx.Document()
    head = doc.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "UBND TỈNH LÀO CAI"
    head.cell(1, 0).text = "Số: 12/KH-SCT"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    head.cell(1, 1).text = "Lào Cai, ngày 05 tháng 7 năm 2026"
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Kiểm tra an toàn năm 2026")
    doc.add_paragraph("I. MỤC TIÊU")
    doc.add_paragraph("- Tỷ lệ cơ sở được kiểm tra đạt 100%.")
    doc.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    doc.add_paragraph("1. Phòng Quản lý Công nghiệp chủ trì, báo cáo trước ngày 30/7/2026.")
    doc.add_paragraph("Kết quả kiểm tra theo bảng:")
    tasks = doc.add_table(rows=3, cols=3)
    for row, cells in zip(tasks.rows, [("TT", "Nhiệm vụ", "Thời gian"), ("1", "Rà soát hồ sơ", "Tháng 7"),
                                       ("2", "Kiểm tra", "Tháng 8")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    sign = doc.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:"
    p = sign.cell(0, 1).paragraphs[0]
    for i, part in enumerate(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hoàng Văn An"]):
        run = p.add_run(part)
        if i < 2:
            run.add_break(WD_BREAK.LINE)
    path = tmp_path / "plan.docx"
    doc.save(path)
    plan = parse_file(path)
    d = plan.document
    assert (d.number, d.date, d.place) == ("12/KH-SCT", "2026-07-05", "Lào Cai")
    assert (d.signer.name, d.signer.title) == ("Hoàng Văn An", "PHÓ GIÁM ĐỐC")
    assert plan.indicators[0].targets[0].value == 100
    assert plan.deadlines[0].date == "2026-07-30"
    assert plan.tables[0].rows == [["1", "Rà soát hồ sơ", "Tháng 7"], ["2", "Kiểm tra", "Tháng 8"]]


def test_scanned_pdf_refused(tmp_path: Path) -> None:
    import pypdfium2 as pdfium
    from keoach.errors import ReadError
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    path = tmp_path / "scan.pdf"
    pdf.save(str(path))
    with pytest.raises(ReadError, match="no text layer"):
        parse_file(path)


def test_docx_table_of_indicators_gives_targets(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    for text in ("KẾ HOẠCH", "Phát triển kinh tế - xã hội giai đoạn 2026 - 2030", "I. MỤC TIÊU",
                 "1. Các chỉ tiêu chủ yếu"):
        doc.add_paragraph(text)
    rows = [("TT", "Chỉ tiêu", "Đơn vị tính", "Năm 2026", "Năm 2030"),
            ("1", "Tỷ lệ hộ nghèo theo chuẩn đa chiều", "%", "3", "1,5"),
            ("2", "Số xã đạt chuẩn nông thôn mới", "xã", "12", "20"),
            ("3", "Thu nhập bình quân đầu người", "triệu đồng", "60", "90"),
            ("4", "Tỷ suất tử vong trẻ em dưới 5 tuổi", "‰", "dưới 15", "dưới 12"),
            ("II", "Chỉ tiêu về môi trường", "", "", "")]
    table = doc.add_table(rows=len(rows), cols=5)
    for row, cells in zip(table.rows, rows):
        for c, text in zip(row.cells, cells):
            c.text = text
    doc.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    doc.add_paragraph("1. Phòng Tài chính - Kế hoạch chủ trì, theo dõi.")
    path = tmp_path / "plan.docx"
    doc.save(path)
    plan = parse_file(path)
    got = [(t.metric, t.value, t.unit, t.comparator, t.year) for i in plan.indicators for t in i.targets]
    assert got == [
        ("tỷ lệ hộ nghèo theo chuẩn đa chiều", 3, "%", "=", 2026),
        ("tỷ lệ hộ nghèo theo chuẩn đa chiều", 1.5, "%", "=", 2030),
        ("số xã đạt chuẩn nông thôn mới", 12, "xã", "=", 2026),
        ("số xã đạt chuẩn nông thôn mới", 20, "xã", "=", 2030),
        ("thu nhập bình quân đầu người", 60e6, "VND", "=", 2026),
        ("thu nhập bình quân đầu người", 90e6, "VND", "=", 2030),
        ("tỷ suất tử vong trẻ em dưới 5 tuổi", 15, "‰", "<", 2026),
        ("tỷ suất tử vong trẻ em dưới 5 tuổi", 12, "‰", "<", 2030),
    ]
    assert plan.tables[0].header[1] == "Chỉ tiêu" and len(plan.tables[0].rows) == 5


def test_indicator_columns_need_a_metric_and_single_years() -> None:
    from keoach.parse.readers import indicator_columns
    assert indicator_columns(["TT", "Chỉ tiêu", "ĐVT", "KH 2025", "Mục tiêu 2030"]) == (1, 2, [(3, "2025"), (4, "2030")])
    assert indicator_columns(["TT", "Nhiệm vụ", "Thời gian", "2025"]) is None
    assert indicator_columns(["TT", "Chỉ tiêu", "Giai đoạn 2021-2025"]) is None
