"""The officer's registers (under /manage/registers/) and the public catalogue (/catalogue/)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from gongkai.roles import Need
from gongkai.web.agencies.access import access_agency_by_id, agencies_for, may, person
from gongkai.web.agencies.models import Agency
from gongkai.web.edge import form_problems, int_param, year_param
from gongkai.web.registers.actions import do_add_appeal, do_add_publication, do_set_figure
from gongkai.web.registers.forms import (
    AppealForm,
    FiguresForm,
    MonthlyFigureForm,
    PublicationForm,
)
from gongkai.web.registers.imports import FigureImportError, do_import_figures
from gongkai.web.registers.models import MonthlyFigure
from gongkai.web.registers.search import matching


@login_required
def registers(request: HttpRequest) -> HttpResponse:
    asked = int_param(request, "agency", 0)
    agency = (
        access_agency_by_id(request.user, asked, Need.READ)
        if asked
        else agencies_for(request.user, Need.HANDLE).first()
    )
    if agency is None:
        return render(request, "registers/registers.html", {"agency": None})
    return _page(request, agency, year_param(request))


def _page(
    request: HttpRequest,
    agency: Agency,
    year: int,
    publication_form: PublicationForm | None = None,
    appeal_form: AppealForm | None = None,
    figures_problem: list[str] | None = None,
) -> HttpResponse:
    publications = agency.publications.filter(formed_on__year=year)
    figures = (
        MonthlyFigure.objects.filter(agency=agency, year=year)
        .values("row")
        .annotate(total=Sum("value"))
        .order_by("row")
    )
    labels = dict(MonthlyFigure.Row.choices)
    context = {
        "agency": agency,
        "year": year,
        "agencies": agencies_for(request.user, Need.HANDLE).values_list("pk", "name"),
        "can_edit": may(request.user, agency, Need.HANDLE),
        "publications": publications,
        "late": [p for p in publications if p.late()],
        "figures": [(labels[f["row"]], f["total"].normalize()) for f in figures],
        "appeals": agency.appeals.filter(filed_on__year=year).select_related("application"),
        "publication_form": publication_form or PublicationForm(),
        "appeal_form": appeal_form or AppealForm(),
        "figures_form": FiguresForm(),
        "figure_form": MonthlyFigureForm(initial={"year": year}),
        "figures_problem": figures_problem or [],
    }
    failed = publication_form or appeal_form or figures_problem
    return render(request, "registers/registers.html", context, status=400 if failed else 200)


def _editable(request: HttpRequest, agency_id: int) -> Agency:
    return access_agency_by_id(request.user, agency_id, Need.HANDLE, "登记")


@login_required
@require_POST
def add_publication(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _editable(request, agency_id)
    form = PublicationForm(request.POST)
    if not form.is_valid():
        return _page(request, agency, year_param(request), publication_form=form)
    saved = do_add_publication(agency, person(request), form.cleaned_data)
    return HttpResponseRedirect(
        f"/manage/registers/?agency={agency.pk}&year={saved.formed_on.year}"
    )


@login_required
@require_POST
def add_appeal(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _editable(request, agency_id)
    form = AppealForm(request.POST, agency=agency)
    if not form.is_valid():
        return _page(request, agency, year_param(request), appeal_form=form)
    facts = {k: v for k, v in form.cleaned_data.items() if k != "case_number"}
    saved = do_add_appeal(agency, person(request), facts, form.cleaned_data["case_number"])
    return HttpResponseRedirect(f"/manage/registers/?agency={agency.pk}&year={saved.filed_on.year}")


@login_required
@require_POST
def set_figure(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _editable(request, agency_id)
    form = MonthlyFigureForm(request.POST)
    if not form.is_valid():
        problems = [
            f"{form.fields[name].label}：{e}" if name != "__all__" else str(e)
            for name, errors in form.errors.items()
            for e in errors
        ]
        return _page(request, agency, year_param(request), figures_problem=problems)
    data = form.cleaned_data
    do_set_figure(agency, person(request), data["year"], data["month"], data["row"], data["value"])
    return HttpResponseRedirect(f"/manage/registers/?agency={agency.pk}&year={data['year']}")


@login_required
@require_POST
def import_figures(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _editable(request, agency_id)
    form = FiguresForm(request.POST, request.FILES)
    if not form.is_valid():
        problems = form_problems(form)
        return _page(request, agency, year_param(request), figures_problem=problems)
    upload = form.cleaned_data["file"]
    try:
        do_import_figures(agency, person(request), upload.read(), upload.name)
    except FigureImportError as exc:
        return _page(request, agency, year_param(request), figures_problem=exc.problems)
    return HttpResponseRedirect(f"/manage/registers/?agency={agency.pk}&year={year_param(request)}")


def catalogue(request: HttpRequest, agency_id: int) -> HttpResponse:
    """The agency's public catalogue (政府信息公开目录), searchable in Chinese."""
    agency = get_object_or_404(Agency, pk=agency_id)
    query = request.GET.get("q", "").strip()[:50]
    published = agency.publications.filter(published_on__isnull=False).order_by(
        "-published_on", "-id"
    )
    found = matching(published, query) if query else published
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    return render(request, "registers/catalogue.html", {"agency": agency, "q": query, "page": page})
