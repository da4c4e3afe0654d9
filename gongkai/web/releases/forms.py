from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from gongkai import messages


class ReleaseForm(forms.Form):
    file = forms.FileField(
        label="公开的信息文件",
        error_messages={"required": "请选择文件", "empty": "文件为空"},
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.ofd,.png,.jpg,.jpeg,.docx,.xlsx,.txt,.zip"}
        ),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        limit = settings.RELEASE_MAX_BYTES
        if (upload.size or 0) > limit:
            raise forms.ValidationError(messages.RELEASE_TOO_LARGE.format(limit=limit >> 20))
        return upload


class RedactForm(forms.Form):
    boxes = forms.CharField(
        widget=forms.HiddenInput,
        max_length=200_000,
        error_messages={"required": "请先在页面上拖动鼠标标出要遮盖的区域"},
    )
