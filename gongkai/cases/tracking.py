"""How an applicant follows a case: the access code given at submission (80 bits, written in
Crockford's base 32 so that it can be read aloud and typed again without mistakes) and the
case number as people type it (〔〕, [], 【】, (), ［］ for the year's brackets, spaces).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
CODE_BITS = 80
CODE_LENGTH = CODE_BITS // 5  # 16 characters
# What a person may type for a character the alphabet leaves out.
CODE_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
OPENERS = "〔[【(［（〖"
CLOSERS = "〕]】)］）〗"


def new_access_code() -> str:
    """A fresh access code: 16 characters from 80 random bits, in groups of four."""
    value = secrets.randbits(CODE_BITS)
    chars = [CODE_ALPHABET[(value >> (5 * i)) & 31] for i in range(CODE_LENGTH)]
    code = "".join(reversed(chars))
    return "-".join(code[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalize_code(typed: str) -> str:
    """The code as typed, made comparable: no spaces or hyphens, upper case, look-alike
    letters read as the digits they stand for (codes of 8 hex digits, given before codes had
    80 bits, come through unchanged)."""
    plain = unicodedata.normalize("NFKC", typed).upper()
    return re.sub(r"[\s\-]", "", plain).translate(CODE_LOOKALIKES)


def code_digest(typed: str) -> str:
    """What is stored of a code (its SHA-256; 80 random bits need no slow hash)."""
    return hashlib.sha256(normalize_code(typed).encode()).hexdigest()


def normalize_number(typed: str) -> str:
    """A case number made comparable: 依申请[2026]1号, 依申请【2026】1号 and
    依申请 ( 2026 ) 1 号 all read as 依申请〔2026〕1号."""
    plain = unicodedata.normalize("NFKC", typed)
    plain = re.sub(r"\s+", "", plain)
    plain = plain.translate(str.maketrans(OPENERS + CLOSERS, "〔" * 7 + "〕" * 7))
    return plain.upper()


# What the applicant reads of a case's state: what is happening and what, if anything, is
# theirs to do — not the office's internal stages (拟办, 审核, 签发 are all "being answered").
PUBLIC_STATES = {
    "submitted": "已提交，等待受理（受理后告知申请编号和答复期限）",
    "invalid": "无效申请，未予受理（理由见说明）",
    "registered": "正在办理",
    "correction": "请您补正申请（见补正告知书），补正后继续办理",
    "consulting": "正在征求第三方或其他机关的意见（期间不计入答复期限）",
    "fee": "请您缴纳信息处理费（见收费通知），缴费后继续办理",
    "extension": "正在办理",
    "drafted": "答复正在审批",
    "reviewed": "答复正在审批",
    "signed": "答复已签发，即将送达",
    "answered": "已答复",
    "delivered": "已答复并送达",
    "archived": "已办结",
    "withdrawn": "您已撤回申请，本机关不再办理",
}

# What the answer decided, in the applicant's words (the annual report's row labels, such as
# 三（三）1.属于国家秘密, are the office's).
PUBLIC_OUTCOMES = {
    "granted": "予以公开：提供您申请的信息",
    "partially_granted": "部分公开：提供可以公开的部分，其余部分不予公开",
    "withheld.state_secret": "不予公开：属于国家秘密",
    "withheld.law_prohibited": "不予公开：属于法律、行政法规禁止公开的信息",
    "withheld.security_stability": "不予公开：公开后可能危及国家安全、公共安全、经济安全、社会稳定",
    "withheld.third_party": "不予公开：公开会损害第三方合法权益",
    "withheld.internal_affairs": "不予公开：属于内部事务信息",
    "withheld.process_info": "不予公开：属于过程性信息",
    "withheld.enforcement_file": "不予公开：属于行政执法案卷信息",
    "withheld.query_matter": "属于行政查询事项：请依照有关法律、行政法规的规定办理",
    "unavailable.not_held": "无法提供：本机关不掌握相关政府信息",
    "unavailable.needs_creation": "无法提供：没有现成信息，需要另行加工、分析才能形成",
    "unavailable.unclear": "无法提供：补正后申请内容仍不明确",
    "not_processed.petition": "不作为政府信息公开申请处理：属于信访、投诉、举报",
    "not_processed.duplicate": "不予重复处理：本机关已就相同申请作出答复",
    "not_processed.publication": "不予处理：所申请的是公开出版物（答复书告知了获取途径）",
    "not_processed.excessive": "不予处理：申请的数量、频次明显超过合理范围",
    "not_processed.confirmation": "不予处理：要求确认或重新出具已获取的信息",
    "other.no_correction": "不再处理：逾期未补正",
    "other.unpaid_fee": "不再处理：逾期未缴纳信息处理费",
    "other.other": "已依法处理（详见答复书）",
}


def public_state(state: str, fallback: str) -> str:
    """The state as the applicant reads it; `fallback` (the office's label) for a state this
    table does not know yet."""
    return PUBLIC_STATES.get(state, fallback)
