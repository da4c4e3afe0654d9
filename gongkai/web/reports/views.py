"""Officers' pages: upload a report file, see it checked, publish it. Thin views: parse the
form, access_* with a permission check, one action, render."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from gongkai.errors import GongkaiError
from gongkai.web.agencies.access import Role, access_agency_by_id, agencies_for
from gongkai.web.reports.actions import (
    PublishError,
    do_correct_cell,
    do_import_report,
    do_publish_report,
)
from gongkai.web.reports.models import PublishedReport

MAX_UPLOAD = 20 * 1024 * 1024
EDITORS = (Role.OFFICER, Role.APPROVER)


class UploadForm(forms.Form):
    agency = forms.IntegerField(
        widget=forms.Select,
        label="机关",
        error_messages={"required": "请选择机关", "invalid": "请选择机关"},
    )
    file = forms.FileField(
        label="年度报告文件", error_messages={"required": "请选择要上传的文件", "empty": "文件为空"}
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("文件超过20MB", code="too_large")
        return upload


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    choices = list(agencies_for(request.user, EDITORS).values_list("pk", "name"))
    form = UploadForm(request.POST or None, request.FILES or None)
    form.fields["agency"].widget.choices = choices
    if request.method == "POST" and form.is_valid():
        agency = access_agency_by_id(request.user, form.cleaned_data["agency"], EDITORS, "上传")
        upload_file = form.cleaned_data["file"]
        try:
            record = do_import_report(agency, upload_file.read(), upload_file.name)
        except GongkaiError as exc:
            form.add_error("file", str(exc))
        else:
            return HttpResponseRedirect(f"/manage/reports/{record.pk}/")
    return render(request, "reports/upload.html", {"form": form, "choices": choices})


def _editable(request: HttpRequest, report_id: int, action: str) -> PublishedReport:
    record = get_object_or_404(PublishedReport.objects.select_related("agency"), pk=report_id)
    access_agency_by_id(request.user, record.agency_id, (*EDITORS, Role.SUPERVISOR), action)
    return record


@login_required
def preview(request: HttpRequest, report_id: int) -> HttpResponse:
    return _preview(request, _editable(request, report_id, "查看"))


def _preview(
    request: HttpRequest, record: PublishedReport, problem: str = "", status: int = 200
) -> HttpResponse:
    findings = record.findings()
    context = {
        "record": record,
        "errors": [f for f in findings if f["severity"] == "error"],
        "warnings": [f for f in findings if f["severity"] == "warning"],
        "changes": record.changes.select_related("user")[:50],
        "problem": problem,
    }
    return render(request, "reports/preview.html", context, status=status)


@login_required
@require_POST
def correct(request: HttpRequest, report_id: int) -> HttpResponse:
    record = get_object_or_404(PublishedReport.objects.select_related("agency"), pk=report_id)
    access_agency_by_id(request.user, record.agency_id, EDITORS, "修改")
    form = request.POST
    try:
        do_correct_cell(
            record,
            request.user,  # type: ignore[arg-type]
            form.get("cell", ""),
            form.get("value", ""),
            form.get("reason", ""),
        )
    except GongkaiError as exc:
        return _preview(request, record, str(exc), status=400)
    return HttpResponseRedirect(f"/manage/reports/{record.pk}/")


@login_required
@require_POST
def publish(request: HttpRequest, report_id: int) -> HttpResponse:
    record = get_object_or_404(PublishedReport, pk=report_id)
    access_agency_by_id(request.user, record.agency_id, EDITORS, "发布")
    try:
        do_publish_report(record)
    except PublishError as exc:
        raise PermissionDenied(str(exc)) from exc
    return HttpResponseRedirect(f"/reports/{record.pk}/")
