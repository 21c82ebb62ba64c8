"""Deadline phrases -> Deadlines, at the precision written (SPEC "deadline date").

DEADLINE_FORMS names each written form; a deadline needs a trigger word before it ("trước",
"chậm nhất", "vào", "trong") so the dates of cited documents and the issue date never count.
"""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

import regex

from . import rx

from ..model import Deadline, ParseWarning
from . import patterns as P
from . import vocab
from .header import cited_documents
from .lines import Paragraph
from .text import squash

YEAR = r"(?:19|20)\d{2}\d?"   # a fifth digit is read so "20219" can be refused, not cut
DEADLINE_FORMS = {
    "day_month_year": rf"(?:ngày\s+)?(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})\s*/\s*(?P<y>{YEAR})\b",
    "day_month_year_words": rf"ngày\s+(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})\s+năm\s+(?P<y>{YEAR})\b",
    # "ngày 25/12 năm 2026" (and ", năm 2027" after it: the same day of each year written)
    "day_month_then_year": rf"(?:ngày\s+)?(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})\s+năm\s+(?P<y>{YEAR})\b",
    "monthly_day": r"ngày\s+(?P<d>\d{1,2})\s+(?:hằng|hàng|mỗi|của\s+mỗi|các)\s+tháng\b",
    "day_month": r"(?:ngày\s+)?(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?![\d/])",
    "day_month_words": r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?!\s*(?:/|năm)\s*\d)",
    "month_year": rf"tháng\s+(?P<m>\d{{1,2}})\s*(?:/|năm)\s*(?P<y>{YEAR})\b",
    "quarter_year": rf"quý\s+(?P<q>iv|i{{1,3}}|[1-4])\s*(?:/|năm)\s*(?P<y>{YEAR})\b",
    # "năm 2026", "Năm 2026 - 2028" (a range ends at its last year)
    "year": rf"(?:(?:cuối|đầu|giữa)\s+)?năm\s+(?:{YEAR}\s*[-–]\s*)?(?P<y>{YEAR})\b",
    # "Thời hạn hoàn thành: 2026", "2026 - 2030": only after a label (LABELS)
    "bare_year": rf"(?:{YEAR}\s*[-–]\s*)?(?P<y>{YEAR})\b(?!\s*/)",
}
# a labelled field of a task list or table: "Thời gian hoàn thành: Tháng 9/2026", "Thời hạn: Quý II/2027",
# "Hoàn thành: ngày 30/6/2026"
LABELS = r"(?:thời\s+hạn(?:\s+hoàn\s+thành)?|thời\s+gian\s+hoàn\s+thành|hoàn\s+thành)\s*:\s*(?:trước\s+|chậm\s+nhất\s+|trong\s+)?"
TRIGGER = (r"(?P<trigger>trước|chậm\s+nhất(?:\s+là)?(?:\s+vào)?|không\s+muộn\s+hơn|hạn\s+chót(?:\s+là)?|hạn\s+cuối|trong|vào"
           r"|đến\s+hết|hoàn\s+thành\s+trong|(?P<label>" + LABELS + r")|đến(?=\s+(?:ngày\s+)?\d)"
           # "báo cáo định kỳ (ngày 25/12 năm 2026, năm 2027)": the reporting days of a periodic duty
           r"|định\s+kỳ\s*\((?=\s*ngày\s+\d)"
           # a month or quarter that opens an item: "b) Quý I/2027, các cơ quan đánh giá ..."
           r"|(?P<opening>^[\s\-–+•]*(?:[a-zđ]\)|\d{1,2}\.)?\s*(?=(?:quý|tháng)\s+\S+\s*/\s*\d{4}\s*,)))\s*(?:ngày\s+(?=\d))?")
# "nợ phát sinh trước ngày 31/12/2020": a cut-off that qualifies a noun, not a duty
# (when the date is before the plan was issued: "Kế hoạch ban hành trước ngày 15/3/2026" in a plan of
# January 2026 is a duty)
CUT_OFF = rx.compile(r"\b(?:phát\s+sinh|ban\s+hành|có\s+hiệu\s+lực|xảy\s+ra)\s*$", regex.IGNORECASE)
_PAST = rx.compile(r"\b(?:đã|vừa)\s")
_DONE = rx.compile(r"\G[\W\d]*(?:[a-zđ]\)\s*)?(?:Đã|đã)\s")     # at a clause's start (\G: `regex`, linear)
_MORE_YEARS = rx.compile(r"\G\s*(?:,|và)\s*(?:và\s+)?năm\s+(?P<y>(?:19|20)\d{2})\b")
# "triển khai thi công các hạng mục trong tháng 4/2026": when work goes on, not when it is due
_ONGOING = rx.compile(r"\b(?:triển\s+khai|thi\s+công|tổ\s+chức\s+thực\s+hiện|diễn\s+ra)\b", regex.IGNORECASE)
_COMPLETES = rx.compile(r"\b(?:hoàn\s+thành|xong|ban\s+hành|xây\s+dựng|báo\s+cáo|phê\s+duyệt|trình|gửi|nộp|bàn\s+giao|"
                        r"chi\s+trả|tổng\s+kết|sơ\s+kết)\b", regex.IGNORECASE)


def _positions(text: str, char: str) -> list[int]:
    """The indices of `char` in `text` (str.find runs at C speed; a loop over the characters did not)."""
    out = []
    i = text.find(char)
    while i >= 0:
        out.append(i)
        i = text.find(char, i + 1)
    return out


def _clause_start(sentence: str, pos: int, semicolons: list[int]) -> int:
    """Where the ";"-clause holding `pos` starts (the positions of the sentence's ";" given, so a
    long sentence of deadlines is not searched back to its start for each)."""
    i = bisect.bisect_left(semicolons, pos)
    return semicolons[i - 1] + 1 if i else 0


def _is_schedule(sentence: str, end: int) -> bool:
    """The clause before `end` ("trong tháng M/Y") says work goes on then, and nothing is to be completed."""
    clause = sentence[max(sentence.rfind(";", max(0, end - 160), end) + 1, end - 160):end]
    return bool(_ONGOING.search(clause)) and not _COMPLETES.search(clause)


# "yêu cầu đến 30/5/2026 phải bàn giao": "đến" a whole date is a deadline, not the end of "từ ... đến ..."
# "số liệu tính đến ngày 30/6/2026": the date figures are counted to, no duty
_AS_OF = rx.compile(r"\b(?:tính|cập\s+nhật|lũy\s+kế|có\s+hiệu\s+lực)\s*$", regex.IGNORECASE)
_FROM = rx.compile(r"\btừ\s+(?:ngày\s+|tháng\s+)?\d")
_FIELDS = ("d", "m", "y", "q")


def _form_groups(form: str, pattern: str) -> str:
    """Each form's fields named apart ("day_month__d"), so one pattern holds every form on the
    `re` engine, which allows a name once. _fields() reads them back."""
    return rx.sub(r"\(\?P<(\w+)>", lambda g: f"(?P<{form}__{g[1]}>", pattern)


# On lower-cased text (rx.Lowered): the engine then scans for the first letters of the triggers.
DEADLINE = rx.Lowered(
    TRIGGER + r"(?:" + "|".join(f"(?P<{n}>{_form_groups(n, p)})" for n, p in DEADLINE_FORMS.items()) + r")")
# the first word of each branch of TRIGGER (but the opening one, which matches at the start only):
# DEADLINE is tried only where one of these starts (rx.Lowered.finditer_from)
TRIGGER_STARTS = rx.compile(r"trước|chậm|không|hạn|trong|vào|đến|hoàn|thời|định")


def _fields(m, form: str) -> dict[str, str | None]:
    """The day, month, year and quarter a DEADLINE match wrote in its form (None where not)."""
    groups = m.groupdict()
    return {f: groups.get(f"{form}__{f}") for f in _FIELDS}


# a year alone is a deadline only for an action that ends a period: "sơ kết vào cuối năm 2025"
YEAR_ACTIONS = rx.compile(r"\b(?:sơ\s+kết|tổng\s+kết|đánh\s+giá|hoàn\s+thành|báo\s+cáo|nghiệm\s+thu|kiểm\s+tra|bàn\s+giao|bảo\s+đảm|đảm\s+bảo)\b",
                             regex.IGNORECASE)
PERIODIC = rx.compile(
    r"(?:định\s+kỳ|(?:^[\W\d]*|[.;]\s*)(?:hằng|hàng)\s+(?:năm|quý|tháng)\s*,|báo\s+cáo\s+(?:hằng|hàng)\s+(?:năm|quý|tháng))",
    regex.IGNORECASE)
PERIODIC_ACTIONS = rx.compile(r"\b(?:báo\s+cáo|kiểm\s+tra|rà\s+soát|sơ\s+kết|tổng\s+kết|đánh\s+giá|giám\s+sát|cập\s+nhật)\b",
                                 regex.IGNORECASE)


def _words(words) -> str:
    """An alternation of phrases, longest first, any run of spaces between their words."""
    return "|".join(r"\s+".join(map(regex.escape, w.split())) for w in sorted(words, key=len, reverse=True))


_PARENS = rx.compile(r"\([^()]*\)")
_TO_AGENCY = rx.compile(r"(?<!\s)\s+(?:về|gửi(?:\s+về)?|lên)\s+(?=" + P.AGENCY_HEAD + ")")   # from a run's start: linear
# the grounds an actor acts on, up to the comma (or "được giao") before the action verb:
# "căn cứ chức năng, nhiệm vụ được giao báo cáo ...", "Trên cơ sở kết quả rà soát, tổng hợp ..."
_GROUNDS = rx.compile(r"^[\s\-–+•]*(?:căn\s+cứ|trên\s+cơ\s+sở)\b.*?(?:,\s*|được\s+giao\s+)(?=(?:định\s+kỳ\s+)?(?:"
                      + _words(vocab.ACTION_VERBS) + r")\b)", regex.IGNORECASE)
_RECURRENCE = rx.compile("|".join(regex.escape(w) for w in sorted(vocab.RECURRENCE_WORDS, key=len, reverse=True)),
                            regex.IGNORECASE)
_SENTENCE = rx.Cut(".!?", rf"(\s+)(?=[{rx.UPPER}])")    # cut at the spaces
_VERB = rx.compile(r"\b(?:" + _words(vocab.ACTION_VERBS + vocab.ACTOR_LINKS) + r")\b")
# An agency name at the start of a sentence or after a space, "," or "(". The second form starts with
# that character, so the engine scans for it rather than trying the names at every position.
_AGENCY_FIRST = rx.compile(P.AGENCY_HEAD)
_AGENCY_AFTER = rx.compile(r"[\s,(](?P<a>" + P.AGENCY_HEAD + ")")


def _agency(sentence: str) -> tuple[int, int] | None:
    """(start, end) of the first agency head of a sentence."""
    if m := _AGENCY_FIRST.match(sentence):
        return m.span()
    if m := _AGENCY_AFTER.search(sentence):
        return m.span("a")
    return None


_RECIPIENT = rx.compile(r"\b(?:báo\s+cáo|gửi|về)\s+(?P<r>" + P.AGENCY_HEAD + r"[^;.]*?)(?=\s+(?:kết\s+quả|để|trước|theo|về|trong|tình\s+hình)\b|[;.]|$)")


@dataclass(slots=True)
class Context:
    """What the deadline reader knows of a paragraph's place: the unit heading above it."""
    actor: str | None = None
    in_objectives: bool = False
    dated_only: bool = False        # outside any section: a periodic duty with no date is not read
    task: str | None = None         # the heading of the item the paragraph belongs to (a labelled field's task)


def find_deadlines(items: list[tuple[Paragraph, Context]], issue_date: str | None, period_years: tuple[int | None, int | None],
                   warnings: list[ParseWarning]) -> list[Deadline]:
    out: list[Deadline] = []
    single_year = period_years[0] if period_years[0] and period_years[0] == period_years[1] else None
    before = issue_date or (str(period_years[0]) if period_years[0] else None)     # what is past for this plan
    for para, ctx in items:
        # what each sentence is asked, asked of the paragraph first: no sentence has what it lacks
        recurs = _maybe_periodic(para.text)
        if not recurs and not P.DIGIT.search(para.text):
            continue
        for sentence in _SENTENCE.split(para.text):
            out.extend(_sentence_deadlines(sentence, para, ctx, single_year, warnings, before, recurs))
    if issue_date:
        for d in out:
            if d.date and len(d.date) == 10 and d.date < issue_date:
                warnings.append(ParseWarning(code="deadline-before-issue-date", line=d.line,
                                             message=f"deadline {d.date} is before the issue date {issue_date}"))
    return out


# "àng" in any case, as the casefolded text can hold it (each pattern starts with one character,
# which the engine finds at C speed; a class of the two was 2.5x slower)
_ANG = (rx.compile("à[nN][gG]"), rx.compile("À[nN][gG]"))


def _maybe_periodic(sentence: str) -> bool:
    """A cheap test before PERIODIC: every periodic phrase has "kỳ", "hằng" or "hàng". Casefolding
    a long text costs more than PERIODIC; only "ỳ", "Ỳ" give "ỳ", "ằ", "Ằ" give "ằ", and only
    [àÀ][nN][gG] gives "àng" (tests/test_deadlines.py checks every character), which a text
    lacking all of them (most paragraphs) is asked at C speed."""
    if not ("ỳ" in sentence or "Ỳ" in sentence or "ằ" in sentence or "Ằ" in sentence
            or _ANG[0].search(sentence) or _ANG[1].search(sentence)):
        return False
    lower = sentence.casefold()
    return "kỳ" in lower or "hằng" in lower or "hàng" in lower


def _sentence_deadlines(sentence: str, para: Paragraph, ctx: Context, single_year: int | None,
                        warnings: list[ParseWarning], before: str | None = None, recurs: bool = True) -> list[Deadline]:
    """The deadlines of a sentence; `recurs` False when its paragraph has no periodic word."""
    matches = DEADLINE.finditer_from(sentence, TRIGGER_STARTS) if P.DIGIT.search(sentence) else []   # every form has a digit
    if not matches and not (recurs and _maybe_periodic(sentence) and PERIODIC.search(sentence)):
        return []
    # the tests before the date is read are pure, so the cheap ones on the match come first, and
    # what they need of the whole sentence (its cited documents, ";", actor) is read when first asked
    cited = None
    semicolons = None
    found: list[tuple[regex.Match, str, str]] = []
    for m in matches:
        form = m.lastgroup       # the form's group closes last (each encloses its fields; none is empty)
        labelled = bool(m["label"])
        if form == "bare_year" and not labelled:
            continue
        if form == "year" and not labelled and (
                ctx.in_objectives or m["trigger"].casefold() not in ("vào", "trong", "trước", "đến hết", "hoàn thành trong")
                or not (YEAR_ACTIONS.search(m["trigger"]) or YEAR_ACTIONS.search(sentence[max(0, m.start() - 80):m.start()]))):
            continue
        if cited is None:
            cited = [(c.start(), c.end()) for c in cited_documents(sentence)]
        if any(a <= m.start() < b for a, b in cited):
            continue
        trigger = m["trigger"].casefold()
        if m["opening"] is not None and (not (YEAR_ACTIONS.search(sentence, m.end()) or _VERB.search(sentence, m.end()))
                                         or _PAST.search(sentence, m.end(), m.end() + 100)):
            continue
        if trigger == "đến" and (form not in ("day_month_year", "day_month_year_words")
                                 or _FROM.search(sentence, max(0, m.start() - 40), m.start())
                                 or _AS_OF.search(sentence, max(0, m.start() - 24), m.start())):
            continue
        if trigger == "trong" and form in ("month_year", "quarter_year") and _is_schedule(sentence, m.start()):
            continue
        if semicolons is None:
            semicolons = _positions(sentence, ";")
        if _DONE.match(sentence, _clause_start(sentence, m.start(), semicolons), m.start()):     # "Đã hoàn thành ... trước ngày D": past
            continue
        cut_off = trigger.startswith("trước") and CUT_OFF.search(sentence, max(0, m.start() - 40), m.start())
        fields = _fields(m, form)
        try:
            date, recurrence = _READERS[form](fields, m, sentence, single_year)
        except ValueError:
            warnings.append(ParseWarning(code="invalid-date", line=para.line,
                                         message=f"impossible deadline date {squash(sentence[m.start():m.end()])!r} (not repaired)"))
            continue
        if cut_off and (before is None or date < before):
            continue
        found.append((m, date, recurrence))
        if form == "day_month_then_year":
            for more in _MORE_YEARS.finditer(sentence[m.end():m.end() + 60]):
                try:
                    found.append((m, _ymd(more["y"], fields["m"], fields["d"]), recurrence))
                except ValueError:      # 29/2 of a year that has none
                    break
    out = []
    previous_end = 0
    whole = squash(sentence) if found else ""
    actor = (_actor(sentence) or ctx.actor) if found else None
    for m, date, recurrence in found:
        action = _action(sentence, previous_end, m, actor)
        if m["label"] and (action is None or _rest_is(sentence, m.end(), action)):
            action = ctx.task           # "- Thời gian hoàn thành: Tháng 9/2026." under "a) Xây dựng cơ sở dữ liệu"
        out.append(Deadline(date=date, recurrence=recurrence, action=action,
                            actor=actor, recipient=_recipient(sentence, m), text=_quote(sentence, whole, m),
                            line=para.line, page=para.page))
        previous_end = m.end()
    if not found and not ctx.dated_only and recurs and _maybe_periodic(sentence) and PERIODIC.search(sentence) and PERIODIC_ACTIONS.search(sentence):
        rec = _RECURRENCE.search(sentence)
        if rec:
            actor = _actor(sentence) or ctx.actor
            out.append(Deadline(date=None, recurrence=vocab.RECURRENCE_WORDS[rec[0].casefold()],
                                action=_action(sentence, 0, None, actor), actor=actor,
                                recipient=_recipient(sentence, None), text=squash(sentence),
                                line=para.line, page=para.page))
    return out


MAX_TEXT = 1000
"""A deadline's text is its sentence; a longer one is quoted around the deadline ("…" marks the
cut): 3,000 deadlines in one 200 KB paragraph made 3,000 copies of it (quadratic, 3.6 GB)."""


def _quote(sentence: str, whole: str, m: regex.Match) -> str:
    if len(whole) <= MAX_TEXT:
        return whole
    start, end = max(0, m.start() - 600), min(len(sentence), m.end() + 300)
    return ("…" if start else "") + squash(sentence[start:end]) + ("…" if end < len(sentence) else "")


# ----------------------------------------------------------------------------- one reader per form
def _ymd(y: str, m: str, d: str) -> str:
    return dt.date(int(y), int(m), int(d)).isoformat()


def _recurrence_near(sentence: str, m: regex.Match) -> str | None:
    window = sentence[max(0, m.start() - 60):m.end() + 30]
    rec = _RECURRENCE.search(window)
    return vocab.RECURRENCE_WORDS[rec[0].casefold()] if rec else None


def _day_month(f: dict, m, sentence: str, single_year: int | None) -> tuple[str, str]:
    day, month = int(f["d"]), int(f["m"])
    dt.date(2024, month, day)  # validates (2024 is a leap year, so 29/2 passes)
    rec = _recurrence_near(sentence, m)
    if rec in (None, "yearly") and single_year and rec is None:
        return _ymd(str(single_year), f["m"], f["d"]), "none"
    return f"--{month:02d}-{day:02d}", "yearly"


def _monthly(f: dict, m, sentence: str, single_year: int | None) -> tuple[str, str]:
    day = int(f["d"])
    if not 1 <= day <= 31:
        raise ValueError(day)
    return f"---{day:02d}", "monthly"


def _check_year(y: str) -> str:
    if len(y) != 4:
        raise ValueError(y)
    return y


# form -> (fields, match, sentence, the plan's single year) -> (date, recurrence)
_READERS = {
    "day_month_year": lambda f, m, s, y: (_ymd(_check_year(f["y"]), f["m"], f["d"]), "none"),
    "day_month_year_words": lambda f, m, s, y: (_ymd(_check_year(f["y"]), f["m"], f["d"]), "none"),
    "day_month_then_year": lambda f, m, s, y: (_ymd(_check_year(f["y"]), f["m"], f["d"]), "none"),
    "monthly_day": _monthly,
    "day_month": _day_month,
    "day_month_words": _day_month,
    "month_year": lambda f, m, s, y: (f"{_check_year(f['y'])}-{dt.date(2000, int(f['m']), 1).month:02d}", "none"),
    "quarter_year": lambda f, m, s, y: (f"{_check_year(f['y'])}-Q{vocab.ROMAN_QUARTERS[f['q'].upper()]}", "none"),
    "year": lambda f, m, s, y: (_check_year(f["y"]), "none"),
    "bare_year": lambda f, m, s, y: (_check_year(f["y"]), "none"),
}


# ----------------------------------------------------------------------------- who and what
def _actor(sentence: str) -> str | None:
    """The unit a sentence makes act: the first agency named before its first verb, outside
    parentheses (a cited "(... của Bộ Lao động-TB&XH về ...)" acts on nothing here)."""
    sentence = _PARENS.sub(lambda m: " " * len(m[0]), sentence)
    a = _agency(sentence)
    if not a:
        return None
    v = _VERB.search(sentence, a[1])
    if not v or v.start() - a[0] > 160:
        return None
    before = sentence[:a[0]]
    if _VERB.search(before) and not rx.match(r"^\s*(?:Căn\s+cứ|Trên\s+cơ\s+sở)\b", before):
        return None
    actor = squash(sentence[a[0]:v.start()]).strip(" ,;:")
    return actor or None


_ACTION_END = rx.compile(r"(?<!\s)\s*\(|(?<!\s)\s+để\s+")       # from a run's start: linear


def _action(sentence: str, start: int, m: regex.Match | None, actor: str | None) -> str | None:
    segment_start = max(start, sentence.rfind(";", start, m.start()) + 1 if m else 0)     # not from 0: linear
    text = sentence[segment_start:m.start()] if m else sentence
    if actor and actor in text:
        text = text[text.index(actor) + len(actor):]
    text = _PARENS.sub(" ", text)
    text = rx.sub(r"\((?:[^()]*)$", "", text)
    if grounds := _GROUNDS.match(text):        # "căn cứ chức năng, nhiệm vụ được giao [định kỳ] báo cáo ..."
        text = text[grounds.end():]
    text = rx.sub(r"\b(?:định\s+kỳ\s+)?(?:hằng|hàng)\s+(?:năm|quý|tháng)\b|\bđịnh\s+kỳ\b|\(\s*\)", " ", text)
    text = _TO_AGENCY.split(text)[0]        # the recipient has its own field
    text = squash(text).strip(" ,;:.()-–+•")
    text = rx.sub(r"^(?:và|chủ\s+động|có\s+trách\s+nhiệm|thường\s+xuyên)\s+", "", text)
    if m is not None and len(text.split()) < 2:
        text = squash(_after_deadline(sentence, m.end())).strip(" ,:)")
    if "(" in text or "để" in text:          # a pattern opening with \s* is tried at every position
        text = _ACTION_END.split(text, 1)[0]
    words = text.split()
    return " ".join(words[:16]) or None


_AFTER_END = rx.compile(r"[;.(]|(?<!\s)\s+để\s+")      # from a run's start: linear
_ACTION_WORDS = 16                   # an action is cut to its first 16 words
_AHEAD = 600                         # characters looked at after a deadline for them


def _after_deadline(sentence: str, pos: int) -> str:
    """The text after a deadline up to ";", ".", "(" or "để", of which the action keeps 16 words:
    looked for in the next 600 characters when they hold more words than that, so that a long
    sentence of deadlines is not read to its end for each (quadratic)."""
    window = sentence[pos:pos + _AHEAD]
    if end := _AFTER_END.search(window):
        return window[:end.start()]
    if any(t.strip(",:)") for t in window.split()[_ACTION_WORDS:]):
        return window                # the words kept lie before any end, and no strip of the end reaches them
    rest = sentence[pos:]
    end = _AFTER_END.search(rest)
    return rest[:end.start()] if end else rest


def _rest_is(sentence: str, pos: int, action: str) -> bool:
    """The sentence's rest from `pos`, squashed and stripped of " .;", is `action`: not when
    the next stretch of it already holds more characters than `action` past its first end
    (the rest is read whole only when it may be that short)."""
    window = sentence[pos:pos + 2 * len(action) + 64]
    if len(window) < len(sentence) - pos:
        head = squash(window).lstrip(" .;")
        if len(head.rstrip(" .;")) > len(action):
            return False             # the rest holds at least this much before its end
    return squash(sentence[pos:]).strip(" .;") == action


# "(qua Văn phòng ...)" after a recipient, looked for in the 400 characters after it (a long
# sentence of deadlines is not read to its end for each)
_VIA = rx.compile(r"\G\s*(?:kết\s+quả[^()]*)?(\(\s*(?:qua|thông\s+qua)[^()]*\))")


def _recipient(sentence: str, m: regex.Match | None) -> str | None:
    r = _RECIPIENT.search(sentence, m.start() if m else 0) or _RECIPIENT.search(sentence)
    if not r:
        return None
    recipient = squash(r["r"]).strip(" ,")
    via = _VIA.match(sentence, r.end(), r.end() + 400)
    if via:
        recipient += " " + squash(via[1])
    return recipient
