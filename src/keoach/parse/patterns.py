"""Named regex parts and the compiled patterns built from them (compiled once, at import).

Every part is linear: no nested unbounded quantifiers, alternations that share no long prefix,
so a 50,000-character run of digits, dots and commas is scanned in linear time
(tests/test_patterns.py feeds each pattern such input).
"""
from __future__ import annotations

import regex

from . import rx

from . import vocab
from .numbers import NUMBER, NUMBER_REST


def _alternation(words) -> str:
    """Longest first, so "xuống còn" beats "xuống" and "tỷ đồng" beats "đồng"."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


# 2025 — a plan year, not any four digits
YEAR = r"(?:19|20)\d{2}"


# any digit: what every figure, year and date starts with, asked before the patterns that need one
DIGIT = rx.compile(r"\d")


def may_hold_year(text: str) -> bool:
    """False when YEAR cannot match, nor YEAR_PHRASE or PERIOD: most clauses and headings have
    no year, and a string test is far cheaper than either pattern."""
    return "20" in text or "19" in text


# a figure: not glued to a letter, a slash or another number ("sinh/1.000", "p/1000", "07/2021")
# (it starts at a digit, whose look-behind checks the character before it: 2x faster to scan)
FIGURE_NUMBER = rx.compile(rf"\d(?<=(?<![^\W_])(?<![/.,])\d)(?:{NUMBER_REST})(?![\d])")

# units right after a figure: "%", "‰", "/100.000", "%/năm", "4 tỷ đồng", "120 ha"
_RATE = _alternation(vocab.RATE_UNITS)
_MONEY = _alternation(vocab.MONEY_UNITS)
_PHYSICAL = _alternation(vocab.PHYSICAL_UNITS)
UNIT_AFTER = rx.compile(rf"\s?(?:(?P<rate>{_RATE})|(?P<money>{_MONEY})(?![\p{{L}}])|(?P<physical>{_PHYSICAL})(?![\p{{L}}\d]))")

# "trên 1.000 trẻ đẻ sống", "/100.000 dân": a denominator sets the unit of its clause
DENOMINATOR = rx.compile(
    r"(?:(?<=\p{L})\s*/\s*|\btrên\s+|\b)(?P<n>1\.000|1000|10\.000|10000|100\.000|100000)\s+"
    r"(?=trẻ|dân|người|ca|phụ nữ|bà mẹ|học sinh|lao động|hộ)")
# what every DENOMINATOR match holds, found by `re` at its first digit: the `regex` engine tried
# DENOMINATOR's empty-width branches at every position of a clause (11 µs a clause with "000")
DENOMINATOR_NUMBER = rx.compile(r"(?:1\.000|1000|10\.000|10000|100\.000|100000)\s+"
                                r"(?=trẻ|dân|người|ca|phụ nữ|bà mẹ|học sinh|lao động|hộ)")
# "(p/1000)" or "p/1000" written once for a clause; a match starts at "(" or where white space
# starts, never inside a run (read again from each position, a long run was quadratic)
CLAUSE_UNIT = rx.compile(r"(?:\(|(?<![\s(]))\s*(?P<u>p/1\.?000|‰|/1\.000|/10\.000|/100\.000)\s*\)?")

# year phrases: "vào năm 2025", "đến năm 2030", "Năm 2030", "(năm 2025)", "đến 2030"
YEAR_PHRASE = rx.compile(rf"\b(?:(?:(?:vào|đến|tới|trong|cho|đạt|từ)\s+)?(?:cuối\s+|đầu\s+)?[Nn]ăm\s+|(?:[Đđ]ến|[Tt]ới)\s+)(?P<y>{YEAR})\b")
_YEAR_DIGITS = rx.compile(rf"{YEAR}\b")
# how far before its year a phrase is looked for: "trong cuối năm " is 15 characters, 12 of them
# letters; a phrase that starts further back has a run of white space in those 40 characters
_PHRASE_REACH, _PHRASE_LETTERS = 40, 12


def year_phrases(text: str) -> list:
    """The matches of YEAR_PHRASE.finditer(text), looked for from the years: the pattern opens
    with \\b and a choice of words, which the engine tries at every position of a clause, while a
    phrase ends at a year and a year is rare. Each year after white space is a candidate; the
    phrase is searched for in the 40 characters before it (from where the last phrase ended when
    those hold a run of white space a longer phrase could have)."""
    out = []
    pos = 0
    for year in _YEAR_DIGITS.finditer(text):
        start = year.start()
        if start <= pos or not text[start - 1].isspace():        # a phrase's year follows white space
            continue
        low = max(pos, start - _PHRASE_REACH)
        if low > pos:
            gap = text[low:start]
            if not (gap.isprintable() and gap.count(" ") < _PHRASE_REACH - _PHRASE_LETTERS) and \
                    len(gap) - len("".join(gap.split())) >= _PHRASE_REACH - _PHRASE_LETTERS:
                low = pos
        # the end one past the year, so that its \b sees the character after it
        if m := YEAR_PHRASE.search(text, low, year.end() + 1):
            out.append(m)
            pos = m.end()
    return out


# periods and baselines set no target year: "giai đoạn 2021 - 2025", "từ năm 2025 đến năm 2030",
# "so với năm 2020"
PERIOD = rx.compile(
    rf"\b(?:giai\s+đoạn\s+(?:từ\s+)?(?:năm\s+)?{YEAR}\s*(?:-|–|—|đến)\s*(?:năm\s+)?{YEAR}"
    rf"|giai\s+đoạn\s+(?:từ\s+)?năm\s+{YEAR}\s+đến\s+năm\s+{YEAR}"
    rf"|từ\s+năm\s+{YEAR}\s*(?:-|–|đến)\s*(?:năm\s+)?{YEAR}"
    rf"|{YEAR}\s*(?:-|–|—)\s*{YEAR}"
    rf"|so\s+với\s+(?:cùng\s+kỳ\s+)?(?:năm\s+)?{YEAR})\b")

# the comparator nearest a figure is read backwards from it: indicators._tail_words
SUFFIX_COMPARATOR = rx.compile(rf"^\s*(?P<w>{_alternation(vocab.SUFFIX_COMPARATORS)})\b")
# "từ 2 đến 3%", "60-70%", "từ 1% đến 2%"
# (matched at a figure's end, never inside a run of white space: searched, a long run was read
# again from each of its positions)
RANGE_TAIL = rx.compile(rf"(?:(?<!\s)|(?!\s))\s*+(?:-|–|—|đến)\s*+(?P<n>{NUMBER})(?![\d])")
DIRECTION_WORDS = rx.compile(rf"(?:{_alternation(vocab.DIRECTIONS)})\b")      # whole words: rx.words_in
# the first word(s) of an agency name, but not of "Báo cáo", "Ban hành" ... (vocab.NOT_AGENCIES).
# It looks at the first letter before anything else: most words fail there, before the exclusions.
AGENCY_HEAD = (rf"(?=[{''.join(regex.escape(c) for c in sorted({a[0] for a in vocab.AGENCY_HEADS}))}])"
               rf"(?!(?i:{_alternation(vocab.NOT_AGENCIES)})\b)"
               rf"(?:{'|'.join(regex.escape(a) for a in sorted(vocab.AGENCY_HEADS, key=len, reverse=True))})\b")
# "Chỉ tiêu 3:", "Chỉ tiêu số 3.", "CT3:"
INDICATOR_CODE = rx.compile(r"^\W*(?:Chỉ\s+tiêu|CHỈ\s+TIÊU|Chỉ\s+số)\s+(?:số\s+)?(?P<code>\d{1,3}(?:\.\d{1,2})?[a-z]?)\s*[:.)\-–]\s*")
# words before a number that make it a label, not a quantity: "Chỉ tiêu 16", "lớp 1", "số 111"
LABEL_BEFORE = rx.EndWords((
    "chỉ tiêu", "mục tiêu", "số", "lớp", "điều", "khoản", "điểm", "mục", "tiêu chí", "nhóm", "loại", "phụ lục",
    "biểu", "mẫu", "cấp độ", "khóa", "khoá", "lần thứ", "thứ", "giai đoạn", "kỳ", "tháng", "quý", "ngày", "năm",
    "tuổi", "đến", "covid"))
# nouns after a number that say what is counted, ended by a verb, preposition or punctuation; a
# noun may be capitalised or an acronym ("03 Hợp tác xã", "27 HTX", "04 trường THCS"); failing
# an end within five words, its first two words
_COUNT_STOPS = (r"đạt|được|có|vào|trên|dưới|và|của|trong|với|tại|ở|cho|để|mới|trở|từ|đến|năm|thuộc|là|đi|"
                r"mỗi|hằng|hàng|bình|tham|hoàn|đưa|theo|thực|triển|so|gồm|nhằm|phục|hoạt|trực|trình|bảo")
COUNTED_NOUN = rx.compile(
    rf"\s*(?P<noun>\p{{L}}[\p{{L}}\-]*(?:\s+\p{{L}}[\p{{L}}\-]*){{0,4}}?)(?=\s+(?:{_COUNT_STOPS})\b|\s*[,;.:()/–]|\s+-|\s*$)"
    r"|\s*(?P<noun2>\p{Ll}+(?:\s+\p{Ll}+)?)")
# words before a number that make it a quantity, beside measured figures: "tăng thêm 4 xã"
COUNT_CUES = rx.EndWords((
    "phấn đấu", "có", "xây dựng", "thành lập", "thu hút", "đạt", "tăng", "thêm", "giảm", "hoàn thành", "đào tạo",
    "hỗ trợ", "ít nhất", "tối thiểu", "trồng", "xây mới", "công nhận", "phát triển", "duy trì", "tổ chức",
    "giải quyết", "tạo", "cấp", "vận động", "trên", "dưới", "còn", "xuống", "khoảng", "cho", "mới"))


def may_end_with(text: str, ends: tuple[str, ...]) -> bool:
    """False when `text` cannot end (past white space) with one of `ends` in any case: a cheap
    test before a pattern "(?i:word|...)$" (the last word of each of its branches in `ends`),
    which is tried at every position of its window."""
    tail = text[-24:].rstrip()
    low = tail.lower()
    return len(low) != len(tail) or low.endswith(ends)
