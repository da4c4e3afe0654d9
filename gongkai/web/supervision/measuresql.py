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


def measure_sql(measure: Measure) -> Combinable:
    """The measure of one report's figures (NULL where it cannot be computed)."""
    formula = measure.compute
    if isinstance(formula, Share):
        return _total(formula.part) / NullIf(_total(formula.whole), Value(0.0))
    if isinstance(formula, Plain):
        return Cast(F(formula.name), FloatField())
    if isinstance(formula, Total):
        return _total(formula.uses)
    if isinstance(formula, PerTenThousand):
        population = NullIf(Cast(F("agency__population"), FloatField()), Value(0.0))
        return _total(formula.uses) * Value(10_000.0) / population
    raise TypeError(f"no SQL for {formula!r}")  # a new kind of formula needs its SQL here


def _total(names: tuple[str, ...]) -> Combinable:
    """The figures' sum, a blank counting as 0 (as `gongkai.figures` sums them)."""
    cells = [Cast(Coalesce(F(n), Value(0)), FloatField()) for n in names]
    return reduce(add, cells)
