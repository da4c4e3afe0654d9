"""The filter every supervisors' page shares: a region (an agency of the person's scope, their
whole scope by default), a level, and a year or a span of years; said back in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Max, Min, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html_join

from gongkai.figures import MEASURES
from gongkai.roles import Need
from gongkai.web.agencies.access import access_agency_by_id, agencies_for
from gongkai.web.agencies.models import Agency
from gongkai.web.edge import FIRST_YEAR, LAST_YEAR, int_param
from gongkai.web.reports.models import PublishedReport, ReportFigures

LEVELS = dict(Agency.Level.choices)


@dataclass(frozen=True)
class Filter:
    scope: QuerySet[Agency]  # the person's agencies, narrowed to the region and level
    region: Agency | None
    level: str  # "" for every level
    first: int
    last: int
    years: list[int]  # the years with published reports, newest first
    regions: list[Agency]  # the regions the person may choose (agencies with agencies below)
    tops: list[Agency]  # the highest agencies of the person's scope

    @property
    def root(self) -> Agency | None:
        """The one agency whose subtree the filter covers (None: several separate trees)."""
        return self.region or (self.tops[0] if len(self.tops) == 1 else None)

    def parts(self) -> list[Agency]:
        """The sub-regions: the agencies right below the root (else the person's tops)."""
        if self.root is None:
            return self.tops
        return list(Agency.objects.filter(parent=self.root).order_by("path"))

    def words(self) -> str:
        """范围：某市及所属机关；层级：县级；年度：2020年至2022年."""
        where = f"{self.region.name}及所属机关" if self.region else "本人可查看的全部机关"
        level = LEVELS.get(self.level, "全部层级")
        span = f"{self.first}年" if self.first == self.last else f"{self.first}年至{self.last}年"
        return f"范围：{where}；层级：{level}；年度：{span}"

    def query(self, **more: object) -> str:
        asked: dict[str, object] = {"from": self.first, "to": self.last}
        if self.region:
            asked["region"] = self.region.pk
        if self.level:
            asked["level"] = self.level
        return urlencode({**asked, **more})


def read_filter(request: HttpRequest) -> Filter:
    """The filter asked for in the query string: `region`, `level`, `from` and `to` (or
    `year` for one year); what is missing or wrong falls back to the whole scope and the
    latest year with reports. A region outside the person's scope is not found (404)."""
    whole = agencies_for(request.user, Need.READ)
    regions = regions_of(whole)
    tops = list(whole.exclude(parent__in=whole).order_by("path")[:100])
    scope, region = region_scope(request)
    level = request.GET.get("level", "")
    if level in LEVELS:
        scope = scope.filter(level=level)
    years = years_in(scope)
    latest = years[0] if years else dt.date.today().year - 1
    last = _year(request, "to", _year(request, "year", latest))
    first = min(_year(request, "from", _year(request, "year", last)), last)
    return Filter(
        scope, region, level if level in LEVELS else "", first, last, years, regions, tops
    )


def regions_of(whole: QuerySet[Agency]) -> list[Agency]:
    """The regions a person may narrow a page to: their agencies with agencies below."""
    return list(whole.filter(pk__in=whole.values("parent")).order_by("path")[:500])


def region_scope(request: HttpRequest) -> tuple[QuerySet[Agency], Agency | None]:
    """The person's agencies, narrowed to the `region` asked for (an agency of their scope;
    one outside it is not found, 404), and that region (None: the whole scope)."""
    scope = agencies_for(request.user, Need.READ)
    region_id = int_param(request, "region", 0)
    region = access_agency_by_id(request.user, region_id, Need.READ) if region_id else None
    if region is not None:
        scope = scope.filter(path__startswith=region.path)
    return scope, region


def _year(request: HttpRequest, name: str, default: int) -> int:
    asked = int_param(request, name, 0)
    return asked if FIRST_YEAR <= asked <= LAST_YEAR else default


def years_in(scope: QuerySet[Agency]) -> list[int]:
    """The years the scope has published reports of, newest first: one probe per year of
    the library's span (each stops at the scope's first report), rather than reading every
    report of the scope."""
    published = ReportFigures.objects.filter(status=PublishedReport.Status.PUBLISHED)
    span = published.aggregate(first=Min("year"), last=Max("year"))
    if span["first"] is None:
        return []
    return [
        year
        for year in range(span["last"], span["first"] - 1, -1)
        if published.filter(year=year, agency__in=scope).exists()
    ]


def filter_context(chosen: Filter, **more: object) -> dict[str, Any]:
    """What the shared filter form (`supervision/_filter.html`) shows."""
    return {
        "filter": chosen,
        "words": chosen.words(),
        "levels": LEVELS,
        "measures": MEASURES,
        "query": chosen.query(**{k: v for k, v in more.items() if v}),
        "region_options": region_options(chosen),
        **{k: v for k, v in more.items() if k in ("by", "order")},
    }


def region_options(chosen: Filter) -> str:
    return options_of(chosen.regions, chosen.region)


def options_of(regions: list[Agency], region: Agency | None) -> str:
    """The region select's options: a province has hundreds of regions, written here at
    once rather than node by node by the template engine."""
    picked = region.pk if region else None
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((r.pk, " selected" if r.pk == picked else "", r.name) for r in regions),
    )
