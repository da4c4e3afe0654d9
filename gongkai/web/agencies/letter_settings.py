"""The agency's letter settings (/manage/letters/<agency>/): what every letter of the agency
says about it — 联系人, 电话, 地址 (附注), 复议机关 and 管辖法院 (救济途径), how and where to
pay (收费通知), and the seal's image. Kept by the agency's administrator; every change is
audited (before and after, the seal by its size)."""

from __future__ import annotations

import io

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from PIL import Image, UnidentifiedImageError

from gongkai.cases.letters import AgencyDetails
from gongkai.roles import Need
from gongkai.web.agencies.access import NOT_FOUND, access_agency_by_id, agencies_for, person
from gongkai.web.agencies.actions import LETTER_TEXT_FIELDS as TEXT_FIELDS
from gongkai.web.agencies.actions import do_set_letter_settings
from gongkai.web.agencies.models import Agency, LetterSettings
from gongkai.web.edge import form_problems, int_param

SEAL_PIXELS = 2000  # a seal scanned at 600 dpi is about 1000 pixels across
NOT_PNG = "印章图片应为 PNG 格式（透明背景）"
SEAL_TOO_LARGE = "印章图片超过{kb}KB"
SEAL_TOO_WIDE = "印章图片的长宽不能超过{pixels}像素"
TOO_LONG = "最多%(limit_value)d个字（现有%(show_value)d个字）"


def agency_details(agency: Agency) -> AgencyDetails:
    """What the agency's letters say about it (only its name until the settings are kept)."""
    kept = LetterSettings.objects.filter(agency=agency).first()
    if kept is None:
        return AgencyDetails(agency.name)
    texts = {name: getattr(kept, name) for name in TEXT_FIELDS}
    return AgencyDetails(agency.name, **texts, seal=bytes(kept.seal) if kept.seal else None)


class LetterSettingsForm(forms.ModelForm[LetterSettings]):
    seal_file = forms.FileField(
        label="印章图片",
        required=False,
        help_text="PNG 格式、透明背景，不超过512KB；盖在文书落款处",
        widget=forms.FileInput(attrs={"accept": "image/png"}),
    )
    remove_seal = forms.BooleanField(label="删除现有印章图片", required=False)

    class Meta:
        model = LetterSettings
        fields = list(TEXT_FIELDS)
        error_messages = {name: {"max_length": TOO_LONG} for name in TEXT_FIELDS}
        widgets = {name: forms.TextInput(attrs={"size": 60}) for name in TEXT_FIELDS[2:]}

    def clean_seal_file(self) -> bytes | None:
        upload: UploadedFile | None = self.cleaned_data.get("seal_file")
        if upload is None:
            return None
        limit = settings.SEAL_MAX_BYTES
        if (upload.size or 0) > limit:
            raise forms.ValidationError(SEAL_TOO_LARGE.format(kb=limit >> 10))
        data = bytes(upload.read())
        check_seal(data)
        return data


def check_seal(data: bytes) -> None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != "PNG":
                raise forms.ValidationError(NOT_PNG)
            if max(image.size) > SEAL_PIXELS:
                raise forms.ValidationError(SEAL_TOO_WIDE.format(pixels=SEAL_PIXELS))
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise forms.ValidationError(NOT_PNG) from exc


@login_required
def letter_settings(request: HttpRequest) -> HttpResponse:
    asked = int_param(request, "agency", 0)
    agency = (
        access_agency_by_id(request.user, asked, Need.SET_LETTERS)
        if asked
        else agencies_for(request.user, Need.SET_LETTERS).order_by("path").first()
    )
    if agency is None:
        raise Http404(NOT_FOUND)
    return HttpResponseRedirect(f"/manage/letters/{agency.pk}/")


@login_required
def agency_letter_settings(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = access_agency_by_id(request.user, agency_id, Need.SET_LETTERS, "设置文书")
    kept = LetterSettings.objects.filter(agency=agency).first()
    form = LetterSettingsForm(request.POST or None, request.FILES or None, instance=kept)
    problem = ""
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            values = {name: data[name] for name in TEXT_FIELDS}
            do_set_letter_settings(
                agency, person(request), values, data["seal_file"], data["remove_seal"]
            )
            return HttpResponseRedirect(f"/manage/letters/{agency.pk}/?saved=1")
        problem = "；".join(form_problems(form))
    context = {
        "agency": agency,
        "form": form,
        "has_seal": bool(kept and kept.seal),
        "saved": request.GET.get("saved") == "1",
        "problem": problem,
        "agencies": agencies_for(request.user, Need.SET_LETTERS).order_by("path")[:200],
    }
    return render(request, "agencies/letter_settings.html", context, status=400 if problem else 200)


@login_required
def seal_image(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = access_agency_by_id(request.user, agency_id, Need.SET_LETTERS, "设置文书")
    kept = LetterSettings.objects.filter(agency=agency).exclude(seal=None).first()
    if kept is None or not kept.seal:
        raise Http404(NOT_FOUND)
    return HttpResponse(bytes(kept.seal), content_type="image/png")
