"""Probes of what real county and township reports print, which our corpus generator never
makes (issue 13): prose that states figures in real offices' words, and tables typed in
Word or WPS and flattened to text with their furniture.

Each probe takes a random consistent report (tests/support/reports.py), writes its prose
and tables as a real office would, and says what the printed text breaks: nothing (the
checker must then report no error), or one sentence that contradicts its table (the
checker must find it). Every sentence is true of the tables in the scope it states,
unless the probe plants a contradiction. `bench/realtext.py` sorts the outcomes.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from gongkai import catalog
from gongkai.model import Report
from gongkai.render.text import Layout, render_text
from tests.support.altered import zeros_blank
from tests.support.corpus.narrative import Violation, sections_of
from tests.support.prose import Figures, figures
from tests.support.reports import report_from_rng

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """0–9999 as a report writes it in words (「两件」, 十二, 一百零五, 一千零二十)."""
    if n == 2:
        return "两"
    if n < 10:
        return _DIGITS[n]
    words, gap = "", False
    for unit, place in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit = n // place % 10
        if digit == 0:
            gap = bool(words)
            continue
        if gap:
            words += "零"
        gap = False
        words += ("" if n < 20 and unit == "十" else _DIGITS[digit]) + unit
    return words


def full_width(n: int) -> str:
    return "".join(chr(ord(c) + 0xFEE0) for c in str(n))


Said = tuple[str, list[Violation]]
ProseProbe = Callable[[Figures, random.Random, int], Said]


def _true(sentence: str) -> Said:
    return sentence, []


def _wrong(sentence: str, expected: int) -> Said:
    return sentence, [{"rule": "text.table_mismatch", "expected": expected}]


def _parts(total: int, rng: random.Random, k: int) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(k - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def _subject_and_granted(f: Figures, rng: random.Random) -> tuple[int, int]:
    """The applications on one subject and those of them granted: a part of each."""
    subject = rng.randint(0, f.new)
    return subject, rng.randint(0, min(subject, f.granted))


# Sentences true of the tables, in real offices' words; name → probe.
PROSE: dict[str, ProseProbe] = {
    "channel-breakdown": lambda f, r, y: _true(
        "共收到政府信息公开申请{}件，其中当面申请{}件、网络申请{}件、信函申请{}件".format(
            f.new, *_parts(f.new, r, 3)
        )
    ),
    "channel-received": lambda f, r, y: _true(
        "其中，通过政府门户网站收到政府信息公开申请{}件，当面收到政府信息公开申请{}件".format(
            *_parts(f.new, r, 2)
        )
    ),
    "channel-online-first": lambda f, r, y: _true(
        f"通过网上申请平台受理政府信息公开申请{_parts(f.new, r, 2)[0]}件，其余为当面和信函申请"
    ),
    "applicant-types": lambda f, r, y: _true(
        "从申请主体看，自然人申请{}件，法人或其他组织申请{}件".format(*_parts(f.new, r, 2))
    ),
    "zero-in-words": lambda f, r, y: _true(
        "本年度未发生因政府信息公开被申请行政复议、提起行政诉讼的情况"
        if f.review == f.litigation == 0
        else f"本年度因政府信息公开被申请行政复议{f.review}件，被提起行政诉讼{f.litigation}件"
    ),
    "rates": lambda f, r, y: _true(
        f"所有申请均在法定期限内答复，办结率100%，按时办结率100%，"
        f"予以公开{f.granted}件，占比{round(100 * f.granted / max(1, f.total))}%"
    ),
    "answered": lambda f, r, y: _true(f"依申请公开工作规范有序，全年依法答复{f.total}件"),
    "active-items": lambda f, r, y: _true(
        f"全年在政府门户网站发布信息{r.randint(300, 6000)}条，发布政策解读{r.randint(5, 90)}篇，"
        f"召开新闻发布会{r.randint(1, 20)}场，公开政府文件{r.randint(10, 200)}件"
    ),
    "active-documents": lambda f, r, y: _true(
        f"全年印发规范性文件{r.randint(1, 30)}件，全部予以公开，"
        f"依申请公开转主动公开{r.randint(1, 9)}件"
    ),
    "document-numbers": lambda f, r, y: _true(
        f"根据《中华人民共和国政府信息公开条例》（国务院令第711号）第五十条和"
        f"国办公开办函〔2021〕30号要求编制，统计时限为{y}年1月1日至12月31日"
    ),
    "phone-address": lambda f, r, y: _true(
        "如对本报告有疑问，请与政务公开办公室联系，地址：人民路128号3楼，"
        "电话：0359-2023456，也可拨打12345政务服务便民热线"
    ),
    "received-handled": lambda f, r, y: _true(
        f"共收到并办理政府信息公开申请{f.new + f.carried}件，办结{f.total}件，结转{f.forward}件"
    ),
    "carried-last-year": lambda f, r, y: _true(
        f"上年结转{f.carried}件，本年新收{f.new}件，均依法依规答复"
    ),
    "chinese-numerals": lambda f, r, y: _true(
        f"本年度共收到政府信息公开申请{chinese_numeral(f.new)}件，"
        f"予以公开{chinese_numeral(f.granted)}件"
    ),
    "full-width": lambda f, r, y: _true(f"本年度共收到政府信息公开申请{full_width(f.new)}件"),
    "review-in-general": lambda f, r, y: _true(
        f"本机关作为复议机关，全年共办理行政复议案件{f.review + r.randint(20, 90)}件，"
        f"其中涉及政府信息公开的{f.review}件"
    ),
    "litigation-in-general": lambda f, r, y: _true(
        f"全年共发生行政诉讼案件{f.litigation + r.randint(20, 90)}件，"
        f"其中政府信息公开类{f.litigation}件"
    ),
    "county-wide": lambda f, r, y: _true(
        f"全县各乡镇、县直各部门共收到政府信息公开申请{f.new + r.randint(20, 300)}件"
    ),
    "county-wide-clause": lambda f, r, y: _true(
        f"从全县范围看，共收到政府信息公开申请{f.new + r.randint(20, 300)}件"
    ),
    "subunit-short-name": lambda f, r, y: _true(
        f"其中，县卫健委收到政府信息公开申请{r.randint(1, 9) + f.new}件"
    ),
    "our-county": lambda f, r, y: _true(
        f"{y}年，我县共收到政府信息公开申请{f.new + r.randint(20, 300)}件"
    ),
    "wording-2019": lambda f, r, y: _true(
        f"本年度收到申请{f.new}件，公开政府信息{r.randint(300, 6000)}条"
    ),
    "granted-including-partial": lambda f, r, y: _true(
        f"予以公开{f.granted + f.partial}件（含部分公开{f.partial}件）"
    ),
    "granted-then-partial": lambda f, r, y: _true(
        f"同意公开{f.granted + f.partial}件，其中部分公开{f.partial}件"
    ),
    "percent-of-received": lambda f, r, y: _true(
        f"收到的申请中，予以公开的占{round(100 * f.granted / max(1, f.total))}%"
    ),
    "half-year": lambda f, r, y: _true(
        f"{y}年1至6月，共收到政府信息公开申请{_parts(f.new, r, 2)[0]}件"
    ),
    "quarter": lambda f, r, y: _true(f"其中第四季度受理政府信息公开申请{_parts(f.new, r, 2)[0]}件"),
    "document-attributes": lambda f, r, y: _true(
        "全年制发公文{}件，其中主动公开{}件、依申请公开{}件、不予公开{}件".format(
            f.new + 40, *_parts(f.new + 40, r, 3)
        )
    ),
    "whole-year-months": lambda f, r, y: _true(f"{y}年1-12月共收到政府信息公开申请{f.new}件"),
    "since-the-regulation": lambda f, r, y: _true(
        f"自《条例》施行以来，累计受理政府信息公开申请{f.new + r.randint(1, 300)}件"
    ),
    "recent-years": lambda f, r, y: _true(
        f"近三年共受理政府信息公开申请{f.new + r.randint(1, 90)}件"
    ),
    "range-of-years": lambda f, r, y: _true(
        f"{y - 2}—{y}年，共收到政府信息公开申请{f.new + r.randint(1, 90)}件"
    ),
    "plan-period": lambda f, r, y: _true(
        f"“十四五”期间共受理政府信息公开申请{f.new + r.randint(1, 90)}件"
    ),
    "monthly-average": lambda f, r, y: _true(
        f"平均每月受理政府信息公开申请{f.new // 12 + r.randint(1, 9)}件"
    ),
    "to-date": lambda f, r, y: _true(
        f"截至目前，本机关共收到政府信息公开申请{f.new + f.carried + r.randint(1, 9)}件"
    ),
    "one-reason": lambda f, r, y: _true(
        f"因涉及国家秘密不予公开{f.secret}件，因本机关不掌握相关政府信息无法提供{f.not_held}件"
    ),
    "several-reasons": lambda f, r, y: _true(
        f"因涉及国家秘密和第三方合法权益不予公开{r.randint(0, f.withheld)}件"
    ),
    "as-review-body": lambda f, r, y: _true(
        f"作为复议机关，受理政府信息公开类行政复议申请{f.review + r.randint(1, 30)}件"
    ),
    "review-and-litigation": lambda f, r, y: _true(
        f"因政府信息公开被申请行政复议、提起行政诉讼共{f.review + f.litigation}件"
    ),
    "bare-combined": lambda f, r, y: _true(f"其中公开和部分公开{f.granted + f.partial}件"),
    "running-total": lambda f, r, y: _true(
        f"截至{y}年底，累计收到政府信息公开申请{f.new + f.carried + r.randint(1, 300)}件"
    ),
    "unnamed-cause": lambda f, r, y: _true(
        f"因涉及个人隐私不予公开{r.randint(0, f.third_party)}件"
    ),
    "subject-answers": lambda f, r, y: _true(
        "涉及征地拆迁的申请{}件，予以公开{}件".format(*_subject_and_granted(f, r))
    ),
    "answered-in-part": lambda f, r, y: _true(
        "共办结{}件，其中按期办结{}件，依法延期办结{}件".format(f.total, *_parts(f.total, r, 2))
    ),
    # one row of a group named just before the group's answer, with no cause word
    "row-after-comma": lambda f, r, y: _true(f"本机关不掌握相关政府信息，无法提供{f.not_held}件"),
    "row-searched": lambda f, r, y: _true(f"经检索没有相关信息，无法提供{f.not_held}件"),
    "row-no-cause": lambda f, r, y: _true(
        f"属于国家秘密不予公开{f.secret}件，重复申请不予处理{f.duplicate}件"
    ),
    "row-listed": lambda f, r, y: _true(
        f"其中：信访举报投诉类申请不予处理{f.petition}件、重复申请不予处理{f.duplicate}件"
    ),
    "row-clause-first": lambda f, r, y: _true(
        f"属于重复申请的，不予处理{f.duplicate}件；需要另行制作，无法提供{f.needs_creation}件"
    ),
    # reasons that may be several rows, or a row the catalogue cannot place
    "rows-summed": lambda f, r, y: _true(
        f"不掌握或不存在相关信息，无法提供{f.not_held + r.randint(0, f.needs_creation)}件"
    ),
    "rows-either": lambda f, r, y: _true(
        f"经检索没有相关信息或者需要另行制作，无法提供{f.not_held + f.needs_creation}件"
    ),
    "row-not-placed": lambda f, r, y: _true(
        f"所申请信息不属于本机关职责范围，无法提供{r.randint(0, f.not_held)}件"
    ),
    # a reason a clause before its group's answer: the row's or the group's (issue 13, prose3)
    "row-or-group": lambda f, r, y: _true(
        f"本机关不掌握相关政府信息，无法提供{r.choice((f.not_held, f.unavailable))}件"
    ),
    "unplaced-row-or-group": lambda f, r, y: _true(
        f"申请公开的信息不存在，无法提供{r.choice((f.not_held, f.unavailable))}件"
    ),
    "unplaced-any-row": lambda f, r, y: _true(
        f"申请人重复提出申请，不予处理{r.choice((f.petition, f.duplicate, f.not_processed))}件"
    ),
    "unplaced-searched": lambda f, r, y: _true(
        f"经检索，未找到相关政府信息，无法提供{r.choice((f.not_held, f.needs_creation))}件"
    ),
    # contradictions the checker must find (a figure in certain scope that no reading gives)
    "wrong-received": lambda f, r, y: _wrong(
        f"本年度共收到政府信息公开申请{f.new + f.carried + 7}件", f.new + f.carried + 7
    ),
    "wrong-granted": lambda f, r, y: _wrong(f"其中予以公开{f.granted + 3}件", f.granted + 3),
    "wrong-full-width": lambda f, r, y: _wrong(
        f"本年度共收到政府信息公开申请{full_width(f.new + f.carried + 5)}件",
        f.new + f.carried + 5,
    ),
    "wrong-chinese-numerals": lambda f, r, y: _wrong(
        f"本年度共收到政府信息公开申请{chinese_numeral(f.new + f.carried + 4)}件",
        f.new + f.carried + 4,
    ),
    "wrong-year-end": lambda f, r, y: _wrong(
        f"截至{y}年12月31日，共收到政府信息公开申请{f.new + f.carried + 6}件",
        f.new + f.carried + 6,
    ),
    "wrong-beside-cumulative": lambda f, r, y: _wrong(
        f"本年度共收到政府信息公开申请{f.new + f.carried + 8}件，"
        f"自《条例》施行以来累计受理{f.new + f.carried + 200}件",
        f.new + f.carried + 8,
    ),
    "wrong-this-years-running-total": lambda f, r, y: _wrong(
        f"截至{y}年12月31日，本年度累计受理政府信息公开申请{f.new + f.carried + 5}件",
        f.new + f.carried + 5,
    ),
    "wrong-answered-beside-parts": lambda f, r, y: _wrong(
        f"共办结{f.total + 3}件，其中按期办结{f.total}件", f.total + 3
    ),
    "wrong-one-reason": lambda f, r, y: _wrong(
        f"因涉及国家秘密不予公开{f.secret + 2}件", f.secret + 2
    ),
    # wrong for the row and for the group alike: either may be meant
    "wrong-row-after-comma": lambda f, r, y: _wrong(
        f"本机关不掌握相关政府信息，无法提供{f.unavailable + 2}件", f.unavailable + 2
    ),
    "wrong-row-searched": lambda f, r, y: _wrong(
        f"经检索没有相关信息，无法提供{f.unavailable + 3}件", f.unavailable + 3
    ),
    "wrong-duplicate-after-comma": lambda f, r, y: _wrong(
        f"申请人重复申请，不予处理{f.not_processed + 1}件", f.not_processed + 1
    ),
    "wrong-bare-after-lead-in": lambda f, r, y: _wrong(
        f"其中，无法提供{f.unavailable + 2}件", f.unavailable + 2
    ),
    "wrong-bare-after-figure": lambda f, r, y: _wrong(
        f"共收到政府信息公开申请{f.new}件，不予处理{f.not_processed + 2}件", f.not_processed + 2
    ),
    "wrong-row-listed": lambda f, r, y: _wrong(
        f"其中：信访举报投诉类申请不予处理{f.petition}件、重复申请不予处理{f.duplicate + 2}件",
        f.duplicate + 2,
    ),
    "wrong-review-and-litigation": lambda f, r, y: _wrong(
        f"因政府信息公开被申请行政复议、提起行政诉讼共{f.review + f.litigation + 2}件",
        f.review + f.litigation + 2,
    ),
    "wrong-review": lambda f, r, y: _wrong(
        f"因政府信息公开被申请行政复议{f.review + 2}件", f.review + 2
    ),
}


@dataclass(frozen=True)
class Probe:
    name: str
    text: str
    truth: Report
    violations: tuple[Violation, ...]


def _base(seed: int) -> tuple[Report, random.Random]:
    rng = random.Random(seed)
    report = report_from_rng(rng)
    sections, _ = sections_of(report, rng)
    report.sections = sections
    return report, rng


def prose_probe(name: str, seed: int, section: str = "overview") -> Probe:
    """The report of `seed` with the probe's sentence added to one section's prose."""
    report, rng = _base(seed)
    assert report.year is not None and report.sections is not None
    sentence, violations = PROSE[name](figures(report), rng, report.year)
    sections = dict(report.sections)
    sections[section] = sections[section] + sentence + "。"
    report.sections = sections
    return Probe(f"{name}/{seed}", render_text(report, "tabs"), report, tuple(violations))


# ---------------------------------------------------------------- tables

TableProbe = Callable[[str, Report, random.Random], str]

_T3_HEAD = re.compile(r"^.*本列数据的勾稽.*$", re.M)
_ROW = {
    "unavailable": re.compile(r"^.*无法提供.*$", re.M),
    "carry_forward": re.compile(r"^.*结转下年度继续办理.*$", re.M),
    "section_4": re.compile(r"^四、政府信息公开行政复议、行政诉讼情况$", re.M),
    "section_5": re.compile(r"^五、存在的主要问题及改进情况$", re.M),
    "section_3": re.compile(r"^三、收到和处理政府信息公开申请情况$", re.M),
    "section_2": re.compile(r"^二、主动公开政府信息情况$", re.M),
}


def _before(pattern: re.Pattern[str], text: str, insert: str) -> str:
    match = pattern.search(text)
    assert match, pattern.pattern
    return text[: match.start()] + insert + "\n" + text[match.start() :]


def _after(pattern: re.Pattern[str], text: str, insert: str) -> str:
    match = pattern.search(text)
    assert match, pattern.pattern
    return text[: match.end()] + "\n" + insert + text[match.end() :]


def _t3_header_lines(text: str) -> str:
    """The header lines of table 三 as printed (from its note to its first row)."""
    start = _T3_HEAD.search(text)
    assert start
    end = text.index("一、本年新收", start.start())
    return text[text.rfind("\n", 0, start.start()) + 1 : text.rfind("\n", 0, end)]


# Labels of table 三 as offices shorten them when they retype the template.
SHORT_LABELS = {
    "1.属于国家秘密": "1.国家秘密",
    "2.其他法律行政法规禁止公开": "2.法律法规禁止公开",
    "3.危及“三安全一稳定”": "3.危及三安全一稳定",
    "4.保护第三方合法权益": "4.第三方合法权益",
    "5.属于三类内部事务信息": "5.三类内部事务信息",
    "6.属于四类过程性信息": "6.四类过程性信息",
    "7.属于行政执法案卷": "7.行政执法案卷",
    "8.属于行政查询事项": "8.行政查询事项",
    "1.本机关不掌握相关政府信息": "1.本机关不掌握相关信息",
    "2.没有现成信息需要另行制作": "2.需另行制作",
    "3.补正后申请内容仍不明确": "3.补正后仍不明确",
    "1.信访举报投诉类申请": "1.信访举报投诉类",
    "3.要求提供公开出版物": "3.公开出版物",
    "5.要求行政机关确认或重新出具已获取信息": "5.要求确认或重新出具已获取信息",
}


def _shortened(text: str, report: Report, rng: random.Random) -> str:
    for label, short in SHORT_LABELS.items():
        text = text.replace(label, short)
    return text


# What offices head a row-number column with: 序号 most, but not only (and at times nothing).
SERIAL_HEADERS = (catalog.SERIAL_HEADER, "编号", "No.", "")


def _serial_column(text: str, report: Report, rng: random.Random) -> str:
    """Table 二 with a row-number column before its labels, headed as `rng` draws from
    `SERIAL_HEADERS`: the header before each 信息内容, the rows numbered 1, 2, … below (in
    the pipes layout, a cell a line, each number alone on its line before its label's)."""
    start, end = _table_two(text)
    header = rng.choice(SERIAL_HEADERS)
    lines = text[start:end].split("\n")
    if any(line.endswith(" |") for line in lines):
        return text[:start] + _serial_lines(lines, header) + text[end:]
    numbered, serial = [], 0
    for line in lines:
        separator = "\t" if "\t" in line else "   " if "   " in line else None
        if separator is None or line.startswith("第二十条"):
            numbered.append(line)
        elif line.startswith(catalog.CONTENT_HEADER):
            numbered.append(header + separator + line)
        else:
            serial += 1
            numbered.append(f"{serial}{separator}{line}")
    return text[:start] + "\n".join(numbered) + text[end:]


def _serial_lines(lines: list[str], header: str) -> str:
    """The pipes layout's lines (「cell |」) with the header's cell before each 信息内容's
    and a number's before each row's label: the label whose next filled cell is a figure."""
    filled = [k for k, line in enumerate(lines) if line.strip(" |")]
    figure = re.compile(r"^-?\d")
    numbered, serial = [], 0
    for k, line in enumerate(lines):
        after = next((lines[j] for j in filled if j > k), "")
        if line.startswith(catalog.CONTENT_HEADER):
            numbered.append(f"{header} |")
        elif line.strip(" |") and not figure.match(line) and figure.match(after):
            serial += 1
            numbered.append(f"{serial} |")
        numbered.append(line)
    return "\n".join(numbered)


def _table_two(text: str) -> tuple[int, int]:
    start, end = _ROW["section_2"].search(text), _ROW["section_3"].search(text)
    assert start and end
    return start.end(), end.start()


def _amount_in_yuan(text: str, report: Report, rng: random.Random) -> str:
    """Table 二's amount in 元 (its last figure, the money row's last field), its column's
    header saying so: 「本年收费金额（单位：元）」 (2021), 「采购总金额（元）」 (2019)."""
    start, end = _table_two(text)
    table = text[start:end]
    *_, last = re.finditer(r"\d+(?:\.\d+)?", table)
    yuan = format((Decimal(last.group(0)) * 10000).normalize(), "f")
    table = table[: last.start()] + yuan + table[last.end() :]
    header = rng.choice(("（单位：元）", "（元）"))
    table = table.replace("本年收费金额（单位：万元）", f"本年收费金额{header}")
    table = table.replace("采购总金额", f"采购总金额{header}")
    return text[:start] + table + text[end:]


def _change_in_words(text: str, report: Report, rng: random.Random) -> str:
    """2019's 本年增/减 written 「增加5」/「减少3」, 「增5」/「减3」 or 「↑5」/「↓3」: every
    negative figure of table 二 (only that column has any) and, in tab- or space-aligned
    rows under that column's header, the rise in its second cell (a cell a line: left)."""
    up, down = rng.choice((("增加", "减少"), ("增", "减"), ("↑", "↓")))
    start, end = _table_two(text)
    lines, signed = [], False
    for line in re.sub(r"(?<![\d.])-(\d+)", rf"{down}\1", text[start:end]).split("\n"):
        if line.startswith(catalog.CONTENT_HEADER):
            signed = "本年增/减" in line
        elif signed:
            line = _CHANGE_CELL.sub(rf"\g<1>{up}\2", line)
        lines.append(line)
    return text[:start] + "\n".join(lines) + text[end:]


# A row's second cell when it is a rise: label, first figure, the change.
_CHANGE_CELL = re.compile(r"^(\D+?(?:\t|   )\d+(?:\t|   ))([1-9]\d*)(?=\t|   |$)")


TABLES: dict[str, TableProbe] = {
    "units-line": lambda t, rep, r: _after(_ROW["section_3"], t, "单位：件"),
    "footnote-under-table-3": lambda t, rep, r: _before(
        _ROW["section_4"],
        t,
        f"注：本表统计时限为{rep.year}年1月1日至12月31日，“本年新收”含通过网络提交的申请"
        f"{r.randint(1, 9)}件。",
    ),
    "note-under-table-2": lambda t, rep, r: _before(
        _ROW["section_3"], t, f"注：第二十条第（八）项收费金额单位为万元，共{r.randint(2, 9)}项。"
    ),
    "page-footer-in-table-3": lambda t, rep, r: _before(_ROW["unavailable"], t, "\n— 3 —\n\n"),
    "page-of-pages-in-table-3": lambda t, rep, r: _before(
        _ROW["unavailable"], t, "第 3 页 共 8 页"
    ),
    "running-head-in-table-3": lambda t, rep, r: _before(
        _ROW["unavailable"], t, f"{rep.agency}{rep.year}年政府信息公开工作年度报告"
    ),
    "header-repeated-in-table-3": lambda t, rep, r: _before(
        _ROW["unavailable"], t, _t3_header_lines(t)
    ),
    "prose-after-table-4": lambda t, rep, r: _before(
        _ROW["section_5"],
        t,
        "本年度因政府信息公开被申请行政复议的案件，均已依法答复，未被纠错。",
    ),
    "problems-heading-variant": lambda t, rep, r: t.replace(
        "五、存在的主要问题及改进情况", "五、工作中存在的问题和改进措施"
    ).replace(
        rep.sections["problems"] if rep.sections else "\0",
        "一是公开内容不够全面，2个乡镇更新不及时；二是培训不足，全年仅培训3次。",
    ),
    "headings-parenthesised": lambda t, rep, r: re.sub(
        r"^([二三四五六])、", lambda m: f"（{m.group(1)}）", t, flags=re.M
    ),
    "headings-arabic": lambda t, rep, r: re.sub(
        r"^([二三四五六])、",
        lambda m: f"{'一二三四五六'.index(m.group(1)) + 1}.",
        t,
        flags=re.M,
    ),
    "short-labels": _shortened,
    "sum-as-heji": lambda t, rep, r: t.replace("（七）总计", "（七）合计"),
    "footnote-under-table-4": lambda t, rep, r: _before(
        _ROW["section_5"], t, f"注：行政复议{r.randint(1, 9)}件中，上年结转{r.randint(1, 3)}件。"
    ),
    "serial-column-in-table-2": _serial_column,
    "amount-in-yuan": _amount_in_yuan,
    "change-in-words": _change_in_words,
    "units-lines": lambda t, rep, r: _after(
        _ROW["section_2"], _after(_ROW["section_4"], t, "单位：件"), "单位：件、万元"
    ),
}


def table_probe(name: str, seed: int, layout: Layout = "tabs") -> Probe:
    report, rng = _base(seed)
    text = TABLES[name](render_text(report, layout), report, rng)
    return Probe(f"{name}/{layout}/{seed}", text, report, ())


# Marks that offices type in a cell with nothing to count, by name.
BLANK_MARKS = {"dash": "—", "slash": "/", "hyphen": "-", "wu": "无", "dashes": "——", "fw": "－"}


def blank_marks_probe(name: str, seed: int, layout: Layout = "tabs") -> Probe:
    """The tables' zero cells printed as a blank mark: the truth holds them blank."""
    mark = BLANK_MARKS[name]
    report, _ = _base(seed)
    text = render_text(report, layout)
    start = text.index("第二十条")
    end = text.index("五、存在的主要问题")
    sep = "\t" if layout == "tabs" else "   "
    zero = re.compile(rf"(?<={re.escape(sep)})0(?={re.escape(sep)}|$)", re.M)
    table = zero.sub(mark, text[start:end])
    truth = zeros_blank(report)
    for cells in truth.applications.rows.values():
        cells[:] = [None if c == 0 else c for c in cells]
    for group in ("review", "litigation_direct", "litigation_after_review"):
        appeal = getattr(truth.appeals, group)
        for field in ("upheld", "corrected", "other", "pending", "total"):
            if getattr(appeal, field) == 0:
                setattr(appeal, field, None)
    return Probe(f"blank-{name}/{layout}/{seed}", text[:start] + table + text[end:], truth, ())


def wrapped_probe(seed: int, width: int, wrong: bool = False) -> Probe:
    """Prose broken every `width` characters as pdftotext breaks printed lines (inside
    figures too), with a page footer between two of them."""
    report, rng = _base(seed)
    assert report.year is not None and report.sections is not None
    sentence, violations = PROSE["wrong-received" if wrong else "received-handled"](
        figures(report), rng, report.year
    )
    sections = dict(report.sections)
    sections["overview"] = sentence + "。" + sections["overview"]
    report.sections = sections
    lines = []
    for line in render_text(report, "tabs").split("\n"):
        if "\t" in line or len(line) <= width:
            lines.append(line)
            continue
        pieces = [line[i : i + width] for i in range(0, len(line), width)]
        lines += [*pieces[:1], "", "— 2 —", "", *pieces[1:]] if len(pieces) > 2 else pieces
    name = f"wrapped{'-wrong' if wrong else ''}/{width}/{seed}"
    return Probe(name, "\n".join(lines), report, tuple(violations))


def probes(seeds: range) -> list[Probe]:
    """Every probe over the reports of `seeds`."""
    out = [prose_probe(name, seed) for name in PROSE for seed in seeds]
    out += [
        prose_probe(name, seed, section)
        for name in PROSE
        for seed in seeds
        for section in ("applications", "appeals")
    ]
    out += [
        table_probe(name, seed, layout)
        for name in TABLES
        for seed in seeds
        for layout in ("tabs", "pipes", "spaces")
    ]
    out += [
        blank_marks_probe(name, seed, layout)
        for name in BLANK_MARKS
        for seed in seeds
        for layout in ("tabs", "spaces")
    ]
    out += [
        wrapped_probe(seed, width, wrong)
        for seed in seeds
        for width in (17, 23, 31)
        for wrong in (False, True)
    ]
    return out
