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
    Action("add_publication", "登记主动公开信息", HANDLERS),
    Action("set_figure", "填报表二月度数据", HANDLERS),
    Action("manage_people", "管理本机关人员和角色", frozenset({"agency_admin", "administrator"})),
    Action(
        "read_audit", "查阅审计记录", frozenset({"supervisor", "agency_admin", "administrator"})
    ),
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
