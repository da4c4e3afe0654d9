"""One audit log for the whole system: every change, by whom, where, from what to what, why.

Event types are numbered by family (报告 1xx, 申请 2xx, 登记簿 3xx, 机关 4xx, 人员 5xx,
令牌 6xx, 工作日历 7xx); numbers are stable and never reused. The log is append-only:
an event is written once by the action that made the change and never updated or deleted
through the application (`save` of an existing event, `delete` and the queryset's
`update`/`delete` are refused).

Columns:
- `event_type`: what happened (the numbered type);
- `user`: who did it (empty for the public — an online application — or the system);
- `agency`: the agency whose record changed (empty for system-wide changes);
- `object_type` + `object_id`: the record that changed ("report" 12, "case" 7, …);
- `at`: when;
- `before` / `after`: the changed fields as they were and as they became (JSON);
- `reason`: the reason or note the person gave.
"""

from __future__ import annotations

from typing import Any, ClassVar, NoReturn

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class EventType(models.IntegerChoices):
    # 1xx the annual report
    REPORT_IMPORTED = 101, "导入年度报告"
    REPORT_COMPILED = 102, "按登记数据编制年度报告"
    REPORT_RECOMPILED = 103, "重新编制年度报告"
    REPORT_CORRECTED = 104, "更正单元格"
    REPORT_SIGNED_OFF = 105, "年度报告审签"
    REPORT_PUBLISHED = 106, "发布年度报告"
    REPORT_REVISION_STARTED = 107, "更正已发布的年度报告（新版本）"
    REPORT_COLLECTED = 108, "收录已公开的年度报告"
    IMPORT_QUEUED = 110, "上传报告文件"
    IMPORT_READ = 111, "读取上传的报告文件"
    IMPORT_CONFIRMED = 112, "确认导入"
    IMPORT_RETRIED = 113, "重新读取上传的文件"
    IMPORT_PURGED = 114, "清除读取失败的上传文件"
    INGEST_STARTED = 115, "开始批量导入"
    REPORTS_COLLECTED = 116, "批量收录年度报告"
    INGEST_FINISHED = 117, "批量导入结束"
    COLLECTED_ASSIGNED = 118, "确认收录报告的机关"
    COLLECTED_DISMISSED = 119, "不予收录"
    COPIES_FOUND = 120, "查找年度报告重复内容"
    # 2xx applications
    CASE_REGISTERED = 201, "登记申请"
    CASE_STEP = 202, "办理步骤"
    CASE_SPLIT = 203, "拆分申请"
    CASE_ATTACHMENT_ADDED = 204, "上传申请附件"
    # 23x: what an answer releases (issue 12, the applicant's side)
    RELEASE_ADDED = 230, "上传公开的信息文件"
    RELEASE_REDACTED = 231, "区分处理（遮盖不予公开的内容）"
    RELEASE_REMOVED = 232, "删除公开的信息文件"
    # 22x the office's own handling of the register (issue 12)
    CASE_SUBMITTED = 220, "网上提交申请（待受理）"
    CASE_RECEIPT_CONFIRMED = 221, "确认受理网上申请"
    CASE_SET_ASIDE = 222, "作无效申请处理"
    CASE_WITHDRAWN = 223, "申请人撤回申请"
    CASE_ASSIGNED = 224, "分办（指定承办人）"
    CASE_CORRECTED = 225, "更正申请信息"
    # 3xx registers
    PUBLICATION_ADDED = 301, "登记主动公开信息"
    FIGURE_SET = 303, "填报表二月度数据"
    FIGURES_IMPORTED = 304, "导入表二月度数据"
    APPEAL_ADDED = 305, "登记行政复议或诉讼"
    PUBLICATION_CORRECTED = 320, "更正主动公开信息"
    FIGURE_CORRECTED = 321, "更正表二月度数据"
    APPEAL_CORRECTED = 322, "更正行政复议或诉讼"
    # 4xx agencies
    AGENCY_CREATED = 401, "新增机关"
    AGENCY_CHANGED = 402, "修改机关"
    AGENCIES_IMPORTED = 403, "导入机关名录"
    LETTER_WORDING_SET = 404, "修改文书模板"
    LETTER_SETTINGS_SET = 410, "修改本机关文书设置"
    POPULATION_IMPORTED = 405, "导入地区人口"
    # 5xx people
    PERSON_INVITED = 501, "邀请人员"
    ROLE_GRANTED = 502, "授予角色"
    ROLE_REVOKED = 503, "取消角色"
    PERSON_DEACTIVATED = 504, "停用账号"
    PERSON_CHANGED = 505, "修改人员信息"
    # 6xx API tokens
    TOKEN_ISSUED = 601, "签发接口令牌"
    TOKEN_REVOKED = 602, "吊销接口令牌"
    # 7xx the working calendar
    CALENDAR_YEAR_SET = 701, "录入年度放假安排"
    DEADLINE_RECOMPUTED = 702, "按新的放假安排重算答复期限"


OBJECT_LABELS = {
    "report": "年度报告",
    "import": "导入批次",
    "ingest_run": "批量导入",
    "collected_file": "收录文件",
    "copy_run": "重复内容查找",
    "case": "申请",
    "publication": "主动公开信息",
    "figure": "表二月度数据",
    "appeal": "复议诉讼",
    "agency": "机关",
    "membership": "角色",
    "person": "人员",
    "token": "接口令牌",
    "letter": "文书模板",
    "calendar": "年度放假安排",
}


class AppendOnly(Exception):
    """Raised when code tries to change or remove an audit event."""


APPEND_ONLY = "审计记录只能追加，不能修改或删除"


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnly(APPEND_ONLY)

    def delete(self) -> NoReturn:
        raise AppendOnly(APPEND_ONLY)


class AuditEvent(models.Model):
    event_type = models.PositiveSmallIntegerField("事项", choices=EventType.choices)
    user = models.ForeignKey(
        "auth.User", verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_type = models.CharField("对象类型", max_length=20)
    object_id = models.BigIntegerField("对象编号", null=True, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    before = models.JSONField("修改前", null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField("修改后", null=True, blank=True, encoder=DjangoJSONEncoder)
    reason = models.TextField("理由或说明", blank=True)

    objects: ClassVar[models.Manager[AuditEvent]] = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "审计记录"
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "at"], name="audit_object"),
            models.Index(fields=["agency", "at"], name="audit_agency"),
            models.Index(fields=["event_type", "at"], name="audit_type"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_event_type_display()}"

    def object_label(self) -> str:
        """The record as a person names it: 申请 12, 年度报告 7."""
        kind = OBJECT_LABELS.get(self.object_type, self.object_type)
        return f"{kind} {self.object_id}" if self.object_id is not None else kind

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly(APPEND_ONLY)
