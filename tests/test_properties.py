"""Properties that hold for any input (hypothesis): the parser never raises, normalizing is
idempotent, numbers survive Vietnamese notation, output always fits the JSON Schema."""
from __future__ import annotations

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keoach import parse_text
from keoach.model import json_schema, to_dict
from keoach.parse.header import normalize_doc_number
from keoach.parse.lines import Line, repair
from keoach.parse.numbers import format_number, parse_number
from keoach.parse.text import clean, fold, squash

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of plans, so generated texts reach the deep parts of the pipeline, not only the start.
FRAGMENTS = ["KẾ HOẠCH", "Số: 12/KH-UBND", "Hà Nội, ngày 5 tháng 3 năm 2025", "I. MỤC TIÊU",
             "II. NHIỆM VỤ", "III. TỔ CHỨC THỰC HIỆN", "1. Phòng Y tế", "a) Mục tiêu 1:", "- Chỉ tiêu 3:",
             "+ Giảm tỷ lệ hộ nghèo xuống dưới 2% vào năm 2025", "đạt 95%", "trước ngày 20/11 hằng năm",
             "450/100.000 trẻ em", "từ 1% đến 2%", "chủ trì thực hiện chỉ tiêu 1, 2", "Nơi nhận:",
             "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A", "|", "(", ")", ";", ".", "\n", "\t", "   "]
plan_like = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=60).map(" ".join)
any_text = st.one_of(st.text(max_size=2000), plan_like, st.lists(plan_like, max_size=20).map("\n".join))


@SETTINGS
@given(any_text)
def test_parse_text_never_raises_and_output_fits_the_schema(text: str) -> None:
    plan = to_dict(parse_text(text))
    jsonschema.validate(plan, SCHEMA)


SCHEMA = json_schema()


@SETTINGS
@given(st.text(max_size=300))
def test_normalizing_twice_is_normalizing_once(s: str) -> None:
    for f in (clean, fold, squash, normalize_doc_number):
        assert f(f(s)) == f(s), f.__name__
    once = repair([Line(i + 1, x) for i, x in enumerate(s.split("\n"))])
    twice = repair(once)
    assert [(x.number, x.text) for x in twice] == [(x.number, x.text) for x in once]


@SETTINGS
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=3))
def test_number_in_vietnamese_notation_round_trips(n: int, decimals: int) -> None:
    value = n / 10**decimals
    assert parse_number(format_number(value)) == value


# The fast forms of some patterns are checked against the plain forms they replace.
_punctuated = st.text(alphabet=" .;!?aAbĐđỦ\t\n", max_size=40)


@SETTINGS
@given(_punctuated)
def test_cuts_are_splits_after_a_lookbehind(s: str) -> None:
    """Cut.split (one character's pattern when the text holds only that one) and split_at."""
    import re

    from keoach.parse import rx
    from keoach.parse.assignments import _SENTENCES
    from keoach.parse.deadlines import _SENTENCE
    assert _SENTENCES.split(s) == rx.split_at(_SENTENCES.pattern(".;"), s) == re.split(r"(?<=[.;])\s+", s)
    assert _SENTENCE.split(s) == rx.split_at(_SENTENCE.pattern(".!?"), s) == re.split(rf"(?<=[.!?])\s+(?=[{rx.UPPER}])", s)


_trailing_words = ["xuống còn", "xuống", "còn", "dưới", "trên", "đạt tỷ lệ", "đạt", "ở mức", "mức", "là", "từ",
                   "khoảng", "tối thiểu", "ít nhất", "không quá", "tối đa", ">", "<", "≥", "≤", "=", ",", ":",
                   "phấn đấu", "hằng năm", "vào năm 2025", "năm 2030", "(p/1000)", "( p/1.000 )", "tỷ lệ",
                   "hộ nghèo", "ĐẠT", "Dưới", "X", " ", "  ", "\t"]


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(_trailing_words), st.text(max_size=4)), max_size=8).map(" ".join))
def test_may_trail_never_hides_a_trailing_match(t: str) -> None:
    from keoach.parse import rx
    from keoach.parse.indicators import _TRAILING, _may_trail
    assert _may_trail(t) or not rx.search_end(_TRAILING, t)


_citation_parts = ["Kế hoạch", "Quyết định số", "Công văn", "Nghị quyết số:", "12", "208a", "5", "/", " / ", "-", " – ",
                   "—", "KH", "UBND", "QĐ-TTg", "CT/TW", "2021", "ngày 5/3/2021", "của", "x", " "]


@SETTINGS
@given(st.lists(st.sampled_from(_citation_parts), max_size=10).map("".join))
def test_cite_hint_is_in_every_citation(text: str) -> None:
    from keoach.parse.header import _CITE_HINT, REFERENCE
    assert _CITE_HINT.search(text) or not REFERENCE.search(text)


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(_citation_parts + ["a", "5a", "\t", "٣", "\n"]), st.text(max_size=3)),
                max_size=10).map("".join))
def test_cite_hint_finds_what_its_plain_form_finds(text: str) -> None:
    import re

    from keoach.parse.header import _CITE_HINT
    assert bool(_CITE_HINT.search(text)) == bool(re.search(r"\d[a-z]?\s?[/\-–—]", text))


@SETTINGS
@given(st.lists(st.sampled_from(_citation_parts + ["KẾ HOẠCH", "Kế Hoạch", "İ", "Số", "số ", "Quyết định số 12/QĐ-UBND",
                                                   # _CITE_START's look-ahead: words before "số", a letter-first number
                                                   "Luật Thể dục, thể thao", "hành động", "thẩm tra", "về", "(", ";",
                                                   ".", "số:", "số\t", "HB-TT02/26-KT", "Nghị quyết"]),
                max_size=12).map(" ".join))
def test_cited_documents_finds_what_reference_finds(text: str) -> None:
    from keoach.parse.header import REFERENCE, cited_documents
    assert [m.span() for m in cited_documents(text)] == [m.span() for m in REFERENCE.finditer(text)]


def test_cited_documents_finds_what_reference_finds_in_the_samples() -> None:
    """_CITE_START (where REFERENCE is tried) must lose no citation of the samples and case files."""
    from pathlib import Path

    from keoach.parse.header import REFERENCE, cited_documents
    root = Path(__file__).parent
    files = sorted((root.parent / "samples").glob("*.txt")) + sorted((root / "cases").glob("*.txt"))
    found = 0
    for line in (line for f in files for line in f.read_text(encoding="utf-8").splitlines()):
        expected = [m.span() for m in REFERENCE.finditer(line)]
        assert [m.span() for m in cited_documents(line)] == expected, line
        found += len(expected)
    assert found >= 20


_tail_parts = ["giảm", "xuống", "còn", "dưới", "Dưới", "XUỐNG CÒN", "không quá", "tối thiểu", "ít nhất", "trên", "hơn",
               "cao hơn", "đạt", "Đạt", "là", "mức", "ở mức", "phấn đấu", "từ", "có", "(", "≥", "<=", "tỷ lệ", "xã", "  "]


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(_tail_parts), st.text(max_size=3)), max_size=8).map(" ".join))
def test_tail_words_read_what_the_end_anchored_patterns_read(before: str) -> None:
    """_tail_words compares the last words; these are the patterns it replaced."""
    import re

    from keoach.parse import vocab
    from keoach.parse.indicators import _tail_words

    def alternation(words):
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    comparator = re.compile(rf"(?:^|(?<=[\s(]))(?P<w>{alternation(vocab.COMPARATORS)})\s*$", re.IGNORECASE)
    neutral = re.compile(rf"(?:^|(?<=[\s(]))(?:{alternation(vocab.NEUTRAL_WORDS + ('từ',))})\s*$", re.IGNORECASE)
    expected = []
    text = before.rstrip()
    for _ in range(4):
        if m := comparator.search(text):
            expected.append(("c", m.start(), m["w"].lower()))
        elif m := neutral.search(text):
            expected.append(("n", m.start(), m[0].lower()))
        else:
            break
        text = text[:m.start()].rstrip()
    assert list(_tail_words(before)) == expected


_figure_text = st.text(alphabet="0123456789.,;/%‰) aAĐđ\n", max_size=40)


@SETTINGS
@given(_figure_text)
def test_figure_number_and_clause_split_find_what_their_plain_forms_find(text: str) -> None:
    """Both patterns were rewritten to start with the character they look for."""
    import re

    from keoach.parse import rx
    from keoach.parse.indicators import _CLAUSE_SPLIT
    from keoach.parse.numbers import NUMBER
    from keoach.parse.patterns import FIGURE_NUMBER
    figure = re.compile(rf"(?<![^\W_])(?<![/.,])(?:{NUMBER})(?![\d])")
    split = re.compile(rf";|(?:(?<=[^\W_])|(?<=[%‰)]))\.(?=\s+[{rx.UPPER}])|\.\s*$")
    assert [m.span() for m in FIGURE_NUMBER.finditer(text)] == [m.span() for m in figure.finditer(text)]
    assert [m.span() for m in _CLAUSE_SPLIT.finditer(text)] == [m.span() for m in split.finditer(text)]


_agency_parts = ["Sở Y tế", "Phòng", "UBND", "Ủy ban", "Báo cáo", "Ban hành", "Hội nghị", "Hội", "(", ",", " ", "chủ trì",
                 "các xã", "Các xã", "xSở", "Trường hợp", "Trường"]


@SETTINGS
@given(st.lists(st.sampled_from(_agency_parts), max_size=8).map("".join))
def test_agency_finds_what_the_look_behind_pattern_finds(text: str) -> None:
    from keoach.parse import patterns as P
    from keoach.parse import rx
    from keoach.parse.deadlines import _agency
    plain = rx.compile(r"(?:^|(?<=[\s,(]))" + P.AGENCY_HEAD).search(text)
    assert _agency(text) == (plain.span() if plain else None)


@SETTINGS
@given(st.lists(st.sampled_from(_agency_parts + ["sở", "ủy ban", "BÁO CÁO", "ỦY BAN", "ủ", "Ủ", "\u212a", "ſ", "ß"]), max_size=8).map("".join),
       st.booleans())
def test_agency_head_first_letter_look_changes_no_match(text: str, any_case: bool) -> None:
    """AGENCY_HEAD looks at the first letter before the exclusions; without that look it finds the same."""
    import re

    from keoach.parse import patterns as P
    from keoach.parse import rx
    plain_head = re.sub(r"^\(\?=\[[^\]]*\]\)", "", P.AGENCY_HEAD)
    assert plain_head != P.AGENCY_HEAD
    wrap = (lambda p: f"(?i:{p})") if any_case else (lambda p: p)
    found = [m.span() for m in rx.compile(wrap(P.AGENCY_HEAD)).finditer(text)]
    assert found == [m.span() for m in rx.compile(wrap(plain_head)).finditer(text)]


_direction_parts = ["giảm", "GIẢM", "Tăng", "tăng", "nâng cao", "Nâng Cao", "duy trì", "ổn định", "xuống", "còn", "x",
                    "_", "ư", " ", ",", "(", "İ", "1"]


@SETTINGS
@given(st.lists(st.sampled_from(_direction_parts), max_size=10).map("".join))
def test_words_in_finds_whole_words_in_any_case(text: str) -> None:
    import re

    from keoach.parse import rx
    from keoach.parse.patterns import DIRECTION_WORDS
    plain = re.compile(r"\b(?:" + DIRECTION_WORDS.pattern + ")", re.IGNORECASE)
    expected = [(m.end(), m[0].lower()) for m in plain.finditer(text)]
    assert rx.words_in(DIRECTION_WORDS, text) == expected


@SETTINGS
@given(any_text)
def test_paragraph_text_is_squashed(text: str) -> None:
    """Extractors rely on it and do not squash paragraph text again."""
    from keoach.parse.lines import paragraphs, split_lines
    assert all(p.text == squash(p.text) and p.text for p in paragraphs(repair(split_lines(text))))


_unit_parts = ["%", "‰", "/100.000", "p/1000", "tỷ đồng", "triệu", "ha", "km", "tấn", "lít", " ", "  ", "\t", "x", "5",
               "người", "đồng", "USD", "MW", "Tỷ", "\u00a0"]


@SETTINGS
@given(st.lists(st.sampled_from(_unit_parts), max_size=6).map("".join), st.integers(min_value=0, max_value=12))
def test_unit_after_reads_what_unit_after_matches(text: str, end: int) -> None:
    """_unit_after's look at the next two characters never hides a UNIT_AFTER match."""
    from keoach.parse import patterns as P
    from keoach.parse.indicators import _unit_after
    m = P.UNIT_AFTER.match(text, end)
    assert (_unit_after(text, end) is None) == (m is None)


_year_parts = ["năm", "Năm", " ", "2025", "19", "20", "1920", "giai đoạn", "-", "so với", "từ", "đến", "x", "9"]


@SETTINGS
@given(st.lists(st.sampled_from(_year_parts), max_size=10).map("".join))
def test_may_hold_year_never_hides_a_year(text: str) -> None:
    from keoach.parse import patterns as P
    if not P.may_hold_year(text):
        assert not P.YEAR_PHRASE.search(text) and not P.PERIOD.search(text)


_title_parts = ["KT.", "TM.", "T/M", "TUQ", "Q.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "Chủ tịch", "ǅ", " ", ".", "*",
                "UBND", "1", "-", "x"]


@SETTINGS
@given(st.lists(st.sampled_from(_title_parts), max_size=6).map("".join))
def test_signature_title_needs_no_look_when_the_text_is_not_in_capitals(text: str) -> None:
    from keoach.parse import rx, vocab
    from keoach.parse.sections import is_signature_title
    t = rx.sub(r"^\W*(?:(?:KT|TM|TL|TUQ|Q|T/M|K/T)\s*\.?\s*)", "", text.strip()).strip(" .*")
    plain = t.isupper() and any(t == title or t.endswith(" " + title) for title in vocab.SIGNER_TITLES) \
        and len(t.split()) <= 8
    assert is_signature_title(text) == plain


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(["a\u0301", "ƣ", "\t", "\u00a0", "\u00ad", "e\u00ad\u0301", "x", "\n", "Ư", "\u0301", "o\u0323\u0302"]),
                          st.text(max_size=4)), max_size=12).map("".join))
def test_repair_characters_cleans_each_line(text: str) -> None:
    """One look at the whole text decides which lines to clean; each comes out as clean() makes it."""
    from keoach.parse.lines import repair_characters, split_lines
    assert [x.text for x in repair_characters(split_lines(text))] == [clean(x.text) for x in split_lines(text)]


@SETTINGS
@given(st.lists(st.sampled_from(["a\u0301", "\u0301", "o\u0323\u0302", "x", "\n", " ", "Ư", "e\u0300"]), max_size=12).map("".join))
def test_repair_characters_normalizes_each_line_of_a_decomposed_text(text: str) -> None:
    """Text with nothing to replace, only NFC to do: normalized whole, each line as clean() makes it,
    also when a line holds a newline of its own."""
    from keoach.parse.lines import Line, repair_characters, split_lines
    assert [x.text for x in repair_characters(split_lines(text))] == [clean(x.text) for x in split_lines(text)]
    glued = [Line(1, text), Line(2, "a\u0301")]
    assert [x.text for x in repair_characters(glued)] == [clean(text), "á"]


@SETTINGS
@given(st.lists(st.text(alphabet=st.sampled_from([" ", "a", "B", ".", "-", "1", "I"]), max_size=12), max_size=10),
       st.sampled_from(["", "", "", "\t", "\u00a0", "\u2028"]))
def test_paragraphs_strip_lines_as_they_would_squash_them(texts: list[str], odd: str) -> None:
    """paragraphs() strips lines when the text has no space but the plain one; squashing each line
    instead (what it does otherwise) gives the same paragraphs."""
    import re

    from keoach.parse import lines as L
    made = [L.Line(i, t) for i, t in enumerate(texts + [odd], 1)]
    fast = L.paragraphs(made)
    try:
        plain, L._ODD_SPACE = L._ODD_SPACE, re.compile(r"|")       # finds a match in any text: every line squashed
        assert L.paragraphs(made) == fast
    finally:
        L._ODD_SPACE = plain
