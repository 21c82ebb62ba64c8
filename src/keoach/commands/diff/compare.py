"""`keoach diff`: compare two plans target by target.

The pipeline, top to bottom (`compare_plans`):
  1. align indicators one to one: by code when both plans number their chỉ tiêu from the same
     template and the texts agree, otherwise by meaning (`similarity`), best pairs first;
  2. within each pair, align targets on (year, qualifier), then by metric, and judge each
     change with the target's direction (`judge`);
  3. compare the document fields, the section headings, the lead unit of each aligned chỉ
     tiêu and the deadlines.

Similarity is the cosine of TF-IDF vectors over accent-folded words and word pairs of the
indicator texts, with the document frequencies taken from both plans together, so words that
every chỉ tiêu of these plans shares ("trẻ em", "tỷ lệ") count little and the distinctive ones
("suy dinh dưỡng", "khai sinh") count much. It is word-order tolerant through the single
words and keeps compound words through the pairs. Units of a different kind (a rate against
money) lower the score.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Iterable, Optional, Sequence

import regex

from ...model import Deadline, Indicator, Plan, Section, Target
from ...model.diff import (AssignmentChange, DeadlineChange, FieldChange, IndicatorPair, IndicatorRef,
                         PlanDiff, PlanRef, SectionChange, TargetChange)
from ...parse import vocab
from ...parse.text import fold

THRESHOLD = 0.35
"""Pairs by meaning below this similarity are reported as only in A / only in B."""
CODE_THRESHOLD = 0.15
"""Same-code pairs need only this much agreement when the plans share a numbering template."""
UNIT_MISMATCH = 0.7
"""Factor on the similarity of two indicators whose units are of different kinds."""

_CODE_PREFIX = regex.compile(r"^\s*(?:chi tieu|muc tieu|ct)\s*[\w.]*\s*[:.)-]\s*")
_WORD = regex.compile(r"[^\W\d_]+")


# --- similarity ------------------------------------------------------------------------------

def words(text: str) -> list[str]:
    """Folded words of a phrase, without the "Chỉ tiêu 3:" label and without figures."""
    return _WORD.findall(_CODE_PREFIX.sub("", fold(text)))


def _features(text: str) -> Counter:
    w = words(text)
    return Counter(w + [f"{x} {y}" for x, y in zip(w, w[1:])])


class Similarity:
    """TF-IDF cosine between phrases of two plans, document frequencies from both."""

    def __init__(self, a: Sequence[str], b: Sequence[str]) -> None:
        fa, fb = [_features(t) for t in a], [_features(t) for t in b]
        df: Counter = Counter()
        for f in fa + fb:
            df.update(f.keys())
        n = len(fa) + len(fb)
        self.df = df
        self.idf = {k: math.log((n + 1) / (v + 0.5)) for k, v in df.items()}
        self.a = [self._vector(f) for f in fa]
        self.b = [self._vector(f) for f in fb]

    def _vector(self, f: Counter) -> dict[str, float]:
        v = {k: (1 + math.log(c)) * self.idf[k] for k, c in f.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {k: x / norm for k, x in v.items()}

    def __call__(self, i: int, j: int) -> float:
        va, vb = self.a[i], self.b[j]
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(x * vb.get(k, 0.0) for k, x in va.items())

    def candidates(self, floor: float) -> Iterable[tuple[int, int, float]]:
        """The pairs (i, j, cosine) that may reach `floor`, without scoring every pair (prefix filtering,
        as in Bayardo's All-Pairs): a's features are taken rarest first until what the rest can
        add — each weight times the largest weight any b gives that feature — is below `floor`,
        and their products are summed per b; a pair whose sum plus that rest is below `floor`
        cannot reach it. Rare features have short lists, so the work follows the pairs that
        share them, not n × m."""
        index: dict[str, list[tuple[int, float]]] = {}
        most: dict[str, float] = {}
        for j, v in enumerate(self.b):
            for k, y in v.items():
                index.setdefault(k, []).append((j, y))
                if y > most.get(k, 0.0):
                    most[k] = y
        for i, v in enumerate(self.a):
            shared = sorted((k for k in v if k in most), key=lambda k: (self.df[k], k))
            rest = sum(v[k] * most[k] for k in shared)
            dots: dict[int, float] = {}
            taken = 0
            for k in shared:
                if rest < floor:
                    break
                x = v[k]
                for j, y in index[k]:
                    dots[j] = dots.get(j, 0.0) + x * y
                rest -= x * most[k]
                taken += 1
            suffix = [(k, v[k]) for k in shared[taken:]]
            for j in sorted(dots):
                if dots[j] + rest >= floor - 1e-9:
                    vb = self.b[j]
                    yield i, j, dots[j] + sum(x * vb.get(k, 0.0) for k, x in suffix)


def word_overlap(x: str, y: str) -> float:
    """Dice coefficient of the folded words of two short phrases (target metrics, actions)."""
    a, b = set(words(x)), set(words(y))
    if not a or not b:
        return 1.0 if a == b else 0.0
    return 2 * len(a & b) / (len(a) + len(b))


_RATES = frozenset(vocab.RATE_UNITS.values())


def unit_kind(unit: Optional[str]) -> Optional[str]:
    if unit is None:
        return None
    return "rate" if unit in _RATES else unit


def _unit_kinds(x: Indicator) -> set:
    return {unit_kind(t.unit) for t in x.targets} - {None}


def _units_clash(a: Indicator, b: Indicator) -> bool:
    ka, kb = _unit_kinds(a), _unit_kinds(b)
    return bool(ka and kb and not ka & kb)


# --- indicator alignment ---------------------------------------------------------------------

def _ref(ind: Indicator) -> IndicatorRef:
    return IndicatorRef(code=ind.code, index=ind.index, text=ind.text, line=ind.line)


def align_indicators(a: Sequence[Indicator], b: Sequence[Indicator], threshold: float = THRESHOLD
                     ) -> tuple[list[tuple[int, int, float, str]], list[int], list[int]]:
    """One-to-one pairs (i, j, similarity, method), then the unpaired indices of a and b."""
    sim = Similarity([x.text for x in a], [y.text for y in b])
    kinds_a, kinds_b = [_unit_kinds(x) for x in a], [_unit_kinds(y) for y in b]

    def scored(i: int, j: int, cosine: float) -> float:
        clash = kinds_a[i] and kinds_b[j] and not kinds_a[i] & kinds_b[j]
        return round(cosine * (UNIT_MISMATCH if clash else 1.0), 4)

    # only the pairs that can reach the threshold are scored (a score is rounded: 0.34996 is 0.35)
    score = {(i, j): scored(i, j, cosine) for i, j, cosine in sim.candidates(threshold - 0.0001)}
    pairs: list[tuple[int, int, float, str]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()

    def take(candidates: Iterable[tuple[float, int, int]], floor: float, method: str) -> None:
        for s, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
            if s >= floor and i not in used_a and j not in used_b:
                used_a.add(i)
                used_b.add(j)
                pairs.append((i, j, s, method))

    by_code = {y.code: j for j, y in enumerate(b) if y.code}
    same_code = [(scored(i, j, sim(i, j)), i, j) for i, x in enumerate(a) if (j := by_code.get(x.code)) is not None]
    # A shared template: most same-numbered chỉ tiêu already agree by meaning.
    if same_code and sum(s >= threshold for s, _, _ in same_code) * 2 > len(same_code):
        take(same_code, CODE_THRESHOLD, "code")
    take(((s, i, j) for (i, j), s in score.items() if s > 0), threshold, "meaning")
    if threshold <= 0:      # a floor of 0 pairs what is left too, first with first
        left_b = [j for j in range(len(b)) if j not in used_b]
        take(((0.0, i, j) for i, j in zip([i for i in range(len(a)) if i not in used_a], left_b)), 0, "meaning")
    pairs.sort(key=lambda p: (p[0], p[1]))
    return pairs, [i for i in range(len(a)) if i not in used_a], [j for j in range(len(b)) if j not in used_b]


# --- targets ---------------------------------------------------------------------------------

def _polarity(t: Target) -> int:
    """+1 when a higher value asks more, -1 when a lower one does.

    Plans state reductions to a level with a bound ("giảm ... xuống dưới 6‰", "xuống 4%" is
    "<="); a reduction with a plain figure or a range is an amount ("giảm 2% mỗi năm",
    "giảm từ 1% đến 2% hằng năm"), where more asks more; so is a plain figure to reach
    ("đạt 95%", "100% xã ...")."""
    if t.comparator in ("<", "<="):
        return -1
    return 1


_STRICT = {"<": 2, "<=": 1, "=": 1, ">=": 1, ">": 2}


def comparator(t: Target) -> str:
    """The bound a target sets: a plain figure to reach ("đạt 95%", "100% xã") asks for at least
    that much, so it is ">=" ("ít nhất 95%" is the same target); other comparators as written."""
    return ">=" if t.comparator == "=" and _polarity(t) > 0 and t.direction != "maintain" else t.comparator


def judge(a: Target, b: Target) -> TargetChange:
    """How target `b` differs from `a`: the fields that changed and a verdict."""
    fields = ["value", "value_max", "unit", "comparator", "year", "qualifier"]
    changes = [f for f in fields if (comparator(a) != comparator(b) if f == "comparator"
                                     else getattr(a, f) != getattr(b, f))]
    verdict = "same" if not changes else _verdict(a, b, changes)
    return TargetChange(verdict=verdict, metric=b.metric, changes=changes, a=a, b=b)


def _verdict(a: Target, b: Target, changes: list[str]) -> str:
    if "unit" in changes or "qualifier" in changes:
        return "changed"
    pa, pb = _polarity(a), _polarity(b)
    if pa != pb:
        return "changed"
    if "range" in (a.comparator, b.comparator):
        lo = (b.value - a.value) * pa
        hi = ((b.value_max or b.value) - (a.value_max or a.value)) * pa
        if lo >= 0 and hi >= 0:
            return "tighter"
        return "looser" if lo <= 0 and hi <= 0 else "changed"
    if a.value != b.value:
        return "tighter" if (b.value - a.value) * pa > 0 else "looser"
    if comparator(a) != comparator(b):
        sa, sb = _STRICT[comparator(a)], _STRICT[comparator(b)]
        return "changed" if sa == sb else ("tighter" if sb > sa else "looser")
    if a.year != b.year and a.year and b.year:
        return "tighter" if b.year < a.year else "looser"
    return "changed"


def align_targets(a: Sequence[Target], b: Sequence[Target], year_a: Optional[int], year_b: Optional[int]
                  ) -> list[TargetChange]:
    """Targets of two aligned indicators, matched on (year, qualifier) and metric.

    A target without a year is due at its plan's end (`year_a`, `year_b`). Targets left over
    on both sides with the same qualifier and a similar metric are paired as a change of year."""
    def key(t: Target, default: Optional[int]) -> tuple:
        return (t.year or default, fold(t.qualifier or ""))

    def score(i: int, j: int) -> float:
        s = word_overlap(a[i].metric, b[j].metric)
        s += 0.1 * (a[i].unit == b[j].unit) + 0.05 * (i == j)
        return s

    used_a: set[int] = set()
    used_b: set[int] = set()
    out: list[tuple[int, TargetChange]] = []

    def take(same_key: bool, floor: float) -> None:
        cands = [(score(i, j), i, j) for i in range(len(a)) for j in range(len(b))
                 if i not in used_a and j not in used_b
                 and (key(a[i], year_a) == key(b[j], year_b)) == same_key]
        if not same_key:
            cands = [c for c in cands if key(a[c[1]], year_a)[1] == key(b[c[2]], year_b)[1]]
        for s, i, j in sorted(cands, key=lambda c: (-c[0], c[1], c[2])):
            if s >= floor and i not in used_a and j not in used_b:
                used_a.add(i)
                used_b.add(j)
                out.append((i, judge(a[i], b[j])))

    take(True, 0.0)
    take(False, 0.6)
    out += [(i, TargetChange(verdict="removed", metric=a[i].metric, a=a[i])) for i in range(len(a)) if i not in used_a]
    out += [(len(a) + j, TargetChange(verdict="added", metric=b[j].metric, b=b[j]))
            for j in range(len(b)) if j not in used_b]
    return [c for _, c in sorted(out, key=lambda x: x[0])]


# --- the other parts -------------------------------------------------------------------------

_DOCUMENT_FIELDS = ("type", "number", "date", "place", "issuer", "title", "period.start", "period.end",
                    "signer.name", "signer.title")


def _field(obj, dotted: str):
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


def compare_documents(a: Plan, b: Plan) -> list[FieldChange]:
    out = []
    for f in _DOCUMENT_FIELDS:
        va, vb = _field(a.document, f), _field(b.document, f)
        if (fold(va) if isinstance(va, str) else va) != (fold(vb) if isinstance(vb, str) else vb):
            out.append(FieldChange(field=f, a=va, b=vb))
    return out


def _flat_sections(sections: Sequence[Section], path: tuple = ()) -> list[tuple[tuple, Section]]:
    out = []
    for s in sections:
        if s.number in ("-", "+", "•"):
            continue
        here = path + (s.number or "",)
        out.append((here, s))
        out.extend(_flat_sections(s.children, here))
    return out


def _path(numbers: tuple) -> str:
    """("II", "2", "a") -> "II.2.a": where a heading sits, so "2." under II is not "2." under III."""
    return ".".join(n for n in numbers if n)


def compare_sections(a: Plan, b: Plan) -> list[SectionChange]:
    """Headings matched by title at the same depth; same number left over = renamed."""
    fa, fb = _flat_sections(a.sections), _flat_sections(b.sections)
    used_b: set[int] = set()
    matched_a: set[int] = set()
    for i, (pa, sa) in enumerate(fa):
        for j, (pb, sb) in enumerate(fb):
            if j not in used_b and len(pa) == len(pb) and fold(sa.title) == fold(sb.title):
                used_b.add(j)
                matched_a.add(i)
                break
    out: list[SectionChange] = []
    for i, (pa, sa) in enumerate(fa):
        if i in matched_a:
            continue
        j = next((j for j, (pb, _) in enumerate(fb) if j not in used_b and pb == pa), None)
        if j is not None:
            used_b.add(j)
            sb = fb[j][1]
            out.append(SectionChange(change="renamed", number=sa.number, path=_path(pa), kind=sb.kind, a=sa.title,
                                     b=sb.title, a_line=sa.start_line, b_line=sb.start_line))
        else:
            out.append(SectionChange(change="removed", number=sa.number, path=_path(pa), kind=sa.kind, a=sa.title,
                                     a_line=sa.start_line))
    out += [SectionChange(change="added", number=sb.number, path=_path(pb), kind=sb.kind, b=sb.title,
                          b_line=sb.start_line) for j, (pb, sb) in enumerate(fb) if j not in used_b]
    return out


def _leads(plan: Plan) -> dict[str, list[str]]:
    leads: dict[str, list[str]] = {}
    for asg in plan.assignments:
        for code in asg.lead_codes:
            leads.setdefault(code, []).append(asg.agency)
    return leads


def compare_assignments(a: Plan, b: Plan, pairs: list[IndicatorPair]) -> list[AssignmentChange]:
    """Lead units of each aligned chỉ tiêu, then units named in one plan only. A plan that names
    no unit at all is one change (all of the other's units), not one per unit and per chỉ tiêu."""
    if not a.assignments or not b.assignments:
        if a.assignments:
            return [AssignmentChange(change="removed", a=[x.agency for x in a.assignments])]
        return [AssignmentChange(change="added", b=[x.agency for x in b.assignments])] if b.assignments else []
    la, lb = _leads(a), _leads(b)
    out = []
    for p in pairs:
        xa, xb = la.get(p.a.code or "", []), lb.get(p.b.code or "", [])
        if (xa or xb) and {fold(x) for x in xa} != {fold(x) for x in xb}:
            out.append(AssignmentChange(change="lead-changed", a_code=p.a.code, b_code=p.b.code, a=xa, b=xb))
    names_a = {fold(x.agency): x.agency for x in a.assignments}
    names_b = {fold(x.agency): x.agency for x in b.assignments}
    out += [AssignmentChange(change="removed", a=[v]) for k, v in names_a.items() if k not in names_b]
    out += [AssignmentChange(change="added", b=[v]) for k, v in names_b.items() if k not in names_a]
    return out


def _deadline_words(d: Deadline) -> str:
    return d.action or d.text


def compare_deadlines(a: Plan, b: Plan) -> list[DeadlineChange]:
    """Same date and recurrence with a similar action = unchanged; similar action, other date
    = moved; the rest added or removed."""
    da, db = a.deadlines, b.deadlines
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for exact in (True, False):
        cands = sorted(((word_overlap(_deadline_words(x), _deadline_words(y)), i, j)
                        for i, x in enumerate(da) for j, y in enumerate(db)
                        if ((x.date, x.recurrence) == (y.date, y.recurrence)) == exact),
                       key=lambda c: (-c[0], c[1], c[2]))
        for s, i, j in cands:
            if s >= (0.5 if exact else 0.7) and i not in used_a and j not in used_b:
                used_a.add(i)
                used_b.add(j)
                if not exact:
                    out.append(DeadlineChange(change="moved", a_date=da[i].date, b_date=db[j].date,
                                              recurrence=db[j].recurrence, action=db[j].action,
                                              a_line=da[i].line, b_line=db[j].line))
    out += [DeadlineChange(change="removed", a_date=x.date, recurrence=x.recurrence, action=x.action, a_line=x.line)
            for i, x in enumerate(da) if i not in used_a]
    out += [DeadlineChange(change="added", b_date=y.date, recurrence=y.recurrence, action=y.action, b_line=y.line)
            for j, y in enumerate(db) if j not in used_b]
    return sorted(out, key=lambda c: (c.a_date or c.b_date or "", c.a_line or 0, c.b_line or 0))


# --- the whole comparison --------------------------------------------------------------------

def _plan_ref(plan: Plan) -> PlanRef:
    d = plan.document
    return PlanRef(source=plan.source.path, number=d.number, date=d.date, title=d.title)


def compare_plans(a: Plan, b: Plan, threshold: float = THRESHOLD) -> PlanDiff:
    """Everything that changed from plan `a` to plan `b`."""
    pairs_ij, only_a, only_b = align_indicators(a.indicators, b.indicators, threshold)
    pairs = []
    for i, j, s, method in pairs_ij:
        x, y = a.indicators[i], b.indicators[j]
        targets = align_targets(x.targets, y.targets, a.document.period.end, b.document.period.end)
        pairs.append(IndicatorPair(a=_ref(x), b=_ref(y), similarity=s, method=method, targets=targets))
    return PlanDiff(
        a=_plan_ref(a), b=_plan_ref(b), threshold=threshold,
        document=compare_documents(a, b),
        indicators=pairs,
        only_in_a=[_ref(a.indicators[i]) for i in only_a],
        only_in_b=[_ref(b.indicators[j]) for j in only_b],
        sections=compare_sections(a, b),
        assignments=compare_assignments(a, b, pairs),
        deadlines=compare_deadlines(a, b),
    )
