"""Each measure of `gongkai.figures` as an SQL expression over one `ReportFigures` row, so
that a province's agencies are valued, ordered and cut in the database. The expression
gives what `measure.compute` gives for the row's figures (a test holds them together)."""

from __future__ import annotations

from functools import reduce
from operator import add

from django.db.models import F, FloatField, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Cast, Coalesce, NullIf

from gongkai.figures import Measure, PerTenThousand, Plain, Share, Total


def measure_sql(
    measure: Measure, figures: str = "", population: str = "agency__population"
) -> Combinable:
    """The measure of one report's figures (NULL where it cannot be computed): the figures
    read at `figures` (a prefix: "" from `ReportFigures`, "report_figures__" from the
    agency), the agency's population at `population`."""
    formula = measure.compute
    if isinstance(formula, Share):
        whole = _total(formula.whole, figures)
        return _total(formula.part, figures) / NullIf(whole, Value(0.0))
    if isinstance(formula, Plain):
        return Cast(F(figures + formula.name), FloatField())
    if isinstance(formula, Total):
        return _total(formula.uses, figures)
    if isinstance(formula, PerTenThousand):
        base = NullIf(Cast(F(population), FloatField()), Value(0.0))
        return _total(formula.uses, figures) * Value(10_000.0) / base
    raise TypeError(f"no SQL for {formula!r}")  # a new kind of formula needs its SQL here


def _total(names: tuple[str, ...], figures: str) -> Combinable:
    """The figures' sum, a blank counting as 0 (as `gongkai.figures` sums them)."""
    cells = [Cast(Coalesce(F(figures + n), Value(0)), FloatField()) for n in names]
    return reduce(add, cells)
