"""The letters of the procedure: every kind and every outcome goes out complete, with its
article, contact line and 救济途径, and without a punctuation mistake whatever is typed."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.cases.answers import GROUNDS, REGULATION, Answer, decision_text
from gongkai.cases.letters import (
    DEFAULTS,
    AgencyDetails,
    Consultation,
    Correction,
    Extension,
    Facts,
    FeeBasis,
    FeeNotice,
    LetterCase,
    LetterError,
    Wording,
    compose,
    fill,
    letter_gaps,
    letter_kind,
    letter_problems,
    letter_values,
    write_letter,
)
from gongkai.cases.placeholders import KINDS, PLACEHOLDERS, check_wording, placeholders_for
from gongkai.cases.proofread import clause, punctuation_problems
from gongkai.cases.table import OUTCOME_ROWS
from gongkai.render.letter import letter_docx, letter_html, letter_pdf, signature
from gongkai.workdays import Deadline

AGENCY = AgencyDetails(
    name="盐池县人民政府办公室",
    contact_person="王五",
    phone="0953-6012345",
    address="盐池县花马池镇政府路1号",
    review_body="盐池县人民政府",
    court="盐池县人民法院",
    payment_method="银行转账（请注明申请编号）",
    payment_account="户名：盐池县财政局；账号：62000000",
)
CASE = LetterCase(
    "盐政办依申请〔2025〕12号", "张三丰", dt.date(2025, 9, 28), "本县2024年学校布局调整方案。"
)
ON = dt.date(2025, 10, 9)
FULL_ANSWER = {
    "provided": "《盐池县2024年学校布局调整方案》",
    "form": "电子文档，通过电子邮件发送",
    "withheld": "论证材料中个人的身份证号码",
    "ground": "withheld.third_party",
    "reason": "经检索本机关公文系统和档案。",
}


# No article of the Regulation governs these two rows of table 三: a request to confirm or
# re-issue what the applicant has (a practice category), and 其他.
UNARTICLED = ("not_processed.confirmation", "other.other")


def _kinds() -> dict[str, Facts]:
    return {
        "correction": Correction("请写明所需资金文件的文号"),
        "consultation": Consultation("某某建设工程有限公司"),
        "consultation_agency": Consultation("盐池县教育体育局", "agency"),
        "extension": Extension("需要调取的档案数量较多", Deadline(dt.date(2025, 12, 15))),
        "fee": FeeNotice(
            Decimal(100), Deadline(dt.date(2025, 11, 6)), FeeBasis("items", 1, earlier_items=12)
        ),
        "answer": Answer("granted", provided="《方案》", form="纸质复印件"),
    }


def test_a_request_ending_in_a_full_stop_is_quoted_without_doubling_it() -> None:
    """Issue 12: 「。”。」 in every letter whose request ended with a full stop."""
    letter = write_letter(CASE, AGENCY, Correction("请写明文号。"), ON)
    assert "申请公开“本县2024年学校布局调整方案”。" in letter.paragraphs[1]
    assert "补正：请写明文号。" in letter.paragraphs[1]
    assert letter_problems(letter) == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_letter_is_complete_and_clean(kind: str) -> None:
    facts = _kinds()[kind]
    assert letter_kind(facts) == kind
    letter = write_letter(CASE, AGENCY, facts, ON)
    assert letter_problems(letter) == []
    assert letter_gaps(AGENCY, facts) == []
    assert letter.note == (
        "（联系人：王五；联系电话：0953-6012345；通讯地址：盐池县花马池镇政府路1号）"
    )
    assert letter.title == DEFAULTS[kind].title and letter.sender == "盐池县人民政府办公室"


@pytest.mark.parametrize("outcome", OUTCOME_ROWS)
def test_every_outcome_answers_with_its_article_and_the_remedy(outcome: str) -> None:
    for facts in (Answer(outcome), Answer(outcome, **FULL_ANSWER)):
        letter = write_letter(CASE, AGENCY, facts, ON)
        assert letter_problems(letter) == [], (outcome, letter.paragraphs)
        decision, remedy = letter.paragraphs[2], letter.paragraphs[3]
        if outcome not in UNARTICLED:
            assert re.search(r"第[一二三四五六七八九十]+条", decision), decision
        assert remedy == (
            "如对本答复不服，可以自收到本答复之日起60日内向盐池县人民政府申请行政复议，"
            "或者自收到本答复之日起6个月内向盐池县人民法院提起行政诉讼。"
        )


def test_the_partly_granted_answer_says_what_how_what_not_and_why() -> None:
    answer = Answer("partially_granted", **FULL_ANSWER)
    assert decision_text(answer) == (
        "经审查，您申请公开的信息中含有不应当公开的内容，但能够作区分处理。"
        f"根据{REGULATION}第三十七条的规定，本机关向您提供可以公开的内容：《盐池县2024年学校布局调整方案》。"
        "提供形式：电子文档，通过电子邮件发送。"
        f"其中，论证材料中个人的身份证号码公开会损害第三方合法权益，根据{REGULATION}第十五条的规定，不予公开。"
        "具体理由：经检索本机关公文系统和档案。"
    )


def test_the_answers_other_wordings() -> None:
    assert decision_text(Answer("granted", where_public="本机关门户网站“政府信息公开”栏目")) == (
        f"经审查，您申请公开的信息本机关已经主动公开。根据{REGULATION}第三十六条第（一）项的规定，"
        "告知您获取该信息的方式和途径：本机关门户网站“政府信息公开”栏目。"
    )
    assert decision_text(
        Answer("unavailable.not_held", referral="该信息由县教育体育局负责公开")
    ) == (
        f"经审查，您申请公开的信息不属于本机关负责公开。根据{REGULATION}第三十六条第（五）项的规定，"
        "告知您：该信息由县教育体育局负责公开。"
    )
    assert decision_text(Answer("withheld.state_secret", reason="该文件标有密级")) == (
        f"经审查，您申请公开的信息属于国家秘密。根据{REGULATION}第十四条和第三十六条第（三）项的规定，"
        "本机关不予公开。具体理由：该文件标有密级。"
    )
    assert set(GROUNDS) < set(OUTCOME_ROWS)


def test_the_fee_notice_states_amount_basis_deadline_and_account() -> None:
    fee = FeeNotice(
        Decimal(300), Deadline(dt.date(2027, 1, 22), provisional=True), FeeBasis("items", 2, 11)
    )
    letter = write_letter(CASE, AGENCY, fee, ON)
    assert letter.paragraphs[1].endswith(
        "本机关依法收取信息处理费300元。计收方式：按件计收（国办函〔2020〕109号第四条），本申请计2件，"
        "为您本自然月内提出的第12件至第13件；同一申请人一个自然月内累计申请10件以下（含10件）的不收费，"
        "11至30件的部分每件100元，31件以上的部分以10件为一档，每增加一档，收费标准每件提高100元。"
    )
    assert letter.paragraphs[2] == (
        "请您于2027年1月22日（暂定）前（本通知发出之日起20个工作日内）缴纳。"
        "缴费方式：银行转账（请注明申请编号）；户名：盐池县财政局；账号：62000000。"
    )
    assert letter_gaps(AGENCY, fee) == ["收费金额300元与按国办函〔2020〕109号标准计算的200元不一致"]
    pages = FeeNotice(Decimal(720), fee.pay_due, FeeBasis("pages", 101))
    assert "提供信息共101页" in write_letter(CASE, AGENCY, pages, ON).paragraphs[1]
    assert letter_gaps(AGENCY, pages) == []


def test_the_consultation_letters_cite_their_own_article() -> None:
    third = write_letter(CASE, AGENCY, Consultation("某某公司"), ON)
    other = write_letter(CASE, AGENCY, Consultation("县教育体育局", "agency"), ON)
    assert third.paragraphs[0] == "某某公司：" and "第三十二条" in third.paragraphs[1]
    assert other.paragraphs[0] == "县教育体育局：" and "第三十四条" in other.paragraphs[1]
    assert other.paragraphs[2] == (
        "请贵机关自收到本函之日起15个工作日内提出书面意见。逾期未提出意见的，视为同意公开。"
    )
    assert "张三丰" not in " ".join(third.paragraphs + other.paragraphs)  # the applicant unnamed


def test_an_agency_without_its_settings_is_told_what_its_letters_lack() -> None:
    bare = AgencyDetails("某县人民政府办公室")
    answer = Answer("partially_granted")
    assert letter_gaps(bare, answer) == [
        "本机关的文书设置中没有联系人或联系电话，文书的附注无法写明",
        "本机关的文书设置中没有复议机关或管辖法院，答复书的救济途径无法写明向谁申请复议、提起诉讼",
        "答复书没有写明提供的信息（名称或内容）",
        "答复书没有写明提供信息的形式（如纸质复印件、电子文档）",
        "部分公开的答复书没有写明不予公开的内容",
        "部分公开的答复书没有写明不予公开部分的理由（表三（三）中的一项）",
    ]
    letter = write_letter(CASE, bare, answer, ON)
    assert letter.note == "" and letter_problems(letter) == []
    assert letter.paragraphs[3] == (
        "如对本答复不服，可以自收到本答复之日起60日内依法申请行政复议，"
        "或者自收到本答复之日起6个月内依法提起行政诉讼。"
    )


def test_a_value_without_chinese_gets_full_width_brackets_in_its_chinese_sentence() -> None:
    """Found by the property below: 「0(2024)」 typed into an answer made 「第0(2024)公开」."""
    assert clause("0(2024)") == "0（2024）"
    assert clause("文件(2024)") == "文件（2024）"


typed = (
    st.text(
        alphabet=st.sampled_from("申请公开预算文件第号年月日一二三0123456789 abc"),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(bool)
)
endings = st.sampled_from(["", "。", "；", ".", "。。", "，", "!", "？"])
brackets = st.sampled_from(["", "（2024）", "(2024)", "“方案”", "《办法》"])


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(st.tuples(typed, brackets, endings), min_size=8, max_size=8),
    outcome=st.sampled_from(OUTCOME_ROWS),
    kind=st.sampled_from(KINDS),
)
def test_no_typed_value_makes_a_punctuation_mistake_in_any_letter(
    words: list[tuple[str, str, str]], outcome: str, kind: str
) -> None:
    value = ["".join(parts) for parts in words]
    case = LetterCase(CASE.number, value[0], CASE.received, value[1])
    facts: dict[str, Facts] = {
        "correction": Correction(value[2]),
        "consultation": Consultation(value[2]),
        "consultation_agency": Consultation(value[2], "agency"),
        "extension": Extension(value[2], Deadline(dt.date(2027, 1, 18), True)),
        "fee": FeeNotice(Decimal("12.5"), Deadline(dt.date(2027, 1, 18)), FeeBasis("pages", 31)),
        "answer": Answer(
            outcome,
            provided=value[3],
            form=value[4],
            withheld=value[5],
            ground="withheld.third_party",
            reason=value[6],
            referral=value[7],
        ),
    }
    letter = write_letter(case, AGENCY, facts[kind], ON)
    assert letter_problems(letter) == []


def test_the_punctuation_checker_names_each_mistake() -> None:
    text = "申请公开“方案。”。见附件。。理由是：。详见（）,以及{fee}元“"
    assert punctuation_problems(text) == [
        "标点重复：“请公开“方案。”。见附件。。理”",  # 。”。
        "标点重复：“。”。见附件。。理由是：。详”",  # 。。
        "标点重复：“件。。理由是：。详见（）,以”",  # ：。
        "括号或引号中没有内容：“由是：。详见（）,以及{fe”",
        "中文中使用了半角标点：“：。详见（）,以及{fee”",
        "有未填写的内容：{fee}",
        "「“」与「”」的数目不一致",
    ]


def test_placeholders_are_listed_for_the_editor_and_fill_every_default() -> None:
    names = [p.name for p in PLACEHOLDERS]
    assert len(names) == len(set(names)) and all(p.description for p in PLACEHOLDERS)
    for kind in KINDS:
        assert check_wording(kind, DEFAULTS[kind].title, DEFAULTS[kind].body) == []
        values = letter_values(CASE, AGENCY, _kinds()[kind], ON)
        assert {p.name for p in placeholders_for(kind)} - {"regulation"} <= set(values), kind


def test_every_placeholder_is_documented() -> None:
    from pathlib import Path

    docs = (Path(__file__).parents[1] / "docs" / "cases.md").read_text("utf-8")
    missing = [p.token for p in PLACEHOLDERS if f"| `{p.token}` |" not in docs]
    assert missing == []


def test_an_administrators_wording_is_checked_before_it_is_saved() -> None:
    body = "{applicant}：\n\n本机关收到您的申请{number，请于{pay_due}前缴纳。。"
    assert check_wording("answer", "答复书{title}", body) == [
        "标题：没有“{title}”这一填写项",
        "正文：大括号不配对（“umber，请于{”附近）",
        "缺少“{decision}”（答复内容：按办理结果写明提供什么、以何种形式提供，不予公开的内容、理由和依据）",
        "缺少“{remedy}”（救济途径：60日内向复议机关申请行政复议，6个月内向法院提起诉讼）",
        "正文：标点重复：“请于某前缴纳。。”",
    ]
    body = "{applicant}：\n\n{decision}{fee:.2f}{0}\n\n{remedy}{x.y}{fee}"
    assert check_wording("answer", "答复书", body) == [
        "正文：大括号内只写填写项的名称，不能写{0}、{x.y}、{fee:.2f}",
        "正文：“{fee}”只能用于收费通知",
    ]


def test_a_mistyped_letter_template_shows_its_mistake() -> None:
    letter = compose(
        Wording("告知书", "{applicant}：\n\n您的{unknown}申请{number}。"),
        {"applicant": "张三", "number": "〔2025〕1号"},
        "某县人民政府办公室",
        "〔2025〕1号",
        dt.date(2025, 10, 9),
    )
    assert letter.paragraphs == ["张三：", "您的{unknown}申请〔2025〕1号。"]
    assert letter_problems(letter) == ["有未填写的内容：{unknown}"]
    with pytest.raises(LetterError, match="大括号不配对"):
        fill("申请{number", {})


def _seal() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((5, 5, 195, 195), outline=(220, 30, 30, 255), width=8)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_the_word_letter_is_laid_out_as_a_sealed_document() -> None:
    sealed = AgencyDetails(**{**AGENCY.__dict__, "seal": _seal()})
    letter = write_letter(CASE, sealed, _kinds()["answer"], ON)
    document = Document(io.BytesIO(letter_docx(letter)))
    texts = [p.text for p in document.paragraphs]
    assert texts == [
        letter.title,
        letter.number,
        "",
        *letter.paragraphs,
        "",
        "盐池县人民政府办公室",
        "2025年10月9日",
        letter.note,
    ]
    sender, date = document.paragraphs[-3], document.paragraphs[-2]
    # 日期右空四字; the name (10 characters) centred over the date (6.5 characters wide: seven
    # digits at half a character each, three characters).
    assert date.paragraph_format.right_indent.pt == 64
    assert sender.paragraph_format.right_indent.pt == pytest.approx(16 * 2.25)
    anchors = document.element.body.findall(".//{*}anchor")
    assert len(anchors) == 1 and anchors[0].get("behindDoc") == "1"


def test_the_signature_is_centred_on_the_date() -> None:
    where = signature("某县人民政府办公室", "2025年10月9日")
    assert (where.sender_right, where.date_right) == (2.75, 4)
    assert signature("某局", "2025年10月9日").sender_right == 6.25


def test_the_pdf_letter_has_every_line_and_the_seal() -> None:
    import pdfplumber

    sealed = AgencyDetails(**{**AGENCY.__dict__, "seal": _seal()})
    letter = write_letter(CASE, sealed, _kinds()["fee"], ON)
    assert 'class="seal"' in letter_html(letter)
    with pdfplumber.open(io.BytesIO(letter_pdf(letter))) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages).replace("\n", "")
        images = sum(len(page.images) for page in pdf.pages)
    for line in [letter.title, *letter.paragraphs, letter.sender, "2025年10月9日", letter.note]:
        assert line in text
    assert images == 1
