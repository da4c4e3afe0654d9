"""An audit event's before and after as a person reads them: fields and values in Chinese
(公开专干, 已答复，待送达, 表三（七）「自然人」), never the stored keys."""

from __future__ import annotations

from typing import Any

from gongkai import catalog
from gongkai.cases.procedure import STATE_LABELS, State
from gongkai.cells import cell_label
from gongkai.roles import ROLE_LABELS, Role
from gongkai.signoff import STEP_LABELS, SignoffStep
from gongkai.web.cases.models import Application, mask, outcome_label

CHANNELS = dict(Application.Channel.choices)

FIELDS = {
    "username": "用户名",
    "role": "角色",
    "roles": "角色",
    "agency": "机关",
    "status": "状态",
    "version": "版本",
    "errors": "错误",
    "warnings": "提示",
    "source": "原文件",
    "batch": "导入批次",
    "files": "文件",
    "year": "年度",
    "reports": "报告",
    "acknowledged": "已核对机关和年度",
    "step": "审签环节",
    "published_on": "发布日期",
    "edition": "版次",
    "replaces": "替代的报告",
    "cell": "单元格",
    "value": "原值",
    "new": "新值",
    "cleared": "消除的问题",
    "introduced": "新出现的问题",
    "state": "状态",
    "on": "办理日期",
    "channel": "申请方式",
    "number": "编号",
    "label": "步骤",
    "due_on": "答复期限",
    "outcome": "办理结果",
    "fee_yuan": "信息处理费（元）",
    "delivery_method": "送达方式",
    "request": "申请内容",
    "parts": "拆分后的申请",
    "attachment": "附件",
    "name": "名称",
    "size": "大小（字节）",
    "kind": "类别",
    "title": "标题",
    "doc_number": "文号",
    "formed_on": "制发日期",
    "repealed_on": "废止日期",
    "interpretation": "政策解读",
    "month": "月份",
    "row": "事项",
    "application": "所涉申请",
    "filed_on": "申请（起诉）日期",
    "result": "结果",
    "decided_on": "决定日期",
    "agencies": "机关",
    "figures": "数据",
    "file": "文件",
    "active": "账号可用",
    "prefix": "令牌前缀",
    "body": "正文",
    "problems": "无法读取的文件",
    "email": "电子邮箱",
    "first_name": "姓名",
    "is_active": "账号可用",
    "is_superuser": "系统管理员",
    "password": "密码",
    "level": "层级",
    "parent": "上级",
    "case_number_pattern": "申请编号格式",
    # Released files and the agency's letter settings (issue 12).
    "release": "公开的信息文件",
    "boxes": "遮盖区域（处）",
    "accepts_applications": "受理政府信息公开申请",
    "contact_person": "联系人",
    "phone": "联系电话",
    "address": "通讯地址",
    "review_body": "复议机关",
    "court": "管辖法院",
    "payment_method": "缴费方式",
    "payment_account": "收款账户",
    "seal": "印章图片",
    "items": "补正事项",
    "days": "补正期限（工作日）",
    "addressee": "征求意见对象",
    "party": "征求意见对象类别",
    "basis_kind": "计收方式",
    "quantity": "计收件数或页数",
    "earlier_items": "本月此前已申请件数",
    "provided": "提供的信息",
    "form": "提供形式",
    "withheld": "不予公开的内容",
    "ground": "不予公开的理由",
    "answer_reason": "答复说明",
    "where_public": "已主动公开的途径",
    "referral": "告知的负责机关",
    "population": "常住人口",
    "collection": "收录集",
    "sources": "导入的文件夹、压缩包或清单",
    "workers": "读取进程数",
    "host": "计算机",
    "read": "读取",
    "stored": "收录",
    "pending": "待确认机关",
    "failed": "无法读取",
    "known": "此前已导入",
    "duplicates": "重复文件",
    "pages": "页数",
    "report": "报告",
    "candidates": "可能的机关",
    "run": "批量导入",
    "received_on": "收到申请日期",
    "applicant_type": "申请人类型",
    "applicant_name": "申请人姓名或名称",
    "contact": "联系方式",
    "wanted_form": "获取信息的方式",
    "assignee": "承办人",
    "provisional": "期限暂定",
    "holidays": "放假的工作日",
    "workdays": "调休上班日",
    "summary": "内容摘要",
    "region": "地区",
    "compared": "比较的报告（份）",
    "copies": "发现重复（处）",
}
# Applicants' identity: the audit page (supervisors, administrators) shows it masked; the
# case's own history shows it to the handling office (gongkai.roles: READ_PERSONAL).
PERSONAL = frozenset({"applicant_name", "contact"})
_RANK = {key: n for n, key in enumerate(FIELDS)}
# Stored beside a readable twin (the step's label), so not shown twice.
HIDDEN = frozenset({"action"})
STATUS = {
    "draft": "草稿",
    "published": "已发布",
    "superseded": "已被更正版本替代",
    "queued": "排队等待读取",
    "reading": "正在读取",
    "ready": "已读取，待确认",
    "failed": "有文件无法读取",
    "imported": "已导入",
}


def describe(values: dict[str, Any] | None, *, personal: bool = False) -> str:
    """字段：值；字段：值 — for the audit page and its export (applicants masked unless
    `personal`)."""
    if not values:
        return ""
    # In the order of FIELDS, whatever order the database gives (PostgreSQL's jsonb sorts).
    keys = sorted((k for k in values if k not in HIDDEN), key=lambda k: _RANK.get(k, len(_RANK)))
    return "；".join(
        f"{FIELDS.get(key, key)}：{_shown(key, values[key], personal)}" for key in keys
    )


def _shown(key: str, value: Any, personal: bool) -> str:
    if key in PERSONAL and not personal and isinstance(value, str):
        return mask(value)
    return _value(key, value)


def _value(key: str, value: Any) -> str:
    if isinstance(value, list):
        if key in ("cleared", "introduced"):
            return f"{len(value)}处"
        return "、".join(_value(key, v) for v in value) or "无"
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None or value == "":
        return "（空）"
    return _named(key, str(value))


def _named(key: str, text: str) -> str:
    if key in ("role", "roles") and text in Role.__members__.values():
        return ROLE_LABELS[Role(text)]
    if key == "state" and text in State.__members__.values():
        return STATE_LABELS[State(text)]
    if key == "step" and text in SignoffStep.__members__.values():
        return STEP_LABELS[SignoffStep(text)]
    if key == "status":
        return STATUS.get(text, text)
    if key == "cell":
        return cell_label(text)
    if key == "outcome" and text in catalog.ALL_APPLICATION_ROWS:
        return outcome_label(text)
    if key == "channel":
        return CHANNELS.get(text, text)
    if key == "applicant_type":
        return catalog.COLUMN_LABELS.get(text, text)
    return text
