"""A planted corpus for copy detection: reports' six sections written in the genre's own
formulaic prose, some of them copied from another report (verbatim, lightly edited, with
paragraphs reordered, or in part).

The hard part is the negatives: every text is drawn from the same banks of stock phrases
that real reports share, every agency has pet phrases it repeats each year, and sections
三 and 四 are nearly the same in every report but for their figures. None of that is a copy.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from gongkai.copies import ReportText

PLACE_CHARS = (
    "青石岭河安平泉阳山江东西南北宁和兴华丰新沙林桥湖城海云龙凤金玉长庆德永嘉昌盛福源溪川坪塘"
)
OFFICES = (
    "人民政府办公室",
    "教育局",
    "生态环境局",
    "自然资源局",
    "住房和城乡建设局",
    "交通运输局",
    "卫生健康委员会",
    "市场监督管理局",
    "人力资源和社会保障局",
    "农业农村局",
    "民政局",
    "财政局",
    "应急管理局",
    "水利局",
    "文化和旅游局",
)
LEVELS = ("县", "市", "区")
TOPICS = (
    "政策解读",
    "政务新媒体管理",
    "依申请公开办理",
    "公开平台建设",
    "基层政务公开标准化规范化建设",
    "重点领域信息公开",
    "政府信息管理",
    "政府信息公开指南和目录编制",
    "政策文件集中发布",
    "互动回应",
    "政府网站栏目维护",
    "信息公开业务培训",
    "公开内容保密审查",
    "解读材料质量",
    "公众参与",
    "申请答复规范性",
    "信息发布时效",
    "主动公开范围",
    "政务数据开放",
    "行政规范性文件管理",
    "政务公开专区建设",
    "财政预决算公开",
    "重大建设项目信息公开",
    "公共资源配置信息公开",
    "社会公益事业信息公开",
    "政务公开考核评议",
    "政务公开工作力量",
    "公开工作制度机制",
    "政策执行情况公开",
    "办事服务信息公开",
)
DEFICITS = (
    "有待加强",
    "有待进一步提高",
    "还不够到位",
    "仍需进一步规范",
    "存在薄弱环节",
    "与上级要求还有差距",
    "不够及时",
    "深度和广度不够",
    "还需进一步完善",
    "有待深化",
)
CLAUSES = (
    "部分工作人员对政府信息公开工作的重要性认识不足",
    "解读形式较为单一",
    "公开内容不够全面",
    "栏目内容更新频率不高",
    "栏目设置不够科学合理",
    "互动回应不够及时",
    "业务培训的覆盖面不广",
    "信息发布审核把关不够严格",
    "工作人员流动性较大",
    "专业力量较为薄弱",
    "公开的主动性和创新性不足",
    "对群众关注的热点问题回应不够",
    "图解、音视频等形式运用较少",
    "部分信息公开不够及时准确",
    "基层公开标准目录落实不够到位",
    "政务新媒体内容原创性不强",
    "依申请公开答复的说理性有待提高",
    "部门之间协调配合不够顺畅",
    "公开的信息可读性不强",
    "监督考核的激励约束作用发挥不够",
    "对新形势下公开工作的研究不够深入",
    "工作人员业务能力有待提升",
    "公开工作缺乏延续性",
    "政策解读的针对性不强",
    "部分栏目存在空白栏目现象",
    "公开载体的集成度不高",
    "信息公开与业务工作结合不够紧密",
    "公众参与的渠道不够畅通",
    "对乡镇和部门的指导督促不够",
    "办理流程还不够规范",
)
MEASURES = (
    "健全完善政务公开工作机制",
    "加强政策解读和回应关切",
    "强化政府信息公开平台建设",
    "推进基层政务公开标准化规范化",
    "加大重点领域信息公开力度",
    "规范依申请公开办理工作",
    "加强业务培训和队伍建设",
    "强化监督考核",
    "提升政务新媒体运维水平",
    "深化政务公开专区建设",
    "严格落实公开审查制度",
    "丰富公开形式和载体",
    "拓展公众参与渠道",
    "加强政府信息管理",
    "推动政策文件集中公开",
)
DETAILS = (
    "定期研究部署{topic}工作",
    "严格落实政府信息公开审查制度",
    "围绕{topic}采用图文、音视频等多种形式开展解读",
    "及时更新{topic}栏目内容",
    "把{topic}纳入年度绩效考核",
    "加强与宣传、网信等部门的协调联动",
    "围绕{topic}及时回应社会关切",
    "组织开展{topic}业务培训{n}场次",
    "规范答复文书格式",
    "完善依申请公开工作流程",
    "推进决策、执行、管理、服务、结果公开",
    "进一步明确公开属性",
    "落实各科室{topic}工作责任",
    "做好政策文件的清理和公开",
    "加强对乡镇和部门的{topic}业务指导",
    "提高信息发布的及时性和准确性",
    "开展{topic}工作自查{n}次",
    "完善政府信息公开指南",
    "建立健全{topic}工作台账",
    "推动公开工作制度化常态化",
    "增强公开实效",
    "切实保障人民群众的知情权、参与权、表达权和监督权",
    "在{place}主动邀请利益相关方和群众代表参与",
    "加强政务新媒体内容审核",
    "优化政府网站{topic}栏目设置",
    "在{place}设立政务公开专区",
    "深入{place}开展{topic}宣传活动",
    "编印{topic}宣传资料{n}份",
)
WORDS = (
    "便民",
    "惠企",
    "阳光",
    "直通",
    "连心",
    "智慧",
    "清风",
    "暖心",
    "快办",
    "民声",
    "同心",
    "先锋",
    "红色",
    "绿色",
    "数字",
    "网格",
    "邻里",
    "乡村",
    "桥头",
    "家门口",
)
CARRIERS = ("服务品牌", "微信公众号", "政务服务专窗", "工作室", "志愿服务队", "宣传栏")
ORDINALS = "一二三四五六"
OPENERS = (
    "{year}年，{agency}政府信息公开工作虽然取得了一定成效，但也存在一些问题和不足，主要表现在：",
    "对照上级要求和群众期盼，{short}政府信息公开工作还存在一些差距，主要是：",
    "{year}年度，{short}政府信息公开工作仍然存在一些问题：",
    "在肯定成绩的同时，我们也清醒地认识到，{short}政务公开工作还存在一些薄弱环节：",
)
TRANSITIONS = (
    "下一步，{short}将认真贯彻落实《中华人民共和国政府信息公开条例》，重点做好以下工作：",
    "针对上述问题，{short}将采取以下措施加以改进：",
    "{next_year}年，{short}将坚持问题导向，着力抓好以下几个方面：",
    "为此，{short}将从以下几个方面加以改进：",
)


@dataclass(frozen=True)
class Agency:
    name: str
    short: str
    pets: tuple[str, ...]


@dataclass(frozen=True)
class PlantedCorpus:
    reports: list[ReportText]
    # (section id, key, key) with the two keys sorted: the planted copies
    copies: set[tuple[str, str, str]]
    kinds: dict[tuple[str, str, str], str]


def agencies(rng: random.Random, count: int) -> list[Agency]:
    names: set[str] = set()
    result: list[Agency] = []
    while len(result) < count:
        place = "".join(rng.sample(PLACE_CHARS, 2)) + rng.choice(LEVELS)
        office = rng.choice(OFFICES)
        name = place + office
        if name in names:
            continue
        names.add(name)
        short = "我" + office[-1] if office[-1] in "局室会" else "我" + place[-1]
        pets = tuple(_pet(rng, place) for _ in range(2))
        result.append(Agency(name, short, pets))
    return result


def _pet(rng: random.Random, place: str) -> str:
    brand = place[:2] + rng.choice(WORDS) + rng.choice(WORDS)
    area = place[:2] + rng.choice(PLACE_CHARS)
    return f"持续打造「{brand}」{rng.choice(CARRIERS)}，在{area}片区试点推行"


def sections(rng: random.Random, agency: Agency, year: int) -> dict[str, str]:
    fill = _filler(rng, agency, year)
    return {
        "overview": _overview(rng, agency, fill),
        "active": fill(
            "本年度{short}制发行政规范性文件{n}件，废止{n}件，现行有效{n}件；"
            "办理行政许可{n}件，行政处罚{n}件。"
        ),
        "applications": fill(
            "{year}年，{short}共收到政府信息公开申请{n}件，上年结转{n}件，办结{n}件，"
            "其中予以公开{n}件，部分公开{n}件，不予公开{n}件，结转下年度继续办理{n}件。"
        ),
        "appeals": fill(
            rng.choice(
                (
                    "本年度{short}未发生因政府信息公开引起的行政复议和行政诉讼。",
                    "本年度{short}因政府信息公开被申请行政复议{n}件，被提起行政诉讼{n}件，结果均为维持。",
                )
            )
        ),
        "problems": _problems(rng, agency, fill),
        "other_matters": fill(
            rng.choice(
                (
                    "本年度{short}未收取信息处理费。",
                    "本年度{short}收取信息处理费{n}元。",
                )
            )
            + "本年度共办理人大代表建议{n}件、政协委员提案{n}件，均已按期办结并公开答复。"
        ),
    }


def _filler(rng: random.Random, agency: Agency, year: int) -> Callable[[str], str]:
    def fill(template: str) -> str:
        parts = template.split("{n}")
        numbered = parts[0] + "".join(str(rng.randint(0, 300)) + p for p in parts[1:])
        return numbered.format_map(
            _Slots(year=year, next_year=year + 1, agency=agency.name, short=agency.short, rng=rng)
        )

    return fill


class _Slots(dict[str, object]):
    """Template slots; each {topic} and {place} is drawn afresh."""

    def __init__(self, rng: random.Random, **values: object) -> None:
        super().__init__(values)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        if key == "topic":
            return self.rng.choice(TOPICS)
        if key == "place":
            return "".join(self.rng.sample(PLACE_CHARS, 2)) + self.rng.choice(
                ("镇", "街道", "社区")
            )
        raise KeyError(key)


def _overview(rng: random.Random, agency: Agency, fill: Callable[[str], str]) -> str:
    lines = [
        fill(
            "{year}年，{agency}坚持以习近平新时代中国特色社会主义思想为指导，"
            "认真贯彻落实《中华人民共和国政府信息公开条例》，"
            + "，".join(rng.sample(DETAILS, 3))
            + "。"
        ),
        fill(
            "全年通过政府门户网站主动公开政府信息{n}条，通过政务新媒体发布信息{n}条，"
            "召开新闻发布会{n}场。"
        ),
    ]
    for _ in range(rng.randint(2, 3)):
        topic = rng.choice(TOPICS)
        lines.append(fill(f"在{topic}方面，" + "，".join(rng.sample(DETAILS, 3)) + "。"))
    if rng.random() < 0.7:
        lines.append(fill(rng.choice(agency.pets) + "，" + rng.choice(DETAILS) + "。"))
    return "\n".join(lines)


def _problems(rng: random.Random, agency: Agency, fill: Callable[[str], str]) -> str:
    lines = [fill(rng.choice(OPENERS))]
    for ordinal, topic in zip(ORDINALS, rng.sample(TOPICS, 3)):
        clauses = "，".join(rng.sample(CLAUSES, rng.randint(2, 3)))
        lines.append(f"{ordinal}是{topic}{rng.choice(DEFICITS)}。{clauses}。")
    lines.append(fill(rng.choice(TRANSITIONS)))
    for ordinal, measure in zip(ORDINALS, rng.sample(MEASURES, 3)):
        details = "，".join(rng.sample(DETAILS, rng.randint(2, 3)))
        lines.append(fill(f"{ordinal}是{measure}。{details}，全年计划开展相关工作{{n}}次。"))
    if rng.random() < 0.5:
        lines.append(rng.choice(agency.pets) + "。")
    return "\n".join(lines)


# ---------------------------------------------------------------- planting copies

KINDS = ("exact", "light", "reorder", "partial")
COPIED_SECTIONS = ("problems", "problems", "overview")


def planted_corpus(
    reports: int,
    seed: int = 2026,
    copy_share: float = 0.1,
    years: tuple[int, ...] = (2021, 2022, 2023, 2024),
    names: Sequence[str] = (),
) -> PlantedCorpus:
    """`reports` reports of agencies with `years` each, in that order (agency by agency);
    `copy_share` of them copy one section from the same agency's previous year (two thirds)
    or another agency. `names`, when given, name the agencies in turn (each still writes
    with its own invented place and pet phrases)."""
    rng = random.Random(seed)
    agency_list = agencies(rng, max(1, -(-reports // len(years))))
    if names:
        agency_list = [replace(a, name=n) for a, n in zip(agency_list, names, strict=False)]
    texts: list[tuple[Agency, int, dict[str, str]]] = [
        (a, y, sections(rng, a, y)) for a in agency_list for y in years
    ][:reports]
    used: set[int] = set()
    copies: set[tuple[str, str, str]] = set()
    kinds: dict[tuple[str, str, str], str] = {}
    for target in rng.sample(range(len(texts)), int(len(texts) * copy_share)):
        source = _source(rng, texts, target, used)
        if source is None:
            continue
        used.update((source, target))
        section_id, kind = rng.choice(COPIED_SECTIONS), rng.choice(KINDS)
        texts[target][2][section_id] = _copy(rng, texts[source], texts[target], section_id, kind)
        pair = (section_id, *sorted((_key(texts[source]), _key(texts[target]))))
        copies.add(pair)  # type: ignore[arg-type]
        kinds[pair] = kind  # type: ignore[index]
    return PlantedCorpus([ReportText(_key(t), t[0].name, t[1], t[2]) for t in texts], copies, kinds)


def _key(text: tuple[Agency, int, dict[str, str]]) -> str:
    return f"{text[0].name}-{text[1]}"


def _source(
    rng: random.Random, texts: list[tuple[Agency, int, dict[str, str]]], target: int, used: set[int]
) -> int | None:
    """Last year's report of the same agency, or (one time in three) any other report;
    a report is copied from or into at most once, so that copies do not chain."""
    if target in used:
        return None
    previous = target - 1
    if rng.random() < 2 / 3 and previous >= 0 and texts[previous][0] == texts[target][0]:
        choice = previous
    else:
        choice = rng.randrange(len(texts))
    if (
        choice in used
        or choice == target
        or (texts[choice][0] == texts[target][0] and choice != previous)
    ):
        return None
    return choice


def _copy(
    rng: random.Random,
    source: tuple[Agency, int, dict[str, str]],
    target: tuple[Agency, int, dict[str, str]],
    section_id: str,
    kind: str,
) -> str:
    text = source[2][section_id]
    text = text.replace(source[0].name, target[0].name).replace(source[0].short, target[0].short)
    text = text.replace(str(source[1]), str(target[1]))
    text = re.sub(r"(?<!\d)\d{1,3}(?!\d)", lambda _: str(rng.randint(0, 300)), text)
    paragraphs = text.split("\n")
    if kind == "light":
        paragraphs = [_edit(rng, p) for p in paragraphs]
        at = rng.randrange(len(paragraphs))
        paragraphs[at] = paragraphs[at].replace("。", "，切实提高工作实效。", 1)
    elif kind == "reorder":
        rng.shuffle(paragraphs)
    elif kind == "partial":
        kept = rng.sample(range(len(paragraphs)), math.ceil(len(paragraphs) * 0.6))
        own = target[2][section_id].split("\n")
        paragraphs = [
            paragraphs[i] if i in kept else own[i % len(own)] for i in range(len(paragraphs))
        ]
    return "\n".join(paragraphs)


def _edit(rng: random.Random, paragraph: str) -> str:
    """A word in about 80 characters changed: what an officer does to last year's text
    (with the figures, changed by every copy, and a phrase added somewhere)."""
    chars = list(paragraph)
    for _ in range(round(len(chars) / 80)):
        at = rng.randrange(len(chars))
        if "\u4e00" <= chars[at] <= "\u9fff":
            chars[at : at + 2] = list(rng.choice(WORDS))
    return "".join(chars)
