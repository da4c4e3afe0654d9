"""信息处理费 (国办函〔2020〕109号): per item (第四条) or per page (第五条), both progressive
(超额累进). Amounts in whole yuan."""

from __future__ import annotations


def item_rate(nth: int) -> int:
    """The fee for the `nth` item one applicant asks for in a calendar month (第四条)."""
    if nth <= 10:
        return 0
    if nth <= 30:
        return 100
    return 100 * (2 + (nth - 31) // 10)  # 31–40: 200, 41–50: 300, …


def per_item_fee(earlier_this_month: int, items: int) -> int:
    """The fee for an application of `items` items (一事一申请) after `earlier_this_month`
    items from the same applicant in the same calendar month."""
    return sum(item_rate(n) for n in range(earlier_this_month + 1, earlier_this_month + items + 1))


_PAGE_TIERS = ((30, 0), (100, 10), (200, 20))  # (last page of the tier, yuan per page)


def per_page_fee(pages: int) -> int:
    """The fee for providing `pages` pages for one application (第五条)."""
    fee, floor = 0, 0
    for last, rate in _PAGE_TIERS:
        fee += max(0, min(pages, last) - floor) * rate
        floor = last
    return fee + max(0, pages - floor) * 40
