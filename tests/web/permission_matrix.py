"""Who may do what: the permission matrix, written out by hand.

Each action lists the roles that may do it at an agency where they hold their role (a
supervisor: at an agency below the one it supervises). `tests/web/test_permissions.py`
checks every role × action × (own agency, another agency) against the running system, on
SQLite and PostgreSQL; docs/permissions.md is generated from this table (cog).

The table is the specification, not a copy of the code: `gongkai/roles.py` could be wrong
and this test would say so.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = (
    "anonymous",
    "no_role",
    "officer",
    "approver",
    "leader",
    "supervisor",
    "outside_supervisor",
    "agency_admin",
    "administrator",
)
ROLE_NAMES = {
    "anonymous": "未登录",
    "no_role": "无角色",
    "officer": "公开专干",
    "approver": "审核",
    "leader": "签发",
    "supervisor": "上级监督",
    "outside_supervisor": "其他地区监督",
    "agency_admin": "机关管理员",
    "administrator": "系统管理员",
}
OFFICE = frozenset({"officer", "approver", "leader"})
READERS = OFFICE | {"supervisor", "agency_admin", "administrator"}
HANDLERS = frozenset({"officer", "approver", "administrator"})


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    allowed: frozenset[str]  # at the object's agency (supervisor: the agency above it)
    api: bool = False  # called with a token (refusals in the API's error shape)
    system: bool = False  # system-wide, no agency's: refused with 403 to every signed-in person


ACTIONS = (
    Action("view_report", "查看未发布的报告", READERS),
    Action("upload_report", "上传报告文件", HANDLERS),
    Action("view_batch", "查看导入批次", HANDLERS),
    Action("correct_report", "更正草稿单元格", HANDLERS),
    Action("submit_report", "年度报告拟稿提交", HANDLERS),
    Action("review_report", "年度报告审核", frozenset({"approver"})),
    Action("sign_report", "年度报告签发", frozenset({"leader"})),
    Action("publish_report", "发布已签发的报告", OFFICE),
    Action("revise_report", "更正已发布的报告（生成更正稿）", HANDLERS),
    Action("compile_report", "按登记数据编制年度报告", HANDLERS),
    Action("view_case", "查看申请（申请人信息按角色遮盖）", READERS),
    Action("register_case", "登记申请", HANDLERS),
    Action("officer_step", "办理步骤（如告知补正）", HANDLERS),
    Action("approve_extension", "批准延期", frozenset({"approver"})),
    Action("review_case", "审核答复", frozenset({"approver"})),
    Action("sign_case", "签发答复", frozenset({"leader"})),
    Action("case_letter", "下载文书（含申请人信息）", OFFICE | {"administrator"}),
    Action("view_releases", "查看公开的信息文件", READERS),
    Action("add_release", "上传公开的信息文件", HANDLERS),
    Action("redact_release", "区分处理（遮盖不予公开的内容）", HANDLERS),
    Action("remove_release", "删除公开的信息文件", HANDLERS),
    Action("add_publication", "登记主动公开信息", HANDLERS),
    Action("set_figure", "填报表二月度数据", HANDLERS),
    Action("manage_people", "管理本机关人员和角色", frozenset({"agency_admin", "administrator"})),
    Action("set_letters", "设置本机关文书信息", frozenset({"agency_admin", "administrator"})),
    Action(
        "read_audit", "查阅审计记录", frozenset({"supervisor", "agency_admin", "administrator"})
    ),
    Action("rank_agencies", "查看本地区各机关排名", READERS),
    Action("view_standing", "查看本地区各机关年报情况", READERS),
    Action("view_trends", "查看本地区指标逐年趋势", READERS),
    Action("view_distributions", "查看本地区指标分布与离群机关", READERS),
    Action("compare_reports", "两份年报逐格对比", READERS),
    Action("agency_responses", "查看机关的答复用时统计（承办人仅本机关可见）", READERS),
    Action("region_responses", "查看所辖各机关的答复用时", READERS),
    Action("view_copies", "查看年度报告重复内容（监督信息）", READERS),
    Action("view_copy_pair", "并排查看两份报告重复的段落", READERS),
    Action(
        "find_copies", "查找所辖机关年度报告的重复内容", frozenset({"supervisor", "administrator"})
    ),
    Action(
        "view_collections",
        "查看批量收录和待确认机关的报告",
        frozenset({"administrator"}),
        system=True,
    ),
    Action("assign_collected", "确认批量收录报告的机关", frozenset({"administrator"})),
    Action("dismiss_collected", "不予收录", frozenset({"administrator"}), system=True),
    Action("view_ledger", "查看、导出申请台账（申请人信息按角色遮盖）", READERS),
    Action("confirm_intake", "确认受理网上申请", HANDLERS),
    Action("set_aside_application", "网上申请作无效处理", HANDLERS),
    Action("withdraw_case", "记录申请人撤回申请", HANDLERS),
    Action("claim_case", "认领未分办的申请", HANDLERS),
    Action("assign_case", "分办（将申请交他人承办）", frozenset({"approver"})),
    Action("correct_case", "更正申请信息", HANDLERS),
    Action("correct_publication", "更正主动公开信息", HANDLERS),
    Action("correct_figure", "更正表二月度数据", HANDLERS),
    Action("correct_appeal", "更正行政复议或诉讼", HANDLERS),
    Action("add_calendar_year", "录入年度放假安排", frozenset({"administrator"}), system=True),
    Action("api_correct", "接口：更正草稿单元格", HANDLERS, api=True),
    Action("api_publish", "接口：发布已签发的报告", OFFICE, api=True),
)


def holds_at_other(role: str, action: Action) -> bool:
    """Allowed on the other agency's object: the administrator everywhere; the supervisor
    of that other region only for what supervisors may do anywhere in their region."""
    if role == "administrator":
        return "administrator" in action.allowed
    if role == "outside_supervisor":
        return "supervisor" in action.allowed
    return False


def sees(role: str, other: bool) -> bool:
    """Whether the role sees the agency's unpublished records at all (else: 404)."""
    view = ACTIONS[0]
    return holds_at_other(role, view) if other else role in view.allowed


def markdown() -> str:
    """The matrix as a Markdown table: ✓ allowed at the person's own agency."""
    shown = [r for r in ROLES if r not in ("anonymous", "outside_supervisor")]
    lines = [
        "| 操作 | " + " | ".join(ROLE_NAMES[r] for r in shown) + " |",
        "|---|" + "---|" * len(shown),
    ]
    for action in ACTIONS:
        marks = ["✓" if r in action.allowed else "" for r in shown]
        lines.append(f"| {action.label} | " + " | ".join(marks) + " |")
    return "\n".join(lines)
