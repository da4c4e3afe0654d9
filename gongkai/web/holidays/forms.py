"""The calendar page's form: a year and its arrangement, typed, pasted or as a file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from gongkai.errors import GongkaiError
from gongkai.holiday_law import FIRST_YEAR, LAST_YEAR
from gongkai.holiday_notice import InvalidArrangement, YearArrangement, read_arrangement
from gongkai.readers.decode import bytes_to_text

MAX_FILE = 1024 * 1024  # a notice is a page of text; its CSV a few hundred lines
MAX_TEXT = 20000


class ArrangementForm(forms.Form):
    year = forms.IntegerField(
        label="年度",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "required": "请填写年度",
            "invalid": "年度应为四位数字",
            "min_value": f"年度应在{FIRST_YEAR}年至{LAST_YEAR}年之间",
            "max_value": f"年度应在{FIRST_YEAR}年至{LAST_YEAR}年之间",
        },
    )
    text = forms.CharField(
        label="放假安排（粘贴通知全文，或逐行写“2027年1月1日至3日 放假”“2027-02-07 上班”）",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 80}),
        error_messages={"max_length": "内容过长（最多{limit_value}字）"},
    )
    file = forms.FileField(
        label="或上传文件（通知文本、CSV 或 JSON）",
        required=False,
        error_messages={"empty": "文件为空"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.arrangement: YearArrangement | None = None
        self.source = ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        self.source = self._source(data)
        if not self.source.strip():
            raise forms.ValidationError("请粘贴放假安排，或上传文件")
        try:
            self.arrangement = read_arrangement(self.source, data["year"])
        except InvalidArrangement as exc:
            raise forms.ValidationError([str(p) for p in exc.problems]) from exc
        return data

    def _source(self, data: dict[str, Any]) -> str:
        upload = data.get("file")
        if upload is None:
            return str(data.get("text") or "")
        if upload.size > MAX_FILE:
            raise forms.ValidationError("文件超过1MB，不像是放假安排")
        try:
            return bytes_to_text(upload.read())[0]
        except GongkaiError as exc:
            raise forms.ValidationError(str(exc)) from exc


def next_year() -> int:
    return dt.date.today().year + 1
