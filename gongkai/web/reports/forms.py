"""The library's forms: the filter (portal pages and API alike) and the upload."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.web.agencies.models import Agency
from gongkai.web.edge import form_problems
from gongkai.web.reports.queries import ReportFilter

ERRORS = {
    "year": {
        "invalid": "年度应为四位数字，如 2021",
        "min_value": "年度不早于 2008 年",
        "max_value": "年度不晚于 2100 年",
    },
    "region": {"invalid_choice": "没有这个地区或机关"},
    "level": {"invalid_choice": "层级应为：省级、市级、县级、乡镇（街道）或部门"},
    "q": {"max_length": "搜索词不超过 50 个字"},
}


# A region is a government's territory; its departments are reached through it.
REGION_LEVELS = (Agency.Level.PROVINCE, Agency.Level.CITY, Agency.Level.COUNTY)


class FilterForm(forms.Form):
    year = forms.IntegerField(
        label="年度", required=False, min_value=2008, max_value=2100, error_messages=ERRORS["year"]
    )
    region = forms.ModelChoiceField(
        label="地区",
        required=False,
        queryset=Agency.objects.filter(level__in=REGION_LEVELS),
        empty_label="全部",
        error_messages=ERRORS["region"],
    )
    level = forms.ChoiceField(
        label="层级",
        required=False,
        choices=[("", "全部"), *Agency.Level.choices],
        error_messages=ERRORS["level"],
    )
    q = forms.CharField(
        label="机关名称", required=False, max_length=50, strip=True, error_messages=ERRORS["q"]
    )

    def to_filter(self) -> ReportFilter:
        data = self.cleaned_data
        return ReportFilter(
            year=data.get("year"),
            region=data.get("region"),
            level=data.get("level") or None,
            q=data.get("q") or "",
        )

    def error_text(self) -> str:
        return "；".join(form_problems(self))


MAX_UPLOAD = 20 * 1024 * 1024
MAX_BATCH = 100 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        uploads = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(d, initial) for d in uploads]


class UploadForm(forms.Form):
    """One or many report files (or zips of them) for one agency."""

    agency = forms.IntegerField(
        widget=forms.Select,
        label="机关",
        error_messages={"required": "请选择机关", "invalid": "请选择机关"},
    )
    year = forms.IntegerField(
        label="年度",
        required=False,
        min_value=2008,
        max_value=2100,
        error_messages=ERRORS["year"],
        help_text="填写后，文件年度与之不一致时会提示",
    )
    uploads = MultipleFileField(
        label="年度报告文件",
        error_messages={"required": "请选择要上传的文件", "empty": "文件为空"},
    )

    def clean_uploads(self) -> list[tuple[str, bytes]]:
        uploads = self.cleaned_data["uploads"]
        for upload in uploads:
            if upload.size == 0:
                raise forms.ValidationError(f"{upload.name}：文件为空", code="empty")
            if upload.size > MAX_UPLOAD:
                raise forms.ValidationError(f"{upload.name}：文件超过20MB", code="too_large")
        if sum(upload.size for upload in uploads) > MAX_BATCH:
            raise forms.ValidationError("一次上传的文件合计超过100MB，请分批上传", code="too_large")
        return [(upload.name, upload.read()) for upload in uploads]
