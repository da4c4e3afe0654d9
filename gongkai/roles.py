"""Who may do what: the roles people hold at an agency and what each role is needed for.

Pure and typed (no ORM): the web system asks `allows(roles, need)` for a person's roles at
the agency that owns the object, and refuses what is not granted. Statutory steps are tied
to their role here, once: 审核 is the head of the disclosure office's (第四十五条; 延期 also,
第三十三条第二款), 签发 the agency leader's; the procedure's steps and the annual report's
sign-off name the `Need` they take (`gongkai.cases.procedure`, `gongkai.signoff`).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from gongkai.errors import GongkaiError


class Role(StrEnum):
    OFFICER = "officer"  # 政务公开专干: registers, handles, drafts, uploads, compiles
    APPROVER = "approver"  # 审核: the head of the disclosure office
    LEADER = "leader"  # 签发: the agency's leader who signs answers and the annual report
    SUPERVISOR = "supervisor"  # 上级政务公开办: reads the agency and every agency below it
    AGENCY_ADMIN = "agency_admin"  # 机关管理员: gives and takes the agency's roles


ROLE_LABELS: dict[Role, str] = {
    Role.OFFICER: "公开专干",
    Role.APPROVER: "审核（公开工作机构负责人）",
    Role.LEADER: "签发（机关负责人）",
    Role.SUPERVISOR: "监督（含所属机关）",
    Role.AGENCY_ADMIN: "机关管理员",
}


class Need(StrEnum):
    """What an action needs of the person at the object's agency."""

    READ = "read"  # see the agency's unpublished records: drafts, cases, registers
    READ_PERSONAL = "read_personal"  # applicants' names, ID numbers and contact details
    HANDLE = "handle"  # register and handle applications, keep registers, prepare reports
    REVIEW = "review"  # 审核 answers and reports; approve an extension
    ASSIGN = "assign"  # 分办: give a case to a handler, or take it from one to another
    SIGN = "sign"  # 签发 answers and reports
    PUBLISH = "publish"  # publish a signed report
    MANAGE_PEOPLE = "manage_people"  # invite people, give and take roles at the agency
    SET_LETTERS = "set_letters"  # the agency's letter settings: contact, 救济途径, account, seal
    AUDIT = "audit"  # browse and export the audit log
    FIND_COPIES = "find_copies"  # start copy detection over the reports of a region


NEED_LABELS: dict[Need, str] = {
    Need.READ: "查看",
    Need.READ_PERSONAL: "查看申请人身份和联系方式",
    Need.HANDLE: "办理",
    Need.REVIEW: "审核",
    Need.ASSIGN: "分办",
    Need.SIGN: "签发",
    Need.PUBLISH: "发布",
    Need.MANAGE_PEOPLE: "管理人员和角色",
    Need.SET_LETTERS: "设置本机关文书信息",
    Need.AUDIT: "查阅审计记录",
    Need.FIND_COPIES: "查找年度报告重复内容",
}

_OFFICE = frozenset({Role.OFFICER, Role.APPROVER, Role.LEADER})
GRANTS: dict[Need, frozenset[Role]] = {
    Need.READ: _OFFICE | {Role.SUPERVISOR, Role.AGENCY_ADMIN},
    # Supervisors see every case of their region, but applicants only masked: personal data
    # is for the office that handles the application.
    Need.READ_PERSONAL: _OFFICE,
    Need.HANDLE: frozenset({Role.OFFICER, Role.APPROVER}),
    Need.REVIEW: frozenset({Role.APPROVER}),
    # 分办 is the disclosure office head's; an officer may still take an unassigned case or
    # pass on their own (gongkai.cases.assignment).
    Need.ASSIGN: frozenset({Role.APPROVER}),
    Need.SIGN: frozenset({Role.LEADER}),
    Need.PUBLISH: frozenset({Role.OFFICER, Role.APPROVER, Role.LEADER}),
    Need.MANAGE_PEOPLE: frozenset({Role.AGENCY_ADMIN}),
    # What every letter says of the agency is its administrator's to keep, as its people are.
    Need.SET_LETTERS: frozenset({Role.AGENCY_ADMIN}),
    Need.AUDIT: frozenset({Role.SUPERVISOR, Role.AGENCY_ADMIN}),
    # Comparing a region's reports is supervision, and a long run: not the offices' to start.
    Need.FIND_COPIES: frozenset({Role.SUPERVISOR}),
}

# An administrator (superuser) runs the system: reads everything, manages people and the
# audit log, and may handle records (imports for the library); the statutory decisions —
# 审核, 签发 and publication — stay with the people who hold those roles at the agency.
ADMINISTRATOR_NEEDS = frozenset(
    {
        Need.READ,
        Need.READ_PERSONAL,
        Need.HANDLE,
        Need.MANAGE_PEOPLE,
        Need.SET_LETTERS,
        Need.AUDIT,
        Need.FIND_COPIES,
    }
)

# The roles an agency's administrator may give at the agency; supervising a region is given
# by the system's administrators (it reaches every agency below).
AGENCY_GRANTABLE = frozenset({Role.OFFICER, Role.APPROVER, Role.LEADER, Role.AGENCY_ADMIN})

# Roles whose reach is the agency and every agency below it; the others reach their agency.
SUBTREE_ROLES = frozenset({Role.SUPERVISOR})


def allows(roles: Iterable[Role], need: Need, *, administrator: bool = False) -> bool:
    """Whether a person holding `roles` at an agency (or an administrator) may do `need`."""
    if administrator and need in ADMINISTRATOR_NEEDS:
        return True
    return not GRANTS[need].isdisjoint(roles)


def roles_for(need: Need) -> frozenset[Role]:
    return GRANTS[need]


def holders(need: Need) -> str:
    """The roles granted `need`, as a person reads them: 审核（公开工作机构负责人）."""
    return "或".join(ROLE_LABELS[r] for r in Role if r in GRANTS[need])


class NotPermitted(GongkaiError):
    """A step taken by someone whose roles do not include it."""

    code = "roles.not_permitted"
    http_status = 403
