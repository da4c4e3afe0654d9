"""The figures that a report's prose states, each with the scope it states them in.

The wordings are the catalogue's (`catalog.NARRATIVE_PATTERNS`), tried in its order; a
figure is claimed by the first pattern that reads it, so that 「予以公开及部分公开42件」 is
one combined figure and never 「部分公开42件」. A sentence that compares with another year
is not read, nor a clause that counts another channel (12345, 信箱, 信访 …): a false
mismatch costs an officer more than a missed one. A clause that may count a wider or
narrower body than the report's agency (全县, 各部门, a named office) or does not say which
applications it counts keeps its figure with a `hedge`: a mismatch is then only a warning.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from gongkai import catalog
from gongkai.grid import MARKS
from gongkai.model import NarrativeFigure

_SENTENCE = re.compile(r"[^。；;!?！？\n]+")
# Characters of a sentence read at once: the seeds' longest run to 。 or ； is 240.
_LONGEST = 1_000
# A line of prose that PDF text wrapped: long, no end of sentence, not a heading or a title.
_WRAPPED_MIN = 15
_END_OF_SENTENCE = ("。", "；", ";", "!", "?", "！", "？", "：", ":")
_HEADING = re.compile(
    r"\s*(?:[一二三四五六七八九十]+\s*[、.]|[(（][一二三四五六七八九十]+[)）])|.*报告\s*$"
)
_CLAUSE_BREAK = re.compile(r"[，,：:]")
# Spaces, and the cell borders of a converter that laid prose out as a table (markdown from
# a PDF: 「| 本年度予 |」 then 「| 以公开 | 50 | 件。 |」), or of a table read as prose (the
# marks of a merged figure cell, `grid.MARKS`, are borders too).
_BORDERS = re.compile(rf"[\s|{MARKS}]+")
_BORDER_CHARS = " \t|\u3000" + MARKS
# A year, and the first of a range of years written once (「2019—2021年」).
_YEAR = re.compile(r"((?:19|20)\d{2})(?:年|(?=\s*[—–\-－~～至到]\s*(?:19|20)\d{2}年))")
_NAMES_APPLICATIONS = re.compile(r"申请|信息公开")
_SUBUNIT = re.compile(
    r"(?<![我本])(?:办公室|局|委员会|委(?!托)|政府办(?!公室)|办事处|乡|镇|街道|中心)"
)
# A count in words (「两件」, 「十二件」, 「一百零五件」): made digits before the patterns read it.
_NUMERAL_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_NUMERAL_UNITS = {"十": 10, "百": 100, "千": 1000}
# 「1,234件」: digit groups of three after a comma are one figure (a list of figures is
# written with 、, and a clause does not end on a bare figure).
_GROUPED_DIGITS = re.compile(r"(?<![\d,，.])\d{1,3}(?:[,，]\d{3})+(?![\d,，])")
_GROUP_SEPARATORS = re.compile(r"[,，]")
# A match starts only where its run of numerals does: tried from every character of a
# long run, as a substitution does, it would take quadratic time.
_WORDS_NUMBER = re.compile("(?<![{0}])[{0}]+(?=件|起|条)".format("零〇一二两三四五六七八九十百千"))
_NARROWED_AFTER = r"其中[^,，。]{0,8}?"
_EVERY_CHANNEL = re.compile(r"等(?:渠道|方式|途径|形式)")
# A month, or a day of a month (「6月」, 「12月份」, 「11月30日」), in the words before a figure.
_MONTH = re.compile(r"(?<!\d)(?P<month>\d{1,2})月(?:份)?(?:(?P<day>\d{1,2})[日号])?")
_YEAR_ENDS = {(1, 1), (12, 31)}
# The first month of a range written once (「1至6月」, 「1-12月」): given its 月.
_BARE_FIRST_MONTH = re.compile(r"(?<!\d)(\d{1,2})(?=(?:至|到|-|－|—|～|~)\d{1,2}月)")
# A parenthesis that says what a figure holds, just after it.
_INCLUDED = re.compile(r"[(（](?:含|包括|包含)[^()（）]*[)）]")
# The end of a figure stated earlier in the sentence: the words after it are this figure's.
_STATED_FIGURE = re.compile(r"\d+(?:件|起|条|人|次|个)")
# A count of applications on one subject (「涉及征地拆迁的申请20件」, 「关于征收补偿的申请共8件」),
# not of the kind of application itself (「涉及政府信息公开的申请32件」).
_SUBJECT_COUNT = re.compile(
    r"(?:涉及|关于|有关)(?!(?:政府)?信息公开|依申请公开)[^，,。；;《》]{1,20}?的申请\D{0,3}?\d+件"
)
# The words of giving a group's answer that hold a reason's cue (「告知申请人」, 「因此」).
_ANSWER_WORDS = re.compile("|".join(map(re.escape, catalog.NARRATIVE_ANSWER_WORDS)))
# Words of a reason that make it the whole group's (「…等原因」, 「属于不予公开范围的」); 等 that
# ends a list, not the 等 of 平等, 等同, 等待 and the like.
_WHOLE_GROUP = re.compile(
    "|".join(
        [
            "(?<![平同相对均])等(?![待候级同于])",
            "公开范围",
            *map(re.escape, catalog.NARRATIVE_ANSWERS.values()),
        ]
    )
)
# Words that list reasons (「信息不存在或需要另行制作」); 涉及 and 危及 are none.
_LISTED = re.compile(
    "|".join(w if w != "及" else r"(?<![涉危])及" for w in catalog.NARRATIVE_LIST_WORDS)
)
# The end of a reason's words that leads to its group's answer (「…的，依法」).
_ANSWER_LEAD = re.compile("[，,、]?(?:{})?$".format("|".join(catalog.NARRATIVE_ANSWER_LEADS)))
# 「截至2021年底，累计…」: a date a total runs up to, the words between, and 累计.
_RUNNING_TOTAL = re.compile(r"(?:截至|截止)[^，,累]{0,20}[，,]?(?P<between>[^，,累]{0,20})累计")


@dataclass(frozen=True)
class _Compiled:
    pattern: catalog.NarrativePattern
    regex: re.Pattern[str]
    certain: re.Pattern[str] | None
    # A reason row's words, one of which its sentence must hold: its regex, tried from every
    # character, costs a run-on sentence more than the look.
    cues: tuple[str, ...]


@functools.cache
def _compiled() -> tuple[_Compiled, ...]:
    return tuple(
        _Compiled(
            p,
            re.compile(
                p.words
                + catalog.NARRATIVE_FILLER
                + r"(?P<figure>\d+)"
                + p.unit
                + (f"(?={p.after})" if p.after else "")
            ),
            re.compile(p.certain) if p.certain else None,
            catalog.NARRATIVE_REASONS.get(p.key, ()),
        )
        for p in catalog.NARRATIVE_PATTERNS
    )


def narrative_figures(
    text: str, spans: tuple[tuple[int, int], ...], year: int | None
) -> list[NarrativeFigure]:
    """The figures of each kind in the prose outside the tables (`spans`: its offsets): every
    value stated in certain scope (the first sentence of each), else the first figure.

    A report that states one figure twice, once as its table has it and once not (the
    overview and section 三 disagree), prints an inconsistency: each value is compared."""
    figures: dict[str, list[NarrativeFigure]] = {}
    for sentence, line in _sentences(text, spans):
        compact = _with_years_named(_with_numerals(_compact(sentence)), year)
        if _compares(compact, year):
            continue
        for figure in sentence_figures(compact):
            kept = figures.setdefault(figure.key, [])
            located = figure.model_copy(update={"line": line})
            if not kept or (kept[0].hedge and not figure.hedge):
                kept[:] = [located]
            elif not figure.hedge and figure.value not in {f.value for f in kept}:
                kept.append(located)
    return [figure for kept in figures.values() for figure in kept]


def sentence_figures(sentence: str) -> list[NarrativeFigure]:
    """Every figure one (compact) sentence states, in the order of the catalogue."""
    taken = _Taken()
    found = []
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence)]
    figure_ends = [m.end() for m in _STATED_FIGURE.finditer(sentence)]
    for compiled in _compiled():
        pattern = compiled.pattern
        if pattern.needs and pattern.needs not in sentence:
            continue
        if compiled.cues and not any(word in sentence for word in compiled.cues):
            continue
        for match in compiled.regex.finditer(sentence):
            if not taken.take(match.start(), match.end()):
                continue
            if pattern.needs and not _about(sentence, match, pattern.needs):
                continue
            if any(word in sentence[: match.start()] for word in pattern.apart):
                continue
            clause = sentence[_clause_start(breaks, match.start()) : match.end()]
            subject = _subject(sentence, clause, match)
            held = subject + _included(sentence, match.end())
            if _other_channel(held) or _part_channel(clause) or _documents(sentence, match):
                continue
            said = _since_last_figure(sentence, figure_ends, match)
            rows = _rows_named(said, pattern)
            if _part_of_year(said) or _beyond_year(said) or len(rows) > 1:
                continue
            if _answered_in_part(sentence, said, match, pattern):
                continue
            if _approximate(sentence, match.end()):
                continue
            reason = _reason(sentence, breaks, said, match, pattern)
            if reason is not None and _negated(reason):
                continue
            unplaced = _unplaced_reason(sentence, figure_ends, match, pattern)
            whole = _sums_rows(reason)
            found.append(
                NarrativeFigure(
                    key=catalog.group_of(pattern.key) if whole else pattern.key,
                    value=int(match.group("figure")),
                    sentence=sentence[:80],
                    hedge=whole
                    or _loose(reason, pattern)
                    or _hedge(sentence, clause, match, compiled.certain)
                    or _one_row_unread(said, match, pattern, rows)
                    or _narrowed(sentence, said, match, pattern, unplaced),
                    alternatives=None if whole else _alternatives(pattern, reason, unplaced, rows),
                )
            )
    return found


class _Taken:
    """The spans of the sentence that patterns have read, which never overlap, in order: a
    run-on sentence has thousands."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def take(self, start: int, end: int) -> bool:
        """Take the span unless it overlaps one taken; whether it was taken."""
        at = bisect.bisect_right(self._starts, start)
        if at > 0 and self._ends[at - 1] > start:
            return False
        if at < len(self._starts) and self._starts[at] < end:
            return False
        self._starts.insert(at, start)
        self._ends.insert(at, end)
        return True


def _sentences(text: str, spans: tuple[tuple[int, int], ...]) -> Iterator[tuple[str, int]]:
    joined = _join_wrapped_lines(text)
    # a sentence's line from the offsets of the line breaks: counting them from the top for
    # every sentence made a long report (the same report pasted over and over) quadratic
    breaks = [match.start() for match in re.finditer("\n", text)]
    for start, end in spans:
        for match in _SENTENCE.finditer(joined, start, end):
            for piece, at in _pieces(match.group(0), match.start()):
                yield piece, bisect.bisect_left(breaks, at) + 1


def _pieces(sentence: str, at: int) -> Iterator[tuple[str, int]]:
    """The sentence with its offset; where it runs past _LONGEST characters (a run-on with
    no full stop: hostile, or a table flattened into prose), its clauses in pieces of at
    most that many, each with its offset. Every figure's words are in its clause, and a
    figure's reading looks back over its sentence: 8,000 clauses of one run took two
    minutes."""
    while len(sentence) > _LONGEST:
        cut = max(sentence.rfind(mark, 0, _LONGEST) for mark in "，,") + 1 or _LONGEST
        yield sentence[:cut], at
        sentence, at = sentence[cut:], at + cut
    yield sentence, at


def _join_wrapped_lines(text: str) -> str:
    """The text with the line breaks inside wrapped prose made spaces (same offsets), so
    that 「共收到政府信息公开\n申请75件」 is one sentence; blank lines after a wrapped line
    (a page break, a converter's table rule) do not end it either."""
    joined = []
    wrapping = False
    for line in text.split("\n"):
        if line.strip(_BORDER_CHARS):
            wrapping = _wraps(line)
        joined.append(line + (" " if wrapping else "\n"))
    return "".join(joined)[:-1]


def _wraps(line: str) -> bool:
    body = line.strip(_BORDER_CHARS)
    if len(body) < _WRAPPED_MIN or body.endswith(_END_OF_SENTENCE):
        return False
    return not _HEADING.match(body)


def _compact(sentence: str) -> str:
    """The sentence without spaces or borders, its figures' digit groups joined."""
    spaceless = _BORDERS.sub("", sentence)
    return _GROUPED_DIGITS.sub(lambda m: _GROUP_SEPARATORS.sub("", m.group(0)), spaceless)


def _with_numerals(sentence: str) -> str:
    """Counts written in words (「收到政府信息公开申请十二件」) as digits."""
    return _WORDS_NUMBER.sub(lambda m: str(_numeral_value(m.group(0))), sentence)


def _numeral_value(words: str) -> int:
    """十二 → 12, 一百零五 → 105, 两 → 2 (a leading 十 is 一十)."""
    total, digit = 0, 0
    for char in words:
        if char in _NUMERAL_UNITS:
            total += (digit or 1) * _NUMERAL_UNITS[char]
            digit = 0
        else:
            digit = _NUMERAL_VALUES[char]
    return total + digit


def _with_years_named(sentence: str, year: int | None) -> str:
    """2020年结转 in a 2021 report is 上年结转, 结转至2022年 is 结转下年度."""
    if year is None:
        return sentence
    sentence = re.sub(rf"{year - 1}年度?结转", "上年结转", sentence)
    return re.sub(rf"结转(?:至|到)?{year + 1}年度?", "结转下年度", sentence)


def _compares(sentence: str, year: int | None) -> bool:
    """Whether the sentence speaks of another year or compares with one."""
    if any(word in sentence for word in catalog.NARRATIVE_COMPARATIVES):
        return True
    return year is not None and any(int(y) != year for y in _YEAR.findall(sentence))


def _clause_start(breaks: list[int], at: int) -> int:
    """Where the clause that holds offset `at` starts: just after the last comma (or colon)
    before it, `breaks` being the offsets just after each of the sentence's; found by
    bisection, as a run-on sentence has thousands of commas and figures."""
    before = bisect.bisect_right(breaks, at) - 1
    return breaks[before] if before >= 0 else 0


def _subject(sentence: str, clause: str, match: re.Match[str]) -> str:
    """What the figure counts: its own clause when it names applications, else everything the
    sentence said before it (「转办来信189件，已办结189件」: the 办结 are letters)."""
    if _NAMES_APPLICATIONS.search(match.group(0)):
        return clause
    return sentence[: match.end()]


def _included(sentence: str, end: int) -> str:
    """What a parenthesis just after the figure says it holds (「收到申请110件（含咨询类）」),
    or nothing: consultations or letters held in the figure make it no count of the table's."""
    found = _INCLUDED.match(sentence, end)
    return found.group(0) if found else ""


def _other_channel(clause: str) -> bool:
    for word in catalog.NARRATIVE_TABLE_WORDS:
        clause = clause.replace(word, "")
    return any(word in clause for word in catalog.NARRATIVE_OTHER_CHANNELS)


def _documents(sentence: str, match: re.Match[str]) -> bool:
    """Whether the words before the figure's count documents (公文, 文件) and name no
    application (依申请公开 is an attribute of a document, not an application)."""
    said = sentence[: match.start()].replace("依申请公开", "")
    if "申请" in said:
        return False
    return any(word in said for word in catalog.NARRATIVE_DOCUMENT_WORDS)


def _about(sentence: str, match: re.Match[str], needs: str) -> bool:
    """Whether the figure counts what `needs` names: named before it, and not narrowed to it
    after it (「行政复议案件92件，其中涉及政府信息公开的19件」: the 92 count every case)."""
    if needs not in sentence[: match.end()]:
        return False
    return not re.match(r".{0,3}?" + _NARROWED_AFTER + re.escape(needs), sentence[match.end() :])


def _part_channel(clause: str) -> bool:
    """Whether the figure's clause counts the applications of one way of applying only (not
    every way listed: 「通过当面、网络、信函等方式共收到…」)."""
    if _EVERY_CHANNEL.search(clause):
        return False
    return any(word in clause for word in catalog.NARRATIVE_PART_CHANNELS)


def _since_last_figure(sentence: str, figure_ends: list[int], match: re.Match[str]) -> str:
    """The words from the end of the figure stated before this one (or the sentence's start)
    to this figure: a period said there (「2021年1至6月，共收到…」) is this figure's.
    `figure_ends`: where each figure the sentence states ends, in order."""
    before = bisect.bisect_right(figure_ends, match.start()) - 1
    return sentence[figure_ends[before] if before >= 0 else 0 : match.end()]


def _part_of_year(words: str) -> bool:
    """Whether the words count a part of the year: a half, a quarter, a month or a date that
    is not the year's first or last day (「1至6月」, 「12月份」, 「截至11月30日」); the whole
    year written as months (「1至12月」, 「1月1日至12月31日」, 「截至12月31日」) is not."""
    if any(word in words for word in catalog.NARRATIVE_PART_PERIODS):
        return True
    months = _MONTH.finditer(_BARE_FIRST_MONTH.sub(r"\1月", words))
    dates = [(int(m["month"]), int(m["day"]) if m["day"] else None) for m in months]
    if not dates:
        return False
    if all(day is not None for _, day in dates):
        return not set(dates) <= _YEAR_ENDS
    return {month for month, _ in dates} != {1, 12}


def _beyond_year(words: str) -> bool:
    """Whether the words count more than the year (「以来」, 「近三年」, 「期间」) or a rate
    of it (「平均每月」). 「报告期间」 is the year itself."""
    words = words.replace("报告期间", "")
    return any(word in words for word in catalog.NARRATIVE_BEYOND_YEAR + catalog.NARRATIVE_RATES)


def _rows_named(words: str, pattern: catalog.NarrativePattern) -> set[str]:
    """The rows of the figure's group whose reasons the words name (「涉及国家秘密和第三方
    合法权益，不予公开3件」: two rows, a part of 不予公开); none where the reasons are given
    as examples of the whole (「因不掌握相关信息等原因无法提供14件」)."""
    group = catalog.group_of(pattern.key)
    if group not in catalog.NARRATIVE_ANSWERS:
        return set()
    at = {
        row: max(words.rfind(word) for word in reasons)
        for row, reasons in catalog.NARRATIVE_REASONS.items()
        if row.startswith(group + ".")
    }
    named = {row: i for row, i in at.items() if i >= 0}
    if not named or "等" in words[max(named.values()) :]:
        return set()
    return set(named)


@dataclass(frozen=True)
class _Reason:
    """A reason row's words: its clause's words before the reason word, the reason word, and
    the words between it and the group's answer."""

    head: str
    word: str
    tail: str

    @property
    def said(self) -> str:
        """The words, without the comma and the word that lead to the answer."""
        return _ANSWER_LEAD.sub("", self.head + self.word + self.tail)


def _reason(
    sentence: str,
    breaks: list[int],
    said: str,
    match: re.Match[str],
    pattern: catalog.NarrativePattern,
) -> _Reason | None:
    """The words of the match of a reason row's pattern, if it is one."""
    if pattern.key not in catalog.NARRATIVE_REASONS:
        return None
    start = max(match.end() - len(said), _clause_start(breaks, match.start()))
    words = sentence[match.start() : match.start("figure")]
    answer = words.rfind(catalog.NARRATIVE_ANSWERS[catalog.group_of(pattern.key)])
    return _Reason(
        head=sentence[start : match.start()].lstrip("、，,：:"),
        word=match.group("reason"),
        tail=words[len(match.group("reason")) : answer],
    )


def _sums_rows(reason: _Reason | None) -> str | None:
    """The words of a reason said as one of several (「信息不存在或需要另行制作，无法提供3件」),
    as the main one or an example (「主要原因是…」, 「以重复申请为主」, 「如重复申请」), if so:
    the figure may sum several rows, or be a row the catalogue cannot place, so it is its
    group's, hedged."""
    if reason is None:
        return None
    qualified = any(
        word in reason.head or word in reason.tail for word in catalog.NARRATIVE_REASON_QUALIFIERS
    )
    return reason.said if qualified or _LISTED.search(reason.head) else None


def _alternatives(
    pattern: catalog.NarrativePattern, reason: _Reason | None, unplaced: str | None, rows: set[str]
) -> list[str] | None:
    """The other quantities a figure said after a clause of its reason may state, if any: a
    row's reason a comma before the group's answer (「本机关不掌握相关政府信息，无法提供37件」)
    may be said of the whole group, and a reason no row's pattern read (「申请公开的信息不存在，
    无法提供37件」) of one row: the row it names, or any of the group's. A qualified one
    (「主要原因是…」) is the group's, as a row's is (`_sums_rows`)."""
    if reason is not None:
        return [catalog.group_of(pattern.key)] if _CLAUSE_BREAK.search(reason.tail) else None
    if unplaced is None or any(w in unplaced for w in catalog.NARRATIVE_REASON_QUALIFIERS):
        return None
    group = [row for row in catalog.NARRATIVE_REASONS if catalog.group_of(row) == pattern.key]
    return sorted(rows) or group


def _negated(reason: _Reason) -> bool:
    """Whether the reason is excluded or negated before its word (「除重复申请外」, 「经审查
    不涉及国家秘密」): the figure counts the group's other rows. Not where its words list
    reasons (「信息不存在或需要另行制作」): which of them is negated is unsaid."""
    if _LISTED.search(reason.head):
        return False
    return any(word in reason.head for word in catalog.NARRATIVE_REASON_NEGATIONS)


def _loose(reason: _Reason | None, pattern: catalog.NarrativePattern) -> str | None:
    """The words of a reason a comma before an answer that may be its group's (「申请人撤回
    申请，作其他处理3件」), if so."""
    if reason is None or reason.word not in catalog.NARRATIVE_LOOSE_WORDS.get(pattern.key, ()):
        return None
    return reason.said if _CLAUSE_BREAK.search(reason.tail) else None


def _one_row_unread(
    said: str, match: re.Match[str], pattern: catalog.NarrativePattern, rows: set[str]
) -> str | None:
    """The words that name one row of a group before its answer where that row's own
    pattern did not read them (a list, 「不掌握或不存在相关信息，无法提供3件」, or more than
    a comma between), if any: the figure may be the row's or several rows', so the group's
    is compared, hedged."""
    if pattern.key not in catalog.NARRATIVE_ANSWERS or len(rows) != 1:
        return None
    (row,) = rows
    start = min(i for w in catalog.NARRATIVE_REASONS[row] if (i := said.find(w)) >= 0)
    return said[start : len(said) - len(match.group(0))].rstrip("，,、") or None


def _answered_in_part(
    sentence: str, said: str, match: re.Match[str], pattern: catalog.NarrativePattern
) -> bool:
    """Whether the figure counts a part of what its words name, said just before them: the
    answers given late (「依法延期办结2件」), or in time after 其中 (「其中按期办结30件」)."""
    if _just_before(sentence, match, pattern.part):
        return True
    return _just_before(sentence, match, pattern.maybe_part) is not None and "其中" in said


def _narrowed(
    sentence: str,
    said: str,
    match: re.Match[str],
    pattern: catalog.NarrativePattern,
    unplaced: str | None,
) -> str | None:
    """The words that may narrow the figure to a part of its quantity, if any: a total run
    up to a date, answers given in time, a reason the catalogue's rows do not name
    (`unplaced`), or a count of one subject's applications before the answers."""
    return (
        _running_total(said)
        or _in_time(sentence, match, pattern)
        or unplaced
        or _subject_before(sentence, match, pattern)
    )


def _running_total(words: str) -> str | None:
    """The words of a total run up to a date (「截至2021年底，累计」): every year's, or the
    year's own in a report written at its end. Not where the year is named as its span
    (「截至12月31日，本年度累计」)."""
    total = _RUNNING_TOTAL.search(words)
    if total is None or any(w in total["between"] for w in catalog.NARRATIVE_THIS_YEAR):
        return None
    return total.group(0)


def _in_time(sentence: str, match: re.Match[str], pattern: catalog.NarrativePattern) -> str | None:
    """The words of answers given in time said just before the figure's (「按时办结32件」):
    all of them where none was late, a part otherwise."""
    return _just_before(sentence, match, pattern.maybe_part)


def _just_before(sentence: str, match: re.Match[str], words: tuple[str, ...]) -> str | None:
    """The one of `words` the sentence says just before the match, if any."""
    return next((w for w in words if sentence.endswith(w, 0, match.start())), None)


def _unplaced_reason(
    sentence: str, figure_ends: list[int], match: re.Match[str], pattern: catalog.NarrativePattern
) -> str | None:
    """The words of a reason said just before a group's answer that no row's pattern read
    (「申请公开的信息不存在，无法提供37件」, 「因涉及个人隐私不予公开2件」), if any: the words
    before the answer in its clause or in the clauses before it back to the figure before,
    the nearest that holds a reason's cue (`catalog.NARRATIVE_REASON_CUES`; words of giving
    the answer, 「依法告知申请人」, hold none). The figure may then be the group's or one
    row's. None where the answer is bare (「无法提供106件」, 「其中，无法提供106件」, 「经统计，
    不予处理80件」) or the reason is the whole group's (「…等原因」, 「属于不予公开范围的」)."""
    if pattern.key not in catalog.NARRATIVE_ANSWERS:
        return None
    before = bisect.bisect_right(figure_ends, match.start()) - 1
    start = figure_ends[before] if before >= 0 else 0
    for clause in reversed(_CLAUSE_BREAK.split(sentence[start : match.start()])):
        if _WHOLE_GROUP.search(clause):
            return None
        words = _ANSWER_WORDS.sub("", clause)
        if any(cue in words for cue in catalog.NARRATIVE_REASON_CUES):
            return clause
    return None


def _subject_before(
    sentence: str, match: re.Match[str], pattern: catalog.NarrativePattern
) -> str | None:
    """A count of the applications on one subject, or of one reason of the answer's group,
    said before an answer in its sentence (「涉及征地拆迁的申请20件，予以公开15件」, 「收到重复
    申请13件，不予处理12件」), if any: the answer may be that subject's."""
    if not catalog.answers(pattern):
        return None
    subject = _SUBJECT_COUNT.search(sentence, 0, match.start())
    if subject is None:
        subject = _reason_count(catalog.group_of(pattern.key)).search(sentence, 0, match.start())
    if subject is None or any(w in subject.group(0) for w in catalog.NARRATIVE_NOT_SUBJECTS):
        return None
    return subject.group(0)


@functools.cache
def _reason_count(group: str) -> re.Pattern[str]:
    """A count of the applications of one reason of the group, not its answer's
    (「本年度收到重复申请13件，不予处理12件」: the 12 may be of those or of any row), or a
    pattern that finds none for a key that is no group of reasons."""
    reasons = [
        re.escape(word)
        for row, words in catalog.NARRATIVE_REASONS.items()
        if catalog.group_of(row) == group
        for word in words
    ]
    if not reasons:
        return re.compile(r"(?!)")
    answers = "|".join(catalog.NARRATIVE_ANSWERS.values())
    return re.compile(rf"(?:{'|'.join(reasons)})(?:(?!{answers})[^，,。；;、\d]){{0,4}}?\d+件")


def _approximate(sentence: str, end: int) -> bool:
    return sentence.startswith(catalog.NARRATIVE_APPROXIMATE, end)


def _hedge(
    sentence: str, clause: str, match: re.Match[str], certain: re.Pattern[str] | None
) -> str | None:
    """The words that leave the figure's scope uncertain, if any: a wider body named in its
    clause, or before it in the sentence (「从全县范围看，共收到申请120件」) unless the clause
    names the report's own agency."""
    said = clause
    if not any(word in clause for word in catalog.NARRATIVE_OWN_SCOPE):
        said = sentence[: match.end()]
    wider = next((w for w in catalog.NARRATIVE_WIDER_SCOPE if w in said), None)
    if wider:
        return wider
    undated = next((w for w in catalog.NARRATIVE_UNDATED if w in sentence[: match.end()]), None)
    if undated:
        return undated
    head = clause[: len(clause) - len(match.group(0))]
    subunit = _SUBUNIT.search(head)
    if subunit:
        return head[max(0, subunit.start() - 6) : subunit.end()]
    if certain is not None and "object" in match.groupdict():
        words = match.group("object")
        if not certain.search(words):
            return words
    return None
