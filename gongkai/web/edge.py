"""Reading a request at the edge: query parameters (a wrong value falls back to the default,
never fails) a form's problems said in one line; and files sent to be saved."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django import forms
from django.http import HttpRequest, HttpResponse

FIRST_YEAR, LAST_YEAR = 2008, 2100  # the first Regulation (国务院令第492号) took effect in 2008


def year_param(request: HttpRequest, default: int | None = None, first: int = FIRST_YEAR) -> int:
    """The `year` asked for, if it is a year gongkai knows of; else `default` (this year)."""
    asked = int_param(request, "year", 0)
    if first <= asked <= LAST_YEAR:
        return asked
    return default if default is not None else dt.date.today().year


def int_param(request: HttpRequest, name: str, default: int) -> int:
    """A whole number from the query string, or `default`: ASCII digits only (a superscript
    ² passes str.isdigit but not int()), at most 9 of them."""
    asked = request.GET.get(name, "")
    if asked.isascii() and asked.isdigit() and len(asked) <= 9:
        return int(asked)
    return default


def date_input() -> forms.DateInput:
    """A date field the browser offers its own picker for: the value must be ISO
    (2026-11-29); the locale's format (2026/11/29) shows as an empty 年/月/日 field."""
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    """A file to save, its name (Chinese included) kept by every browser (RFC 6266)."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def form_problems(form: forms.BaseForm) -> list[str]:
    """Every problem of a form, field by field, as the person should read them."""
    return [str(e) for errors in form.errors.values() for e in errors]
